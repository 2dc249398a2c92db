package contract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/statusreg/statusreg/internal/contracttest"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/rocketmq/contract"
)

// wire is a MessagingService double on a loopback gRPC server
// (127.0.0.1) and a client connected to it, with the contract
// interceptors on both sides. Its unary methods (SendMessage, QueryRoute)
// answer with unary; ReceiveMessage, a server stream, runs stream.
type wire struct {
	resp protoreflect.MessageDescriptor
	conn *grpc.ClientConn

	mu     sync.Mutex
	unary  func() (proto.Message, error)
	stream func(send func(proto.Message) error) error
}

// startWire serves a wire double with the contract server interceptors
// built from serverOpts, and connects a client whose contract client
// interceptors are built from clientOpts. Nil options are zero options,
// as users get the interceptors.
func startWire(t *testing.T, serverOpts, clientOpts []contract.Option) *wire {
	t.Helper()
	resp, _ := contracttest.Messages(t)
	w := &wire{resp: resp}
	unary := func(name string) grpc.MethodDesc {
		return grpc.MethodDesc{MethodName: name, Handler: func(_ any, ctx context.Context, dec func(any) error, ic grpc.UnaryServerInterceptor) (any, error) {
			in := dynamicpb.NewMessage(resp)
			if err := dec(in); err != nil {
				return nil, err
			}
			h := func(context.Context, any) (any, error) {
				w.mu.Lock()
				f := w.unary
				w.mu.Unlock()
				return f()
			}
			return ic(ctx, in, &grpc.UnaryServerInfo{FullMethod: contracttest.Prefix + name}, h)
		}}
	}
	desc := grpc.ServiceDesc{
		ServiceName: rocketmq.Service,
		HandlerType: (*any)(nil),
		Methods:     []grpc.MethodDesc{unary("SendMessage"), unary("QueryRoute")},
		Streams: []grpc.StreamDesc{{
			StreamName:    "ReceiveMessage",
			ServerStreams: true,
			Handler: func(_ any, ss grpc.ServerStream) error {
				if err := ss.RecvMsg(dynamicpb.NewMessage(resp)); err != nil {
					return err
				}
				w.mu.Lock()
				f := w.stream
				w.mu.Unlock()
				return f(func(m proto.Message) error { return ss.SendMsg(m) })
			},
		}},
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := grpc.NewServer(
		grpc.ChainUnaryInterceptor(contract.UnaryServerInterceptor(serverOpts...)),
		grpc.ChainStreamInterceptor(contract.StreamServerInterceptor(serverOpts...)),
	)
	srv.RegisterService(&desc, struct{}{})
	served := make(chan error, 1)
	go func() { served <- srv.Serve(lis) }()
	conn, err := grpc.NewClient("passthrough:///"+lis.Addr().String(),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithChainUnaryInterceptor(contract.UnaryClientInterceptor(clientOpts...)),
		grpc.WithChainStreamInterceptor(contract.StreamClientInterceptor(clientOpts...)),
	)
	require.NoError(t, err)
	w.conn = conn
	t.Cleanup(func() {
		_ = conn.Close()
		srv.Stop()
		if err := <-served; err != nil && !errors.Is(err, grpc.ErrServerStopped) {
			t.Errorf("gRPC server: %v", err)
		}
	})
	return w
}

// answer sets what the unary methods return.
func (w *wire) answer(msg proto.Message, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.unary = func() (proto.Message, error) { return msg, err }
}

// streamThen sets what ReceiveMessage does: send msgs, ignoring the
// errors of the sends, and end with err.
func (w *wire) streamThen(err error, msgs ...proto.Message) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stream = func(send func(proto.Message) error) error {
		for _, m := range msgs {
			_ = send(m)
		}
		return err
	}
}

// call makes the unary call rpc and returns the response's codes (its
// own status first, then its entries'), or the error.
func (w *wire) call(t *testing.T, rpc rocketmq.RPC) ([]rocketmq.Code, error) {
	t.Helper()
	out := dynamicpb.NewMessage(w.resp)
	if err := w.conn.Invoke(callCtx(t), rpc.Method(), dynamicpb.NewMessage(w.resp), out); err != nil {
		return nil, err
	}
	return codesOf(out), nil
}

// receive calls ReceiveMessage and returns the codes of the messages it
// received, and the error that ended the stream (nil for a clean end).
func (w *wire) receive(t *testing.T) ([]rocketmq.Code, error) {
	t.Helper()
	cs, err := w.conn.NewStream(callCtx(t), &grpc.StreamDesc{ServerStreams: true}, rocketmq.ReceiveMessage.Method())
	require.NoError(t, err)
	require.NoError(t, cs.SendMsg(dynamicpb.NewMessage(w.resp)))
	require.NoError(t, cs.CloseSend())
	var got []rocketmq.Code
	for {
		out := dynamicpb.NewMessage(w.resp)
		if err := cs.RecvMsg(out); err != nil {
			if err == io.EOF {
				return got, nil
			}
			return got, err
		}
		got = append(got, codesOf(out)...)
	}
}

// codesOf returns the codes of m's status and its entries' statuses.
func codesOf(m *dynamicpb.Message) []rocketmq.Code {
	code := func(m protoreflect.Message) rocketmq.Code {
		st := m.Get(m.Descriptor().Fields().ByName("status")).Message()
		return rocketmq.Code(st.Get(st.Descriptor().Fields().ByNumber(1)).Enum())
	}
	got := []rocketmq.Code{code(m)}
	entries := m.Get(m.Descriptor().Fields().ByName("entries")).List()
	for i := range entries.Len() {
		got = append(got, code(entries.Get(i).Message()))
	}
	return got
}

func callCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// syncRecorder collects the violations an interceptor reports, from any
// goroutine.
type syncRecorder struct {
	mu  sync.Mutex
	got []rocketmq.Violation
}

func (r *syncRecorder) option() contract.Option {
	return contract.OnViolation(func(_ context.Context, v rocketmq.Violation) {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.got = append(r.got, v)
	})
}

// take returns the violations collected so far and forgets them.
func (r *syncRecorder) take() []rocketmq.Violation {
	r.mu.Lock()
	defer r.mu.Unlock()
	got := r.got
	r.got = nil
	return got
}

// asError is the violation of code returned as the error of rpc.
func asError(rpc rocketmq.RPC, code rocketmq.Code, mark rocketmq.Mark) rocketmq.Violation {
	return rocketmq.Violation{Method: rpc.Method(), RPC: rpc, Code: code, Mark: mark, AsError: true}
}

// wantStrict checks that err is the INTERNAL error Strict fails a call
// with for a code returned as an error.
func wantStrict(t *testing.T, err error, rpc rocketmq.RPC, code rocketmq.Code) {
	t.Helper()
	st := status.Convert(err)
	assert.Equal(t, codes.Internal, st.Code(), "%v", err)
	assert.Contains(t, st.Message(), rpc.String())
	assert.Contains(t, st.Message(), code.String()+" as an error")
	assert.Equal(t, rocketmq.CodeUnspecified, rocketmq.CodeOf(err), "the INTERNAL error carries no RocketMQ code")
}

// wantArrived checks that err is the error code was returned with,
// intact.
func wantArrived(t *testing.T, err error, code rocketmq.Code, msg string) {
	t.Helper()
	assert.Equal(t, code, rocketmq.CodeOf(err), "%v", err)
	assert.Equal(t, code.GRPCCode(), status.Code(err))
	assert.Equal(t, msg, status.Convert(err).Message())
}

// TestWireErrorsJudged: a handler's error with a code the matrix forbids
// for the RPC is a violation, on the server that returns it and on the
// client that receives it, for a unary call and for the error that ends
// a server stream. Lenient, the error reaches the client intact; a
// strict server or client fails the call INTERNAL, naming the violation.
func TestWireErrorsJudged(t *testing.T) {
	require.Equal(t, rocketmq.NotAllowed, rocketmq.SendMessage.Mark(rocketmq.ConsumerGroupNotFound))
	require.Equal(t, rocketmq.NotAllowed, rocketmq.ReceiveMessage.Mark(rocketmq.IllegalMessageTag))
	require.Equal(t, rocketmq.Reserved, rocketmq.QueryRoute.Mark(rocketmq.NotFound))
	require.Equal(t, rocketmq.Allowed, rocketmq.ReceiveMessage.Mark(rocketmq.MessageNotFound))
	resp, _ := contracttest.Messages(t)

	for _, side := range []struct {
		name                   string
		strictServer, strictCl bool
	}{
		{"lenient", false, false},
		{"strict server", true, false},
		{"strict client", false, true},
	} {
		t.Run(side.name, func(t *testing.T) {
			server, client := &syncRecorder{}, &syncRecorder{}
			serverOpts, clientOpts := []contract.Option{server.option()}, []contract.Option{client.option()}
			if side.strictServer {
				serverOpts = append(serverOpts, contract.Strict())
			}
			if side.strictCl {
				clientOpts = append(clientOpts, contract.Strict())
			}
			w := startWire(t, serverOpts, clientOpts)

			check := func(how string, err error, rpc rocketmq.RPC, code rocketmq.Code, mark rocketmq.Mark, msg string) {
				t.Helper()
				want := asError(rpc, code, mark)
				switch {
				case side.strictServer:
					wantStrict(t, err, rpc, code)
					assert.Equal(t, []rocketmq.Violation{want}, server.take(), how+": server")
					assert.Empty(t, client.take(), how+": client: the INTERNAL error carries no RocketMQ code")
				case side.strictCl:
					wantStrict(t, err, rpc, code)
					assert.Equal(t, []rocketmq.Violation{want}, server.take(), how+": server")
					assert.Equal(t, []rocketmq.Violation{want}, client.take(), how+": client")
				default:
					wantArrived(t, err, code, msg)
					assert.Equal(t, []rocketmq.Violation{want}, server.take(), how+": server")
					assert.Equal(t, []rocketmq.Violation{want}, client.take(), how+": client")
				}
			}

			w.answer(nil, rocketmq.Errorf(rocketmq.ConsumerGroupNotFound, "no group %q", "billing"))
			_, err := w.call(t, rocketmq.SendMessage)
			check("unary ❌", err, rocketmq.SendMessage, rocketmq.ConsumerGroupNotFound, rocketmq.NotAllowed, `no group "billing"`)

			w.answer(nil, rocketmq.Errorf(rocketmq.NotFound, "gone"))
			_, err = w.call(t, rocketmq.QueryRoute)
			check("unary 🔄", err, rocketmq.QueryRoute, rocketmq.NotFound, rocketmq.Reserved, "gone")

			w.streamThen(rocketmq.Errorf(rocketmq.IllegalMessageTag, "bad tag"), contracttest.WithStatus(resp, rocketmq.MessageNotFound, ""))
			got, err := w.receive(t)
			assert.Equal(t, []rocketmq.Code{rocketmq.MessageNotFound}, got, "the message before the error")
			check("stream", err, rocketmq.ReceiveMessage, rocketmq.IllegalMessageTag, rocketmq.NotAllowed, "bad tag")
		})
	}
}

// TestWireErrorsPassedUnjudged: errors whose code the RPC may return, and
// errors that carry no RocketMQ code, pass strict interceptors on both
// sides untouched and unreported.
func TestWireErrorsPassedUnjudged(t *testing.T) {
	require.Equal(t, rocketmq.Allowed, rocketmq.SendMessage.Mark(rocketmq.TopicNotFound))
	require.Equal(t, rocketmq.Allowed, rocketmq.ReceiveMessage.Mark(rocketmq.MessageNotFound))
	server, client := &syncRecorder{}, &syncRecorder{}
	w := startWire(t, []contract.Option{server.option(), contract.Strict()}, []contract.Option{client.option(), contract.Strict()})

	w.answer(nil, rocketmq.Errorf(rocketmq.TopicNotFound, "no topic"))
	_, err := w.call(t, rocketmq.SendMessage)
	wantArrived(t, err, rocketmq.TopicNotFound, "no topic")

	plain := status.Error(codes.NotFound, "consumer group not found") // no ErrorInfo
	w.answer(nil, plain)
	_, err = w.call(t, rocketmq.SendMessage)
	assert.Equal(t, status.Convert(plain).Proto().String(), status.Convert(err).Proto().String())

	w.streamThen(rocketmq.Errorf(rocketmq.MessageNotFound, "empty"))
	_, err = w.receive(t)
	wantArrived(t, err, rocketmq.MessageNotFound, "empty")

	w.streamThen(errors.New("boom"))
	_, err = w.receive(t)
	assert.Equal(t, codes.Unknown, status.Code(err))

	assert.Empty(t, server.take())
	assert.Empty(t, client.take())
}

// syncBuffer is a bytes.Buffer safe for writes from the server's
// goroutines while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

// take returns the lines written so far and forgets them.
func (b *syncBuffer) take() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := strings.TrimSpace(b.b.String())
	b.b.Reset()
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// captureDefaultLog routes log/slog's default logger to JSON lines in a
// buffer for the rest of the test, and restores it (and the log package,
// which slog.SetDefault redirects) afterwards. Tests that call it must
// not run in parallel.
func captureDefaultLog(t *testing.T) *syncBuffer {
	buf := &syncBuffer{}
	old, out, flags := slog.Default(), log.Writer(), log.Flags()
	slog.SetDefault(slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() {
		slog.SetDefault(old)
		log.SetOutput(out)
		log.SetFlags(flags)
	})
	return buf
}

// warning is a default log record of a violation, as JSON.
type warning struct {
	Level  string `json:"level"`
	Msg    string `json:"msg"`
	Method string `json:"method"`
	Code   struct {
		Name   string `json:"name"`
		Number int64  `json:"number"`
	} `json:"code"`
	Mark    string `json:"mark"`
	Field   string `json:"field"`
	Index   int    `json:"index"`
	AsError bool   `json:"as_error"`
}

func parseWarnings(t *testing.T, lines []string) []warning {
	t.Helper()
	var out []warning
	for _, line := range lines {
		var w warning
		require.NoError(t, json.Unmarshal([]byte(line), &w), line)
		out = append(out, w)
	}
	return out
}

// want is the warning for a violation of the code name (number) on rpc.
func want(rpc rocketmq.RPC, name string, number int64, mark, field string, index int, asError bool) warning {
	w := warning{Level: "WARN", Msg: "rocketmq contract violation", Method: rpc.Method(), Mark: mark, Field: field, Index: index, AsError: asError}
	w.Code.Name, w.Code.Number = name, number
	return w
}

// TestWireDefaultWarning: interceptors built with no options, on both
// sides of a real call, log each violation once at warn level on the
// logger slog.Default returns at the time (here replaced after the
// interceptors were built), with method, code, mark, field and index;
// they pass messages and errors on unchanged. A hook that does nothing
// silences them.
func TestWireDefaultWarning(t *testing.T) {
	resp, _ := contracttest.Messages(t)
	// Numbers from testdata/rocketmq-codes.tsv.
	const badRequest, consumerGroupNotFound, illegalMessageTag = 40000, 40403, 40004
	require.Equal(t, "BAD_REQUEST", rocketmq.Code(badRequest).String())
	require.Equal(t, "CONSUMER_GROUP_NOT_FOUND", rocketmq.Code(consumerGroupNotFound).String())
	require.Equal(t, "ILLEGAL_MESSAGE_TAG", rocketmq.Code(illegalMessageTag).String())

	plant := func(t *testing.T, w *wire) {
		t.Helper()
		w.answer(contracttest.WithStatus(resp, badRequest, ""), nil)
		got, err := w.call(t, rocketmq.SendMessage)
		require.NoError(t, err)
		assert.Equal(t, []rocketmq.Code{badRequest}, got, "the message passes")

		w.answer(contracttest.Batch(resp, rocketmq.OK, rocketmq.OK, badRequest), nil)
		got, err = w.call(t, rocketmq.SendMessage)
		require.NoError(t, err)
		assert.Equal(t, []rocketmq.Code{rocketmq.OK, rocketmq.OK, badRequest}, got)

		w.answer(nil, rocketmq.Errorf(consumerGroupNotFound, "no group"))
		_, err = w.call(t, rocketmq.SendMessage)
		wantArrived(t, err, consumerGroupNotFound, "no group")

		w.streamThen(rocketmq.Errorf(illegalMessageTag, "bad tag"), contracttest.WithStatus(resp, illegalMessageTag, ""))
		got, err = w.receive(t)
		assert.Equal(t, []rocketmq.Code{illegalMessageTag}, got)
		wantArrived(t, err, illegalMessageTag, "bad tag")
	}

	t.Run("default", func(t *testing.T) {
		w := startWire(t, nil, nil)
		logs := captureDefaultLog(t)
		plant(t, w)
		twice := func(w warning) []warning { return []warning{w, w} } // the server's, then the client's
		var wantUnary []warning
		wantUnary = append(wantUnary, twice(want(rocketmq.SendMessage, "BAD_REQUEST", badRequest, "NotAllowed", "", 0, false))...)
		wantUnary = append(wantUnary, twice(want(rocketmq.SendMessage, "BAD_REQUEST", badRequest, "NotAllowed", "entries", 1, false))...)
		wantUnary = append(wantUnary, twice(want(rocketmq.SendMessage, "CONSUMER_GROUP_NOT_FOUND", consumerGroupNotFound, "NotAllowed", "", 0, true))...)
		wantStream := []warning{
			want(rocketmq.ReceiveMessage, "ILLEGAL_MESSAGE_TAG", illegalMessageTag, "NotAllowed", "", 0, false), // the server sends it
			want(rocketmq.ReceiveMessage, "ILLEGAL_MESSAGE_TAG", illegalMessageTag, "NotAllowed", "", 0, false), // the client receives it
			want(rocketmq.ReceiveMessage, "ILLEGAL_MESSAGE_TAG", illegalMessageTag, "NotAllowed", "", 0, true),  // the server ends the stream with it
			want(rocketmq.ReceiveMessage, "ILLEGAL_MESSAGE_TAG", illegalMessageTag, "NotAllowed", "", 0, true),  // the client gets that error
		}
		got := parseWarnings(t, logs.take())
		require.Len(t, got, len(wantUnary)+len(wantStream))
		assert.Equal(t, wantUnary, got[:len(wantUnary)], "unary calls, in order")
		// The server may end the stream before the client reads it.
		assert.ElementsMatch(t, wantStream, got[len(wantUnary):], "the stream")
	})

	t.Run("silenced", func(t *testing.T) {
		quiet := []contract.Option{contract.OnViolation(func(context.Context, rocketmq.Violation) {})}
		w := startWire(t, quiet, quiet)
		logs := captureDefaultLog(t)
		plant(t, w)
		assert.Empty(t, logs.take())
	})

	t.Run("nil hook keeps the default", func(t *testing.T) {
		w := startWire(t, []contract.Option{contract.OnViolation(nil)}, nil)
		logs := captureDefaultLog(t)
		w.answer(nil, rocketmq.Errorf(consumerGroupNotFound, "no group"))
		_, err := w.call(t, rocketmq.SendMessage)
		wantArrived(t, err, consumerGroupNotFound, "no group")
		assert.Len(t, parseWarnings(t, logs.take()), 2)
	})
}
