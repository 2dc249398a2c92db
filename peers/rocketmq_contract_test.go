package peers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"log/slog"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	v2 "github.com/apache/rocketmq-clients/golang/v5/protocol/v2"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/rocketmq/contract"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// The tests in this file check, on the wire, promises of the contract
// interceptors: a strict server stream ends at its first violation even
// when the handler ignores the error; every status of a batch answer
// (SendMessageResponse.entries, AckMessageResponse.entries) is judged;
// so is the code of a call's error; and with no options they warn on
// log/slog's default logger.
//
// They use plain testing rather than testify: this module's go.mod does
// not require testify.

// contractDouble is a server double for the contract tests. SendMessage
// and AckMessage answer with send and ack. ReceiveMessage and Telemetry
// behave as a best-effort forwarding proxy would: they ignore the errors
// of Send and Recv, return nil, and report those errors on received and
// telemetry.
type contractDouble struct {
	v2.UnimplementedMessagingServiceServer

	send *v2.SendMessageResponse
	ack  *v2.AckMessageResponse

	received  chan []error // the errors of ReceiveMessage's sends, in order
	telemetry chan telemetryErrs
}

// telemetryErrs is what the Telemetry double saw: the errors of its four
// receives, and the error that ended its concurrent sends.
type telemetryErrs struct {
	recv []error
	send error
}

func newContractDouble() *contractDouble {
	return &contractDouble{received: make(chan []error, 1), telemetry: make(chan telemetryErrs, 1)}
}

func (d *contractDouble) SendMessage(context.Context, *v2.SendMessageRequest) (*v2.SendMessageResponse, error) {
	return d.send, nil
}

func (d *contractDouble) AckMessage(context.Context, *v2.AckMessageRequest) (*v2.AckMessageResponse, error) {
	return d.ack, nil
}

// receiveStatus is a ReceiveMessage status frame carrying code.
func receiveStatus(code v2.Code) *v2.ReceiveMessageResponse {
	return &v2.ReceiveMessageResponse{Content: &v2.ReceiveMessageResponse_Status{
		Status: &v2.Status{Code: code, Message: "answered " + code.String()},
	}}
}

// ReceiveMessage sends a message, ILLEGAL_MESSAGE_TAG (❌ for
// ReceiveMessage) and then MESSAGE_NOT_FOUND (✅), ignoring errors.
func (d *contractDouble) ReceiveMessage(_ *v2.ReceiveMessageRequest, stream v2.MessagingService_ReceiveMessageServer) error {
	msg := &v2.ReceiveMessageResponse{Content: &v2.ReceiveMessageResponse_Message{
		Message: &v2.Message{Topic: &v2.Resource{Name: "orders"}, Body: []byte("hello")},
	}}
	d.received <- []error{
		stream.Send(msg),
		stream.Send(receiveStatus(v2.Code_ILLEGAL_MESSAGE_TAG)),
		stream.Send(receiveStatus(v2.Code_MESSAGE_NOT_FOUND)),
	}
	return nil
}

// Telemetry receives four commands, ignoring errors, while another
// goroutine sends settings commands (which carry no status) until a send
// fails, at most 1000 of them.
func (d *contractDouble) Telemetry(stream v2.MessagingService_TelemetryServer) error {
	sent := make(chan error, 1)
	go func() {
		for range 1000 {
			if err := stream.Send(&v2.TelemetryCommand{Command: &v2.TelemetryCommand_Settings{Settings: &v2.Settings{}}}); err != nil {
				sent <- err
				return
			}
			time.Sleep(time.Millisecond)
		}
		sent <- nil
	}()
	var seen telemetryErrs
	for range 4 {
		_, err := stream.Recv()
		seen.recv = append(seen.recv, err)
	}
	seen.send = <-sent
	d.telemetry <- seen
	return nil
}

// contractLink is a client connected to a contractDouble over loopback
// TCP, with the contract interceptors on both sides.
type contractLink struct {
	double     *contractDouble
	client     v2.MessagingServiceClient
	serverSeen *recorder
	clientSeen *recorder
}

// startContractDouble serves d on 127.0.0.1:0 and connects a client to
// it, as startBroker does for a broker.
func startContractDouble(t *testing.T, d *contractDouble, serverOpts, clientOpts []contract.Option) *contractLink {
	t.Helper()
	l := &contractLink{double: d, serverSeen: &recorder{}, clientSeen: &recorder{}}
	serverOpts = append([]contract.Option{l.serverSeen.option()}, serverOpts...)
	clientOpts = append([]contract.Option{l.clientSeen.option()}, clientOpts...)

	l.client = serveMessaging(t, d, serverOpts, clientOpts)
	return l
}

// wantMark fails the test now if the matrix does not mark code as want
// for rpc: the tests below pick their codes by these marks.
func wantMark(t *testing.T, rpc rocketmq.RPC, code v2.Code, want rocketmq.Mark) {
	t.Helper()
	if got := rpc.Mark(rocketmq.Code(code)); got != want {
		t.Fatalf("%v.Mark(%v) = %v; the test needs %v", rpc, code, got, want)
	}
}

// sameErrors checks that every error of errs is first.
func sameErrors(t *testing.T, side string, first error, errs []error) {
	t.Helper()
	for i, err := range errs {
		if err != first {
			t.Errorf("%s: call %d after the violation returned %v; want the violation %v", side, i+1, err, first)
		}
	}
}

// TestWireStrictServerStreamEndsAtTheViolation: a ReceiveMessage handler
// under a strict server ignores the error of its violating send and sends
// MESSAGE_NOT_FOUND next. That send fails too, the client never gets it,
// and the call ends INTERNAL although the handler returns nil.
func TestWireStrictServerStreamEndsAtTheViolation(t *testing.T) {
	wantMark(t, rocketmq.ReceiveMessage, v2.Code_ILLEGAL_MESSAGE_TAG, rocketmq.NotAllowed)
	wantMark(t, rocketmq.ReceiveMessage, v2.Code_MESSAGE_NOT_FOUND, rocketmq.Allowed)
	l := startContractDouble(t, newContractDouble(), []contract.Option{contract.Strict()}, nil)

	stream, err := l.client.ReceiveMessage(callCtx(t), &v2.ReceiveMessageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var statuses []v2.Code
	messages := 0
	for {
		resp, rerr := stream.Recv()
		if rerr != nil {
			err = rerr
			break
		}
		switch c := resp.GetContent().(type) {
		case *v2.ReceiveMessageResponse_Status:
			statuses = append(statuses, c.Status.GetCode())
		case *v2.ReceiveMessageResponse_Message:
			messages++
		}
	}
	if errors.Is(err, io.EOF) {
		t.Errorf("the call ended cleanly after statuses %v; want INTERNAL", statuses)
	} else {
		wantStrictError(t, err, "ReceiveMessage", "ILLEGAL_MESSAGE_TAG")
	}
	if messages != 1 || len(statuses) != 0 {
		t.Errorf("client got %d messages and statuses %v; want 1 message and no status", messages, statuses)
	}

	sends := <-l.double.received
	if sends[0] != nil {
		t.Errorf("server: sending the message: %v", sends[0])
	}
	if status.Code(sends[1]) != codes.Internal {
		t.Errorf("server: the violating send returned %v; want INTERNAL", sends[1])
	}
	sameErrors(t, "server", sends[1], sends[2:])

	want := violation(rocketmq.ReceiveMessage, rocketmq.IllegalMessageTag, rocketmq.NotAllowed)
	wantViolations(t, "server", l.serverSeen.take(), want)
	wantViolations(t, "client", l.clientSeen.take())
}

// TestWireStrictTelemetryServerEndsAtTheViolation: the client sends a
// command the matrix forbids on Telemetry. On the strict server that
// receive fails, later receives and the concurrent sends fail with the
// same error, and the call ends INTERNAL although the handler returns nil.
func TestWireStrictTelemetryServerEndsAtTheViolation(t *testing.T) {
	wantMark(t, rocketmq.VerifyMessageResult, v2.Code_NOT_IMPLEMENTED, rocketmq.NotAllowed)
	l := startContractDouble(t, newContractDouble(), []contract.Option{contract.Strict()}, nil)
	stream, err := l.client.Telemetry(callCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	stackTrace := func(code v2.Code) *v2.TelemetryCommand {
		return &v2.TelemetryCommand{Status: &v2.Status{Code: code},
			Command: &v2.TelemetryCommand_ThreadStackTrace{ThreadStackTrace: &v2.ThreadStackTrace{Nonce: "1"}}}
	}
	verifyResult := func(code v2.Code) *v2.TelemetryCommand {
		return &v2.TelemetryCommand{Status: &v2.Status{Code: code},
			Command: &v2.TelemetryCommand_VerifyMessageResult{VerifyMessageResult: &v2.VerifyMessageResult{Nonce: "2"}}}
	}
	for _, cmd := range []*v2.TelemetryCommand{
		stackTrace(v2.Code_NOT_IMPLEMENTED),     // ✅
		verifyResult(v2.Code_NOT_IMPLEMENTED),   // ❌
		verifyResult(v2.Code_MESSAGE_CORRUPTED), // ✅
		stackTrace(v2.Code_OK),                  // ✅
	} {
		if err := stream.Send(cmd); err != nil && !errors.Is(err, io.EOF) {
			t.Fatal(err) // io.EOF: the server ended the call; Recv below says how
		}
	}
	if err := stream.CloseSend(); err != nil {
		t.Fatal(err)
	}
	for {
		if _, err = stream.Recv(); err != nil {
			break
		}
	}
	if errors.Is(err, io.EOF) {
		t.Error("the call ended cleanly; want INTERNAL")
	} else {
		wantStrictError(t, err, "VerifyMessageResult", "NOT_IMPLEMENTED")
	}

	seen := <-l.double.telemetry
	if seen.recv[0] != nil {
		t.Errorf("server: the first receive: %v", seen.recv[0])
	}
	first := seen.recv[1]
	if status.Code(first) != codes.Internal {
		t.Errorf("server: the violating receive returned %v; want INTERNAL", first)
	}
	sameErrors(t, "server", first, append(seen.recv[2:], seen.send))

	want := violation(rocketmq.VerifyMessageResult, rocketmq.NotImplemented, rocketmq.NotAllowed)
	wantViolations(t, "server", l.serverSeen.take(), want)
	wantViolations(t, "client", l.clientSeen.take(), want)
}

// TestWireBatchEntriesJudged answers SendMessage and AckMessage with a
// top-level OK and entries of which some carry a code the RPC's column
// marks ❌: each such entry is one violation, on both sides; a strict
// server or a strict client fails the call INTERNAL, naming the first.
func TestWireBatchEntriesJudged(t *testing.T) {
	for _, c := range []struct {
		rpc  rocketmq.RPC
		code v2.Code
		mark rocketmq.Mark
	}{
		{rocketmq.SendMessage, v2.Code_OK, rocketmq.Allowed},
		{rocketmq.SendMessage, v2.Code_TOPIC_NOT_FOUND, rocketmq.Allowed},
		{rocketmq.SendMessage, v2.Code_BAD_REQUEST, rocketmq.NotAllowed},
		{rocketmq.SendMessage, v2.Code_MESSAGE_NOT_FOUND, rocketmq.NotAllowed},
		{rocketmq.AckMessage, v2.Code_OK, rocketmq.Allowed},
		{rocketmq.AckMessage, v2.Code_INVALID_RECEIPT_HANDLE, rocketmq.Allowed},
		{rocketmq.AckMessage, v2.Code_MESSAGE_NOT_FOUND, rocketmq.NotAllowed},
		{rocketmq.AckMessage, v2.Code_FORBIDDEN, rocketmq.NotAllowed},
	} {
		wantMark(t, c.rpc, c.code, c.mark)
	}
	sendEntries := []v2.Code{v2.Code_OK, v2.Code_BAD_REQUEST, v2.Code_TOPIC_NOT_FOUND, v2.Code_MESSAGE_NOT_FOUND}
	ackEntries := []v2.Code{v2.Code_MESSAGE_NOT_FOUND, v2.Code_INVALID_RECEIPT_HANDLE, v2.Code_FORBIDDEN}
	d := newContractDouble()
	d.send = &v2.SendMessageResponse{Status: &v2.Status{Code: v2.Code_OK}}
	for i, code := range sendEntries {
		d.send.Entries = append(d.send.Entries, &v2.SendResultEntry{
			Status: &v2.Status{Code: code, Message: code.String()}, MessageId: "m" + strconv.Itoa(i)})
	}
	d.ack = &v2.AckMessageResponse{Status: &v2.Status{Code: v2.Code_OK}}
	for i, code := range ackEntries {
		d.ack.Entries = append(d.ack.Entries, &v2.AckMessageResultEntry{
			Status: &v2.Status{Code: code, Message: code.String()}, MessageId: "m" + strconv.Itoa(i), ReceiptHandle: "h"})
	}
	entry := func(rpc rocketmq.RPC, code v2.Code, i int) rocketmq.Violation {
		v := violation(rpc, rocketmq.Code(code), rocketmq.NotAllowed)
		v.Field, v.Index = "entries", i
		return v
	}
	wantSend := []rocketmq.Violation{entry(rocketmq.SendMessage, v2.Code_BAD_REQUEST, 1), entry(rocketmq.SendMessage, v2.Code_MESSAGE_NOT_FOUND, 3)}
	wantAck := []rocketmq.Violation{entry(rocketmq.AckMessage, v2.Code_MESSAGE_NOT_FOUND, 0), entry(rocketmq.AckMessage, v2.Code_FORBIDDEN, 2)}

	// entryCodes makes the call rpc and returns the codes of the entries
	// the client received.
	entryCodes := func(ctx context.Context, l *contractLink, rpc rocketmq.RPC) ([]v2.Code, error) {
		var got []v2.Code
		switch rpc {
		case rocketmq.SendMessage:
			resp, err := l.client.SendMessage(ctx, &v2.SendMessageRequest{Messages: []*v2.Message{{Topic: &v2.Resource{Name: "orders"}, Body: []byte("hello")}}})
			if err != nil {
				return nil, err
			}
			for _, e := range resp.GetEntries() {
				got = append(got, e.GetStatus().GetCode())
			}
		case rocketmq.AckMessage:
			resp, err := l.client.AckMessage(ctx, &v2.AckMessageRequest{Group: &v2.Resource{Name: "g"}, Topic: &v2.Resource{Name: "orders"},
				Entries: []*v2.AckMessageEntry{{MessageId: "m0", ReceiptHandle: "h"}}})
			if err != nil {
				return nil, err
			}
			for _, e := range resp.GetEntries() {
				got = append(got, e.GetStatus().GetCode())
			}
		}
		return got, nil
	}

	for _, side := range []struct {
		name                   string
		serverOpts, clientOpts []contract.Option
	}{
		{"lenient", nil, nil},
		{"strict server", []contract.Option{contract.Strict()}, nil},
		{"strict client", nil, []contract.Option{contract.Strict()}},
	} {
		l := startContractDouble(t, d, side.serverOpts, side.clientOpts)
		ctx := callCtx(t)
		for _, tc := range []struct {
			rpc     rocketmq.RPC
			entries []v2.Code
			want    []rocketmq.Violation
		}{
			{rocketmq.SendMessage, sendEntries, wantSend},
			{rocketmq.AckMessage, ackEntries, wantAck},
		} {
			name := side.name + ": " + tc.rpc.String()
			firstEntry := v2.Code(tc.want[0].Code).String() + " in entries[" + strconv.Itoa(tc.want[0].Index) + "]"
			got, err := entryCodes(ctx, l, tc.rpc)
			switch side.name {
			case "lenient":
				if err != nil || !slices.Equal(got, tc.entries) {
					t.Errorf("%s: client got entries %v, %v; want %v, nil", name, got, err, tc.entries)
				}
				wantViolations(t, name+": server", l.serverSeen.take(), tc.want...)
				wantViolations(t, name+": client", l.clientSeen.take(), tc.want...)
			case "strict server":
				wantStrictError(t, err, tc.rpc.String(), firstEntry)
				wantViolations(t, name+": server", l.serverSeen.take(), tc.want...)
				wantViolations(t, name+": client", l.clientSeen.take()) // the response never left the server
			case "strict client":
				wantStrictError(t, err, tc.rpc.String(), firstEntry)
				wantViolations(t, name+": server", l.serverSeen.take(), tc.want...)
				wantViolations(t, name+": client", l.clientSeen.take(), tc.want...)
			}
		}
	}
}

// errorfTopic is the topic for which the broker's QueryRoute fails with
// rocketmq.Errorf(code).
func errorfTopic(code rocketmq.Code) *v2.QueryRouteRequest {
	return &v2.QueryRouteRequest{Topic: &v2.Resource{Name: "errorf:" + strconv.Itoa(int(code))}}
}

// TestInteropErrorsJudged: on the upstream stubs, a handler's error whose
// RocketMQ code the matrix forbids or reserves for the RPC is a
// violation, on the server and on the client, for a unary call and for
// the error that ends ReceiveMessage. Lenient, the error reaches the
// client intact; a strict server or client fails the call INTERNAL,
// naming the violation; allowed codes pass either way.
func TestInteropErrorsJudged(t *testing.T) {
	wantMark(t, rocketmq.QueryRoute, v2.Code_HA_NOT_AVAILABLE, rocketmq.NotAllowed)
	wantMark(t, rocketmq.QueryRoute, v2.Code_INTERNAL_ERROR, rocketmq.Reserved)
	wantMark(t, rocketmq.QueryRoute, v2.Code_TOPIC_NOT_FOUND, rocketmq.Allowed)
	wantMark(t, rocketmq.ReceiveMessage, v2.Code_ILLEGAL_MESSAGE_TAG, rocketmq.NotAllowed)
	wantMark(t, rocketmq.ReceiveMessage, v2.Code_MESSAGE_NOT_FOUND, rocketmq.Allowed)
	asError := func(rpc rocketmq.RPC, code rocketmq.Code, mark rocketmq.Mark) rocketmq.Violation {
		v := violation(rpc, code, mark)
		v.AsError = true
		return v
	}
	for _, side := range []struct {
		name                   string
		serverOpts, clientOpts []contract.Option
	}{
		{"lenient", nil, nil},
		{"strict server", []contract.Option{contract.Strict()}, nil},
		{"strict client", nil, []contract.Option{contract.Strict()}},
	} {
		t.Run(side.name, func(t *testing.T) {
			l := startBroker(t, side.serverOpts, side.clientOpts)
			ctx := callCtx(t)
			check := func(how string, err error, v rocketmq.Violation) {
				t.Helper()
				if side.name == "lenient" {
					if got := rocketmq.CodeOf(err); got != v.Code || status.Code(err) != v.Code.GRPCCode() {
						t.Errorf("%s: client got %v (CodeOf %v); want the handler's %v", how, err, got, v.Code)
					}
				} else {
					wantStrictError(t, err, v.RPC.String(), v.Code.String()+" as an error")
				}
				wantViolations(t, how+": server", l.serverSeen.take(), v)
				if side.name == "strict server" {
					wantViolations(t, how+": client", l.clientSeen.take()) // INTERNAL carries no RocketMQ code
				} else {
					wantViolations(t, how+": client", l.clientSeen.take(), v)
				}
			}

			_, err := l.client.QueryRoute(ctx, errorfTopic(rocketmq.HANotAvailable))
			check("QueryRoute ❌", err, asError(rocketmq.QueryRoute, rocketmq.HANotAvailable, rocketmq.NotAllowed))
			_, err = l.client.QueryRoute(ctx, errorfTopic(rocketmq.InternalError))
			check("QueryRoute 🔄", err, asError(rocketmq.QueryRoute, rocketmq.InternalError, rocketmq.Reserved))

			l.broker.set(v2.Code_OK, v2.Code_MESSAGE_NOT_FOUND)
			l.broker.endReceive(rocketmq.Errorf(rocketmq.IllegalMessageTag, "bad tag"))
			statuses, messages, err := l.receive(ctx)
			if messages != 1 || !slices.Equal(statuses, []v2.Code{v2.Code_MESSAGE_NOT_FOUND}) {
				t.Errorf("ReceiveMessage: client got %d messages, statuses %v before the error; want 1, [MESSAGE_NOT_FOUND]", messages, statuses)
			}
			check("ReceiveMessage", err, asError(rocketmq.ReceiveMessage, rocketmq.IllegalMessageTag, rocketmq.NotAllowed))

			// Allowed codes, and errors without a RocketMQ code, pass.
			_, err = l.client.QueryRoute(ctx, errorfTopic(rocketmq.TopicNotFound))
			if rocketmq.CodeOf(err) != rocketmq.TopicNotFound {
				t.Errorf("QueryRoute failing with TOPIC_NOT_FOUND: client got %v", err)
			}
			l.broker.endReceive(status.Error(codes.Unavailable, "draining"))
			if _, _, err := l.receive(ctx); status.Code(err) != codes.Unavailable || status.Convert(err).Message() != "draining" {
				t.Errorf("ReceiveMessage ending UNAVAILABLE: client got %v", err)
			}
			wantViolations(t, "server for allowed errors", l.serverSeen.take())
			wantViolations(t, "client for allowed errors", l.clientSeen.take())
		})
	}
}

// syncBuffer is a bytes.Buffer that the server's goroutines write while
// the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

// records returns the JSON records written so far, and forgets them.
func (b *syncBuffer) records(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	dec := json.NewDecoder(&b.b)
	for dec.More() {
		var r map[string]any
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		delete(r, "time")
		out = append(out, r)
	}
	b.b.Reset()
	return out
}

// TestInteropDefaultWarning: interceptors installed with no options, as
// users get them, on both sides of upstream stubs, warn once each on
// log/slog's default logger (replaced here after they were built) for a
// violating status and for a violating error, and pass both on.
func TestInteropDefaultWarning(t *testing.T) {
	wantMark(t, rocketmq.Heartbeat, v2.Code_PROXY_TIMEOUT, rocketmq.NotAllowed)
	wantMark(t, rocketmq.QueryRoute, v2.Code_HA_NOT_AVAILABLE, rocketmq.NotAllowed)
	b := &broker{}
	client := serveMessaging(t, b, nil, nil)
	l := &mqLink{broker: b, client: client}

	buf := &syncBuffer{}
	old, out, flags := slog.Default(), log.Writer(), log.Flags()
	slog.SetDefault(slog.New(slog.NewJSONHandler(buf, nil)))
	t.Cleanup(func() { slog.SetDefault(old); log.SetOutput(out); log.SetFlags(flags) })

	ctx := callCtx(t)
	b.set(v2.Code_PROXY_TIMEOUT)
	if got, err := l.call(ctx, rocketmq.Heartbeat); err != nil || got != v2.Code_PROXY_TIMEOUT {
		t.Errorf("Heartbeat answering PROXY_TIMEOUT: client got %v, %v", got, err)
	}
	_, err := client.QueryRoute(ctx, errorfTopic(rocketmq.HANotAvailable))
	if rocketmq.CodeOf(err) != rocketmq.HANotAvailable {
		t.Errorf("QueryRoute failing with HA_NOT_AVAILABLE: client got %v", err)
	}

	// The numbers are those of testdata/rocketmq-codes.tsv.
	record := func(method, name string, number float64, class string, asError bool) map[string]any {
		return map[string]any{
			"level": "WARN", "msg": "rocketmq contract violation", "method": method,
			"code": map[string]any{"name": name, "number": number, "class": class},
			"mark": "NotAllowed", "field": "", "index": float64(0), "as_error": asError,
		}
	}
	heartbeat := record("/apache.rocketmq.v2.MessagingService/Heartbeat", "PROXY_TIMEOUT", 50400, "PROXY_TIMEOUT", false)
	queryRoute := record("/apache.rocketmq.v2.MessagingService/QueryRoute", "HA_NOT_AVAILABLE", 50002, "INTERNAL_ERROR", true)
	want := []map[string]any{heartbeat, heartbeat, queryRoute, queryRoute} // the server's, then the client's
	got := buf.records(t)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("default log:\n got %v\nwant %v", got, want)
	}
}
