package httpmap

import (
	"bufio"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"sync"
)

// Middleware recovers next's panics with the zero Envelope: see
// Envelope.Middleware.
func Middleware(next http.Handler) http.Handler { return std.Middleware(next) }

// Handler serves fn with the zero Envelope: see Envelope.Handler.
func Handler(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return std.Handler(fn)
}

// Middleware returns a handler that serves next and recovers its panics.
// Neither the panic value nor the stack reaches the client: both go to
// OnPanic. A panic before next wrote its headers becomes a 500 INTERNAL
// answer, written by WriteError (which passes ErrPanic to OnError) with a
// generic message. A panic after next wrote its headers can no longer be
// answered: after OnPanic, the response is aborted by panicking with
// http.ErrAbortHandler, which net/http answers by closing the connection
// (HTTP/1) or resetting the stream (HTTP/2) without logging, so that the
// client gets an error rather than a truncated answer that looks
// complete. A panic with http.ErrAbortHandler itself is panicked again,
// as net/http expects, and nothing is written or reported.
//
// next sees a ResponseWriter that records whether headers were written;
// it offers Unwrap (for http.ResponseController), Flush, Hijack and
// ReadFrom. It is pooled, so, as net/http requires anyway, next must not
// use it after returning. The success path allocates nothing.
func (e *Envelope) Middleware(next http.Handler) http.Handler {
	return &server{e: e, next: next}
}

// Handler returns a handler that calls fn and writes the error it returns
// with WriteError (which passes it to OnError), unless fn had already
// written its headers; that error is then logged at warn level with
// log/slog's default logger instead. It recovers panics as Middleware
// does.
func (e *Envelope) Handler(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return &server{e: e, fn: fn}
}

type server struct {
	e    *Envelope
	next http.Handler
	fn   func(http.ResponseWriter, *http.Request) error
}

var trackers = sync.Pool{New: func() any { return new(tracker) }}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	t := trackers.Get().(*tracker)
	t.ResponseWriter, t.written = w, false
	defer s.finish(t, r)
	if s.fn == nil {
		s.next.ServeHTTP(t, r)
		return
	}
	if err := s.fn(t, r); err != nil {
		if t.written {
			slog.Default().WarnContext(r.Context(), "httpmap: handler returned an error after writing its answer",
				slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("error", err))
			return
		}
		s.e.WriteError(t.ResponseWriter, r, err)
	}
}

// ErrPanic is the error Middleware and Handler answer a recovered panic
// with, when nothing had been written yet: WriteError answers it as any
// plain error, 500 INTERNAL with a generic message, and passes it to
// OnError. The panic itself goes to OnPanic, so the default OnError does
// not log ErrPanic a second time.
var ErrPanic = errors.New("httpmap: handler panicked")

// finish recovers a panic and returns t to the pool.
func (s *server) finish(t *tracker, r *http.Request) {
	v := recover()
	w, written := t.ResponseWriter, t.written
	t.ResponseWriter = nil
	trackers.Put(t)
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	onPanic := s.e.OnPanic
	if onPanic == nil {
		onPanic = logPanic
	}
	onPanic(r, v, debug.Stack())
	if written {
		// The headers, maybe part of the body, may have reached the
		// client: only a broken connection or stream tells it that the
		// answer is incomplete.
		panic(http.ErrAbortHandler)
	}
	s.e.WriteError(w, r, ErrPanic)
}

// logInternal logs an error WriteError answered as a generic 500, when
// OnError is nil.
func logInternal(r *http.Request, err error, id string) {
	ctx, method, path := requestOf(r)
	slog.Default().ErrorContext(ctx, "httpmap: error answered as 500 internal error",
		slog.Any("error", err), slog.String("method", method), slog.String("path", path),
		slog.String("request_id", id))
}

// tracker records whether a handler has written its headers.
type tracker struct {
	http.ResponseWriter
	written bool
}

func (t *tracker) WriteHeader(code int) {
	if code >= 200 || code == http.StatusSwitchingProtocols {
		t.written = true // 1xx other than 101 are informational
	}
	t.ResponseWriter.WriteHeader(code)
}

func (t *tracker) Write(b []byte) (int, error) {
	t.written = true
	return t.ResponseWriter.Write(b)
}

// Unwrap returns the underlying ResponseWriter, for
// http.ResponseController.
func (t *tracker) Unwrap() http.ResponseWriter { return t.ResponseWriter }

// Flush sends what is buffered, when the underlying writer can.
func (t *tracker) Flush() {
	t.written = true
	_ = http.NewResponseController(t.ResponseWriter).Flush()
}

// Hijack hands the connection over, when the underlying writer can; the
// answer then counts as written.
func (t *tracker) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	t.written = true
	return http.NewResponseController(t.ResponseWriter).Hijack()
}

// ReadFrom copies r to the answer, through the underlying writer's
// ReadFrom (sendfile) when it has one.
func (t *tracker) ReadFrom(r io.Reader) (int64, error) {
	t.written = true
	if rf, ok := t.ResponseWriter.(io.ReaderFrom); ok {
		return rf.ReadFrom(r)
	}
	return io.Copy(writerOnly{t.ResponseWriter}, r)
}

// writerOnly hides every method but Write, so io.Copy does not loop back
// into ReadFrom.
type writerOnly struct{ io.Writer }
