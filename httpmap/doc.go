// Package httpmap writes HTTP API errors in Google's JSON error format
// (AIP-193), whatever registry the error comes from, reads back the JSON
// error shapes of the Go ecosystem (AIP-193, google.rpc.Status as
// grpc-gateway writes it, Connect, go-kratos, RFC 9457 problem details)
// and the pages of proxies and load balancers, and types the error status
// codes of the JD Cloud message queue HTTP API.
//
// A client turns an error answer into a typed error:
//
//	resp, err := http.DefaultClient.Do(req)
//	if err != nil {
//		return err
//	}
//	if resp.StatusCode >= 400 {
//		rerr, _ := httpmap.ReadError(resp) // closes the body
//		switch rerr.Code() { // the API names its codes by status
//		case httpmap.TopicNotExist: // create it
//		case httpmap.RateLimit: // back off
//		}
//		return rerr
//	}
//
// A server answers every error in the same form:
//
//	http.Handle("/send", httpmap.Handler(func(w http.ResponseWriter, r *http.Request) error {
//		return rocketmq.Errorf(rocketmq.TopicNotFound, "no topic %q", "orders")
//	}))
//	// 404 {"requestId":"...","error":{"code":404,"message":"no topic \"orders\"",
//	//      "status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo",
//	//      "reason":"TOPIC_NOT_FOUND","domain":"rocketmq.apache.org","metadata":{"code":"40402"}}]}}
//
// # The envelope
//
// An error answer is {"requestId": ..., "error": {"code": <HTTP status>,
// "message": ..., "status": ..., "details": [...]}}: the JD Cloud message
// queue API's shape, which is Google's JSON error format. [WriteError]
// writes one for an error of any statusreg registry (its HTTP status,
// the canonical gRPC name as status, a google.rpc.ErrorInfo detail with
// the exact code), for a gRPC status error, for context errors, and, as
// a 500 with a generic message, for any other error. [ReadError] reads
// one back into a [*ResponseError], whose gRPC status carries the details,
// so that rocketmq.CodeOf, turms.CodeOf and [CodeOf] recover the exact
// code from an ErrorInfo of their domain; it reads the other shapes
// too ([Format] says which), and bodies that are no answer at all, such
// as a load balancer's HTML 502, by the HTTP status. WriteError of a
// [*ResponseError] forwards it without loss. [Middleware] recovers panics
// as 500 answers (a panic after the answer began aborts it, so that the
// client sees it broken) and [Handler] writes a handler's returned error.
// [Envelope] configures the request ID header, the body bound, the panic
// hook and the error hook; its zero value is what the package-level
// functions use, and logs with log/slog's default logger each panic and
// each error whose text the client does not get.
//
// # Codes
//
// [Code] lists the API's error status codes. The API sends them by name
// only; their numbers are this package's own (1 to 12 in the order of
// the upstream table, 0 for [CodeUnspecified]) and are stable. Each code
// has its HTTP status, the API's default messages, a description and a
// suggestion, a gRPC code ([Code.GRPCCode]), a retry decision
// ([Code.Decide], for an idempotent call or not) and, where RocketMQ has
// one, the code of the same meaning ([Code.Equivalent], [EquivalentOf]).
//
// # Retrying
//
// [RetryTransport] is an http.RoundTripper that sends a request again
// when its answer or its failure is retryable and sending it again is
// safe, waiting as the answer's Retry-After header or RetryInfo detail
// asks, else as its retry.Policy says.
package httpmap

//go:generate go run ../internal/gen httpmap tables.go
