package contract

import (
	"context"
	"log/slog"
	"sync/atomic"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/statusreg/statusreg/rocketmq"
)

// Option configures the contract interceptors.
type Option func(*options)

// OnViolation has the interceptors call f for every violation, once
// each, instead of logging it: for logs of one's own, metrics or tests. A
// hook that does nothing silences the interceptors. A nil f keeps the
// default, a warning on log/slog's default logger.
func OnViolation(f func(ctx context.Context, v rocketmq.Violation)) Option {
	return func(o *options) { o.report = f }
}

// Strict makes a violation fail the call with INTERNAL, naming the RPC
// and the code, instead of passing the message or the error on. On a
// stream the first violation ends the stream: that send or receive and
// every later one return the INTERNAL error, and the call ends with it
// whatever the handler returns. A message with several violating
// statuses fails with the first, and every one is still reported. Strict
// is meant for tests of servers, proxies and test doubles.
func Strict() Option {
	return func(o *options) { o.strict = true }
}

type options struct {
	report func(context.Context, rocketmq.Violation)
	strict bool
}

func evaluateOptions(opts []Option) *options {
	o := &options{}
	for _, opt := range opts {
		opt(o)
	}
	if o.report == nil {
		o.report = warn
	}
	return o
}

// warn is the default report: a warning on the logger slog.Default
// returns at the time of the violation.
func warn(ctx context.Context, v rocketmq.Violation) {
	slog.Default().WarnContext(ctx, "rocketmq contract violation",
		slog.String("method", v.Method),
		slog.Any("code", v.Code),
		slog.Any("mark", v.Mark),
		slog.String("field", v.Field),
		slog.Int("index", v.Index),
		slog.Bool("as_error", v.AsError),
	)
}

// strictError is the error Strict fails a call with for v.
func strictError(v rocketmq.Violation) error {
	return status.Error(codes.Internal, v.String())
}

// check judges every status of m, one message of a call to method, and
// reports each violation. In strict mode it returns the error to fail the
// call with, naming the first violation.
func (o *options) check(ctx context.Context, method string, m any) error {
	pm, ok := m.(proto.Message)
	if !ok {
		return nil
	}
	vs := rocketmq.Judge(method, pm)
	for _, v := range vs {
		o.report(ctx, v)
	}
	if o.strict && len(vs) > 0 {
		return strictError(vs[0])
	}
	return nil
}

// checkError judges err, the error a call to method ended with, and
// reports a violation. In strict mode it returns the error to end the
// call with instead, naming the violation.
func (o *options) checkError(ctx context.Context, method string, err error) error {
	v, ok := rocketmq.JudgeError(method, err)
	if !ok {
		return nil
	}
	o.report(ctx, v)
	if o.strict {
		return strictError(v)
	}
	return nil
}

// UnaryServerInterceptor judges each unary answer a handler gives: the
// status codes of its response (its own status and those of its batch
// entries), or the RocketMQ code of its error, against the matrix for
// the called RPC. Methods of other services pass through unjudged.
func UnaryServerInterceptor(opts ...Option) grpc.UnaryServerInterceptor {
	o := evaluateOptions(opts)
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		resp, err := handler(ctx, req)
		if err != nil {
			if verr := o.checkError(ctx, info.FullMethod, err); verr != nil {
				return nil, verr
			}
			return resp, err
		}
		if verr := o.check(ctx, info.FullMethod, resp); verr != nil {
			return nil, verr
		}
		return resp, nil
	}
}

// StreamServerInterceptor judges every message a streaming handler sends
// (ReceiveMessage, PullMessage), the error it ends the stream with, and
// on Telemetry every command the client sends. In strict mode a
// violation ends the stream: that SendMsg or RecvMsg and every later one
// return the INTERNAL error, and the call ends with it whatever the
// handler returns.
func StreamServerInterceptor(opts ...Option) grpc.StreamServerInterceptor {
	o := evaluateOptions(opts)
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		s := &checkedServerStream{ServerStream: ss, o: o, method: info.FullMethod}
		err := handler(srv, s)
		if failed := s.failed.Load(); failed != nil {
			return *failed
		}
		if verr := o.checkError(ss.Context(), info.FullMethod, err); verr != nil {
			return verr
		}
		return err
	}
}

type checkedServerStream struct {
	grpc.ServerStream
	o      *options
	method string
	failed atomic.Pointer[error] // the strict-mode violation that ended the stream
}

// fail ends the stream with err, for this call and every later one.
func (s *checkedServerStream) fail(err error) error {
	s.failed.CompareAndSwap(nil, &err)
	return *s.failed.Load()
}

func (s *checkedServerStream) SendMsg(m any) error {
	if err := s.failed.Load(); err != nil {
		return *err
	}
	if err := s.o.check(s.Context(), s.method, m); err != nil {
		return s.fail(err)
	}
	return s.ServerStream.SendMsg(m)
}

func (s *checkedServerStream) RecvMsg(m any) error {
	if err := s.failed.Load(); err != nil {
		return *err
	}
	err := s.ServerStream.RecvMsg(m)
	if failed := s.failed.Load(); failed != nil {
		return *failed // a concurrent SendMsg ended the stream while this one waited
	}
	if err != nil {
		return err
	}
	if s.method != telemetryMethod {
		return nil
	}
	if err := s.o.check(s.Context(), s.method, m); err != nil {
		return s.fail(err)
	}
	return nil
}

// telemetryMethod is the one method whose client sends statuses.
var telemetryMethod = rocketmq.ThreadStackTrace.Method()

// UnaryClientInterceptor judges each unary answer the client receives:
// the status codes of the response (its own status and those of its
// batch entries), or the RocketMQ code of the call's error, against the
// matrix for the called RPC.
func UnaryClientInterceptor(opts ...Option) grpc.UnaryClientInterceptor {
	o := evaluateOptions(opts)
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, callOpts ...grpc.CallOption) error {
		if err := invoker(ctx, method, req, reply, cc, callOpts...); err != nil {
			if verr := o.checkError(ctx, method, err); verr != nil {
				return verr
			}
			return err
		}
		return o.check(ctx, method, reply)
	}
}

// StreamClientInterceptor judges every message a client receives on a
// stream, the error the stream ends with, and on Telemetry every command
// the client sends. In strict mode a violation ends the stream: the call
// is cancelled, and that RecvMsg or SendMsg and every later one return
// the INTERNAL error.
func StreamClientInterceptor(opts ...Option) grpc.StreamClientInterceptor {
	o := evaluateOptions(opts)
	return func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, callOpts ...grpc.CallOption) (grpc.ClientStream, error) {
		ctx, cancel := context.WithCancel(ctx)
		cs, err := streamer(ctx, desc, cc, method, callOpts...)
		if err != nil {
			cancel()
			if verr := o.checkError(ctx, method, err); verr != nil {
				return nil, verr
			}
			return nil, err
		}
		return &checkedClientStream{ClientStream: cs, o: o, method: method, cancel: cancel}, nil
	}
}

type checkedClientStream struct {
	grpc.ClientStream
	o      *options
	method string
	cancel context.CancelFunc
	failed atomic.Pointer[error] // the strict-mode violation that ended the stream
	ended  atomic.Bool           // RecvMsg has returned the error that ended the stream
}

// fail ends the stream with err, for this call and every later one.
func (s *checkedClientStream) fail(err error) error {
	s.failed.CompareAndSwap(nil, &err)
	s.cancel()
	return *s.failed.Load()
}

func (s *checkedClientStream) RecvMsg(m any) error {
	if err := s.failed.Load(); err != nil {
		return *err
	}
	if err := s.ClientStream.RecvMsg(m); err != nil {
		s.cancel() // the stream is over; release its context
		if !s.ended.CompareAndSwap(false, true) {
			return err // judged when RecvMsg first returned it
		}
		if verr := s.o.checkError(s.Context(), s.method, err); verr != nil {
			return s.fail(verr)
		}
		return err
	}
	if err := s.o.check(s.Context(), s.method, m); err != nil {
		return s.fail(err)
	}
	return nil
}

func (s *checkedClientStream) SendMsg(m any) error {
	if err := s.failed.Load(); err != nil {
		return *err
	}
	if s.method == telemetryMethod {
		if err := s.o.check(s.Context(), s.method, m); err != nil {
			return s.fail(err)
		}
	}
	return s.ClientStream.SendMsg(m)
}
