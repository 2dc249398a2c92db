package main

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseArgs(t *testing.T) {
	cases := []struct {
		args []string
		want query
	}{
		{[]string{"40402"}, query{verb: verbLookup, arg: "40402"}},
		{[]string{"-5"}, query{verb: verbLookup, arg: "-5"}},
		{[]string{"--json", "not_found"}, query{verb: verbLookup, arg: "not_found", json: true}},
		{[]string{"not_found", "-json"}, query{verb: verbLookup, arg: "not_found", json: true}},
		{[]string{"--registry", "turms", "3403"}, query{verb: verbLookup, arg: "3403", only: []string{"turms", "turms-client", "turms-close"}, registry: "turms"}},
		{[]string{"3403", "--registry=GRPCCODES"}, query{verb: verbLookup, arg: "3403", only: []string{"grpc"}, registry: "GRPCCODES"}},
		{[]string{"--search", "group", "--all"}, query{verb: verbSearch, arg: "group", all: true}},
		{[]string{"-s=group"}, query{verb: verbSearch, arg: "group"}},
		{[]string{"rpc", "SendMessage"}, query{verb: verbRPC, arg: "SendMessage"}},
		{[]string{"matrix", "--json"}, query{verb: verbMatrix, json: true}},
		{[]string{"-"}, query{verb: verbExplain}},
		{[]string{"--", "-"}, query{verb: verbExplain}},
		{[]string{"--", "--json"}, query{verb: verbLookup, arg: "--json"}},
		{[]string{"docs", "grpc"}, query{verb: verbDocs, arg: "grpc"}},
		{[]string{"docs", "readme", "-w", "README.md"}, query{verb: verbDocs, arg: "readme", write: "README.md"}},
		{[]string{"404", "-h"}, query{verb: verbHelp}},
	}
	for _, c := range cases {
		got, err := parseArgs(c.args)
		require.NoError(t, err, c.args)
		assert.Equal(t, c.want, got, c.args)
	}
}

// FuzzParseQuery feeds the query parser any command line: it never
// panics; it gives a usage error or a query whose verb runs; and a lookup
// or search of any text never panics either.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"40402", "not_found", "--search\x00group", "--registry\x00turms\x003403", "rpc\x00SendMessage",
		"matrix", "-", "docs\x00grpc", "--json\x00503\x00--all", "--registry=", "-w\x00x", "--\x00-",
		"99999999999999999999", "-9223372036854775808", "Code(40499)", "CODE_MINUS_5", "\xff\xfe",
		"--search\x00" + strings.Repeat("a", 300),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Split(line, "\x00")
		q, err := parseArgs(args)
		if err != nil {
			var u *usageError
			if !errors.As(err, &u) {
				t.Fatalf("parseArgs(%q): %v is not a usage error", args, err)
			}
			return
		}
		if q.verb < verbHelp || q.verb > verbDocs {
			t.Fatalf("parseArgs(%q): verb %d", args, q.verb)
		}
		switch q.verb {
		case verbLookup, verbSearch, verbRPC:
			if q.arg == "" {
				t.Fatalf("parseArgs(%q): %v needs an argument", args, q.verb)
			}
		}
		if q.verb == verbLookup || q.verb == verbSearch || q.verb == verbRPC {
			code := run(args, strings.NewReader(""), io.Discard, io.Discard, false)
			if code != exitFound && code != exitNotFound {
				t.Fatalf("run(%q) = %d after a clean parse", args, code)
			}
		}
	})
}

func TestClosest(t *testing.T) {
	names := []string{"TOPIC_NOT_FOUND", "NOT_FOUND", "OK"}
	assert.Equal(t, "TOPIC_NOT_FOUND", closest("topicnotfound", names))
	assert.Equal(t, "TOPIC_NOT_FOUND", closest("TOPIC_NOT_FUOND", names))
	assert.Equal(t, "NOT_FOUND", closest("not-fund", names))
	assert.Equal(t, "", closest("GATEWAY", names))
	assert.Equal(t, "", closest("", names))
	assert.Equal(t, "", closest(strings.Repeat("X", 1000), names))
	assert.Equal(t, 3, distance("kitten", "sitting"))
}
