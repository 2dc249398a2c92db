package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/internal/table"
)

// TestTablesAreFresh regenerates every registry and compares the result
// with the checked-in files, so a stale table fails go test as well as
// the CI diff after go generate.
func TestTablesAreFresh(t *testing.T) {
	for _, name := range names() {
		files, err := generate(name, "tables.go")
		require.NoError(t, err, name)
		for file, want := range files {
			got, err := os.ReadFile(filepath.Join("..", "..", name, file))
			require.NoError(t, err, name)
			assert.Equal(t, string(want), string(got), "%s/%s is stale: run go generate ./...", name, file)
		}
	}
}

func TestCamel(t *testing.T) {
	for in, want := range map[string]string{
		"TOPIC_NOT_FOUND":            "TopicNotFound",
		"OK":                         "OK",
		"HA_NOT_AVAILABLE":           "HANotAvailable",
		"CLIENT_ID_REQUIRED":         "ClientIDRequired",
		"DUMP_JFR_IN_ILLEGAL_STATUS": "DumpJFRInIllegalStatus",
		"ACK_FAILED":                 "ACKFailed",
		"CODE_UNSPECIFIED":           "CodeUnspecified",
	} {
		assert.Equal(t, want, camel(in))
	}
}

// TestSlotsFindEveryCode builds every registry's table without its dense
// prefix: each code must be found in its slot, and Allows must agree with
// Mark.
func TestSlotsFindEveryCode(t *testing.T) {
	dir, err := source.Dir()
	require.NoError(t, err)
	for _, name := range names() {
		rs, err := registries[name](dir)
		require.NoError(t, err, name)
		for _, r := range rs {
			tab, err := build[int32](r)
			require.NoError(t, err, name)
			tab.Dense = 0
			for i, e := range tab.Entries {
				assert.Same(t, &tab.Entries[i], tab.Lookup(e.Num), "%s %s", name, e.Name)
				assert.Equal(t, e.Name, tab.String(e.Num))
				for op := -1; op <= len(tab.Ops); op++ {
					assert.Equal(t, tab.Mark(op, e.Num) == table.Allowed, tab.Allows(op, e.Num), "%s %s op %d", name, e.Name, op)
				}
			}
		}
	}
}

// testdataCopy copies testdata/ into a temporary directory and applies
// edit to each file it names: edit returns the file's new text.
func testdataCopy(t *testing.T, edits map[string]func(string) string) string {
	t.Helper()
	src, err := source.Dir()
	require.NoError(t, err)
	dir := t.TempDir()
	files, err := os.ReadDir(src)
	require.NoError(t, err)
	for _, f := range files {
		if f.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, f.Name()))
		require.NoError(t, err)
		text := string(b)
		if edit := edits[f.Name()]; edit != nil {
			text = edit(text)
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, f.Name()), []byte(text), 0o644))
	}
	for name := range edits {
		_, err := os.Stat(filepath.Join(src, name))
		require.NoError(t, err, "edit of a file testdata/ has")
	}
	return dir
}

// dropRow removes the line of a TSV file that starts with prefix.
func dropRow(prefix string) func(string) string {
	return func(text string) string {
		var out []string
		for _, line := range strings.SplitAfter(text, "\n") {
			if !strings.HasPrefix(line, prefix) {
				out = append(out, line)
			}
		}
		return strings.Join(out, "")
	}
}

// generateFrom generates the named registry's table file from dir.
func generateFrom(t *testing.T, dir, name string) (string, error) {
	t.Helper()
	rs, err := registries[name](dir)
	if err != nil {
		return "", err
	}
	src, err := emit(rs)
	return string(src), err
}

// docsFrom returns the declarations the named registry's constants and
// extra hook write from dir, unformatted: what a doc change shows in,
// without the cost of building the tables.
func docsFrom(t *testing.T, dir, name string) string {
	t.Helper()
	rs, err := registries[name](dir)
	require.NoError(t, err, name)
	w := &writer{}
	for _, r := range rs {
		if r.consts {
			r.emitConsts(w)
		}
		if r.extra != nil {
			r.extra(w)
		}
	}
	return w.String()
}

// A code with no row in its doc file still generates, with a plain
// sentence built from its upstream name.
func TestMissingDocsGetPlainSentences(t *testing.T) {
	dir := testdataCopy(t, map[string]func(string) string{
		"rocketmq-docs.tsv":     dropRow("TOPIC_NOT_FOUND\t"),
		"rocketmq-rpc-docs.tsv": dropRow("AckMessage\t"),
		"turms-docs.tsv": func(s string) string {
			return dropRow("client\tCONNECT_TIMEOUT\t")(dropRow("session\tSWITCH\t")(dropRow("server\tLOGIN_TIMEOUT\t")(s)))
		},
		"httpmap-docs.tsv": dropRow("RATE_LIMIT\t"),
	})
	for name, want := range map[string][]string{
		"rocketmq": {"// TopicNotFound is the upstream code TOPIC_NOT_FOUND.\n", "// AckMessage is the upstream RPC AckMessage.\n"},
		"turms": {
			"// LoginTimeout is the upstream code LOGIN_TIMEOUT.\n// Its gRPC code is DEADLINE_EXCEEDED",
			"// ClientConnectTimeout is the upstream client-only code CONNECT_TIMEOUT.\n",
			"// CloseSwitch is the upstream session close status SWITCH.\n",
		},
		"httpmap": {"// RateLimit is the upstream error status code RATE_LIMIT.\n", `description: "The API answered the error status code RATE_LIMIT."`},
	} {
		src := docsFrom(t, dir, name)
		for _, w := range want {
			assert.True(t, strings.Contains(src, w), "%s: the generated source has %q", name, w)
		}
	}
}

// A judgement row that names no code, or an override that changes
// nothing, stops the generator with an error naming the file.
func TestJudgementRowsAreChecked(t *testing.T) {
	for _, tc := range []struct {
		name, file, add, want string
	}{
		{"rocketmq", "rocketmq-grpc.tsv", "NO_SUCH_CLASS\tINTERNAL\twhy\n", "rocketmq-grpc.tsv: NO_SUCH_CLASS"},
		{"rocketmq", "rocketmq-grpc.tsv", "TOPIC_NOT_FOUND\tINTERNAL\ta code, not a class\n", "rocketmq-grpc.tsv: TOPIC_NOT_FOUND"},
		{"rocketmq", "rocketmq-grpc-exceptions.tsv", "TOPIC_NOT_FOUND\tNOT_FOUND\tas its class\n", "maps as its class"},
		{"rocketmq", "rocketmq-docs.tsv", "NO_SUCH_CODE\tmeans nothing.\n", "rocketmq-docs.tsv: NO_SUCH_CODE"},
		{"turms", "turms-grpc-overrides.tsv", "SERVER_UNAVAILABLE\tUNAVAILABLE\tg\tas its status\n", "changes nothing"},
		{"turms", "turms-grpc-overrides.tsv", "NO_SUCH_CODE\tINTERNAL\tg\twhy\n", "turms-grpc-overrides.tsv: NO_SUCH_CODE"},
		{"turms", "turms-client-grpc.tsv", "NO_SUCH_CODE\tINTERNAL\twhy\n", "turms-client-grpc.tsv: NO_SUCH_CODE"},
		{"turms", "turms-docs.tsv", "server\tCONNECT_TIMEOUT\tmeans a client code.\n", "turms-docs.tsv: CONNECT_TIMEOUT"},
		{"turms", "turms-grpc-overrides.tsv", "LOGIN_TIMEOUT\tDEADLINE_EXCEEDED\tg\ttwice\n", "listed twice"},
		{"httpmap", "httpmap-grpc.tsv", "NO_SUCH_CODE\tINTERNAL\twhy\n", "httpmap-grpc.tsv: NO_SUCH_CODE"},
		{"httpmap", "httpmap-grpc.tsv", "EXTRA\tNotFound\twhy\n", "not a canonical gRPC code"},
		{"grpccodes", "grpc-http-semantic.tsv", "418\tINTERNAL\twhy\n", "418 is a status no canonical code maps to"},
		{"grpccodes", "grpc-http-semantic.tsv", "", ""}, // unchanged: generates
		{"grpccodes", "grpc-library-cases.tsv", "A new case\tINTERNAL\tClient\tyes\n", "in_older_list are not the 14 rows"},
		{"grpccodes", "grpc-library-cases.tsv", "A new case\tINTERNAL\tNowhere\tno\n", `side "Nowhere"`},
		{"grpccodes", "grpc-http-transport.tsv", "4x5\tINTERNAL\n", "4x5"},
	} {
		dir := testdataCopy(t, map[string]func(string) string{tc.file: func(s string) string { return s + tc.add }})
		_, err := generateFrom(t, dir, tc.name)
		if tc.want == "" {
			assert.NoError(t, err, "%s %q", tc.file, tc.add)
			continue
		}
		if assert.Error(t, err, "%s %q", tc.file, tc.add) {
			assert.Contains(t, err.Error(), tc.want, "%s %q", tc.file, tc.add)
		}
	}
	// The retry tables of the Turms revisions name codes: a row naming a
	// code of no revision stops the generator, as does a table keyed by
	// number.
	for _, tc := range []struct{ file, row, want string }{
		{"retry-turms.tsv", "NO_SUCH_CODE\tFail\twhy\n", "retry-turms.tsv: NO_SUCH_CODE is not a code"},
		{"retry-turms-client.tsv", "SERVER_UNAVAILABLE\tRetry\ta server code\n", "retry-turms-client.tsv: SERVER_UNAVAILABLE is not a code"},
		{"retry-turms-close.tsv", "LOGIN_TIMEOUT\tFail\ttwice\n", "LOGIN_TIMEOUT decided twice"},
	} {
		dir := testdataCopy(t, map[string]func(string) string{tc.file: func(s string) string {
			return strings.Replace(s, "\n*\t", "\n"+tc.row+"*\t", 1)
		}})
		_, err := generateFrom(t, dir, "turms")
		if assert.Error(t, err, "%s %q", tc.file, tc.row) {
			assert.Contains(t, err.Error(), tc.want, "%s %q", tc.file, tc.row)
		}
	}
	dir := testdataCopy(t, map[string]func(string) string{"retry-turms.tsv": func(string) string {
		return "code\tname\toutcome\treason\n*\t-\tFail\tevery code\n"
	}})
	_, err := generateFrom(t, dir, "turms")
	if assert.Error(t, err) {
		assert.Contains(t, err.Error(), "keyed by number")
	}

	// A semantic row that picks a code of another status.
	dir = testdataCopy(t, map[string]func(string) string{"grpc-http-semantic.tsv": func(s string) string {
		return strings.Replace(s, "409\tABORTED\t", "409\tINTERNAL\t", 1)
	}})
	for _, name := range []string{"grpccodes", "turms"} {
		_, err := generateFrom(t, dir, name)
		if assert.Error(t, err, name) {
			assert.Contains(t, err.Error(), "409 gives INTERNAL, which maps to 500", name)
		}
	}
}
