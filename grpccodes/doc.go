// Package grpccodes interprets the gRPC canonical status codes: their
// spec names, the HTTP statuses they map to and back, retry decisions,
// and the cases in which the gRPC library itself produces a code.
//
//	c, _ := grpccodes.Parse("NOT_FOUND")  // or "NotFound", or "5"
//	grpccodes.Name(c)                     // "NOT_FOUND"
//	grpccodes.HTTPStatus(c)               // 404
//	grpccodes.FromHTTPStatus(404)         // codes.NotFound
//	grpccodes.Decide(c, true)             // Fail: the entity is missing
//
// The code type is grpc-go's [codes.Code]; this package adds what grpc-go
// leaves out and declares no parallel type.
//
// # Two mappings from HTTP
//
// [FromHTTPStatus] reads an HTTP status as API semantics: an HTTP API
// that follows google.rpc.Code answered with it (grpc-gateway, connect).
// [FromHTTPTransport] is what a gRPC client reports when the response is
// not gRPC at all, for example an HTML error page from a proxy. The two
// disagree on purpose: 404 is NOT_FOUND to an API and UNIMPLEMENTED to a
// gRPC client, since it means no such method.
//
// # Retrying
//
// [Decide] gives the retry.Decision for one call that ended with a code,
// in the vocabulary every registry of statusreg shares: Retry and Backoff
// only where another attempt can succeed and cannot do harm. idempotent
// says whether sending the call again is harmless:
//
//   - OK: Success; nothing failed.
//   - CANCELLED: Fail; the caller gave up.
//   - UNKNOWN: Fail; nothing says the failure is transient.
//   - INVALID_ARGUMENT: Fail; the request is wrong and stays wrong.
//   - DEADLINE_EXCEEDED: Retry if idempotent, else Fail; the call may
//     have completed.
//   - NOT_FOUND: Fail; the entity is missing until someone creates it.
//   - ALREADY_EXISTS: Fail; the entity is there until someone removes it.
//   - PERMISSION_DENIED: Fail; permissions do not change by retrying.
//   - RESOURCE_EXHAUSTED: Backoff; the server refused the call for quota,
//     rate or load, so nothing was done.
//   - FAILED_PRECONDITION: Fail; the system's state must be fixed first.
//   - ABORTED: Retry if idempotent, else Fail; retry the whole
//     read-modify-write sequence, not just the call that aborted.
//   - OUT_OF_RANGE: Fail; the request points past the end.
//   - UNIMPLEMENTED: Fail; the server lacks the method.
//   - INTERNAL: Fail; an invariant broke, and repeating may repeat damage.
//   - UNAVAILABLE: Retry; the service is briefly down or unreachable.
//   - DATA_LOSS: Fail; data is gone.
//   - UNAUTHENTICATED: Fail; credentials must be fixed first.
//
// Codes outside the canonical set fail. The table, with the reasons
// Decide gives, is testdata/retry-grpc.tsv. Package retrygrpc resends
// unary calls on these decisions, or on any other decider's.
//
// # Interceptors
//
// The panic-recovering server interceptors are in package
// [github.com/statusreg/statusreg/grpccodes/recovery], so that a program
// that only looks codes up links no gRPC package beyond codes and status.
package grpccodes

//go:generate go run ../internal/gen grpccodes tables.go
