// Package connectcodes carries statusreg's codes across connect-go
// (connectrpc.com/connect) calls, on the Connect, gRPC and gRPC-Web
// protocols alike.
//
// connect-go knows nothing of gRPC statuses: a handler that returns a
// statusreg error (rocketmq.Errorf, a gRPC status error, ...) answers
// UNKNOWN without details, and a client's *connect.Error is invisible to
// status.FromError and so to every registry's CodeOf and DecideError,
// although its details carry the ErrorInfo. Interceptor closes both gaps
// for a handler or client built with connect.WithInterceptors;
// ToConnect and FromConnect do the same for code outside an interceptor
// chain.
//
// The codes agree by number: connect.Code and grpc-go's codes.Code number
// the canonical codes alike (connect.CodeNotFound is codes.NotFound, 5),
// and a detail is the same google.protobuf.Any on both sides.
package connectcodes

import (
	"context"
	"errors"

	"connectrpc.com/connect"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/anypb"

	spb "google.golang.org/genproto/googleapis/rpc/status"
)

// grpcStatus is what every statusreg error, and grpc-go's status errors,
// offer.
type grpcStatus interface {
	error
	GRPCStatus() *status.Status
}

// ToConnect returns err as a *connect.Error, for a handler to return:
//
//   - nil for nil;
//   - a *connect.Error in err's chain as it is;
//   - for an error that carries a gRPC status (every statusreg error, a
//     grpc-go status error, an httpmap.ResponseError, a FromConnect
//     error), an error with the status's code, message and details, in
//     their order, that wraps err, so that errors.Is and errors.As still
//     find what err held in process;
//   - for context.Canceled and context.DeadlineExceeded, CodeCanceled and
//     CodeDeadlineExceeded;
//   - for any other error, CodeUnknown with err's text, as connect-go
//     answers it.
//
// A status whose code is OK, which no error should carry, gives
// CodeUnknown.
func ToConnect(err error) *connect.Error {
	if err == nil {
		return nil
	}
	if ce, ok := errors.AsType[*connect.Error](err); ok && ce != nil {
		return ce
	}
	if gs, ok := errors.AsType[grpcStatus](err); ok {
		if st := gs.GRPCStatus(); st != nil {
			return fromStatus(st, err)
		}
	}
	switch {
	case errors.Is(err, context.Canceled):
		return connect.NewError(connect.CodeCanceled, err)
	case errors.Is(err, context.DeadlineExceeded):
		return connect.NewError(connect.CodeDeadlineExceeded, err)
	}
	return connect.NewError(connect.CodeUnknown, err)
}

// fromStatus returns st as a *connect.Error that wraps err.
func fromStatus(st *status.Status, err error) *connect.Error {
	c := connect.Code(st.Code())
	if st.Code() == codes.OK {
		c = connect.CodeUnknown
	}
	ce := connect.NewError(c, &messageError{msg: st.Message(), err: err})
	for _, a := range st.Proto().GetDetails() {
		if d, derr := connect.NewErrorDetail(a); derr == nil {
			ce.AddDetail(d)
		}
	}
	return ce
}

// messageError has a status's message as its text, and wraps the error
// that carried the status.
type messageError struct {
	msg string
	err error
}

func (e *messageError) Error() string { return e.msg }
func (e *messageError) Unwrap() error { return e.err }

// FromConnect returns err so that it carries a gRPC status, for a
// client that received it: an error with the code, message and details
// of the *connect.Error in err's chain, whose GRPCStatus status.FromError,
// every registry's CodeOf and FromStatus, and rocketmq's DecideError
// read, and that still unwraps to err, so that errors.As(err,
// &connectErr) and connect.CodeOf find the *connect.Error. Its text is
// err's. It returns nil for nil, and err itself when err holds no
// *connect.Error or comes from FromConnect already.
func FromConnect(err error) error {
	if err == nil {
		return nil
	}
	ce, ok := errors.AsType[*connect.Error](err)
	if !ok || ce == nil {
		return err
	}
	if _, ok := errors.AsType[*statusError](err); ok {
		return err
	}
	return &statusError{err: err, ce: ce}
}

// statusError is what FromConnect returns.
type statusError struct {
	err error
	ce  *connect.Error
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }

// GRPCStatus returns the connect error as a gRPC status: its code, its
// message and its details, each the Any it travelled as.
func (e *statusError) GRPCStatus() *status.Status {
	p := &spb.Status{Code: int32(e.ce.Code()), Message: e.ce.Message()}
	for _, d := range e.ce.Details() {
		p.Details = append(p.Details, &anypb.Any{TypeUrl: typePrefix + d.Type(), Value: d.Bytes()})
	}
	return status.FromProto(p)
}

// typePrefix is the prefix of the type URL of an Any that connect-go's
// ErrorDetail.Type leaves out.
const typePrefix = "type.googleapis.com/"

// Interceptor returns a connect.Interceptor, for
// connect.WithInterceptors on a handler, a client, or both, for unary
// and streaming calls alike:
//
//   - on a handler, an error the handler returns that carries a gRPC
//     status and no *connect.Error is answered as ToConnect gives it,
//     with the status's code, message and details; connect-go answers any
//     other error itself;
//   - on a client, an error of the call (of Send, Receive, CloseRequest
//     and CloseResponse on a stream) is returned as FromConnect gives it;
//     io.EOF, which ends a stream, is returned as it is.
//
// The interceptor keeps no state, and is safe for concurrent use.
func Interceptor() connect.Interceptor { return interceptor{} }

type interceptor struct{}

func (interceptor) WrapUnary(next connect.UnaryFunc) connect.UnaryFunc {
	return func(ctx context.Context, req connect.AnyRequest) (connect.AnyResponse, error) {
		resp, err := next(ctx, req)
		if err == nil {
			return resp, nil
		}
		if req.Spec().IsClient {
			return nil, FromConnect(err)
		}
		return nil, handlerError(err)
	}
}

func (interceptor) WrapStreamingClient(next connect.StreamingClientFunc) connect.StreamingClientFunc {
	return func(ctx context.Context, spec connect.Spec) connect.StreamingClientConn {
		return &clientConn{StreamingClientConn: next(ctx, spec)}
	}
}

func (interceptor) WrapStreamingHandler(next connect.StreamingHandlerFunc) connect.StreamingHandlerFunc {
	return func(ctx context.Context, conn connect.StreamingHandlerConn) error {
		if err := next(ctx, conn); err != nil {
			return handlerError(err)
		}
		return nil
	}
}

// handlerError is what a handler answers for err.
func handlerError(err error) error {
	if _, ok := errors.AsType[*connect.Error](err); ok {
		return err
	}
	if _, ok := errors.AsType[grpcStatus](err); ok {
		return ToConnect(err)
	}
	return err
}

// clientConn is a client's stream whose errors carry gRPC statuses.
type clientConn struct {
	connect.StreamingClientConn
}

func (c *clientConn) Send(msg any) error { return FromConnect(c.StreamingClientConn.Send(msg)) }
func (c *clientConn) Receive(msg any) error {
	return FromConnect(c.StreamingClientConn.Receive(msg))
}
func (c *clientConn) CloseRequest() error  { return FromConnect(c.StreamingClientConn.CloseRequest()) }
func (c *clientConn) CloseResponse() error { return FromConnect(c.StreamingClientConn.CloseResponse()) }
