package turms20240714_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/internal/retrytable"
	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/retry"
	"github.com/statusreg/statusreg/turms"
	"github.com/statusreg/statusreg/turms/turms20240714"
)

// The tests read testdata/ with readers of their own, independently of
// the generator, and check every row through the public API.

func testdata(t testing.TB) string {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	return dir
}

// serverRow is a row of testdata/turms-server-2024-07-14.tsv.
type serverRow struct {
	num      int32
	name     string
	http     int
	group    string // source_group: the enum's comment heading
	category string // the category's text
}

// generalCategories are the documentation's names of the three general
// groups: turms-status-code.md files the same codes under them.
var generalCategories = map[string]string{
	"Successful responses": "Successful Response",
	"Client":               "Client Request Error",
	"Server":               "Server Error",
}

func serverRows(t testing.TB) []serverRow {
	t.Helper()
	tab, err := source.TSV(filepath.Join(testdata(t), "turms-server-2024-07-14.tsv"))
	require.NoError(t, err)
	require.Equal(t, []string{"code", "name", "http_status", "source_group"}, tab.Header)
	var rows []serverRow
	for _, r := range tab.Rows {
		n, err := strconv.Atoi(r[0])
		require.NoError(t, err)
		h, err := strconv.Atoi(r[2])
		require.NoError(t, err)
		category, ok := generalCategories[r[3]]
		if !ok {
			category = r[3] + " Related Error"
		}
		rows = append(rows, serverRow{int32(n), r[1], h, r[3], category})
	}
	require.Len(t, rows, 192)
	return rows
}

// kotlinRow is a row of testdata/turms-client-kotlin-2024-12-28.tsv.
type kotlinRow struct {
	num        int32
	name, kind string
}

func kotlinRows(t testing.TB) []kotlinRow {
	t.Helper()
	tab, err := source.TSV(filepath.Join(testdata(t), "turms-client-kotlin-2024-12-28.tsv"))
	require.NoError(t, err)
	require.Equal(t, []string{"code", "name", "kind"}, tab.Header)
	var rows []kotlinRow
	for _, r := range tab.Rows {
		n, err := strconv.Atoi(r[0])
		require.NoError(t, err)
		rows = append(rows, kotlinRow{int32(n), r[1], r[2]})
	}
	return rows
}

// docRow is a row of a table of testdata/turms-status-code.md, with the
// category it is filed under.
type docRow struct {
	category, name string
	num            int32
}

// docTables reads the documentation of 2023-12-25: its client-only codes
// and its close statuses, which this revision takes the categories and
// the close statuses from.
func docTables(t testing.TB) (client, closing []docRow) {
	t.Helper()
	tables, err := source.Markdown(filepath.Join(testdata(t), "turms-status-code.md"))
	require.NoError(t, err)
	require.Len(t, tables, 3)
	read := func(tab source.Table) []docRow {
		var rows []docRow
		category := ""
		for _, row := range tab.Rows {
			if row[0] != "" {
				category = row[0]
			}
			n, err := strconv.Atoi(row[2])
			require.NoError(t, err)
			rows = append(rows, docRow{category, row[1], int32(n)})
		}
		return rows
	}
	return read(tables[0]), read(tables[2])
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

// judged reads a judgement table whose first columns are a name and the
// spec name of a gRPC code.
func judged(t testing.TB, file string, header ...string) map[string]codes.Code {
	t.Helper()
	tab, err := source.TSV(filepath.Join(testdata(t), file))
	require.NoError(t, err)
	require.Equal(t, header, tab.Header)
	out := map[string]codes.Code{}
	for _, row := range tab.Rows {
		n, ok := code.Code_value[row[1]]
		require.True(t, ok, "%s: %s: %q is a canonical code", file, row[0], row[1])
		out[row[0]] = codes.Code(n)
	}
	return out
}

// TestEveryServerCode checks every row of turms-server-2024-07-14.tsv:
// its number, name, HTTP status and category, the parser's spellings of
// it, and its gRPC code, which its HTTP status gives unless a row of
// turms-grpc-overrides.tsv names it.
func TestEveryServerCode(t *testing.T) {
	rows := serverRows(t)
	overrides := judged(t, "turms-grpc-overrides.tsv", "name", "grpc", "group", "reason")
	seen := 0
	for _, r := range rows {
		c := turms20240714.Code(r.num)
		assert.Equal(t, r.name, c.String())
		assert.True(t, c.Known(), r.name)
		assert.Equal(t, "turms20240714."+source.GoName(r.name), c.GoString())
		for _, in := range spellings(r.name, source.GoName(r.name), "Code", r.num) {
			got, err := turms20240714.ParseCode(in)
			if assert.NoError(t, err, in) {
				assert.Equal(t, c, got, in)
			}
		}
		assert.Equal(t, r.http, c.HTTPStatus(), r.name)
		assert.Equal(t, r.category, c.Category().String(), r.name)
		want := grpccodes.FromHTTPStatus(r.http)
		if o, ok := overrides[r.name]; ok {
			seen++
			assert.NotEqual(t, want, o, "%s: an override changes something", r.name)
			want = o
		}
		assert.Equal(t, want, c.GRPCCode(), r.name)
		assert.Equal(t, r.category == "Successful Response", c.IsSuccess(), r.name)
		assert.Equal(t, r.category == "Server Error", c.IsServerError(), r.name)
	}
	assert.NotZero(t, seen)
	require.Len(t, turms20240714.Codes(), len(rows))
	for i, c := range turms20240714.Codes() {
		assert.Equal(t, rows[i].num, int32(c), "Codes()[%d]", i)
	}
}

// TestCategories: a category opens at its first row, runs while the
// enum's heading stays the same, and an unknown code takes the category
// that opens its hundred.
func TestCategories(t *testing.T) {
	rows := serverRows(t)
	opener := map[int32]string{} // the categories that open a hundred
	for i, r := range rows {
		if (i == 0 || rows[i-1].group != r.group) && r.num%100 == 0 {
			opener[r.num] = r.category
		}
	}
	for h := int32(1000); h < 9000; h += 100 {
		for _, n := range []int32{h + 50, h + 99} {
			c := turms20240714.Code(n)
			if c.Known() {
				continue
			}
			assert.Equal(t, opener[h], c.Category().String(), "%d", n)
			if opener[h] == "" {
				assert.Zero(t, c.HTTPStatus(), "%d", n)
			} else {
				assert.Equal(t, turms20240714.Code(h).HTTPStatus(), c.HTTPStatus(), "%d", n)
			}
		}
	}
	assert.Equal(t, turms20240714.Category{Area: turms20240714.AreaGroup, Topic: turms20240714.TopicMember, Kind: turms20240714.ClientError},
		turms20240714.Code(3499).Category())
	assert.Equal(t, turms20240714.Category{Kind: turms20240714.Success}, turms20240714.Code(1099).Category())
	assert.Equal(t, turms20240714.Category{Kind: turms20240714.ServerError}, turms20240714.ServerUnavailable.Category())
	assert.Equal(t, turms20240714.Category{Area: turms20240714.AreaConference, Topic: turms20240714.TopicMeeting, Kind: turms20240714.ClientError},
		turms20240714.CancelNonexistentMeeting.Category())
	assert.Equal(t, "Conference - Meeting Related Error", turms20240714.CancelNonexistentMeeting.Category().String())
	assert.Equal(t, turms20240714.Category{Area: turms20240714.AreaSearch, Kind: turms20240714.ClientError}, turms20240714.SearchingGroupIsDisabled.Category(),
		"7200 is in the Search category, which opens at 7100")
	assert.Equal(t, turms20240714.Category{}, turms20240714.Code(7299).Category(), "7200 opens no category")
	assert.Equal(t, "Admin - Debug Related Error", turms20240714.Code(1599).Category().String())
	assert.Equal(t, turms20240714.Category{}, turms20240714.Code(9000).Category())
	assert.Equal(t, "", turms20240714.Category{}.String())
	assert.Equal(t, "Search - Foo (ClientError)", turms20240714.Category{Area: turms20240714.AreaSearch, Topic: "Foo", Kind: turms20240714.ClientError}.String())
	assert.Equal(t, "ClientError", turms20240714.ClientError.String())
}

// TestEveryClientCode checks every client-only row of the Kotlin client's
// table: its number and name, its gRPC code from turms-client-grpc.tsv,
// and the category the documentation gives the same name; and its
// server-code aliases.
func TestEveryClientCode(t *testing.T) {
	docClient, _ := docTables(t)
	category := map[string]string{}
	for _, r := range docClient {
		category[r.name] = r.category
	}
	grpc := judged(t, "turms-client-grpc.tsv", "name", "grpc", "reason")
	var listed []int32
	aliases := 0
	for _, r := range kotlinRows(t) {
		switch r.kind {
		case "client_only":
			listed = append(listed, r.num)
			c := turms20240714.ClientCode(r.num)
			gn := "Client" + source.GoName(r.name)
			assert.Equal(t, r.name, c.String())
			assert.True(t, c.Known(), r.name)
			assert.Equal(t, "turms20240714."+gn, c.GoString())
			for _, in := range spellings(r.name, gn, "ClientCode", r.num) {
				got, err := turms20240714.ParseClientCode(in)
				if assert.NoError(t, err, in) {
					assert.Equal(t, c, got, in)
				}
			}
			g, ok := grpc[r.name]
			if assert.True(t, ok, "%s has a gRPC code", r.name) {
				assert.Equal(t, g, c.GRPCCode(), r.name)
			}
			assert.Equal(t, category[r.name], c.Category(), r.name)
		case "server_code_alias":
			aliases++
			for _, s := range []string{r.name, strings.ToLower(r.name)} {
				got, err := turms20240714.ParseCode(s)
				if assert.NoError(t, err, s) {
					assert.Equal(t, turms20240714.Code(r.num), got, s)
				}
			}
			assert.NotEqual(t, r.name, turms20240714.Code(r.num).String(), "String keeps the server's own name")
			_, err := turms20240714.ParseClientCode(r.name)
			assert.Error(t, err, "%s is a server code", r.name)
		default:
			t.Errorf("%s: kind %q", r.name, r.kind)
		}
	}
	assert.Equal(t, 3, aliases)
	require.Len(t, turms20240714.ClientCodes(), len(listed))
	for i, c := range turms20240714.ClientCodes() {
		assert.Equal(t, listed[i], int32(c), "ClientCodes()[%d]", i)
	}
	// The Kotlin client adds 10, 90 and 91, and lacks the documentation's
	// 400 and 500.
	for _, n := range []turms20240714.ClientCode{10, 90, 91} {
		assert.True(t, n.Known(), "%d", n)
		assert.Empty(t, n.Category(), "%v: the documentation does not list it", n)
	}
	for _, n := range []turms20240714.ClientCode{400, 500} {
		assert.False(t, n.Known(), "%d", n)
		assert.True(t, turms.ClientCode(n).Known(), "%d is the older revision's", n)
	}
}

// TestEverySessionCloseStatus: the 14 close statuses of the
// documentation, with their categories and gRPC codes.
func TestEverySessionCloseStatus(t *testing.T) {
	_, closing := docTables(t)
	require.Len(t, closing, 14)
	grpc := judged(t, "turms-session-grpc.tsv", "name", "grpc", "reason")
	for _, r := range closing {
		s := turms20240714.SessionCloseStatus(r.num)
		gn := "Close" + source.GoName(r.name)
		assert.Equal(t, r.name, s.String())
		assert.Equal(t, "turms20240714."+gn, s.GoString())
		for _, in := range spellings(r.name, gn, "SessionCloseStatus", r.num) {
			got, err := turms20240714.ParseSessionCloseStatus(in)
			if assert.NoError(t, err, in) {
				assert.Equal(t, s, got, in)
			}
		}
		assert.Equal(t, r.category, s.Category(), r.name)
		assert.Equal(t, grpc[r.name], s.GRPCCode(), r.name)
		assert.Equal(t, r.category == "Server behavior", s.IsServerError(), r.name)
	}
	require.Len(t, turms20240714.SessionCloseStatuses(), len(closing))
}

// numberOf returns the number of the listed code whose upstream name is
// name: the resolver of a table keyed by name.
func numberOf[C interface {
	~int32
	String() string
}](cs []C) func(string) (int64, bool) {
	return func(name string) (int64, bool) {
		for _, c := range cs {
			if c.String() == name {
				return int64(c), true
			}
		}
		return 0, false
	}
}

func int64s[C ~int32](cs []C) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = int64(c)
	}
	return out
}

// Decide gives what the retry tables say of each code of this revision's
// names: the rows a code that kept its name shares with the older
// revision.
func TestDecideFollowsTheTables(t *testing.T) {
	retrytable.Check(t, retrytable.Resolve(retrytable.Read(t, "retry-turms.tsv"), numberOf(turms20240714.Codes())),
		int64s(turms20240714.Codes()), []int64{0, 1299, 3499, 9999, -1},
		func(n int64) string { return turms20240714.Code(n).String() },
		func(n int64, _ bool) retry.Decision { return turms20240714.Code(n).Decide() })
	retrytable.Check(t, retrytable.Resolve(retrytable.Read(t, "retry-turms-client.tsv"), numberOf(turms20240714.ClientCodes())),
		int64s(turms20240714.ClientCodes()), []int64{0, 2, 400, 1000, -1},
		func(n int64) string { return turms20240714.ClientCode(n).String() },
		func(n int64, _ bool) retry.Decision { return turms20240714.ClientCode(n).Decide() })
	retrytable.Check(t, retrytable.Resolve(retrytable.Read(t, "retry-turms-close.tsv"), numberOf(turms20240714.SessionCloseStatuses())),
		int64s(turms20240714.SessionCloseStatuses()), []int64{0, 250, 299, 799, -1},
		func(n int64) string { return turms20240714.SessionCloseStatus(n).String() },
		func(n int64, _ bool) retry.Decision { return turms20240714.SessionCloseStatus(n).Decide() })

	// A code that kept its name keeps its decision in both revisions.
	for _, c := range turms20240714.Codes() {
		if old, err := turms.ParseCode(c.String()); err == nil && old.String() == c.String() {
			assert.Equal(t, old.Decide(), c.Decide(), "%v", c)
		}
	}
	assert.Equal(t, retry.Backoff, turms20240714.ClientRequestsTooFrequent.Decide().Outcome)
	assert.Equal(t, retry.Retry, turms20240714.ClientHTTPError.Decide().Outcome)
	assert.Equal(t, retry.Fail, turms20240714.CreateMeetingExceedingMaxActiveMeetingCount.Decide().Outcome, "a quota")
}

func TestPredicates(t *testing.T) {
	for n := turms20240714.Code(900); n < 9000; n++ {
		assert.Equal(t, n >= 1000 && n <= 1099, n.IsSuccess(), "%d", n)
		assert.Equal(t, n >= 1200 && n <= 1299, n.IsServerError(), "%d", n)
		assert.Equal(t, n == 1100 || n == 1102, n.IsClientIllegalRequest(), "%d", n)
	}
	for n := turms20240714.SessionCloseStatus(0); n < 1000; n++ {
		assert.Equal(t, n >= 200 && n <= 299, n.IsServerError(), "%d", n)
	}
	assert.Equal(t, turms20240714.Code(0), turms20240714.CodeUnspecified)
	assert.False(t, turms20240714.CodeUnspecified.Known())
}

func TestErrors(t *testing.T) {
	assert.Equal(t, "turms.im", turms20240714.Domain)
	err := turms20240714.Errorf(turms20240714.CreateExistingFriendRequest, "user %d", 7)
	assert.Equal(t, "turms CREATE_EXISTING_FRIEND_REQUEST: user 7", err.Error())
	var e *turms20240714.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, turms20240714.CreateExistingFriendRequest, e.Code())
	info := e.ErrorInfo()
	assert.Equal(t, "CREATE_EXISTING_FRIEND_REQUEST", info.GetReason())
	assert.Equal(t, map[string]string{"code": "2600", "revision": "2024-07-14"}, info.GetMetadata())
	st := e.GRPCStatus()
	assert.Equal(t, codes.AlreadyExists, st.Code())

	wrapped := fmt.Errorf("add friend: %w", err)
	assert.Equal(t, turms20240714.CreateExistingFriendRequest, turms20240714.CodeOf(wrapped))
	assert.True(t, errors.Is(wrapped, turms20240714.Errorf(turms20240714.CreateExistingFriendRequest, "")))
	assert.Equal(t, turms20240714.OK, turms20240714.CodeOf(nil))
	assert.Equal(t, turms20240714.ServerInternalError, turms20240714.CodeOf(errors.New("boom")))

	// Every code, and unknown numbers, round-trip through a status.
	for _, c := range append(turms20240714.Codes(), 0, 1299, 3499, 99999, -7) {
		st := status.Convert(turms20240714.Errorf(c, "x"))
		got, ok := turms20240714.FromStatus(st)
		assert.True(t, ok, "%d", c)
		assert.Equal(t, c, got)
	}
	got, ok := turms20240714.FromStatus(status.New(codes.Internal, "no details"))
	assert.False(t, ok)
	assert.Equal(t, turms20240714.ServerInternalError, got)
}

// An error of the other revision is read by its name, never its number,
// in process as over the wire (wire_test.go).
func TestOtherRevisionByName(t *testing.T) {
	// Renumbered: 2601 in 2023-12-25, 2600 here.
	old := turms.Errorf(turms.CreateExistingFriendRequest, "again")
	assert.Equal(t, turms.Code(2601), turms.CreateExistingFriendRequest)
	assert.Equal(t, turms20240714.CreateExistingFriendRequest, turms20240714.CodeOf(old))
	assert.Equal(t, turms.CreateExistingFriendRequest, turms.CodeOf(turms20240714.Errorf(turms20240714.CreateExistingFriendRequest, "")))
	// The number 3408 names another code here: the name decides.
	assert.Equal(t, turms20240714.NotGroupOwnerToUpdateGroupMemberRole,
		turms20240714.CodeOf(turms.Errorf(turms.NotGroupOwnerToUpdateGroupMemberRole, "")))
	assert.Equal(t, turms20240714.Code(3410), turms20240714.NotGroupOwnerToUpdateGroupMemberRole)
	// Removed, and new: the zero code, which names no code.
	assert.Equal(t, turms20240714.CodeUnspecified, turms20240714.CodeOf(turms.Errorf(turms.GroupInviteeAlreadyGroupMember, "")))
	assert.Equal(t, turms.CodeUnspecified, turms.CodeOf(turms20240714.Errorf(turms20240714.SendGroupInvitationToGroupMember, "")))
	// An unknown number of the other revision is no code here either.
	assert.Equal(t, turms20240714.CodeUnspecified, turms20240714.CodeOf(turms.Errorf(3499, "")))

	// Every code of the older revision: the code of its name, or none;
	// names too long for a reason (NOT_UPLOADER_OR_GROUP_MANAGER_TO_...)
	// and too short (OK) travel in the ErrorInfo's metadata "name".
	for _, c := range turms.Codes() {
		want := turms20240714.CodeUnspecified
		for _, n := range turms20240714.Codes() {
			if n.String() == c.String() {
				want = n
			}
		}
		got, ok := turms20240714.FromStatus(status.Convert(turms.Errorf(c, "")))
		assert.True(t, ok, "%v", c)
		assert.Equal(t, want, got, "%v", c)
	}
}

func TestTextAndJSON(t *testing.T) {
	type msg struct {
		Code   turms20240714.Code       `json:"code"`
		Client turms20240714.ClientCode `json:"client"`
	}
	b, err := json.Marshal(msg{turms20240714.NotGroupOwnerOrManagerToRemoveGroupMember, turms20240714.ClientHTTPError})
	require.NoError(t, err)
	assert.JSONEq(t, `{"code":"NOT_GROUP_OWNER_OR_MANAGER_TO_REMOVE_GROUP_MEMBER","client":"HTTP_ERROR"}`, string(b))
	var m msg
	require.NoError(t, json.Unmarshal([]byte(`{"code":3408,"client":90}`), &m))
	assert.Equal(t, msg{turms20240714.NotGroupOwnerOrManagerToRemoveGroupMember, turms20240714.ClientHTTPError}, m)
	_, err = turms20240714.ParseCode("GROUP_INVITEE_ALREADY_GROUP_MEMBER")
	var pe *turms20240714.ParseError
	require.ErrorAs(t, err, &pe, "a name of the older revision only")
	assert.Equal(t, "turms", pe.System)
}

func TestSourceRevision(t *testing.T) {
	for _, want := range []string{"turms-im/turms", "ResponseStatusCode.java", "e28b519c929659915267642973e32a95af59e5b4", "7be1d12d98d2c45b5c85d41bf9e6fd6b71451fa0"} {
		assert.Contains(t, turms20240714.SourceRevision, want)
	}
}

func TestLookupsDoNotAllocate(t *testing.T) {
	var (
		s   string
		c   turms20240714.Code
		cat turms20240714.Category
		ok  bool
	)
	for what, f := range map[string]func(){
		"String":          func() { s = turms20240714.ServerUnavailable.String() },
		"ParseCode":       func() { c, _ = turms20240714.ParseCode("CANCEL_NONEXISTENT_MEETING") },
		"Category":        func() { cat = turms20240714.Code(3499).Category() },
		"Category String": func() { s = turms20240714.Code(8205).Category().String() },
		"Decide":          func() { ok = turms20240714.ServerUnavailable.Decide().Retryable() },
	} {
		assert.Zero(t, testing.AllocsPerRun(100, f), what)
	}
	_, _, _, _ = s, c, cat, ok
}

// TestFromGRPCCode: an error without a Turms code maps by its gRPC code
// as testdata/turms-foreign-grpc.tsv says, read by the row's Turms name
// (its number column is the older revision's), and CodeOf uses it.
func TestFromGRPCCode(t *testing.T) {
	tab, err := source.TSV(filepath.Join(testdata(t), "turms-foreign-grpc.tsv"))
	require.NoError(t, err)
	require.Equal(t, []string{"grpc_code", "grpc_name", "turms_code", "turms_name", "reason"}, tab.Header)
	require.Len(t, tab.Rows, 17)
	for _, row := range tab.Rows {
		n, err := strconv.Atoi(row[0])
		require.NoError(t, err)
		c := codes.Code(n)
		want := turms20240714.ServerInternalError
		if row[3] != "" {
			want, err = turms20240714.ParseCode(row[3])
			require.NoError(t, err, row[3])
			require.Equal(t, row[3], want.String())
		}
		assert.Equal(t, want, turms20240714.FromGRPCCode(c), row[1])
		if c != codes.OK {
			assert.Equal(t, want, turms20240714.CodeOf(status.Error(c, "a plain status")), row[1])
		}
	}
	assert.Equal(t, turms20240714.ServerInternalError, turms20240714.FromGRPCCode(99))
	assert.Equal(t, turms20240714.ServerUnavailable, turms20240714.CodeOf(fmt.Errorf("wrapped: %w", status.Error(codes.Unavailable, "proxy"))))
	assert.Equal(t, turms20240714.ServerInternalError, turms20240714.CodeOf(errors.New("no status")))
	// Both revisions map alike.
	for c := codes.Code(0); c <= 17; c++ {
		assert.Equal(t, turms.FromGRPCCode(c).String(), turms20240714.FromGRPCCode(c).String(), "%v", c)
	}
}
