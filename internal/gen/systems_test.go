package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/internal/table"
)

// The engine is designed against all four systems in testdata/, before
// every one has a package. These tests load the one that has none yet,
// the JD Cloud HTTP API, into a table and run the engine on it: codes
// known only by name. (Turms, with its numbers reused across code sets
// and names that clash between sets, has its package: turms.)

func testdataDir(t *testing.T) string {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	return dir
}

func TestEngineServesNameOnlyCodes(t *testing.T) {
	tables, err := source.Markdown(filepath.Join(testdataDir(t), "http-proxy-returned-result.md"))
	require.NoError(t, err)
	require.Len(t, tables, 1)
	// Known only by name on the wire: the registry numbers them itself,
	// in order of appearance; a name listed twice is one code.
	r := &registry{typeName: "ErrorCode", system: "jdcloud"}
	at := map[string]int{}
	for _, row := range tables[0].Rows { // HTTP | error status code | message | ...
		s, err := strconv.Atoi(strings.Trim(row[0], "*"))
		require.NoError(t, err)
		if i, ok := at[row[1]]; ok {
			assert.EqualValues(t, s, r.entries[i].HTTP, "%s listed twice with other statuses", row[1])
			continue
		}
		n := int32(len(r.entries) + 1)
		at[row[1]] = len(r.entries)
		r.entries = append(r.entries, table.Entry{Num: n, Name: row[1], GoName: camel(row[1]), Class: n, HTTP: uint16(s)})
	}
	errs, err := build[int32](r)
	require.NoError(t, err)
	require.NoError(t, errs.Validate())
	assert.Len(t, errs.Entries, 12)
	// Upstream's own example carries a leading space in the status.
	c, err := errs.Parse(" PERMISSION_DENIED")
	require.NoError(t, err)
	assert.Equal(t, "PERMISSION_DENIED", errs.String(c))
	assert.Equal(t, 403, errs.HTTP(c))
}
