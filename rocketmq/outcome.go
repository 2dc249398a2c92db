package rocketmq

// Outcome is what a client should make of a code an RPC returned.
type Outcome uint8

// The outcomes of a call.
const (
	Success Outcome = iota + 1 // the call did what was asked
	Empty                      // the call succeeded with nothing to return: an empty poll
	Retry                      // a transient failure: send the call again
	Backoff                    // throttled: send it again after an exponential backoff
	Fail                       // a terminal failure: retrying cannot help
)

var outcomeNames = [...]string{"Outcome(0)", "Success", "Empty", "Retry", "Backoff", "Fail"}

// String returns the outcome's name.
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "Outcome(?)"
}

// Decision is the outcome of a code for an RPC, with the reason for it.
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
//     InternalError) and HaNotAvailable are retried (Retry), unless the
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
