package httpmap

import (
	"log/slog"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/internal/table"
	"github.com/statusreg/statusreg/rocketmq"
)

// Code is an error status code of the JD Cloud message queue HTTP API,
// such as TOPIC_NOT_EXIST. The API sends codes by name only; the numbers
// are this package's own, stable once published: 1 to 12 in the order the
// upstream table first lists each name, and 0 for CodeUnspecified. Codes
// this package does not list keep their number.
type Code int32

// info is what the upstream table says of a code, and what this package
// says in its own words.
type info struct {
	messages    []string
	description string
	suggestion  string
}

// ParseCode returns the code s names: the upstream name
// ("TOPIC_NOT_EXIST"), the Go name ("TopicNotExist"), in any letter case,
// a decimal number, the Code(N) form of an unknown code, or an ErrorInfo
// reason (CODE_N). Surrounding white space is ignored, as the API's own
// example needs (" PERMISSION_DENIED"). A failure is a *ParseError.
func ParseCode(s string) (Code, error) { return registry.Parse(s) }

// parseName returns the code whose upstream name s is, in any letter case
// and ignoring surrounding white space; it accepts no number and no Go
// name, as the status string of an answer holds none.
func parseName(s string) (Code, bool) {
	s = strings.TrimSpace(s)
	c, err := registry.Parse(s)
	if err != nil || c == CodeUnspecified || !c.Known() || !table.EqualFold(s, c.String()) {
		return CodeUnspecified, false
	}
	return c, true
}

// Codes returns every code, CodeUnspecified first, in order of number.
func Codes() []Code { return registry.Codes() }

// String returns the upstream name, or Code(N) for an unknown code.
func (c Code) String() string { return registry.String(c) }

// Known reports whether c is listed.
func (c Code) Known() bool { return registry.Known(c) }

// HTTPStatus returns the HTTP status the API answers c with (403 for
// PermissionDenied), or 0 for CodeUnspecified and unknown codes.
func (c Code) HTTPStatus() int { return registry.HTTP(c) }

// GRPCCode returns the canonical gRPC code c means. The mapping is this
// package's own and goes by meaning, not by HTTP status:
//
//	CodeUnspecified                   UNKNOWN
//	InvalidArgument                   INVALID_ARGUMENT
//	ACKFailed                         FAILED_PRECONDITION (the handle is no longer valid)
//	TopicNotExist                     NOT_FOUND (although the API answers 400)
//	PermissionDenied                  PERMISSION_DENIED (the API's name and 403; not
//	                                  UNAUTHENTICATED, which would be a 401)
//	UserAuthFailed, TopicAuthFailed,
//	TopicPermissionDenied             PERMISSION_DENIED
//	SyncTimeout                       DEADLINE_EXCEEDED
//	RateLimit, AbnormalAccessRate,
//	ThroughputUpToLimit               RESOURCE_EXHAUSTED
//	Internal                          INTERNAL
//
// An unknown code maps to UNKNOWN.
func (c Code) GRPCCode() codes.Code { return registry.GRPC(c) }

func (c Code) info() *info {
	if c >= 0 && int(c) < len(infos) {
		return &infos[c]
	}
	return &infos[CodeUnspecified]
}

// Messages returns the default messages the upstream table lists for c,
// in its order, in a new slice: two for InvalidArgument, one empty
// message for RateLimit and Internal, none for CodeUnspecified and
// unknown codes.
func (c Code) Messages() []string { return append([]string(nil), c.info().messages...) }

// Message returns the first default message of c, or "".
func (c Code) Message() string {
	if m := c.info().messages; len(m) > 0 {
		return m[0]
	}
	return ""
}

// Description says what c means, in this package's words.
func (c Code) Description() string { return c.info().description }

// Suggestion says what a caller should do about c, in this package's
// words.
func (c Code) Suggestion() string { return c.info().suggestion }

// equivalents pairs each code with the RocketMQ code of the same meaning;
// it is one-to-one, so Equivalent and EquivalentOf invert each other.
var equivalents = [...]struct {
	c Code
	r rocketmq.Code
}{
	{InvalidArgument, rocketmq.BadRequest},
	{TopicNotExist, rocketmq.TopicNotFound},
	{PermissionDenied, rocketmq.Forbidden},
	{SyncTimeout, rocketmq.RequestTimeout},
	{RateLimit, rocketmq.TooManyRequests},
	{Internal, rocketmq.InternalServerError},
}

// Equivalent returns the RocketMQ code that means the same as c:
//
//	InvalidArgument   rocketmq.BadRequest
//	TopicNotExist     rocketmq.TopicNotFound
//	PermissionDenied  rocketmq.Forbidden
//	SyncTimeout       rocketmq.RequestTimeout
//	RateLimit         rocketmq.TooManyRequests
//	Internal          rocketmq.InternalServerError
//
// Other codes have none (ACKFailed, the finer permission codes and the
// finer rate codes have no exact RocketMQ counterpart), and it reports
// false with rocketmq.CodeUnspecified. EquivalentOf is its inverse.
func (c Code) Equivalent() (rocketmq.Code, bool) {
	for _, e := range equivalents {
		if e.c == c {
			return e.r, true
		}
	}
	return rocketmq.CodeUnspecified, false
}

// EquivalentOf returns the code that means the same as the RocketMQ code
// r, by the table of Equivalent, or CodeUnspecified and false.
func EquivalentOf(r rocketmq.Code) (Code, bool) {
	for _, e := range equivalents {
		if e.r == r {
			return e.c, true
		}
	}
	return CodeUnspecified, false
}

// MarshalText returns the upstream name, or Code(N) for an unknown code.
func (c Code) MarshalText() ([]byte, error) { return registry.AppendText(nil, c), nil }

// AppendText appends the text MarshalText returns to b.
func (c Code) AppendText(b []byte) ([]byte, error) { return registry.AppendText(b, c), nil }

// UnmarshalText sets c to the code text names, as ParseCode reads it.
func (c *Code) UnmarshalText(text []byte) error { return registry.UnmarshalText(c, text) }

// UnmarshalJSON accepts a JSON string, read as ParseCode reads it, or a
// JSON number, this package's number of the code.
func (c *Code) UnmarshalJSON(data []byte) error { return registry.DecodeJSON(c, data) }

// GoString returns the qualified constant, httpmap.TopicNotExist, or
// httpmap.Code(N) for an unknown code.
func (c Code) GoString() string { return registry.GoString(c) }

// LogValue logs c as a group of its name, number and HTTP status.
func (c Code) LogValue() slog.Value {
	return registry.LogValue(c, slog.Int("http", c.HTTPStatus()))
}

// ParseError reports text that ParseCode cannot read: its fields say
// which registry, the rejected input, and whether it was a number out of
// the int32 range.
type ParseError = table.ParseError

// Error is the error Errorf returns. It carries a Code and has these
// methods:
//
//   - Code and Message: the code, and the message without it;
//   - Error: "httpmap NAME: message";
//   - Unwrap: what the message wrapped with %w;
//   - Is: within one process, errors.Is(err, Errorf(code, "")) reports
//     whether err carries code; across a process boundary use CodeOf;
//   - GRPCStatus: the code's canonical gRPC code, the message and a
//     google.rpc.ErrorInfo detail;
//   - ErrorInfo: that detail: reason the upstream name (CODE_N for an
//     unknown code), domain Domain, and metadata "code" the number;
//   - HTTPStatus and GRPCCode: the code's mappings;
//   - LogValue: the system, code, number and message, for log/slog.
//
// The zero Error carries CodeUnspecified with no message.
type Error = table.Error[Code, registryRef]

// Domain is the google.rpc.ErrorInfo domain of this package's errors. The
// API names no domain; this one names JD Cloud's message queue service
// (JCQ) and is this package's choice.
const Domain = "jcq.jdcloud.com"

// Errorf returns an error carrying code, with a message formatted as
// fmt.Errorf does (%w wraps). WriteError answers it with the code's HTTP
// status, the code's name as status, and an ErrorInfo detail that
// ReadError and CodeOf read back.
func Errorf(code Code, format string, args ...any) error {
	return table.Errorf[Code, registryRef](code, format, args...)
}

// CodeOf returns the code err carries: the code of an *Error anywhere in
// its chain, or of a gRPC status in the chain carrying this package's
// ErrorInfo (as a *ResponseError does). nil and any other error give
// CodeUnspecified: the API has no success code.
func CodeOf(err error) Code { return table.CodeOf[Code, registryRef](err) }

// FromStatus reads the code back from a gRPC status's ErrorInfo detail of
// Domain (the metadata number, else the reason). It reports false, with
// CodeUnspecified, when the status carries no httpmap code; an OK status
// gives CodeUnspecified and true.
func FromStatus(st *status.Status) (Code, bool) { return registry.FromStatus(st) }
