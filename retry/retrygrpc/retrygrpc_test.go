package retrygrpc_test

import (
	"context"
	"errors"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/retry"
	"github.com/statusreg/statusreg/retry/retrygrpc"
)

// The tests run a gRPC health server on 127.0.0.1 whose Check answers
// from a script, one answer an attempt, the last one repeated: an error,
// or a response whose status stands for an in-body failure (NOT_SERVING
// is decided Retry, SERVICE_UNKNOWN Fail).

// answer is one attempt's answer: err, else a response with st.
type answer struct {
	st  healthpb.HealthCheckResponse_ServingStatus
	err error
}

type scripted struct {
	healthpb.UnimplementedHealthServer

	mu      sync.Mutex
	script  []answer
	arrived []time.Time
}

func (s *scripted) Check(ctx context.Context, _ *healthpb.HealthCheckRequest) (*healthpb.HealthCheckResponse, error) {
	s.mu.Lock()
	n := len(s.arrived)
	s.arrived = append(s.arrived, time.Now())
	a := s.script[min(n, len(s.script)-1)]
	s.mu.Unlock()
	if a.err != nil {
		return nil, a.err
	}
	return &healthpb.HealthCheckResponse{Status: a.st}, nil
}

func (s *scripted) Watch(_ *healthpb.HealthCheckRequest, stream healthpb.Health_WatchServer) error {
	s.mu.Lock()
	s.arrived = append(s.arrived, time.Now())
	s.mu.Unlock()
	if err := stream.Send(&healthpb.HealthCheckResponse{Status: healthpb.HealthCheckResponse_SERVING}); err != nil {
		return err
	}
	return status.Error(codes.Unavailable, "going away")
}

// calls returns how many attempts arrived, and when.
func (s *scripted) calls() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Time(nil), s.arrived...)
}

// decideHealth decides a health check: its error by its gRPC code (a
// health check is idempotent), its response by the serving status.
func decideHealth(_ string, resp any, err error) retry.Decision {
	if err != nil {
		return grpccodes.Decide(status.Code(err), true)
	}
	switch resp.(*healthpb.HealthCheckResponse).GetStatus() {
	case healthpb.HealthCheckResponse_SERVING:
		return retry.Decision{Outcome: retry.Success, Reason: "serving"}
	case healthpb.HealthCheckResponse_NOT_SERVING:
		return retry.Decision{Outcome: retry.Retry, Reason: "not serving yet"}
	}
	return retry.Decision{Outcome: retry.Fail, Reason: "no such service"}
}

// start serves script on 127.0.0.1 and returns the server and a client
// whose unary calls go through the interceptor of decide and opts.
func start(t *testing.T, decide func(string, any, error) retry.Decision, opts []retrygrpc.Option, script ...answer) (*scripted, healthpb.HealthClient) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := &scripted{script: script}
	srv := grpc.NewServer()
	healthpb.RegisterHealthServer(srv, s)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	conn, err := grpc.NewClient("passthrough:///"+ln.Addr().String(),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithUnaryInterceptor(retrygrpc.UnaryClientInterceptor(decide, opts...)))
	require.NoError(t, err)
	t.Cleanup(func() {
		conn.Close()
		srv.Stop()
		assert.NoError(t, <-done)
	})
	return s, healthpb.NewHealthClient(conn)
}

var fast = retrygrpc.WithPolicy(retry.Policy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond})

func check(ctx context.Context, c healthpb.HealthClient) (*healthpb.HealthCheckResponse, error) {
	return c.Check(ctx, &healthpb.HealthCheckRequest{Service: "orders"})
}

func TestInBodyFailureIsRetried(t *testing.T) {
	s, c := start(t, decideHealth, []retrygrpc.Option{fast},
		answer{st: healthpb.HealthCheckResponse_NOT_SERVING},
		answer{st: healthpb.HealthCheckResponse_NOT_SERVING},
		answer{st: healthpb.HealthCheckResponse_SERVING})
	resp, err := check(t.Context(), c)
	require.NoError(t, err)
	assert.Equal(t, healthpb.HealthCheckResponse_SERVING, resp.GetStatus())
	assert.Len(t, s.calls(), 3)
}

func TestStatusErrorIsRetried(t *testing.T) {
	s, c := start(t, decideHealth, []retrygrpc.Option{fast},
		answer{err: status.Error(codes.Unavailable, "draining")},
		answer{st: healthpb.HealthCheckResponse_SERVING})
	resp, err := check(t.Context(), c)
	require.NoError(t, err)
	assert.Equal(t, healthpb.HealthCheckResponse_SERVING, resp.GetStatus())
	assert.Len(t, s.calls(), 2)
}

func TestNeverResendsSuccessEmptyOrFail(t *testing.T) {
	for _, tc := range []struct {
		name string
		a    answer
	}{
		{"success", answer{st: healthpb.HealthCheckResponse_SERVING}},
		{"in-body failure", answer{st: healthpb.HealthCheckResponse_SERVICE_UNKNOWN}},
		{"NOT_FOUND", answer{err: status.Error(codes.NotFound, "no such service")}},
		{"INTERNAL", answer{err: status.Error(codes.Internal, "broken")}},
		{"a plain error (UNKNOWN)", answer{err: errors.New("handler failed")}},
	} {
		s, c := start(t, decideHealth, []retrygrpc.Option{fast}, tc.a)
		_, _ = check(t.Context(), c)
		assert.Len(t, s.calls(), 1, tc.name)
	}
	// A decider that says Empty.
	empty := func(string, any, error) retry.Decision { return retry.Decision{Outcome: retry.Empty} }
	s, c := start(t, empty, []retrygrpc.Option{fast}, answer{err: status.Error(codes.Unavailable, "x")})
	_, err := check(t.Context(), c)
	assert.Equal(t, codes.Unavailable, status.Code(err))
	assert.Len(t, s.calls(), 1)
}

// The attempt limit holds, and the last attempt's error comes back as it
// was, its message and details included.
func TestAttemptLimitAndLastError(t *testing.T) {
	last, err := status.New(codes.Unavailable, "attempt 4").WithDetails(&errdetails.ErrorInfo{Reason: "DRAINING", Domain: "example.com"})
	require.NoError(t, err)
	s, c := start(t, decideHealth, []retrygrpc.Option{retrygrpc.WithPolicy(retry.Policy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond})},
		answer{err: status.Error(codes.Unavailable, "attempt 1")},
		answer{err: status.Error(codes.ResourceExhausted, "attempt 2")},
		answer{err: status.Error(codes.Unavailable, "attempt 3")},
		answer{err: last.Err()},
		answer{st: healthpb.HealthCheckResponse_SERVING})
	_, err = check(t.Context(), c)
	assert.Len(t, s.calls(), 4)
	st := status.Convert(err)
	assert.Equal(t, codes.Unavailable, st.Code())
	assert.Equal(t, "attempt 4", st.Message())
	require.Len(t, st.Details(), 1)
	assert.Equal(t, "DRAINING", st.Details()[0].(*errdetails.ErrorInfo).GetReason())

	// The zero policy: three attempts.
	s, c = start(t, decideHealth, nil, answer{st: healthpb.HealthCheckResponse_NOT_SERVING})
	resp, err := check(t.Context(), c)
	require.NoError(t, err)
	assert.Equal(t, healthpb.HealthCheckResponse_NOT_SERVING, resp.GetStatus(), "the last response, as it was")
	assert.Len(t, s.calls(), 3)
}

// Backoff waits between attempts: the gaps the server sees add up to
// more than nothing (full jitter may draw a short wait, but not four in
// a row below 5ms from bounds of 40ms to 320ms, short of a chance of
// about 4 in a million).
func TestBackoffWaits(t *testing.T) {
	s, c := start(t, decideHealth, []retrygrpc.Option{retrygrpc.WithPolicy(retry.Policy{MaxAttempts: 5, BaseDelay: 10 * time.Millisecond, MaxDelay: time.Second})},
		answer{err: status.Error(codes.ResourceExhausted, "slow down")})
	_, err := check(t.Context(), c)
	assert.Equal(t, codes.ResourceExhausted, status.Code(err))
	at := s.calls()
	require.Len(t, at, 5)
	assert.GreaterOrEqual(t, at[4].Sub(at[0]), 5*time.Millisecond)
}

// A RetryInfo delay wins over the policy's, capped by its MaxDelay.
func TestRetryInfo(t *testing.T) {
	later := func(d time.Duration) error {
		st, err := status.New(codes.Unavailable, "later").WithDetails(&errdetails.RetryInfo{RetryDelay: durationpb.New(d)})
		require.NoError(t, err)
		return st.Err()
	}
	s, c := start(t, decideHealth, []retrygrpc.Option{retrygrpc.WithPolicy(retry.Policy{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Second})},
		answer{err: later(300 * time.Millisecond)}, answer{st: healthpb.HealthCheckResponse_SERVING})
	_, err := check(t.Context(), c)
	require.NoError(t, err)
	at := s.calls()
	require.Len(t, at, 2)
	assert.GreaterOrEqual(t, at[1].Sub(at[0]), 300*time.Millisecond, "the server asked for 300ms")

	// A delay above MaxDelay waits MaxDelay.
	s, c = start(t, decideHealth, []retrygrpc.Option{retrygrpc.WithPolicy(retry.Policy{BaseDelay: time.Millisecond, MaxDelay: 20 * time.Millisecond})},
		answer{err: later(time.Hour)}, answer{st: healthpb.HealthCheckResponse_SERVING})
	begin := time.Now()
	_, err = check(t.Context(), c)
	require.NoError(t, err)
	assert.Less(t, time.Since(begin), 30*time.Second, "capped, not an hour")
	assert.Len(t, s.calls(), 2)
}

// The caller's deadline ends the loop: no attempt is started that the
// deadline would cut short, and the last error comes back.
func TestCallerDeadline(t *testing.T) {
	s, c := start(t, decideHealth, []retrygrpc.Option{retrygrpc.WithPolicy(retry.Policy{MaxAttempts: 1000, BaseDelay: 40 * time.Millisecond, MaxDelay: 40 * time.Millisecond})},
		answer{err: status.Error(codes.Unavailable, "down")})
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	begin := time.Now()
	_, err := check(ctx, c)
	assert.Less(t, time.Since(begin), 5*time.Second)
	assert.Contains(t, []codes.Code{codes.Unavailable, codes.DeadlineExceeded}, status.Code(err))
	n := len(s.calls())
	assert.Greater(t, n, 1)
	assert.Less(t, n, 1000)

	// A wait longer than the time left: one attempt only.
	s, c = start(t, decideHealth, []retrygrpc.Option{retrygrpc.WithPolicy(retry.Policy{MaxDelay: time.Minute})},
		answer{err: func() error {
			st, _ := status.New(codes.Unavailable, "much later").WithDetails(&errdetails.RetryInfo{RetryDelay: durationpb.New(time.Minute)})
			return st.Err()
		}()})
	ctx, cancel = context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	begin = time.Now()
	_, err = check(ctx, c)
	assert.Equal(t, codes.Unavailable, status.Code(err), "the last error, not the deadline")
	assert.Equal(t, "much later", status.Convert(err).Message())
	assert.Less(t, time.Since(begin), 900*time.Millisecond, "gave up at once")
	assert.Len(t, s.calls(), 1)
}

// Cancellation during a wait stops at once, with the last error.
func TestCancellationStopsAtOnce(t *testing.T) {
	st, err := status.New(codes.Unavailable, "later").WithDetails(&errdetails.RetryInfo{RetryDelay: durationpb.New(10 * time.Second)})
	require.NoError(t, err)
	s, c := start(t, decideHealth, []retrygrpc.Option{retrygrpc.WithPolicy(retry.Policy{MaxDelay: time.Minute})}, answer{err: st.Err()})
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(100*time.Millisecond, cancel)
	begin := time.Now()
	_, err = check(ctx, c)
	assert.Less(t, time.Since(begin), 5*time.Second)
	assert.Equal(t, codes.Unavailable, status.Code(err))
	assert.Len(t, s.calls(), 1)

	// Already cancelled: the call fails with CANCELLED, never resent.
	ctx, cancel = context.WithCancel(t.Context())
	cancel()
	_, err = check(ctx, c)
	assert.Equal(t, codes.Canceled, status.Code(err))
	assert.Len(t, s.calls(), 1)
}

// Streams are not retried: the Watch stream ends with UNAVAILABLE once.
func TestStreamsAreNotRetried(t *testing.T) {
	s, c := start(t, decideHealth, []retrygrpc.Option{fast}, answer{st: healthpb.HealthCheckResponse_SERVING})
	stream, err := c.Watch(t.Context(), &healthpb.HealthCheckRequest{})
	require.NoError(t, err)
	_, err = stream.Recv()
	require.NoError(t, err)
	_, err = stream.Recv()
	assert.Equal(t, codes.Unavailable, status.Code(err))
	assert.Len(t, s.calls(), 1)
}

// A server nobody listens for: the refused connection is UNAVAILABLE,
// retried up to the limit.
func TestRefusedConnection(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	var mu sync.Mutex
	decided := 0
	counting := func(m string, resp any, err error) retry.Decision {
		mu.Lock()
		decided++
		mu.Unlock()
		return decideHealth(m, resp, err)
	}
	conn, err := grpc.NewClient("passthrough:///"+addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithUnaryInterceptor(retrygrpc.UnaryClientInterceptor(counting, fast)))
	require.NoError(t, err)
	defer conn.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	_, err = check(ctx, healthpb.NewHealthClient(conn))
	assert.Equal(t, codes.Unavailable, status.Code(err))
	assert.Equal(t, 4, decided, "decided after each of 4 attempts but the last")
}

func TestNilDeciderSendsOnce(t *testing.T) {
	s, c := start(t, nil, []retrygrpc.Option{fast, nil}, answer{err: status.Error(codes.Unavailable, "down")})
	_, err := check(t.Context(), c)
	assert.Equal(t, codes.Unavailable, status.Code(err))
	assert.Len(t, s.calls(), 1)
}
