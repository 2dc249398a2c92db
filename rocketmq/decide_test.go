package rocketmq_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/retry"
	"github.com/statusreg/statusreg/rocketmq"
)

// The official Java client's treatment of each code
// (testdata/rocketmq-java-client-outcome.tsv): success, an empty result
// on ReceiveMessage, or an exception. Decide must agree on which calls
// succeeded. The documented differences (RPC.Decide) do not show here:
// REQUEST_TIMEOUT is not in the file (the Java client's default, an
// exception) and retries, which is no success; and Decide of
// MULTIPLE_RESULTS alone succeeds as the Java client has it, while
// DecideMessage fails a batch whose entries failed (TestDecideMessage).
func TestDecideAgreesWithTheJavaClient(t *testing.T) {
	dir, err := source.Dir()
	require.NoError(t, err)
	tab, err := source.TSV(filepath.Join(dir, "rocketmq-java-client-outcome.tsv"))
	require.NoError(t, err)
	require.Equal(t, []string{"name", "java_client_outcome"}, tab.Header)
	for _, row := range tab.Rows {
		code, err := rocketmq.ParseCode(row[0])
		require.NoError(t, err, row[0])
		for _, rpc := range rocketmq.RPCs() {
			d := rpc.Decide(code)
			switch {
			case row[1] == "success":
				assert.Equal(t, retry.Success, d.Outcome, "%s on %s", row[0], rpc)
			case row[1] == "success-on-ReceiveMessage-else-NotFoundException" && rpc == rocketmq.ReceiveMessage:
				assert.Equal(t, retry.Empty, d.Outcome, "%s on %s", row[0], rpc)
			default: // an exception: a failure of some kind
				assert.NotContains(t, []retry.Outcome{retry.Success, retry.Empty}, d.Outcome, "%s on %s", row[0], rpc)
			}
			assert.NotEmpty(t, d.Reason)
		}
	}
}

// Every 4xx-family code fails, but the throttles and RequestTimeout, a
// transient timeout on the server's side.
func TestDecideNeverRetriesClientErrors(t *testing.T) {
	for _, u := range upstreamCodes(t) {
		h := u.code.HTTPStatus()
		if h < 400 || h >= 500 || u.code.Class() == rocketmq.TooManyRequests || u.code == rocketmq.RequestTimeout {
			continue
		}
		for _, rpc := range rocketmq.RPCs() {
			d := rpc.Decide(u.code)
			assert.False(t, d.Retryable(), "%s on %s", u.name, rpc)
			if d.Outcome != retry.Empty {
				assert.Equal(t, retry.Fail, d.Outcome, "%s on %s", u.name, rpc)
			}
		}
	}
	for _, rpc := range []rocketmq.RPC{rocketmq.AckMessage, rocketmq.ChangeInvisibleDuration} {
		d := rpc.Decide(rocketmq.InvalidReceiptHandle)
		assert.Equal(t, retry.Fail, d.Outcome, "terminal on %s", rpc)
		assert.Equal(t, rocketmq.ReasonClientError, d.Reason)
	}
}

func TestDecideBacksOffWhenThrottled(t *testing.T) {
	for _, c := range []rocketmq.Code{rocketmq.TooManyRequests, 42999} {
		for _, rpc := range append(rocketmq.RPCs(), 0) {
			d := rpc.Decide(c)
			assert.Equal(t, retry.Backoff, d.Outcome, "%s on %s", c, rpc)
			assert.Equal(t, rocketmq.ReasonThrottled, d.Reason)
			assert.True(t, d.Retryable())
		}
	}
}

// The lite quota codes are a quota the user must raise or free: no wait
// restores it, so they fail, although their class throttles.
func TestDecideFailsOnLiteQuotas(t *testing.T) {
	for _, c := range []rocketmq.Code{rocketmq.LiteTopicQuotaExceeded, rocketmq.LiteSubscriptionQuotaExceeded} {
		assert.Equal(t, rocketmq.TooManyRequests, c.Class())
		for _, rpc := range append(rocketmq.RPCs(), 0) {
			d := rpc.Decide(c)
			assert.Equal(t, retry.Fail, d.Outcome, "%s on %s", c, rpc)
			assert.Equal(t, rocketmq.ReasonQuotaExceeded, d.Reason)
		}
	}
}

// RequestTimeout, a transient timeout on the server's side, retries on
// every RPC: no matrix row forbids it, and RocketMQ delivers at least
// once.
func TestDecideRetriesRequestTimeout(t *testing.T) {
	for _, rpc := range append(rocketmq.RPCs(), 0) {
		d := rpc.Decide(rocketmq.RequestTimeout)
		assert.Equal(t, retry.Retry, d.Outcome, "on %s", rpc)
		assert.Equal(t, rocketmq.ReasonRequestTimeout, d.Reason)
	}
	assert.Equal(t, retry.Retry, rocketmq.SendMessage.Decide(40899).Outcome, "unknown: by class")
}

func TestDecideRetriesTransientFailuresWhereAllowed(t *testing.T) {
	transient := []rocketmq.Code{
		rocketmq.ProxyTimeout, rocketmq.MasterPersistenceTimeout, rocketmq.SlavePersistenceTimeout,
		rocketmq.InternalError, rocketmq.InternalServerError, rocketmq.HANotAvailable,
	}
	reasons := map[rocketmq.Mark]string{
		rocketmq.Allowed:   rocketmq.ReasonTransient,
		rocketmq.Reserved:  rocketmq.ReasonTransientReserved,
		rocketmq.NotListed: rocketmq.ReasonTransientUnlisted,
	}
	for _, c := range transient {
		for _, rpc := range append(rocketmq.RPCs(), 0) {
			d := rpc.Decide(c)
			if rpc.Mark(c) == rocketmq.NotAllowed {
				assert.Equal(t, retry.Fail, d.Outcome, "%s on %s", c, rpc)
				assert.Equal(t, rocketmq.ReasonNotForThisRPC, d.Reason)
				continue
			}
			assert.Equal(t, retry.Retry, d.Outcome, "%s on %s", c, rpc)
			assert.Equal(t, reasons[rpc.Mark(c)], d.Reason, "%s on %s (%v)", c, rpc, rpc.Mark(c))
		}
	}
	// The matrix reserves INTERNAL_ERROR for SendMessage: the reason must
	// not say that the RPC may return it.
	require.Equal(t, rocketmq.Reserved, rocketmq.SendMessage.Mark(rocketmq.InternalError))
	d := rocketmq.SendMessage.Decide(rocketmq.InternalError)
	assert.Equal(t, retry.Retry, d.Outcome)
	assert.NotContains(t, d.Reason, "may return")
	assert.Contains(t, d.Reason, "reserves")
	assert.Contains(t, rocketmq.SendMessage.Decide(rocketmq.HANotAvailable).Reason, "may return", "✅ on SendMessage")
	assert.Equal(t, retry.Retry, rocketmq.SendMessage.Decide(rocketmq.MasterPersistenceTimeout).Outcome)
	assert.Equal(t, retry.Fail, rocketmq.Heartbeat.Decide(rocketmq.ProxyTimeout).Outcome, "❌ on Heartbeat")
	assert.Equal(t, retry.Retry, rocketmq.SendMessage.Decide(50099).Outcome, "unknown: by class")
}

func TestDecideOtherCases(t *testing.T) {
	for c, want := range map[rocketmq.Code]retry.Outcome{
		rocketmq.OK:                           retry.Success,
		rocketmq.MultipleResults:              retry.Success,
		rocketmq.NotImplemented:               retry.Fail,
		rocketmq.VersionUnsupported:           retry.Fail,
		rocketmq.VerifyFifoMessageUnsupported: retry.Fail,
		rocketmq.FailedToConsumeMessage:       retry.Fail,
		rocketmq.CodeUnspecified:              retry.Fail,
		12345:                                 retry.Fail,
	} {
		assert.Equal(t, want, rocketmq.SendMessage.Decide(c).Outcome, "%s", c)
	}
	assert.Equal(t, retry.Empty, rocketmq.ReceiveMessage.Decide(rocketmq.MessageNotFound).Outcome)
	assert.Equal(t, retry.Fail, rocketmq.PullMessage.Decide(rocketmq.MessageNotFound).Outcome)
	assert.Equal(t, "Backoff", retry.Backoff.String())
	assert.Equal(t, "Outcome(42)", retry.Outcome(42).String())
	assert.Equal(t, "Outcome(0)", retry.Outcome(0).String())
	assert.Equal(t, "Outcome(255)", retry.Outcome(255).String())
}

// overGRPC returns the error a client receives when a server fails with
// err: its gRPC status, without the in-process *rocketmq.Error.
func overGRPC(err error) error {
	return err.(interface{ GRPCStatus() *status.Status }).GRPCStatus().Err()
}

// okStatusError is an error whose gRPC status is OK: no server sends it,
// but an error is never a success.
type okStatusError struct{}

func (okStatusError) Error() string              { return "ok?" }
func (okStatusError) GRPCStatus() *status.Status { return status.New(codes.OK, "ok?") }

// nilStatusError has a GRPCStatus method that returns nil, which
// status.FromError reads as no status.
type nilStatusError struct{}

func (nilStatusError) Error() string              { return "no status after all" }
func (nilStatusError) GRPCStatus() *status.Status { return nil }

// wrapsContext is a context error behind a nil status.
type wrapsContext struct{ err error }

func (e wrapsContext) Error() string            { return "attempt: " + e.err.Error() }
func (e wrapsContext) Unwrap() error            { return e.err }
func (wrapsContext) GRPCStatus() *status.Status { return nil }

// foreignInfo is a NOT_FOUND status with another domain's ErrorInfo.
type foreignInfo struct{}

func (foreignInfo) Error() string              { return "foreign" }
func (foreignInfo) GRPCStatus() *status.Status { return foreignStatus }

var foreignStatus = func() *status.Status {
	st, err := status.New(codes.NotFound, "x").WithDetails(&errdetails.ErrorInfo{
		Reason: "TOPIC_NOT_FOUND", Domain: "other.example.com", Metadata: map[string]string{"code": "40402"}})
	if err != nil {
		panic(err)
	}
	return st
}()

func TestDecideError(t *testing.T) {
	type want struct {
		outcome retry.Outcome
		reason  string
	}
	var (
		throttled   = rocketmq.Errorf(rocketmq.TooManyRequests, "slow down")
		noTopic     = rocketmq.Errorf(rocketmq.TopicNotFound, "topic %q", "orders")
		noMessage   = rocketmq.Errorf(rocketmq.MessageNotFound, "nothing to receive")
		badHandle   = rocketmq.Errorf(rocketmq.InvalidReceiptHandle, "stale handle")
		proxyTO     = rocketmq.Errorf(rocketmq.ProxyTimeout, "proxy timed out")
		ha          = rocketmq.Errorf(rocketmq.HANotAvailable, "no slave")
		okErr       = rocketmq.Errorf(rocketmq.OK, "but failed")
		multiErr    = rocketmq.Errorf(rocketmq.MultipleResults, "but failed")
		unspecified = rocketmq.Errorf(rocketmq.CodeUnspecified, "no code set")
		unavailable = status.Error(codes.Unavailable, "connection refused")
	)
	for _, tc := range []struct {
		name string
		rpc  rocketmq.RPC
		err  error
		want want
	}{
		{"nil", rocketmq.SendMessage, nil, want{retry.Success, rocketmq.ReasonOK}},
		{"nil on ReceiveMessage", rocketmq.ReceiveMessage, nil, want{retry.Success, rocketmq.ReasonOK}},

		// In process: the code decides.
		{"Errorf TooManyRequests", rocketmq.SendMessage, throttled, want{retry.Backoff, rocketmq.ReasonThrottled}},
		{"Errorf TopicNotFound", rocketmq.SendMessage, noTopic, want{retry.Fail, rocketmq.ReasonNotFoundOnCall}},
		{"Errorf MessageNotFound on ReceiveMessage", rocketmq.ReceiveMessage, noMessage, want{retry.Empty, rocketmq.ReasonEmptyPoll}},
		{"Errorf MessageNotFound on PullMessage", rocketmq.PullMessage, noMessage, want{retry.Fail, rocketmq.ReasonNotFoundOnCall}},
		{"Errorf InvalidReceiptHandle on AckMessage", rocketmq.AckMessage, badHandle, want{retry.Fail, rocketmq.ReasonClientError}},
		{"Errorf ProxyTimeout on SendMessage", rocketmq.SendMessage, proxyTO, want{retry.Retry, rocketmq.ReasonTransient}},
		{"Errorf ProxyTimeout on Heartbeat (❌), not its DEADLINE_EXCEEDED", rocketmq.Heartbeat, proxyTO, want{retry.Fail, rocketmq.ReasonNotForThisRPC}},
		{"Errorf HANotAvailable", rocketmq.SendMessage, ha, want{retry.Retry, rocketmq.ReasonTransient}},
		{"Errorf CodeUnspecified", rocketmq.SendMessage, unspecified, want{retry.Fail, rocketmq.ReasonNoInformation}},
		{"Errorf unknown 42999", rocketmq.SendMessage, rocketmq.Errorf(42999, "newer quota"), want{retry.Backoff, rocketmq.ReasonThrottled}},
		{"wrapped TooManyRequests", rocketmq.SendMessage, fmt.Errorf("send: %w", throttled), want{retry.Backoff, rocketmq.ReasonThrottled}},
		{"wrapped twice MessageNotFound", rocketmq.ReceiveMessage, fmt.Errorf("poll: %w", fmt.Errorf("recv: %w", noMessage)), want{retry.Empty, rocketmq.ReasonEmptyPoll}},
		{"joined", rocketmq.SendMessage, errors.Join(errors.New("first"), noTopic), want{retry.Fail, rocketmq.ReasonNotFoundOnCall}},
		{"the code, not what it wraps", rocketmq.SendMessage, rocketmq.Errorf(rocketmq.TopicNotFound, "lookup: %w", unavailable), want{retry.Fail, rocketmq.ReasonNotFoundOnCall}},
		{"the code, not the context error it wraps", rocketmq.SendMessage, rocketmq.Errorf(rocketmq.TooManyRequests, "x: %w", context.Canceled), want{retry.Backoff, rocketmq.ReasonThrottled}},

		// A success code in an error: never Success, never Empty.
		{"Errorf OK", rocketmq.SendMessage, okErr, want{retry.Fail, rocketmq.ReasonSuccessCodeInError}},
		{"Errorf OK on ReceiveMessage", rocketmq.ReceiveMessage, okErr, want{retry.Fail, rocketmq.ReasonSuccessCodeInError}},
		{"Errorf MultipleResults", rocketmq.SendMessage, multiErr, want{retry.Fail, rocketmq.ReasonSuccessCodeInError}},
		{"Errorf unknown 20099 (class OK)", rocketmq.SendMessage, rocketmq.Errorf(20099, "x"), want{retry.Fail, rocketmq.ReasonSuccessCodeInError}},
		{"wrapped Errorf OK", rocketmq.QueryRoute, fmt.Errorf("route: %w", okErr), want{retry.Fail, rocketmq.ReasonSuccessCodeInError}},
		{"an OK status", rocketmq.SendMessage, okStatusError{}, want{retry.Fail, rocketmq.ReasonSuccessCodeInError}},

		// Across gRPC: the ErrorInfo carries the code.
		{"status TooManyRequests", rocketmq.SendMessage, overGRPC(throttled), want{retry.Backoff, rocketmq.ReasonThrottled}},
		{"status TopicNotFound", rocketmq.SendMessage, overGRPC(noTopic), want{retry.Fail, rocketmq.ReasonNotFoundOnCall}},
		{"status MessageNotFound on ReceiveMessage", rocketmq.ReceiveMessage, overGRPC(noMessage), want{retry.Empty, rocketmq.ReasonEmptyPoll}},
		{"status ProxyTimeout on Heartbeat", rocketmq.Heartbeat, overGRPC(proxyTO), want{retry.Fail, rocketmq.ReasonNotForThisRPC}},
		{"status HANotAvailable", rocketmq.SendMessage, overGRPC(ha), want{retry.Retry, rocketmq.ReasonTransient}},
		{"status OK (travels as UNKNOWN)", rocketmq.SendMessage, overGRPC(okErr), want{retry.Fail, rocketmq.ReasonSuccessCodeInError}},
		{"status OK on ReceiveMessage", rocketmq.ReceiveMessage, overGRPC(okErr), want{retry.Fail, rocketmq.ReasonSuccessCodeInError}},
		{"status MultipleResults", rocketmq.SendMessage, overGRPC(multiErr), want{retry.Fail, rocketmq.ReasonSuccessCodeInError}},
		{"status CodeUnspecified", rocketmq.SendMessage, overGRPC(unspecified), want{retry.Fail, rocketmq.ReasonNoInformation}},
		{"wrapped status TooManyRequests", rocketmq.SendMessage, fmt.Errorf("send: %w", overGRPC(throttled)), want{retry.Backoff, rocketmq.ReasonThrottled}},
		{"another domain's ErrorInfo: the gRPC code", rocketmq.SendMessage, foreignInfo{}, want{retry.Fail, rocketmq.ReasonRejected}},

		// Context errors that are not statuses.
		{"context.DeadlineExceeded", rocketmq.SendMessage, context.DeadlineExceeded, want{retry.Retry, rocketmq.ReasonContextDeadline}},
		{"wrapped context.DeadlineExceeded", rocketmq.SendMessage, fmt.Errorf("send: %w", context.DeadlineExceeded), want{retry.Retry, rocketmq.ReasonContextDeadline}},
		{"context.Canceled", rocketmq.SendMessage, context.Canceled, want{retry.Fail, rocketmq.ReasonContextCanceled}},
		{"wrapped context.Canceled", rocketmq.ReceiveMessage, fmt.Errorf("recv: %w", context.Canceled), want{retry.Fail, rocketmq.ReasonContextCanceled}},
		{"a cause", rocketmq.SendMessage, context.Cause(canceledWithCause()), want{retry.Fail, rocketmq.ReasonNeitherCodeNorStatus}},
		{"context error behind a nil status", rocketmq.SendMessage, wrapsContext{context.DeadlineExceeded}, want{retry.Retry, rocketmq.ReasonContextDeadline}},

		// Plain errors.
		{"errors.New", rocketmq.SendMessage, errors.New("connection reset"), want{retry.Fail, rocketmq.ReasonNeitherCodeNorStatus}},
		{"io.EOF", rocketmq.ReceiveMessage, io.EOF, want{retry.Fail, rocketmq.ReasonNeitherCodeNorStatus}},
		{"a nil status is no status", rocketmq.SendMessage, nilStatusError{}, want{retry.Fail, rocketmq.ReasonNeitherCodeNorStatus}},
	} {
		d := tc.rpc.DecideError(tc.err)
		assert.Equal(t, tc.want.outcome, d.Outcome, "%s: %v", tc.name, tc.err)
		assert.Equal(t, tc.want.reason, d.Reason, "%s: %v", tc.name, tc.err)
	}
}

// canceledWithCause returns a context cancelled with a cause of its own.
func canceledWithCause() context.Context {
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(errors.New("shutting down"))
	return ctx
}

// A gRPC status with no RocketMQ code is a transport failure: its gRPC
// code decides, alike on every RPC.
func TestDecideErrorByGRPCCode(t *testing.T) {
	want := map[codes.Code]retry.Decision{
		codes.Canceled:           {Outcome: retry.Fail, Reason: rocketmq.ReasonCanceled},
		codes.Unknown:            {Outcome: retry.Fail, Reason: rocketmq.ReasonUnknown},
		codes.InvalidArgument:    {Outcome: retry.Fail, Reason: rocketmq.ReasonRejected},
		codes.DeadlineExceeded:   {Outcome: retry.Retry, Reason: rocketmq.ReasonDeadlineExceeded},
		codes.NotFound:           {Outcome: retry.Fail, Reason: rocketmq.ReasonRejected},
		codes.AlreadyExists:      {Outcome: retry.Fail, Reason: rocketmq.ReasonRejected},
		codes.PermissionDenied:   {Outcome: retry.Fail, Reason: rocketmq.ReasonRejected},
		codes.ResourceExhausted:  {Outcome: retry.Backoff, Reason: rocketmq.ReasonResourceExhausted},
		codes.FailedPrecondition: {Outcome: retry.Fail, Reason: rocketmq.ReasonRejected},
		codes.Aborted:            {Outcome: retry.Retry, Reason: rocketmq.ReasonAborted},
		codes.OutOfRange:         {Outcome: retry.Fail, Reason: rocketmq.ReasonRejected},
		codes.Unimplemented:      {Outcome: retry.Fail, Reason: rocketmq.ReasonUnimplemented},
		codes.Internal:           {Outcome: retry.Fail, Reason: rocketmq.ReasonInternal},
		codes.Unavailable:        {Outcome: retry.Retry, Reason: rocketmq.ReasonUnavailable},
		codes.DataLoss:           {Outcome: retry.Fail, Reason: rocketmq.ReasonDataLoss},
		codes.Unauthenticated:    {Outcome: retry.Fail, Reason: rocketmq.ReasonUnauthenticated},
		17:                       {Outcome: retry.Fail, Reason: rocketmq.ReasonNonCanonical},
		99:                       {Outcome: retry.Fail, Reason: rocketmq.ReasonNonCanonical},
	}
	require.Len(t, want, 18)
	for c, d := range want {
		for _, rpc := range rocketmq.RPCs() {
			err := status.Error(c, "transport says "+c.String())
			assert.Equal(t, d, rpc.DecideError(err), "%v on %v", c, rpc)
			assert.Equal(t, d, rpc.DecideError(fmt.Errorf("%v: %w", rpc, err)), "wrapped %v on %v", c, rpc)
		}
	}
	// status.Error(OK) is no error at all.
	require.NoError(t, status.Error(codes.OK, ""))
	assert.Equal(t, retry.Success, rocketmq.SendMessage.DecideError(status.Error(codes.OK, "")).Outcome)
	// What status.FromContextError makes of the context errors.
	assert.Equal(t, retry.Retry, rocketmq.SendMessage.DecideError(status.FromContextError(context.DeadlineExceeded).Err()).Outcome)
	assert.Equal(t, retry.Fail, rocketmq.SendMessage.DecideError(status.FromContextError(context.Canceled).Err()).Outcome)
}

// An error carrying any code decides as Decide decides the code, in
// process and across gRPC, except that a failed call never succeeds.
func TestDecideErrorFollowsDecide(t *testing.T) {
	cs := []rocketmq.Code{40499, 42999, 50099, 20099, 12345}
	for _, u := range upstreamCodes(t) {
		cs = append(cs, u.code)
	}
	for _, c := range cs {
		err := rocketmq.Errorf(c, "failed with %v", c)
		for _, rpc := range rocketmq.RPCs() {
			want := rpc.Decide(c)
			if want.Outcome == retry.Success {
				want = retry.Decision{Outcome: retry.Fail, Reason: rocketmq.ReasonSuccessCodeInError}
			}
			assert.Equal(t, want, rpc.DecideError(err), "%v on %v", c, rpc)
			assert.Equal(t, want, rpc.DecideError(overGRPC(err)), "%v on %v, over gRPC", c, rpc)
			assert.Equal(t, want, rpc.DecideError(fmt.Errorf("call: %w", err)), "%v on %v, wrapped", c, rpc)
			assert.NotEqual(t, retry.Success, want.Outcome)
		}
	}
}

func TestDecideErrorDoesNotAllocate(t *testing.T) {
	var (
		inProcess = fmt.Errorf("send: %w", rocketmq.Errorf(rocketmq.TooManyRequests, "slow down"))
		transport = status.Error(codes.Unavailable, "connection refused")
		ctxErr    = fmt.Errorf("send: %w", context.DeadlineExceeded)
		plain     = errors.New("plain")
		d         retry.Decision
	)
	for what, err := range map[string]error{"nil": nil, "in process": inProcess, "transport": transport, "context": ctxErr, "plain": plain} {
		assert.Zero(t, testing.AllocsPerRun(100, func() { d = rocketmq.SendMessage.DecideError(err) }), what)
	}
	_ = d
}

func TestOutcomeJSON(t *testing.T) {
	type logged struct {
		RPC     rocketmq.RPC
		Outcome retry.Outcome
		Others  []retry.Outcome
	}
	in := logged{rocketmq.SendMessage, retry.Retry, []retry.Outcome{0, retry.Fail, 42}}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"RPC":"SendMessage","Outcome":"Retry","Others":["Outcome(0)","Fail","Outcome(42)"]}`, string(b))
	var out logged
	require.NoError(t, json.Unmarshal(b, &out))
	assert.Equal(t, in, out)
	require.NoError(t, json.Unmarshal([]byte(`{"Outcome":"backoff"}`), &out))
	assert.Equal(t, retry.Backoff, out.Outcome)
	require.Error(t, json.Unmarshal([]byte(`{"Outcome":"Later"}`), &out))

	d := rocketmq.SendMessage.DecideError(status.Error(codes.Unavailable, "connection refused"))
	b, err = json.Marshal(d)
	require.NoError(t, err)
	assert.JSONEq(t, `{"Outcome":"Retry","Reason":`+strconv.Quote(rocketmq.ReasonUnavailable)+`}`, string(b))
	var back retry.Decision
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, d, back)
}

func TestOutcomeSlog(t *testing.T) {
	d := rocketmq.SendMessage.Decide(rocketmq.TooManyRequests)
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("call", "outcome", d.Outcome, "decision", d)
	assert.Contains(t, buf.String(), `"outcome":"Backoff"`)
	assert.Contains(t, buf.String(), `"decision":{"Outcome":"Backoff","Reason":`)
	buf.Reset()
	slog.New(slog.NewTextHandler(&buf, nil)).Info("call", "outcome", d.Outcome, "unknown", retry.Outcome(9))
	assert.Contains(t, buf.String(), "outcome=Backoff unknown=Outcome(9)")
}
