// Package contract provides gRPC interceptors that hold a RocketMQ 5
// server to the status matrix: every status code a call answers with, in
// a response's status, a batch entry's status, a Telemetry command or the
// call's error, is judged against what the matrix lets the RPC return,
// with [rocketmq.Judge] and [rocketmq.JudgeError]. They are meant for
// proxies, gateways and test doubles that sit on either side of the
// MessagingService.
//
//	srv := grpc.NewServer(
//		grpc.ChainUnaryInterceptor(contract.UnaryServerInterceptor()),
//		grpc.ChainStreamInterceptor(contract.StreamServerInterceptor()),
//	)
//	conn, err := grpc.NewClient(target,
//		grpc.WithChainUnaryInterceptor(contract.UnaryClientInterceptor()),
//		grpc.WithChainStreamInterceptor(contract.StreamClientInterceptor()),
//	)
//
// # Violations
//
// A violation is a code the matrix marks ❌ (must not return) or 🔄
// (reserved) for the RPC. Codes the matrix has no cell for, and methods of
// other services, are not judged. An error is judged by the RocketMQ code
// it carries ([rocketmq.CodeOf]: an error made by [rocketmq.Errorf], in
// process or received across gRPC); an error that carries none, such as
// a deadline or a plain status, is not judged; nor is the error that ends
// a Telemetry stream, since the matrix judges the commands it carries.
// The [rocketmq.Violation] of an error has AsError set.
//
// # Reports
//
// By default each violation is logged once, at warn level, with the
// logger that [log/slog.Default] returns when the violation happens: the
// message "rocketmq contract violation" with the attributes method, code
// (a group of its name, number and class), mark, field, index and
// as_error. [OnViolation] replaces the log with a
// hook of one's own; to silence the interceptors, pass a hook that does
// nothing:
//
//	contract.OnViolation(func(context.Context, rocketmq.Violation) {})
//
// Without [Strict] a violating message or error still reaches its
// destination; with it the call fails with INTERNAL, naming the
// violation.
//
// The package is named, like go-grpc-middleware's interceptors, for its
// concern; the matrix and the judging are in package rocketmq, which
// imports no gRPC package beyond codes and status.
package contract
