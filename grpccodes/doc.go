// Package grpccodes interprets the gRPC canonical status codes: their
// spec names, the HTTP statuses they map to and back, retry guidance,
// and the cases in which the gRPC library itself produces a code.
//
//	c, _ := grpccodes.Parse("NOT_FOUND")  // or "NotFound", or "5"
//	grpccodes.Name(c)                     // "NOT_FOUND"
//	grpccodes.HTTPStatus(c)               // 404
//	grpccodes.FromHTTPStatus(404)         // codes.NotFound
//	grpccodes.Retryable(c, true)          // false
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
// [Retryable] answers for one failed call, and says yes only where
// another attempt can succeed and cannot do harm:
//
//   - OK: no; nothing failed.
//   - CANCELLED: no; the caller gave up.
//   - UNKNOWN: no; nothing says the failure is transient.
//   - INVALID_ARGUMENT: no; the request is wrong and stays wrong.
//   - DEADLINE_EXCEEDED: only if idempotent; the call may have completed.
//   - NOT_FOUND: no; the entity is missing until someone creates it.
//   - ALREADY_EXISTS: no; the entity is there until someone removes it.
//   - PERMISSION_DENIED: no; permissions do not change by retrying.
//   - RESOURCE_EXHAUSTED: yes, with exponential backoff; the server
//     refused the call for quota or load, so nothing was done.
//   - FAILED_PRECONDITION: no; the system's state must be fixed first.
//   - ABORTED: only if idempotent; retry the whole read-modify-write
//     sequence, not just the call that aborted.
//   - OUT_OF_RANGE: no; the request points past the end.
//   - UNIMPLEMENTED: no; the server lacks the method.
//   - INTERNAL: no; an invariant broke, and repeating may repeat damage.
//   - UNAVAILABLE: yes, with backoff; the service is briefly down.
//   - DATA_LOSS: no; data is gone.
//   - UNAUTHENTICATED: no; credentials must be fixed first.
//
// Codes outside the canonical set are not retryable.
//
// # Interceptors
//
// The panic-recovering server interceptors are in package
// [github.com/statusreg/statusreg/grpccodes/recovery], so that a program
// that only looks codes up links no gRPC package beyond codes and status.
package grpccodes

//go:generate go run ../internal/gen grpccodes tables.go
