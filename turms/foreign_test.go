package turms_test

import (
	"bufio"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/turms"
)

// foreignRow is a row of testdata/turms-foreign-grpc.tsv.
type foreignRow struct {
	grpc   codes.Code
	name   string
	turms  turms.Code // ServerInternalError where the row names none
	tname  string
	reason string
}

func foreignRows(t *testing.T) []foreignRow {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "turms-foreign-grpc.tsv"))
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	require.True(t, sc.Scan())
	require.Equal(t, "grpc_code\tgrpc_name\tturms_code\tturms_name\treason", sc.Text())
	var rows []foreignRow
	for sc.Scan() {
		cells := strings.Split(sc.Text(), "\t")
		require.Len(t, cells, 5, sc.Text())
		n, err := strconv.Atoi(cells[0])
		require.NoError(t, err)
		r := foreignRow{grpc: codes.Code(n), name: cells[1], turms: turms.ServerInternalError, tname: cells[3], reason: cells[4]}
		if cells[2] != "" {
			m, err := strconv.Atoi(cells[2])
			require.NoError(t, err)
			r.turms = turms.Code(m)
		} else {
			require.Empty(t, cells[3], "a name without a number")
		}
		rows = append(rows, r)
	}
	require.NoError(t, sc.Err())
	return rows
}

// TestFromGRPCCode: the table maps every canonical code as the TSV says,
// each row with its reason.
func TestFromGRPCCode(t *testing.T) {
	rows := foreignRows(t)
	require.Len(t, rows, 17, "every canonical code has a row")
	for i, r := range rows {
		assert.Equal(t, codes.Code(i), r.grpc, "rows in order")
		assert.Equal(t, grpccodes.Name(r.grpc), r.name)
		assert.NotEmpty(t, r.reason, r.name)
		if r.tname != "" {
			assert.Equal(t, r.tname, r.turms.String(), "the TSV's number and name agree")
			assert.True(t, r.turms.Known(), r.tname)
		}
		assert.Equal(t, r.turms, turms.FromGRPCCode(r.grpc), r.name)
		if r.grpc != codes.OK {
			assert.Equal(t, r.turms, turms.CodeOf(status.Error(r.grpc, "foreign")), r.name)
		}
	}
	for _, c := range []codes.Code{17, 99, 1 << 31} {
		assert.Equal(t, turms.ServerInternalError, turms.FromGRPCCode(c))
	}
	assert.Equal(t, turms.ServerInternalError, turms.CodeOf(errors.New("plain")))
	assert.Equal(t, turms.OK, turms.CodeOf(nil))

	// A Turms ErrorInfo wins over the gRPC code.
	err := turms.Errorf(turms.SendMessageToMutedGroup, "muted")
	assert.Equal(t, turms.SendMessageToMutedGroup, turms.CodeOf(status.Convert(err).Err()))

	// A transient outage stays transient: a plain UNAVAILABLE, and a
	// proxy's 503 page read by httpmap.
	assert.True(t, turms.CodeOf(status.Error(codes.Unavailable, "down")).Decide().Retryable())
	assert.True(t, turms.CodeOf(status.Error(codes.ResourceExhausted, "slow down")).Decide().Retryable())
	re, rerr := httpmap.ReadError(&http.Response{StatusCode: 503, Body: http.NoBody})
	require.NoError(t, rerr)
	assert.Equal(t, turms.ServerUnavailable, turms.CodeOf(re))
	assert.True(t, turms.CodeOf(re).Decide().Retryable())
}

func TestFromGRPCCodeAllocatesNothing(t *testing.T) {
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = turms.FromGRPCCode(codes.Unavailable) }))
}
