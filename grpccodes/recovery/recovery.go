package recovery

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Option configures UnaryServerInterceptor and StreamServerInterceptor.
type Option func(*options)

type options struct {
	onPanic func(ctx context.Context, fullMethod string, recovered any)
}

// WithPanicHandler has the interceptors call f with the recovered value of
// a handler's panic, for logging; runtime/debug.Stack called inside f
// still shows the panicking stack. The client sees only INTERNAL.
func WithPanicHandler(f func(ctx context.Context, fullMethod string, recovered any)) Option {
	return func(o *options) { o.onPanic = f }
}

// panicMessage is all a client learns of a handler's panic.
const panicMessage = "internal error"

// UnaryServerInterceptor returns an interceptor that recovers a handler's
// panic and ends the call with INTERNAL and the message "internal error",
// so no panic text reaches the client; grpc-go itself recovers nothing,
// and an unrecovered panic ends the server process. See WithPanicHandler.
//
// It also converts the handler's error exactly as grpc-go (v1.85,
// Server.processRPC) converts whatever the interceptor chain returns: an
// error carrying a status (GRPCStatus, wrapped or not) passes through,
// one that errors.Is context.DeadlineExceeded or else context.Canceled
// becomes DEADLINE_EXCEEDED or CANCELLED with the error's text as its
// message, and any other error is left alone (grpc-go sends it as
// UNKNOWN). The client therefore sees the same code with or without this
// interceptor; the conversion only lets interceptors chained before this
// one, such as logging or metrics, see that code rather than UNKNOWN.
func UnaryServerInterceptor(opts ...Option) grpc.UnaryServerInterceptor {
	o := evaluateOptions(opts)
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
		defer o.recover(ctx, info.FullMethod, &err)
		resp, err = handler(ctx, req)
		return resp, statusOf(err)
	}
}

// StreamServerInterceptor is UnaryServerInterceptor for streaming calls:
// it recovers a panic as INTERNAL "internal error" and converts the
// handler's error the same way.
func StreamServerInterceptor(opts ...Option) grpc.StreamServerInterceptor {
	o := evaluateOptions(opts)
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) (err error) {
		defer o.recover(ss.Context(), info.FullMethod, &err)
		return statusOf(handler(srv, ss))
	}
}

func evaluateOptions(opts []Option) *options {
	o := &options{}
	for _, opt := range opts {
		opt(o)
	}
	return o
}

// recover, deferred, turns a panic into an INTERNAL error in *err.
func (o *options) recover(ctx context.Context, method string, err *error) {
	p := recover()
	if p == nil {
		return
	}
	if o.onPanic != nil {
		o.onPanic(ctx, method, p)
	}
	*err = status.Error(codes.Internal, panicMessage)
}

// statusOf converts err as grpc-go's server does once the interceptor
// chain returns (server.go, processRPC): a status passes through, a
// context error gets its code from status.FromContextError, and any other
// error is left alone.
func statusOf(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := status.FromError(err); ok {
		return err
	}
	if st := status.FromContextError(err); st.Code() != codes.Unknown {
		return st.Err()
	}
	return err
}
