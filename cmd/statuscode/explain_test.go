package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// answer serves err through httpmap.Handler on a loopback server and
// returns the whole response as curl -i prints it, and its body alone.
func answer(t *testing.T, err error) (whole, body []byte) {
	t.Helper()
	srv := httptest.NewServer(httpmap.Handler(func(http.ResponseWriter, *http.Request) error { return err }))
	defer srv.Close()
	resp, gerr := http.Get(srv.URL)
	require.NoError(t, gerr)
	defer resp.Body.Close()
	whole, derr := httputil.DumpResponse(resp, true)
	require.NoError(t, derr)
	_, body, _ = bytes.Cut(whole, []byte("\r\n\r\n"))
	return whole, body
}

func explainJSON(t *testing.T, stdin []byte) (explainResult, result) {
	t.Helper()
	r := statuscode(t, stdin, "-", "--json")
	var res explainResult
	if r.code == exitFound {
		require.NoError(t, jsonUnmarshal(r.stdout, &res), r.stdout)
	}
	return res, r
}

func TestExplainRegistryErrors(t *testing.T) {
	cases := []struct {
		err            error
		registry, name string
		http           int
		retry          string
	}{
		{rocketmq.Errorf(rocketmq.TopicNotFound, "no topic %q", "orders"), "rocketmq", "TOPIC_NOT_FOUND", 404, "fail"},
		{rocketmq.Errorf(rocketmq.TooManyRequests, "slow down"), "rocketmq", "TOO_MANY_REQUESTS", 429, "backoff"},
		{rocketmq.Errorf(40499, "newer server"), "rocketmq", "Code(40499)", 404, "fail"},
		{turms.Errorf(turms.ServerUnavailable, "down"), "turms", "SERVER_UNAVAILABLE", 503, "retry"},
		{httpmap.Errorf(httpmap.RateLimit, "tps"), "httpmap", "RATE_LIMIT", 429, "backoff"},
	}
	for _, c := range cases {
		whole, body := answer(t, c.err)
		for _, in := range [][]byte{body, whole} {
			res, r := explainJSON(t, in)
			require.Equal(t, exitFound, r.code, "%s: %s", c.name, r.stderr)
			assert.Equal(t, c.http, res.HTTP, c.name)
			require.NotEmpty(t, res.Codes, c.name)
			assert.Equal(t, c.registry, res.Codes[0].Registry, c.name)
			assert.Equal(t, c.name, res.Codes[0].Name, c.name)
			assert.Equal(t, c.retry, res.Retry.Decision, c.name)
			assert.NotEmpty(t, res.RequestID, "WriteError always sets a request ID")
		}
		text := statuscode(t, body, "-").stdout
		assert.Contains(t, text, fmt.Sprintf("HTTP %d", c.http))
		assert.Contains(t, text, c.name)
	}
}

// TestExplainSeedAPIAnswers reads the JD Cloud API's own answers: a
// status string and no ErrorInfo.
func TestExplainSeedAPIAnswers(t *testing.T) {
	res, r := explainJSON(t, []byte(`{"requestId":"c2f3","error":{"code":400,"message":"TOPIC_NOT_EXIST","status":"TOPIC_NOT_EXIST"}}`))
	require.Equal(t, exitFound, r.code, r.stderr)
	assert.Equal(t, "c2f3", res.RequestID)
	assert.Equal(t, "TOPIC_NOT_EXIST", res.Status)
	require.Len(t, res.Codes, 1)
	assert.Equal(t, "httpmap", res.Codes[0].Registry)
	assert.Equal(t, "TOPIC_NOT_EXIST", res.Codes[0].Name)
	assert.Equal(t, "fail", res.Retry.Decision)

	// A canonical status with no registry code decides by its gRPC code.
	res, r = explainJSON(t, []byte(`{"error":{"code":503,"message":"try later","status":"UNAVAILABLE"}}`))
	require.Equal(t, exitFound, r.code, r.stderr)
	assert.Empty(t, res.Codes)
	assert.Equal(t, "UNAVAILABLE", res.GRPC)
	assert.Equal(t, "retry", res.Retry.Decision)
	assert.Contains(t, statuscode(t, []byte(`{"error":{"code":503,"status":"UNAVAILABLE"}}`), "-").stdout, "registry code")
}

func TestExplainRejectsWhatIsNoAnswer(t *testing.T) {
	huge := append([]byte(`{"error":{"code":500,"message":"`), bytes.Repeat([]byte("x"), 3<<20)...)
	for name, in := range map[string][]byte{
		"empty":          nil,
		"blank":          []byte(" \n\t"),
		"not JSON":       []byte("<html>502 Bad Gateway</html>"),
		"no error":       []byte(`{"requestId":"x"}`),
		"no code":        []byte(`{"error":{"message":"m"}}`),
		"success status": []byte(`{"error":{"code":200}}`),
		"code is text":   []byte(`{"error":{"code":"NOT_FOUND"}}`),
		"truncated":      []byte(`{"error":{"code":404,"status":"NOT_`),
		"deep":           []byte(strings.Repeat("[", 100000)),
		"huge":           huge,
		"bad HTTP":       []byte("HTTP/1.1 abc\r\n\r\n"),
		"HTTP 200":       []byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"),
	} {
		r := statuscode(t, in, "-")
		assert.Equal(t, exitNotFound, r.code, name)
		assert.Contains(t, r.stderr, "no error answer", name)
		assert.Equal(t, 1, strings.Count(r.stderr, "\n"), name)
	}
}

// TestExplainStdinReadError: a failing standard input is an answer of
// exit status 1, not a crash.
func TestExplainStdinReadError(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"-"}, io.MultiReader(strings.NewReader(`{"error":`), errReader{}), &stdout, &stderr, false)
	assert.Equal(t, exitNotFound, code)
	assert.Contains(t, stderr.String(), "reading standard input")
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("broken pipe") }
