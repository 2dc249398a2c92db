package turms

import (
	"log/slog"

	"google.golang.org/grpc/codes"
)

// SessionCloseStatus is why a Turms session closed (100 to 701). Its
// numbers and names overlap the other sets' (CloseIllegalRequest is 100,
// as is ClientInvalidRequest; the server's LoginTimeout is 2010, the
// close status CloseLoginTimeout 111), hence a type of its own. Its
// constants are the CamelCase upstream names prefixed with Close.
type SessionCloseStatus int32

// ParseSessionCloseStatus returns the close status s names: the upstream
// name ("HEARTBEAT_TIMEOUT"), the Go name ("CloseHeartbeatTimeout"), in
// any letter case, a decimal number, or the SessionCloseStatus(N) form of
// an unknown status. A failure is a *ParseError.
func ParseSessionCloseStatus(s string) (SessionCloseStatus, error) {
	return sessionRegistry.Parse(s)
}

// SessionCloseStatuses returns every close status the seed lists, in
// ascending order. The slice is a fresh copy.
func SessionCloseStatuses() []SessionCloseStatus { return sessionRegistry.Codes() }

// String returns the upstream name, or SessionCloseStatus(N) for an
// unknown status.
func (s SessionCloseStatus) String() string { return sessionRegistry.String(s) }

// Known reports whether the seed lists s.
func (s SessionCloseStatus) Known() bool { return sessionRegistry.Known(s) }

// Category returns the seed's cause category of s ("Server behavior" for
// CloseServerClosed), or "" for a status the seed does not list.
func (s SessionCloseStatus) Category() string {
	if !s.Known() {
		return ""
	}
	class, _ := sessionRegistry.Class(s)
	return sessionCategory(class)
}

// IsServerError reports whether s is in Turms' range of closes caused by
// the server, 200 to 299, listed or not.
func (s SessionCloseStatus) IsServerError() bool { return 200 <= s && s <= 299 }

// GRPCCode returns the canonical gRPC code s maps to, a judgement given
// in each constant's doc (CloseHeartbeatTimeout is UNAVAILABLE), or
// UNKNOWN for an unknown status. A close status has no HTTP status.
func (s SessionCloseStatus) GRPCCode() codes.Code { return sessionRegistry.GRPC(s) }

// MarshalText returns the upstream name, or SessionCloseStatus(N) for an
// unknown status.
func (s SessionCloseStatus) MarshalText() ([]byte, error) {
	return sessionRegistry.AppendText(nil, s), nil
}

// AppendText appends the text MarshalText returns to b.
func (s SessionCloseStatus) AppendText(b []byte) ([]byte, error) {
	return sessionRegistry.AppendText(b, s), nil
}

// UnmarshalText sets s to the status text names, as
// ParseSessionCloseStatus reads it.
func (s *SessionCloseStatus) UnmarshalText(text []byte) error {
	return sessionRegistry.UnmarshalText(s, text)
}

// UnmarshalJSON accepts a JSON string, read as ParseSessionCloseStatus
// reads it, or a JSON number.
func (s *SessionCloseStatus) UnmarshalJSON(data []byte) error {
	return sessionRegistry.DecodeJSON(s, data)
}

// GoString returns the qualified constant, turms.CloseHeartbeatTimeout,
// or turms.SessionCloseStatus(N) for an unknown status.
func (s SessionCloseStatus) GoString() string { return sessionRegistry.GoString(s) }

// LogValue logs s as a group of its name, number and category.
func (s SessionCloseStatus) LogValue() slog.Value {
	return sessionRegistry.LogValue(s, slog.String("category", s.Category()))
}
