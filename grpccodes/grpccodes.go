package grpccodes

import (
	"google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/grpc/codes"
)

// Name returns the spec name of c, such as "CANCELLED" or "NOT_FOUND",
// or "Code(N)" for a code outside the canonical set.
func Name(c codes.Code) string { return registry.String(c) }

// Codes returns the 17 canonical codes, OK to UNAUTHENTICATED. The slice
// is a fresh copy.
func Codes() []codes.Code { return registry.Codes() }

// Known reports whether c is one of the 17 canonical codes.
func Known(c codes.Code) bool { return registry.Known(c) }

// Parse returns the code s names: a spec name ("CANCELLED"), a grpc-go
// name ("Canceled"), in any letter case, or a decimal number. Surrounding
// white space is ignored. Numbers outside the canonical set are kept.
// A failure is a *ParseError.
func Parse(s string) (codes.Code, error) {
	c, err := registry.Parse(s)
	if err != nil {
		return c, parseError(err)
	}
	return c, nil
}

// HTTPStatus returns the HTTP status that c maps to in API semantics
// (google.rpc.Code, grpc-gateway). A code outside the canonical set maps
// to 500, as grpc-gateway maps it.
func HTTPStatus(c codes.Code) int { return registry.HTTP(c) }

// FromHTTPStatus returns the code an HTTP API that follows google.rpc.Code
// means by status s. It inverts HTTPStatus; where several codes share a
// status it picks the most general one:
//
//   - 400: INVALID_ARGUMENT (not FAILED_PRECONDITION or OUT_OF_RANGE)
//   - 409: ABORTED (not ALREADY_EXISTS)
//   - 500: INTERNAL (not UNKNOWN or DATA_LOSS)
//
// A status no code maps to goes by its class: other 2xx is OK, other 4xx
// FAILED_PRECONDITION, other 5xx INTERNAL, and anything else UNKNOWN.
func FromHTTPStatus(s int) codes.Code {
	switch s {
	case 400:
		return codes.InvalidArgument
	case 409:
		return codes.Aborted
	case 500:
		return codes.Internal
	}
	for _, e := range registry.Entries {
		if int(e.HTTP) == s {
			return codes.Code(e.Num)
		}
	}
	switch s / 100 {
	case 2:
		return codes.OK
	case 4:
		return codes.FailedPrecondition
	case 5:
		return codes.Internal
	}
	return codes.Unknown
}

// FromHTTPTransport returns the code a gRPC client reports when a call's
// response is not gRPC but a plain HTTP response with status s, as gRPC's
// HTTP-to-gRPC status mapping specifies:
//
//   - 400: INTERNAL
//   - 401: UNAUTHENTICATED
//   - 403: PERMISSION_DENIED
//   - 404: UNIMPLEMENTED
//   - 429, 502, 503, 504: UNAVAILABLE
//   - anything else: UNKNOWN
//
// s is a final status (200 to 599): grpc-go waits past an informational
// 1xx response, and reports INTERNAL for a response with no status.
func FromHTTPTransport(s int) codes.Code {
	switch s {
	case 400:
		return codes.Internal
	case 401:
		return codes.Unauthenticated
	case 403:
		return codes.PermissionDenied
	case 404:
		return codes.Unimplemented
	case 429, 502, 503, 504:
		return codes.Unavailable
	}
	return codes.Unknown
}

// ToProto converts c to the google.rpc.Code enum. Every value converts,
// canonical or not, and FromProto gives it back.
func ToProto(c codes.Code) code.Code { return code.Code(int32(c)) }

// FromProto converts a google.rpc.Code enum value to a grpc-go code.
func FromProto(c code.Code) codes.Code { return codes.Code(uint32(c)) }
