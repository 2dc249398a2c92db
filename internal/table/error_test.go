package table

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

func TestErrorfMessageAndCode(t *testing.T) {
	err := sample.Errorf(601, "topic %q is missing", "orders")
	assert.Equal(t, code(601), err.Code())
	assert.Equal(t, `topic "orders" is missing`, err.Message())
	assert.Equal(t, `sample TOPIC_NOT_FOUND: topic "orders" is missing`, err.Error())
	assert.Equal(t, "sample Code(777)", sample.Errorf(777, "").Error())
	assert.Nil(t, err.Unwrap())
}

func TestErrorfWraps(t *testing.T) {
	err := sample.Errorf(601, "lookup: %w", io.EOF)
	assert.ErrorIs(t, err, io.EOF)
	assert.Equal(t, "lookup: EOF", err.Message())

	both := sample.Errorf(601, "%w and %w", io.EOF, context.Canceled)
	assert.ErrorIs(t, both, io.EOF)
	assert.ErrorIs(t, both, context.Canceled)
}

func TestErrorIsMatchesSameCode(t *testing.T) {
	sentinel := sample.Errorf(601, "")
	wrapped := fmt.Errorf("outer: %w", sample.Errorf(601, "inner"))
	assert.ErrorIs(t, wrapped, sentinel)
	assert.NotErrorIs(t, wrapped, sample.Errorf(600, ""))

	var e *Error[code]
	require.ErrorAs(t, wrapped, &e)
	assert.Equal(t, code(601), e.Code())
}

func TestGRPCStatusCarriesErrorInfo(t *testing.T) {
	st := sample.Errorf(601, "missing").GRPCStatus()
	assert.Equal(t, codes.NotFound, st.Code())
	assert.Equal(t, "missing", st.Message())
	require.Len(t, st.Details(), 1)
	info, ok := st.Details()[0].(*errdetails.ErrorInfo)
	require.True(t, ok)
	assert.Equal(t, "TOPIC_NOT_FOUND", info.GetReason())
	assert.Equal(t, "sample.example.com", info.GetDomain())
	assert.Equal(t, map[string]string{MetadataKey: "601"}, info.GetMetadata())

	unknown := sample.ErrorInfo(642)
	assert.Equal(t, "CODE_642", unknown.GetReason())
	assert.Equal(t, "642", unknown.GetMetadata()[MetadataKey])
}

// overTheWire sends a status through its protobuf encoding, as a gRPC
// hop would, and reads it back.
func overTheWire(t *testing.T, st *status.Status) *status.Status {
	t.Helper()
	b, err := proto.Marshal(st.Proto())
	require.NoError(t, err)
	back := st.Proto()
	proto.Reset(back)
	require.NoError(t, proto.Unmarshal(b, back))
	return status.FromProto(back)
}

func TestStatusRoundTripIsExact(t *testing.T) {
	var all []code
	for _, e := range sample.Entries {
		all = append(all, code(e.Num))
	}
	all = append(all, 642, 12345, -9) // unknown codes keep their number
	for _, c := range all {
		st := overTheWire(t, sample.Status(c, "m"))
		got, ok := sample.FromStatus(st)
		assert.True(t, ok, "%d", c)
		assert.Equal(t, c, got, "%d", c)
		assert.NotEqual(t, codes.OK, st.Code(), "an error never travels as OK")
		assert.Equal(t, c, sample.CodeOf(st.Err()), "%d", c)
	}
}

func TestFromStatusFallsBackToReason(t *testing.T) {
	info := &errdetails.ErrorInfo{Reason: "TOPIC_NOT_FOUND", Domain: sample.Domain}
	st, err := status.New(codes.NotFound, "x").WithDetails(info)
	require.NoError(t, err)
	got, ok := sample.FromStatus(st)
	assert.True(t, ok)
	assert.Equal(t, code(601), got)
}

func TestFromStatusIgnoresOtherDomains(t *testing.T) {
	info := &errdetails.ErrorInfo{Reason: "TOPIC_NOT_FOUND", Domain: "other.example.com", Metadata: map[string]string{MetadataKey: "601"}}
	st, err := status.New(codes.NotFound, "x").WithDetails(info)
	require.NoError(t, err)
	got, ok := sample.FromStatus(st)
	assert.False(t, ok)
	assert.Equal(t, code(sample.Fallback), got)

	got, ok = sample.FromStatus(status.New(codes.Unavailable, "plain"))
	assert.False(t, ok)
	assert.Equal(t, code(sample.Fallback), got)

	got, ok = sample.FromStatus(nil)
	assert.True(t, ok, "a nil status is OK")
	assert.Equal(t, code(sample.OK), got)
}

func TestCodeOf(t *testing.T) {
	assert.Equal(t, code(sample.OK), sample.CodeOf(nil))
	assert.Equal(t, code(601), sample.CodeOf(sample.Errorf(601, "")))
	assert.Equal(t, code(642), sample.CodeOf(fmt.Errorf("a: %w", fmt.Errorf("b: %w", sample.Errorf(642, "")))))
	assert.Equal(t, code(sample.Fallback), sample.CodeOf(errors.New("plain")))
	assert.Equal(t, code(sample.Fallback), sample.CodeOf(status.Error(codes.Internal, "no info")))
	// A status error received from the wire, wrapped by the caller.
	st := overTheWire(t, sample.Errorf(630, "far").GRPCStatus())
	assert.Equal(t, code(630), sample.CodeOf(fmt.Errorf("call: %w", st.Err())))
}

// other is a second registry with the same code type: its errors must
// not be read as sample's.
var other = indexed(Table[code]{TypeName: "Code", System: "other", Domain: "other.example.com", Fallback: 0,
	Entries: []Entry{{Num: 601, Name: "ELSEWHERE", GoName: "Elsewhere", Class: 601, GRPC: codes.Aborted}},
})

func TestCodeOfIgnoresOtherRegistries(t *testing.T) {
	require.NoError(t, other.Validate())
	err := other.Errorf(601, "x")
	assert.Equal(t, code(sample.Fallback), sample.CodeOf(err))
	assert.NotErrorIs(t, err, sample.Errorf(601, ""))
}
