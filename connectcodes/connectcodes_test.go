package connectcodes_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"connectrpc.com/connect"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/statusreg/statusreg/connectcodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// The procedures of the test service; every message is a StringValue.
const (
	procUnary        = "/statusreg.test.v1.Test/Unary"
	procServerStream = "/statusreg.test.v1.Test/ServerStream"
	procClientStream = "/statusreg.test.v1.Test/ClientStream"
	procBidi         = "/statusreg.test.v1.Test/Bidi"
)

// errorCase is an error a handler returns, named by the request, and
// what a client must read from it.
type errorCase struct {
	name     string
	err      func() error
	code     codes.Code
	message  string
	rocketmq rocketmq.Code
	turms    turms.Code
	httpmap  httpmap.Code
	details  int
}

func errorCases() []errorCase {
	retry := &errdetails.RetryInfo{RetryDelay: durationpb.New(3 * time.Second)}
	return []errorCase{
		{name: "rocketmq", err: func() error { return rocketmq.Errorf(rocketmq.TopicNotFound, "no topic %q", "orders") },
			code: codes.NotFound, message: `no topic "orders"`, rocketmq: rocketmq.TopicNotFound, turms: turms.ResourceNotFound, details: 1},
		{name: "turms", err: func() error { return turms.Errorf(turms.SendMessageToMutedGroup, "muted") },
			code: turms.SendMessageToMutedGroup.GRPCCode(), message: "muted", turms: turms.SendMessageToMutedGroup, details: 1},
		{name: "httpmap", err: func() error { return httpmap.Errorf(httpmap.ThroughputUpToLimit, "quota") },
			code: codes.ResourceExhausted, message: "quota", turms: turms.ClientRequestsTooFrequent, httpmap: httpmap.ThroughputUpToLimit, details: 1},
		{name: "status", err: func() error {
			st, _ := status.New(codes.FailedPrecondition, "not yet").WithDetails(
				&errdetails.ErrorInfo{Reason: "TOPIC_NOT_FOUND", Domain: rocketmq.Domain, Metadata: map[string]string{"code": "40402"}}, retry)
			return fmt.Errorf("wrapped: %w", st.Err())
		}, code: codes.FailedPrecondition, message: "not yet", rocketmq: rocketmq.TopicNotFound, turms: turms.ServerInternalError, details: 2},
		{name: "connect", err: func() error {
			ce := connect.NewError(connect.CodeUnavailable, errors.New("draining"))
			d, _ := connect.NewErrorDetail(&errdetails.ErrorInfo{Reason: "SERVER_UNAVAILABLE", Domain: turms.Domain, Metadata: map[string]string{"code": "1201"}})
			ce.AddDetail(d)
			return ce
		}, code: codes.Unavailable, message: "draining", turms: turms.ServerUnavailable, details: 1},
		{name: "plain", err: func() error { return errors.New("boom") },
			code: codes.Unknown, message: "boom", turms: turms.ServerInternalError},
	}
}

func caseNamed(name string) errorCase {
	for _, c := range errorCases() {
		if c.name == name {
			return c
		}
	}
	panic(name)
}

// newServer starts a TLS loopback server, HTTP/2 enabled for gRPC, with
// the test service; the handlers answer the error their request names.
func newServer(t *testing.T, opts ...connect.HandlerOption) *httptest.Server {
	t.Helper()
	fail := func(msg *wrapperspb.StringValue) error { return caseNamed(msg.GetValue()).err() }
	mux := http.NewServeMux()
	mux.Handle(procUnary, connect.NewUnaryHandler(procUnary,
		func(_ context.Context, req *connect.Request[wrapperspb.StringValue]) (*connect.Response[wrapperspb.StringValue], error) {
			return nil, fail(req.Msg)
		}, opts...))
	mux.Handle(procServerStream, connect.NewServerStreamHandler(procServerStream,
		func(_ context.Context, req *connect.Request[wrapperspb.StringValue], s *connect.ServerStream[wrapperspb.StringValue]) error {
			if err := s.Send(wrapperspb.String("first")); err != nil {
				return err
			}
			return fail(req.Msg)
		}, opts...))
	mux.Handle(procClientStream, connect.NewClientStreamHandler(procClientStream,
		func(_ context.Context, s *connect.ClientStream[wrapperspb.StringValue]) (*connect.Response[wrapperspb.StringValue], error) {
			var last *wrapperspb.StringValue
			for s.Receive() {
				last = s.Msg()
			}
			return nil, fail(last)
		}, opts...))
	mux.Handle(procBidi, connect.NewBidiStreamHandler(procBidi,
		func(_ context.Context, s *connect.BidiStream[wrapperspb.StringValue, wrapperspb.StringValue]) error {
			msg, err := s.Receive()
			if err != nil {
				return err
			}
			return fail(msg)
		}, opts...))
	srv := httptest.NewUnstartedServer(mux)
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

var protocols = []struct {
	name string
	opts []connect.ClientOption
}{
	{"connect", nil},
	{"grpc", []connect.ClientOption{connect.WithGRPC()}},
	{"grpcweb", []connect.ClientOption{connect.WithGRPCWeb()}},
}

// call makes the call kind with the request name and returns its error.
func call(ctx context.Context, t *testing.T, hc *http.Client, url, kind, name string, opts ...connect.ClientOption) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	misbehaving := strings.HasPrefix(url, "misbehaving:")
	url = strings.TrimPrefix(url, "misbehaving:")
	req := wrapperspb.String(name)
	switch kind {
	case "unary":
		c := connect.NewClient[wrapperspb.StringValue, wrapperspb.StringValue](hc, url+procUnary, opts...)
		_, err := c.CallUnary(ctx, connect.NewRequest(req))
		return err
	case "server-stream":
		c := connect.NewClient[wrapperspb.StringValue, wrapperspb.StringValue](hc, url+procServerStream, opts...)
		s, err := c.CallServerStream(ctx, connect.NewRequest(req))
		if err != nil {
			return err
		}
		defer s.Close()
		n := 0
		for s.Receive() {
			n++
		}
		if !misbehaving {
			assert.Equal(t, 1, n, "the message before the error")
		}
		return s.Err()
	case "client-stream":
		c := connect.NewClient[wrapperspb.StringValue, wrapperspb.StringValue](hc, url+procClientStream, opts...)
		s := c.CallClientStream(ctx)
		if err := s.Send(wrapperspb.String("ignored")); err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		if err := s.Send(req); err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		_, err := s.CloseAndReceive()
		return err
	case "bidi":
		c := connect.NewClient[wrapperspb.StringValue, wrapperspb.StringValue](hc, url+procBidi, opts...)
		s := c.CallBidiStream(ctx)
		if err := s.Send(req); err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		_, err := s.Receive()
		_ = s.CloseRequest()
		_ = s.CloseResponse()
		return err
	}
	panic(kind)
}

var kinds = []string{"unary", "server-stream", "client-stream", "bidi"}

// checkClientError checks what a client with the interceptor holds.
func checkClientError(t *testing.T, c errorCase, err error, how string) {
	t.Helper()
	require.Error(t, err, how)
	var ce *connect.Error
	require.ErrorAs(t, err, &ce, how)
	assert.Equal(t, connect.Code(c.code), ce.Code(), how)
	assert.Equal(t, connect.Code(c.code), connect.CodeOf(err), how)
	assert.Equal(t, c.message, ce.Message(), how)
	st, ok := status.FromError(err)
	require.True(t, ok, how)
	assert.Equal(t, c.code, st.Code(), how)
	assert.Equal(t, c.message, st.Message(), how)
	assert.Len(t, st.Details(), c.details, how)
	for _, d := range st.Details() {
		_, isErr := d.(error)
		assert.False(t, isErr, "%s: detail %v decodes", how, d)
	}
	assert.Equal(t, c.rocketmq, rocketmq.CodeOf(err), how)
	assert.Equal(t, c.turms, turms.CodeOf(err), how)
	assert.Equal(t, c.httpmap, httpmap.CodeOf(err), how)
	if c.rocketmq != rocketmq.CodeUnspecified {
		assert.Equal(t, rocketmq.SendMessage.DecideError(c.err()), rocketmq.SendMessage.DecideError(err), how)
	}
}

// TestInterceptorEveryProtocol: a handler and a client with the
// interceptor carry every error's code, message, details and registry
// codes, on all three protocols, unary and streaming.
func TestInterceptorEveryProtocol(t *testing.T) {
	srv := newServer(t, connect.WithInterceptors(connectcodes.Interceptor()))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, p := range protocols {
		opts := append([]connect.ClientOption{connect.WithInterceptors(connectcodes.Interceptor())}, p.opts...)
		for _, kind := range kinds {
			for _, c := range errorCases() {
				how := p.name + " " + kind + " " + c.name
				checkClientError(t, c, call(ctx, t, srv.Client(), srv.URL, kind, c.name, opts...), how)
			}
		}
	}
}

// TestWithoutInterceptor: what connect-go does alone, the gap the
// interceptor closes on each side.
func TestWithoutInterceptor(t *testing.T) {
	bare := newServer(t)
	withIt := newServer(t, connect.WithInterceptors(connectcodes.Interceptor()))
	ctx := context.Background()

	// A bare handler answers a statusreg error UNKNOWN, without details.
	err := call(ctx, t, bare.Client(), bare.URL, "unary", "rocketmq")
	assert.Equal(t, connect.CodeUnknown, connect.CodeOf(err))
	var ce *connect.Error
	require.ErrorAs(t, err, &ce)
	assert.Empty(t, ce.Details())

	// A bare client's error holds the details, but no gRPC status ...
	err = call(ctx, t, withIt.Client(), withIt.URL, "unary", "rocketmq")
	_, ok := status.FromError(err)
	assert.False(t, ok)
	assert.Equal(t, rocketmq.CodeUnspecified, rocketmq.CodeOf(err))
	// ... until FromConnect gives it one.
	checkClientError(t, caseNamed("rocketmq"), connectcodes.FromConnect(err), "FromConnect")
}

// TestMisbehavingPeer: a proxy's HTML page in place of a Connect or gRPC
// answer reads as connect-go's code for its HTTP status, now also for
// every registry.
func TestMisbehavingPeer(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>")
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	for _, kind := range kinds {
		for _, p := range protocols {
			opts := append([]connect.ClientOption{connect.WithInterceptors(connectcodes.Interceptor())}, p.opts...)
			err := call(context.Background(), t, srv.Client(), "misbehaving:"+srv.URL, kind, "plain", opts...)
			kind := p.name + " " + kind
			require.Error(t, err, kind)
			st, ok := status.FromError(err)
			require.True(t, ok, kind)
			assert.Equal(t, codes.Unavailable, st.Code(), kind)
			assert.Equal(t, turms.ServerUnavailable, turms.CodeOf(err), kind)
			assert.True(t, rocketmq.SendMessage.DecideError(err).Retryable(), kind)
		}
	}
}

// TestConnectAnswerReadByHTTPMap: the Connect protocol's unary error
// answer, as connect-go's handler writes it, read by httpmap.ReadError.
func TestConnectAnswerReadByHTTPMap(t *testing.T) {
	srv := newServer(t, connect.WithInterceptors(connectcodes.Interceptor()))
	for _, c := range errorCases() {
		req, err := http.NewRequest(http.MethodPost, srv.URL+procUnary, strings.NewReader(`"`+c.name+`"`))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		resp, err := srv.Client().Do(req)
		require.NoError(t, err)
		re, err := httpmap.ReadError(resp)
		require.NoError(t, err)
		require.NoError(t, re.BodyError(), c.name)
		assert.Equal(t, httpmap.FormatConnect, re.Format(), c.name)
		assert.Equal(t, c.code, re.GRPCCode(), c.name)
		assert.Equal(t, c.message, re.Message(), c.name)
		assert.Len(t, re.Details(), c.details, c.name)
		assert.Equal(t, c.rocketmq, rocketmq.CodeOf(re), c.name)
		assert.Equal(t, c.turms, turms.CodeOf(re), c.name)
		assert.Equal(t, c.httpmap, httpmap.CodeOf(re), c.name)
	}
}

// TestWriteErrorOfFromConnect: httpmap.WriteError of a client's connect
// error writes the HTTP status connect-go's handler answered, and the
// details, for every code.
func TestWriteErrorOfFromConnect(t *testing.T) {
	mux := http.NewServeMux()
	unknown := &anypb.Any{TypeUrl: "type.googleapis.com/acme.v1.Conflict", Value: []byte("\n\x03xyz")}
	mux.Handle(procUnary, connect.NewUnaryHandler(procUnary,
		func(_ context.Context, req *connect.Request[wrapperspb.StringValue]) (*connect.Response[wrapperspb.StringValue], error) {
			var c connect.Code
			if err := c.UnmarshalText([]byte(req.Msg.GetValue())); err != nil {
				return nil, err
			}
			ce := connect.NewError(c, errors.New("m"))
			d, _ := connect.NewErrorDetail(&errdetails.ErrorInfo{Reason: "R", Domain: "example.com"})
			ce.AddDetail(d)
			d, _ = connect.NewErrorDetail(unknown)
			ce.AddDetail(d)
			return nil, ce
		}))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	client := connect.NewClient[wrapperspb.StringValue, wrapperspb.StringValue](srv.Client(), srv.URL+procUnary)
	for c := connect.CodeCanceled; c <= connect.CodeUnauthenticated; c++ {
		// connect-go's own HTTP status for c.
		req, _ := http.NewRequest(http.MethodPost, srv.URL+procUnary, strings.NewReader(`"`+c.String()+`"`))
		req.Header.Set("Content-Type", "application/json")
		resp, err := srv.Client().Do(req)
		require.NoError(t, err)
		_ = resp.Body.Close()

		_, err = client.CallUnary(context.Background(), connect.NewRequest(wrapperspb.String(c.String())))
		rec := httptest.NewRecorder()
		httpmap.WriteError(rec, nil, connectcodes.FromConnect(err))
		assert.Equal(t, resp.StatusCode, rec.Code, c.String())
		re, err := httpmap.ReadError(rec.Result())
		require.NoError(t, err)
		assert.Equal(t, codes.Code(c), re.GRPCCode(), c.String())
		assert.Equal(t, "m", re.Message())
		got := re.GRPCStatus().Proto().GetDetails()
		require.Len(t, got, 2, c.String())
		info := new(errdetails.ErrorInfo)
		require.NoError(t, got[0].UnmarshalTo(info))
		assert.Equal(t, "R", info.GetReason())
		assert.True(t, proto.Equal(unknown, got[1]), "the unknown detail keeps its bytes: %v", got[1])
	}
}

func TestToConnect(t *testing.T) {
	assert.Nil(t, connectcodes.ToConnect(nil))
	ce := connect.NewError(connect.CodeAborted, errors.New("x"))
	assert.Same(t, ce, connectcodes.ToConnect(fmt.Errorf("w: %w", ce)))
	assert.Equal(t, connect.CodeUnknown, connectcodes.ToConnect(errors.New("plain")).Code())
	assert.Equal(t, "plain", connectcodes.ToConnect(errors.New("plain")).Message())
	assert.Equal(t, connect.CodeCanceled, connectcodes.ToConnect(fmt.Errorf("db: %w", context.Canceled)).Code())
	assert.Equal(t, connect.CodeDeadlineExceeded, connectcodes.ToConnect(context.DeadlineExceeded).Code())
	assert.Equal(t, connect.CodeUnknown, connectcodes.ToConnect(status.Error(codes.OK, "odd")).Code(), "never OK")

	// A registry error: its code, message and ErrorInfo; still itself in
	// process.
	orig := rocketmq.Errorf(rocketmq.TopicNotFound, "no topic")
	got := connectcodes.ToConnect(fmt.Errorf("ctx: %w", orig))
	assert.Equal(t, connect.CodeNotFound, got.Code())
	assert.Equal(t, "no topic", got.Message())
	require.Len(t, got.Details(), 1)
	v, err := got.Details()[0].Value()
	require.NoError(t, err)
	assert.Equal(t, rocketmq.Domain, v.(*errdetails.ErrorInfo).GetDomain())
	assert.ErrorIs(t, got, orig)

	// A code outside the canonical ones keeps its number.
	assert.Equal(t, connect.Code(40), connectcodes.ToConnect(status.Error(codes.Code(40), "x")).Code())
}

func TestFromConnect(t *testing.T) {
	assert.NoError(t, connectcodes.FromConnect(nil))
	plain := errors.New("plain")
	assert.Same(t, plain, connectcodes.FromConnect(plain))
	st := status.Error(codes.NotFound, "x")
	assert.Equal(t, st, connectcodes.FromConnect(st), "a status already")

	ce := connect.NewError(connect.CodeResourceExhausted, errors.New("slow down"))
	var rate *httpmap.Error
	require.ErrorAs(t, httpmap.Errorf(httpmap.RateLimit, ""), &rate)
	d, _ := connect.NewErrorDetail(rate.ErrorInfo())
	ce.AddDetail(d)
	wrapped := fmt.Errorf("call: %w", ce)
	err := connectcodes.FromConnect(wrapped)
	assert.Equal(t, wrapped.Error(), err.Error())
	assert.Same(t, err, connectcodes.FromConnect(err), "once")
	assert.Equal(t, httpmap.RateLimit, httpmap.CodeOf(err))
	assert.Equal(t, connect.CodeResourceExhausted, connect.CodeOf(err))
	var back *connect.Error
	require.ErrorAs(t, err, &back)
	assert.Same(t, ce, back)
	s, ok := status.FromError(err)
	require.True(t, ok)
	assert.Equal(t, codes.ResourceExhausted, s.Code())
	assert.Equal(t, "slow down", s.Message())

	// Round trip: a status becomes a connect error and back, unchanged.
	orig, _ := status.New(codes.DataLoss, "lost").WithDetails(&errdetails.DebugInfo{Detail: "d"}, &errdetails.ErrorInfo{Reason: "X"})
	again := status.Convert(connectcodes.FromConnect(connectcodes.ToConnect(orig.Err())))
	assert.True(t, proto.Equal(orig.Proto(), again.Proto()), "%v", again.Proto())
}
