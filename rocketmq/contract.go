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

// Violation is a status code that the matrix marks ❌ or 🔄 for the RPC
// a message answers. Codes the matrix has no cell for are not judged.
//
// A message can carry several statuses: its own (the top-level field
// "status") and, in batch answers such as SendMessageResponse and
// AckMessageResponse, one per element of a repeated field ("entries").
// Each status is judged on its own, and Field and Index say which one a
// violation is about; their zero values mean the top-level status.
type Violation struct {
	Method string // the full gRPC method of the call
	RPC    RPC
	Code   Code
	Mark   Mark   // NotAllowed or Reserved
	Field  string // "" for the top-level status, else the repeated field whose element carries it, such as "entries"
	Index  int    // the index of that element in Field; 0 for the top-level status
}

// String describes the violation, naming the RPC, the code and, for the
// status of an element of a repeated field, the element.
func (v Violation) String() string {
	if v.Field == "" {
		return fmt.Sprintf("rocketmq contract: %v returned %v, which the status matrix marks %v", v.RPC, v.Code, v.Mark)
	}
	return fmt.Sprintf("rocketmq contract: %v returned %v in %s[%d], which the status matrix marks %v", v.RPC, v.Code, v.Field, v.Index, v.Mark)
}

// ContractOption configures the contract interceptors.
type ContractOption func(*contract)

// OnViolation has the interceptors call f for every violation, for logs
// or metrics.
func OnViolation(f func(ctx context.Context, v Violation)) ContractOption {
	return func(c *contract) { c.report = f }
}

// Strict makes a violation fail the call with INTERNAL, naming the RPC
// and the code, instead of passing the message on. On a stream the first
// violation ends the stream: that send or receive and every later one
// return the INTERNAL error, and the call ends with it whatever the
// handler returns. A message with several violating statuses fails with
// the first, and OnViolation still sees every one. Strict is meant for
// tests of servers, proxies and test doubles.
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

// check judges every status of one message of a call to method and
// reports each violation. In strict mode it returns the error to fail the
// call with, naming the first violation.
func (c *contract) check(ctx context.Context, method string, m any) error {
	pm, ok := m.(proto.Message)
	if !ok {
		return nil
	}
	msg := pm.ProtoReflect()
	rpc, ok := rpcOf(method, msg)
	if !ok {
		return nil
	}
	var failed error
	judge := func(code Code, field string, index int) {
		mark := rpc.Mark(code)
		if mark != NotAllowed && mark != Reserved {
			return
		}
		v := Violation{Method: method, RPC: rpc, Code: code, Mark: mark, Field: field, Index: index}
		if c.report != nil {
			c.report(ctx, v)
		}
		if c.strict && failed == nil {
			failed = status.Error(codes.Internal, v.String())
		}
	}
	if code, ok := statusOf(msg); ok {
		judge(code, "", 0)
	}
	fields := msg.Descriptor().Fields()
	for i := range fields.Len() {
		fd := fields.Get(i)
		if !fd.IsList() || fd.Kind() != protoreflect.MessageKind || !isStatus(fd.Message().Fields().ByName("status")) {
			continue
		}
		list := msg.Get(fd).List()
		for j := range list.Len() {
			if code, ok := statusOf(list.Get(j).Message()); ok {
				judge(code, string(fd.Name()), j)
			}
		}
	}
	return failed
}

const telemetryMethod = "/" + Service + "/Telemetry"

// rpcOf returns the RPC whose column judges msg, a message of a call to
// method. A Telemetry command is judged as the command it carries;
// methods of other services, and of this one that the matrix has no
// column for, are not judged.
func rpcOf(method string, msg protoreflect.Message) (RPC, bool) {
	if method == telemetryMethod {
		fields := msg.Descriptor().Fields()
		switch {
		case has(msg, fields.ByName("thread_stack_trace")):
			return ThreadStackTrace, true
		case has(msg, fields.ByName("verify_message_result")):
			return VerifyMessageResult, true
		}
		return 0, false
	}
	name, ok := strings.CutPrefix(method, "/"+Service+"/")
	if !ok {
		return 0, false
	}
	// gRPC method names are case-sensitive: take ParseRPC's answer only
	// if it names the method exactly.
	rpc, err := ParseRPC(method)
	if err != nil || rpc.String() != name || rpc == ThreadStackTrace || rpc == VerifyMessageResult {
		return 0, false
	}
	return rpc, true
}

const statusMessage protoreflect.FullName = "apache.rocketmq.v2.Status"

// isStatus reports whether fd is a singular field of message type
// apache.rocketmq.v2.Status.
func isStatus(fd protoreflect.FieldDescriptor) bool {
	return fd != nil && fd.Cardinality() != protoreflect.Repeated &&
		fd.Kind() == protoreflect.MessageKind && fd.Message().FullName() == statusMessage
}

// statusOf reads, through protobuf reflection, the code (field 1, an
// enum) of the apache.rocketmq.v2.Status in msg's field "status", if msg
// has one set.
func statusOf(msg protoreflect.Message) (Code, bool) {
	sf := msg.Descriptor().Fields().ByName("status")
	if !isStatus(sf) || !msg.Has(sf) {
		return 0, false
	}
	st := msg.Get(sf).Message()
	cf := st.Descriptor().Fields().ByNumber(1)
	if cf == nil || cf.Kind() != protoreflect.EnumKind {
		return 0, false
	}
	return Code(st.Get(cf).Enum()), true
}

func has(msg protoreflect.Message, fd protoreflect.FieldDescriptor) bool {
	return fd != nil && msg.Has(fd)
}

// UnaryServerInterceptor checks the status codes of each unary response
// (its own status and those of its batch entries) against the matrix for
// the called RPC. Methods of other services pass through unchecked.
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
// client sends. In strict mode a violation ends the stream: that SendMsg
// or RecvMsg and every later one return the INTERNAL error, and the call
// ends with it whatever the handler returns.
func StreamServerInterceptor(opts ...ContractOption) grpc.StreamServerInterceptor {
	c := newContract(opts)
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		s := &checkedServerStream{ServerStream: ss, c: c, method: info.FullMethod}
		err := handler(srv, s)
		if failed := s.failed.Load(); failed != nil {
			return *failed
		}
		return err
	}
}

type checkedServerStream struct {
	grpc.ServerStream
	c      *contract
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
	if err := s.c.check(s.Context(), s.method, m); err != nil {
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
	if err := s.c.check(s.Context(), s.method, m); err != nil {
		return s.fail(err)
	}
	return nil
}

// UnaryClientInterceptor checks the status codes of each unary response
// the client receives (its own status and those of its batch entries)
// against the matrix for the called RPC.
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
