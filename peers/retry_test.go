package peers_test

import (
	"context"
	"net"
	"sync"
	"testing"
	"time"

	v2 "github.com/apache/rocketmq-clients/golang/v5/protocol/v2"
	grpcretry "github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/retry"
	"github.com/statusreg/statusreg/retry"
	"github.com/statusreg/statusreg/retry/retrygrpc"
	"github.com/statusreg/statusreg/rocketmq"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
)

// The tests in this file resend RocketMQ calls with
// retrygrpc.UnaryClientInterceptor and rocketmq.DecideCall, on a real
// gRPC client and server of the official Go client's stubs (v5.1.2,
// protocol/v2) over 127.0.0.1. The server answers SendMessage from a
// script, one answer a send, the last one repeated: a code in the
// response's status (RocketMQ's usual way to fail), or an error.

// sendAnswer is one SendMessage answer: err, else a response with the
// status code and, when set, entries with those codes.
type sendAnswer struct {
	code    v2.Code
	entries []v2.Code
	err     error
}

type scriptedBroker struct {
	v2.UnimplementedMessagingServiceServer

	mu      sync.Mutex
	script  []sendAnswer
	arrived []time.Time
}

func (b *scriptedBroker) SendMessage(context.Context, *v2.SendMessageRequest) (*v2.SendMessageResponse, error) {
	b.mu.Lock()
	a := b.script[min(len(b.arrived), len(b.script)-1)]
	b.arrived = append(b.arrived, time.Now())
	b.mu.Unlock()
	if a.err != nil {
		return nil, a.err
	}
	resp := &v2.SendMessageResponse{Status: &v2.Status{Code: a.code, Message: a.code.String()}}
	for i, c := range a.entries {
		resp.Entries = append(resp.Entries, &v2.SendResultEntry{Status: &v2.Status{Code: c}, MessageId: string(rune('a' + i))})
	}
	return resp, nil
}

func (b *scriptedBroker) sends() []time.Time {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]time.Time(nil), b.arrived...)
}

// startScriptedBroker serves script on 127.0.0.1 and returns the broker
// and a client whose unary calls go through interceptor.
func startScriptedBroker(t *testing.T, interceptor grpc.UnaryClientInterceptor, script ...sendAnswer) (*scriptedBroker, v2.MessagingServiceClient) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b := &scriptedBroker{script: script}
	srv := grpc.NewServer()
	v2.RegisterMessagingServiceServer(srv, b)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	conn, err := grpc.NewClient("passthrough:///"+ln.Addr().String(),
		grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithUnaryInterceptor(interceptor))
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

func retrying(p retry.Policy) grpc.UnaryClientInterceptor {
	return retrygrpc.UnaryClientInterceptor(rocketmq.DecideCall, retrygrpc.WithPolicy(p))
}

var quickPolicy = retry.Policy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}

func send(ctx context.Context, c v2.MessagingServiceClient) (*v2.SendMessageResponse, error) {
	return c.SendMessage(ctx, &v2.SendMessageRequest{Messages: []*v2.Message{{Topic: &v2.Resource{Name: "orders"}, Body: []byte("hello")}}})
}

// HA_NOT_AVAILABLE in the status twice, then OK: three sends.
func TestRetryHANotAvailableInTheStatus(t *testing.T) {
	b, c := startScriptedBroker(t, retrying(quickPolicy),
		sendAnswer{code: v2.Code(rocketmq.HANotAvailable)}, sendAnswer{code: v2.Code(rocketmq.HANotAvailable)}, sendAnswer{code: v2.Code_OK})
	resp, err := send(t.Context(), c)
	if err != nil || resp.GetStatus().GetCode() != v2.Code_OK {
		t.Fatalf("send: %v, %v; want OK", resp.GetStatus(), err)
	}
	if n := len(b.sends()); n != 3 {
		t.Errorf("%d sends; want 3", n)
	}
}

// TOO_MANY_REQUESTS waits with backoff between sends: four waits in a
// row below 5ms from bounds of 40ms to 320ms have a chance of about 4 in
// a million.
func TestRetryTooManyRequestsBacksOff(t *testing.T) {
	tooMany := sendAnswer{code: v2.Code_TOO_MANY_REQUESTS}
	b, c := startScriptedBroker(t, retrying(retry.Policy{MaxAttempts: 5, BaseDelay: 10 * time.Millisecond, MaxDelay: time.Second}),
		tooMany, tooMany, tooMany, tooMany, sendAnswer{code: v2.Code_OK})
	resp, err := send(t.Context(), c)
	if err != nil || resp.GetStatus().GetCode() != v2.Code_OK {
		t.Fatalf("send: %v, %v; want OK", resp.GetStatus(), err)
	}
	at := b.sends()
	if len(at) != 5 {
		t.Fatalf("%d sends; want 5", len(at))
	}
	if waited := at[4].Sub(at[0]); waited < 5*time.Millisecond {
		t.Errorf("four backoffs took %v", waited)
	}
}

// TOPIC_NOT_FOUND is sent once, in the status or as an error.
func TestRetryTopicNotFoundSentOnce(t *testing.T) {
	b, c := startScriptedBroker(t, retrying(quickPolicy), sendAnswer{code: v2.Code_TOPIC_NOT_FOUND}, sendAnswer{code: v2.Code_OK})
	resp, err := send(t.Context(), c)
	if err != nil || resp.GetStatus().GetCode() != v2.Code_TOPIC_NOT_FOUND {
		t.Errorf("send: %v, %v; want the TOPIC_NOT_FOUND answer as it was", resp.GetStatus(), err)
	}
	if n := len(b.sends()); n != 1 {
		t.Errorf("%d sends; want 1", n)
	}

	b, c = startScriptedBroker(t, retrying(quickPolicy),
		sendAnswer{err: rocketmq.Errorf(rocketmq.TopicNotFound, "no topic %q", "orders")}, sendAnswer{code: v2.Code_OK})
	_, err = send(t.Context(), c)
	if rocketmq.CodeOf(err) != rocketmq.TopicNotFound {
		t.Errorf("send: %v; want TOPIC_NOT_FOUND", err)
	}
	if n := len(b.sends()); n != 1 {
		t.Errorf("%d sends; want 1", n)
	}
}

// An error that carries a retryable RocketMQ code is resent too.
func TestRetryErrorStatuses(t *testing.T) {
	b, c := startScriptedBroker(t, retrying(quickPolicy),
		sendAnswer{err: rocketmq.Errorf(rocketmq.TooManyRequests, "slow down")},
		sendAnswer{err: status.Error(codes.Unavailable, "draining")},
		sendAnswer{code: v2.Code_OK})
	if _, err := send(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if n := len(b.sends()); n != 3 {
		t.Errorf("%d sends; want 3", n)
	}
}

// A batch whose status is MULTIPLE_RESULTS is resent while an entry is
// throttled, and not when an entry failed for good.
func TestRetryEntries(t *testing.T) {
	b, c := startScriptedBroker(t, retrying(quickPolicy),
		sendAnswer{code: v2.Code_MULTIPLE_RESULTS, entries: []v2.Code{v2.Code_OK, v2.Code_TOO_MANY_REQUESTS}},
		sendAnswer{code: v2.Code_MULTIPLE_RESULTS, entries: []v2.Code{v2.Code_OK, v2.Code_OK}})
	if _, err := send(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if n := len(b.sends()); n != 2 {
		t.Errorf("%d sends; want 2", n)
	}

	b, c = startScriptedBroker(t, retrying(quickPolicy),
		sendAnswer{code: v2.Code_MULTIPLE_RESULTS, entries: []v2.Code{v2.Code_TOO_MANY_REQUESTS, v2.Code_TOPIC_NOT_FOUND}})
	resp, err := send(t.Context(), c)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(b.sends()); n != 1 {
		t.Errorf("%d sends; want 1", n)
	}
	d := rocketmq.SendMessage.DecideMessage(resp)
	if want := "entries[1] TOPIC_NOT_FOUND: " + rocketmq.ReasonNotFoundOnCall; d.Outcome != retry.Fail || d.Reason != want {
		t.Errorf("DecideMessage = %v %q; want Fail %q", d.Outcome, d.Reason, want)
	}
}

// The attempt limit holds, and the last answer comes back as it was.
func TestRetryAttemptLimit(t *testing.T) {
	b, c := startScriptedBroker(t, retrying(retry.Policy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}),
		sendAnswer{code: v2.Code_PROXY_TIMEOUT}, sendAnswer{code: v2.Code_INTERNAL_SERVER_ERROR}, sendAnswer{code: v2.Code_HA_NOT_AVAILABLE}, sendAnswer{code: v2.Code_OK})
	resp, err := send(t.Context(), c)
	if err != nil || resp.GetStatus().GetCode() != v2.Code_HA_NOT_AVAILABLE || resp.GetStatus().GetMessage() != "HA_NOT_AVAILABLE" {
		t.Errorf("send: %v, %v; want the third answer, HA_NOT_AVAILABLE", resp.GetStatus(), err)
	}
	if n := len(b.sends()); n != 3 {
		t.Errorf("%d sends; want 3", n)
	}
}

// The caller's deadline ends the loop.
func TestRetryCallerDeadline(t *testing.T) {
	b, c := startScriptedBroker(t, retrying(retry.Policy{MaxAttempts: 1000, BaseDelay: 30 * time.Millisecond, MaxDelay: 30 * time.Millisecond}),
		sendAnswer{code: v2.Code_PROXY_TIMEOUT})
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	begin := time.Now()
	resp, err := send(ctx, c)
	if elapsed := time.Since(begin); elapsed > 5*time.Second {
		t.Errorf("the loop ran %v past a 300ms deadline", elapsed)
	}
	if err == nil && resp.GetStatus().GetCode() != v2.Code_PROXY_TIMEOUT {
		t.Errorf("send: %v; want the last PROXY_TIMEOUT answer", resp.GetStatus())
	}
	if err != nil && status.Code(err) != codes.DeadlineExceeded {
		t.Errorf("send: %v; want the last answer or DEADLINE_EXCEEDED", err)
	}
	if n := len(b.sends()); n < 2 || n >= 1000 {
		t.Errorf("%d sends in 300ms", n)
	}
}

// go-grpc-middleware's retry interceptor, the peer, sees the status of a
// call only: a failure RocketMQ answers inside an OK response is not
// resent. That is the gap rocketmq.DecideCall fills.
func TestPeerRetryMissesInBodyStatuses(t *testing.T) {
	b, c := startScriptedBroker(t, grpcretry.UnaryClientInterceptor(grpcretry.WithMax(5)),
		sendAnswer{code: v2.Code(rocketmq.HANotAvailable)}, sendAnswer{code: v2.Code_OK})
	resp, err := send(t.Context(), c)
	if err != nil || resp.GetStatus().GetCode() != v2.Code(rocketmq.HANotAvailable) {
		t.Errorf("send: %v, %v", resp.GetStatus(), err)
	}
	if n := len(b.sends()); n != 1 {
		t.Errorf("the peer sent %d times; it cannot see the status", n)
	}
}
