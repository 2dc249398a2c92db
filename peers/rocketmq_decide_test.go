package peers_test

import (
	"context"
	"errors"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	v2 "github.com/apache/rocketmq-clients/golang/v5/protocol/v2"
	"github.com/statusreg/statusreg/retry"
	"github.com/statusreg/statusreg/rocketmq"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
)

// The tests in this file decide, with RPC.DecideError, the errors a real
// gRPC client on the official Go client's stubs (v5.1.2, protocol/v2)
// receives: from a port nobody listens on, and from a loopback server
// whose handlers fail.

// failingBroker is a RocketMQ server whose handlers fail with the error
// set last. SendMessage and QueryRoute return it; ReceiveMessage sends
// one message, then ends the stream with it, so that the client reads it
// from Recv. When delay is set, SendMessage first sleeps that long.
type failingBroker struct {
	v2.UnimplementedMessagingServiceServer

	mu    sync.Mutex
	err   error
	delay time.Duration
}

func (b *failingBroker) set(err error, delay time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.err, b.delay = err, delay
}

func (b *failingBroker) get() (time.Duration, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.delay, b.err
}

func (b *failingBroker) SendMessage(ctx context.Context, _ *v2.SendMessageRequest) (*v2.SendMessageResponse, error) {
	delay, err := b.get()
	if delay > 0 {
		// Outlast the client: sleep through the call's deadline, so
		// that the client's own deadline, not an answer, ends the call.
		time.Sleep(delay)
		if ctx.Err() != nil {
			return nil, status.FromContextError(ctx.Err()).Err()
		}
	}
	if err != nil {
		return nil, err
	}
	return &v2.SendMessageResponse{Status: &v2.Status{Code: v2.Code_OK}}, nil
}

func (b *failingBroker) QueryRoute(context.Context, *v2.QueryRouteRequest) (*v2.QueryRouteResponse, error) {
	if _, err := b.get(); err != nil {
		return nil, err
	}
	return &v2.QueryRouteResponse{Status: &v2.Status{Code: v2.Code_OK}}, nil
}

func (b *failingBroker) ReceiveMessage(_ *v2.ReceiveMessageRequest, stream v2.MessagingService_ReceiveMessageServer) error {
	msg := &v2.ReceiveMessageResponse{Content: &v2.ReceiveMessageResponse_Message{
		Message: &v2.Message{Topic: &v2.Resource{Name: "orders"}, Body: []byte("hello")},
	}}
	if err := stream.Send(msg); err != nil {
		return err
	}
	_, err := b.get()
	return err
}

// startFailingBroker serves a failingBroker on 127.0.0.1:0 and returns it
// with a client connected to it.
func startFailingBroker(t *testing.T) (*failingBroker, v2.MessagingServiceClient) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b := &failingBroker{}
	srv := grpc.NewServer()
	v2.RegisterMessagingServiceServer(srv, b)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	conn, err := grpc.NewClient("passthrough:///"+ln.Addr().String(),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Close()
		srv.Stop()
		if err := <-done; err != nil {
			t.Errorf("broker: %v", err)
		}
	})
	return b, v2.NewMessagingServiceClient(conn)
}

func sendOne(ctx context.Context, client v2.MessagingServiceClient) error {
	_, err := client.SendMessage(ctx, &v2.SendMessageRequest{Messages: []*v2.Message{
		{Topic: &v2.Resource{Name: "orders"}, Body: []byte("hello")},
	}})
	return err
}

// receiveAll reads a ReceiveMessage stream to its end and returns how
// many messages it carried and the error it ended with, nil for io.EOF.
func receiveAll(ctx context.Context, client v2.MessagingServiceClient) (int, error) {
	stream, err := client.ReceiveMessage(ctx, &v2.ReceiveMessageRequest{})
	if err != nil {
		return 0, err
	}
	for n := 0; ; n++ {
		if _, err := stream.Recv(); err != nil {
			if errors.Is(err, io.EOF) {
				return n, nil
			}
			return n, err
		}
	}
}

func wantDecision(t *testing.T, what string, rpc rocketmq.RPC, err error, outcome retry.Outcome, reason string) {
	t.Helper()
	d := rpc.DecideError(err)
	if d.Outcome != outcome || d.Reason != reason {
		t.Errorf("%s: %v.DecideError(%v) = %v (%s); want %v (%s)", what, rpc, err, d.Outcome, d.Reason, outcome, reason)
	}
}

// TestDecideRefusedConnection dials a port on 127.0.0.1 that nobody
// listens on: the client fails with UNAVAILABLE, and the call is retried,
// not failed for want of a RocketMQ code.
func TestDecideRefusedConnection(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	conn, err := grpc.NewClient("passthrough:///"+addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()

	err = sendOne(ctx, v2.NewMessagingServiceClient(conn))
	if status.Code(err) != codes.Unavailable {
		t.Fatalf("SendMessage to a closed port: %v; want UNAVAILABLE", err)
	}
	if got := rocketmq.CodeOf(err); got != rocketmq.CodeUnspecified {
		t.Errorf("CodeOf = %v; want CODE_UNSPECIFIED, no RocketMQ code", got)
	}
	wantDecision(t, "refused", rocketmq.SendMessage, err, retry.Retry, rocketmq.ReasonUnavailable)
	if !rocketmq.SendMessage.DecideError(err).Retryable() {
		t.Error("a refused connection is not retryable")
	}
}

// TestDecideHandlerErrors has the server's handlers fail, with
// rocketmq.Errorf and with plain gRPC statuses, and decides what the
// client receives.
func TestDecideHandlerErrors(t *testing.T) {
	b, client := startFailingBroker(t)
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()

	for _, tc := range []struct {
		name    string
		rpc     rocketmq.RPC
		err     error
		outcome retry.Outcome
		reason  string
	}{
		{"Errorf TooManyRequests", rocketmq.SendMessage, rocketmq.Errorf(rocketmq.TooManyRequests, "slow down"), retry.Backoff, rocketmq.ReasonThrottled},
		{"Errorf TopicNotFound", rocketmq.SendMessage, rocketmq.Errorf(rocketmq.TopicNotFound, "topic %q", "orders"), retry.Fail, rocketmq.ReasonNotFoundOnCall},
		{"Errorf TopicNotFound", rocketmq.QueryRoute, rocketmq.Errorf(rocketmq.TopicNotFound, "topic %q", "orders"), retry.Fail, rocketmq.ReasonNotFoundOnCall},
		{"Errorf HANotAvailable", rocketmq.SendMessage, rocketmq.Errorf(rocketmq.HANotAvailable, "no slave"), retry.Retry, rocketmq.ReasonTransient},
		{"Errorf OK", rocketmq.SendMessage, rocketmq.Errorf(rocketmq.OK, "failed all the same"), retry.Fail, rocketmq.ReasonSuccessCodeInError},
		{"Errorf MultipleResults", rocketmq.QueryRoute, rocketmq.Errorf(rocketmq.MultipleResults, "failed all the same"), retry.Fail, rocketmq.ReasonSuccessCodeInError},
		{"Errorf lite quota (newer than the stubs)", rocketmq.SendMessage, rocketmq.Errorf(rocketmq.LiteTopicQuotaExceeded, "quota"), retry.Fail, rocketmq.ReasonQuotaExceeded},
		{"status RESOURCE_EXHAUSTED", rocketmq.SendMessage, status.Error(codes.ResourceExhausted, "too many streams"), retry.Backoff, rocketmq.ReasonResourceExhausted},
		{"status UNAVAILABLE", rocketmq.SendMessage, status.Error(codes.Unavailable, "draining"), retry.Retry, rocketmq.ReasonUnavailable},
		{"status NOT_FOUND", rocketmq.QueryRoute, status.Error(codes.NotFound, "no such thing"), retry.Fail, rocketmq.ReasonRejected},
		{"status UNAUTHENTICATED", rocketmq.SendMessage, status.Error(codes.Unauthenticated, "who are you"), retry.Fail, rocketmq.ReasonUnauthenticated},
		{"a plain error (UNKNOWN on the wire)", rocketmq.SendMessage, errors.New("handler broke"), retry.Fail, rocketmq.ReasonUnknown},
	} {
		b.set(tc.err, 0)
		var err error
		switch tc.rpc {
		case rocketmq.SendMessage:
			err = sendOne(ctx, client)
		case rocketmq.QueryRoute:
			_, err = client.QueryRoute(ctx, &v2.QueryRouteRequest{Topic: &v2.Resource{Name: "orders"}})
		default:
			t.Fatalf("no call for %v", tc.rpc)
		}
		if err == nil {
			t.Errorf("%s on %v: the client got no error", tc.name, tc.rpc)
			continue
		}
		if _, ok := errors.AsType[*rocketmq.Error](err); ok {
			t.Errorf("%s on %v: the client holds an in-process *rocketmq.Error, not what crossed the wire", tc.name, tc.rpc)
		}
		wantDecision(t, tc.name, tc.rpc, err, tc.outcome, tc.reason)
	}

	// ReceiveMessage: the stream carries a message, then its error
	// arrives from Recv.
	for _, tc := range []struct {
		name    string
		err     error
		outcome retry.Outcome
		reason  string
	}{
		{"Errorf MessageNotFound", rocketmq.Errorf(rocketmq.MessageNotFound, "nothing more"), retry.Empty, rocketmq.ReasonEmptyPoll},
		{"Errorf OK", rocketmq.Errorf(rocketmq.OK, "failed all the same"), retry.Fail, rocketmq.ReasonSuccessCodeInError},
		{"Errorf TooManyRequests", rocketmq.Errorf(rocketmq.TooManyRequests, "slow down"), retry.Backoff, rocketmq.ReasonThrottled},
		{"status NOT_FOUND, no RocketMQ code", status.Error(codes.NotFound, "not found"), retry.Fail, rocketmq.ReasonRejected},
	} {
		b.set(tc.err, 0)
		n, err := receiveAll(ctx, client)
		if n != 1 || err == nil {
			t.Errorf("ReceiveMessage ending with %s: the client got %d messages, %v; want 1 and an error", tc.name, n, err)
			continue
		}
		wantDecision(t, "ReceiveMessage ending with "+tc.name, rocketmq.ReceiveMessage, err, tc.outcome, tc.reason)
		if tc.outcome == retry.Empty {
			// The same error on another RPC is no empty poll.
			wantDecision(t, tc.name+" on PullMessage", rocketmq.PullMessage, err, retry.Fail, rocketmq.ReasonNotFoundOnCall)
		}
	}

	// A stream that ends cleanly succeeds.
	b.set(nil, 0)
	n, err := receiveAll(ctx, client)
	if n != 1 || err != nil {
		t.Errorf("ReceiveMessage: the client got %d messages, %v; want 1, nil", n, err)
	}
	wantDecision(t, "a clean stream", rocketmq.ReceiveMessage, err, retry.Success, rocketmq.ReasonOK)
}

// TestDecideClientDeadline has SendMessage's handler outlast the client's
// timeout: the attempt fails with DEADLINE_EXCEEDED and is retried, and
// the caller's own context, which is done, is what stops the retries.
// A call the caller cancels fails.
func TestDecideClientDeadline(t *testing.T) {
	b, client := startFailingBroker(t)
	b.set(nil, 500*time.Millisecond)

	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := sendOne(ctx, client)
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("the call took %v; the client's timeout is 100ms", elapsed)
	}
	if status.Code(err) != codes.DeadlineExceeded {
		t.Fatalf("SendMessage outlasting the client's timeout: %v; want DEADLINE_EXCEEDED", err)
	}
	wantDecision(t, "client deadline", rocketmq.SendMessage, err, retry.Retry, rocketmq.ReasonDeadlineExceeded)
	// The caller's context is done (its timer may fire a moment after the
	// error arrives), so the caller stops.
	select {
	case <-ctx.Done():
		if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			t.Errorf("the caller's context: %v; want DeadlineExceeded", ctx.Err())
		}
	case <-time.After(5 * time.Second):
		t.Error("the caller's context is not done")
	}

	// An attempt with a deadline of its own under a longer overall one.
	overall, cancelOverall := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancelOverall()
	attempt, cancelAttempt := context.WithTimeout(overall, 100*time.Millisecond)
	err = sendOne(attempt, client)
	cancelAttempt()
	wantDecision(t, "attempt deadline", rocketmq.SendMessage, err, retry.Retry, rocketmq.ReasonDeadlineExceeded)
	if overall.Err() != nil {
		t.Errorf("the overall context is done: %v", overall.Err())
	}

	// The caller cancels mid-call.
	ctx, cancel = context.WithCancel(t.Context())
	time.AfterFunc(100*time.Millisecond, cancel)
	err = sendOne(ctx, client)
	if status.Code(err) != codes.Canceled {
		t.Fatalf("SendMessage cancelled by the caller: %v; want CANCELLED", err)
	}
	wantDecision(t, "client cancel", rocketmq.SendMessage, err, retry.Fail, rocketmq.ReasonCanceled)
}
