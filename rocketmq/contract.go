package rocketmq

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Violation is a message whose status code the matrix marks ❌ or 🔄 for
// the RPC it answers. Codes the matrix has no cell for are not judged.
type Violation struct {
	Method string // the full gRPC method of the call
	RPC    RPC
	Code   Code
	Mark   Mark // NotAllowed or Reserved
}

// String describes the violation, naming the RPC and the code.
func (v Violation) String() string {
	return fmt.Sprintf("rocketmq contract: %v returned %v, which the status matrix marks %v", v.RPC, v.Code, v.Mark)
}

// ContractOption configures the contract interceptors.
type ContractOption func(*contract)

// OnViolation has the interceptors call f for every violation, for logs
// or metrics.
func OnViolation(f func(ctx context.Context, v Violation)) ContractOption {
	return func(c *contract) { c.report = f }
}

// Strict makes a violation fail the call with INTERNAL, naming the RPC
// and the code, instead of passing the message on. It is meant for tests
// of servers, proxies and test doubles.
func Strict() ContractOption {
	return func(c *contract) { c.strict = true }
}

type contract struct {
	report func(context.Context, Violation)
	strict bool
}

func newContract(opts []ContractOption) *contract {
	c := &contract{}
	for _, opt := range opts {
		opt(c)
	}
	return c
}

// check judges one message of a call to method. It returns the error to
// fail the call with, in strict mode.
func (c *contract) check(ctx context.Context, method string, m any) error {
	rpc, code, ok := statusOf(method, m)
	if !ok {
		return nil
	}
	mark := rpc.Mark(code)
	if mark != NotAllowed && mark != Reserved {
		return nil
	}
	v := Violation{Method: method, RPC: rpc, Code: code, Mark: mark}
	if c.report != nil {
		c.report(ctx, v)
	}
	if c.strict {
		return status.Error(codes.Internal, v.String())
	}
	return nil
}

const telemetryMethod = "/" + Service + "/Telemetry"

// statusOf reads the status code of a MessagingService message through
// protobuf reflection: the code (field 1, an enum) of its "status" field.
// A Telemetry command is judged as the command it carries.
func statusOf(method string, m any) (RPC, Code, bool) {
	pm, ok := m.(proto.Message)
	if !ok {
		return 0, 0, false
	}
	msg := pm.ProtoReflect()
	fields := msg.Descriptor().Fields()
	var rpc RPC
	if method == telemetryMethod {
		switch {
		case has(msg, fields.ByName("thread_stack_trace")):
			rpc = ThreadStackTrace
		case has(msg, fields.ByName("verify_message_result")):
			rpc = VerifyMessageResult
		default:
			return 0, 0, false
		}
	} else {
		name, ok := strings.CutPrefix(method, "/"+Service+"/")
		i := registry.Op(name)
		if !ok || i < 0 || RPC(i) == ThreadStackTrace || RPC(i) == VerifyMessageResult {
			return 0, 0, false
		}
		rpc = RPC(i)
	}
	sf := fields.ByName("status")
	if sf == nil || sf.Kind() != protoreflect.MessageKind || !msg.Has(sf) {
		return 0, 0, false
	}
	st := msg.Get(sf).Message()
	cf := st.Descriptor().Fields().ByNumber(1)
	if cf == nil || cf.Kind() != protoreflect.EnumKind {
		return 0, 0, false
	}
	return rpc, Code(st.Get(cf).Enum()), true
}

func has(msg protoreflect.Message, fd protoreflect.FieldDescriptor) bool {
	return fd != nil && msg.Has(fd)
}

// UnaryServerInterceptor checks the status code of each unary response
// against the matrix for the called RPC. Methods of other services pass
// through unchecked.
func UnaryServerInterceptor(opts ...ContractOption) grpc.UnaryServerInterceptor {
	c := newContract(opts)
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		resp, err := handler(ctx, req)
		if err != nil {
			return resp, err
		}
		if verr := c.check(ctx, info.FullMethod, resp); verr != nil {
			return nil, verr
		}
		return resp, nil
	}
}

// StreamServerInterceptor checks every message a streaming handler sends
// (ReceiveMessage, PullMessage), and on Telemetry also every command the
// client sends.
func StreamServerInterceptor(opts ...ContractOption) grpc.StreamServerInterceptor {
	c := newContract(opts)
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		return handler(srv, &checkedServerStream{ServerStream: ss, c: c, method: info.FullMethod})
	}
}

type checkedServerStream struct {
	grpc.ServerStream
	c      *contract
	method string
}

func (s *checkedServerStream) SendMsg(m any) error {
	if err := s.c.check(s.Context(), s.method, m); err != nil {
		return err
	}
	return s.ServerStream.SendMsg(m)
}

func (s *checkedServerStream) RecvMsg(m any) error {
	if err := s.ServerStream.RecvMsg(m); err != nil {
		return err
	}
	if s.method != telemetryMethod {
		return nil
	}
	return s.c.check(s.Context(), s.method, m)
}

// UnaryClientInterceptor checks the status code of each unary response
// the client receives against the matrix for the called RPC.
func UnaryClientInterceptor(opts ...ContractOption) grpc.UnaryClientInterceptor {
	c := newContract(opts)
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, callOpts ...grpc.CallOption) error {
		if err := invoker(ctx, method, req, reply, cc, callOpts...); err != nil {
			return err
		}
		return c.check(ctx, method, reply)
	}
}

// StreamClientInterceptor checks every message a client receives on a
// stream, and on Telemetry also every command it sends. In strict mode a
// violation ends the stream: the call is cancelled, and that RecvMsg or
// SendMsg and every later one return the INTERNAL error.
func StreamClientInterceptor(opts ...ContractOption) grpc.StreamClientInterceptor {
	c := newContract(opts)
	return func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, callOpts ...grpc.CallOption) (grpc.ClientStream, error) {
		ctx, cancel := context.WithCancel(ctx)
		cs, err := streamer(ctx, desc, cc, method, callOpts...)
		if err != nil {
			cancel()
			return nil, err
		}
		return &checkedClientStream{ClientStream: cs, c: c, method: method, cancel: cancel}, nil
	}
}

type checkedClientStream struct {
	grpc.ClientStream
	c      *contract
	method string
	cancel context.CancelFunc
	failed atomic.Pointer[error] // the strict-mode violation that ended the stream
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
		return err
	}
	if err := s.c.check(s.Context(), s.method, m); err != nil {
		return s.fail(err)
	}
	return nil
}

func (s *checkedClientStream) SendMsg(m any) error {
	if err := s.failed.Load(); err != nil {
		return *err
	}
	if s.method == telemetryMethod {
		if err := s.c.check(s.Context(), s.method, m); err != nil {
			return s.fail(err)
		}
	}
	return s.ClientStream.SendMsg(m)
}
