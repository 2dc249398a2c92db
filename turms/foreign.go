package turms

import (
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

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

// foreignCode is what CodeOf gives an error that carries no Turms code:
// FromGRPCCode of a gRPC status's code, and ServerInternalError for an
// error that is no status at all.
func foreignCode(err error) Code {
	if st, ok := status.FromError(err); ok {
		return FromGRPCCode(st.Code())
	}
	return ServerInternalError
}
