package grpccodes

import (
	"context"
	"errors"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// InterceptorOption configures UnaryServerInterceptor and
// StreamServerInterceptor.
type InterceptorOption func(*interceptorOptions)

type interceptorOptions struct {
	onPanic func(ctx context.Context, fullMethod string, recovered any)
}

// WithPanicHandler has the interceptors call f with the recovered value of
// a handler's panic, for logging; runtime/debug.Stack called inside f
// still shows the panicking stack. The client sees only INTERNAL.
func WithPanicHandler(f func(ctx context.Context, fullMethod string, recovered any)) InterceptorOption {
	return func(o *interceptorOptions) { o.onPanic = f }
}

// panicMessage is all a client learns of a handler's panic.
const panicMessage = "internal error"

// UnaryServerInterceptor returns an interceptor that ends a panicking
// handler with INTERNAL, sending no panic text to the client, and turns
// context.Canceled and context.DeadlineExceeded (wrapped or not) into
// CANCELLED and DEADLINE_EXCEEDED. An error that carries its own status
// (GRPCStatus) passes through untouched, as does every other error.
func UnaryServerInterceptor(opts ...InterceptorOption) grpc.UnaryServerInterceptor {
	o := newInterceptorOptions(opts)
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
		defer o.recover(ctx, info.FullMethod, &err)
		resp, err = handler(ctx, req)
		return resp, statusOf(err)
	}
}

// StreamServerInterceptor is UnaryServerInterceptor for streaming calls.
func StreamServerInterceptor(opts ...InterceptorOption) grpc.StreamServerInterceptor {
	o := newInterceptorOptions(opts)
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) (err error) {
		defer o.recover(ss.Context(), info.FullMethod, &err)
		return statusOf(handler(srv, ss))
	}
}

func newInterceptorOptions(opts []InterceptorOption) *interceptorOptions {
	o := &interceptorOptions{}
	for _, opt := range opts {
		opt(o)
	}
	return o
}

// recover, deferred, turns a panic into an INTERNAL error in *err.
func (o *interceptorOptions) recover(ctx context.Context, method string, err *error) {
	p := recover()
	if p == nil {
		return
	}
	if o.onPanic != nil {
		o.onPanic(ctx, method, p)
	}
	*err = status.Error(codes.Internal, panicMessage)
}

// statusOf gives context errors their codes and leaves others alone.
func statusOf(err error) error {
	if err == nil {
		return nil
	}
	var withStatus interface{ GRPCStatus() *status.Status }
	if errors.As(err, &withStatus) {
		return err
	}
	switch {
	case errors.Is(err, context.Canceled):
		return status.Error(codes.Canceled, err.Error())
	case errors.Is(err, context.DeadlineExceeded):
		return status.Error(codes.DeadlineExceeded, err.Error())
	}
	return err
}
