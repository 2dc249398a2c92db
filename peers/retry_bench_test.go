package peers_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	v2 "github.com/apache/rocketmq-clients/golang/v5/protocol/v2"
	grpcretry "github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/retry"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/retry"
	"github.com/statusreg/statusreg/retry/retrygrpc"
	"github.com/statusreg/statusreg/rocketmq"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// BenchmarkRetryTransport: httpmap.RetryTransport's success path, a GET
// answered 200 by a loopback server, next to the bare http.Transport it
// wraps (the peer). Both read and close the body, as a caller does; the
// retry transport itself leaves it unread.
func BenchmarkRetryTransport(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "ok")
	}))
	defer srv.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL, nil)
	if err != nil {
		b.Fatal(err)
	}
	run := func(b *testing.B, rt http.RoundTripper) {
		b.ReportAllocs()
		for range b.N {
			resp, err := rt.RoundTrip(req)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	b.Run("impl=statusreg", func(b *testing.B) { run(b, &httpmap.RetryTransport{Base: tr, Policy: retry.Policy{MaxAttempts: 3}}) })
	b.Run("impl=peer", func(b *testing.B) { run(b, tr) })
}

// BenchmarkRetryInterceptor: a SendMessage that succeeds at once (status
// OK, one entry OK, as a proxy answers one message), on a
// loopback RocketMQ server of the official Go client's stubs, through
// retrygrpc.UnaryClientInterceptor with rocketmq.DecideCall, next to
// go-grpc-middleware's retry interceptor (the peer, three attempts on
// UNAVAILABLE and RESOURCE_EXHAUSTED) and the bare call (impl=bare).
func BenchmarkRetryInterceptor(b *testing.B) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := grpc.NewServer()
	v2.RegisterMessagingServiceServer(srv, &scriptedBroker{script: []sendAnswer{{code: v2.Code_OK, entries: []v2.Code{v2.Code_OK}}}})
	go func() { _ = srv.Serve(ln) }()
	defer srv.Stop()

	req := &v2.SendMessageRequest{Messages: []*v2.Message{{Topic: &v2.Resource{Name: "orders"}, Body: []byte("hello")}}}
	run := func(b *testing.B, opts ...grpc.DialOption) {
		conn, err := grpc.NewClient("passthrough:///"+ln.Addr().String(),
			append(opts, grpc.WithTransportCredentials(insecure.NewCredentials()))...)
		if err != nil {
			b.Fatal(err)
		}
		defer conn.Close()
		c := v2.NewMessagingServiceClient(conn)
		ctx := context.Background()
		if _, err := c.SendMessage(ctx, req); err != nil { // connect first
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if _, err := c.SendMessage(ctx, req); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("impl=statusreg", func(b *testing.B) {
		run(b, grpc.WithUnaryInterceptor(retrygrpc.UnaryClientInterceptor(rocketmq.DecideCall, retrygrpc.WithPolicy(retry.Policy{MaxAttempts: 3}))))
	})
	b.Run("impl=peer", func(b *testing.B) {
		run(b, grpc.WithUnaryInterceptor(grpcretry.UnaryClientInterceptor(grpcretry.WithMax(3))))
	})
	b.Run("impl=bare", func(b *testing.B) { run(b) })
}
