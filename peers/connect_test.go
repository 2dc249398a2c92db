package peers_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"connectrpc.com/connect"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/statusreg/statusreg/connectcodes"
	"github.com/statusreg/statusreg/grpccodes/recovery"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

const (
	connectUnary  = "/statusreg.peers.v1.Backend/Unary"
	connectStream = "/statusreg.peers.v1.Backend/ServerStream"
)

type stringValue = wrapperspb.StringValue

// connectBackend starts a connect-go handler, with connectcodes'
// interceptor, on a TLS loopback server with HTTP/2: each call fails
// with the boundary case its request names, a stream after one message.
func connectBackend(t *testing.T) *httptest.Server {
	t.Helper()
	opt := connect.WithInterceptors(connectcodes.Interceptor())
	mux := http.NewServeMux()
	mux.Handle(connectUnary, connect.NewUnaryHandler(connectUnary,
		func(_ context.Context, req *connect.Request[stringValue]) (*connect.Response[stringValue], error) {
			return nil, boundaryCaseNamed(req.Msg.GetValue()).err()
		}, opt))
	mux.Handle(connectStream, connect.NewServerStreamHandler(connectStream,
		func(_ context.Context, req *connect.Request[stringValue], s *connect.ServerStream[stringValue]) error {
			if err := s.Send(wrapperspb.String("first")); err != nil {
				return err
			}
			return boundaryCaseNamed(req.Msg.GetValue()).err()
		}, opt))
	srv := httptest.NewUnstartedServer(mux)
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// checkCalled checks a client's error of a boundary case, as status,
// every registry's CodeOf and DecideError read it.
func checkCalled(t *testing.T, c boundaryCase, err error, how string) {
	t.Helper()
	require.Error(t, err, how)
	st, ok := status.FromError(err)
	require.True(t, ok, how)
	assert.Equal(t, c.code, st.Code(), how)
	assert.Equal(t, c.message, st.Message(), how)
	assert.Len(t, st.Details(), c.details, how)
	assert.Equal(t, c.rocketmq, rocketmq.CodeOf(err), how)
	assert.Equal(t, c.turms, turms.CodeOf(err), how)
	assert.Equal(t, c.httpmap, httpmap.CodeOf(err), how)
	assert.Equal(t, rocketmq.SendMessage.DecideError(status.Convert(c.err()).Err()).Outcome, rocketmq.SendMessage.DecideError(err).Outcome, how)
}

// TestConnectProtocols: connect-go clients with the interceptor, on the
// Connect, gRPC and gRPC-Web protocols, unary and streaming, read every
// case a connect-go handler with the interceptor answers.
func TestConnectProtocols(t *testing.T) {
	srv := connectBackend(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, p := range []struct {
		name string
		opt  []connect.ClientOption
	}{{"connect", nil}, {"grpc", []connect.ClientOption{connect.WithGRPC()}}, {"grpcweb", []connect.ClientOption{connect.WithGRPCWeb()}}} {
		opts := append([]connect.ClientOption{connect.WithInterceptors(connectcodes.Interceptor())}, p.opt...)
		unary := connect.NewClient[stringValue, stringValue](srv.Client(), srv.URL+connectUnary, opts...)
		stream := connect.NewClient[stringValue, stringValue](srv.Client(), srv.URL+connectStream, opts...)
		for _, c := range boundaryCases() {
			_, err := unary.CallUnary(ctx, connect.NewRequest(wrapperspb.String(c.name)))
			checkCalled(t, c, err, p.name+" unary "+c.name)
			var ce *connect.Error
			assert.ErrorAs(t, err, &ce)
			assert.Equal(t, connect.Code(c.code), connect.CodeOf(err))

			s, err := stream.CallServerStream(ctx, connect.NewRequest(wrapperspb.String(c.name)))
			require.NoError(t, err)
			n := 0
			for s.Receive() {
				n++
			}
			assert.Equal(t, 1, n)
			checkCalled(t, c, s.Err(), p.name+" stream "+c.name)
			_ = s.Close()
		}
	}
}

// TestGRPCClientToConnectHandler: grpc-go's own client reads what a
// connect-go handler with the interceptor answers over gRPC.
func TestGRPCClientToConnectHandler(t *testing.T) {
	srv := connectBackend(t)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	conn, err := grpc.NewClient(srv.Listener.Addr().String(), grpc.WithTransportCredentials(credentials.NewTLS(&tls.Config{RootCAs: pool, ServerName: "example.com"})))
	require.NoError(t, err)
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, c := range boundaryCases() {
		err := conn.Invoke(ctx, connectUnary, wrapperspb.String(c.name), new(stringValue))
		checkCalled(t, c, err, "grpc-go unary "+c.name)

		s, err := conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true}, connectStream)
		require.NoError(t, err)
		require.NoError(t, s.SendMsg(wrapperspb.String(c.name)))
		require.NoError(t, s.CloseSend())
		n := 0
		for err = s.RecvMsg(new(stringValue)); err == nil; err = s.RecvMsg(new(stringValue)) {
			n++
		}
		assert.Equal(t, 1, n)
		checkCalled(t, c, err, "grpc-go stream "+c.name)
	}
}

// TestConnectClientToGRPCServer: a connect-go client with the
// interceptor, over gRPC, reads what a grpc-go server answers.
func TestConnectClientToGRPCServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	gs := grpc.NewServer(
		grpc.UnaryInterceptor(recovery.UnaryServerInterceptor()),
		grpc.UnknownServiceHandler(func(_ any, stream grpc.ServerStream) error {
			var req stringValue
			if err := stream.RecvMsg(&req); err != nil {
				return err
			}
			if strings.HasSuffix(mustMethod(stream), "ServerStream") {
				if err := stream.SendMsg(wrapperspb.String("first")); err != nil {
					return err
				}
			}
			return boundaryCaseNamed(req.GetValue()).err()
		}))
	go func() { _ = gs.Serve(ln) }()
	defer gs.Stop()

	tr := &http.Transport{Protocols: new(http.Protocols)}
	tr.Protocols.SetUnencryptedHTTP2(true)
	hc := &http.Client{Transport: tr}
	defer tr.CloseIdleConnections()
	url := "http://" + ln.Addr().String()
	opts := []connect.ClientOption{connect.WithGRPC(), connect.WithInterceptors(connectcodes.Interceptor())}
	unary := connect.NewClient[stringValue, stringValue](hc, url+connectUnary, opts...)
	stream := connect.NewClient[stringValue, stringValue](hc, url+connectStream, opts...)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, c := range boundaryCases() {
		_, err := unary.CallUnary(ctx, connect.NewRequest(wrapperspb.String(c.name)))
		checkCalled(t, c, err, "connect-go to grpc-go unary "+c.name)
		s, err := stream.CallServerStream(ctx, connect.NewRequest(wrapperspb.String(c.name)))
		require.NoError(t, err)
		n := 0
		for s.Receive() {
			n++
		}
		assert.Equal(t, 1, n)
		checkCalled(t, c, s.Err(), "connect-go to grpc-go stream "+c.name)
		_ = s.Close()
	}
}

func mustMethod(s grpc.ServerStream) string {
	m, _ := grpc.MethodFromServerStream(s)
	return m
}

// TestConnectAnswerThroughHTTPMap: the Connect protocol's unary answer
// of connect-go's handler, read by httpmap.ReadError, then forwarded by
// a statusreg proxy, keeps code, message, details and registry codes,
// and the proxy answers with connect-go's HTTP status.
func TestConnectAnswerThroughHTTPMap(t *testing.T) {
	srv := connectBackend(t)
	fetch := func(name string) (*http.Response, error) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+connectUnary, strings.NewReader(`"`+name+`"`))
		req.Header.Set("Content-Type", "application/json")
		return srv.Client().Do(req)
	}
	proxy := httptest.NewServer(httpmap.Handler(func(_ http.ResponseWriter, r *http.Request) error {
		resp, err := fetch(strings.TrimPrefix(r.URL.Path, "/"))
		if err != nil {
			return err
		}
		re, err := httpmap.ReadError(resp)
		if err != nil {
			return err
		}
		return re
	}))
	defer proxy.Close()
	for _, c := range boundaryCases() {
		resp, err := fetch(c.name)
		require.NoError(t, err)
		connectStatus := resp.StatusCode
		re, err := httpmap.ReadError(resp)
		require.NoError(t, err)
		checkRead(t, c, re, httpmap.FormatConnect, "connect "+c.name)

		resp, err = proxy.Client().Get(proxy.URL + "/" + c.name)
		require.NoError(t, err)
		assert.Equal(t, connectStatus, resp.StatusCode, c.name)
		fwd, err := httpmap.ReadError(resp)
		require.NoError(t, err)
		checkRead(t, c, fwd, httpmap.FormatAIP193, "forwarded "+c.name)
	}
}
