package table

import (
	"errors"
	"fmt"
	"strconv"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// MetadataKey is the google.rpc.ErrorInfo metadata key that carries a
// code's number, so that unknown codes survive a trip through gRPC.
const MetadataKey = "code"

// Error is an error that carries a registry code. It converts to a gRPC
// status (GRPCStatus) with a google.rpc.ErrorInfo detail naming the code,
// and it wraps whatever its format wrapped with %w.
type Error[C Code] struct {
	table *Table[C]
	code  C
	msg   string
	cause error // the fmt.Errorf result, when it wraps something
}

// Errorf returns an error carrying code, with a message formatted as
// fmt.Errorf does; %w verbs wrap their operands.
func (t *Table[C]) Errorf(code C, format string, args ...any) *Error[C] {
	w := fmt.Errorf(format, args...)
	e := &Error[C]{table: t, code: code, msg: w.Error()}
	switch w.(type) {
	case interface{ Unwrap() error }, interface{ Unwrap() []error }:
		e.cause = w
	}
	return e
}

// Code returns the code the error carries.
func (e *Error[C]) Code() C { return e.code }

// Message returns the message without the code.
func (e *Error[C]) Message() string { return e.msg }

// Error returns "system NAME: message".
func (e *Error[C]) Error() string {
	s := e.table.System + " " + e.table.String(e.code)
	if e.msg == "" {
		return s
	}
	return s + ": " + e.msg
}

// Unwrap returns what the message wrapped with %w, or nil.
func (e *Error[C]) Unwrap() error { return e.cause }

// Is reports whether target is an error of the same registry with the
// same code, so that such errors serve as sentinels for errors.Is.
func (e *Error[C]) Is(target error) bool {
	t, ok := target.(*Error[C])
	return ok && t.table == e.table && t.code == e.code
}

// ErrorInfo returns the google.rpc.ErrorInfo that describes the code:
// reason is the upstream name (CODE_N for an unknown code), domain the
// registry's, and metadata holds the number under MetadataKey.
func (e *Error[C]) ErrorInfo() *errdetails.ErrorInfo {
	return e.table.ErrorInfo(e.code)
}

// GRPCStatus returns the gRPC status of the error: the canonical code the
// registry maps the code to, the message, and the ErrorInfo detail.
func (e *Error[C]) GRPCStatus() *status.Status {
	return e.table.Status(e.code, e.msg)
}

// ErrorInfo returns the google.rpc.ErrorInfo that describes c.
func (t *Table[C]) ErrorInfo(c C) *errdetails.ErrorInfo {
	n := strconv.FormatInt(int64(c), 10)
	reason := "CODE_" + n
	if e := t.Lookup(c); e != nil {
		reason = e.Name
	}
	return &errdetails.ErrorInfo{
		Reason:   reason,
		Domain:   t.Domain,
		Metadata: map[string]string{MetadataKey: n},
	}
}

// Status returns the gRPC status of an error carrying c, with message
// msg and an ErrorInfo detail from which FromStatus reads c back. An error
// never travels as OK, which gRPC would take for success and drop: a code
// that maps to OK (a success code carried by an error) travels as UNKNOWN.
func (t *Table[C]) Status(c C, msg string) *status.Status {
	code := t.GRPC(c)
	if code == codes.OK {
		code = codes.Unknown
	}
	st := status.New(code, msg)
	if withInfo, err := st.WithDetails(t.ErrorInfo(c)); err == nil {
		return withInfo
	}
	return st
}

// FromStatus reads a code back from a gRPC status: from an ErrorInfo
// detail of this registry's domain (its metadata number first, else its
// reason), or OK for an OK status. It reports false, with Fallback, when
// the status carries no code of this registry.
func (t *Table[C]) FromStatus(st *status.Status) (C, bool) {
	if st.Code() == codes.OK { // a nil *status.Status is OK too
		return C(t.OK), true
	}
	for _, d := range st.Details() {
		info, ok := d.(*errdetails.ErrorInfo)
		if !ok || info.GetDomain() != t.Domain {
			continue
		}
		if n, ok := info.GetMetadata()[MetadataKey]; ok {
			if c, err := t.parseNumber(n, n); err == nil {
				return c, true
			}
		}
		if i := t.byName(info.GetReason()); i >= 0 {
			return C(t.Entries[i].Num), true
		}
	}
	return C(t.Fallback), false
}

// CodeOf returns the code an error carries: OK for nil, the code of an
// *Error in the chain, or the code of a gRPC status in the chain that
// FromStatus can read. Any other error gives Fallback.
func (t *Table[C]) CodeOf(err error) C {
	if err == nil {
		return C(t.OK)
	}
	if e, ok := errors.AsType[*Error[C]](err); ok && e.table == t {
		return e.code
	}
	if st, ok := status.FromError(err); ok {
		c, _ := t.FromStatus(st)
		return c
	}
	return C(t.Fallback)
}
