package rocketmq

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/internal/table"
)

// Outcome is what a client should make of the code or error an RPC
// returned.
type Outcome uint8

// The outcomes of a call.
const (
	Success Outcome = iota + 1 // the call did what was asked
	Empty                      // the call succeeded with nothing to return: an empty poll
	Retry                      // a transient failure: send the call again
	Backoff                    // throttled: send it again after an exponential backoff
	Fail                       // a terminal failure: retrying cannot help
)

// outcomeNames holds the name of each outcome, indexed by its value; the
// zero Outcome, which no decision gives, is named in the Outcome(N) form.
var outcomeNames = [...]string{"Outcome(0)", "Success", "Empty", "Retry", "Backoff", "Fail"}

// String returns the outcome's name ("Retry"), or Outcome(N) for a value
// that names no outcome, N its number: Outcome(0) for the zero Outcome.
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "Outcome(" + strconv.Itoa(int(o)) + ")"
}

// MarshalText returns the text String returns, so that JSON and log/slog
// write the name ("Retry") rather than the number. UnmarshalText reads
// every value back, the Outcome(N) form included.
func (o Outcome) MarshalText() ([]byte, error) { return o.AppendText(nil) }

// AppendText appends the text MarshalText returns to b.
func (o Outcome) AppendText(b []byte) ([]byte, error) {
	if int(o) < len(outcomeNames) {
		return append(b, outcomeNames[o]...), nil
	}
	b = append(b, "Outcome("...)
	b = strconv.AppendUint(b, uint64(o), 10)
	return append(b, ')'), nil
}

// UnmarshalText sets o to the outcome text names: an outcome's name in any
// letter case ("retry", "RETRY"), or the Outcome(N) form String gives a
// value that names no outcome, N a decimal from 0 to 255. Spaces around
// the text are ignored. Any other text is an *OutcomeError, and o is left
// as it was.
func (o *Outcome) UnmarshalText(text []byte) error {
	s := strings.TrimSpace(string(text))
	for i, name := range outcomeNames[1:] {
		if table.EqualFold(s, name) {
			*o = Outcome(i + 1)
			return nil
		}
	}
	const prefix = "outcome("
	if len(s) > len(prefix)+1 && table.EqualFold(s[:len(prefix)], prefix) && s[len(s)-1] == ')' {
		num := s[len(prefix) : len(s)-1]
		if n, err := strconv.ParseUint(num, 10, 8); err == nil {
			*o = Outcome(n)
			return nil
		}
	}
	if len(text) > 64 {
		text = text[:64]
	}
	return &OutcomeError{Input: string(text)}
}

// OutcomeError reports text that names no Outcome.
type OutcomeError struct {
	Input string // the rejected text, cut to 64 bytes
}

// Error names the rejected text and the outcomes there are.
func (e *OutcomeError) Error() string {
	return "rocketmq: " + strconv.Quote(e.Input) +
		" is not an outcome: want Success, Empty, Retry, Backoff, Fail or Outcome(N)"
}

// Decision is the outcome of a code or an error for an RPC, with the
// reason for it.
// It encodes to JSON as {"Outcome":"Retry","Reason":"..."}.
type Decision struct {
	Outcome Outcome
	Reason  string
}

// Retryable reports whether the call may be sent again (Retry or Backoff).
func (d Decision) Retryable() bool { return d.Outcome == Retry || d.Outcome == Backoff }

// The reasons Decide gives, one per case.
const (
	ReasonOK             = "the call succeeded"
	ReasonEmptyPoll      = "no message was ready: an empty long poll, not a failure"
	ReasonThrottled      = "the server is throttling or a quota is used up: back off before retrying"
	ReasonClientError    = "a 4xx-family code: the request itself is wrong, and a retry repeats it"
	ReasonTransient      = "a timeout, internal or replication failure the RPC may return: retry"
	ReasonNotForThisRPC  = "the RPC must not return this code: a broken server, not a transient failure"
	ReasonUnsupported    = "the server does not implement or support the call: retrying cannot help"
	ReasonConsumeFailed  = "the consumer failed to consume the message: a client-side result"
	ReasonNoInformation  = "the code says nothing about the failure"
	ReasonNotFoundOnCall = "the entity does not exist: retrying cannot create it"
)

// The further reasons DecideError gives, one per case: an error that
// carries a success code, each gRPC status without a RocketMQ code, the
// context errors, and an error that is neither.
const (
	ReasonSuccessCodeInError   = "the error carries a success code, yet the call failed: a failed call never succeeds"
	ReasonUnavailable          = "UNAVAILABLE: the server could not be reached or is briefly down: retry"
	ReasonResourceExhausted    = "RESOURCE_EXHAUSTED: the server or transport refused the call for load or a limit: back off before retrying"
	ReasonRejected             = "a gRPC client-error status: the request is wrong or not permitted, and a retry repeats it"
	ReasonUnimplemented        = "UNIMPLEMENTED: the server lacks the method: retrying cannot help"
	ReasonUnauthenticated      = "UNAUTHENTICATED: the credentials must be fixed before another attempt"
	ReasonDeadlineExceeded     = "DEADLINE_EXCEEDED: the attempt timed out: retry while the caller's own deadline allows"
	ReasonAborted              = "ABORTED: the server aborted the call, typically on a conflict: retry"
	ReasonCanceled             = "CANCELLED: the call was cancelled, normally by the caller: do not retry"
	ReasonInternal             = "INTERNAL: an invariant of the transport or server broke: repeating may repeat the damage"
	ReasonUnknown              = "UNKNOWN: the status says nothing that makes the failure look transient"
	ReasonDataLoss             = "DATA_LOSS: data was lost or corrupted: retrying cannot restore it"
	ReasonNonCanonical         = "a gRPC code outside the canonical set: nothing says the failure is transient"
	ReasonContextDeadline      = "context.DeadlineExceeded: the attempt timed out: retry while the caller's own deadline allows"
	ReasonContextCanceled      = "context.Canceled: the caller gave up: do not retry"
	ReasonNeitherCodeNorStatus = "the error carries neither a RocketMQ code nor a gRPC status: nothing says it is transient"
)

// Decide returns what a client should do after r returned c. It encodes
// what the official clients do and what they get wrong:
//
//   - OK and MultipleResults succeed.
//   - MessageNotFound on ReceiveMessage is an empty poll (Empty), as the
//     official Java client treats it; on any other RPC it fails.
//   - TooManyRequests and the quota codes (class TooManyRequests) want
//     Backoff.
//   - Every other 4xx-family code fails: the request is wrong, so
//     InvalidReceiptHandle on AckMessage or ChangeInvisibleDuration is
//     terminal. RequestTimeout is 4xx-family too.
//   - Timeouts (class ProxyTimeout), internal errors (class
//     InternalError) and HANotAvailable are retried (Retry), unless the
//     matrix marks the code ❌ for r: then the server broke its contract
//     and the call fails.
//   - NotImplemented and Unsupported codes, FailedToConsumeMessage,
//     CodeUnspecified and anything else fail.
//
// An unknown code is decided by its class, so a newer server's 50499
// is retried like ProxyTimeout.
func (r RPC) Decide(c Code) Decision {
	switch class := c.Class(); class {
	case OK, MultipleResults:
		return Decision{Success, ReasonOK}
	case TooManyRequests:
		return Decision{Backoff, ReasonThrottled}
	case ProxyTimeout, InternalError:
		if r.Mark(c) == NotAllowed {
			return Decision{Fail, ReasonNotForThisRPC}
		}
		return Decision{Retry, ReasonTransient}
	case NotImplemented, Unsupported:
		return Decision{Fail, ReasonUnsupported}
	case FailedToConsumeMessage:
		return Decision{Fail, ReasonConsumeFailed}
	case NotFound:
		if c == MessageNotFound && r == ReceiveMessage {
			return Decision{Empty, ReasonEmptyPoll}
		}
		return Decision{Fail, ReasonNotFoundOnCall}
	default:
		if h := class.HTTPStatus(); h >= 400 && h < 500 {
			return Decision{Fail, ReasonClientError}
		}
	}
	return Decision{Fail, ReasonNoInformation}
}

// DecideError returns what a client should do after r failed with err,
// or succeeded with a nil err. It never decides an error Success:
//
//   - nil succeeds (ReasonOK).
//   - An error that carries a RocketMQ code, as [CodeOf] reads it (an
//     [*Error] anywhere in the chain, such as one [Errorf] made in process,
//     or a gRPC status carrying this package's ErrorInfo, as one that
//     crossed the wire does), is decided as [RPC.Decide] decides the code: a
//     ReceiveMessage stream that ends in MessageNotFound is an empty
//     poll, TopicNotFound fails, TooManyRequests backs off. A success
//     code in an error fails (ReasonSuccessCodeInError): Errorf(OK, ...),
//     which travels as UNKNOWN, Errorf(MultipleResults, ...), and any
//     error whose status is OK.
//   - A gRPC status with no RocketMQ code is a transport failure, or a
//     server that does not speak RocketMQ's codes: its gRPC code decides,
//     as the list below says.
//   - A plain context.DeadlineExceeded in the chain, not a status,
//     retries (ReasonContextDeadline), as DEADLINE_EXCEEDED does.
//   - A plain context.Canceled fails (ReasonContextCanceled), as
//     CANCELLED does.
//   - Any other error fails (ReasonNeitherCodeNorStatus).
//
// The gRPC codes of a status with no RocketMQ code decide alike on every
// RPC:
//
//   - UNAVAILABLE retries (ReasonUnavailable): the connection was
//     refused or lost, or the server is briefly down.
//   - RESOURCE_EXHAUSTED backs off (ReasonResourceExhausted).
//   - DEADLINE_EXCEEDED retries (ReasonDeadlineExceeded): the attempt
//     timed out. The call may have taken effect, so a retried
//     SendMessage may deliver twice, which RocketMQ's at-least-once
//     delivery allows.
//   - ABORTED retries (ReasonAborted).
//   - INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED,
//     FAILED_PRECONDITION and OUT_OF_RANGE fail (ReasonRejected).
//   - UNIMPLEMENTED fails (ReasonUnimplemented).
//   - UNAUTHENTICATED fails (ReasonUnauthenticated).
//   - CANCELLED fails (ReasonCanceled): the caller gave up.
//   - INTERNAL fails (ReasonInternal).
//   - UNKNOWN fails (ReasonUnknown); a handler's plain error arrives so.
//   - DATA_LOSS fails (ReasonDataLoss).
//   - A code outside the canonical set fails (ReasonNonCanonical).
//
// Retry and Backoff speak of one attempt: they say another attempt may
// succeed, not that the caller has time for it. A caller whose own
// context is done (ctx.Err() != nil) must stop, whatever the decision:
// its own deadline, not DecideError, bounds the retries, and an attempt
// made with that context fails again at once.
func (r RPC) DecideError(err error) Decision {
	if err == nil {
		return Decision{Success, ReasonOK}
	}
	if e, ok := errors.AsType[*Error](err); ok {
		return r.decideCarried(e.Code())
	}
	if gs, ok := errors.AsType[statusError](err); ok {
		// What status.FromError finds, read without copying the status
		// to rewrite its message; a nil status is no status.
		if st := gs.GRPCStatus(); st != nil {
			if c, ok := FromStatus(st); ok {
				return r.decideCarried(c)
			}
			return decideTransport(st.Code())
		}
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return Decision{Retry, ReasonContextDeadline}
	case errors.Is(err, context.Canceled):
		return Decision{Fail, ReasonContextCanceled}
	}
	return Decision{Fail, ReasonNeitherCodeNorStatus}
}

// statusError is an error that converts to a gRPC status, as the errors
// of package status and *Error do; status.FromError looks for it.
type statusError interface {
	error
	GRPCStatus() *status.Status
}

// decideCarried decides a code an error carries: as Decide does, except
// that an error never succeeds.
func (r RPC) decideCarried(c Code) Decision {
	d := r.Decide(c)
	if d.Outcome == Success {
		return Decision{Fail, ReasonSuccessCodeInError}
	}
	return d
}

// decideTransport decides a gRPC status that carries no RocketMQ code.
func decideTransport(c codes.Code) Decision {
	switch c {
	case codes.Unavailable:
		return Decision{Retry, ReasonUnavailable}
	case codes.ResourceExhausted:
		return Decision{Backoff, ReasonResourceExhausted}
	case codes.DeadlineExceeded:
		return Decision{Retry, ReasonDeadlineExceeded}
	case codes.Aborted:
		return Decision{Retry, ReasonAborted}
	case codes.InvalidArgument, codes.NotFound, codes.AlreadyExists, codes.PermissionDenied,
		codes.FailedPrecondition, codes.OutOfRange:
		return Decision{Fail, ReasonRejected}
	case codes.Unimplemented:
		return Decision{Fail, ReasonUnimplemented}
	case codes.Unauthenticated:
		return Decision{Fail, ReasonUnauthenticated}
	case codes.Canceled:
		return Decision{Fail, ReasonCanceled}
	case codes.Internal:
		return Decision{Fail, ReasonInternal}
	case codes.Unknown:
		return Decision{Fail, ReasonUnknown}
	case codes.DataLoss:
		return Decision{Fail, ReasonDataLoss}
	case codes.OK: // FromStatus reads an OK status as the code OK: not reached
		return Decision{Fail, ReasonSuccessCodeInError}
	}
	return Decision{Fail, ReasonNonCanonical}
}
