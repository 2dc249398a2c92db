package grpccodes_test

import (
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/internal/source"
)

// seed returns the two tables of testdata/grpc-status-codes.md.
func seed(t *testing.T) (canonical, library [][]string) {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	tables, err := source.Markdown(filepath.Join(dir, "grpc-status-codes.md"))
	require.NoError(t, err)
	require.Len(t, tables, 2)
	require.Len(t, tables[0].Rows, 16, "the seed lists 16 codes, all but DATA_LOSS")
	return tables[0].Rows, tables[1].Rows
}

// httpOf reads a seed HTTP cell such as "404 Not Found".
func httpOf(t *testing.T, cell string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.Fields(cell)[0])
	require.NoError(t, err, cell)
	return n
}

func TestEverySeedRow(t *testing.T) {
	canonical, _ := seed(t)
	for _, row := range canonical {
		name, http := row[0], httpOf(t, row[3])
		n, err := strconv.Atoi(row[1])
		require.NoError(t, err)
		c := codes.Code(n)

		assert.Equal(t, name, grpccodes.Name(c))
		assert.True(t, grpccodes.Known(c), name)
		assert.Equal(t, http, grpccodes.HTTPStatus(c), name)
		for _, in := range []string{name, strings.ToLower(name), c.String(), row[1]} {
			got, err := grpccodes.Parse(in)
			if assert.NoError(t, err, in) {
				assert.Equal(t, c, got, in)
			}
		}
	}
}

// DATA_LOSS is not in the first table of grpc-status-codes.md; google/rpc
// code.proto defines it: 15, HTTP 500.
func TestDataLoss(t *testing.T) {
	assert.Equal(t, "DATA_LOSS", grpccodes.Name(codes.DataLoss))
	assert.Equal(t, 500, grpccodes.HTTPStatus(codes.DataLoss))
	c, err := grpccodes.Parse("DATA_LOSS")
	require.NoError(t, err)
	assert.Equal(t, codes.Code(15), c)
}

func TestAllSeventeenAgreeWithGenproto(t *testing.T) {
	for c := codes.OK; c <= codes.Unauthenticated; c++ {
		assert.True(t, grpccodes.Known(c))
		// google.rpc.Code's enum names are the spec names.
		assert.Equal(t, code.Code_name[int32(c)], grpccodes.Name(c))
		assert.Equal(t, c, grpccodes.FromProto(grpccodes.ToProto(c)))
		assert.Equal(t, code.Code(c), grpccodes.ToProto(c))
	}
	assert.False(t, grpccodes.Known(17))
	// Codes lists exactly the values genproto's google.rpc.Code names.
	require.Len(t, grpccodes.Codes(), len(code.Code_name))
	for _, c := range grpccodes.Codes() {
		assert.Contains(t, code.Code_name, int32(c))
	}
}

func TestUnknownCodesKeepTheirNumber(t *testing.T) {
	for _, c := range []codes.Code{17, 99, 1 << 31, 1<<32 - 1} {
		assert.Equal(t, c.String(), grpccodes.Name(c), "same form as grpc-go")
		back, err := grpccodes.Parse(grpccodes.Name(c))
		require.NoError(t, err)
		assert.Equal(t, c, back)
		assert.Equal(t, c, grpccodes.FromProto(grpccodes.ToProto(c)))
		assert.Equal(t, 500, grpccodes.HTTPStatus(c))
	}
}

func TestParseRejects(t *testing.T) {
	for _, in := range []string{"", "CANCELED_", "NOTFOUND_", "-1", "4294967296", "Code(x)", strings.Repeat("A", 10000)} {
		_, err := grpccodes.Parse(in)
		var pe *grpccodes.ParseError
		if assert.ErrorAs(t, err, &pe, "%.20q", in) {
			assert.Equal(t, "grpc", pe.System)
			assert.Equal(t, in == "4294967296" || in == "-1", pe.Range, "%.20q", in)
		}
	}
}

func TestFromHTTPStatusInvertsTheSeed(t *testing.T) {
	canonical, _ := seed(t)
	sharers := map[int][]codes.Code{}
	for _, row := range canonical {
		n, _ := strconv.Atoi(row[1])
		s := httpOf(t, row[3])
		sharers[s] = append(sharers[s], codes.Code(n))
	}
	sharers[500] = append(sharers[500], codes.DataLoss)
	for s, cs := range sharers {
		got := grpccodes.FromHTTPStatus(s)
		assert.Contains(t, cs, got, "%d", s)
		assert.Equal(t, s, grpccodes.HTTPStatus(got), "%d", s)
		if len(cs) == 1 {
			assert.Equal(t, cs[0], got, "%d", s)
		}
	}
	// The documented choices for shared statuses.
	assert.Equal(t, codes.InvalidArgument, grpccodes.FromHTTPStatus(400))
	assert.Equal(t, codes.Aborted, grpccodes.FromHTTPStatus(409))
	assert.Equal(t, codes.Internal, grpccodes.FromHTTPStatus(500))
}

func TestFromHTTPStatusByClass(t *testing.T) {
	for s, want := range map[int]codes.Code{
		201: codes.OK, 204: codes.OK, 299: codes.OK,
		402: codes.FailedPrecondition, 405: codes.FailedPrecondition, 410: codes.FailedPrecondition, 418: codes.FailedPrecondition,
		502: codes.Internal, 505: codes.Internal, 599: codes.Internal,
		100: codes.Unknown, 302: codes.Unknown, 0: codes.Unknown, -1: codes.Unknown, 600: codes.Unknown, 1000: codes.Unknown,
	} {
		assert.Equal(t, want, grpccodes.FromHTTPStatus(s), "%d", s)
	}
}

// httpMapping reads a mapping file of testdata/ (grpc-http-semantic.tsv,
// grpc-http-transport.tsv): rows of an HTTP status, a class such as 4xx,
// or "other", and the spec name of a gRPC code. It returns the code the
// file gives each status, and the exact statuses it lists.
func httpMapping(t *testing.T, name string, header ...string) (func(int) codes.Code, []int) {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	tab, err := source.TSV(filepath.Join(dir, name))
	require.NoError(t, err)
	require.Equal(t, header, tab.Header)
	exact, class := map[int]codes.Code{}, map[string]codes.Code{}
	var listed []int
	other, hasOther := codes.Code(0), false
	for _, row := range tab.Rows {
		n, ok := code.Code_value[row[1]]
		require.True(t, ok, "%s: %q is a canonical code", name, row[1])
		c := codes.Code(n)
		switch k := row[0]; {
		case k == "other":
			other, hasOther = c, true
		case strings.HasSuffix(k, "xx"):
			class[k[:1]] = c
		default:
			s, err := strconv.Atoi(k)
			require.NoError(t, err, "%s: %q", name, k)
			exact[s] = c
			listed = append(listed, s)
		}
	}
	require.True(t, hasOther, "%s has a row for other statuses", name)
	return func(s int) codes.Code {
		if c, ok := exact[s]; ok {
			return c
		}
		if s >= 100 && s <= 599 {
			if c, ok := class[strconv.Itoa(s/100)]; ok {
				return c
			}
		}
		return other
	}, listed
}

// FromHTTPStatus gives every status what testdata/grpc-http-semantic.tsv
// gives it, and each status the file lists maps back from its code.
func TestFromHTTPStatusMatchesTheData(t *testing.T) {
	want, listed := httpMapping(t, "grpc-http-semantic.tsv", "http", "grpc", "reason")
	for s := 100; s <= 599; s++ {
		assert.Equal(t, want(s), grpccodes.FromHTTPStatus(s), "%d", s)
	}
	for _, s := range []int{-1, 0, 99, 600, 1000} {
		assert.Equal(t, want(s), grpccodes.FromHTTPStatus(s), "%d", s)
	}
	require.NotEmpty(t, listed)
	for _, s := range listed {
		assert.Equal(t, s, grpccodes.HTTPStatus(want(s)), "%d", s)
	}
}

// FromHTTPTransport gives every status what
// testdata/grpc-http-transport.tsv, gRPC's HTTP-to-gRPC status mapping,
// gives it.
func TestFromHTTPTransport(t *testing.T) {
	want, listed := httpMapping(t, "grpc-http-transport.tsv", "http", "grpc")
	assert.ElementsMatch(t, []int{400, 401, 403, 404, 429, 502, 503, 504}, listed)
	for s := 0; s < 700; s++ {
		assert.Equal(t, want(s), grpccodes.FromHTTPTransport(s), "%d", s)
	}
	assert.Equal(t, codes.Unknown, want(200), "200 carries no grpc-status: UNKNOWN")
}

// libraryRows returns the rows of testdata/grpc-library-cases.tsv: case,
// code, side, in_older_list.
func libraryRows(t *testing.T) [][]string {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	tab, err := source.TSV(filepath.Join(dir, "grpc-library-cases.tsv"))
	require.NoError(t, err)
	require.Equal(t, []string{"case", "code", "generated_at", "in_older_list"}, tab.Header)
	require.Len(t, tab.Rows, 20)
	return tab.Rows
}

// Every upstream case, in the upstream order, with its code, its side and
// whether the older list had it.
func TestLibraryCasesMatchUpstream(t *testing.T) {
	rows := libraryRows(t)
	got := grpccodes.LibraryCases()
	require.Len(t, got, len(rows))
	older := 0
	for i, row := range rows {
		assert.Equal(t, row[0], got[i].Case)
		assert.Equal(t, row[1], grpccodes.Name(got[i].Code), row[0])
		assert.Equal(t, row[2], got[i].Side.String(), row[0])
		assert.Equal(t, row[3] == "yes", got[i].InOlderList, row[0])
		if got[i].InOlderList {
			older++
		}
	}
	assert.Equal(t, 14, older)
	got[0].Code = codes.OK
	assert.NotEqual(t, codes.OK, grpccodes.LibraryCases()[0].Code, "callers get a copy")
}

// The cases the older list had are the rows of its table in
// grpc-status-codes.md, in its order.
func TestLibraryCasesMatchTheOlderList(t *testing.T) {
	_, library := seed(t)
	var got []grpccodes.LibraryCase
	for _, c := range grpccodes.LibraryCases() {
		if c.InOlderList {
			got = append(got, c)
		}
	}
	require.Len(t, got, len(library))
	for i, row := range library {
		assert.Equal(t, row[0], got[i].Case)
		assert.Equal(t, row[1], grpccodes.Name(got[i].Code), row[0])
		assert.Equal(t, row[2], got[i].Side.String(), row[0])
	}
}

// What LibraryCases' doc says of the codes: eight of them, each produced
// on both sides of a call in some case, RESOURCE_EXHAUSTED and
// UNIMPLEMENTED among them, which the older list gave servers alone.
func TestLibraryCasesCodesAndSides(t *testing.T) {
	sides := map[codes.Code]map[grpccodes.Side]bool{}
	for _, c := range grpccodes.LibraryCases() {
		if sides[c.Code] == nil {
			sides[c.Code] = map[grpccodes.Side]bool{}
		}
		sides[c.Code][c.Side] = true
	}
	want := []codes.Code{codes.Canceled, codes.Unknown, codes.DeadlineExceeded, codes.ResourceExhausted,
		codes.Unimplemented, codes.Internal, codes.Unavailable, codes.Unauthenticated}
	assert.ElementsMatch(t, want, slices.Collect(maps.Keys(sides)))
	for c, s := range sides {
		assert.True(t, s[grpccodes.Both] || (s[grpccodes.Client] && s[grpccodes.Server]), "%v: %v", c, s)
	}
	for _, c := range []codes.Code{codes.ResourceExhausted, codes.Unimplemented} {
		assert.True(t, sides[c][grpccodes.Client] || sides[c][grpccodes.Both], "%v arises on clients", c)
	}
	assert.Equal(t, "Client", grpccodes.Client.String())
	assert.Equal(t, "Server", grpccodes.Server.String())
	assert.Equal(t, "Both", grpccodes.Both.String())
	assert.Equal(t, "Side(?)", grpccodes.Side(0).String())
}

// SourceRevision names the revision the library cases come from.
func TestSourceRevision(t *testing.T) {
	assert.Contains(t, grpccodes.SourceRevision, "grpc/grpc doc/statuscodes.md at commit 2b9891b081ef119df8d7211c2493dca19ac5ebbb")
	assert.Contains(t, grpccodes.SourceRevision, "doc/http-grpc-status-mapping.md at commit 9c3f79deb70460750421f3dd75c2ed6a9af91ca3")
}

func TestLookupsDoNotAllocate(t *testing.T) {
	var (
		name   string
		status int
		c      codes.Code
	)
	for what, f := range map[string]func(){
		"Name":           func() { name = grpccodes.Name(codes.NotFound) },
		"HTTPStatus":     func() { status = grpccodes.HTTPStatus(codes.NotFound) },
		"Parse":          func() { c, _ = grpccodes.Parse("NOT_FOUND") },
		"Parse Go name":  func() { c, _ = grpccodes.Parse("NotFound") },
		"FromHTTPStatus": func() { c = grpccodes.FromHTTPStatus(404) },
	} {
		assert.Zero(t, testing.AllocsPerRun(100, f), what)
	}
	_, _, _ = name, status, c
}
