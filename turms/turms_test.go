package turms_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/turms"
)

// seedRow is a row of one of the seed's tables, with the category it is
// filed under: the seed leaves the Category cell blank after a
// category's first row.
type seedRow struct {
	category string
	name     string
	num      int32
}

func seed(t testing.TB) (client, server, closing []seedRow) {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	tables, err := source.Markdown(filepath.Join(dir, "turms-status-code.md"))
	require.NoError(t, err)
	require.Len(t, tables, 3)
	read := func(tab source.Table) []seedRow {
		var rows []seedRow
		category := ""
		for _, row := range tab.Rows {
			require.Len(t, row, 4)
			if row[0] != "" {
				category = row[0]
			}
			n, err := strconv.Atoi(row[2])
			require.NoError(t, err)
			rows = append(rows, seedRow{category, row[1], int32(n)})
		}
		return rows
	}
	client, server, closing = read(tables[0]), read(tables[1]), read(tables[2])
	require.Len(t, client, 11)
	require.Len(t, server, 155)
	require.Len(t, closing, 14)
	return client, server, closing
}

// httpRow is a row of testdata/turms-server-http-status.tsv.
type httpRow struct {
	code   turms.Code
	name   string
	status int
}

func httpRows(t testing.TB) []httpRow {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	tab, err := source.TSV(filepath.Join(dir, "turms-server-http-status.tsv"))
	require.NoError(t, err)
	require.Equal(t, []string{"code", "name", "http_status"}, tab.Header)
	var out []httpRow
	for _, row := range tab.Rows {
		n, err := strconv.Atoi(row[0])
		require.NoError(t, err)
		s, err := strconv.Atoi(row[2])
		require.NoError(t, err)
		out = append(out, httpRow{turms.Code(n), row[1], s})
	}
	require.Len(t, out, 155)
	return out
}

// spellings are the inputs a parser must read as the code named upstream
// with Go name goName and number n of type typeName.
func spellings(upstream, goName, typeName string, n int32) []string {
	num := strconv.Itoa(int(n))
	return []string{
		upstream, strings.ToLower(upstream), goName, strings.ToUpper(goName), strings.ToLower(goName),
		num, " " + upstream + "\n", typeName + "(" + num + ")",
	}
}

func TestEveryServerCode(t *testing.T) {
	_, server, _ := seed(t)
	for _, r := range server {
		c := turms.Code(r.num)
		assert.Equal(t, r.name, c.String())
		assert.True(t, c.Known(), r.name)
		assert.Equal(t, "turms."+source.GoName(r.name), c.GoString())
		for _, in := range spellings(r.name, source.GoName(r.name), "Code", r.num) {
			got, err := turms.ParseCode(in)
			if assert.NoError(t, err, in) {
				assert.Equal(t, c, got, in)
			}
		}
		assert.Equal(t, r.category, c.Category().String(), r.name)
	}
	assert.Equal(t, len(server), len(turms.Codes()))
	for i, c := range turms.Codes() {
		assert.Equal(t, server[i].num, int32(c), "Codes()[%d]", i)
	}
}

func TestEveryClientCode(t *testing.T) {
	client, _, _ := seed(t)
	for _, r := range client {
		c := turms.ClientCode(r.num)
		gn := "Client" + source.GoName(r.name)
		assert.Equal(t, r.name, c.String())
		assert.True(t, c.Known(), r.name)
		assert.Equal(t, "turms."+gn, c.GoString())
		for _, in := range spellings(r.name, gn, "ClientCode", r.num) {
			got, err := turms.ParseClientCode(in)
			if assert.NoError(t, err, in) {
				assert.Equal(t, c, got, in)
			}
		}
		assert.NotEqual(t, codes.Unknown, c.GRPCCode(), r.name)
		assert.NotEqual(t, codes.OK, c.GRPCCode(), r.name)
		assert.Equal(t, r.category, c.Category(), r.name)
	}
	assert.Equal(t, "", turms.ClientCode(99).Category())
	require.Len(t, turms.ClientCodes(), len(client))
	for i, c := range turms.ClientCodes() {
		assert.Equal(t, client[i].num, int32(c), "ClientCodes()[%d]", i)
	}
}

func TestEverySessionCloseStatus(t *testing.T) {
	_, _, closing := seed(t)
	for _, r := range closing {
		s := turms.SessionCloseStatus(r.num)
		gn := "Close" + source.GoName(r.name)
		assert.Equal(t, r.name, s.String())
		assert.True(t, s.Known(), r.name)
		assert.Equal(t, "turms."+gn, s.GoString())
		for _, in := range spellings(r.name, gn, "SessionCloseStatus", r.num) {
			got, err := turms.ParseSessionCloseStatus(in)
			if assert.NoError(t, err, in) {
				assert.Equal(t, s, got, in)
			}
		}
		assert.Equal(t, r.category == "Server behavior", s.IsServerError(), r.name)
		assert.NotEqual(t, codes.OK, s.GRPCCode(), r.name)
		assert.Equal(t, r.category, s.Category(), r.name)
	}
	assert.Equal(t, "", turms.SessionCloseStatus(299).Category())
	require.Len(t, turms.SessionCloseStatuses(), len(closing))
	for i, s := range turms.SessionCloseStatuses() {
		assert.Equal(t, closing[i].num, int32(s), "SessionCloseStatuses()[%d]", i)
	}
	assert.Equal(t, codes.Unknown, turms.CloseUnknownError.GRPCCode())
}

// The examples of numbers and names reused across the sets.
func TestSetsAreSeparate(t *testing.T) {
	c, err := turms.ParseCode("INVALID_REQUEST")
	require.NoError(t, err)
	assert.Equal(t, turms.Code(1100), c)
	assert.Equal(t, turms.InvalidRequest, c)

	cc, err := turms.ParseClientCode("INVALID_REQUEST")
	require.NoError(t, err)
	assert.Equal(t, turms.ClientCode(100), cc)
	assert.Equal(t, turms.ClientInvalidRequest, cc)

	s, err := turms.ParseSessionCloseStatus("ILLEGAL_REQUEST")
	require.NoError(t, err)
	assert.Equal(t, turms.SessionCloseStatus(100), s)
	assert.Equal(t, "INVALID_REQUEST", turms.ClientCode(100).String())
	assert.Equal(t, "ILLEGAL_REQUEST", turms.SessionCloseStatus(100).String())
	assert.Equal(t, "CLIENT_SESSION_ALREADY_ESTABLISHED", turms.ClientCode(300).String())
	assert.Equal(t, "CONNECTION_CLOSED", turms.SessionCloseStatus(300).String())
	assert.Equal(t, "Code(100)", turms.Code(100).String())

	for _, in := range []string{"CONNECT_TIMEOUT", "ClientConnectTimeout", "ILLEGAL_REQUEST", "HEARTBEAT_TIMEOUT", "CloseLoginTimeout", "SWITCH"} {
		_, err := turms.ParseCode(in)
		var pe *turms.ParseError
		assert.ErrorAs(t, err, &pe, in)
	}
	for _, in := range []string{"OK", "SERVER_UNAVAILABLE", "InvalidRequest", "ILLEGAL_REQUEST", "LOGIN_TIMEOUT"} {
		_, err := turms.ParseClientCode(in)
		assert.Error(t, err, in)
	}
	for _, in := range []string{"INVALID_REQUEST", "CONNECT_TIMEOUT", "ServerUnavailable", "UNAUTHORIZED"} {
		_, err := turms.ParseSessionCloseStatus(in)
		assert.Error(t, err, in)
	}
	// Server and close status share LOGIN_TIMEOUT and SERVER_UNAVAILABLE.
	lt, err := turms.ParseCode("LOGIN_TIMEOUT")
	require.NoError(t, err)
	assert.Equal(t, turms.LoginTimeout, lt)
	st, err := turms.ParseSessionCloseStatus("LOGIN_TIMEOUT")
	require.NoError(t, err)
	assert.Equal(t, turms.CloseLoginTimeout, st)

	// The Kotlin client's _FROM_SERVER names are server codes, not
	// client-only ones.
	_, err = turms.ParseClientCode("INVALID_REQUEST_FROM_SERVER")
	assert.Error(t, err)
}

// TestKotlinClientNames reads every server-code alias row of the Kotlin
// client's table and parses it.
func TestKotlinClientNames(t *testing.T) {
	tsv, err := source.TSV(filepath.Join("..", "testdata", "turms-client-kotlin-2024-12-28.tsv"))
	require.NoError(t, err)
	aliases := 0
	for _, row := range tsv.Rows { // code | name | kind
		if row[2] != "server_code_alias" {
			continue
		}
		aliases++
		n, err := strconv.Atoi(row[0])
		require.NoError(t, err)
		for _, s := range []string{row[1], strings.ToLower(row[1])} {
			got, err := turms.ParseCode(s)
			require.NoError(t, err, s)
			assert.Equal(t, turms.Code(n), got, s)
		}
		assert.NotEqual(t, row[1], turms.Code(n).String(), "String keeps the server's own name")
	}
	assert.Equal(t, 3, aliases)
}

func TestHTTPStatusEveryRow(t *testing.T) {
	for _, r := range httpRows(t) {
		assert.Equal(t, r.name, r.code.String())
		assert.Equal(t, r.status, r.code.HTTPStatus(), r.name)
	}
	assert.Equal(t, 503, turms.ServerUnavailable.HTTPStatus())
	assert.Equal(t, 403, turms.Code(3499).HTTPStatus(), "unknown: as the code opening its hundred")
	assert.Equal(t, 0, turms.Code(1999).HTTPStatus())
	assert.Equal(t, 0, turms.Code(-1).HTTPStatus())
}

// judgedGRPC reads a judgement file of testdata/ whose columns are a
// name, the spec name of a gRPC code, then others (a reason last), and
// returns the code of each name.
func judgedGRPC(t testing.TB, file string, header ...string) map[string]codes.Code {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	tab, err := source.TSV(filepath.Join(dir, file))
	require.NoError(t, err)
	require.Equal(t, header, tab.Header)
	out := map[string]codes.Code{}
	for _, row := range tab.Rows {
		n, ok := code.Code_value[row[1]]
		require.True(t, ok, "%s: %s: %q is a canonical code", file, row[0], row[1])
		require.NotEmpty(t, row[len(row)-1], "%s: %s has a reason", file, row[0])
		require.NotContains(t, out, row[0], "%s: %s listed once", file, row[0])
		out[row[0]] = codes.Code(n)
	}
	return out
}

// grpcOverrides are the server codes whose gRPC code is not the one
// grpccodes.FromHTTPStatus gives their HTTP status: the documented
// exceptions of testdata/turms-grpc-overrides.tsv, read independently of
// the generator.
func grpcOverrides(t testing.TB) map[string]codes.Code {
	return judgedGRPC(t, "turms-grpc-overrides.tsv", "name", "grpc", "group", "reason")
}

func TestGRPCCodeFollowsHTTPStatus(t *testing.T) {
	overrides := grpcOverrides(t)
	seen := 0
	for _, r := range httpRows(t) {
		want := grpccodes.FromHTTPStatus(r.status)
		if o, ok := overrides[r.name]; ok {
			seen++
			assert.NotEqual(t, want, o, "%s: an override must change something", r.name)
			want = o
		}
		assert.Equal(t, want, r.code.GRPCCode(), r.name)
	}
	// The rows name codes, and a row may name a code of another revision
	// only: every row of a name this revision has is seen.
	mine := 0
	for name := range overrides {
		if c, err := turms.ParseCode(name); err == nil && c.String() == name {
			mine++
		}
	}
	assert.Equal(t, mine, seen)
	assert.Equal(t, codes.Unavailable, turms.ServerUnavailable.GRPCCode())
	assert.Equal(t, codes.Aborted, turms.SessionSimultaneousConflictsDecline.GRPCCode())
	assert.Equal(t, codes.ResourceExhausted, turms.ClientRequestsTooFrequent.GRPCCode())
	assert.Equal(t, codes.Internal, turms.Code(1299).GRPCCode())
	assert.Equal(t, codes.Unknown, turms.Code(1999).GRPCCode())
	assert.Equal(t, codes.DeadlineExceeded, turms.ClientConnectTimeout.GRPCCode())
	assert.Equal(t, codes.ResourceExhausted, turms.ClientClientRequestsTooFrequent.GRPCCode())
	assert.Equal(t, codes.Unknown, turms.ClientCode(7).GRPCCode())
	assert.Equal(t, codes.Unknown, turms.SessionCloseStatus(999).GRPCCode())
}

// Client-only codes and close statuses have no HTTP status: each has the
// gRPC code of testdata/turms-client-grpc.tsv or
// testdata/turms-session-grpc.tsv.
func TestLocalGRPCCodes(t *testing.T) {
	client, _, closing := seed(t)
	// The rows name codes: those of this revision's names are its own.
	want := judgedGRPC(t, "turms-client-grpc.tsv", "name", "grpc", "reason")
	mine := 0
	for name := range want {
		if c, err := turms.ParseClientCode(name); err == nil && c.String() == name {
			mine++
		}
	}
	require.Equal(t, len(client), mine)
	for _, r := range client {
		c := turms.ClientCode(r.num)
		assert.Equal(t, r.name, c.String())
		g, ok := want[r.name]
		if assert.True(t, ok, "client code %s has a gRPC code", r.name) {
			assert.Equal(t, g, c.GRPCCode(), r.name)
		}
	}
	want = judgedGRPC(t, "turms-session-grpc.tsv", "name", "grpc", "reason")
	mine = 0
	for name := range want {
		if s, err := turms.ParseSessionCloseStatus(name); err == nil && s.String() == name {
			mine++
		}
	}
	require.Equal(t, len(closing), mine)
	for _, r := range closing {
		s := turms.SessionCloseStatus(r.num)
		assert.Equal(t, r.name, s.String())
		g, ok := want[r.name]
		if assert.True(t, ok, "close status %s has a gRPC code", r.name) {
			assert.Equal(t, g, s.GRPCCode(), r.name)
		}
	}
}

func TestCategory(t *testing.T) {
	_, server, _ := seed(t)
	// Each category opens at its first row; an unknown code is filed
	// under the category opening its hundred, if any.
	opener := map[int32]string{}
	for i, r := range server {
		if i == 0 || server[i-1].category != r.category || r.name == "NOT_FRIEND_TO_QUERY_MESSAGE_ATTACHMENT_INFO_IN_PRIVATE_CONVERSATION" {
			opener[r.num] = r.category
		}
	}
	require.Len(t, opener, 32, "32 category rows, one text twice")
	for h := int32(1000); h < 6200; h += 100 {
		for _, n := range []int32{h + 50, h + 99} {
			c := turms.Code(n)
			if c.Known() {
				continue
			}
			assert.Equal(t, opener[h], c.Category().String(), "%d", n)
		}
	}
	assert.Equal(t, turms.Category{Area: turms.AreaGroup, Topic: turms.TopicMember, Kind: turms.ClientError}, turms.Code(3499).Category())
	assert.Equal(t, "Group - Member Related Error", turms.Code(3499).Category().String())
	assert.Equal(t, turms.Category{Area: turms.AreaAdmin, Topic: turms.TopicCommon, Kind: turms.ClientError}, turms.Code(1311).Category(), "1310 opens no hundred")
	assert.Equal(t, turms.Category{Area: turms.AreaAdmin, Topic: turms.TopicJFR, Kind: turms.ClientError}, turms.DumpJFRInIllegalStatus.Category())
	assert.Equal(t, turms.Category{}, turms.Code(1900).Category())
	assert.Equal(t, turms.Category{}, turms.Code(7000).Category())
	assert.Equal(t, turms.Category{}, turms.Code(-3400).Category())
	assert.Equal(t, "", turms.Category{}.String())
	assert.Equal(t, turms.Category{Kind: turms.Success}, turms.Code(1099).Category())
	assert.Equal(t, turms.Category{Kind: turms.ServerError}, turms.ServerUnavailable.Category())
	assert.Equal(t, turms.Category{Area: turms.AreaStorage, Kind: turms.ClientError}, turms.StorageNotImplemented.Category())
	// Storage - Message Attachment opens twice: one category.
	assert.Equal(t, turms.Code(6100).Category(), turms.Code(6131).Category())
	assert.Equal(t, turms.Category{Area: turms.AreaAdmin, Topic: turms.TopicClusterLeader, Kind: turms.ClientError}, turms.NoQualifiedMemberToBeLeader.Category())
	assert.Equal(t, "Admin - Cluster - Leader Related Error", turms.NoQualifiedMemberToBeLeader.Category().String())
	assert.Equal(t, "Group - Foo (ClientError)", turms.Category{Area: turms.AreaGroup, Topic: "Foo", Kind: turms.ClientError}.String())
	assert.Equal(t, "ServerError", turms.ServerError.String())
	assert.Equal(t, "", turms.Kind(0).String())
}

func TestPredicates(t *testing.T) {
	for n := turms.Code(900); n < 7000; n++ {
		assert.Equal(t, n >= 1000 && n <= 1099, n.IsSuccess(), "%d", n)
		assert.Equal(t, n >= 1200 && n <= 1299, n.IsServerError(), "%d", n)
		assert.Equal(t, n == 1100 || n == 1102, n.IsClientIllegalRequest(), "%d", n)
		if c := n.Category(); c != (turms.Category{}) {
			assert.Equal(t, n.IsSuccess(), c.Kind == turms.Success, "%d", n)
			assert.Equal(t, n.IsServerError(), c.Kind == turms.ServerError, "%d", n)
		}
	}
	for n := turms.SessionCloseStatus(0); n < 1000; n++ {
		assert.Equal(t, n >= 200 && n <= 299, n.IsServerError(), "%d", n)
	}
}

func TestUnknownValuesKeepTheirNumber(t *testing.T) {
	for _, c := range []turms.Code{0, 1, 1003, 1299, 3499, 99999, -5, 1<<31 - 1} {
		assert.False(t, c.Known())
		assert.Equal(t, "Code("+strconv.Itoa(int(c))+")", c.String())
		assert.Equal(t, "turms.Code("+strconv.Itoa(int(c))+")", c.GoString())
		back, err := turms.ParseCode(c.String())
		require.NoError(t, err)
		assert.Equal(t, c, back)
		b, err := json.Marshal(map[string]turms.Code{"c": c})
		require.NoError(t, err)
		var m map[string]turms.Code
		require.NoError(t, json.Unmarshal(b, &m))
		assert.Equal(t, c, m["c"])
	}
	assert.Equal(t, "turms.ServerUnavailable", turms.ServerUnavailable.GoString())
	assert.Equal(t, "turms.Code(1299)", fmt.Sprintf("%#v", turms.Code(1299)))
	assert.Equal(t, "ClientCode(7)", turms.ClientCode(7).String())
	assert.Equal(t, "turms.ClientCode(7)", turms.ClientCode(7).GoString())
	assert.Equal(t, "SessionCloseStatus(999)", turms.SessionCloseStatus(999).String())
	assert.Equal(t, "turms.SessionCloseStatus(999)", turms.SessionCloseStatus(999).GoString())
	s, err := turms.ParseSessionCloseStatus("SessionCloseStatus(999)")
	require.NoError(t, err)
	assert.Equal(t, turms.SessionCloseStatus(999), s)
	cc, err := turms.ParseClientCode("ClientCode(7)")
	require.NoError(t, err)
	assert.Equal(t, turms.ClientCode(7), cc)
	_, err = turms.ParseCode("ClientCode(7)")
	assert.Error(t, err)
	_, err = turms.ParseCode("99999999999")
	var pe *turms.ParseError
	require.ErrorAs(t, err, &pe)
	assert.True(t, pe.Range)
	assert.Equal(t, "turms", pe.System)
}

func TestTextAndJSON(t *testing.T) {
	type msg struct {
		Code   turms.Code               `json:"code"`
		Client turms.ClientCode         `json:"client"`
		Close  turms.SessionCloseStatus `json:"close"`
	}
	b, err := json.Marshal(msg{turms.ServerUnavailable, turms.ClientConnectTimeout, turms.CloseHeartbeatTimeout})
	require.NoError(t, err)
	assert.JSONEq(t, `{"code":"SERVER_UNAVAILABLE","client":"CONNECT_TIMEOUT","close":"HEARTBEAT_TIMEOUT"}`, string(b))
	for _, in := range []string{
		`{"code":"SERVER_UNAVAILABLE","client":"CONNECT_TIMEOUT","close":"HEARTBEAT_TIMEOUT"}`,
		`{"code":"ServerUnavailable","client":"ClientConnectTimeout","close":"CloseHeartbeatTimeout"}`,
		`{"code":1201,"client":1,"close":110}`,
		`{"code":"1201","client":"1","close":"110"}`,
	} {
		var m msg
		require.NoError(t, json.Unmarshal([]byte(in), &m), in)
		assert.Equal(t, msg{turms.ServerUnavailable, turms.ClientConnectTimeout, turms.CloseHeartbeatTimeout}, m, in)
	}
	for _, in := range []string{`{"code":"NOPE"}`, `{"code":""}`, `{"code":"CONNECT_TIMEOUT"}`, `{"client":"SERVER_UNAVAILABLE"}`, `{"close":"OK"}`, `{"code":true}`} {
		var m msg
		assert.Error(t, json.Unmarshal([]byte(in), &m), in)
	}
	text, err := turms.Code(1299).MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "Code(1299)", string(text))
	buf, err := turms.OK.AppendText([]byte("x="))
	require.NoError(t, err)
	assert.Equal(t, "x=OK", string(buf))
	var s turms.SessionCloseStatus
	require.NoError(t, s.UnmarshalText([]byte("user_is_blocked")))
	assert.Equal(t, turms.CloseUserIsBlocked, s)
	assert.Error(t, s.UnmarshalText([]byte("nope")))
	assert.Equal(t, turms.CloseUserIsBlocked, s, "unchanged on error")
}

var (
	_ fmt.Stringer             = turms.Code(0)
	_ fmt.GoStringer           = turms.Code(0)
	_ encoding.TextMarshaler   = turms.Code(0)
	_ encoding.TextAppender    = turms.Code(0)
	_ encoding.TextUnmarshaler = (*turms.Code)(nil)
	_ json.Unmarshaler         = (*turms.Code)(nil)
	_ slog.LogValuer           = turms.Code(0)
	_ fmt.Stringer             = turms.ClientCode(0)
	_ fmt.GoStringer           = turms.ClientCode(0)
	_ encoding.TextMarshaler   = turms.ClientCode(0)
	_ encoding.TextAppender    = turms.ClientCode(0)
	_ encoding.TextUnmarshaler = (*turms.ClientCode)(nil)
	_ json.Unmarshaler         = (*turms.ClientCode)(nil)
	_ slog.LogValuer           = turms.ClientCode(0)
	_ fmt.Stringer             = turms.SessionCloseStatus(0)
	_ fmt.GoStringer           = turms.SessionCloseStatus(0)
	_ encoding.TextMarshaler   = turms.SessionCloseStatus(0)
	_ encoding.TextAppender    = turms.SessionCloseStatus(0)
	_ encoding.TextUnmarshaler = (*turms.SessionCloseStatus)(nil)
	_ json.Unmarshaler         = (*turms.SessionCloseStatus)(nil)
	_ slog.LogValuer           = turms.SessionCloseStatus(0)
	_ fmt.Stringer             = turms.Category{}
)

func TestSlog(t *testing.T) {
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x",
		"code", turms.Code(3499), "client", turms.ClientConnectTimeout, "close", turms.CloseUserIsBlocked,
		"err", turms.Errorf(turms.ServerUnavailable, "busy"))
	assert.Contains(t, buf.String(), `"code":{"name":"Code(3499)","number":3499,"category":"Group - Member Related Error"}`)
	assert.Contains(t, buf.String(), `"client":{"name":"CONNECT_TIMEOUT","number":1,"category":"Connection related"}`)
	assert.Contains(t, buf.String(), `"close":{"name":"USER_IS_BLOCKED","number":701,"category":"User status change"}`)
	assert.Contains(t, buf.String(), `"err":{"system":"turms","code":"SERVER_UNAVAILABLE","number":1201,"message":"busy"}`)
}

func TestErrors(t *testing.T) {
	assert.Equal(t, "turms.im", turms.Domain)
	err := turms.Errorf(turms.ServerUnavailable, "node %d is draining", 3)
	assert.Equal(t, "turms SERVER_UNAVAILABLE: node 3 is draining", err.Error())
	var e *turms.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, turms.ServerUnavailable, e.Code())
	assert.Equal(t, 503, e.HTTPStatus())
	st := e.GRPCStatus()
	assert.Equal(t, codes.Unavailable, st.Code())
	require.Len(t, st.Details(), 1)
	info := st.Details()[0].(*errdetails.ErrorInfo)
	assert.Equal(t, "SERVER_UNAVAILABLE", info.GetReason())
	assert.Equal(t, "turms.im", info.GetDomain())
	assert.Equal(t, map[string]string{"code": "1201", "revision": "2023-12-25"}, info.GetMetadata(), "the number, and the revision it belongs to")

	wrapped := fmt.Errorf("send: %w", err)
	assert.Equal(t, turms.ServerUnavailable, turms.CodeOf(wrapped))
	assert.True(t, errors.Is(wrapped, turms.Errorf(turms.ServerUnavailable, "")))
	assert.Equal(t, turms.OK, turms.CodeOf(nil))
	assert.Equal(t, turms.ServerInternalError, turms.CodeOf(errors.New("boom")))

	// Across gRPC: every listed code and unknown numbers come back exact.
	var all []turms.Code
	for _, r := range httpRows(t) {
		all = append(all, r.code)
	}
	all = append(all, 0, 1299, 3499, 99999, -7)
	for _, c := range all {
		st := status.Convert(turms.Errorf(c, "x"))
		got, ok := turms.FromStatus(st)
		assert.True(t, ok, "%d", c)
		assert.Equal(t, c, got)
		assert.Equal(t, c, turms.CodeOf(st.Err()))
		if c.GRPCCode() != codes.OK {
			assert.Equal(t, c.GRPCCode(), st.Code(), "%d", c)
		} else {
			assert.Equal(t, codes.Unknown, st.Code(), "%d: a success code travels as UNKNOWN", c)
		}
	}
	got, ok := turms.FromStatus(status.New(codes.Internal, "no details"))
	assert.False(t, ok)
	assert.Equal(t, turms.ServerInternalError, got)
	got, ok = turms.FromStatus(nil)
	assert.True(t, ok)
	assert.Equal(t, turms.OK, got)
}

func TestSourceRevision(t *testing.T) {
	assert.Contains(t, turms.SourceRevision, "2023-12-25")
	assert.Contains(t, turms.SourceRevision, "turms-im/turms")
}

func TestLookupsDoNotAllocate(t *testing.T) {
	var (
		s   string
		c   turms.Code
		n   int
		g   codes.Code
		cat turms.Category
		ok  bool
	)
	for what, f := range map[string]func(){
		"String":          func() { s = turms.ServerUnavailable.String() },
		"ParseCode":       func() { c, _ = turms.ParseCode("SERVER_UNAVAILABLE") },
		"ParseCode lower": func() { c, _ = turms.ParseCode("serverunavailable") },
		"ParseClientCode": func() { _, _ = turms.ParseClientCode("INVALID_REQUEST") },
		"ParseSession":    func() { _, _ = turms.ParseSessionCloseStatus("HEARTBEAT_TIMEOUT") },
		"HTTPStatus":      func() { n = turms.Code(3417).HTTPStatus() },
		"GRPCCode":        func() { g = turms.Code(3417).GRPCCode() },
		"Category":        func() { cat = turms.Code(3499).Category() },
		"Category String": func() { s = turms.Code(6131).Category().String() },
		"Decide": func() {
			ok = turms.ServerUnavailable.Decide().Retryable() && turms.CloseSwitch.Decide().Retryable() && turms.ClientCode(1).Decide().Retryable()
		},
	} {
		assert.Zero(t, testing.AllocsPerRun(100, f), what)
	}
	_, _, _, _, _, _ = s, c, n, g, cat, ok
}
