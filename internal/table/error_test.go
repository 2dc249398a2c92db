package table

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

func TestErrorfMessageAndCode(t *testing.T) {
	err := Errorf[code, sampleRef](601, "topic %q is missing", "orders")
	assert.Equal(t, code(601), err.Code())
	assert.Equal(t, `topic "orders" is missing`, err.Message())
	assert.Equal(t, `sample TOPIC_NOT_FOUND: topic "orders" is missing`, err.Error())
	assert.Equal(t, "sample Code(777)", Errorf[code, sampleRef](777, "").Error())
	assert.Nil(t, err.Unwrap())
}

func TestErrorfWraps(t *testing.T) {
	err := Errorf[code, sampleRef](601, "lookup: %w", io.EOF)
	assert.ErrorIs(t, err, io.EOF)
	assert.Equal(t, "lookup: EOF", err.Message())

	both := Errorf[code, sampleRef](601, "%w and %w", io.EOF, context.Canceled)
	assert.ErrorIs(t, both, io.EOF)
	assert.ErrorIs(t, both, context.Canceled)
}

func TestErrorIsMatchesSameCode(t *testing.T) {
	sentinel := Errorf[code, sampleRef](601, "")
	wrapped := fmt.Errorf("outer: %w", Errorf[code, sampleRef](601, "inner"))
	assert.ErrorIs(t, wrapped, sentinel)
	assert.NotErrorIs(t, wrapped, Errorf[code, sampleRef](600, ""))

	var e *Error[code, sampleRef]
	require.ErrorAs(t, wrapped, &e)
	assert.Equal(t, code(601), e.Code())
}

func TestGRPCStatusCarriesErrorInfo(t *testing.T) {
	st := Errorf[code, sampleRef](601, "missing").GRPCStatus()
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
		assert.Equal(t, c, CodeOf[code, sampleRef](st.Err()), "%d", c)
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
	assert.Equal(t, code(sample.OK), CodeOf[code, sampleRef](nil))
	assert.Equal(t, code(601), CodeOf[code, sampleRef](Errorf[code, sampleRef](601, "")))
	assert.Equal(t, code(642), CodeOf[code, sampleRef](fmt.Errorf("a: %w", fmt.Errorf("b: %w", Errorf[code, sampleRef](642, "")))))
	assert.Equal(t, code(sample.Fallback), CodeOf[code, sampleRef](errors.New("plain")))
	assert.Equal(t, code(sample.Fallback), CodeOf[code, sampleRef](status.Error(codes.Internal, "no info")))
	// A status error received from the wire, wrapped by the caller.
	st := overTheWire(t, Errorf[code, sampleRef](630, "far").GRPCStatus())
	assert.Equal(t, code(630), CodeOf[code, sampleRef](fmt.Errorf("call: %w", st.Err())))
}

// other is a second registry with the same code type: its errors must
// not be read as sample's.
var other = indexed(Table[code]{TypeName: "Code", System: "other", Domain: "other.example.com", Fallback: 0,
	Entries: []Entry{{Num: 601, Name: "ELSEWHERE", GoName: "Elsewhere", Class: 601, GRPC: codes.Aborted}},
})

func TestCodeOfIgnoresOtherRegistries(t *testing.T) {
	require.NoError(t, other.Validate())
	err := Errorf[code, otherRef](601, "x")
	assert.Equal(t, code(sample.Fallback), CodeOf[code, sampleRef](err))
	assert.NotErrorIs(t, err, Errorf[code, sampleRef](601, ""))
}

// sampleRef and otherRef name the test registries as types, as the
// generated registryRef types do.
type (
	sampleRef struct{}
	otherRef  struct{}
)

func (sampleRef) Table() *Table[code] { return &sample }
func (otherRef) Table() *Table[code]  { return &other }

func TestZeroErrorIsUsable(t *testing.T) {
	var e Error[code, sampleRef]
	assert.Equal(t, "sample UNSPECIFIED", e.Error())
	assert.Equal(t, code(0), e.Code())
	st := e.GRPCStatus()
	assert.Equal(t, codes.Unknown, st.Code())
	got, ok := sample.FromStatus(st)
	assert.True(t, ok)
	assert.Equal(t, code(0), got)
	assert.Nil(t, e.Unwrap())
	assert.Equal(t, code(0), CodeOf[code, sampleRef](&e))
}

// reasonFormat is AIP-193's format of an ErrorInfo reason.
var reasonFormat = regexp.MustCompile(`^[A-Z][A-Z0-9_]+[A-Z0-9]$`)

func TestReasonsAreValidAndReadBack(t *testing.T) {
	nums := []code{0, 100, 101, 601, 630, 642, 12345, -7, -1, 1, math.MaxInt32, math.MinInt32}
	for _, e := range sample.Entries {
		nums = append(nums, code(e.Num))
	}
	for _, n := range nums {
		reason := sample.Reason(n)
		assert.Regexp(t, reasonFormat, reason, "%d", n)
		assert.LessOrEqual(t, len(reason), 63)
		back, err := sample.Parse(reason)
		require.NoError(t, err, reason)
		assert.Equal(t, n, back, reason)

		// The reason alone, with no metadata number, reads back too.
		info := &errdetails.ErrorInfo{Reason: reason, Domain: sample.Domain}
		st, err := status.New(codes.Internal, "x").WithDetails(info)
		require.NoError(t, err)
		got, ok := sample.FromStatus(st)
		assert.True(t, ok, reason)
		assert.Equal(t, n, got, reason)
	}
	assert.Equal(t, "CODE_642", sample.Reason(642))
	assert.Equal(t, "CODE_MINUS_7", sample.Reason(-7))
	assert.Equal(t, "CODE_100", sample.Reason(100), "OK is too short for a reason")
	assert.Equal(t, "TOPIC_NOT_FOUND", sample.Reason(601))
}

func TestReasonOfLongNames(t *testing.T) {
	long := strings.Repeat("A", 64)
	tab := indexed(Table[code]{TypeName: "Code", System: "long", Entries: []Entry{{Num: 5, Name: long, GoName: "Long", Class: 5}}})
	assert.Equal(t, "CODE_5", tab.Reason(5), "over 63 characters")
	c, err := tab.Parse("CODE_5")
	require.NoError(t, err)
	assert.Equal(t, code(5), c)
}

func TestErrorLogValue(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	log.Info("failed", "err", Errorf[code, sampleRef](601, "no topic %s", "t"))
	assert.Contains(t, buf.String(), `"err":{"system":"sample","code":"TOPIC_NOT_FOUND","number":601,"message":"no topic t"}`)
}
