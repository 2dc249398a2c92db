package httpmap

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"syscall"
	"time"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/retry"
)

// RetryTransport is an http.RoundTripper that sends a request again when
// its answer, or its failure, is retryable and sending it again is safe.
// Its zero value is usable: it sends through http.DefaultTransport with
// the zero retry.Policy.
//
//	client := &http.Client{Transport: &httpmap.RetryTransport{
//		Policy: retry.Policy{MaxAttempts: 4, MaxDelay: 5 * time.Second},
//	}}
//
// An answer below 400 is handed back as it came, its body unread. An
// error answer is read as ReadError reads it and decided:
//
//   - by its httpmap code, when it carries one (Code.Decide), else by its
//     gRPC code (grpccodes.Decide): a 503 or a 429 is retried, the
//     latter after a backoff, and a 404 is not;
//   - it waits as the answer's Retry-After header (seconds or an HTTP
//     date) or its google.rpc.RetryInfo detail asks, else Policy.Delay,
//     never longer than the policy's MaxDelay;
//   - the answer the caller receives, the last one, has its body intact:
//     what was read to decide is read again first.
//
// It resends only a request that is safe to send again: one with the
// method GET, HEAD, OPTIONS, PUT or DELETE, or any request with an
// Idempotency-Key header, whose body (if any) can be rewound through
// GetBody, as http.NewRequest sets it for in-memory bodies. Every other
// request is sent once, except after a connection refused before the
// request was sent, which is retried for any method whose body can be
// rewound. Of the failures to get an answer, a safe request also retries
// a connection reset or closed mid-answer, and a timeout of the network.
//
// It stops at the policy's attempt limit, when the request's context
// deadline would pass before the wait ends, and at once when that
// context is done: it never resends after it. It then returns the last
// answer, or the last failure, as it was.
type RetryTransport struct {
	Base   http.RoundTripper // the transport each attempt goes through; nil means http.DefaultTransport
	Policy retry.Policy      // the attempt limit and the waits
}

// RoundTrip sends req, and again as RetryTransport says.
func (t *RetryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	attempts := t.Policy.Attempts()
	ctx := req.Context()
	r := req
	for attempt := 1; ; attempt++ {
		resp, err := base.RoundTrip(r)
		if err == nil && (resp.StatusCode < 400 || attempt >= attempts || !resendable(req)) {
			return resp, nil
		}
		if err != nil {
			if attempt >= attempts || ctx.Err() != nil || !bodyRewindable(req) {
				return resp, err
			}
			d := decideRoundTripFailure(err, resendable(req))
			if !d.Retryable() || !retry.Wait(ctx, t.Policy.Delay(attempt, d)) {
				return resp, err
			}
		} else {
			d, wait := t.judge(resp, attempt)
			if !d.Retryable() || !retry.Wait(ctx, wait) {
				return resp, nil
			}
			discardAnswer(resp)
		}
		next, rerr := rewindRequest(req)
		if rerr != nil {
			// The body cannot be had again: the answer, or failure,
			// stands. Only the last one is kept.
			if err != nil {
				return nil, err
			}
			return nil, rerr
		}
		r = next
	}
}

// The reasons of RetryTransport's decisions on failures to get an
// answer.
const (
	reasonRefused   = "the connection was refused before the request was sent: retry"
	reasonBroken    = "the connection broke or timed out before the answer came: retry a request that is safe to send again"
	reasonNoAnswer  = "the request failed without an answer, and nothing says it is transient"
	reasonUnsafeReq = "the request may have been acted on and is not safe to send again"
)

// decideRoundTripFailure decides a failure to get an answer; safe says whether
// the request may be sent again.
func decideRoundTripFailure(err error, safe bool) retry.Decision {
	if errors.Is(err, syscall.ECONNREFUSED) {
		return retry.Decision{Outcome: retry.Retry, Reason: reasonRefused}
	}
	if !safe {
		return retry.Decision{Outcome: retry.Fail, Reason: reasonUnsafeReq}
	}
	var ne net.Error
	if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		(errors.As(err, &ne) && ne.Timeout()) {
		return retry.Decision{Outcome: retry.Retry, Reason: reasonBroken}
	}
	return retry.Decision{Outcome: retry.Fail, Reason: reasonNoAnswer}
}

// judge decides resp, an error answer to a request that is safe to send
// again, and returns how long to wait before the next attempt. It leaves
// resp's body as it came: what it reads is read again first.
func (t *RetryTransport) judge(resp *http.Response, attempt int) (retry.Decision, time.Duration) {
	data := rebufferBody(resp)
	rerr, err := ReadError(&http.Response{
		StatusCode: resp.StatusCode, Header: resp.Header,
		Body: io.NopCloser(bytes.NewReader(data)), ContentLength: -1,
	})
	if err != nil { // not reached: the status is at least 400
		return retry.Decision{Outcome: retry.Fail, Reason: err.Error()}, 0
	}
	var d retry.Decision
	if c := rerr.Code(); c != CodeUnspecified {
		d = c.Decide(true)
	} else {
		d = grpccodes.Decide(rerr.GRPCCode(), true)
	}
	if !d.Retryable() {
		return d, 0
	}
	if hint, ok := rerr.RetryAfter(); ok {
		return d, t.Policy.Cap(hint)
	}
	return d, t.Policy.Delay(attempt, d)
}

// resendable reports whether req may be sent again: its method is idempotent,
// or it has an Idempotency-Key header, and its body can be rewound.
func resendable(req *http.Request) bool {
	switch req.Method {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
	default:
		if req.Header.Get("Idempotency-Key") == "" {
			return false
		}
	}
	return bodyRewindable(req)
}

// bodyRewindable reports whether req's body can be had again: it has none,
// or GetBody returns it.
func bodyRewindable(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
}

// rewindRequest returns a copy of req to send again, with a fresh body.
func rewindRequest(req *http.Request) (*http.Request, error) {
	r := req.Clone(req.Context())
	if req.Body != nil && req.Body != http.NoBody {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		r.Body = body
	}
	return r, nil
}

// rebufferedBody reads what was read to decide an answer, then the rest
// of the original body, which Close closes.
type rebufferedBody struct {
	io.Reader
	orig io.Closer
}

func (b *rebufferedBody) Close() error { return b.orig.Close() }

// rebufferBody reads resp's body up to DefaultMaxBody bytes, puts back a body
// that reads the same bytes and then the rest, and returns what it read.
func rebufferBody(resp *http.Response) []byte {
	if resp.Body == nil || resp.Body == http.NoBody {
		resp.Body = http.NoBody
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, DefaultMaxBody))
	var rest io.Reader = bytes.NewReader(data)
	if err != nil {
		rest = io.MultiReader(rest, bodyErrReader{err})
	} else if int64(len(data)) == DefaultMaxBody {
		rest = io.MultiReader(rest, resp.Body)
	}
	resp.Body = &rebufferedBody{Reader: rest, orig: resp.Body}
	return data
}

// bodyErrReader returns err, the error reading a body stopped at, after the
// bytes read before it.
type bodyErrReader struct{ err error }

func (e bodyErrReader) Read([]byte) (int, error) { return 0, e.err }

// discardAnswer drains a bounded part of an answer that will not be handed on,
// so that its connection can be reused, and closes it.
func discardAnswer(resp *http.Response) {
	_, _ = io.CopyN(io.Discard, resp.Body, drainMax)
	_ = resp.Body.Close()
}
