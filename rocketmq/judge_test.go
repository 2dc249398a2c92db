package rocketmq_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/statusreg/statusreg/internal/contracttest"
	"github.com/statusreg/statusreg/rocketmq"
)

// TestJudge judges messages without a server: every status a message
// carries, its own first and then its entries', each by the RPC's column.
func TestJudge(t *testing.T) {
	resp, telemetry := contracttest.Messages(t)
	const p = contracttest.Prefix
	for rpc, c := range map[rocketmq.RPC]map[rocketmq.Code]rocketmq.Mark{
		rocketmq.SendMessage:         {rocketmq.OK: rocketmq.Allowed, rocketmq.BadRequest: rocketmq.NotAllowed, rocketmq.NotFound: rocketmq.Reserved},
		rocketmq.QueryRoute:          {rocketmq.MessageNotFound: rocketmq.NotAllowed, rocketmq.RequestTimeout: rocketmq.NotListed},
		rocketmq.VerifyMessageResult: {rocketmq.NotImplemented: rocketmq.NotAllowed},
		rocketmq.ThreadStackTrace:    {rocketmq.NotImplemented: rocketmq.Allowed},
	} {
		for code, mark := range c {
			require.Equal(t, mark, rpc.Mark(code), "%v %v", rpc, code)
		}
	}
	v := func(method string, rpc rocketmq.RPC, code rocketmq.Code, mark rocketmq.Mark, field string, i int) rocketmq.Violation {
		return rocketmq.Violation{Method: method, RPC: rpc, Code: code, Mark: mark, Field: field, Index: i}
	}
	var nilMsg *dynamicpb.Message
	for _, tc := range []struct {
		name   string
		method string
		msg    proto.Message
		want   []rocketmq.Violation
	}{
		{"allowed", p + "SendMessage", contracttest.WithStatus(resp, rocketmq.OK, ""), nil},
		{"no row", p + "QueryRoute", contracttest.WithStatus(resp, rocketmq.RequestTimeout, ""), nil},
		{"unknown code", p + "QueryRoute", contracttest.WithStatus(resp, 40499, ""), nil},
		{"forbidden", p + "QueryRoute", contracttest.WithStatus(resp, rocketmq.MessageNotFound, ""),
			[]rocketmq.Violation{v(p+"QueryRoute", rocketmq.QueryRoute, rocketmq.MessageNotFound, rocketmq.NotAllowed, "", 0)}},
		{"batch", p + "SendMessage", contracttest.Noted(contracttest.Batch(resp, rocketmq.BadRequest, rocketmq.OK, rocketmq.NotFound), rocketmq.BadRequest),
			[]rocketmq.Violation{
				v(p+"SendMessage", rocketmq.SendMessage, rocketmq.BadRequest, rocketmq.NotAllowed, "", 0),
				v(p+"SendMessage", rocketmq.SendMessage, rocketmq.NotFound, rocketmq.Reserved, "entries", 1),
			}},
		{"telemetry command", p + "Telemetry", contracttest.WithStatus(telemetry, rocketmq.NotImplemented, "verify_message_result"),
			[]rocketmq.Violation{v(p+"Telemetry", rocketmq.VerifyMessageResult, rocketmq.NotImplemented, rocketmq.NotAllowed, "", 0)}},
		{"telemetry, allowed by its command", p + "Telemetry", contracttest.WithStatus(telemetry, rocketmq.NotImplemented, "thread_stack_trace"), nil},
		{"telemetry without a command", p + "Telemetry", contracttest.WithStatus(telemetry, rocketmq.BadRequest, ""), nil},
		{"no status", p + "SendMessage", dynamicpb.NewMessage(resp), nil},
		{"other service", "/other.v1.Service/SendMessage", contracttest.WithStatus(resp, rocketmq.BadRequest, ""), nil},
		// The RPCs the matrix has no column for are known, and not judged.
		{"no column", p + "RecallMessage", contracttest.WithStatus(resp, rocketmq.BadRequest, ""), nil},
		{"no column, batch", p + "SyncLiteSubscription", contracttest.Batch(resp, rocketmq.NotFound, rocketmq.OK, rocketmq.BadRequest), nil},
		{"command as a method", p + "ThreadStackTrace", contracttest.WithStatus(resp, rocketmq.BadRequest, ""), nil},
		{"wrong case", p + "sendMessage", contracttest.WithStatus(resp, rocketmq.BadRequest, ""), nil},
		{"nil", p + "SendMessage", nil, nil},
		{"typed nil", p + "SendMessage", nilMsg, nil},
	} {
		assert.Equal(t, tc.want, rocketmq.Judge(tc.method, tc.msg), tc.name)
	}
}

// Judging a message that breaks no rule allocates nothing.
func TestJudgeAllocatesNothingWhenClean(t *testing.T) {
	resp, _ := contracttest.Messages(t)
	msg := contracttest.Batch(resp, rocketmq.OK, rocketmq.OK, rocketmq.TopicNotFound)
	method := rocketmq.SendMessage.Method()
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = rocketmq.Judge(method, msg) }))
}

// TestJudgeError: an error is judged by the RocketMQ code it carries, in
// process or as a client receives it, exactly as a status in a message.
func TestJudgeError(t *testing.T) {
	require.Equal(t, rocketmq.NotAllowed, rocketmq.SendMessage.Mark(rocketmq.ConsumerGroupNotFound))
	require.Equal(t, rocketmq.Allowed, rocketmq.SendMessage.Mark(rocketmq.TopicNotFound))
	require.Equal(t, rocketmq.Reserved, rocketmq.QueryRoute.Mark(rocketmq.InternalError))
	require.Equal(t, rocketmq.NotAllowed, rocketmq.QueryRoute.Mark(rocketmq.HANotAvailable))

	send := rocketmq.SendMessage.Method()
	forbidden := rocketmq.Errorf(rocketmq.ConsumerGroupNotFound, "no group %q", "g")
	received := status.FromProto(status.Convert(forbidden).Proto()).Err() // as a client gets it: no *Error left
	require.False(t, errors.As(received, new(*rocketmq.Error)))
	want := rocketmq.Violation{Method: send, RPC: rocketmq.SendMessage, Code: rocketmq.ConsumerGroupNotFound, Mark: rocketmq.NotAllowed, AsError: true}
	for name, err := range map[string]error{
		"in process": forbidden,
		"wrapped":    fmt.Errorf("send: %w", forbidden),
		"received":   received,
	} {
		got, ok := rocketmq.JudgeError(send, err)
		assert.True(t, ok, name)
		assert.Equal(t, want, got, name)
	}
	assert.Equal(t, "rocketmq contract: SendMessage returned CONSUMER_GROUP_NOT_FOUND as an error, which the status matrix marks NotAllowed", want.String())

	_, ok := rocketmq.JudgeError(rocketmq.RecallMessage.Method(), rocketmq.Errorf(rocketmq.ConsumerGroupNotFound, ""))
	assert.False(t, ok, "an RPC the matrix has no column for is not judged")

	got, ok := rocketmq.JudgeError(rocketmq.QueryRoute.Method(), rocketmq.Errorf(rocketmq.InternalError, "oops"))
	assert.True(t, ok)
	assert.Equal(t, rocketmq.Violation{Method: rocketmq.QueryRoute.Method(), RPC: rocketmq.QueryRoute, Code: rocketmq.InternalError, Mark: rocketmq.Reserved, AsError: true}, got)
	// The decision and the judgement agree that the code is not QueryRoute's.
	_, ok = rocketmq.JudgeError(rocketmq.QueryRoute.Method(), rocketmq.Errorf(rocketmq.HANotAvailable, ""))
	assert.True(t, ok)

	for name, tc := range map[string]struct {
		method string
		err    error
	}{
		"nil":                       {send, nil},
		"allowed":                   {send, rocketmq.Errorf(rocketmq.TopicNotFound, "no topic")},
		"plain error":               {send, errors.New("boom")},
		"status without ErrorInfo":  {send, status.Error(codes.NotFound, "consumer group not found")},
		"context error":             {send, status.FromContextError(fmt.Errorf("db: %w", context.DeadlineExceeded)).Err()},
		"no row":                    {rocketmq.AckMessage.Method(), rocketmq.Errorf(rocketmq.RequestTimeout, "")},
		"unknown code":              {send, rocketmq.Errorf(40499, "")},
		"Telemetry":                 {rocketmq.ThreadStackTrace.Method(), rocketmq.Errorf(rocketmq.ConsumerGroupNotFound, "")},
		"other service":             {"/other.v1.Service/SendMessage", forbidden},
		"command as a method":       {contracttest.Prefix + "VerifyMessageResult", rocketmq.Errorf(rocketmq.NotImplemented, "")},
		"another registry's domain": {send, otherDomain(t)},
		"explicit unspecified code": {send, rocketmq.Errorf(rocketmq.CodeUnspecified, "")},
	} {
		got, ok := rocketmq.JudgeError(tc.method, tc.err)
		assert.False(t, ok, name)
		assert.Zero(t, got, name)
	}
}

// otherDomain returns a status error whose ErrorInfo has RocketMQ's
// reason and metadata for CONSUMER_GROUP_NOT_FOUND under another domain:
// it carries no RocketMQ code.
func otherDomain(t *testing.T) error {
	t.Helper()
	st, err := status.New(codes.NotFound, "consumer group not found").WithDetails(&errdetails.ErrorInfo{
		Reason: "CONSUMER_GROUP_NOT_FOUND", Domain: "example.com",
		Metadata: map[string]string{"code": strconv.Itoa(int(rocketmq.ConsumerGroupNotFound))},
	})
	require.NoError(t, err)
	require.Equal(t, rocketmq.CodeUnspecified, rocketmq.CodeOf(st.Err()))
	return st.Err()
}
