package turms

import (
	"log/slog"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/internal/table"
)

// Code is a response status code of the Turms server (its
// ResponseStatusCode, 1000 to 6131), with the upstream numbers: Code(n)
// converts the number a server answered. Codes this package does not list
// keep their number.
type Code int32

// ParseCode returns the code s names: the upstream name
// ("SERVER_UNAVAILABLE"), the Go name ("ServerUnavailable"), in any letter
// case, a decimal number, the Code(N) form of an unknown code, or an
// ErrorInfo reason (CODE_N). Surrounding white space is ignored. The name
// of a client-only code or of a close status is not a Code name:
// ParseCode("CONNECT_TIMEOUT") fails, and ParseCode("INVALID_REQUEST") is
// the server's InvalidRequest, 1100. A failure is a *ParseError.
//
// The Kotlin client's _FROM_SERVER names (INVALID_REQUEST_FROM_SERVER)
// are not accepted: the engine reads two names a code, the upstream one
// and the Go one.
func ParseCode(s string) (Code, error) { return registry.Parse(s) }

// Codes returns every server code the upstream lists, in ascending order.
// The slice is a fresh copy.
func Codes() []Code { return registry.Codes() }

// String returns the upstream name, or Code(N) for an unknown code.
func (c Code) String() string { return registry.String(c) }

// Known reports whether the server's ResponseStatusCode lists c.
func (c Code) Known() bool { return registry.Known(c) }

// HTTPStatus returns the HTTP status the Turms server pairs with c
// (ServerUnavailable is 503). An unknown code answers as the code that
// opens its hundred, when that code opens a category (3499 as
// AddUserToGroupRequiringInvitation, 403), else 0.
func (c Code) HTTPStatus() int { return registry.HTTP(c) }

// GRPCCode returns the canonical gRPC code c maps to: the one its HTTP
// status gives (grpccodes.FromHTTPStatus), except where the name says more
// (duplicates are ALREADY_EXISTS, nonexistent targets NOT_FOUND, features
// the server has switched off UNIMPLEMENTED, ...). Each constant's doc
// states its mapping and the reason for any exception. An unknown code
// maps as HTTPStatus finds it, or to UNKNOWN.
func (c Code) GRPCCode() codes.Code { return registry.GRPC(c) }

// IsSuccess reports whether c is in Turms' success range, 1000 to 1099,
// listed or not.
func (c Code) IsSuccess() bool { return 1000 <= c && c <= 1099 }

// IsServerError reports whether c is in Turms' server error range, 1200
// to 1299, listed or not.
func (c Code) IsServerError() bool { return 1200 <= c && c <= 1299 }

// IsClientIllegalRequest reports whether c is one of the two codes Turms
// counts as an illegal request from the client: InvalidRequest (1100) or
// IllegalArgument (1102).
func (c Code) IsClientIllegalRequest() bool { return c == InvalidRequest || c == IllegalArgument }

// MarshalText returns the upstream name, or Code(N) for an unknown code.
func (c Code) MarshalText() ([]byte, error) { return registry.AppendText(nil, c), nil }

// AppendText appends the text MarshalText returns to b.
func (c Code) AppendText(b []byte) ([]byte, error) { return registry.AppendText(b, c), nil }

// UnmarshalText sets c to the code text names, as ParseCode reads it.
func (c *Code) UnmarshalText(text []byte) error { return registry.UnmarshalText(c, text) }

// UnmarshalJSON accepts a JSON string, read as ParseCode reads it, or a
// JSON number, the wire number.
func (c *Code) UnmarshalJSON(data []byte) error { return registry.DecodeJSON(c, data) }

// GoString returns the qualified constant, turms.ServerUnavailable, or
// turms.Code(N) for an unknown code.
func (c Code) GoString() string { return registry.GoString(c) }

// LogValue logs c as a group of its name, number and category.
func (c Code) LogValue() slog.Value {
	return registry.LogValue(c, slog.String("category", c.Category().String()))
}

// ParseError reports text that ParseCode, ParseClientCode or
// ParseSessionCloseStatus cannot read: its fields say which registry
// ("turms"), the rejected input, and whether it was a number out of the
// int32 range.
type ParseError = table.ParseError

// Error is the error Errorf returns. It carries a Code and has these
// methods:
//
//   - Code and Message: the code, and the message without it;
//   - Error: "turms NAME: message";
//   - Unwrap: what the message wrapped with %w;
//   - Is: within one process, errors.Is(err, Errorf(code, "")) reports
//     whether err carries code. On the far side of a gRPC call the error
//     is a status error, not an *Error: use CodeOf there, which works on
//     both sides;
//   - GRPCStatus: the code's canonical gRPC code (UNKNOWN for a success
//     code), the message and a google.rpc.ErrorInfo detail;
//   - ErrorInfo: that detail: reason the upstream name (CODE_N for an
//     unknown code), domain Domain, and metadata "code" the number;
//   - HTTPStatus and GRPCCode: the code's mappings;
//   - LogValue: the system, code, number and message, for log/slog.
//
// The zero Error carries Code(0) with no message.
type Error = table.Error[Code, registryRef]

// Domain is the google.rpc.ErrorInfo domain of this package's errors.
const Domain = "turms.im"

// Errorf returns an error carrying code, with a message formatted as
// fmt.Errorf does (%w wraps). Its gRPC status has the code's canonical
// gRPC code and an ErrorInfo detail: reason the upstream name, domain
// Domain, and metadata "code" the number, so that CodeOf on the far side
// of a gRPC call recovers the exact code. A success code in an error
// travels as UNKNOWN, since gRPC would drop an error whose status is OK.
func Errorf(code Code, format string, args ...any) error {
	return table.Errorf[Code, registryRef](code, format, args...)
}

// CodeOf returns the code err carries: OK for nil, the code of an *Error
// anywhere in its chain, or the code of a gRPC status error carrying this
// package's ErrorInfo, else FromGRPCCode of its code. Any other error gives
// ServerInternalError, as the Turms server answers a failure it did not foresee.
func CodeOf(err error) Code { return codeOf(err) }

// FromStatus reads the code back from a gRPC status: OK for an OK status,
// otherwise from its ErrorInfo detail of Domain (the metadata number, else
// the reason). It reports false, with ServerInternalError, when the status
// carries no Turms code.
func FromStatus(st *status.Status) (Code, bool) { return registry.FromStatus(st) }
