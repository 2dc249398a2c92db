package httpmap

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"maps"
	"net/http"
	"net/textproto"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"

	"github.com/statusreg/statusreg/grpccodes"
)

// DefaultRequestIDHeader is the header an Envelope reads and sets the
// request ID in when RequestIDHeader is empty.
const DefaultRequestIDHeader = "X-Request-Id"

// DefaultMaxBody is how many bytes of a body ReadError reads at most when
// MaxBody is 0: 1 MiB.
const DefaultMaxBody = 1 << 20

// maxRequestID bounds the request ID taken from a request header; a
// longer one, or one with bytes outside printable ASCII, is replaced.
const maxRequestID = 128

// Envelope writes and reads error answers in Google's JSON error format.
// Its zero value is ready to use, and it is safe for concurrent use once
// configured. The package-level WriteError, ReadError, Middleware and
// Handler use the zero Envelope.
type Envelope struct {
	// RequestIDHeader names the header that carries the request ID, on
	// the request WriteError answers and on the response it writes (and
	// on the response ReadError reads). Empty means DefaultRequestIDHeader.
	RequestIDHeader string

	// MaxBody bounds how many bytes of a body ReadError reads; a larger
	// body is not parsed. 0 means DefaultMaxBody.
	MaxBody int64

	// OnPanic receives what Middleware and Handler recover: the request,
	// the panic value and the goroutine's stack. nil logs them at error
	// level with log/slog's default logger.
	OnPanic func(r *http.Request, v any, stack []byte)

	// OnError receives every error WriteError answers (also through
	// Handler and Middleware), after the answer is written: the request
	// (nil when WriteError got none), the error and the HTTP status
	// written. nil logs, at error level with log/slog's default logger,
	// the errors answered as a generic 500 (those of no registry and with
	// no gRPC status, whose text never reaches the client), except
	// ErrPanic, whose panic OnPanic has received; nothing else is logged.
	OnError func(r *http.Request, err error, status int)
}

var std Envelope

// WriteError writes err as an error answer with the zero Envelope: see
// Envelope.WriteError.
func WriteError(w http.ResponseWriter, r *http.Request, err error) { std.WriteError(w, r, err) }

func (e *Envelope) header() string {
	if e.RequestIDHeader == "" {
		return DefaultRequestIDHeader
	}
	return textproto.CanonicalMIMEHeaderKey(e.RequestIDHeader)
}

// answer is what WriteError writes.
type answer struct {
	http    int
	status  string
	message string
	info    *errdetails.ErrorInfo   // written first among the details
	infos   []*errdetails.ErrorInfo // ErrorInfo details of a gRPC status
	raw     [][]byte                // further details, as JSON
	generic bool                    // the 500 with internalMessage
	// upstreamID is the request ID of a forwarded answer.
	upstreamID string
}

// Messages of the answers whose error text must not reach the client.
const (
	internalMessage = "internal error"
	canceledMessage = "the request was cancelled"
	deadlineMessage = "the request's deadline expired"
)

// coded is what every registry's error (table.Error) offers.
type coded interface {
	error
	HTTPStatus() int
	GRPCCode() codes.Code
	ErrorInfo() *errdetails.ErrorInfo
	Message() string
}

// WriteError writes err to w as an error answer to r in Google's JSON
// error format (AIP-193), the shape the JD Cloud message queue API uses:
//
//	{"requestId": "...", "error": {"code": 404, "message": "...",
//	 "status": "NOT_FOUND", "details": [...]}}
//
// What it writes depends on what err is, or wraps:
//
//   - a *ResponseError (from ReadError), forwarded: its HTTP status; its
//     status without surrounding white space and in canonical spelling
//     (" permission_denied" is PERMISSION_DENIED, an unknown status is
//     kept), or the name of its gRPC code when it has none; its message,
//     or, when the body was no error answer (none, an HTML page, ...),
//     the HTTP status text; its details, those ReadError decoded (of a
//     Connect, kratos or legacy answer) as protojson writes an Any; and
//     the upstream's request ID, when it differs from the answer's own,
//     as a google.rpc.RequestInfo detail after them;
//   - an error of a statusreg registry (rocketmq, turms, httpmap, ...):
//     the registry's HTTP status for the code, or, when it has none (or a
//     status below 400), grpccodes.HTTPStatus of its gRPC code; status
//     the canonical gRPC name (grpccodes.Name), except for an httpmap
//     code, whose status is its own name (TOPIC_NOT_EXIST) as the API
//     writes it (CodeUnspecified and unknown codes, which the API never
//     writes, take the canonical name); the error's message; and a
//     google.rpc.ErrorInfo detail
//     that keeps the exact code;
//   - an error carrying a gRPC status (GRPCStatus), such as one from
//     connectcodes.FromConnect: grpccodes.HTTPStatus of its code, its
//     canonical name, its message and its details (one whose type the
//     protobuf registry does not know as {"@type": <type URL>, "value":
//     <base64>}, which ReadError reads back);
//   - context.Canceled: 499 CANCELLED; context.DeadlineExceeded: 504
//     DEADLINE_EXCEEDED, each with a fixed message;
//   - any other error, and nil: 500 INTERNAL with the message "internal
//     error". Its text never reaches the client: it goes to OnError, or,
//     when OnError is nil, to log/slog's default logger.
//
// After writing, WriteError passes err and the HTTP status to OnError.
//
// The request ID is r's request ID header, when it holds 1 to 128 bytes
// of printable ASCII, else a new random one; it is also set on the
// response header. r may be nil.
func (e *Envelope) WriteError(w http.ResponseWriter, r *http.Request, err error) {
	var a answer
	describe(&a, err)
	hdr := e.header()
	id := ""
	if r != nil {
		id = r.Header.Get(hdr)
	}
	if !validRequestID(id) {
		id = newRequestID()
	}
	appendRequestInfo(&a, id)
	bp := buffers.Get().(*[]byte)
	b := appendAnswer((*bp)[:0], id, &a)
	h := w.Header()
	h["Content-Type"] = []string{"application/json; charset=utf-8"}
	h["X-Content-Type-Options"] = []string{"nosniff"}
	h[hdr] = []string{id}
	delete(h, "Content-Length")
	w.WriteHeader(a.http)
	_, _ = w.Write(b)
	if cap(b) <= 64<<10 {
		*bp = b
		buffers.Put(bp)
	}
	switch {
	case e.OnError != nil:
		e.OnError(r, err, a.http)
	case a.generic && err != ErrPanic:
		logInternal(r, err, id)
	}
}

var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// describe fills a from err.
func describe(a *answer, err error) {
	if re, ok := errors.AsType[*ResponseError](err); ok {
		forward(a, re)
		return
	}
	if ce, ok := errors.AsType[coded](err); ok {
		g := ce.GRPCCode()
		a.http = ce.HTTPStatus()
		if a.http < 400 || a.http > 599 {
			a.http = grpccodes.HTTPStatus(g)
		}
		a.status = grpccodes.Name(g)
		if own, ok := ce.(*Error); ok && own.Code() != CodeUnspecified && own.Code().Known() {
			a.status = own.Code().String() // as the API writes it
		}
		a.message = ce.Message()
		a.info = ce.ErrorInfo()
		return
	}
	if gs, ok := errors.AsType[interface {
		error
		GRPCStatus() *status.Status
	}](err); ok {
		if st := gs.GRPCStatus(); st != nil {
			fromStatus(a, st)
			return
		}
	}
	switch {
	case errors.Is(err, context.Canceled):
		a.http, a.status, a.message = 499, grpccodes.Name(codes.Canceled), canceledMessage
	case errors.Is(err, context.DeadlineExceeded):
		a.http, a.status, a.message = 504, grpccodes.Name(codes.DeadlineExceeded), deadlineMessage
	default:
		a.http, a.status, a.message = 500, grpccodes.Name(codes.Internal), internalMessage
		a.generic = true
	}
}

// forward fills a from an answer read by ReadError: its HTTP status, its
// status trimmed and canonical, its message (the HTTP status text when
// the body was no error answer) and its details, and the upstream's
// request ID, which WriteError keeps as a RequestInfo detail.
func forward(a *answer, re *ResponseError) {
	a.http, a.status, a.message = re.httpStatus, re.statusName(), re.message
	if re.format == FormatNone && a.message == "" {
		a.message = http.StatusText(re.httpStatus)
		if a.message == "" {
			a.message = "HTTP " + strconv.Itoa(re.httpStatus)
		}
	}
	for _, d := range re.details {
		a.raw = append(a.raw, d.json())
	}
	a.upstreamID = re.requestID
}

// appendRequestInfo appends the upstream's request ID as a RequestInfo
// detail, unless it is the answer's own ID or a detail already holds it.
func appendRequestInfo(a *answer, own string) {
	id := a.upstreamID
	if id == "" || id == own {
		return
	}
	quoted := appendString(nil, id)
	for _, raw := range a.raw {
		if bytes.Contains(raw, []byte(requestInfoURL)) && bytes.Contains(raw, quoted) {
			return
		}
	}
	b := append([]byte(`{"@type":"`+requestInfoURL+`","requestId":`), quoted...)
	a.raw = append(a.raw, append(b, '}'))
}

func fromStatus(a *answer, st *status.Status) {
	c := st.Code()
	if c == codes.OK { // an error is never OK
		c = codes.Unknown
	}
	a.http, a.status, a.message = grpccodes.HTTPStatus(c), grpccodes.Name(c), st.Message()
	var anys []*anypb.Any
	for i, d := range st.Details() {
		switch d := d.(type) {
		case *errdetails.ErrorInfo:
			a.infos = append(a.infos, d)
			continue
		case proto.Message:
			if packed, err := anypb.New(d); err == nil {
				if raw, err := protojson.Marshal(packed); err == nil {
					a.raw = append(a.raw, raw)
					continue
				}
			}
		}
		// A detail whose type is not linked in keeps its bytes.
		if anys == nil {
			anys = st.Proto().GetDetails()
		}
		if i < len(anys) {
			a.raw = append(a.raw, anyJSON(anys[i]))
		}
	}
}

// appendAnswer appends the JSON of an error answer to b.
func appendAnswer(b []byte, id string, a *answer) []byte {
	b = append(b, `{"requestId":`...)
	b = appendString(b, id)
	b = append(b, `,"error":{"code":`...)
	b = strconv.AppendInt(b, int64(a.http), 10)
	b = append(b, `,"message":`...)
	b = appendString(b, a.message)
	b = append(b, `,"status":`...)
	b = appendString(b, a.status)
	if a.info != nil || len(a.infos) > 0 || len(a.raw) > 0 {
		b = append(b, `,"details":[`...)
		sep := false
		comma := func() {
			if sep {
				b = append(b, ',')
			}
			sep = true
		}
		if a.info != nil {
			comma()
			b = appendErrorInfo(b, a.info)
		}
		for _, info := range a.infos {
			comma()
			b = appendErrorInfo(b, info)
		}
		for _, raw := range a.raw {
			comma()
			b = append(b, raw...)
		}
		b = append(b, ']')
	}
	return append(b, "}}\n"...)
}

// appendErrorInfo appends info as protojson writes it in an Any: the
// type URL, then the set fields in field order, map keys sorted.
func appendErrorInfo(b []byte, info *errdetails.ErrorInfo) []byte {
	b = append(b, `{"@type":"`+errorInfoURL+`"`...)
	if r := info.GetReason(); r != "" {
		b = append(b, `,"reason":`...)
		b = appendString(b, r)
	}
	if d := info.GetDomain(); d != "" {
		b = append(b, `,"domain":`...)
		b = appendString(b, d)
	}
	if md := info.GetMetadata(); len(md) > 0 {
		b = append(b, `,"metadata":{`...)
		for i, k := range slices.Sorted(maps.Keys(md)) {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = appendString(b, md[k])
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD,
// as encoding/json writes it.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' { // valid JSON, but not JavaScript
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func validRequestID(id string) bool {
	if id == "" || len(id) > maxRequestID {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 0x21 || id[i] > 0x7e {
			return false
		}
	}
	return true
}

// newRequestID returns 16 random bytes in hex.
func newRequestID() string {
	var raw [16]byte
	_, _ = rand.Read(raw[:]) // never fails
	return hex.EncodeToString(raw[:])
}

// infoAny packs info into an Any, or returns nil.
func infoAny(info *errdetails.ErrorInfo) *anypb.Any {
	a, err := anypb.New(info)
	if err != nil {
		return nil
	}
	return a
}

// logPanic is the default OnPanic.
func logPanic(r *http.Request, v any, stack []byte) {
	ctx, method, path := requestOf(r)
	slog.Default().ErrorContext(ctx, "httpmap: handler panicked",
		slog.Any("panic", v), slog.String("method", method), slog.String("path", path),
		slog.String("stack", string(stack)))
}

// requestOf is what the default logs say of r, which may be nil: its
// context, method and path.
func requestOf(r *http.Request) (ctx context.Context, method, path string) {
	if r == nil {
		return context.Background(), "", ""
	}
	if r.URL != nil {
		path = r.URL.Path
	}
	return r.Context(), r.Method, path
}
