package rocketmq

import (
	"log/slog"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/internal/table"
)

// Code is a status code of apache.rocketmq.v2.Code, with the same wire
// numbers: Code(resp.GetStatus().GetCode()) converts any generated stub's
// enum. Codes this package does not list keep their number.
type Code int32

// ParseCode returns the code s names: the upstream name
// ("TOPIC_NOT_FOUND"), the Go name ("TopicNotFound"), in any letter
// case, a decimal number, the Code(N) form of an unknown code, or an
// ErrorInfo reason (CODE_N, CODE_MINUS_N). Surrounding white space is
// ignored. A failure is a *ParseError.
func ParseCode(s string) (Code, error) { return registry.Parse(s) }

// Codes returns every code upstream lists, in order of number.
func Codes() []Code { return registry.Codes() }

// String returns the upstream name, or Code(N) for an unknown code.
func (c Code) String() string { return registry.String(c) }

// Known reports whether the upstream enum lists c.
func (c Code) Known() bool { return registry.Known(c) }

// Class returns the first-classification code c belongs to: TopicNotFound
// is in class NotFound. A class is its own class. An unknown code is
// classified by its hundreds, so 40499 is in class NotFound; one whose
// hundreds have no class gives CodeUnspecified.
func (c Code) Class() Code {
	class, _ := registry.Class(c)
	return class
}

// HTTPStatus returns the HTTP status c is modelled on, its first three
// digits (TopicNotFound, 40402, is 404), or 0 for codes with none
// (CodeUnspecified, FailedToConsumeMessage). An unknown code answers as
// its class.
func (c Code) HTTPStatus() int { return registry.HTTP(c) }

// GRPCCode returns the canonical gRPC code that c maps to. The mapping
// follows the class (NotFound codes map to NOT_FOUND, TooManyRequests
// codes to RESOURCE_EXHAUSTED, ProxyTimeout codes to DEADLINE_EXCEEDED),
// except HANotAvailable, a transient failure, which maps to UNAVAILABLE.
// Each constant's doc gives its mapping. An unknown code maps as its
// class, or to UNKNOWN.
func (c Code) GRPCCode() codes.Code { return registry.GRPC(c) }

// MarshalText returns the upstream name, or Code(N) for an unknown code.
func (c Code) MarshalText() ([]byte, error) { return registry.AppendText(nil, c), nil }

// AppendText appends the text MarshalText returns to b.
func (c Code) AppendText(b []byte) ([]byte, error) { return registry.AppendText(b, c), nil }

// UnmarshalText sets c to the code text names, as ParseCode reads it.
func (c *Code) UnmarshalText(text []byte) error { return registry.UnmarshalText(c, text) }

// UnmarshalJSON accepts a JSON string, read as ParseCode reads it, or a
// JSON number, the wire number, as protojson writes either.
func (c *Code) UnmarshalJSON(data []byte) error { return registry.DecodeJSON(c, data) }

// GoString returns the qualified constant, rocketmq.TopicNotFound, or
// rocketmq.Code(N) for an unknown code, so that test failures and %#v
// print names.
func (c Code) GoString() string { return registry.GoString(c) }

// LogValue logs c as a group of its name, number and class.
func (c Code) LogValue() slog.Value {
	return registry.LogValue(c, slog.String("class", c.Class().String()))
}

// ParseError reports text that ParseCode cannot read: its fields say
// which registry, the rejected input, and whether it was a number out of
// the int32 range.
type ParseError = table.ParseError

// Error is the error Errorf returns. It carries a Code and has these
// methods:
//
//   - Code and Message: the code, and the message without it;
//   - Error: "rocketmq NAME: message";
//   - Unwrap: what the message wrapped with %w;
//   - Is: within one process, errors.Is(err, Errorf(code, "")) reports
//     whether err carries code. On the far side of a gRPC call the error
//     is a status error, not an *Error: use CodeOf there, which works on
//     both sides;
//   - GRPCStatus: the code's canonical gRPC code (UNKNOWN for a success
//     code), the message and a google.rpc.ErrorInfo detail;
//   - ErrorInfo: that detail: reason the upstream name (CODE_N, or
//     CODE_MINUS_N, when there is none valid), domain Domain, and metadata
//     "code" the number;
//   - HTTPStatus and GRPCCode: the code's mappings;
//   - LogValue: the system, code, number and message, for log/slog.
//
// The zero Error carries CodeUnspecified with no message.
type Error = table.Error[Code, registryRef]

// Domain is the google.rpc.ErrorInfo domain of this package's errors.
const Domain = "rocketmq.apache.org"

// Errorf returns an error carrying code, with a message formatted as
// fmt.Errorf does (%w wraps). Its gRPC status has the code's canonical
// gRPC code and an ErrorInfo detail: reason the upstream name, domain
// Domain, and metadata "code" the number, so that CodeOf on the far side
// of a gRPC call recovers the exact code. A success code (OK,
// MultipleResults) in an error travels as UNKNOWN, since gRPC would drop
// an error whose status is OK.
func Errorf(code Code, format string, args ...any) error {
	return table.Errorf[Code, registryRef](code, format, args...)
}

// CodeOf returns the code err carries: OK for nil, the code of an *Error
// anywhere in its chain, or the code of a gRPC status error carrying this
// package's ErrorInfo, as a client receives it. Any other error gives
// CodeUnspecified. It works in-process and across gRPC alike.
func CodeOf(err error) Code { return table.CodeOf[Code, registryRef](err) }

// FromStatus reads the code back from a gRPC status: OK for an OK status,
// otherwise from its ErrorInfo detail of Domain (the metadata number, else
// the reason). It reports false, with CodeUnspecified, when the status
// carries no RocketMQ code.
func FromStatus(st *status.Status) (Code, bool) { return registry.FromStatus(st) }
