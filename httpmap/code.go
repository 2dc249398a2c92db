package httpmap

import (
	"strings"

	"github.com/statusreg/statusreg/internal/ascii"
	"github.com/statusreg/statusreg/rocketmq"
)

// Code is an error status code of the JD Cloud message queue HTTP API,
// such as TOPIC_NOT_EXIST. The API sends codes by name only; the numbers
// are this package's own, stable once published: 1 to 12 in the order the
// upstream table first lists each name, and 0 for CodeUnspecified. Codes
// this package does not list keep their number.
//
// HTTPStatus is the status the API answers a code with (403 for
// PermissionDenied), or 0 for CodeUnspecified and unknown codes.
// GRPCCode is this package's own mapping, by meaning rather than by HTTP
// status:
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
// An unknown code maps to UNKNOWN. CodeOf gives CodeUnspecified for nil,
// as the API has no success code.
type Code int32

// info is what the upstream table says of a code, and what this package
// says in its own words.
type info struct {
	messages    []string
	description string
	suggestion  string
}

// parseName returns the code whose upstream name s is, in any letter case
// and ignoring surrounding white space; it accepts no number and no Go
// name, as the status string of an answer holds none.
func parseName(s string) (Code, bool) {
	s = strings.TrimSpace(s)
	c, err := registry.Parse(s)
	if err != nil || c == CodeUnspecified || !c.Known() || !ascii.EqualFold(s, c.String()) {
		return CodeUnspecified, false
	}
	return c, true
}

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

// Domain is the google.rpc.ErrorInfo domain of this package's errors. The
// API names no domain; this one names JD Cloud's message queue service
// (JCQ) and is this package's choice.
const Domain = "jcq.jdcloud.com"
