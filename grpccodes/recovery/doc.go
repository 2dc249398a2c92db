// Package recovery provides gRPC server interceptors that recover a
// handler's panic as INTERNAL with the message "internal error", so the
// panic text never reaches the client; grpc-go recovers nothing, and a
// panic ends the server process.
//
//	srv := grpc.NewServer(
//		grpc.ChainUnaryInterceptor(recovery.UnaryServerInterceptor(recovery.WithPanicHandler(logPanic))),
//		grpc.ChainStreamInterceptor(recovery.StreamServerInterceptor(recovery.WithPanicHandler(logPanic))),
//	)
//
// Context errors need no interceptor: grpc-go itself sends a handler's
// error that errors.Is context.DeadlineExceeded or context.Canceled, bare
// or wrapped, as DEADLINE_EXCEEDED or CANCELLED. The interceptors apply
// that same conversion inside the chain, so that interceptors chained
// before them, such as logging or metrics, see the code too, not
// UNKNOWN.
//
// The package is named, like go-grpc-middleware's interceptors, for its
// concern; the code lookups are in package grpccodes, which imports no
// gRPC package beyond codes and status.
package recovery
