package rocketmq_test

import (
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/statusreg/statusreg/rocketmq"
)

func TestErrorfStatus(t *testing.T) {
	err := rocketmq.Errorf(rocketmq.TopicNotFound, "topic %s", "orders")
	assert.Equal(t, "rocketmq TOPIC_NOT_FOUND: topic orders", err.Error())
	st, ok := status.FromError(err)
	require.True(t, ok)
	assert.Equal(t, codes.NotFound, st.Code())
	assert.Equal(t, "topic orders", st.Message())
	require.Len(t, st.Details(), 1)
	info := st.Details()[0].(*errdetails.ErrorInfo)
	assert.Equal(t, "TOPIC_NOT_FOUND", info.GetReason())
	assert.Equal(t, "rocketmq.apache.org", info.GetDomain())
	assert.Equal(t, rocketmq.Domain, info.GetDomain())
	assert.Equal(t, "40402", info.GetMetadata()["code"])
}

func TestErrorsIsAndAs(t *testing.T) {
	errThrottled := rocketmq.Errorf(rocketmq.TooManyRequests, "")
	err := fmt.Errorf("send: %w", rocketmq.Errorf(rocketmq.TooManyRequests, "slow down: %w", io.ErrShortWrite))
	assert.ErrorIs(t, err, errThrottled)
	assert.ErrorIs(t, err, io.ErrShortWrite)
	assert.NotErrorIs(t, err, rocketmq.Errorf(rocketmq.InternalError, ""))
	var e *rocketmq.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, rocketmq.TooManyRequests, e.Code())
	assert.Equal(t, "slow down: short write", e.Message())
}

// wire sends an error's status through its protobuf encoding, as a gRPC
// hop does, and returns the error the far side sees.
func wire(t *testing.T, err error) error {
	t.Helper()
	b, merr := proto.Marshal(status.Convert(err).Proto())
	require.NoError(t, merr)
	var back spb.Status
	require.NoError(t, proto.Unmarshal(b, &back))
	return status.FromProto(&back).Err()
}

func TestRoundTripIsExact(t *testing.T) {
	all := []rocketmq.Code{40499, 12345, 99999, -1, 1<<31 - 1}
	for _, u := range upstreamCodes(t) {
		all = append(all, u.code)
	}
	for _, c := range all {
		far := wire(t, rocketmq.Errorf(c, "x"))
		require.Error(t, far, "%s", c)
		assert.Equal(t, c, rocketmq.CodeOf(far), "%s", c)
		got, ok := rocketmq.FromStatus(status.Convert(far))
		assert.True(t, ok)
		assert.Equal(t, c, got, "%s", c)
		want := c.GRPCCode()
		if want == codes.OK {
			want = codes.Unknown // success codes carried by an error
		}
		assert.Equal(t, want, status.Code(far), "%s", c)
	}
}

func TestCodeOf(t *testing.T) {
	assert.Equal(t, rocketmq.OK, rocketmq.CodeOf(nil))
	assert.Equal(t, rocketmq.CodeUnspecified, rocketmq.CodeOf(errors.New("plain")))
	assert.Equal(t, rocketmq.CodeUnspecified, rocketmq.CodeOf(status.Error(codes.Unavailable, "no details")))
	assert.Equal(t, rocketmq.SlavePersistenceTimeout,
		rocketmq.CodeOf(fmt.Errorf("a: %w", rocketmq.Errorf(rocketmq.SlavePersistenceTimeout, ""))))

	// A peer that sets only the reason still gets its code read back.
	st, err := status.New(codes.NotFound, "x").WithDetails(&errdetails.ErrorInfo{Reason: "CONSUMER_GROUP_NOT_FOUND", Domain: rocketmq.Domain})
	require.NoError(t, err)
	assert.Equal(t, rocketmq.ConsumerGroupNotFound, rocketmq.CodeOf(st.Err()))

	// Garbage metadata falls back to the reason.
	st, err = status.New(codes.NotFound, "x").WithDetails(&errdetails.ErrorInfo{
		Reason: "TOPIC_NOT_FOUND", Domain: rocketmq.Domain, Metadata: map[string]string{"code": "forty"}})
	require.NoError(t, err)
	assert.Equal(t, rocketmq.TopicNotFound, rocketmq.CodeOf(st.Err()))

	got, ok := rocketmq.FromStatus(status.New(codes.OK, ""))
	assert.True(t, ok)
	assert.Equal(t, rocketmq.OK, got)
	_, ok = rocketmq.FromStatus(status.New(codes.Internal, strconv.Itoa(40402)))
	assert.False(t, ok, "a number in the message is not a code")
}

func TestZeroErrorIsUsable(t *testing.T) {
	var e rocketmq.Error
	assert.Equal(t, "rocketmq CODE_UNSPECIFIED", e.Error())
	st := e.GRPCStatus()
	assert.Equal(t, codes.Unknown, st.Code())
	assert.Equal(t, rocketmq.CodeUnspecified, rocketmq.CodeOf(st.Err()))
	assert.Equal(t, "CODE_UNSPECIFIED", e.ErrorInfo().GetReason())
}

func TestReasonsAreValidAndReadBack(t *testing.T) {
	format := regexp.MustCompile(`^[A-Z][A-Z0-9_]+[A-Z0-9]$`)
	nums := []rocketmq.Code{40499, -7, -1, 1, 99999, math.MaxInt32, math.MinInt32}
	for n := rocketmq.Code(-1 << 31); n < 1<<31-1-1<<27; n += 1<<27 + 12345 {
		nums = append(nums, n)
	}
	nums = append(nums, rocketmq.Codes()...)
	for _, n := range nums {
		err := rocketmq.Errorf(n, "m")
		var e *rocketmq.Error
		require.ErrorAs(t, err, &e)
		reason := e.ErrorInfo().GetReason()
		assert.Regexp(t, format, reason, "%d", n)
		assert.LessOrEqual(t, len(reason), 63)
		back, perr := rocketmq.ParseCode(reason)
		require.NoError(t, perr, reason)
		assert.Equal(t, n, back, reason)

		// The reason alone, with no metadata number, reads back.
		info := &errdetails.ErrorInfo{Reason: reason, Domain: rocketmq.Domain}
		st, serr := status.New(codes.Internal, "x").WithDetails(info)
		require.NoError(t, serr)
		got, ok := rocketmq.FromStatus(st)
		assert.True(t, ok, reason)
		assert.Equal(t, n, got, reason)
	}
	assert.Equal(t, "CODE_20000", rocketmq.Errorf(rocketmq.OK, "").(*rocketmq.Error).ErrorInfo().GetReason(), "OK is too short for a reason")
}

func TestParseErrorIsNamedHere(t *testing.T) {
	_, err := rocketmq.ParseCode("NO_SUCH_CODE")
	var pe *rocketmq.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "NO_SUCH_CODE", pe.Input)
	assert.Equal(t, "rocketmq", pe.System)
}

func TestGoString(t *testing.T) {
	assert.Equal(t, "rocketmq.TopicNotFound", rocketmq.TopicNotFound.GoString())
	assert.Equal(t, "rocketmq.Code(40499)", fmt.Sprintf("%#v", rocketmq.Code(40499)))
	assert.Equal(t, "rocketmq.SendMessage", fmt.Sprintf("%#v", rocketmq.SendMessage))
}
