package peers_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"path"
	"strconv"
	"testing"
	"time"

	"github.com/statusreg/statusreg/grpccodes"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// TestFromHTTPTransportOnTheWire has a real grpc-go client call a plain
// HTTP/2 server that answers with each final status, 200 through 599,
// and checks the code the client reports. Informational statuses (1xx)
// are left out: a client reads them as interim headers and keeps
// waiting for the final response, so they never end a call.
func TestFromHTTPTransportOnTheWire(t *testing.T) {
	conn, err := grpc.NewClient("passthrough:///"+startPlainHTTP2(t),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	for s := 200; s <= 599; s++ {
		err := conn.Invoke(ctx, "/peers.PlainHTTP/"+strconv.Itoa(s), &emptypb.Empty{}, &emptypb.Empty{})
		if got, want := status.Code(err), grpccodes.FromHTTPTransport(s); got != want {
			t.Errorf("HTTP %d: grpc-go client reports %v; FromHTTPTransport says %v (error: %v)", s, got, want, err)
		}
		if ctx.Err() != nil {
			t.Fatalf("gave up at HTTP %d: %v", s, ctx.Err())
		}
	}
}

// startPlainHTTP2 starts a cleartext HTTP/2 server on loopback and
// returns its address. It speaks no gRPC: a request for /any/N gets
// HTTP status N with a text/plain body. The server stops when t ends.
func startPlainHTTP2(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var protocols http.Protocols
	protocols.SetUnencryptedHTTP2(true) // prior knowledge, as gRPC dials
	srv := &http.Server{
		Protocols:         &protocols,
		ReadHeaderTimeout: 10 * time.Second,
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s, err := strconv.Atoi(path.Base(r.URL.Path))
			if err != nil || s < 200 || s > 599 {
				t.Errorf("plain HTTP/2 server: unexpected path %q", r.URL.Path)
				s = http.StatusTeapot
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(s)
			// 204 and 304 take no body; net/http refuses it, harmlessly.
			_, _ = io.WriteString(w, "plain HTTP, not gRPC\n")
		}),
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		srv.Close()
		if err := <-done; !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("plain HTTP/2 server: %v", err)
		}
	})
	return ln.Addr().String()
}
