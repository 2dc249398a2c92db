package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/internal/source"
)

// Judgement files: statusreg's own tables, one row per entry, kept in
// testdata/ beside the upstream tables so that a change of mapping or of
// wording is a change of data. testdata/README.md describes each.
const (
	grpcSemanticFile  = "grpc-http-semantic.tsv"
	grpcTransportFile = "grpc-http-transport.tsv"
	grpcLibraryFile   = "grpc-library-cases.tsv"

	rocketmqGRPCFile       = "rocketmq-grpc.tsv"
	rocketmqExceptionsFile = "rocketmq-grpc-exceptions.tsv"
	rocketmqDocsFile       = "rocketmq-docs.tsv"
	rocketmqRPCDocsFile    = "rocketmq-rpc-docs.tsv"

	turmsOverridesFile = "turms-grpc-overrides.tsv"
	turmsClientFile    = "turms-client-grpc.tsv"
	turmsSessionFile   = "turms-session-grpc.tsv"
	turmsDocsFile      = "turms-docs.tsv"

	httpmapGRPCFile = "httpmap-grpc.tsv"
	httpmapDocsFile = "httpmap-docs.tsv"
)

// readTSV reads the TSV file name of dir and checks that its columns are
// header, in order.
func readTSV(dir, name string, header ...string) (source.Table, error) {
	t, err := source.TSV(filepath.Join(dir, name))
	if err != nil {
		return t, err
	}
	if !slices.Equal(t.Header, header) {
		return t, fmt.Errorf("%s: columns %q, want %q", name, t.Header, header)
	}
	return t, nil
}

// grpcByName returns the canonical code whose spec name is s
// (NOT_FOUND, not NotFound).
func grpcByName(s string) (codes.Code, error) {
	n, ok := code.Code_value[s]
	if !ok {
		return 0, fmt.Errorf("%q is not a canonical gRPC code", s)
	}
	return codes.Code(n), nil
}

// judged is a row of a judgement table: a gRPC code and why.
type judged struct {
	grpc   codes.Code
	reason string
	group  string // the override's group, in turms-grpc-overrides.tsv
}

// readJudged reads a table whose first column names an upstream code and
// whose columns grpc and reason say what it maps to and why, keyed by
// the first column, in file order. Each name may appear once.
func readJudged(dir, name string, header ...string) (map[string]judged, []string, error) {
	t, err := readTSV(dir, name, header...)
	if err != nil {
		return nil, nil, err
	}
	col := func(c string) int { return slices.Index(header, c) }
	g, why, grp := col("grpc"), col("reason"), col("group")
	out := map[string]judged{}
	var order []string
	for i, row := range t.Rows {
		if _, dup := out[row[0]]; dup {
			return nil, nil, fmt.Errorf("%s:%d: %s listed twice", name, i+2, row[0])
		}
		c, err := grpcByName(row[g])
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %s: %w", name, i+2, row[0], err)
		}
		j := judged{grpc: c, reason: row[why]}
		if grp >= 0 {
			j.group = row[grp]
		}
		if j.reason == "" {
			return nil, nil, fmt.Errorf("%s:%d: %s has no reason", name, i+2, row[0])
		}
		out[row[0]] = j
		order = append(order, row[0])
	}
	return out, order, nil
}

// readKeyed reads a table keyed by its first keys columns (joined by a
// tab), and returns the other cells of each row by key. No key may appear
// twice and no cell may be empty.
func readKeyed(dir, name string, keys int, header ...string) (map[string][]string, error) {
	t, err := readTSV(dir, name, header...)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for i, row := range t.Rows {
		key := strings.Join(row[:keys], "\t")
		if _, dup := out[key]; dup {
			return nil, fmt.Errorf("%s:%d: %q listed twice", name, i+2, key)
		}
		for j, cell := range row {
			if cell == "" {
				return nil, fmt.Errorf("%s:%d: %q: empty %s", name, i+2, key, header[j])
			}
		}
		out[key] = row[keys:]
	}
	return out, nil
}

// readDocs reads a doc file whose columns are a name and the doc sentence
// of the constant of that name, which completes a sentence that starts
// with the constant's Go name.
func readDocs(dir, name string, header ...string) (map[string]string, error) {
	m, err := readKeyed(dir, name, 1, header...)
	if err != nil {
		return nil, err
	}
	docs := make(map[string]string, len(m))
	for k, v := range m {
		docs[k] = v[0]
	}
	return docs, nil
}

// docOr returns the hand-written doc sentence of name, or, when the doc
// file has none, a plain one built from the upstream name, so that a code
// a new upstream revision adds needs no sentence to be generated. what
// says what the name is: "code", "client-only code", and so on.
func docOr(docs map[string]string, name, what string) string {
	if d := docs[name]; d != "" {
		return d
	}
	return fmt.Sprintf("is the upstream %s %s.", what, name)
}

// unused returns an error naming the first key of m, in sorted order,
// that used does not hold: a row of a judgement file that names nothing.
func unused[V any](m map[string]V, used func(string) bool, file string) error {
	var keys []string
	for k := range m {
		if !used(k) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	slices.Sort(keys)
	return fmt.Errorf("%s: %s is not a code of the registry", file, strings.Join(keys, ", "))
}
