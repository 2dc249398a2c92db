package peers_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/protoadapt"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// boundaryCase is an error a server returns, and what must arrive of it
// on the far side of a boundary.
type boundaryCase struct {
	name     string
	err      func() error
	code     codes.Code // the gRPC code
	message  string
	details  int
	rocketmq rocketmq.Code
	turms    turms.Code
	httpmap  httpmap.Code
	retry    time.Duration // a RetryInfo's delay, 0 for none
}

func boundaryCases() []boundaryCase {
	withDetails := func(c codes.Code, msg string, details ...protoadapt.MessageV1) func() error {
		return func() error {
			st, err := status.New(c, msg).WithDetails(details...)
			if err != nil {
				panic(err)
			}
			return st.Err()
		}
	}
	info := &errdetails.ErrorInfo{Reason: "TOPIC_NOT_FOUND", Domain: rocketmq.Domain, Metadata: map[string]string{"code": "40402"}}
	return []boundaryCase{
		{name: "rocketmq", err: func() error { return rocketmq.Errorf(rocketmq.TopicNotFound, "no topic %q", "orders") },
			code: codes.NotFound, message: `no topic "orders"`, details: 1, rocketmq: rocketmq.TopicNotFound, turms: turms.ResourceNotFound},
		{name: "turms", err: func() error { return turms.Errorf(turms.SendMessageToMutedGroup, "muted") },
			code: turms.SendMessageToMutedGroup.GRPCCode(), message: "muted", details: 1, turms: turms.SendMessageToMutedGroup},
		{name: "httpmap", err: func() error { return httpmap.Errorf(httpmap.ThroughputUpToLimit, "quota") },
			code: codes.ResourceExhausted, message: "quota", details: 1, turms: turms.ClientRequestsTooFrequent, httpmap: httpmap.ThroughputUpToLimit},
		{name: "failed-precondition", err: withDetails(codes.FailedPrecondition, "not yet", info),
			code: codes.FailedPrecondition, message: "not yet", details: 1, rocketmq: rocketmq.TopicNotFound, turms: turms.ServerInternalError},
		{name: "out-of-range", err: withDetails(codes.OutOfRange, "past the end"),
			code: codes.OutOfRange, message: "past the end", turms: turms.ServerInternalError},
		{name: "already-exists", err: withDetails(codes.AlreadyExists, "dup"),
			code: codes.AlreadyExists, message: "dup", turms: turms.DuplicateResource},
		{name: "deadline", err: withDetails(codes.DeadlineExceeded, "late"),
			code: codes.DeadlineExceeded, message: "late", turms: turms.ServerInternalError},
		{name: "unavailable-retry", err: withDetails(codes.Unavailable, "draining", &errdetails.RetryInfo{RetryDelay: durationpb.New(2 * time.Second)}),
			code: codes.Unavailable, message: "draining", details: 1, turms: turms.ServerUnavailable, retry: 2 * time.Second},
		{name: "unknown", err: func() error { return errors.New("boom") },
			code: codes.Unknown, message: "boom", turms: turms.ServerInternalError},
	}
}

func boundaryCaseNamed(name string) boundaryCase {
	for _, c := range boundaryCases() {
		if c.name == name {
			return c
		}
	}
	panic(name)
}

// checkRead checks what ReadError read of a boundary case's answer.
func checkRead(t *testing.T, c boundaryCase, re *httpmap.ResponseError, format httpmap.Format, how string) {
	t.Helper()
	require.NoError(t, re.BodyError(), how)
	assert.Equal(t, format, re.Format(), how)
	assert.Equal(t, c.code, re.GRPCCode(), how)
	assert.Equal(t, c.message, re.Message(), how)
	assert.Len(t, re.Details(), c.details, how)
	assert.Equal(t, c.rocketmq, rocketmq.CodeOf(re), how)
	assert.Equal(t, c.turms, turms.CodeOf(re), how)
	assert.Equal(t, c.httpmap, httpmap.CodeOf(re), how)
	d, ok := re.RetryAfter()
	assert.Equal(t, c.retry != 0, ok, how)
	assert.Equal(t, c.retry, d, how)
}

// grpcBackend starts a grpc-go server on loopback whose every method
// fails with the boundary case its name ends with, and returns a client
// connection to it.
func grpcBackend(t *testing.T) *grpc.ClientConn {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := grpc.NewServer(grpc.UnknownServiceHandler(func(_ any, stream grpc.ServerStream) error {
		method, _ := grpc.MethodFromServerStream(stream)
		return boundaryCaseNamed(method[strings.LastIndexByte(method, '/')+1:]).err()
	}))
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient(ln.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// TestGatewayBoundary: a grpc-gateway front (runtime.DefaultHTTPErrorHandler
// with its default marshaler) of a grpc-go backend answers each error;
// httpmap.ReadError reads it exactly, a statusreg proxy forwards it
// without loss, and httpmap.WriteError of the same error agrees with the
// gateway's HTTP status and details.
func TestGatewayBoundary(t *testing.T) {
	conn := grpcBackend(t)
	mux := runtime.NewServeMux()
	gateway := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := conn.Invoke(r.Context(), "/statusreg.peers.v1.Backend/"+strings.TrimPrefix(r.URL.Path, "/"), &emptypb.Empty{}, &emptypb.Empty{})
		_, outbound := runtime.MarshalerForRequest(mux, r)
		runtime.DefaultHTTPErrorHandler(r.Context(), mux, outbound, w, r, err)
	}))
	defer gateway.Close()
	proxy := httptest.NewServer(httpmap.Handler(func(_ http.ResponseWriter, r *http.Request) error {
		resp, err := gateway.Client().Get(gateway.URL + r.URL.Path)
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

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, c := range boundaryCases() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, gateway.URL+"/"+c.name, nil)
		resp, err := gateway.Client().Do(req)
		require.NoError(t, err)
		gatewayStatus := resp.StatusCode
		re, err := httpmap.ReadError(resp)
		require.NoError(t, err)
		checkRead(t, c, re, httpmap.FormatStatus, "gateway "+c.name)

		req, _ = http.NewRequestWithContext(ctx, http.MethodGet, proxy.URL+"/"+c.name, nil)
		resp, err = proxy.Client().Do(req)
		require.NoError(t, err)
		assert.Equal(t, gatewayStatus, resp.StatusCode, c.name)
		fwd, err := httpmap.ReadError(resp)
		require.NoError(t, err)
		assert.Empty(t, re.RequestID(), "the gateway sets no request ID, so no RequestInfo is forwarded")
		checkRead(t, c, fwd, httpmap.FormatAIP193, "forwarded "+c.name)

		// Both writers answer an error that carries a status alike; a
		// plain error's text WriteError keeps from the client, as an
		// INTERNAL "internal error".
		if c.name == "unknown" {
			continue
		}
		rec := httptest.NewRecorder()
		httpmap.WriteError(rec, nil, c.err())
		assert.Equal(t, gatewayStatus, rec.Code, "WriteError's HTTP status for %s", c.name)
		ours, err := httpmap.ReadError(rec.Result())
		require.NoError(t, err)
		assert.Equal(t, c.code, ours.GRPCCode(), c.name)
		assert.Equal(t, len(re.Details()), len(ours.Details()), c.name)
	}
}
