package rocketmq_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/retry"
	"github.com/statusreg/statusreg/rocketmq"
)

// seedMatrix returns the seed's non-telemetry and telemetry tables.
func seedMatrix(t *testing.T) (main, telemetry source.Table) {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	tables, err := source.Markdown(filepath.Join(dir, "rocketmq-status-code-matrix.md"))
	require.NoError(t, err)
	require.Len(t, tables, 2)
	return tables[0], tables[1]
}

var markOf = map[string]rocketmq.Mark{"✅": rocketmq.Allowed, "❌": rocketmq.NotAllowed, "🔄": rocketmq.Reserved}

// TestRPCsAreTheSeedColumns holds that the RPCs are the matrix's columns,
// then the methods of MessagingService that testdata/rocketmq-service.tsv
// says have none; only the first have a column.
func TestRPCsAreTheSeedColumns(t *testing.T) {
	main, telemetry := seedMatrix(t)
	var want []string
	want = append(want, main.Header[1:]...)
	want = append(want, telemetry.Header[1:]...)
	require.Len(t, want, 16)
	service, err := source.TSV(filepath.Join("..", "testdata", "rocketmq-service.tsv"))
	require.NoError(t, err)
	var unlisted []string
	for _, row := range service.Rows { // rpc | kind | matrix
		if row[2] == "none" {
			unlisted = append(unlisted, row[0])
		}
	}
	assert.Equal(t, []string{"RecallMessage", "SyncLiteSubscription"}, unlisted)
	want = append(want, unlisted...)
	var got []string
	for i, r := range rocketmq.RPCs() {
		got = append(got, r.String())
		assert.Equal(t, i < 16, r.HasColumn(), r.String())
	}
	assert.Equal(t, want, got)
}

// TestRPCsWithoutColumn holds what the RPC type's doc promises of the
// RPCs the matrix has no column for: every code is NotListed, nothing is
// allowed, they have a method and no matrix rows.
func TestRPCsWithoutColumn(t *testing.T) {
	for _, r := range []rocketmq.RPC{rocketmq.RecallMessage, rocketmq.SyncLiteSubscription} {
		assert.False(t, r.HasColumn())
		assert.Equal(t, "/apache.rocketmq.v2.MessagingService/"+r.String(), r.Method())
		assert.Nil(t, r.MatrixRows())
		for _, c := range rocketmq.Codes() {
			assert.Equal(t, rocketmq.NotListed, r.Mark(c), "%v %v", r, c)
			assert.False(t, r.Allows(c), "%v %v", r, c)
		}
		back, err := rocketmq.ParseRPC(r.Method())
		require.NoError(t, err)
		assert.Equal(t, r, back)
	}
	assert.False(t, rocketmq.RPC(0).HasColumn())
	assert.Equal(t, "RPC(19)", rocketmq.RPC(19).String())
	assert.Equal(t, "", rocketmq.RPC(19).Method())
}

// TestEveryMatrixCell checks every cell of both seed tables, and that
// every code/RPC pair they have no cell for is NotListed (but for
// upstream's newer MESSAGE_BODY_EMPTY row).
func TestEveryMatrixCell(t *testing.T) {
	main, telemetry := seedMatrix(t)
	cells := 0
	listed := map[[2]string]bool{}
	for _, tab := range []source.Table{main, telemetry} {
		for _, row := range tab.Rows {
			name := strings.TrimSuffix(row[0], "*")
			code, err := rocketmq.ParseCode(name)
			require.NoError(t, err, name)
			for j, cell := range row[1:] {
				rpc, err := rocketmq.ParseRPC(tab.Header[j+1])
				require.NoError(t, err)
				want, ok := markOf[cell]
				require.True(t, ok, "cell %q", cell)
				assert.Equal(t, want, rpc.Mark(code), "%s on %s", name, rpc)
				assert.Equal(t, want == rocketmq.Allowed, rpc.Allows(code), "%s on %s", name, rpc)
				listed[[2]string{name, rpc.String()}] = true
				cells++
			}
		}
	}
	assert.Equal(t, 47*14+5*2, cells)

	for _, u := range upstreamCodes(t) {
		for _, rpc := range rocketmq.RPCs() {
			if listed[[2]string{u.name, rpc.String()}] || u.name == "MESSAGE_BODY_EMPTY" {
				continue
			}
			assert.Equal(t, rocketmq.NotListed, rpc.Mark(u.code), "%s on %s", u.name, rpc)
			assert.False(t, rpc.Allows(u.code))
		}
	}
}

// MESSAGE_BODY_EMPTY: allowed for SendMessage only, not allowed for every
// other non-telemetry RPC (testdata/README.md).
func TestMessageBodyEmptyRow(t *testing.T) {
	main, _ := seedMatrix(t)
	for _, col := range main.Header[1:] {
		rpc, err := rocketmq.ParseRPC(col)
		require.NoError(t, err)
		want := rocketmq.NotAllowed
		if col == "SendMessage" {
			want = rocketmq.Allowed
		}
		assert.Equal(t, want, rpc.Mark(rocketmq.MessageBodyEmpty), col)
	}
	assert.Equal(t, rocketmq.NotListed, rocketmq.ThreadStackTrace.Mark(rocketmq.MessageBodyEmpty))
	assert.Equal(t, rocketmq.NotListed, rocketmq.VerifyMessageResult.Mark(rocketmq.MessageBodyEmpty))
}

func TestUnknownCodesAreNotListed(t *testing.T) {
	for _, rpc := range rocketmq.RPCs() {
		assert.Equal(t, rocketmq.NotListed, rpc.Mark(40499))
		assert.Equal(t, rocketmq.NotListed, rpc.Mark(rocketmq.RequestTimeout))
	}
	assert.Equal(t, rocketmq.NotListed, rocketmq.RPC(200).Mark(rocketmq.OK))
}

func TestParseRPC(t *testing.T) {
	for in, want := range map[string]rocketmq.RPC{
		"SendMessage": rocketmq.SendMessage,
		"/apache.rocketmq.v2.MessagingService/SendMessage":    rocketmq.SendMessage,
		"/apache.rocketmq.v2.MessagingService/ReceiveMessage": rocketmq.ReceiveMessage,
		"QueryOffset":         rocketmq.QueryOffset,
		"ThreadStackTrace":    rocketmq.ThreadStackTrace,
		"VerifyMessageResult": rocketmq.VerifyMessageResult,
		// Read as ParseCode reads codes: any letter case, spaces trimmed.
		"sendmessage":    rocketmq.SendMessage,
		"  ACKMESSAGE\n": rocketmq.AckMessage,
		"/apache.rocketmq.v2.MessagingService/sendMessage": rocketmq.SendMessage,
		"RPC(0)":        0,
		"RPC(3)":        rocketmq.SendMessage,
		"RPC(200)":      200,
		"RecallMessage": rocketmq.RecallMessage,
		"/apache.rocketmq.v2.MessagingService/SyncLiteSubscription": rocketmq.SyncLiteSubscription,
	} {
		got, err := rocketmq.ParseRPC(in)
		if assert.NoError(t, err, in) {
			assert.Equal(t, want, got, in)
		}
	}
	for _, in := range []string{
		"", "send message", "Telemetry", "/apache.rocketmq.v2.MessagingService/Telemetry",
		// The Telemetry commands have no method of their own.
		"/apache.rocketmq.v2.MessagingService/ThreadStackTrace",
		"/apache.rocketmq.v2.MessagingService/VerifyMessageResult",
		"RPC(256)", "RPC(-1)", "/apache.rocketmq.v2.MessagingService/RPC(3)",
		"/apache.rocketmq.v2.MessagingService/Recall", "/other.Service/SendMessage",
		"apache.rocketmq.v2.MessagingService/SendMessage", strings.Repeat("x", 1000),
	} {
		_, err := rocketmq.ParseRPC(in)
		var re *rocketmq.RPCError
		if assert.ErrorAs(t, err, &re, "%.30q", in) {
			assert.LessOrEqual(t, len(re.Input), 64)
		}
	}
}

func TestRPCText(t *testing.T) {
	for _, rpc := range rocketmq.RPCs() {
		b, err := rpc.MarshalText()
		require.NoError(t, err)
		var back rocketmq.RPC
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, rpc, back)
	}
	assert.Equal(t, "/apache.rocketmq.v2.MessagingService/AckMessage", rocketmq.AckMessage.Method())
	assert.Equal(t, "/apache.rocketmq.v2.MessagingService/Telemetry", rocketmq.VerifyMessageResult.Method())
	assert.Equal(t, "RPC(99)", rocketmq.RPC(99).String())
	var r rocketmq.RPC
	assert.Error(t, r.UnmarshalText([]byte("Nope")))
}

func TestZeroRPCNamesNoRPC(t *testing.T) {
	var zero rocketmq.RPC
	assert.Equal(t, "RPC(0)", zero.String())
	assert.Empty(t, zero.Method())
	assert.NotContains(t, rocketmq.RPCs(), zero)
	for _, c := range []rocketmq.Code{rocketmq.OK, rocketmq.TopicNotFound, rocketmq.MessageNotFound, rocketmq.InternalServerError} {
		assert.Equal(t, rocketmq.NotListed, zero.Mark(c), "%v", c)
		assert.False(t, zero.Allows(c), "%v", c)
	}
	// A missing JSON field leaves the zero RPC, not QueryRoute.
	var v struct{ RPC rocketmq.RPC }
	require.NoError(t, json.Unmarshal([]byte(`{}`), &v))
	assert.NotEqual(t, rocketmq.QueryRoute, v.RPC)
	// The zero RPC round-trips as text, and decides by the code alone.
	b, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, `{"RPC":"RPC(0)"}`, string(b))
	assert.Equal(t, retry.Fail, zero.Decide(rocketmq.MessageNotFound).Outcome, "only ReceiveMessage polls")
	assert.Equal(t, retry.Retry, zero.Decide(rocketmq.InternalServerError).Outcome)
}

func TestMarkText(t *testing.T) {
	b, err := json.Marshal(map[string]rocketmq.Mark{"cell": rocketmq.SendMessage.Mark(rocketmq.TopicNotFound)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"cell":"Allowed"}`, string(b))
	var m rocketmq.Mark
	require.NoError(t, m.UnmarshalText([]byte("reserved")))
	assert.Equal(t, rocketmq.Reserved, m)
	// ASCII letter case only: a long s (U+017F) is no s.
	assert.Error(t, m.UnmarshalText([]byte("NotLi\u017fted")))
	assert.Equal(t, rocketmq.Reserved, m)
	for _, in := range []string{"\u017fendMessage", "/apache.rocketmq.v2.Me\u017f\u017fagingService/SendMessage"} {
		_, err := rocketmq.ParseRPC(in)
		assert.Error(t, err, in)
	}
}

// TestMatrixRowsInSeedOrder: each table's rows, in the seed's order, with
// the newer upstream's MESSAGE_BODY_EMPTY after MESSAGE_BODY_TOO_LARGE.
func TestMatrixRowsInSeedOrder(t *testing.T) {
	main, telemetry := seedMatrix(t)
	names := func(tab source.Table) []string {
		var out []string
		for _, row := range tab.Rows {
			out = append(out, strings.TrimSuffix(row[0], "*"))
			if out[len(out)-1] == "MESSAGE_BODY_TOO_LARGE" {
				out = append(out, "MESSAGE_BODY_EMPTY")
			}
		}
		return out
	}
	strs := func(cs []rocketmq.Code) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.String())
		}
		return out
	}
	for _, r := range rocketmq.RPCs() {
		if !r.HasColumn() {
			continue // TestRPCsWithoutColumn
		}
		want := names(main)
		if r == rocketmq.ThreadStackTrace || r == rocketmq.VerifyMessageResult {
			want = names(telemetry)
		}
		assert.Equal(t, want, strs(r.MatrixRows()), r.String())
		for _, c := range r.MatrixRows() {
			assert.NotEqual(t, rocketmq.NotListed, r.Mark(c), "%s on %s", c, r)
		}
	}
	assert.Empty(t, rocketmq.RPC(0).MatrixRows())
	rows := rocketmq.SendMessage.MatrixRows()
	rows[0] = 0
	assert.Equal(t, rocketmq.OK, rocketmq.SendMessage.MatrixRows()[0], "a fresh copy")
}
