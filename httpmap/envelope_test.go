package httpmap_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/anypb"

	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// body is the JSON of an answer, for assertions.
type body struct {
	RequestID string `json:"requestId"`
	Error     struct {
		Code    int               `json:"code"`
		Message string            `json:"message"`
		Status  string            `json:"status"`
		Details []json.RawMessage `json:"details"`
	} `json:"error"`
}

func write(t *testing.T, env *httpmap.Envelope, r *http.Request, err error) (*httptest.ResponseRecorder, body) {
	t.Helper()
	rec := httptest.NewRecorder()
	if r == nil {
		r = httptest.NewRequest(http.MethodGet, "/", nil)
	}
	env.WriteError(rec, r, err)
	var b body
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &b), rec.Body.String())
	assert.Equal(t, rec.Code, b.Error.Code)
	assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
	return rec, b
}

// protojsonInfo is the detail protojson writes for info in an Any.
func protojsonInfo(t *testing.T, info *errdetails.ErrorInfo) string {
	t.Helper()
	a, err := anypb.New(info)
	require.NoError(t, err)
	b, err := protojson.Marshal(a)
	require.NoError(t, err)
	return string(b)
}

func TestWriteErrorRegistries(t *testing.T) {
	cases := []struct {
		err    error
		http   int
		status string
		info   *errdetails.ErrorInfo
	}{
		{rocketmq.Errorf(rocketmq.TopicNotFound, "no topic"), 404, "NOT_FOUND",
			&errdetails.ErrorInfo{Reason: "TOPIC_NOT_FOUND", Domain: rocketmq.Domain, Metadata: map[string]string{"code": "40402"}}},
		{turms.Errorf(turms.AddUserToGroupWithSizeLimitReached, "full"), 403, "", nil},
		{httpmap.Errorf(httpmap.TopicNotExist, "no topic"), 400, "TOPIC_NOT_EXIST",
			&errdetails.ErrorInfo{Reason: "TOPIC_NOT_EXIST", Domain: httpmap.Domain, Metadata: map[string]string{"code": "3"}}},
		{fmt.Errorf("wrapped: %w", httpmap.Errorf(httpmap.RateLimit, "slow down")), 429, "RATE_LIMIT", nil},
		{rocketmq.Errorf(rocketmq.FailedToConsumeMessage, "x"), 500, "UNKNOWN", nil}, // no HTTP status: by gRPC code
		{rocketmq.Errorf(rocketmq.OK, "odd"), 500, "UNKNOWN", nil},                   // 200 is no error status
	}
	for _, c := range cases {
		rec, b := write(t, &httpmap.Envelope{}, nil, c.err)
		assert.Equal(t, c.http, rec.Code, c.err.Error())
		if c.status != "" {
			assert.Equal(t, c.status, b.Error.Status, c.err.Error())
		}
		require.Len(t, b.Details(), 1, c.err.Error())
		if c.info != nil {
			assert.JSONEq(t, protojsonInfo(t, c.info), string(b.Error.Details[0]))
		}
		var ce interface{ Message() string }
		require.ErrorAs(t, c.err, &ce)
		assert.Equal(t, ce.Message(), b.Error.Message)
	}
}

func (b body) Details() []json.RawMessage { return b.Error.Details }

func TestWriteErrorErrorInfoMatchesProtojson(t *testing.T) {
	// Escapes, non-ASCII and several metadata keys, through a gRPC status.
	info := &errdetails.ErrorInfo{Reason: "A_B", Domain: "dom\"ain\n\u2028é", Metadata: map[string]string{"z": "1", "a": "<&>", "m": "\x01"}}
	st, err := status.New(codes.NotFound, "gone").WithDetails(info, &errdetails.RetryInfo{})
	require.NoError(t, err)
	_, b := write(t, &httpmap.Envelope{}, nil, st.Err())
	require.Len(t, b.Error.Details, 2)
	assert.JSONEq(t, protojsonInfo(t, info), string(b.Error.Details[0]))
	assert.Contains(t, string(b.Error.Details[1]), "google.rpc.RetryInfo")
	assert.Equal(t, "NOT_FOUND", b.Error.Status)
	assert.Equal(t, "gone", b.Error.Message)

	// The same, from a registry error's ErrorInfo method.
	for _, c := range []rocketmq.Code{rocketmq.TopicNotFound, 40499, rocketmq.OK} {
		e := rocketmq.Errorf(c, "")
		var re *rocketmq.Error
		require.ErrorAs(t, e, &re)
		_, b := write(t, &httpmap.Envelope{}, nil, e)
		assert.JSONEq(t, protojsonInfo(t, re.ErrorInfo()), string(b.Error.Details[0]))
	}
}

func TestWriteErrorOthers(t *testing.T) {
	cases := []struct {
		err     error
		http    int
		status  string
		message string
	}{
		{status.Error(codes.Unavailable, "down"), 503, "UNAVAILABLE", "down"},
		{fmt.Errorf("call: %w", status.Error(codes.AlreadyExists, "dup")), 409, "ALREADY_EXISTS", "dup"},
		{context.Canceled, 499, "CANCELLED", "the request was cancelled"},
		{fmt.Errorf("db: %w", context.DeadlineExceeded), 504, "DEADLINE_EXCEEDED", "the request's deadline expired"},
		{errors.New("secret: password=hunter2"), 500, "INTERNAL", "internal error"},
		{nil, 500, "INTERNAL", "internal error"},
	}
	for _, c := range cases {
		rec, b := write(t, &httpmap.Envelope{}, nil, c.err)
		assert.Equal(t, c.http, rec.Code, "%v", c.err)
		assert.Equal(t, c.status, b.Error.Status, "%v", c.err)
		assert.Equal(t, c.message, b.Error.Message, "%v", c.err)
		assert.NotContains(t, rec.Body.String(), "hunter2")
	}
}

func TestRequestID(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("X-Request-Id", "abc-123")
	rec, b := write(t, &httpmap.Envelope{}, r, errors.New("x"))
	assert.Equal(t, "abc-123", b.RequestID)
	assert.Equal(t, "abc-123", rec.Header().Get("X-Request-Id"))

	r = httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Trace", "t-9")
	rec, b = write(t, &httpmap.Envelope{RequestIDHeader: "trace"}, r, errors.New("x"))
	assert.Equal(t, "t-9", b.RequestID)
	assert.Equal(t, "t-9", rec.Header().Get("Trace"))

	for _, bad := range []string{"", "has space", strings.Repeat("x", 200), "é"} {
		r = httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("X-Request-Id", bad)
		rec, b = write(t, &httpmap.Envelope{}, r, errors.New("x"))
		assert.Len(t, b.RequestID, 32, "generated")
		assert.Equal(t, b.RequestID, rec.Header().Get("X-Request-Id"))
	}
	rec = httptest.NewRecorder()
	httpmap.WriteError(rec, nil, errors.New("x")) // nil request
	assert.Len(t, rec.Header().Get("X-Request-Id"), 32)
}

func response(code int, header http.Header, b string) *http.Response {
	if header == nil {
		header = http.Header{}
	}
	return &http.Response{StatusCode: code, Header: header, Body: io.NopCloser(strings.NewReader(b)), ContentLength: -1}
}

// closeCounter records Close.
type closeCounter struct {
	io.Reader
	closed int
}

func (c *closeCounter) Close() error { c.closed++; return nil }

func TestReadErrorSeedExample(t *testing.T) {
	body := &closeCounter{Reader: strings.NewReader(`{"requestId":"r1","error":{"code":403,"message":"Authentication failure","status":" PERMISSION_DENIED"}}`)}
	re, err := httpmap.ReadError(&http.Response{StatusCode: 403, Body: body})
	require.NoError(t, err)
	assert.Equal(t, 1, body.closed)
	assert.Equal(t, "r1", re.RequestID())
	assert.Equal(t, " PERMISSION_DENIED", re.Status())
	assert.Equal(t, codes.PermissionDenied, re.GRPCCode())
	assert.Equal(t, httpmap.CodeUnspecified, httpmap.CodeOf(re), "no ErrorInfo, no code for CodeOf")
	assert.Equal(t, httpmap.PermissionDenied, re.Code(), "the code the status names")
	assert.NoError(t, re.BodyError())
	st, ok := status.FromError(re)
	require.True(t, ok)
	assert.Equal(t, codes.PermissionDenied, st.Code())
	assert.Equal(t, "Authentication failure", st.Message())

	assert.Empty(t, st.Details(), "no ErrorInfo invented")

	// Every code of the API, as the API sends it: no details. Code reads
	// the status; CodeOf, which reads ErrorInfo details, finds none.
	for _, c := range httpmap.Codes()[1:] {
		re, err := httpmap.ReadError(response(c.HTTPStatus(), nil, `{"error":{"code":0,"message":"m","status":"`+c.String()+`"}}`))
		require.NoError(t, err)
		assert.Equal(t, c, re.Code())
		assert.Equal(t, httpmap.CodeUnspecified, httpmap.CodeOf(re))
		assert.Equal(t, c.GRPCCode(), re.GRPCCode())
		assert.Equal(t, rocketmq.CodeUnspecified, rocketmq.CodeOf(re))
	}
}

func TestReadErrorUnknownStatus(t *testing.T) {
	re, err := httpmap.ReadError(response(409, nil, `{"error":{"code":409,"message":"queue is frozen","status":"QUEUE_FROZEN"}}`))
	require.NoError(t, err)
	assert.Equal(t, "QUEUE_FROZEN", re.Status())
	assert.Contains(t, re.Error(), "QUEUE_FROZEN")
	assert.Contains(t, re.Error(), "queue is frozen")
	assert.Equal(t, codes.Aborted, re.GRPCCode(), "by HTTP status")
	assert.Equal(t, httpmap.CodeUnspecified, httpmap.CodeOf(re))

	// Forwarded by a server, the unknown status survives.
	rec := httptest.NewRecorder()
	httpmap.WriteError(rec, nil, fmt.Errorf("upstream: %w", re))
	assert.Equal(t, 409, rec.Code)
	assert.Contains(t, rec.Body.String(), `"status":"QUEUE_FROZEN"`)
}

func TestReadErrorFallbacks(t *testing.T) {
	// A body that is no error answer goes by the transport rule of gRPC's
	// doc/http-grpc-status-mapping.md (testdata/grpc-http-transport.tsv).
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	cases := []struct {
		name string
		code int
		body string
		want codes.Code
	}{
		{"html 502", 502, "<html><body>Bad Gateway</body></html>", codes.Unavailable},
		{"html 503", 503, "<html>", codes.Unavailable},
		{"empty 504", 504, "", codes.Unavailable},
		{"empty 404", 404, "", codes.Unimplemented},
		{"truncated 400", 400, `{"error":{"code":400,"mess`, codes.Internal},
		{"too deep 500", 500, `{"error":` + deep + `}`, codes.Unknown},
		{"no error object 429", 429, `{"result":1}`, codes.Unavailable},
		{"html 418", 418, "<html>teapot</html>", codes.Unknown},
		{"cloudflare 522", 522, "<html>Connection timed out</html>", codes.Unavailable},
		{"null error", 401, `{"error":null}`, codes.Unauthenticated},
	}
	for _, c := range cases {
		re, err := httpmap.ReadError(response(c.code, nil, c.body))
		require.NoError(t, err, c.name)
		assert.Equal(t, c.want, re.GRPCCode(), c.name)
		assert.Equal(t, c.code, re.HTTPStatus(), c.name)
		assert.Error(t, re.BodyError(), c.name)
		assert.Contains(t, re.Error(), re.BodyError().Error(), c.name)
		st, ok := status.FromError(re)
		assert.True(t, ok)
		assert.Equal(t, c.want, st.Code())
	}
}

func TestReadErrorBounds(t *testing.T) {
	big := `{"error":{"message":"` + strings.Repeat("x", 2<<20) + `","status":"INTERNAL"}}`
	body := &closeCounter{Reader: strings.NewReader(big)}
	re, err := httpmap.ReadError(&http.Response{StatusCode: 500, Body: body, ContentLength: int64(len(big))})
	require.NoError(t, err)
	assert.Equal(t, 1, body.closed)
	assert.ErrorContains(t, re.BodyError(), "larger than")
	assert.Equal(t, codes.Unknown, re.GRPCCode(), "unread, the body names no code: the transport rule gives 500 UNKNOWN")

	env := &httpmap.Envelope{MaxBody: 10}
	re, err = env.ReadError(response(429, nil, `{"error":{"status":"RATE_LIMIT"}}`))
	require.NoError(t, err)
	assert.Error(t, re.BodyError())
	re, err = (&httpmap.Envelope{MaxBody: 100}).ReadError(response(429, nil, `{"error":{"status":"RATE_LIMIT"}}`))
	require.NoError(t, err)
	assert.NoError(t, re.BodyError())

	// A body that fails mid-read.
	re, err = httpmap.ReadError(&http.Response{StatusCode: 503, Body: io.NopCloser(iotest.ErrReader(io.ErrUnexpectedEOF))})
	require.NoError(t, err)
	assert.ErrorIs(t, re, io.ErrUnexpectedEOF)
	assert.Equal(t, codes.Unavailable, re.GRPCCode())

	// Not an error answer, and no response.
	body = &closeCounter{Reader: strings.NewReader(`{"result":1}`)}
	_, err = httpmap.ReadError(&http.Response{StatusCode: 200, Body: body})
	assert.ErrorIs(t, err, httpmap.ErrNotError)
	assert.Equal(t, 1, body.closed)
	_, err = httpmap.ReadError(nil)
	assert.Error(t, err)
	re, err = httpmap.ReadError(&http.Response{StatusCode: 500})
	require.NoError(t, err)
	assert.Error(t, re.BodyError())
}

// roundTrip writes err and reads it back.
func roundTrip(t *testing.T, err error) *httpmap.ResponseError {
	t.Helper()
	rec := httptest.NewRecorder()
	httpmap.WriteError(rec, nil, err)
	re, rerr := httpmap.ReadError(rec.Result())
	require.NoError(t, rerr)
	require.NoError(t, re.BodyError())
	return re
}

func TestRoundTrip(t *testing.T) {
	for _, c := range rocketmq.Codes() {
		err := rocketmq.Errorf(c, "m %d", c)
		re := roundTrip(t, err)
		assert.Equal(t, c, rocketmq.CodeOf(re), c.String())
		assert.Equal(t, fmt.Sprintf("m %d", c), re.Message())
		var e *rocketmq.Error
		require.ErrorAs(t, err, &e)
		if h := e.HTTPStatus(); h >= 400 {
			assert.Equal(t, h, re.HTTPStatus(), c.String())
		}
		assert.Equal(t, e.GRPCCode(), re.GRPCCode(), c.String())
		assert.Equal(t, httpmap.CodeUnspecified, httpmap.CodeOf(re), "no other registry's code")
	}
	for _, c := range append(httpmap.Codes(), 55) {
		re := roundTrip(t, httpmap.Errorf(c, "m"))
		assert.Equal(t, c, httpmap.CodeOf(re), c.String())
		assert.Equal(t, "m", re.Message())
		if c.HTTPStatus() != 0 {
			assert.Equal(t, c.HTTPStatus(), re.HTTPStatus())
		}
		assert.Equal(t, c.GRPCCode(), re.GRPCCode())
		assert.Equal(t, rocketmq.CodeUnspecified, rocketmq.CodeOf(re))
	}
	for _, c := range []turms.Code{turms.InvalidRequest, turms.ServerInternalError, turms.Unauthorized, turms.UnsupportedClientVersion, turms.UpdateInfoOfNonexistentGroup, turms.AddUserToGroupWithSizeLimitReached, 3499} {
		err := turms.Errorf(c, "t")
		re := roundTrip(t, err)
		assert.Equal(t, c, turms.CodeOf(re), c.String())
		var e *turms.Error
		require.ErrorAs(t, err, &e)
		if h := e.HTTPStatus(); h >= 400 {
			assert.Equal(t, h, re.HTTPStatus(), c.String())
		}
	}
	re := roundTrip(t, turms.Errorf(turms.AddUserToGroupWithSizeLimitReached, "full"))
	assert.Equal(t, 403, re.HTTPStatus())

	// A gRPC status, details kept.
	st, _ := status.New(codes.ResourceExhausted, "quota").WithDetails(&errdetails.QuotaFailure{Violations: []*errdetails.QuotaFailure_Violation{{Subject: "s"}}})
	re = roundTrip(t, st.Err())
	got, ok := status.FromError(re)
	require.True(t, ok)
	assert.Equal(t, codes.ResourceExhausted, got.Code())
	assert.Equal(t, "quota", got.Message())
	require.Len(t, got.Details(), 1)
	assert.Equal(t, "s", got.Details()[0].(*errdetails.QuotaFailure).GetViolations()[0].GetSubject())
}

func TestMiddleware(t *testing.T) {
	var mu sync.Mutex
	var panics []any
	env := &httpmap.Envelope{OnPanic: func(r *http.Request, v any, stack []byte) {
		mu.Lock()
		defer mu.Unlock()
		panics = append(panics, v)
		assert.Contains(t, string(stack), "TestMiddleware")
	}}
	h := env.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/panic":
			panic("secret panic text")
		case "/late":
			w.WriteHeader(http.StatusAccepted)
			_, _ = w.Write([]byte("partial"))
			panic("late")
		case "/early-hints":
			w.WriteHeader(http.StatusEarlyHints)
			panic("after hints")
		default:
			_, _ = w.Write([]byte("ok"))
		}
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/panic", nil))
	assert.Equal(t, 500, rec.Code)
	assert.NotContains(t, rec.Body.String(), "secret")
	assert.NotContains(t, rec.Body.String(), "goroutine")
	assert.Contains(t, rec.Body.String(), `"status":"INTERNAL"`)

	rec = httptest.NewRecorder()
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() {
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/late", nil))
	}, "a panic after writing aborts the answer")
	assert.Equal(t, 202, rec.Code)
	assert.Equal(t, "partial", rec.Body.String(), "nothing more written")

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/ok", nil))
	assert.Equal(t, "ok", rec.Body.String())
	assert.Equal(t, []any{"secret panic text", "late"}, panics[:2])

	abort := env.Middleware(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }))
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() {
		abort.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	})
}

func TestHandler(t *testing.T) {
	h := httpmap.Handler(func(w http.ResponseWriter, r *http.Request) error {
		if r.URL.Path == "/written" {
			w.WriteHeader(http.StatusOK)
			return errors.New("too late")
		}
		if r.URL.Path == "/flushed" {
			http.NewResponseController(w).Flush()
			return errors.New("too late")
		}
		return httpmap.Errorf(httpmap.SyncTimeout, "slow")
	})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	assert.Equal(t, 408, rec.Code)
	assert.Contains(t, rec.Body.String(), `"status":"SYNC_TIMEOUT"`)
	for _, p := range []string{"/written", "/flushed"} {
		rec = httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		assert.Equal(t, 200, rec.Code, p)
		assert.Empty(t, rec.Body.String(), p)
	}
}

// TestEndToEnd runs a real server on loopback with the middleware, and a
// real client.
func TestEndToEnd(t *testing.T) {
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/html":
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			_, _ = io.WriteString(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
		case "/huge":
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = io.WriteString(w, `{"error":{"message":"`)
			chunk := bytes.Repeat([]byte("x"), 64<<10)
			for range 40 { // 2.5 MiB
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
			_, _ = io.WriteString(w, `"}}`)
		}
	}))
	defer upstream.Close()

	var panicked sync.WaitGroup
	env := &httpmap.Envelope{OnPanic: func(*http.Request, any, []byte) { panicked.Done() }}
	mux := http.NewServeMux()
	handle := func(path string, fn func(http.ResponseWriter, *http.Request) error) {
		mux.Handle(path, env.Handler(fn))
	}
	handle("/rocketmq", func(http.ResponseWriter, *http.Request) error {
		return rocketmq.Errorf(rocketmq.TopicNotFound, "no topic")
	})
	handle("/grpccodes", func(http.ResponseWriter, *http.Request) error {
		return status.Error(codes.Unavailable, "down")
	})
	handle("/httpmap", func(http.ResponseWriter, *http.Request) error {
		return httpmap.Errorf(httpmap.ThroughputUpToLimit, "quota")
	})
	handle("/grpc-details", func(http.ResponseWriter, *http.Request) error {
		st, _ := status.New(codes.FailedPrecondition, "pre").WithDetails(&errdetails.ErrorInfo{Reason: "R_X", Domain: "example.com"})
		return st.Err()
	})
	handle("/context", func(_ http.ResponseWriter, r *http.Request) error {
		ctx, cancel := context.WithTimeout(r.Context(), 0)
		defer cancel()
		<-ctx.Done()
		return fmt.Errorf("db: %w", ctx.Err())
	})
	handle("/plain", func(http.ResponseWriter, *http.Request) error { return errors.New("secret dsn") })
	handle("/panic", func(http.ResponseWriter, *http.Request) error { panic("secret panic") })
	handle("/written", func(w http.ResponseWriter, _ *http.Request) error {
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, "done")
		_ = http.NewResponseController(w).Flush()
		panic("after writing")
	})
	proxy := func(path string) func(http.ResponseWriter, *http.Request) error {
		return func(_ http.ResponseWriter, r *http.Request) error {
			req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, upstream.URL+path, nil)
			resp, err := upstream.Client().Do(req)
			if err != nil {
				return err
			}
			re, err := httpmap.ReadError(resp)
			if err != nil {
				return err
			}
			return re
		}
	}
	handle("/upstream-html", proxy("/html"))
	handle("/upstream-huge", proxy("/huge"))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	cases := []struct {
		path   string
		http   int
		status string
		check  func(*httpmap.ResponseError)
	}{
		{"/rocketmq", 404, "NOT_FOUND", func(re *httpmap.ResponseError) {
			assert.Equal(t, rocketmq.TopicNotFound, rocketmq.CodeOf(re))
		}},
		{"/grpccodes", 503, "UNAVAILABLE", nil},
		{"/httpmap", 429, "THROUGHPUT_UP_TO_LIMIT", func(re *httpmap.ResponseError) {
			assert.Equal(t, httpmap.ThroughputUpToLimit, httpmap.CodeOf(re))
			assert.True(t, httpmap.CodeOf(re).Decide(true).Retryable())
		}},
		{"/grpc-details", 400, "FAILED_PRECONDITION", func(re *httpmap.ResponseError) {
			st, _ := status.FromError(re)
			require.Len(t, st.Details(), 1)
			assert.Equal(t, "R_X", st.Details()[0].(*errdetails.ErrorInfo).GetReason())
		}},
		{"/context", 504, "DEADLINE_EXCEEDED", nil},
		{"/plain", 500, "INTERNAL", func(re *httpmap.ResponseError) { assert.Equal(t, "internal error", re.Message()) }},
		{"/panic", 500, "INTERNAL", nil},
		{"/upstream-html", 502, "UNAVAILABLE", nil}, // forwarded as received
		{"/upstream-huge", 500, "UNKNOWN", nil},     // too large to read: the transport rule
	}
	panicked.Add(2)
	for _, c := range cases {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+c.path, nil)
		req.Header.Set("X-Request-Id", "e2e"+strings.ReplaceAll(c.path, "/", "-"))
		resp, err := srv.Client().Do(req)
		require.NoError(t, err, c.path)
		assert.Equal(t, c.http, resp.StatusCode, c.path)
		assert.Equal(t, req.Header.Get("X-Request-Id"), resp.Header.Get("X-Request-Id"), c.path)
		re, err := httpmap.ReadError(resp)
		require.NoError(t, err, c.path)
		require.NoError(t, re.BodyError(), c.path)
		assert.Equal(t, c.status, re.Status(), c.path)
		assert.Equal(t, req.Header.Get("X-Request-Id"), re.RequestID(), c.path)
		assert.NotContains(t, re.Error(), "secret", c.path)
		if c.check != nil {
			c.check(re)
		}
	}

	// A panic after writing aborts the answer: the client gets an error,
	// never a complete-looking 201 (see TestLatePanicAborts).
	resp, err := srv.Client().Get(srv.URL + "/written")
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "/written")
	assert.Equal(t, "done", string(b))
	panicked.Wait()

	// The client side of the fake upstream, directly.
	resp, err = upstream.Client().Get(upstream.URL + "/html")
	require.NoError(t, err)
	re, err := httpmap.ReadError(resp)
	require.NoError(t, err)
	assert.Equal(t, codes.Unavailable, re.GRPCCode())
	assert.Error(t, re.BodyError())
	resp, err = upstream.Client().Get(upstream.URL + "/huge")
	require.NoError(t, err)
	re, err = httpmap.ReadError(resp)
	require.NoError(t, err)
	assert.ErrorContains(t, re.BodyError(), "larger than")
}

func TestZeroResponseErrorIsNotSuccess(t *testing.T) {
	var re httpmap.ResponseError
	assert.Equal(t, codes.Unknown, re.GRPCCode())
	st, ok := status.FromError(&re)
	require.True(t, ok)
	assert.Equal(t, codes.Unknown, st.Code(), "an error never converts to OK")
	assert.Equal(t, "httpmap: HTTP 0 UNKNOWN", re.Error())
	assert.Equal(t, httpmap.CodeUnspecified, re.Code())
}
