package rocketmq

import (
	"context"
	"errors"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/retry"
)

// Decisions are retry.Decision values: retry.Success, retry.Empty,
// retry.Retry, retry.Backoff or retry.Fail, with the reason. The reasons
// are the constants below, except where DecideMessage names an entry.

// The reasons Decide gives, one per case.
const (
	ReasonOK                = "the call succeeded"
	ReasonMultipleResults   = "a batch call answered: the code alone cannot tell whether every entry succeeded, which DecideMessage reads"
	ReasonEmptyPoll         = "no message was ready: an empty long poll, not a failure"
	ReasonThrottled         = "the server is throttling the client: back off before retrying"
	ReasonQuotaExceeded     = "a lite topic or subscription quota is used up: the user must raise or free it, and waiting does not restore it"
	ReasonClientError       = "a 4xx-family code: the request itself is wrong, and a retry repeats it"
	ReasonRequestTimeout    = "the server timed out handling the request, a transient condition; RocketMQ delivers at least once, so a resend is harmless: retry"
	ReasonTransient         = "a timeout, internal or replication failure the RPC may return: retry"
	ReasonTransientReserved = "a timeout or internal failure, which the matrix reserves for this RPC (it is not returned yet): transient all the same: retry"
	ReasonTransientUnlisted = "a timeout, internal or replication failure, transient: retry"
	ReasonNotForThisRPC     = "the RPC must not return this code: a broken server, not a transient failure"
	ReasonUnsupported       = "the server does not implement or support the call: retrying cannot help"
	ReasonConsumeFailed     = "the consumer failed to consume the message: a client-side result"
	ReasonNoInformation     = "the code says nothing about the failure"
	ReasonNotFoundOnCall    = "the entity does not exist: retrying cannot create it"
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

// Decide returns what a client should do after r returned c in a
// response's status. It encodes what the official clients do, and what
// they get wrong:
//
//   - OK succeeds (ReasonOK). MultipleResults succeeds too
//     (ReasonMultipleResults), as the Java client has it, but the code
//     alone cannot see the batch's entries: decide the whole response
//     with [RPC.DecideMessage], which fails when an entry failed.
//   - MessageNotFound on ReceiveMessage is an empty poll (Empty), as the
//     official Java client treats it; on any other RPC it fails.
//   - TooManyRequests and the other codes of its class back off
//     (ReasonThrottled), except the lite quota codes,
//     LiteTopicQuotaExceeded and LiteSubscriptionQuotaExceeded, which
//     fail (ReasonQuotaExceeded): upstream defines them as a quota the
//     user must raise or free, which no wait restores.
//   - RequestTimeout retries (ReasonRequestTimeout): upstream defines it
//     as a timeout of the request on the server side, a transient
//     condition, and RocketMQ delivers at least once.
//   - Every other 4xx-family code fails (ReasonClientError, or
//     ReasonNotFoundOnCall for the NotFound class): the request is wrong,
//     so InvalidReceiptHandle on AckMessage or ChangeInvisibleDuration is
//     terminal.
//   - Timeouts (class ProxyTimeout), internal errors (class
//     InternalError) and HANotAvailable retry, with the reason saying what
//     the matrix says of the code for r: ✅ ReasonTransient, 🔄
//     ReasonTransientReserved, no cell ReasonTransientUnlisted. A code the
//     matrix marks ❌ for r fails (ReasonNotForThisRPC): the server broke
//     its contract.
//   - NotImplemented and Unsupported codes, FailedToConsumeMessage,
//     CodeUnspecified and anything else fail.
//
// Decide agrees with the official Java client (its StatusChecker) on
// which codes succeed and which are an empty poll, with two documented
// differences: RequestTimeout, which the Java client does not list and
// so fails as unsupported, retries here; and a MultipleResults response
// whose entries failed, which the Java client takes for a success, fails
// in DecideMessage.
//
// A timeout retries although the call may have taken effect: RocketMQ's
// delivery is at least once by design, and its clients resend. An unknown
// code is decided by its class, so a newer server's 50499 is retried like
// ProxyTimeout. The zero RPC, which names no RPC, has no matrix cells.
func (r RPC) Decide(c Code) retry.Decision {
	switch class := c.Class(); class {
	case OK:
		return retry.Decision{Outcome: retry.Success, Reason: ReasonOK}
	case MultipleResults:
		return retry.Decision{Outcome: retry.Success, Reason: ReasonMultipleResults}
	case TooManyRequests:
		if c == LiteTopicQuotaExceeded || c == LiteSubscriptionQuotaExceeded {
			return retry.Decision{Outcome: retry.Fail, Reason: ReasonQuotaExceeded}
		}
		return retry.Decision{Outcome: retry.Backoff, Reason: ReasonThrottled}
	case RequestTimeout:
		return retry.Decision{Outcome: retry.Retry, Reason: ReasonRequestTimeout}
	case ProxyTimeout, InternalError:
		switch r.Mark(c) {
		case NotAllowed:
			return retry.Decision{Outcome: retry.Fail, Reason: ReasonNotForThisRPC}
		case Allowed:
			return retry.Decision{Outcome: retry.Retry, Reason: ReasonTransient}
		case Reserved:
			return retry.Decision{Outcome: retry.Retry, Reason: ReasonTransientReserved}
		}
		return retry.Decision{Outcome: retry.Retry, Reason: ReasonTransientUnlisted}
	case NotImplemented, Unsupported:
		return retry.Decision{Outcome: retry.Fail, Reason: ReasonUnsupported}
	case FailedToConsumeMessage:
		return retry.Decision{Outcome: retry.Fail, Reason: ReasonConsumeFailed}
	case NotFound:
		if c == MessageNotFound && r == ReceiveMessage {
			return retry.Decision{Outcome: retry.Empty, Reason: ReasonEmptyPoll}
		}
		return retry.Decision{Outcome: retry.Fail, Reason: ReasonNotFoundOnCall}
	default:
		if h := class.HTTPStatus(); h >= 400 && h < 500 {
			return retry.Decision{Outcome: retry.Fail, Reason: ReasonClientError}
		}
	}
	return retry.Decision{Outcome: retry.Fail, Reason: ReasonNoInformation}
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
func (r RPC) DecideError(err error) retry.Decision {
	if err == nil {
		return retry.Decision{Outcome: retry.Success, Reason: ReasonOK}
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
		return retry.Decision{Outcome: retry.Retry, Reason: ReasonContextDeadline}
	case errors.Is(err, context.Canceled):
		return retry.Decision{Outcome: retry.Fail, Reason: ReasonContextCanceled}
	}
	return retry.Decision{Outcome: retry.Fail, Reason: ReasonNeitherCodeNorStatus}
}

// statusError is an error that converts to a gRPC status, as the errors
// of package status and *Error do; status.FromError looks for it.
type statusError interface {
	error
	GRPCStatus() *status.Status
}

// decideCarried decides a code an error carries: as Decide does, except
// that an error never succeeds.
func (r RPC) decideCarried(c Code) retry.Decision {
	d := r.Decide(c)
	if d.Outcome == retry.Success {
		return retry.Decision{Outcome: retry.Fail, Reason: ReasonSuccessCodeInError}
	}
	return d
}

// decideTransport decides a gRPC status that carries no RocketMQ code.
func decideTransport(c codes.Code) retry.Decision {
	switch c {
	case codes.Unavailable:
		return retry.Decision{Outcome: retry.Retry, Reason: ReasonUnavailable}
	case codes.ResourceExhausted:
		return retry.Decision{Outcome: retry.Backoff, Reason: ReasonResourceExhausted}
	case codes.DeadlineExceeded:
		return retry.Decision{Outcome: retry.Retry, Reason: ReasonDeadlineExceeded}
	case codes.Aborted:
		return retry.Decision{Outcome: retry.Retry, Reason: ReasonAborted}
	case codes.InvalidArgument, codes.NotFound, codes.AlreadyExists, codes.PermissionDenied,
		codes.FailedPrecondition, codes.OutOfRange:
		return retry.Decision{Outcome: retry.Fail, Reason: ReasonRejected}
	case codes.Unimplemented:
		return retry.Decision{Outcome: retry.Fail, Reason: ReasonUnimplemented}
	case codes.Unauthenticated:
		return retry.Decision{Outcome: retry.Fail, Reason: ReasonUnauthenticated}
	case codes.Canceled:
		return retry.Decision{Outcome: retry.Fail, Reason: ReasonCanceled}
	case codes.Internal:
		return retry.Decision{Outcome: retry.Fail, Reason: ReasonInternal}
	case codes.Unknown:
		return retry.Decision{Outcome: retry.Fail, Reason: ReasonUnknown}
	case codes.DataLoss:
		return retry.Decision{Outcome: retry.Fail, Reason: ReasonDataLoss}
	case codes.OK: // FromStatus reads an OK status as the code OK: not reached
		return retry.Decision{Outcome: retry.Fail, Reason: ReasonSuccessCodeInError}
	}
	return retry.Decision{Outcome: retry.Fail, Reason: ReasonNonCanonical}
}
