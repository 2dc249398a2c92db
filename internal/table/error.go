package table

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// MetadataKey is the google.rpc.ErrorInfo metadata key that carries a
// code's number, so that unknown codes survive a trip through gRPC.
const MetadataKey = "code"

// Registry names a Table as a type: a registry package declares an empty
// struct type whose Table method returns its table, and instantiates
// Error with it. The error type then knows its table without holding a
// pointer, so its zero value is usable, and errors of two registries that
// share a code type are of different types.
type Registry[C Code] interface {
	Table() *Table[C]
}

// Error is an error that carries a registry code. It converts to a gRPC
// status (GRPCStatus) with a google.rpc.ErrorInfo detail naming the code,
// and it wraps whatever its format wrapped with %w. The zero Error carries
// the registry's code 0 with no message.
type Error[C Code, R Registry[C]] struct {
	code  C
	msg   string
	cause error // the fmt.Errorf result, when it wraps something
}

// Errorf returns an error of registry R carrying code, with a message
// formatted as fmt.Errorf does; %w verbs wrap their operands.
func Errorf[C Code, R Registry[C]](code C, format string, args ...any) *Error[C, R] {
	w := fmt.Errorf(format, args...)
	e := &Error[C, R]{code: code, msg: w.Error()}
	switch w.(type) {
	case interface{ Unwrap() error }, interface{ Unwrap() []error }:
		e.cause = w
	}
	return e
}

// table returns the error's registry.
func (e *Error[C, R]) table() *Table[C] {
	var r R
	return r.Table()
}

// Code returns the code the error carries.
func (e *Error[C, R]) Code() C { return e.code }

// Message returns the message without the code.
func (e *Error[C, R]) Message() string { return e.msg }

// Error returns "system NAME: message", or "system NAME" without one.
func (e *Error[C, R]) Error() string {
	t := e.table()
	s := t.System + " " + t.String(e.code)
	if e.msg == "" {
		return s
	}
	return s + ": " + e.msg
}

// Unwrap returns what the message wrapped with %w, or nil.
func (e *Error[C, R]) Unwrap() error { return e.cause }

// Is reports whether target is an error of the same registry with the
// same code, so that such errors serve as sentinels for errors.Is within
// a process. Across gRPC the far side holds a status error, not an
// *Error: compare codes there (CodeOf).
func (e *Error[C, R]) Is(target error) bool {
	t, ok := target.(*Error[C, R])
	return ok && t.code == e.code
}

// HTTPStatus returns the HTTP status the registry pairs with the code, or
// 0 when it has none (the caller then goes by GRPCCode).
func (e *Error[C, R]) HTTPStatus() int { return e.table().HTTP(e.code) }

// GRPCCode returns the canonical gRPC code of the error's status: the code
// the registry maps the error's code to, UNKNOWN in place of OK.
func (e *Error[C, R]) GRPCCode() codes.Code { return e.table().statusCode(e.code) }

// ErrorInfo returns the google.rpc.ErrorInfo that describes the code: see
// Table.ErrorInfo.
func (e *Error[C, R]) ErrorInfo() *errdetails.ErrorInfo {
	return e.table().ErrorInfo(e.code)
}

// GRPCStatus returns the gRPC status of the error: the canonical code the
// registry maps the code to, the message, and the ErrorInfo detail.
func (e *Error[C, R]) GRPCStatus() *status.Status {
	return e.table().Status(e.code, e.msg)
}

// LogValue logs the error as a group: its system, code name, number and
// message.
func (e *Error[C, R]) LogValue() slog.Value {
	t := e.table()
	return slog.GroupValue(
		slog.String("system", t.System),
		slog.String("code", t.String(e.code)),
		slog.Int64("number", int64(e.code)),
		slog.String("message", e.msg),
	)
}

// ErrorInfo returns the google.rpc.ErrorInfo that describes c: its reason
// is Reason(c), its domain the registry's, and its metadata holds the
// number under MetadataKey.
func (t *Table[C]) ErrorInfo(c C) *errdetails.ErrorInfo {
	return &errdetails.ErrorInfo{
		Reason:   t.Reason(c),
		Domain:   t.Domain,
		Metadata: map[string]string{MetadataKey: strconv.FormatInt(int64(c), 10)},
	}
}

// maxReason is the longest reason AIP-193 allows.
const maxReason = 63

// Reason returns the google.rpc.ErrorInfo reason of c. It is the upstream
// name when that is a valid reason (AIP-193: [A-Z][A-Z0-9_]+[A-Z0-9], at
// most 63 characters). Otherwise, for an unknown code, a name too short
// (OK) or too long, it is CODE_N, or CODE_MINUS_N for a negative number.
// Parse and FromStatus read every reason back to its number.
func (t *Table[C]) Reason(c C) string {
	if e := t.Lookup(c); e != nil && validReason(e.Name) {
		return e.Name
	}
	return string(appendNumberReason(make([]byte, 0, 24), int64(c)))
}

// numberReason is the prefix of the reasons that carry a number.
const numberReason, minus = "CODE_", "MINUS_"

func appendNumberReason(b []byte, n int64) []byte {
	b = append(b, numberReason...)
	if n < 0 {
		b = append(b, minus...)
		// -n overflows only for MinInt64, which no code reaches.
		n = -n
	}
	return strconv.AppendInt(b, n, 10)
}

// validReason reports whether s matches AIP-193's reason format.
func validReason(s string) bool {
	if len(s) < 3 || len(s) > maxReason || s[0] < 'A' || s[0] > 'Z' || s[len(s)-1] == '_' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// statusCode is the gRPC code an error carrying c travels with.
func (t *Table[C]) statusCode(c C) codes.Code {
	code := t.GRPC(c)
	if code == codes.OK {
		code = codes.Unknown
	}
	return code
}

// Status returns the gRPC status of an error carrying c, with message
// msg and an ErrorInfo detail from which FromStatus reads c back. An error
// never travels as OK, which gRPC would take for success and drop: a code
// that maps to OK (a success code carried by an error) travels as UNKNOWN.
func (t *Table[C]) Status(c C, msg string) *status.Status {
	st := status.New(t.statusCode(c), msg)
	if withInfo, err := st.WithDetails(t.ErrorInfo(c)); err == nil {
		return withInfo
	}
	return st
}

// FromStatus reads a code back from a gRPC status: from an ErrorInfo
// detail of this registry's domain (its metadata number first, else its
// reason, as Parse reads it), or OK for an OK status. It reports false,
// with Fallback, when the status carries no code of this registry.
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
		if c, err := t.Parse(info.GetReason()); err == nil {
			return c, true
		}
	}
	return C(t.Fallback), false
}

// CodeOf returns the code an error of registry R carries: OK for nil, the
// code of an *Error of R in the chain, or the code of a gRPC status in the
// chain that FromStatus can read. Any other error gives Fallback.
func CodeOf[C Code, R Registry[C]](err error) C {
	var r R
	t := r.Table()
	if err == nil {
		return C(t.OK)
	}
	if e, ok := errors.AsType[*Error[C, R]](err); ok {
		return e.code
	}
	if st, ok := status.FromError(err); ok {
		c, _ := t.FromStatus(st)
		return c
	}
	return C(t.Fallback)
}
