// Package rocketmq interprets the status codes of Apache RocketMQ 5's
// gRPC protocol (apache.rocketmq.v2.Code): what a code means, whether the
// RPC that returned it may return it, and whether to retry.
//
//	code := rocketmq.Code(resp.GetStatus().GetCode()) // from any generated stub
//	if !rocketmq.ReceiveMessage.Allows(code) {
//		log.Printf("server broke the contract: %v on %v", code, rocketmq.ReceiveMessage)
//	}
//	switch d := rocketmq.ReceiveMessage.Decide(code); d.Outcome {
//	case retry.Success, retry.Empty: // MessageNotFound is an empty poll
//	case retry.Retry, retry.Backoff:
//		// send again; back off first on Backoff
//	default:
//		return fmt.Errorf("receive: %v: %s", code, d.Reason)
//	}
//
// # Codes
//
// [Code] has the upstream wire numbers. Its first three digits are the
// HTTP status the code is modelled on (TopicNotFound, 40402, is a 404),
// and codes are grouped under first-classification codes ([Code.Class]):
// TopicNotFound belongs to NotFound. Unknown codes keep their number
// through String, text marshalling and gRPC, and are classified by their
// hundreds, so a newer server's code is still handled sensibly.
//
// # The status matrix
//
// Upstream documents, for each RPC, which codes it may return (✅), must
// not return (❌) or reserves (🔄). [RPC.Mark] and [RPC.Allows] answer from
// that matrix, the Telemetry commands' table, and the MessageBodyEmpty
// row upstream has added since.
//
// # Retrying
//
// [RPC.Decide] turns a code into what a client should do, a
// retry.Decision with its reason; [RPC.DecideError] decides the error of
// a call, and [RPC.DecideMessage] a whole response, its status and every
// entry's, so that a batch whose entries failed is no success.
// [DecideCall] decides a call by its gRPC method, for the retry
// interceptor of package retrygrpc, which resends a call whose failure
// RocketMQ answers inside an OK response:
//
//	conn, err := grpc.NewClient(target, grpc.WithUnaryInterceptor(
//		retrygrpc.UnaryClientInterceptor(rocketmq.DecideCall)))
//
// # Errors and interceptors
//
// [Errorf] makes an error whose gRPC status carries the exact code in a
// google.rpc.ErrorInfo, and [CodeOf] reads it back on the far side.
//
// [Judge] checks every status a response carries against the matrix, and
// [JudgeError] the code an error carries, each giving a [Violation] for a
// code the RPC must not return. The gRPC interceptors that judge every
// call with them, for proxies, gateways and test doubles, are in package
// [github.com/statusreg/statusreg/rocketmq/contract]; this package imports
// no gRPC package beyond codes and status.
package rocketmq

//go:generate go run ../internal/gen rocketmq tables.go
