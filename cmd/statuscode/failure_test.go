package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/internal/registries"
	"github.com/statusreg/statusreg/rocketmq"
)

// TestTypeNForm: the form an unlisted code prints as, Type(N), finds
// what the number N finds, in every registry: the listed code, or the
// unlisted one in a listed family (RocketMQ's 40499, Turms' 1299).
func TestTypeNForm(t *testing.T) {
	for _, r := range registries.All {
		for _, n := range []int64{r.Upstream()[0], r.Upstream()[len(r.Upstream())-1]} {
			arg := fmt.Sprintf("%s(%d)", r.Type, n)
			res, out := lookupJSON(t, arg, "--registry", r.Name)
			require.Equal(t, exitFound, out.code, "%s: %s", arg, out.stderr)
			require.Len(t, res.Hits, 1, arg)
			assert.Equal(t, n, res.Hits[0].Number, arg)
			assert.True(t, res.Hits[0].Listed, arg)
		}
	}
	for arg, want := range map[string]struct {
		registry, class string
		number          int64
	}{
		"Code(40499)": {"rocketmq", "NOT_FOUND", 40499},
		"CODE_40499":  {"rocketmq", "NOT_FOUND", 40499},
		"Code(1299)":  {"turms", "Server Error", 1299},
	} {
		res, out := lookupJSON(t, arg)
		require.Equal(t, exitFound, out.code, "%s: %s", arg, out.stderr)
		h := byRegistry(t, res.Hits)[want.registry]
		assert.Equal(t, want.number, h.Number, arg)
		assert.False(t, h.Listed, arg)
		assert.Equal(t, want.class, h.Class, arg)
	}
	// The number alone finds the same.
	byName, _ := lookupJSON(t, "Code(40499)")
	byNumber, _ := lookupJSON(t, "40499")
	assert.Equal(t, byNumber.Hits, byName.Hits)
	assert.Contains(t, statuscode(t, nil, "Code(40499)").stdout, "RocketMQ code  Code(40499)  40499  (not listed)")

	// A number no family holds is found by neither form.
	for _, arg := range []string{"Code(99999)", "99999", "ClientCode(999)"} {
		r := statuscode(t, nil, arg)
		assert.Equal(t, exitNotFound, r.code, arg)
	}
}

// TestRPCTelemetry: Telemetry is one gRPC method with two entries in the
// matrix; asking for it names both.
func TestRPCTelemetry(t *testing.T) {
	_, telemetry, _ := seedMarks(t)
	entries := telemetry.Header[1:]
	require.Len(t, entries, 2)
	for _, arg := range []string{"Telemetry", "telemetry", "/apache.rocketmq.v2.MessagingService/Telemetry"} {
		r := statuscode(t, nil, "rpc", arg)
		assert.Equal(t, exitNotFound, r.code, arg)
		assert.Empty(t, r.stdout, arg)
		for _, e := range entries {
			assert.Contains(t, r.stderr, e, arg)
		}
	}
	for _, e := range entries {
		r := statuscode(t, nil, "rpc", e, "--json")
		require.Equal(t, exitFound, r.code, e)
		var res rpcResult
		require.NoError(t, jsonUnmarshal(r.stdout, &res))
		assert.Equal(t, "/"+rocketmq.Service+"/Telemetry", res.Method)
	}
	assert.Contains(t, statuscode(t, nil, "rpc", "SendMesage").stderr, "did you mean SendMessage?")
}

// TestOwnNumbers: httpmap's numbers are its own, not gRPC's, and every
// form of output says so; no other registry's hits do.
func TestOwnNumbers(t *testing.T) {
	res, _ := lookupJSON(t, "PERMISSION_DENIED")
	hits := byRegistry(t, res.Hits)
	require.Contains(t, hits, "httpmap")
	require.Contains(t, hits, "grpc")
	assert.True(t, hits["httpmap"].OwnNumber)
	assert.False(t, hits["grpc"].OwnNumber)
	assert.NotEqual(t, hits["grpc"].Number, hits["httpmap"].Number, "the same name, numbered apart")

	text := statuscode(t, nil, "PERMISSION_DENIED").stdout
	own := fmt.Sprintf("%d is httpmap's own number (httpmap.Code), not gRPC's", hits["httpmap"].Number)
	assert.Contains(t, strings.Join(strings.Fields(text), " "), own)
	assert.Equal(t, 1, strings.Count(text, "own number"), "only the httpmap card says so")

	table := statuscode(t, nil, "--search", "topic").stdout
	for _, line := range strings.Split(table, "\n") {
		if strings.HasPrefix(line, "httpmap ") {
			assert.Contains(t, line, " (own) ", line)
		} else if strings.HasPrefix(line, "rocketmq ") {
			assert.NotContains(t, line, "(own)", line)
		}
	}
	assert.Contains(t, table, "(own): httpmap's own number")

	// A number lookup never reaches httpmap's numbers.
	res, _ = lookupJSON(t, strconv.FormatInt(hits["httpmap"].Number, 10))
	assert.NotContains(t, byRegistry(t, res.Hits), "httpmap")
}

// TestNothingOnStdoutBeforeAnError: a query that fails writes its one
// line to stderr and nothing to stdout; only --json answers with an
// empty list.
func TestNothingOnStdoutBeforeAnError(t *testing.T) {
	for _, args := range [][]string{
		{"--search", "NOTFOUND"}, {"--search", "xyzzy", "--registry", "turms"}, {"99999"}, {"TOPIC_NOT_FUOND"},
		{"--registry", "rocketmq", "404"}, {"rpc", "Telemetry"}, {"rpc", "Nope"}, {"docs", "kafka"},
		{"--bogus"}, {"404", "405"}, {"docs", "readme", "-w", "/nonexistent/README.md"}, {"-"},
	} {
		r := statuscode(t, nil, args...)
		assert.NotEqual(t, exitFound, r.code, args)
		assert.Empty(t, r.stdout, "%q writes to stdout: %q", args, r.stdout)
		assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "%q: %s", args, r.stderr)
	}
	r := statuscode(t, nil, "--search", "NOTFOUND", "--json")
	assert.Equal(t, exitNotFound, r.code)
	assert.JSONEq(t, `{"query":"NOTFOUND","hits":[]}`, r.stdout)
}

// TestFromServerNames: the Turms Kotlin client's names of server codes,
// NAME_FROM_SERVER, find the server code NAME.
func TestFromServerNames(t *testing.T) {
	server := seedTables(t, "turms-status-code.md")[1]
	for _, name := range []string{"INVALID_REQUEST_FROM_SERVER", "CLIENT_REQUESTS_TOO_FREQUENT_FROM_SERVER", "ILLEGAL_ARGUMENT_FROM_SERVER"} {
		base := strings.TrimSuffix(name, "_FROM_SERVER")
		i := slices.IndexFunc(server.Rows, func(row []string) bool { return row[1] == base })
		require.GreaterOrEqual(t, i, 0, base)
		want, err := strconv.ParseInt(server.Rows[i][2], 10, 64)
		require.NoError(t, err)
		for _, arg := range []string{name, strings.ToLower(name)} {
			res, r := lookupJSON(t, arg)
			require.Equal(t, exitFound, r.code, "%s: %s", arg, r.stderr)
			hits := byRegistry(t, res.Hits)
			require.Contains(t, hits, "turms", arg)
			assert.Equal(t, want, hits["turms"].Number, arg)
			assert.Equal(t, base, hits["turms"].Name, arg)
			assert.NotContains(t, hits, "turms-client", "%s names a server code", arg)
		}
	}
}

// helpShapes parses the JSON shapes --help documents: for each shape
// (a query form, or hit), the field names it lists, and the fields
// whose value is an object written as its source wrote it ("object").
func helpShapes(t *testing.T) (shapes map[string][]string, refs map[string][]string, opaque map[string]bool) {
	t.Helper()
	help := statuscode(t, nil, "--help").stdout
	_, section, ok := strings.Cut(help, "\nJSON shapes")
	require.True(t, ok, "--help has a JSON shapes section")
	heading := regexp.MustCompile(`^  (\S.*):$`)
	field := regexp.MustCompile(`"([a-z_]+)"\??:`)
	object := regexp.MustCompile(`"([a-z_]+)"\??: \[?object\]?`)
	ref := regexp.MustCompile(`\[([a-z]+)\]`)
	shapes, refs, opaque = map[string][]string{}, map[string][]string{}, map[string]bool{}
	name := ""
	for _, line := range strings.Split(section, "\n") {
		if m := heading.FindStringSubmatch(line); m != nil {
			name = m[1]
			shapes[name] = nil
			continue
		}
		if name == "" {
			continue
		}
		for _, m := range field.FindAllStringSubmatch(line, -1) {
			shapes[name] = append(shapes[name], m[1])
		}
		for _, m := range object.FindAllStringSubmatch(line, -1) {
			opaque[m[1]] = true
		}
		for _, m := range ref.FindAllStringSubmatch(line, -1) {
			if m[1] != "string" && m[1] != "object" {
				refs[name] = append(refs[name], m[1])
			}
		}
	}
	return shapes, refs, opaque
}

// jsonKeys adds the keys of every object in v to keys, without looking
// inside the values of opaque keys.
func jsonKeys(v any, opaque map[string]bool, keys map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			keys[k] = true
			if !opaque[k] {
				jsonKeys(e, opaque, keys)
			}
		}
	case []any:
		for _, e := range v {
			jsonKeys(e, opaque, keys)
		}
	}
}

// TestHelpDocumentsEveryJSONField walks the JSON of every query form and
// holds its keys to the shapes --help documents: each key a query writes
// is documented for it (in its shape, or in one its shape refers to),
// and each documented key is written by some query.
func TestHelpDocumentsEveryJSONField(t *testing.T) {
	shapes, refs, opaque := helpShapes(t)
	for _, want := range []string{"NUMBER, NAME, --search", "hit", "rpc", "matrix", "drift", "-"} {
		require.Contains(t, shapes, want, "--help documents the shape of %s", want)
	}
	documented := func(shape string) map[string]bool {
		keys := map[string]bool{}
		for _, s := range append([]string{shape}, refs[shape]...) {
			for _, k := range shapes[s] {
				keys[k] = true
			}
		}
		return keys
	}

	whole, body := answer(t, rocketmq.Errorf(rocketmq.TopicNotFound, "no topic %q", "orders"))
	forms := []struct {
		shape string
		stdin []byte
		args  []string
	}{
		{"NUMBER, NAME, --search", nil, []string{"40402"}},
		{"NUMBER, NAME, --search", nil, []string{"40499"}},
		{"NUMBER, NAME, --search", nil, []string{"Code(40499)"}},
		{"NUMBER, NAME, --search", nil, []string{"100"}},
		{"NUMBER, NAME, --search", nil, []string{"14"}},
		{"NUMBER, NAME, --search", nil, []string{"SYNC_TIMEOUT"}},
		{"NUMBER, NAME, --search", nil, []string{"200"}},
		{"NUMBER, NAME, --search", nil, []string{"503", "--all"}},
		{"NUMBER, NAME, --search", nil, []string{"INVALID_REQUEST"}},
		{"NUMBER, NAME, --search", nil, []string{"PERMISSION_DENIED"}},
		{"NUMBER, NAME, --search", nil, []string{"TOPIC_NOT_FUOND"}},
		{"NUMBER, NAME, --search", nil, []string{"--search", "group"}},
		{"NUMBER, NAME, --search", nil, []string{"--search", "xyzzy"}},
		{"rpc", nil, []string{"rpc", "SendMessage"}},
		{"rpc", nil, []string{"rpc", "Heartbeat"}},
		{"rpc", nil, []string{"rpc", "RecallMessage"}},
		{"matrix", nil, []string{"matrix"}},
		{"drift", nil, []string{"drift", "turms"}},
		{"-", body, []string{"-"}},
		{"-", whole, []string{"-"}},
		{"-", []byte("HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n\r\n<html>502</html>"), []string{"-"}},
		{"-", []byte(`{"requestId":"c2f3","error":{"code":400,"message":"TOPIC_NOT_EXIST","status":"TOPIC_NOT_EXIST"}}`), []string{"-"}},
		{"-", []byte(`{"error":{"code":504,"message":"slow","status":"DEADLINE_EXCEEDED"}}`), []string{"-"}},
	}
	written := map[string]bool{}
	for _, f := range forms {
		r := statuscode(t, f.stdin, append(f.args, "--json")...)
		var v any
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &v), "%q: %s", f.args, r.stdout)
		keys := map[string]bool{}
		jsonKeys(v, opaque, keys)
		doc := documented(f.shape)
		for k := range keys {
			written[k] = true
			assert.True(t, doc[k], "%q writes %q, which --help does not document for %s", f.args, k, f.shape)
		}
	}
	for _, s := range slices.Sorted(maps.Keys(shapes)) {
		for _, k := range shapes[s] {
			assert.True(t, written[k], "--help documents %q (%s), which no query wrote", k, s)
		}
	}
	for _, k := range []string{"class_number", "in_matrix", "own_number", "details"} {
		assert.True(t, written[k] && slices.ContainsFunc(slices.Collect(maps.Values(shapes)), func(ks []string) bool {
			return slices.Contains(ks, k)
		}), "%s is written and documented", k)
	}
}
