package httpmap_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
)

// record is one slog record, its attributes flattened to strings.
type record struct {
	level slog.Level
	msg   string
	attrs map[string]string
}

// recorder is a slog.Handler that keeps every record.
type recorder struct {
	mu      sync.Mutex
	records []record
}

func (h *recorder) Enabled(context.Context, slog.Level) bool { return true }
func (h *recorder) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *recorder) WithGroup(string) slog.Handler            { return h }
func (h *recorder) Handle(_ context.Context, r slog.Record) error {
	rec := record{level: r.Level, msg: r.Message, attrs: map[string]string{}}
	r.Attrs(func(a slog.Attr) bool {
		rec.attrs[a.Key] = a.Value.String()
		return true
	})
	h.mu.Lock()
	defer h.mu.Unlock()
	h.records = append(h.records, rec)
	return nil
}

func (h *recorder) all() []record {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]record(nil), h.records...)
}

// take returns the records kept so far and forgets them.
func (h *recorder) take() []record {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.records
	h.records = nil
	return r
}

// captureDefaultLog replaces slog's default logger with a recorder for
// the rest of the test, which therefore must not run in parallel.
func captureDefaultLog(t *testing.T) *recorder {
	t.Helper()
	h := &recorder{}
	old, out, flags := slog.Default(), log.Writer(), log.Flags()
	slog.SetDefault(slog.New(h))
	t.Cleanup(func() {
		slog.SetDefault(old)
		log.SetOutput(out) // slog.SetDefault redirected the log package
		log.SetFlags(flags)
	})
	return h
}

// syncBuffer is a bytes.Buffer safe for a server's ErrorLog.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// startTLS starts h on a loopback TLS server speaking HTTP/2 when h2 is
// set, HTTP/1.1 otherwise, with its ErrorLog going to the returned buffer.
func startTLS(t *testing.T, h http.Handler, h2 bool) (*httptest.Server, *syncBuffer) {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.EnableHTTP2 = h2
	errorLog := &syncBuffer{}
	srv.Config.ErrorLog = log.New(errorLog, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv, errorLog
}

// handlersDone waits until srv, closed, has no handler left running, so
// that whatever net/http logs about a handler's panic is in its ErrorLog.
// HTTP/1 logs before the connection closes, which srv.Close waits for;
// HTTP/2 logs at the end of each handler's goroutine (runHandler), which
// nothing waits for. TestLatePanicAbortsUnderPlainServer checks that this
// wait suffices.
func handlersDone(t *testing.T, srv *httptest.Server) {
	t.Helper()
	srv.Close()
	buf := make([]byte, 1<<20)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if !bytes.Contains(buf[:runtime.Stack(buf, true)], []byte("http2serverConn).runHandler")) {
			return
		}
	}
	t.Fatal("HTTP/2 handlers still running")
}

// TestLatePanicAborts: a panic after the handler wrote its headers is
// reported to OnPanic, and the client, over HTTP/1.1 and HTTP/2, gets an
// error instead of an answer that looks complete. A panic before
// anything was written is still answered with a 500 envelope; a panic
// with http.ErrAbortHandler is no failure of the handler and is reported
// nowhere. net/http logs none of this.
func TestLatePanicAborts(t *testing.T) {
	logs := captureDefaultLog(t)
	for _, h2 := range []bool{false, true} {
		proto, major := "HTTP/1.1", 1
		if h2 {
			proto, major = "HTTP/2", 2
		}
		t.Run(proto, func(t *testing.T) {
			var mu sync.Mutex
			var panics []any
			var errs []error
			env := &httpmap.Envelope{
				OnPanic: func(_ *http.Request, v any, _ []byte) {
					mu.Lock()
					defer mu.Unlock()
					panics = append(panics, v)
				},
				OnError: func(_ *http.Request, err error, _ int) {
					mu.Lock()
					defer mu.Unlock()
					errs = append(errs, err)
				},
			}
			reported := func() ([]any, []error) {
				mu.Lock()
				defer mu.Unlock()
				p, e := panics, errs
				panics, errs = nil, nil
				return p, e
			}
			mux := http.NewServeMux()
			mux.HandleFunc("/flushed", func(w http.ResponseWriter, _ *http.Request) {
				_, _ = io.WriteString(w, "partial")
				_ = http.NewResponseController(w).Flush()
				panic("after flushing")
			})
			mux.HandleFunc("/sized", func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Length", "7")
				_, _ = io.WriteString(w, "par")
				_ = http.NewResponseController(w).Flush()
				panic("after flushing part of a sized body")
			})
			mux.HandleFunc("/buffered", func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(http.StatusAccepted)
				_, _ = io.WriteString(w, "partial")
				panic("after writing")
			})
			mux.HandleFunc("/early", func(http.ResponseWriter, *http.Request) { panic("before writing") })
			mux.HandleFunc("/abort", func(w http.ResponseWriter, _ *http.Request) {
				_, _ = io.WriteString(w, "partial")
				_ = http.NewResponseController(w).Flush()
				panic(http.ErrAbortHandler)
			})
			srv, errorLog := startTLS(t, env.Middleware(mux), h2)
			client := srv.Client()

			// Written and flushed: the status and the part arrive, then
			// reading the body fails.
			for _, path := range []string{"/flushed", "/sized", "/abort"} {
				resp, err := client.Get(srv.URL + path)
				require.NoError(t, err, path)
				assert.Equal(t, major, resp.ProtoMajor, path)
				assert.Equal(t, http.StatusOK, resp.StatusCode, path)
				b, err := io.ReadAll(resp.Body)
				_ = resp.Body.Close()
				assert.Error(t, err, "%s: reading the body of an aborted answer fails", path)
				assert.True(t, strings.HasPrefix("partial", string(b)), "%s: read %q", path, b)
			}
			p, e := reported()
			assert.Equal(t, []any{"after flushing", "after flushing part of a sized body"}, p,
				"each late panic is reported; ErrAbortHandler is not")
			assert.Empty(t, e, "an aborted answer is not written by WriteError")

			// Written but still buffered: nothing reached the client, which
			// gets an error for the call itself, or at the latest when
			// reading the body. (POST, which the client does not retry.)
			resp, err := client.Post(srv.URL+"/buffered", "text/plain", strings.NewReader("x"))
			if err == nil {
				_, err = io.ReadAll(resp.Body)
				_ = resp.Body.Close()
			}
			assert.Error(t, err, "/buffered")
			p, e = reported()
			assert.Equal(t, []any{"after writing"}, p)
			assert.Empty(t, e)

			// Nothing written: an error answer.
			resp, err = client.Get(srv.URL + "/early")
			require.NoError(t, err)
			re, err := httpmap.ReadError(resp)
			require.NoError(t, err)
			require.NoError(t, re.BodyError())
			assert.Equal(t, http.StatusInternalServerError, re.HTTPStatus())
			assert.Equal(t, "INTERNAL", re.Status())
			assert.Equal(t, "internal error", re.Message())
			p, e = reported()
			assert.Equal(t, []any{"before writing"}, p)
			assert.Equal(t, []error{httpmap.ErrPanic}, e)

			handlersDone(t, srv)
			assert.Empty(t, errorLog.String(), "net/http logs no aborted answer")
		})
	}
	assert.Empty(t, logs.all(), "with both hooks set, nothing reaches slog")
}

// TestLatePanicAbortsUnderPlainServer is the control of
// TestLatePanicAborts: with no Middleware, net/http itself breaks the
// answer of a late panic, and logs it to the ErrorLog the test reads.
func TestLatePanicAbortsUnderPlainServer(t *testing.T) {
	for _, h2 := range []bool{false, true} {
		srv, errorLog := startTLS(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			_, _ = io.WriteString(w, "partial")
			_ = http.NewResponseController(w).Flush()
			panic("plain panic")
		}), h2)
		resp, err := srv.Client().Get(srv.URL)
		require.NoError(t, err)
		_, err = io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		assert.Error(t, err, "h2=%v", h2)
		handlersDone(t, srv)
		assert.Contains(t, errorLog.String(), "plain panic", "h2=%v", h2)
	}
}

// TestLatePanicAbortsThroughNesting: a late panic in a Handler nested in
// a Middleware is reported once, by the inner one, and still aborts.
func TestLatePanicAbortsThroughNesting(t *testing.T) {
	var mu sync.Mutex
	var panics []any
	onPanic := func(_ *http.Request, v any, _ []byte) {
		mu.Lock()
		defer mu.Unlock()
		panics = append(panics, v)
	}
	inner := &httpmap.Envelope{OnPanic: onPanic}
	outer := &httpmap.Envelope{OnPanic: onPanic}
	h := outer.Middleware(inner.Handler(func(w http.ResponseWriter, _ *http.Request) error {
		_, _ = io.WriteString(w, "partial")
		_ = http.NewResponseController(w).Flush()
		panic("late")
	}))
	srv, errorLog := startTLS(t, h, false)
	resp, err := srv.Client().Get(srv.URL)
	require.NoError(t, err)
	_, err = io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	assert.Error(t, err)
	handlersDone(t, srv)
	assert.Equal(t, []any{"late"}, panics)
	assert.Empty(t, errorLog.String())
}

// TestZeroEnvelopeLogsInternalErrors: with the zero Envelope, as the
// package-level Handler, Middleware and WriteError use it, every error
// answered as a generic 500 is logged at error level with slog's default
// logger (the one set when it happens), with the request ID the client
// got; nothing else is logged.
func TestZeroEnvelopeLogsInternalErrors(t *testing.T) {
	logs := captureDefaultLog(t)
	mux := http.NewServeMux()
	mux.Handle("/plain", httpmap.Handler(func(http.ResponseWriter, *http.Request) error {
		return fmt.Errorf("db: %w", errors.New("secret dsn"))
	}))
	mux.Handle("/nil", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httpmap.WriteError(w, r, nil)
	}))
	mux.Handle("/rocketmq", httpmap.Handler(func(http.ResponseWriter, *http.Request) error {
		return rocketmq.Errorf(rocketmq.TopicNotFound, "no topic")
	}))
	mux.Handle("/internal-code", httpmap.Handler(func(http.ResponseWriter, *http.Request) error {
		return status.Error(codes.Internal, "said on purpose")
	}))
	mux.Handle("/httpmap", httpmap.Handler(func(http.ResponseWriter, *http.Request) error {
		return httpmap.Errorf(httpmap.RateLimit, "slow down")
	}))
	mux.Handle("/canceled", httpmap.Handler(func(http.ResponseWriter, *http.Request) error {
		return fmt.Errorf("query: %w", context.Canceled)
	}))
	mux.Handle("/panic", http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	srv := httptest.NewServer(httpmap.Middleware(mux))
	defer srv.Close()

	get := func(path string) *httpmap.ResponseError {
		t.Helper()
		resp, err := srv.Client().Get(srv.URL + path)
		require.NoError(t, err, path)
		re, err := httpmap.ReadError(resp)
		require.NoError(t, err, path)
		require.NoError(t, re.BodyError(), path)
		return re
	}
	for _, path := range []string{"/rocketmq", "/internal-code", "/httpmap", "/canceled"} {
		get(path)
		assert.Empty(t, logs.all(), "%s: an answer that says what failed is not logged", path)
	}

	for _, c := range []struct{ path, err string }{
		{"/plain", "db: secret dsn"},
		{"/nil", "<nil>"},
	} {
		re := get(c.path)
		assert.Equal(t, 500, re.HTTPStatus(), c.path)
		assert.NotContains(t, re.Error(), "secret", c.path)
		got := logs.take()
		require.Len(t, got, 1, c.path)
		assert.Equal(t, slog.LevelError, got[0].level, c.path)
		assert.Equal(t, c.err, got[0].attrs["error"], c.path)
		assert.Equal(t, http.MethodGet, got[0].attrs["method"], c.path)
		assert.Equal(t, c.path, got[0].attrs["path"], c.path)
		assert.Equal(t, re.RequestID(), got[0].attrs["request_id"], c.path)
	}

	// A panic is logged once, by the default OnPanic, not again for its
	// 500.
	re := get("/panic")
	assert.Equal(t, 500, re.HTTPStatus())
	got := logs.take()
	require.Len(t, got, 1)
	assert.Equal(t, "httpmap: handler panicked", got[0].msg)
	assert.Equal(t, "boom", got[0].attrs["panic"])

	// Without a request, too.
	rec := httptest.NewRecorder()
	httpmap.WriteError(rec, nil, errors.New("no request"))
	assert.Equal(t, 500, rec.Code)
	got = logs.all()
	require.Len(t, got, 1)
	assert.Equal(t, "no request", got[0].attrs["error"])
	assert.Equal(t, rec.Header().Get(httpmap.DefaultRequestIDHeader), got[0].attrs["request_id"])
}

// TestOnError: the hook receives every error WriteError answers, through
// Handler and Middleware too, with the status the client got; and with
// the hook set, nothing is logged.
func TestOnError(t *testing.T) {
	logs := captureDefaultLog(t)
	type call struct {
		path   string
		err    error
		status int
	}
	var mu sync.Mutex
	var calls []call
	env := &httpmap.Envelope{
		OnPanic: func(*http.Request, any, []byte) {},
		OnError: func(r *http.Request, err error, status int) {
			mu.Lock()
			defer mu.Unlock()
			calls = append(calls, call{r.URL.Path, err, status})
		},
	}
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, "<html>502</html>")
	}))
	defer upstream.Close()
	resp, err := upstream.Client().Get(upstream.URL)
	require.NoError(t, err)
	forwarded, err := httpmap.ReadError(resp)
	require.NoError(t, err)

	errs := map[string]error{
		"/plain":     errors.New("secret"),
		"/rocketmq":  rocketmq.Errorf(rocketmq.TopicNotFound, "no topic"),
		"/httpmap":   httpmap.Errorf(httpmap.SyncTimeout, "slow"),
		"/grpc":      status.Error(codes.Unavailable, "down"),
		"/deadline":  fmt.Errorf("db: %w", context.DeadlineExceeded),
		"/forwarded": forwarded,
	}
	mux := http.NewServeMux()
	for path, err := range errs {
		mux.Handle(path, env.Handler(func(http.ResponseWriter, *http.Request) error { return err }))
	}
	mux.HandleFunc("/direct", func(w http.ResponseWriter, r *http.Request) {
		env.WriteError(w, r, errs["/rocketmq"])
	})
	mux.HandleFunc("/panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
	mux.Handle("/late", env.Handler(func(w http.ResponseWriter, _ *http.Request) error {
		w.WriteHeader(http.StatusOK)
		return errors.New("too late")
	}))
	srv := httptest.NewServer(env.Middleware(mux))
	defer srv.Close()

	want := map[string]error{"/direct": errs["/rocketmq"], "/panic": httpmap.ErrPanic}
	for path, err := range errs {
		want[path] = err
	}
	for path, err := range want {
		resp, rerr := srv.Client().Get(srv.URL + path)
		require.NoError(t, rerr, path)
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		mu.Lock()
		got := calls
		calls = nil
		mu.Unlock()
		require.Len(t, got, 1, path)
		assert.Equal(t, path, got[0].path)
		assert.Same(t, err, got[0].err, path)
		assert.Equal(t, resp.StatusCode, got[0].status, path)
		assert.GreaterOrEqual(t, got[0].status, 400, path)
	}
	assert.Empty(t, logs.all(), "with OnError set, WriteError logs nothing")

	// An error returned after the answer was written is not answered by
	// WriteError: it is logged, not passed to OnError.
	resp, err = srv.Client().Get(srv.URL + "/late")
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	mu.Lock()
	assert.Empty(t, calls)
	mu.Unlock()
	got := logs.all()
	require.Len(t, got, 1)
	assert.Equal(t, slog.LevelWarn, got[0].level)
	assert.Equal(t, "too late", got[0].attrs["error"])
}

// An Envelope's OnError sees every error answer; here it counts them by
// status.
func ExampleEnvelope_OnError() {
	var mu sync.Mutex
	answered := map[int]int{}
	env := &httpmap.Envelope{OnError: func(r *http.Request, err error, status int) {
		mu.Lock()
		defer mu.Unlock()
		answered[status]++ // a real hook would also log err for a 500
	}}
	srv := httptest.NewServer(env.Handler(func(w http.ResponseWriter, r *http.Request) error {
		if r.URL.Path == "/db" {
			return errors.New("db: connection refused") // the client reads "internal error"
		}
		return rocketmq.Errorf(rocketmq.TopicNotFound, "no topic %q", r.URL.Path)
	}))
	defer srv.Close()
	for _, path := range []string{"/db", "/orders", "/db"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			panic(err)
		}
		rerr, _ := httpmap.ReadError(resp)
		fmt.Println(rerr)
	}
	mu.Lock()
	defer mu.Unlock()
	fmt.Println(answered)
	// Output:
	// httpmap: HTTP 500 INTERNAL: internal error
	// httpmap: HTTP 404 NOT_FOUND: no topic "/orders"
	// httpmap: HTTP 500 INTERNAL: internal error
	// map[404:1 500:2]
}
