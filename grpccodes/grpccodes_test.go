package grpccodes_test

import (
	"path/filepath"
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

// DATA_LOSS is not in the seed table; shared/reference/README.md gives
// it: 15, HTTP 500.
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

// The transport mapping of shared/reference/README.md.
func TestFromHTTPTransport(t *testing.T) {
	mapped := map[int]codes.Code{
		400: codes.Internal, 401: codes.Unauthenticated, 403: codes.PermissionDenied,
		404: codes.Unimplemented, 429: codes.Unavailable,
		502: codes.Unavailable, 503: codes.Unavailable, 504: codes.Unavailable,
	}
	for s := 0; s < 700; s++ {
		want, ok := mapped[s]
		if !ok {
			want = codes.Unknown
		}
		assert.Equal(t, want, grpccodes.FromHTTPTransport(s), "%d", s)
	}
}

func TestLibraryCasesMatchTheSeed(t *testing.T) {
	_, library := seed(t)
	got := grpccodes.LibraryCases()
	require.Len(t, got, len(library))
	for i, row := range library {
		assert.Equal(t, row[0], got[i].Case)
		assert.Equal(t, row[1], grpccodes.Name(got[i].Code), row[0])
		assert.Equal(t, row[2], got[i].Side.String(), row[0])
	}
	got[0].Code = codes.OK
	assert.NotEqual(t, codes.OK, grpccodes.LibraryCases()[0].Code, "callers get a copy")
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
