package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bin is the command built once for every test: the tests run what a
// user runs, not only the functions behind it.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "statuscode-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "statuscode")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building statuscode: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is one run of the built command.
type result struct {
	stdout, stderr string
	code           int
}

// statuscode runs the built command with args and stdin.
func statuscode(t testing.TB, stdin []byte, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "NO_COLOR=")
	cmd.Stdin = bytes.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	code := 0
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else {
		require.NoError(t, err)
	}
	r := result{stdout.String(), stderr.String(), code}
	// Whatever the input, never a panic or a stack trace.
	assert.NotContains(t, r.stderr, "goroutine", args)
	assert.NotContains(t, r.stderr, "panic", args)
	return r
}

// lookupJSON runs a lookup with --json and decodes its answer.
func lookupJSON(t *testing.T, args ...string) (lookupResult, result) {
	t.Helper()
	r := statuscode(t, nil, append(args, "--json")...)
	var res lookupResult
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &res), r.stdout)
	return res, r
}

// byRegistry indexes hits by registry; each registry must appear once.
func byRegistry(t *testing.T, hs []hit) map[string]hit {
	t.Helper()
	m := map[string]hit{}
	for _, h := range hs {
		_, dup := m[h.Registry]
		require.False(t, dup, "registry %s answers twice", h.Registry)
		m[h.Registry] = h
	}
	return m
}

func TestExitStatusAndStderr(t *testing.T) {
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"40402"}, exitFound},
		{[]string{"not_found"}, exitFound},
		{[]string{"--search", "group"}, exitFound},
		{[]string{"rpc", "SendMessage"}, exitFound},
		{[]string{"matrix"}, exitFound},
		{[]string{"docs", "turms"}, exitFound},
		{[]string{"--help"}, exitFound},
		{[]string{"help"}, exitFound},
		{[]string{"99999"}, exitNotFound},
		{[]string{"-7"}, exitNotFound},
		{[]string{"123456789012345678901234567890"}, exitNotFound},
		{[]string{"TOPIC_NOT_FUOND"}, exitNotFound},
		{[]string{"--search", "xyzzy"}, exitNotFound},
		{[]string{"rpc", "Telemetry"}, exitNotFound},
		{[]string{"--registry", "rocketmq", "404"}, exitNotFound},
		{[]string{"Code(40402)"}, exitFound},
		{[]string{}, exitUsage},
		{[]string{""}, exitUsage},
		{[]string{"--bogus", "1"}, exitUsage},
		{[]string{"404", "405"}, exitUsage},
		{[]string{"--registry"}, exitUsage},
		{[]string{"--registry", "kafka", "1"}, exitUsage},
		{[]string{"--search"}, exitUsage},
		{[]string{"rpc"}, exitUsage},
		{[]string{"matrix", "extra"}, exitUsage},
		{[]string{"docs", "kafka"}, exitUsage},
		{[]string{"docs", "grpc", "--json"}, exitUsage},
		{[]string{"--json=yes", "1"}, exitUsage},
		{[]string{"-w", "x", "1"}, exitUsage},
		{[]string{"rpc", "SendMessage", "--registry", "turms"}, exitUsage},
	}
	for _, c := range cases {
		r := statuscode(t, nil, c.args...)
		assert.Equal(t, c.code, r.code, "%q: stderr %s", c.args, r.stderr)
		switch c.code {
		case exitFound:
			assert.NotEmpty(t, r.stdout, c.args)
			assert.Empty(t, r.stderr, c.args)
		default:
			assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "one line on stderr for %q: %s", c.args, r.stderr)
			assert.True(t, strings.HasPrefix(r.stderr, "statuscode: "), r.stderr)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	for in, want := range map[string]string{
		"TOPIC_NOT_FUOND":      "TOPIC_NOT_FOUND",
		"topic-not-found-x":    "TOPIC_NOT_FOUND",
		"SERVER_UNAVAILABEL":   "SERVER_UNAVAILABLE",
		"heartbeat_timout":     "HEARTBEAT_TIMEOUT",
		"THROUGHPUT_UP_TO_LIM": "THROUGHPUT_UP_TO_LIMIT",
	} {
		r := statuscode(t, nil, in)
		assert.Equal(t, exitNotFound, r.code)
		assert.Contains(t, r.stderr, "did you mean "+want+"?", in)
	}
	r := statuscode(t, nil, "completely_unrelated_words")
	assert.NotContains(t, r.stderr, "did you mean")
	r = statuscode(t, nil, "rpc", "SendMesage")
	assert.Equal(t, exitNotFound, r.code)
	assert.Contains(t, r.stderr, "did you mean SendMessage?")
}

func TestNoColourOnAPipe(t *testing.T) {
	for _, args := range [][]string{{"40402"}, {"403"}, {"matrix"}, {"rpc", "SendMessage"}} {
		r := statuscode(t, nil, args...)
		assert.NotContains(t, r.stdout, "\x1b[", args)
	}
	pr, pw, err := os.Pipe()
	require.NoError(t, err)
	defer pr.Close()
	defer pw.Close()
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	assert.False(t, colorAllowed(pw, getenv), "a pipe is no terminal")
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		assert.True(t, colorAllowed(tty, getenv))
		env["NO_COLOR"] = "1"
		assert.False(t, colorAllowed(tty, getenv), "NO_COLOR")
		env["NO_COLOR"], env["TERM"] = "", "dumb"
		assert.False(t, colorAllowed(tty, getenv), "TERM=dumb")
	}
	var colored, plain bytes.Buffer
	run([]string{"40402"}, nil, &colored, &bytes.Buffer{}, true)
	run([]string{"40402"}, nil, &plain, &bytes.Buffer{}, false)
	assert.Contains(t, colored.String(), "\x1b[1mTOPIC_NOT_FOUND\x1b[0m")
	assert.NotContains(t, plain.String(), "\x1b[")
	colored.Reset()
	run([]string{"40402", "--json"}, nil, &colored, &bytes.Buffer{}, true)
	assert.NotContains(t, colored.String(), "\x1b[", "JSON is never coloured")
}

func TestHelpNamesEveryQuery(t *testing.T) {
	r := statuscode(t, nil, "-h")
	for _, want := range []string{"--search", "--registry", "--all", "--json", "rpc RPC", "matrix", "docs REGISTRY", "Exit status", "JSON shapes"} {
		assert.Contains(t, r.stdout, want)
	}
}
