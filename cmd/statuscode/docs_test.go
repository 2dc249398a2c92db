package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/internal/registries"
	"github.com/statusreg/statusreg/internal/source"
)

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

// docTables runs "statuscode docs name" and parses its tables.
func docTables(t *testing.T, name string) []source.Table {
	t.Helper()
	r := statuscode(t, nil, "docs", name)
	require.Equal(t, exitFound, r.code, r.stderr)
	tables, err := source.ParseMarkdown([]byte(r.stdout))
	require.NoError(t, err)
	return tables
}

// TestDocsRocketMQEqualsTheSeed: both matrix tables, header and every
// cell, in the seed's columns and rows; the only extra row is the newer
// upstream's MESSAGE_BODY_EMPTY (testdata/README.md).
func TestDocsRocketMQEqualsTheSeed(t *testing.T) {
	seed := seedTables(t, "rocketmq-status-code-matrix.md")
	got := docTables(t, "rocketmq")
	require.Len(t, got, 2)
	for i := range seed {
		assert.Equal(t, seed[i].Header, got[i].Header, "table %d header", i)
		rows := got[i].Rows
		if i == 0 { // the newer upstream row, after its sibling
			at := slices.IndexFunc(rows, func(r []string) bool { return r[0] == "MESSAGE_BODY_EMPTY" })
			require.Positive(t, at)
			assert.Equal(t, "MESSAGE_BODY_TOO_LARGE", rows[at-1][0])
			assert.Equal(t, []string{"MESSAGE_BODY_EMPTY", "❌", "❌", "✅", "❌"}, rows[at][:5])
			rows = slices.Delete(slices.Clone(rows), at, at+1)
		}
		assert.Equal(t, seed[i].Rows, rows, "table %d, row for row and cell for cell", i)
	}
}

// TestDocsTurmsEveryRow: the three tables, every row's category (as the
// seed writes it, on a category's first row only), name and number.
func TestDocsTurmsEveryRow(t *testing.T) {
	seed := seedTables(t, "turms-status-code.md")
	got := docTables(t, "turms")
	require.Len(t, got, 3)
	for i := range seed {
		assert.Equal(t, seed[i].Header, got[i].Header)
		require.Len(t, got[i].Rows, len(seed[i].Rows))
		// A blank category cell continues the one above. The seed restates
		// a category where a second run of it opens (Storage - Message
		// Attachment at 6130); the docs write it once.
		var seedCat, gotCat string
		for j, row := range seed[i].Rows {
			seedCat = cmp.Or(row[0], seedCat)
			gotCat = cmp.Or(got[i].Rows[j][0], gotCat)
			assert.Equal(t, []string{seedCat, row[1], row[2]}, []string{gotCat, got[i].Rows[j][1], got[i].Rows[j][2]}, "table %d row %d", i, j)
		}
	}
}

// TestDocsGRPCEveryRow: every row of the codes table, which adds
// DATA_LOSS, and every upstream library case
// (testdata/grpc-library-cases.tsv), of which the seed's second table has
// 14.
func TestDocsGRPCEveryRow(t *testing.T) {
	seed := seedTables(t, "grpc-status-codes.md")
	got := docTables(t, "grpc")
	require.Len(t, got, 2)
	codes := map[string][]string{}
	for _, row := range got[0].Rows {
		codes[row[0]] = row
	}
	for _, row := range seed[0].Rows { // code | number | description | HTTP
		assert.Equal(t, []string{row[0], row[1], row[3]}, codes[row[0]], row[0])
		delete(codes, row[0])
	}
	assert.Equal(t, map[string][]string{"DATA_LOSS": {"DATA_LOSS", "15", "500 Internal Server Error"}}, codes)
	library := seedTSV(t, "grpc-library-cases.tsv")
	require.Len(t, got[1].Rows, len(library.Rows))
	var older [][]string
	for j, row := range library.Rows { // case | code | side | in_older_list
		assert.Equal(t, row[:3], got[1].Rows[j])
		if row[3] == "yes" {
			older = append(older, got[1].Rows[j])
		}
	}
	assert.Equal(t, seed[1].Rows, older)
}

// TestDocsHTTPMapEveryRow: every row's status, code and message; the
// seed's mojibake full-width colon is repaired in the registry.
func TestDocsHTTPMapEveryRow(t *testing.T) {
	seed := seedTables(t, "http-proxy-returned-result.md")
	got := docTables(t, "httpmap")
	require.Len(t, got, 1)
	assert.Equal(t, seed[0].Header, got[0].Header)
	var want, have [][]string
	for _, row := range seed[0].Rows {
		want = append(want, []string{row[0], row[1], strings.ReplaceAll(row[2], "ï¼š", "：")})
	}
	for _, row := range got[0].Rows {
		have = append(have, row[:3])
		assert.NotEmpty(t, row[3], "a description")
	}
	assert.ElementsMatch(t, want, have)
}

// TestReadmeIsFresh: the README's "Registries" section is what
// "statuscode docs readme" prints; go generate ./cmd/statuscode rewrites it.
func TestReadmeIsFresh(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	r := statuscode(t, nil, "docs", "readme")
	require.Equal(t, exitFound, r.code)
	assert.True(t, bytes.Contains(readme, []byte(r.stdout)),
		"README.md's generated section is stale: run go generate ./cmd/statuscode")

	// -w rewrites only the section, and is idempotent.
	dir := t.TempDir()
	path := filepath.Join(dir, "README.md")
	stale := "# title\n\nbefore\n" + readmeBegin + "\nold\n" + readmeEnd + "\nafter\n"
	require.NoError(t, os.WriteFile(path, []byte(stale), 0o644))
	require.Equal(t, exitFound, statuscode(t, nil, "docs", "readme", "-w", path).code)
	fresh, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "# title\n\nbefore\n"+r.stdout+"after\n", string(fresh))
	require.Equal(t, exitFound, statuscode(t, nil, "docs", "readme", "-w", path).code)
	again, _ := os.ReadFile(path)
	assert.Equal(t, fresh, again)

	require.NoError(t, os.WriteFile(path, []byte("no markers\n"), 0o644))
	r = statuscode(t, nil, "docs", "readme", "-w", path)
	assert.Equal(t, exitNotFound, r.code)
	assert.Contains(t, r.stderr, "no generated section")
}

// TestReadmeSummary: the summary table counts every registry's codes as
// the seeds list them.
func TestReadmeSummary(t *testing.T) {
	tables, err := source.ParseMarkdown([]byte(statuscode(t, nil, "docs", "readme").stdout))
	require.NoError(t, err)
	counts := map[string]string{}
	for _, row := range tables[0].Rows {
		counts[row[0]] = row[2]
	}
	turms := 0
	for _, tab := range seedTables(t, "turms-status-code.md") {
		turms += len(tab.Rows)
	}
	want := map[string]string{
		"`grpccodes`": "17",
		"`rocketmq`":  strconv.Itoa(len(seedTSV(t, "rocketmq-codes.tsv").Rows)),
		"`turms`":     strconv.Itoa(turms),
		"`httpmap`":   "12",
	}
	for pkg, n := range want {
		assert.Equal(t, n, counts[pkg], pkg)
	}
	// A row for every registry package of the list, and no other.
	var pkgs []string
	for _, r := range registries.All {
		if p := "`" + r.Package + "`"; !slices.Contains(pkgs, p) {
			pkgs = append(pkgs, p)
		}
	}
	assert.ElementsMatch(t, pkgs, slices.Collect(maps.Keys(counts)))
}
