package table

import (
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

// The registries' Error types hold a code, a message and what the message
// wrapped; their generated methods call the functions below, so that an
// error behaves the same in every registry.

// Format formats a message as fmt.Errorf does, and returns it with the
// error it wrapped (its %w operands), or nil when it wraps nothing: what
// an Errorf of a registry keeps.
func Format(format string, args ...any) (msg string, wrapped error) {
	w := fmt.Errorf(format, args...)
	switch w.(type) {
	case interface{ Unwrap() error }, interface{ Unwrap() []error }:
		return w.Error(), w
	}
	return w.Error(), nil
}

// ErrorText is the text of an error carrying c: "system NAME: msg", or
// "system NAME" without a message.
func (t *Table[C]) ErrorText(c C, msg string) string {
	s := t.System + " " + t.String(c)
	if msg == "" {
		return s
	}
	return s + ": " + msg
}

// ErrorLogValue logs an error carrying c as a group: its system, code
// name, number and message.
func (t *Table[C]) ErrorLogValue(c C, msg string) slog.Value {
	return slog.GroupValue(
		slog.String("system", t.System),
		slog.String("code", t.String(c)),
		slog.Int64("number", int64(c)),
		slog.String("message", msg),
	)
}

// ErrorInfo returns the google.rpc.ErrorInfo that describes c: its reason
// is Reason(c), its domain the registry's, and its metadata holds the
// number under MetadataKey.
//
// A table with a Revision adds it under RevisionKey, so that a reader of
// another revision of the same system reads the code by name; and, for a
// listed code whose name is no valid reason (too long, or too short: OK),
// the name under NameKey, since its reason is CODE_N.
func (t *Table[C]) ErrorInfo(c C) *errdetails.ErrorInfo {
	md := map[string]string{MetadataKey: strconv.FormatInt(int64(c), 10)}
	if t.Revision != "" {
		md[RevisionKey] = t.Revision
		if e := t.Lookup(c); e != nil && !validReason(e.Name) {
			md[NameKey] = e.Name
		}
	}
	return &errdetails.ErrorInfo{Reason: t.Reason(c), Domain: t.Domain, Metadata: md}
}

// RevisionKey is the google.rpc.ErrorInfo metadata key that names the
// upstream revision whose numbers an error's code has.
const RevisionKey = "revision"

// NameKey is the google.rpc.ErrorInfo metadata key that carries the
// upstream name of a code whose name the reason cannot carry, in the
// errors of a table with a Revision.
const NameKey = "name"

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

// StatusCode is the gRPC code an error carrying c travels with: GRPC(c),
// but UNKNOWN in place of OK.
func (t *Table[C]) StatusCode(c C) codes.Code {
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
	st := status.New(t.StatusCode(c), msg)
	if withInfo, err := st.WithDetails(t.ErrorInfo(c)); err == nil {
		return withInfo
	}
	return st
}

// FromStatus reads a code back from a gRPC status: from an ErrorInfo
// detail of this registry's domain (its metadata number first, else its
// reason, as Parse reads it), or OK for an OK status. It reports false,
// with Fallback, when the status carries no code of this registry.
//
// An ErrorInfo that names a revision other than the table's comes from
// another revision of the same system, whose numbers may mean other
// codes: FromStatus reads its upstream name only (NameKey's, else the
// reason), and gives the zero code, with true, for a name this revision
// does not have, so that a code is never mislabelled.
func (t *Table[C]) FromStatus(st *status.Status) (C, bool) {
	if st.Code() == codes.OK { // a nil *status.Status is OK too
		return C(t.OK), true
	}
	for _, d := range st.Details() {
		info, ok := d.(*errdetails.ErrorInfo)
		if !ok || info.GetDomain() != t.Domain {
			continue
		}
		if rev := info.GetMetadata()[RevisionKey]; rev != "" && rev != t.Revision {
			name := info.GetMetadata()[NameKey]
			if name == "" {
				name = info.GetReason()
			}
			if i := t.byName(name); i >= 0 && t.Entries[i].Name == name {
				return C(t.Entries[i].Num), true
			}
			return 0, true
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

// CodeOf returns the code err carries as a gRPC status: OK for nil, else
// what FromStatus reads from the status of the first error in the chain
// that has one. It reports false, with Fallback, when err carries no code
// of this registry. A registry's own CodeOf looks for its Error type in
// the chain first.
func (t *Table[C]) CodeOf(err error) (C, bool) {
	if err == nil {
		return C(t.OK), true
	}
	if st, ok := status.FromError(err); ok {
		return t.FromStatus(st)
	}
	return C(t.Fallback), false
}
