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
// every one has a package. These tests load the two that have none yet,
// Turms and the JD Cloud HTTP API, into tables and run the engine on
// them: numbers reused across code sets, names that clash between sets,
// and codes known only by name.

func testdataDir(t *testing.T) string {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	return dir
}

// turmsRows reads a Turms table, whose Category cell is blank on every
// row but a category's first: it returns name, number and the number of
// the category's first code.
func turmsRows(t *testing.T, tab source.Table) (entries []table.Entry) {
	t.Helper()
	var first int32
	for _, row := range tab.Rows { // category | name | number | meaning
		n, err := strconv.Atoi(row[2])
		require.NoError(t, err, row[1])
		if row[0] != "" {
			first = int32(n)
		}
		entries = append(entries, table.Entry{Num: int32(n), Name: row[1], GoName: camel(row[1]), Class: first})
	}
	return entries
}

func TestEngineServesTurms(t *testing.T) {
	dir := testdataDir(t)
	tables, err := source.Markdown(filepath.Join(dir, "turms-status-code.md"))
	require.NoError(t, err)
	require.Len(t, tables, 3)
	client, server, closing := turmsRows(t, tables[0]), turmsRows(t, tables[1]), turmsRows(t, tables[2])
	require.Len(t, server, 155)

	// ResponseStatusCode: client-only and server codes share one type, as
	// in the Kotlin client, which suffixes clashing server names.
	clientNames := map[string]bool{}
	for _, e := range client {
		clientNames[e.Name] = true
	}
	httpTSV, err := source.TSV(filepath.Join(dir, "turms-server-http-status.tsv"))
	require.NoError(t, err)
	httpOf := map[string]uint16{}
	for _, row := range httpTSV.Rows {
		s, err := strconv.Atoi(row[2])
		require.NoError(t, err)
		httpOf[row[1]] = uint16(s)
	}
	upstreamName := map[int32]string{}
	for i := range server {
		e := &server[i]
		upstreamName[e.Num] = e.Name
		e.HTTP = httpOf[e.Name]
		if clientNames[e.Name] {
			e.Name += "_FROM_SERVER"
			e.GoName = camel(e.Name)
		}
	}
	r := &registry{typeName: "ResponseStatusCode", system: "turms", ok: 1000, bucketClasses: true, entries: append(client, server...)}
	codes, err := build[int32](r)
	require.NoError(t, err)
	require.NoError(t, codes.Validate())

	for _, row := range httpTSV.Rows {
		n, _ := strconv.Atoi(row[0])
		e := codes.Lookup(int32(n))
		require.NotNil(t, e, row[1])
		assert.Equal(t, row[1], upstreamName[e.Num])
		assert.Equal(t, row[2], strconv.Itoa(codes.HTTP(int32(n))), row[1])
	}
	c, err := codes.Parse("INVALID_REQUEST")
	require.NoError(t, err)
	assert.EqualValues(t, 100, c, "the client-only code keeps the plain name")
	c, err = codes.Parse("InvalidRequestFromServer")
	require.NoError(t, err)
	assert.EqualValues(t, 1100, c)
	class, ok := codes.Class(3417)
	assert.True(t, ok)
	assert.EqualValues(t, 3400, class, "a category's first code is its class")
	class, ok = codes.Class(1299)
	assert.True(t, ok)
	assert.EqualValues(t, 1200, class, "an unknown server error is classed by its hundreds")

	// SessionCloseStatus reuses numbers 100 and up in a table of its own.
	sessions, err := build[int32](&registry{typeName: "SessionCloseStatus", system: "turms", entries: closing})
	require.NoError(t, err)
	require.NoError(t, sessions.Validate())
	assert.Equal(t, "ILLEGAL_REQUEST", sessions.String(100))
	assert.Equal(t, "INVALID_REQUEST", codes.String(100))
	assert.Equal(t, "USER_IS_BLOCKED", sessions.String(701))
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
