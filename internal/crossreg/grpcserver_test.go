package crossreg

import (
	"context"
	"errors"
	"io"
	"net"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/statusreg/statusreg/grpccodes/recovery"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/rocketmq/contract"
)

// The loopback gRPC server serves two services, each with a unary and a
// server-streaming method: RocketMQ's MessagingService (SendMessage,
// ReceiveMessage), whose answers and errors the contract interceptors judge,
// and a plain echo service that no interceptor judges.
const (
	echoService = "crossreg.Echo"
	echoUnary   = "/" + echoService + "/Unary"
	echoStream  = "/" + echoService + "/Stream"
)

// What a request asks the handler to do.
const (
	actStatus = "status" // answer with a response whose status carries number
	actError  = "error"  // fail with registry's Errorf(number, message)
	actPanic  = "panic"  // panic, with a text that must not reach the client
)

// panicText is what a handler panics with.
const panicText = "crossreg: secret panic text"

// schema is a minimal message set, built at test time so that no
// generated stubs are needed: in package apache.rocketmq.v2, so that the
// contract interceptors read the response's status as they read
// RocketMQ's (a field "status" of message type apache.rocketmq.v2.Status
// whose field 1 is the code enum).
type schema struct {
	request, response, status protoreflect.MessageDescriptor
}

func newSchema(t testing.TB) schema {
	t.Helper()
	opt := descriptorpb.FieldDescriptorProto_LABEL_OPTIONAL.Enum()
	field := func(name string, n int32, typ descriptorpb.FieldDescriptorProto_Type, typeName string) *descriptorpb.FieldDescriptorProto {
		f := &descriptorpb.FieldDescriptorProto{Name: proto.String(name), Number: proto.Int32(n), Label: opt, Type: typ.Enum(), JsonName: proto.String(name)}
		if typeName != "" {
			f.TypeName = proto.String(typeName)
		}
		return f
	}
	str, i64, i32 := descriptorpb.FieldDescriptorProto_TYPE_STRING, descriptorpb.FieldDescriptorProto_TYPE_INT64, descriptorpb.FieldDescriptorProto_TYPE_INT32
	msg, enum := descriptorpb.FieldDescriptorProto_TYPE_MESSAGE, descriptorpb.FieldDescriptorProto_TYPE_ENUM
	fd := &descriptorpb.FileDescriptorProto{
		Name:    proto.String("crossreg_test.proto"),
		Package: proto.String("apache.rocketmq.v2"),
		Syntax:  proto.String("proto3"),
		EnumType: []*descriptorpb.EnumDescriptorProto{{
			Name:  proto.String("Code"),
			Value: []*descriptorpb.EnumValueDescriptorProto{{Name: proto.String("CODE_UNSPECIFIED"), Number: proto.Int32(0)}},
		}},
		MessageType: []*descriptorpb.DescriptorProto{
			{Name: proto.String("Status"), Field: []*descriptorpb.FieldDescriptorProto{
				field("code", 1, enum, ".apache.rocketmq.v2.Code"),
				field("message", 2, str, ""),
			}},
			{Name: proto.String("CrossregRequest"), Field: []*descriptorpb.FieldDescriptorProto{
				field("registry", 1, str, ""),
				field("number", 2, i64, ""),
				field("action", 3, str, ""),
				field("count", 4, i32, ""),
				field("message", 5, str, ""),
			}},
			{Name: proto.String("CrossregResponse"), Field: []*descriptorpb.FieldDescriptorProto{
				field("status", 1, msg, ".apache.rocketmq.v2.Status"),
			}},
		},
	}
	file, err := protodesc.NewFile(fd, nil)
	require.NoError(t, err)
	ms := file.Messages()
	return schema{request: ms.ByName("CrossregRequest"), response: ms.ByName("CrossregResponse"), status: ms.ByName("Status")}
}

// request is what a client asks of the handler.
type request struct {
	registry string // the error registry, for actError
	number   int64  // the code
	action   string
	count    int    // on a stream: how many responses to send first
	message  string // the error's message, for actError
}

func (s schema) encode(r request) *dynamicpb.Message {
	m := dynamicpb.NewMessage(s.request)
	f := s.request.Fields()
	m.Set(f.ByName("registry"), protoreflect.ValueOfString(r.registry))
	m.Set(f.ByName("number"), protoreflect.ValueOfInt64(r.number))
	m.Set(f.ByName("action"), protoreflect.ValueOfString(r.action))
	m.Set(f.ByName("count"), protoreflect.ValueOfInt32(int32(r.count)))
	m.Set(f.ByName("message"), protoreflect.ValueOfString(r.message))
	return m
}

func (s schema) decode(m *dynamicpb.Message) request {
	f := s.request.Fields()
	return request{
		registry: m.Get(f.ByName("registry")).String(),
		number:   m.Get(f.ByName("number")).Int(),
		action:   m.Get(f.ByName("action")).String(),
		count:    int(m.Get(f.ByName("count")).Int()),
		message:  m.Get(f.ByName("message")).String(),
	}
}

// answer returns a response whose status carries code.
func (s schema) answer(code int64) *dynamicpb.Message {
	st := dynamicpb.NewMessage(s.status)
	st.Set(s.status.Fields().ByNumber(1), protoreflect.ValueOfEnum(protoreflect.EnumNumber(code)))
	m := dynamicpb.NewMessage(s.response)
	m.Set(s.response.Fields().ByName("status"), protoreflect.ValueOfMessage(st))
	return m
}

// codeOfAnswer returns the code of a response's status.
func (s schema) codeOfAnswer(m *dynamicpb.Message) int64 {
	st := m.Get(s.response.Fields().ByName("status")).Message()
	return int64(st.Get(s.status.Fields().ByNumber(1)).Enum())
}

// loopback is a gRPC server on 127.0.0.1 and a client connected to it.
// The server chains recovery's interceptors (outermost, recovering
// panics) and the contract interceptors in strict mode.
type loopback struct {
	schema     schema
	conn       *grpc.ClientConn
	panics     atomic.Int64 // panics recovery's interceptors recovered
	violations atomic.Int64 // violations the contract interceptors reported
}

func startGRPC(t testing.TB) *loopback {
	t.Helper()
	l := &loopback{schema: newSchema(t)}
	onPanic := recovery.WithPanicHandler(func(context.Context, string, any) { l.panics.Add(1) })
	judge := []contract.Option{
		contract.Strict(),
		contract.OnViolation(func(context.Context, rocketmq.Violation) { l.violations.Add(1) }),
	}
	srv := grpc.NewServer(
		grpc.ChainUnaryInterceptor(recovery.UnaryServerInterceptor(onPanic), contract.UnaryServerInterceptor(judge...)),
		grpc.ChainStreamInterceptor(recovery.StreamServerInterceptor(onPanic), contract.StreamServerInterceptor(judge...)),
	)
	l.register(srv, rocketmq.Service, rocketmq.SendMessage.String(), rocketmq.ReceiveMessage.String())
	l.register(srv, echoService, "Unary", "Stream")

	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(lis) }()
	conn, err := grpc.NewClient("passthrough:///"+lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	l.conn = conn
	t.Cleanup(func() {
		_ = conn.Close()
		srv.Stop()
		if err := <-served; err != nil && !errors.Is(err, grpc.ErrServerStopped) {
			t.Errorf("gRPC server: %v", err)
		}
	})
	return l
}

// register adds service with one unary and one server-streaming method.
func (l *loopback) register(srv *grpc.Server, service, unary, stream string) {
	unaryMethod := "/" + service + "/" + unary
	srv.RegisterService(&grpc.ServiceDesc{
		ServiceName: service,
		HandlerType: (*any)(nil),
		Methods: []grpc.MethodDesc{{
			MethodName: unary,
			Handler: func(_ any, ctx context.Context, dec func(any) error, interceptor grpc.UnaryServerInterceptor) (any, error) {
				in := dynamicpb.NewMessage(l.schema.request)
				if err := dec(in); err != nil {
					return nil, err
				}
				handle := func(_ context.Context, req any) (any, error) { return l.handleUnary(req.(*dynamicpb.Message)) }
				if interceptor == nil {
					return handle(ctx, in)
				}
				return interceptor(ctx, in, &grpc.UnaryServerInfo{FullMethod: unaryMethod}, handle)
			},
		}},
		Streams: []grpc.StreamDesc{{
			StreamName:    stream,
			ServerStreams: true,
			Handler:       func(_ any, ss grpc.ServerStream) error { return l.handleStream(ss) },
		}},
	}, struct{}{})
}

// failure returns the error a request with actError asks for.
func failure(r request) error {
	reg := registryNamed(r.registry)
	if reg == nil {
		return errors.New("crossreg: no registry " + r.registry)
	}
	return reg.errorf(r.number, "%s", r.message)
}

func (l *loopback) handleUnary(in *dynamicpb.Message) (any, error) {
	r := l.schema.decode(in)
	switch r.action {
	case actError:
		return nil, failure(r)
	case actPanic:
		panic(panicText)
	}
	return l.schema.answer(r.number), nil
}

func (l *loopback) handleStream(ss grpc.ServerStream) error {
	in := dynamicpb.NewMessage(l.schema.request)
	if err := ss.RecvMsg(in); err != nil {
		return err
	}
	r := l.schema.decode(in)
	code := r.number
	if r.action != actStatus {
		code = int64(rocketmq.OK) // what a stream sends before it fails
	}
	for range r.count {
		if err := ss.SendMsg(l.schema.answer(code)); err != nil {
			return err
		}
	}
	switch r.action {
	case actError:
		return failure(r)
	case actPanic:
		panic(panicText)
	}
	return nil
}

// unary calls method with r and returns the response's code.
func (l *loopback) unary(ctx context.Context, method string, r request) (int64, error) {
	out := dynamicpb.NewMessage(l.schema.response)
	if err := l.conn.Invoke(ctx, method, l.schema.encode(r), out); err != nil {
		return 0, err
	}
	return l.schema.codeOfAnswer(out), nil
}

// stream calls the streaming method with r and returns the codes of the
// responses received, and the error that ended the stream (nil for a
// stream that ended well).
func (l *loopback) stream(ctx context.Context, method string, r request) ([]int64, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cs, err := l.conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true}, method)
	if err != nil {
		return nil, err
	}
	if err := cs.SendMsg(l.schema.encode(r)); err != nil {
		return nil, err
	}
	if err := cs.CloseSend(); err != nil {
		return nil, err
	}
	var got []int64
	for {
		out := dynamicpb.NewMessage(l.schema.response)
		if err := cs.RecvMsg(out); err != nil {
			if err == io.EOF {
				return got, nil
			}
			return got, err
		}
		got = append(got, l.schema.codeOfAnswer(out))
	}
}
