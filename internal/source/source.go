// Package source reads the upstream tables in testdata/.
//
//	tables, err := source.Markdown("testdata/rocketmq-status-code-matrix.md")
//	codes, err := source.TSV("testdata/rocketmq-codes.tsv")
//
// It reads the Markdown
// tables of the seed documents and the tab-separated reference files. It
// returns cells as text; what a cell means is for its reader to decide.
// The generator and the tests both read testdata/ through it.
package source

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Table is one table: a header row and data rows of trimmed cells.
type Table struct {
	Header []string
	Rows   [][]string
}

// Markdown returns every pipe table in the Markdown file at path, in
// order. A table starts at a header row, its second line is the
// alignment row, and it ends at the first line that is not a table row
// or at a row of another width. A run of rows that lacks an alignment
// row is returned with no header.
func Markdown(path string) ([]Table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseMarkdown(data)
}

// ParseMarkdown returns every pipe table in data, as Markdown does for a
// file.
func ParseMarkdown(data []byte) ([]Table, error) {
	var (
		tables []Table
		block  [][]string
	)
	flush := func() {
		if len(block) == 0 {
			return
		}
		t := Table{Rows: block}
		if len(block) > 1 && isAlignment(block[1]) {
			t = Table{Header: block[0], Rows: block[2:]}
		}
		tables = append(tables, t)
		block = nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "|") {
			flush()
			continue
		}
		row := cells(line)
		if len(block) > 0 && len(row) != len(block[len(block)-1]) {
			flush() // a change of width starts another table
		}
		block = append(block, row)
	}
	flush()
	return tables, sc.Err()
}

// cells splits a table row "| a | b |" into its trimmed cells.
func cells(line string) []string {
	line = strings.TrimPrefix(line, "|")
	line = strings.TrimSuffix(line, "|")
	parts := strings.Split(line, "|")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

func isAlignment(row []string) bool {
	for _, c := range row {
		if strings.Trim(c, ":-") != "" || c == "" {
			return false
		}
	}
	return true
}

// TSV reads a tab-separated file whose first line names the columns. Each
// row must have as many cells as the header.
func TSV(path string) (Table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Table{}, err
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	t := Table{Header: strings.Split(lines[0], "\t")}
	for i, l := range lines[1:] {
		row := strings.Split(l, "\t")
		if len(row) != len(t.Header) {
			return Table{}, fmt.Errorf("%s:%d: %d cells, want %d", filepath.Base(path), i+2, len(row), len(t.Header))
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// Dir returns the testdata directory of the module, found by walking up
// from the working directory to the go.mod that sits beside it.
func Dir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "testdata")); err == nil {
				return filepath.Join(dir, "testdata"), nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no testdata directory above the working directory")
		}
		dir = parent
	}
}

// GoName is the Go constant name the registries give an upstream name:
// its CamelCase, TOPIC_NOT_FOUND giving TopicNotFound, with the words Go
// spells as initialisms in upper case (CLIENT_ID_REQUIRED giving
// ClientIDRequired), and OK kept as it is. Tests use it to check the
// generated constants; the generator spells names with code of its own,
// so that each checks the other.
func GoName(upstream string) string {
	if upstream == "OK" {
		return upstream
	}
	var b strings.Builder
	for _, w := range strings.Split(upstream, "_") {
		switch {
		case w == "":
		case slices.Contains(goInitialisms, w):
			b.WriteString(w)
		default:
			b.WriteString(w[:1] + strings.ToLower(w[1:]))
		}
	}
	return b.String()
}

// goInitialisms are the words GoName keeps in upper case.
var goInitialisms = []string{"ACK", "HA", "HTTP", "ID", "IP", "JFR", "TPS", "URL"}
