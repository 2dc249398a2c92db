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

func TestFormatKeepsWhatItWraps(t *testing.T) {
	msg, wrapped := Format("topic %q is missing", "orders")
	assert.Equal(t, `topic "orders" is missing`, msg)
	assert.Nil(t, wrapped, "nothing to unwrap")

	msg, wrapped = Format("lookup: %w", io.EOF)
	assert.Equal(t, "lookup: EOF", msg)
	assert.ErrorIs(t, wrapped, io.EOF)

	_, both := Format("%w and %w", io.EOF, context.Canceled)
	assert.ErrorIs(t, both, io.EOF)
	assert.ErrorIs(t, both, context.Canceled)
}

func TestErrorText(t *testing.T) {
	assert.Equal(t, `sample TOPIC_NOT_FOUND: topic "orders" is missing`, sample.ErrorText(601, `topic "orders" is missing`))
	assert.Equal(t, "sample Code(777)", sample.ErrorText(777, ""))
	assert.Equal(t, "sample UNSPECIFIED", sample.ErrorText(0, ""), "the zero code prints its name")
}

func TestStatusCode(t *testing.T) {
	assert.Equal(t, codes.NotFound, sample.StatusCode(601))
	assert.Equal(t, codes.Unknown, sample.StatusCode(100), "a success code in an error travels as UNKNOWN")
	assert.Equal(t, codes.NotFound, sample.StatusCode(699), "an unknown code maps as its class")
}

func TestGRPCStatusCarriesErrorInfo(t *testing.T) {
	st := sample.Status(601, "missing")
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
		back, ok := sample.CodeOf(st.Err())
		assert.True(t, ok, "%d", c)
		assert.Equal(t, c, back, "%d", c)
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
	codeOf := func(err error) code {
		c, _ := sample.CodeOf(err)
		return c
	}
	assert.Equal(t, code(sample.OK), codeOf(nil))
	assert.Equal(t, code(sample.Fallback), codeOf(errors.New("plain")))
	assert.Equal(t, code(sample.Fallback), codeOf(status.Error(codes.Internal, "no info")))
	// A status error received from the wire, wrapped by the caller.
	st := overTheWire(t, sample.Status(630, "far"))
	assert.Equal(t, code(630), codeOf(fmt.Errorf("call: %w", st.Err())))
	assert.Equal(t, code(642), codeOf(fmt.Errorf("a: %w", fmt.Errorf("b: %w", sample.Status(642, "").Err()))))

	_, ok := sample.CodeOf(errors.New("plain"))
	assert.False(t, ok, "a plain error carries no code")
}

// other is a second registry with the same code type: its errors must
// not be read as sample's.
var other = indexed(Table[code]{TypeName: "Code", System: "other", Domain: "other.example.com", Fallback: 0,
	Entries: []Entry{{Num: 601, Name: "ELSEWHERE", GoName: "Elsewhere", Class: 601, GRPC: codes.Aborted}},
})

func TestCodeOfIgnoresOtherRegistries(t *testing.T) {
	require.NoError(t, other.Validate())
	got, ok := sample.CodeOf(other.Status(601, "x").Err())
	assert.False(t, ok)
	assert.Equal(t, code(sample.Fallback), got)
}

func TestZeroCodeTravels(t *testing.T) {
	st := sample.Status(0, "")
	assert.Equal(t, codes.Unknown, st.Code())
	got, ok := sample.FromStatus(st)
	assert.True(t, ok)
	assert.Equal(t, code(0), got)
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
	log.Info("failed", "err", sample.ErrorLogValue(601, "no topic t"))
	assert.Contains(t, buf.String(), `"err":{"system":"sample","code":"TOPIC_NOT_FOUND","number":601,"message":"no topic t"}`)
}

// TestFromStatusOfAnotherRevision: an ErrorInfo of another revision of
// the same system is read by its name alone, and a name this revision
// lacks gives the zero code, never a code that shares the number.
func TestFromStatusOfAnotherRevision(t *testing.T) {
	older := sample
	older.Revision = "2023"
	newer := sample
	newer.Revision = "2024"
	newer.Entries = append([]Entry{}, sample.Entries...)
	newer.Entries[6].Name = "RENAMED_NOT_FOUND" // 601 names another code in the newer revision
	newer = indexed(newer)
	require.NoError(t, newer.Validate())

	info := older.ErrorInfo(601)
	assert.Equal(t, "2023", info.GetMetadata()[RevisionKey])
	st, err := status.New(codes.NotFound, "x").WithDetails(info)
	require.NoError(t, err)

	got, ok := older.FromStatus(st)
	assert.True(t, ok)
	assert.Equal(t, code(601), got, "its own revision: by number")
	got, ok = newer.FromStatus(st)
	assert.True(t, ok, "a code of this system")
	assert.Equal(t, code(0), got, "TOPIC_NOT_FOUND is no name of the newer revision: the zero code, not 601")

	st, err = status.New(codes.NotFound, "x").WithDetails(older.ErrorInfo(630))
	require.NoError(t, err)
	got, _ = newer.FromStatus(st)
	assert.Equal(t, code(630), got, "FAR_NOT_FOUND is a name of both: read by name")

	// A name no reason can carry (OK is too short, as a name of more than
	// 63 characters is too long) travels under NameKey, and is read by it.
	okInfo := older.ErrorInfo(100)
	assert.Equal(t, "CODE_100", okInfo.GetReason())
	assert.Equal(t, "OK", okInfo.GetMetadata()[NameKey])
	assert.NotContains(t, info.GetMetadata(), NameKey, "a valid reason is the name")
	renumbered := newer
	renumbered.Entries = append([]Entry{}, sample.Entries...)
	renumbered.Entries[1].Name, renumbered.Entries[2].Name = "OK_TOO", "OK" // OK is 101 in this revision
	renumbered.Entries[1].GoName, renumbered.Entries[2].GoName = "OkToo", "OK"
	renumbered = indexed(renumbered)
	require.NoError(t, renumbered.Validate())
	st, err = status.New(codes.Unknown, "x").WithDetails(okInfo)
	require.NoError(t, err)
	got, _ = renumbered.FromStatus(st)
	assert.Equal(t, code(101), got, "OK, by its name")
	// A peer that names a name no revision has, or none at all, gives
	// the zero code: never the number.
	for _, md := range []map[string]string{
		{MetadataKey: "601", RevisionKey: "2099", NameKey: "NO_SUCH_NAME"},
		{MetadataKey: "601", RevisionKey: "2099"},
	} {
		st, err = status.New(codes.NotFound, "x").WithDetails(&errdetails.ErrorInfo{Reason: "CODE_601", Domain: newer.Domain, Metadata: md})
		require.NoError(t, err)
		got, ok = newer.FromStatus(st)
		assert.True(t, ok)
		assert.Equal(t, code(0), got, "%v", md)
	}
	assert.NotContains(t, sample.ErrorInfo(100).GetMetadata(), NameKey, "a table with no revision names none")

	// An ErrorInfo with no revision, as errors made before revisions were
	// recorded carry, is read by number.
	st, err = status.New(codes.NotFound, "x").WithDetails(sample.ErrorInfo(601))
	require.NoError(t, err)
	got, _ = newer.FromStatus(st)
	assert.Equal(t, code(601), got)
	assert.NotContains(t, sample.ErrorInfo(601).GetMetadata(), RevisionKey, "a table with no revision names none")
}
