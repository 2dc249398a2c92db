package turms

import (
	"errors"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// foreign is the Turms code of each canonical gRPC code's meaning, the
// table testdata/turms-foreign-grpc.tsv gives with its reasons; a code
// with no Turms code of its meaning is ServerInternalError.
var foreign = [...]Code{
	codes.OK:                 OK,
	codes.Canceled:           ServerInternalError,
	codes.Unknown:            ServerInternalError,
	codes.InvalidArgument:    IllegalArgument,
	codes.DeadlineExceeded:   ServerInternalError,
	codes.NotFound:           ResourceNotFound,
	codes.AlreadyExists:      DuplicateResource,
	codes.PermissionDenied:   ServerInternalError,
	codes.ResourceExhausted:  ClientRequestsTooFrequent,
	codes.FailedPrecondition: ServerInternalError,
	codes.Aborted:            ServerInternalError,
	codes.OutOfRange:         ServerInternalError,
	codes.Unimplemented:      ServerInternalError,
	codes.Internal:           ServerInternalError,
	codes.Unavailable:        ServerUnavailable,
	codes.DataLoss:           ServerInternalError,
	codes.Unauthenticated:    UnauthorizedRequest,
}

// FromGRPCCode returns the Turms code that means what the gRPC code c
// means, for a failure that carries no Turms code: a plain gRPC status,
// or an HTTP answer of a proxy or another service read by
// httpmap.ReadError. CodeOf uses it, so that a Turms client backs off and
// retries a transient outage instead of giving up:
//
//	UNAVAILABLE          SERVER_UNAVAILABLE (retryable)
//	RESOURCE_EXHAUSTED   CLIENT_REQUESTS_TOO_FREQUENT (retryable, after backoff)
//	INVALID_ARGUMENT     ILLEGAL_ARGUMENT
//	NOT_FOUND            RESOURCE_NOT_FOUND
//	ALREADY_EXISTS       DUPLICATE_RESOURCE
//	UNAUTHENTICATED      UNAUTHORIZED_REQUEST
//	OK                   OK
//	UNKNOWN, INTERNAL,
//	DATA_LOSS            SERVER_INTERNAL_ERROR
//
// Every other code, CANCELLED, DEADLINE_EXCEEDED, PERMISSION_DENIED,
// FAILED_PRECONDITION, ABORTED, OUT_OF_RANGE, UNIMPLEMENTED and codes
// outside the canonical ones, has no Turms server code of its meaning
// (the Turms codes of those kinds each name a specific rule or feature)
// and gives SERVER_INTERNAL_ERROR, as the Turms server answers a failure
// it did not foresee. testdata/turms-foreign-grpc.tsv gives the reason
// for each row.
func FromGRPCCode(c codes.Code) Code {
	if int(c) < len(foreign) {
		return foreign[c]
	}
	return ServerInternalError
}

// codeOf is CodeOf: the code of an *Error in err's chain, else the code
// a gRPC status's Turms ErrorInfo carries, else FromGRPCCode of the
// status's code.
func codeOf(err error) Code {
	if err == nil {
		return OK
	}
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Code()
	}
	if st, ok := status.FromError(err); ok {
		if c, ok := FromStatus(st); ok {
			return c
		}
		return FromGRPCCode(st.Code())
	}
	return ServerInternalError
}
