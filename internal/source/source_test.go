package source

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func write(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	return p
}

func TestMarkdownTables(t *testing.T) {
	p := write(t, "doc.md", `# Title

| Name | Code |
| :--: | ---: |
| A*   | 1    |
|  B   |   2  |
text between
| x | y | z |
| 1 | 2 | 3 |
| only | two |
`)
	tables, err := Markdown(p)
	require.NoError(t, err)
	require.Len(t, tables, 3)
	assert.Equal(t, []string{"Name", "Code"}, tables[0].Header)
	assert.Equal(t, [][]string{{"A*", "1"}, {"B", "2"}}, tables[0].Rows)
	assert.Nil(t, tables[1].Header, "no alignment row: no header")
	assert.Equal(t, [][]string{{"x", "y", "z"}, {"1", "2", "3"}}, tables[1].Rows)
	assert.Equal(t, [][]string{{"only", "two"}}, tables[2].Rows, "a change of width starts a table")
}

func TestTSV(t *testing.T) {
	tab, err := TSV(write(t, "a.tsv", "a\tb\n1\t2\n3\t4\n"))
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, tab.Header)
	assert.Equal(t, [][]string{{"1", "2"}, {"3", "4"}}, tab.Rows)

	_, err = TSV(write(t, "bad.tsv", "a\tb\n1\n"))
	assert.ErrorContains(t, err, "bad.tsv:2")
}

func TestDirFindsTestdata(t *testing.T) {
	dir, err := Dir()
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(dir, "rocketmq-codes.tsv"))
	assert.NoError(t, err)
}

func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"TOPIC_NOT_FOUND":  "TopicNotFound",
		"OK":               "OK",
		"HA_NOT_AVAILABLE": "HANotAvailable",
		"SWITCH":           "Switch",
	} {
		if got := GoName(in); got != want {
			t.Errorf("GoName(%q) = %q, want %q", in, got, want)
		}
	}
}
