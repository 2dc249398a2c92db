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
// A panic becomes a 500 INTERNAL answer written by WriteError, with a
// generic message: neither the panic value nor the stack reaches the
// client. Both go to OnPanic. If next had already written its headers,
// nothing more is written. A panic with http.ErrAbortHandler is panicked
// again, as net/http expects, and nothing is written or reported.
//
// next sees a ResponseWriter that records whether headers were written;
// it offers Unwrap (for http.ResponseController), Flush, Hijack and
// ReadFrom. It is pooled, so, as net/http requires anyway, next must not
// use it after returning. The success path allocates nothing.
func (e *Envelope) Middleware(next http.Handler) http.Handler {
	return &server{e: e, next: next}
}

// Handler returns a handler that calls fn and writes the error it returns
// with WriteError, unless fn had already written its headers; that error
// is then logged with log/slog's default logger instead. It recovers
// panics as Middleware does.
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

// errPanic stands for a recovered panic: a plain error, so WriteError
// answers 500 INTERNAL with its generic message.
var errPanic = errors.New("httpmap: handler panicked")

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
	if !written {
		s.e.WriteError(w, r, errPanic)
	}
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
