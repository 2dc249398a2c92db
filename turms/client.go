package turms

import (
	"log/slog"

	"google.golang.org/grpc/codes"
)

// ClientCode is a code a Turms client gives a request it rejected itself,
// without a server's answer (1 to 500). Its numbers and names overlap the
// server's and the close statuses' (ClientInvalidRequest is 100, the
// server's InvalidRequest 1100), hence a type of its own. Its constants
// are the CamelCase upstream names prefixed with Client.
type ClientCode int32

// ParseClientCode returns the client-only code s names: the upstream name
// ("INVALID_REQUEST" is 100), the Go name ("ClientInvalidRequest"), in any
// letter case, a decimal number, or the ClientCode(N) form of an unknown
// code. A failure is a *ParseError.
func ParseClientCode(s string) (ClientCode, error) { return clientRegistry.Parse(s) }

// ClientCodes returns every client-only code the seed lists, in ascending
// order. The slice is a fresh copy.
func ClientCodes() []ClientCode { return clientRegistry.Codes() }

// String returns the upstream name, or ClientCode(N) for an unknown code.
func (c ClientCode) String() string { return clientRegistry.String(c) }

// Known reports whether the seed lists c.
func (c ClientCode) Known() bool { return clientRegistry.Known(c) }

// Category returns the seed's category of c ("Request related" for
// ClientInvalidRequest), or "" for a code the seed does not list.
func (c ClientCode) Category() string {
	if !c.Known() {
		return ""
	}
	class, _ := clientRegistry.Class(c)
	return clientCategory(class)
}

// GRPCCode returns the canonical gRPC code c maps to, a judgement given in
// each constant's doc (ClientConnectTimeout is DEADLINE_EXCEEDED), or
// UNKNOWN for an unknown code. A client code has no HTTP status.
func (c ClientCode) GRPCCode() codes.Code { return clientRegistry.GRPC(c) }

// MarshalText returns the upstream name, or ClientCode(N) for an unknown code.
func (c ClientCode) MarshalText() ([]byte, error) { return clientRegistry.AppendText(nil, c), nil }

// AppendText appends the text MarshalText returns to b.
func (c ClientCode) AppendText(b []byte) ([]byte, error) { return clientRegistry.AppendText(b, c), nil }

// UnmarshalText sets c to the code text names, as ParseClientCode reads it.
func (c *ClientCode) UnmarshalText(text []byte) error { return clientRegistry.UnmarshalText(c, text) }

// UnmarshalJSON accepts a JSON string, read as ParseClientCode reads it,
// or a JSON number.
func (c *ClientCode) UnmarshalJSON(data []byte) error { return clientRegistry.DecodeJSON(c, data) }

// GoString returns the qualified constant, turms.ClientConnectTimeout, or
// turms.ClientCode(N) for an unknown code.
func (c ClientCode) GoString() string { return clientRegistry.GoString(c) }

// LogValue logs c as a group of its name, number and category.
func (c ClientCode) LogValue() slog.Value {
	return clientRegistry.LogValue(c, slog.String("category", c.Category()))
}
