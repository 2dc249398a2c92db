package httpmap_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/retry"
)

// scriptedServer is a loopback HTTP server that answers from a script, one
// answer a request, the last one repeated, and records what arrived.
type scriptedServer struct {
	mu      sync.Mutex
	script  []func(w http.ResponseWriter, r *http.Request)
	arrived []time.Time
	bodies  []string
}

func (rec *scriptedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec.mu.Lock()
	n := len(rec.arrived)
	rec.arrived = append(rec.arrived, time.Now())
	rec.bodies = append(rec.bodies, string(body))
	h := rec.script[min(n, len(rec.script)-1)]
	rec.mu.Unlock()
	h(w, r)
}

func (rec *scriptedServer) times() []time.Time {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]time.Time(nil), rec.arrived...)
}

func serve(t *testing.T, script ...func(w http.ResponseWriter, r *http.Request)) (*scriptedServer, string) {
	t.Helper()
	rec := &scriptedServer{script: script}
	srv := httptest.NewServer(rec) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return rec, srv.URL
}

// answer writes status with headers (name, value pairs) and body.
func answer(status int, body string, headers ...string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func client(p retry.Policy) *http.Client {
	return &http.Client{Transport: &httpmap.RetryTransport{Policy: p}}
}

var quick = retry.Policy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}

func do(t *testing.T, c *http.Client, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(body)
}

func get(t *testing.T, url string) *http.Request {
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	require.NoError(t, err)
	return req
}

// A 503 with Retry-After: 1 is sent again after about a second, and the
// final answer comes back with its body.
func TestRetryTransportRetryAfterSeconds(t *testing.T) {
	rec, url := serve(t, answer(503, "busy", "Retry-After", "1"), answer(200, "done"))
	resp, body := do(t, client(retry.Policy{}), get(t, url))
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "done", body)
	at := rec.times()
	require.Len(t, at, 2)
	assert.GreaterOrEqual(t, at[1].Sub(at[0]), 950*time.Millisecond)
}

func TestRetryTransportRetryAfterDate(t *testing.T) {
	date := time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat) // whole seconds: 1s to 2s ahead
	rec, url := serve(t, answer(503, "", "Retry-After", date), answer(200, "done"))
	resp, _ := do(t, client(retry.Policy{}), get(t, url))
	assert.Equal(t, 200, resp.StatusCode)
	at := rec.times()
	require.Len(t, at, 2)
	assert.GreaterOrEqual(t, at[1].Sub(at[0]), 900*time.Millisecond)
}

// The RetryInfo detail of an AIP-193 answer sets the wait.
func TestRetryTransportRetryInfo(t *testing.T) {
	const busy = `{"error":{"code":503,"message":"busy","status":"UNAVAILABLE","details":[` +
		`{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"0.3s"}]}}`
	rec, url := serve(t, answer(503, busy, "Content-Type", "application/json"), answer(200, "done"))
	resp, _ := do(t, client(retry.Policy{BaseDelay: time.Millisecond}), get(t, url))
	assert.Equal(t, 200, resp.StatusCode)
	at := rec.times()
	require.Len(t, at, 2)
	assert.GreaterOrEqual(t, at[1].Sub(at[0]), 300*time.Millisecond)
}

// A server's wish beyond MaxDelay waits MaxDelay.
func TestRetryTransportCapsTheServersDelay(t *testing.T) {
	rec, url := serve(t, answer(503, "", "Retry-After", "3600"), answer(200, "done"))
	begin := time.Now()
	resp, _ := do(t, client(retry.Policy{MaxDelay: 20 * time.Millisecond}), get(t, url))
	assert.Equal(t, 200, resp.StatusCode)
	assert.Len(t, rec.times(), 2)
	assert.Less(t, time.Since(begin), 30*time.Second)
}

// The attempt limit holds, and the last answer comes back whole.
func TestRetryTransportAttemptLimit(t *testing.T) {
	rec, url := serve(t, answer(503, "attempt 1"), answer(502, "attempt 2"), answer(503, strings.Repeat("x", 10000)))
	resp, body := do(t, client(retry.Policy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}), get(t, url))
	assert.Equal(t, 503, resp.StatusCode)
	assert.Equal(t, strings.Repeat("x", 10000), body)
	assert.Len(t, rec.times(), 3)
}

// A failure that is not retryable is not resent, and its answer, read to
// decide it, reaches the caller whole, even beyond the read bound.
func TestRetryTransportKeepsTheBodyOfAFinalAnswer(t *testing.T) {
	const notFound = `{"error":{"code":400,"message":"no topic","status":"TOPIC_NOT_EXIST"}}`
	large := strings.Repeat("y", httpmap.DefaultMaxBody+12345)
	for _, tc := range []struct {
		status int
		body   string
	}{
		{404, "no such page"}, {400, notFound}, {500, large}, {403, ""},
	} {
		rec, url := serve(t, answer(tc.status, tc.body), answer(200, "resent"))
		resp, body := do(t, client(quick), get(t, url))
		assert.Equal(t, tc.status, resp.StatusCode)
		assert.True(t, body == tc.body, "%d: the body of %d bytes came back as %d bytes", tc.status, len(tc.body), len(body))
		assert.Len(t, rec.times(), 1, "%d", tc.status)
	}
}

func TestRetryTransportDecidesByCode(t *testing.T) {
	const syncTimeout = `{"requestId":"r1","error":{"code":408,"message":"timed out","status":"SYNC_TIMEOUT"}}`
	const rate = `{"requestId":"r2","error":{"code":429,"message":"slow","status":"RATE_LIMIT"}}`
	for _, tc := range []struct {
		name   string
		method string
		a      func(http.ResponseWriter, *http.Request)
		sends  int
	}{
		{"SYNC_TIMEOUT on GET: idempotent", http.MethodGet, answer(408, syncTimeout), 2},
		{"SYNC_TIMEOUT on POST: not sent again", http.MethodPost, answer(408, syncTimeout), 1},
		{"RATE_LIMIT on PUT", http.MethodPut, answer(429, rate), 2},
		{"a bare 429", http.MethodDelete, answer(429, ""), 2},
		{"an HTML 502", http.MethodHead, answer(502, "<html>bad gateway</html>", "Content-Type", "text/html"), 2},
		{"a 504", http.MethodOptions, answer(504, ""), 2},
		{"a 501", http.MethodGet, answer(501, ""), 1},
		{"a 401", http.MethodGet, answer(401, ""), 1},
		{"a POST's 503", http.MethodPost, answer(503, "busy"), 1},
		{"a PATCH's 503", http.MethodPatch, answer(503, "busy"), 1},
	} {
		rec, url := serve(t, tc.a, answer(200, "ok"))
		req, err := http.NewRequestWithContext(t.Context(), tc.method, url, nil)
		require.NoError(t, err)
		resp, _ := do(t, client(quick), req)
		assert.Len(t, rec.times(), tc.sends, tc.name)
		if tc.sends == 2 {
			assert.Equal(t, 200, resp.StatusCode, tc.name)
		}
	}
}

// A POST is resent only with an Idempotency-Key, and only when its body
// can be rewound; the server gets the whole body every time.
func TestRetryTransportIdempotencyKey(t *testing.T) {
	post := func(url, key string, body io.Reader) *http.Request {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url, body)
		require.NoError(t, err)
		if key != "" {
			req.Header.Set("Idempotency-Key", key)
		}
		return req
	}
	rec, url := serve(t, answer(503, "busy"))
	resp, body := do(t, client(quick), post(url, "", strings.NewReader("order 1")))
	assert.Equal(t, 503, resp.StatusCode)
	assert.Equal(t, "busy", body)
	assert.Len(t, rec.times(), 1, "no Idempotency-Key: sent once")

	rec, url = serve(t, answer(503, "busy"), answer(503, "busy"), answer(201, "created"))
	resp, _ = do(t, client(quick), post(url, "k-1", bytes.NewReader([]byte("order 2"))))
	assert.Equal(t, 201, resp.StatusCode)
	assert.Equal(t, []string{"order 2", "order 2", "order 2"}, rec.bodies)

	rec, url = serve(t, answer(503, "busy"), answer(201, "created"))
	resp, _ = do(t, client(quick), post(url, "k-2", io.NopCloser(strings.NewReader("order 3")))) // no GetBody
	assert.Equal(t, 503, resp.StatusCode)
	assert.Len(t, rec.times(), 1, "a body that cannot be rewound: sent once")
}

// A connection refused before the request was sent is retried for any
// method whose body can be rewound.
func TestRetryTransportRefusedConnection(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	url := "http://" + ln.Addr().String()
	require.NoError(t, ln.Close())

	var sent atomic.Int32
	counting := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent.Add(1)
		return http.DefaultTransport.RoundTrip(r)
	})
	c := &http.Client{Transport: &httpmap.RetryTransport{Base: counting, Policy: quick}}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url, strings.NewReader("x"))
	require.NoError(t, err)
	_, err = c.Do(req)
	require.Error(t, err)
	assert.True(t, errors.Is(err, syscall.ECONNREFUSED), "%v", err)
	assert.Equal(t, int32(4), sent.Load())

	sent.Store(0)
	req, err = http.NewRequestWithContext(t.Context(), http.MethodPost, url, io.NopCloser(strings.NewReader("x")))
	require.NoError(t, err)
	_, err = c.Do(req)
	require.Error(t, err)
	assert.Equal(t, int32(1), sent.Load(), "a body that cannot be rewound")
}

// A server that closes the connection without answering: a GET is sent
// again, a POST is not.
func TestRetryTransportBrokenConnection(t *testing.T) {
	hangUp := func(w http.ResponseWriter, _ *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}
	rec, url := serve(t, hangUp, answer(200, "ok"))
	resp, body := do(t, client(quick), get(t, url))
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "ok", body)
	assert.Len(t, rec.times(), 2)

	rec, url = serve(t, hangUp, answer(200, "ok"))
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url, strings.NewReader("x"))
	require.NoError(t, err)
	_, err = client(quick).Do(req)
	assert.Error(t, err)
	assert.Len(t, rec.times(), 1)
}

// The request's deadline ends the loop, and the last answer comes back.
func TestRetryTransportDeadline(t *testing.T) {
	rec, url := serve(t, answer(503, "down"))
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	require.NoError(t, err)
	begin := time.Now()
	resp, err := client(retry.Policy{MaxAttempts: 1000, BaseDelay: 20 * time.Millisecond, MaxDelay: 20 * time.Millisecond}).Do(req)
	assert.Less(t, time.Since(begin), 5*time.Second)
	if err == nil { // the last answer, or the deadline cutting the last attempt short
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, 503, resp.StatusCode)
		assert.Equal(t, "down", string(body))
	} else {
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	}
	n := len(rec.times())
	assert.Greater(t, n, 1)
	assert.Less(t, n, 1000)

	// A Retry-After beyond the deadline: no wait, no resend.
	rec, url = serve(t, answer(503, "later", "Retry-After", "5"))
	ctx, cancel = context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	req, err = http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	require.NoError(t, err)
	begin = time.Now()
	resp, body := do(t, client(retry.Policy{}), req)
	assert.Less(t, time.Since(begin), 900*time.Millisecond)
	assert.Equal(t, "later", body)
	assert.Equal(t, 503, resp.StatusCode)
	assert.Len(t, rec.times(), 1)
}

// Cancelling the request's context during a wait stops at once; nothing
// is sent after it.
func TestRetryTransportCancel(t *testing.T) {
	rec, url := serve(t, answer(503, "later", "Retry-After", "10"))
	ctx, cancel := context.WithCancel(t.Context())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	require.NoError(t, err)
	time.AfterFunc(100*time.Millisecond, cancel)
	begin := time.Now()
	resp, err := client(retry.Policy{MaxDelay: time.Minute}).Do(req)
	assert.Less(t, time.Since(begin), 5*time.Second)
	if err == nil {
		assert.Equal(t, 503, resp.StatusCode)
		resp.Body.Close()
	}
	time.Sleep(50 * time.Millisecond)
	assert.Len(t, rec.times(), 1)
}

// Backoff after a 429 waits: four waits in a row below 5ms from bounds of
// 40ms to 320ms have a chance of about 4 in a million.
func TestRetryTransportBacksOff(t *testing.T) {
	rec, url := serve(t, answer(429, ""))
	resp, _ := do(t, client(retry.Policy{MaxAttempts: 5, BaseDelay: 10 * time.Millisecond, MaxDelay: time.Second}), get(t, url))
	assert.Equal(t, 429, resp.StatusCode)
	at := rec.times()
	require.Len(t, at, 5)
	assert.GreaterOrEqual(t, at[4].Sub(at[0]), 5*time.Millisecond)
}

// The zero RetryTransport sends through http.DefaultTransport, and a
// success is handed back as it came, its body unread.
func TestRetryTransportZeroValueAndSuccess(t *testing.T) {
	rec, url := serve(t, answer(200, "fine"))
	resp, body := do(t, &http.Client{Transport: &httpmap.RetryTransport{}}, get(t, url))
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "fine", body)
	assert.Len(t, rec.times(), 1)

	var reads atomic.Int32
	orig := &countingBody{Reader: strings.NewReader("untouched"), reads: &reads}
	base := roundTripFunc(func(*http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 204, Body: orig, Header: http.Header{}}, nil
	})
	got, err := (&httpmap.RetryTransport{Base: base}).RoundTrip(get(t, url))
	require.NoError(t, err)
	assert.Same(t, orig, got.Body)
	assert.Zero(t, reads.Load())
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

type countingBody struct {
	io.Reader
	reads *atomic.Int32
}

func (b *countingBody) Read(p []byte) (int, error) { b.reads.Add(1); return b.Reader.Read(p) }
func (b *countingBody) Close() error               { return nil }

func TestRetryTransportSuccessDoesNotAllocate(t *testing.T) {
	resp := &http.Response{StatusCode: 200, Body: http.NoBody}
	base := roundTripFunc(func(*http.Request) (*http.Response, error) { return resp, nil })
	rt := &httpmap.RetryTransport{Base: base}
	req := get(t, "http://127.0.0.1/")
	assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = rt.RoundTrip(req) }))
}
