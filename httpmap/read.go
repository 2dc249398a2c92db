package httpmap

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"

	spb "google.golang.org/genproto/googleapis/rpc/status"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/internal/ascii"
)

// ErrNotError is what ReadError reports for a response whose status is
// below 400: it is not an error answer.
var ErrNotError = errors.New("httpmap: the response is not an error answer")

// drainMax bounds how much of an unread body ReadError discards before it
// closes it, so that the connection can be reused without waiting long.
const drainMax = 64 << 10

// Format names the shape of error answer ReadError read.
type Format uint8

// The shapes ReadError reads; see Envelope.ReadError.
const (
	// FormatNone: the body was no error answer (empty, HTML, text, JSON
	// of another shape, not JSON, or too large); BodyError says why.
	FormatNone Format = iota
	// FormatAIP193: Google's JSON error format, {"error": {"code",
	// "message", "status", "details"}}, as WriteError and the JD Cloud
	// API write it, also inside Google's streaming array
	// [{"error": {...}}] and with the legacy v1 "errors" array.
	FormatAIP193
	// FormatStatus: a google.rpc.Status as JSON, {"code": <gRPC
	// number>, "message", "details"}, as grpc-gateway writes it.
	FormatStatus
	// FormatConnect: a Connect protocol error, {"code": "not_found",
	// "message", "details": [{"type", "value"}]}, or a Connect
	// end-of-stream message with such an "error".
	FormatConnect
	// FormatKratos: a go-kratos error, {"code": <HTTP status>,
	// "reason", "message", "metadata"}.
	FormatKratos
	// FormatProblem: RFC 9457 problem details, {"type", "title",
	// "status", "detail", "instance"}.
	FormatProblem
)

// String returns the format's short name: "none", "aip193", "status",
// "connect", "kratos" or "problem"; Format(N) for another value.
func (f Format) String() string {
	switch f {
	case FormatNone:
		return "none"
	case FormatAIP193:
		return "aip193"
	case FormatStatus:
		return "status"
	case FormatConnect:
		return "connect"
	case FormatKratos:
		return "kratos"
	case FormatProblem:
		return "problem"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// ResponseError is an error answer read by ReadError. It converts to a
// gRPC status (GRPCStatus) with the answer's details, so that
// status.FromError, and the registries' CodeOf (rocketmq.CodeOf,
// httpmap.CodeOf, ...), read the code the answer carries. Its zero value
// is an UNKNOWN error with no body.
type ResponseError struct {
	requestID  string
	httpStatus int
	format     Format
	status     string // verbatim from the body
	message    string
	code       codes.Code
	own        Code // the httpmap code status names, if any
	details    []detail
	body       []byte
	retryAfter string // the Retry-After header
	bodyErr    error  // why the body gave no error answer
}

// detail is one element of an answer's details, in one of three forms.
type detail struct {
	raw  []byte                // the element's JSON as received, when kept so
	msg  *anypb.Any            // decoded from Connect's binary form, when not raw
	info *errdetails.ErrorInfo // when the element is an ErrorInfo
}

// ReadError reads the error answer of resp with the zero Envelope: see
// Envelope.ReadError.
func ReadError(resp *http.Response) (*ResponseError, error) { return std.ReadError(resp) }

// ReadError reads resp's body as an error answer and returns it as a
// typed error. It reads at most MaxBody bytes, in one pass, and always
// closes the body. For a response whose status is below 400 it returns
// ErrNotError. It never panics; it waits on the body only as long as the
// body's reader does, so bound that with the request's context or the
// client's timeout.
//
// It reads the JSON error shapes of the Go ecosystem (Format says which
// one it read), after a UTF-8 byte order mark and white space:
//
//   - AIP-193, Google's JSON error format: {"error": {"code": <HTTP
//     status>, "message", "status", "details": [Any as JSON]}}, as
//     WriteError writes it, with the JD Cloud API's top-level
//     "requestId"; also Google's streaming form, an array whose first
//     element with an "error" object is the answer, and Google's legacy
//     v1 "errors" array, whose entries, when there are no details,
//     become ErrorInfo details (their reason and domain, and their other
//     members as metadata);
//   - google.rpc.Status as JSON, as grpc-gateway writes it:
//     {"code": <gRPC number>, "message", "details"};
//   - Connect protocol errors: {"code": "not_found", "message",
//     "details": [{"type", "value"}]}, each value a protobuf message in
//     base64 (padded or not), decoded into its message when the global
//     protobuf registry knows its type and kept as an Any otherwise; also
//     a Connect end-of-stream {"error": {...}};
//   - go-kratos errors: {"code": <HTTP status>, "reason", "message",
//     "metadata"}, whose reason and metadata become an ErrorInfo detail
//     with no domain, as kratos itself converts them;
//   - RFC 9457 problem details (also any body sent as
//     application/problem+json): the message is "detail", else "title".
//
// A member of an unexpected type is ignored. Where a name repeats, the
// last one counts, as in encoding/json.
//
// The error's gRPC code is exact whenever the body names one: a status
// or string code that is a canonical gRPC name in any letter case
// (NOT_FOUND, not_found), a Connect code (canceled, code_20) or Code(20)
// (as WriteError forwards a code outside the canonical ones), an httpmap
// status (TOPIC_NOT_EXIST: its Code.GRPCCode), or the number of a
// google.rpc.Status (unknown numbers kept; a number equal to the HTTP
// status, 100 or more, is that status echoed, and names none). An answer
// that names no code (a kratos error, problem details, an unknown status
// such as "QUEUE_FROZEN", kept in Status and in the error's text) takes
// grpccodes.FromHTTPStatus of the response's status, so 504 is
// DEADLINE_EXCEEDED.
//
// Registry codes come from ErrorInfo details only: each registry's CodeOf
// reads the exact code from a detail of its domain, in any of the
// shapes, and an answer without one carries no code of that registry.
// The JD Cloud API names its codes by status alone and sends no
// ErrorInfo: Code reads those.
//
// A body that is no error answer (empty, not JSON, such as a load
// balancer's HTML page, truncated, nested too deep, larger than MaxBody,
// or JSON of another shape) is not an error of ReadError: the returned
// *ResponseError has Format FormatNone, BodyError says why, and its code
// goes by the HTTP status alone, by the transport rule gRPC applies to a
// response that is no gRPC answer (grpccodes.FromHTTPTransport: 429,
// 502, 503 and 504 give UNAVAILABLE, 404 UNIMPLEMENTED, any status it
// does not list UNKNOWN), with Cloudflare's 520 to 524 (the origin
// failed, is down or unreachable, or timed out) read as UNAVAILABLE too,
// worth retrying.
func (e *Envelope) ReadError(resp *http.Response) (*ResponseError, error) {
	if resp == nil {
		return nil, errors.New("httpmap: ReadError of a nil response")
	}
	body := resp.Body
	if body == nil {
		body = http.NoBody
	}
	defer body.Close()
	if resp.StatusCode < 400 {
		_, _ = io.CopyN(io.Discard, body, drainMax)
		return nil, fmt.Errorf("%w: HTTP %d", ErrNotError, resp.StatusCode)
	}
	re := &ResponseError{httpStatus: resp.StatusCode}
	problem := false
	if resp.Header != nil {
		re.requestID = resp.Header.Get(e.header())
		re.retryAfter = resp.Header.Get("Retry-After")
		problem = isProblemJSON(resp.Header.Get("Content-Type"))
	}
	max := e.MaxBody
	if max <= 0 {
		max = DefaultMaxBody
	}
	data, err := readBody(body, resp.ContentLength, max)
	re.body = data
	if err != nil {
		re.fallBack(err)
		return re, nil
	}
	if err := re.parse(data, problem); err != nil {
		re.fallBack(err)
	}
	return re, nil
}

// isProblemJSON reports whether a Content-Type is application/problem+json.
func isProblemJSON(ct string) bool {
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	return ascii.EqualFold(strings.TrimSpace(ct), "application/problem+json")
}

// presizeMax bounds the buffer readBody allocates on the word of a
// Content-Length before any byte arrives; a larger body grows it.
const presizeMax = DefaultMaxBody

// readBody reads all of body, at most max bytes; a longer body is an
// error, after discarding a bounded part of the rest. It returns what it
// read, at most max bytes, also with an error.
func readBody(body io.Reader, length, max int64) ([]byte, error) {
	size := int64(512)
	if length > 0 && length <= max && length < presizeMax {
		size = length + 1 // room to see EOF without growing
	}
	limit := max
	if limit < math.MaxInt64 {
		limit++ // one byte more tells a body of max bytes from a longer one
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	n, err := buf.ReadFrom(io.LimitReader(body, limit))
	if err != nil {
		return buf.Bytes(), fmt.Errorf("reading body: %w", err)
	}
	if n > max {
		_, _ = io.CopyN(io.Discard, body, drainMax)
		return buf.Bytes()[:max], fmt.Errorf("body larger than %d bytes", max)
	}
	return buf.Bytes(), nil
}

// URLs of the details ReadError and WriteError handle themselves.
const (
	typePrefix     = "type.googleapis.com/"
	errorInfoURL   = typePrefix + "google.rpc.ErrorInfo"
	requestInfoURL = typePrefix + "google.rpc.RequestInfo"
)

var errNoAnswer = errors.New("no error object")

// member kinds of a "code".
const (
	codeNone = iota
	codeNumber
	codeString
)

// parts holds what one JSON object of an answer says: the top level, an
// "error" object, or an element of Google's streaming array.
type parts struct {
	requestID, message, status, reason, title, detail text
	codeKind                                          int
	code                                              []byte // the number, or the string's content
	codeEsc                                           bool
	details                                           []detail
	legacy                                            []detail // Google's v1 "errors"
	metadata                                          []byte   // the raw "metadata" object
	inner                                             *parts   // the "error" object
}

// members reads an object's members into p. Nested "error" objects are
// read when nested is false.
func (s *scanner) members(p *parts, nested bool) {
	if !s.open('{') {
		return
	}
	for n := 0; s.more('}', &n); {
		k := s.key()
		switch string(k) {
		case "requestId":
			s.readText(&p.requestID)
		case "message":
			s.readText(&p.message)
		case "status":
			s.readText(&p.status)
		case "reason":
			s.readText(&p.reason)
		case "title":
			s.readText(&p.title)
		case "detail":
			s.readText(&p.detail)
		case "code":
			switch c := s.peek(); {
			case c == '"':
				raw, esc := s.str()
				p.codeKind, p.code, p.codeEsc = codeString, raw, esc
			case c == '-' || '0' <= c && c <= '9':
				p.codeKind, p.code = codeNumber, s.num()
			default:
				s.skip()
				p.codeKind, p.code = codeNone, nil
			}
		case "details":
			p.details = s.details(p.details[:0])
		case "errors":
			p.legacy = s.legacyErrors(p.legacy[:0])
		case "metadata":
			start := s.peekPos()
			s.skip()
			p.metadata = nil
			if s.err == nil && s.b[start] == '{' {
				p.metadata = s.b[start:s.i]
			}
		case "error":
			if nested || s.peek() != '{' {
				s.skip()
				p.inner = nil
				continue
			}
			inner := new(parts)
			s.members(inner, true)
			p.inner = inner
		default:
			s.skip()
		}
	}
}

// peekPos returns where the next value starts.
func (s *scanner) peekPos() int {
	s.peek()
	return s.i
}

// details reads an array of details; a value of another type is
// skipped and gives none.
func (s *scanner) details(out []detail) []detail {
	if s.peek() != '[' {
		s.skip()
		return nil
	}
	s.open('[')
	for n := 0; s.more(']', &n); {
		out = append(out, s.detail())
	}
	return out
}

// detail reads one element of "details": an Any as protojson writes it
// ({"@type": ..., fields}), kept as received, with an ErrorInfo also
// decoded; or a Connect detail ({"type", "value"}), decoded from base64.
func (s *scanner) detail() detail {
	start := s.peekPos()
	if s.peek() != '{' {
		s.skip()
		return detail{raw: s.b[start:s.i]}
	}
	var atType, typ, value, reason, domain text
	var md map[string]string
	mdOK, infoOK := true, true
	s.open('{')
	for n := 0; s.more('}', &n); {
		switch string(s.key()) {
		case "@type":
			s.readText(&atType)
		case "type":
			s.readText(&typ)
		case "value":
			s.readText(&value)
		case "reason":
			infoOK = s.readOptionalText(&reason) && infoOK
		case "domain":
			infoOK = s.readOptionalText(&domain) && infoOK
		case "metadata":
			if s.isNull() {
				md = nil
				continue
			}
			md, mdOK = s.stringMap(true)
		default:
			s.skip()
		}
	}
	d := detail{raw: s.b[start:s.i]}
	if s.err != nil {
		return d
	}
	switch {
	case atType.set:
		if infoOK && mdOK && atType.is(errorInfoURL) {
			d.info = &errdetails.ErrorInfo{Reason: reason.String(), Domain: domain.String(), Metadata: md}
		}
	case typ.set && value.set:
		b, ok := decodeBase64(value.bytes())
		if !ok {
			return d
		}
		url := typ.String()
		if !strings.Contains(url, "/") {
			url = typePrefix + url
		}
		d.raw, d.msg = nil, &anypb.Any{TypeUrl: url, Value: b}
		if url == errorInfoURL {
			info := new(errdetails.ErrorInfo)
			if proto.Unmarshal(b, info) == nil {
				d.info = info
			}
		}
	}
	return d
}

// decodeBase64 decodes standard base64, padded or not.
func decodeBase64(raw []byte) ([]byte, bool) {
	enc := base64.RawStdEncoding
	if len(raw)%4 == 0 && bytes.HasSuffix(raw, []byte("=")) {
		enc = base64.StdEncoding
	}
	out := make([]byte, enc.DecodedLen(len(raw)))
	n, err := enc.Decode(out, raw)
	return out[:n], err == nil
}

// stringMap reads an object of strings. A value of another type fails
// it when strict, and is kept as its JSON text otherwise; null values
// are left out.
func (s *scanner) stringMap(strict bool) (map[string]string, bool) {
	if s.peek() != '{' {
		s.skip()
		return nil, false
	}
	var m map[string]string
	ok := true
	s.open('{')
	for n := 0; s.more('}', &n); {
		k := string(s.key())
		if s.isNull() {
			continue
		}
		var v string
		if s.peek() == '"' {
			raw, esc := s.str()
			v = unquote(raw, esc)
		} else {
			start := s.peekPos()
			s.skip()
			ok = ok && !strict
			v = string(s.b[start:s.i])
		}
		if m == nil {
			m = make(map[string]string, 1)
		}
		m[k] = v
	}
	return m, ok && s.err == nil
}

// legacyErrors reads Google's legacy v1 "errors" array: each object
// becomes an ErrorInfo of its reason and domain, with its other members
// as metadata (strings as they are, other values as JSON).
func (s *scanner) legacyErrors(out []detail) []detail {
	if s.peek() != '[' {
		s.skip()
		return nil
	}
	s.open('[')
	for n := 0; s.more(']', &n); {
		if s.peek() != '{' {
			s.skip()
			continue
		}
		start := s.peekPos()
		s.skip()
		if s.err != nil {
			return out
		}
		sub := scanner{b: s.b[start:s.i]}
		m, _ := sub.stringMap(false)
		info := &errdetails.ErrorInfo{Reason: m["reason"], Domain: m["domain"]}
		delete(m, "reason")
		delete(m, "domain")
		if len(m) > 0 {
			info.Metadata = m
		}
		out = append(out, detail{info: info})
	}
	return out
}

// trimBody strips a leading UTF-8 byte order mark and the white space
// around the body.
func trimBody(data []byte) []byte {
	data = bytes.TrimLeft(data, " \t\r\n")
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	return bytes.Trim(data, " \t\r\n")
}

func (re *ResponseError) parse(data []byte, problem bool) error {
	data = trimBody(data)
	if len(data) == 0 {
		return errors.New("empty body")
	}
	s := scanner{b: data}
	var top parts
	var answer *parts // the object that holds the answer
	switch s.peek() {
	case '{':
		s.members(&top, false)
		answer = &top
	case '[':
		// Google's streaming form: the first element with an "error".
		s.open('[')
		for n := 0; s.more(']', &n); {
			if answer != nil || s.peek() != '{' {
				s.skip()
				continue
			}
			var el parts
			s.members(&el, false)
			if el.inner != nil {
				answer = &el
			}
		}
	default:
		s.skip()
	}
	if s.err == nil && s.peek() != 0 {
		s.fail("data after the JSON value")
	}
	if s.err != nil {
		return s.err
	}
	if answer == nil {
		return errNoAnswer
	}
	p := answer
	switch {
	case p.inner != nil:
		e := p.inner
		re.format = FormatAIP193
		re.status, re.message = e.status.String(), e.message.String()
		re.details = e.details
		if len(re.details) == 0 {
			re.details = e.legacy
		}
		named := false
		if e.status.set {
			re.code, named = re.statusCode(re.status)
		}
		if e.codeKind == codeString {
			if !e.status.set {
				re.format = FormatConnect
				re.status = unquote(e.code, e.codeEsc)
			}
			if !named {
				re.code, named = namedCode(unquote(e.code, e.codeEsc))
			}
		}
		if !named {
			re.code = grpccodes.FromHTTPStatus(re.httpStatus)
		}
	case problem || (p.title.set || p.detail.set) && !p.message.set:
		re.format = FormatProblem
		re.message = p.detail.String()
		if !p.detail.set {
			re.message = p.title.String()
		}
		re.code = grpccodes.FromHTTPStatus(re.httpStatus)
	case p.reason.set && p.codeKind != codeString:
		re.format = FormatKratos
		re.message = p.message.String()
		reason := p.reason.String()
		var md map[string]string
		if p.metadata != nil {
			sub := scanner{b: p.metadata}
			md, _ = sub.stringMap(false)
		}
		if reason != "" || len(md) > 0 {
			re.details = []detail{{info: &errdetails.ErrorInfo{Reason: reason, Metadata: md}}}
		}
		re.code = grpccodes.FromHTTPStatus(re.httpStatus)
	case p.codeKind == codeString:
		re.format = FormatConnect
		re.status, re.message, re.details = unquote(p.code, p.codeEsc), p.message.String(), p.details
		named := false
		re.code, named = namedCode(re.status)
		if !named {
			re.code = grpccodes.FromHTTPStatus(re.httpStatus)
		}
	case p.codeKind == codeNumber:
		re.format = FormatStatus
		re.message, re.details = p.message.String(), p.details
		n, ok := int32Of(p.code)
		switch {
		case !ok, n >= 100 && int(n) == re.httpStatus:
			re.code = grpccodes.FromHTTPStatus(re.httpStatus)
		default:
			re.code = codes.Code(uint32(n))
		}
	default:
		return errNoAnswer
	}
	if id := p.requestID.String(); id != "" {
		re.requestID = id
	}
	return nil
}

// statusCode returns the gRPC code an AIP-193 status names, and sets
// re.own when it is an httpmap name.
func (re *ResponseError) statusCode(s string) (codes.Code, bool) {
	if c, ok := parseName(s); ok {
		re.own = c
		return c.GRPCCode(), true
	}
	return namedCode(s)
}

// namedCode returns the gRPC code s names, around white space: a
// canonical name in any ASCII letter case, a Connect code ("canceled",
// or code_N for a code outside the canonical ones), or Code(N), as
// grpccodes.Name writes such a code. OK names no error code.
func namedCode(s string) (codes.Code, bool) {
	s = strings.TrimSpace(s)
	if ascii.EqualFold(s, "canceled") {
		return codes.Canceled, true
	}
	var digits string
	switch {
	case len(s) > 5 && ascii.EqualFold(s[:5], "code_"):
		digits = s[5:]
	case len(s) > 6 && s[:5] == "Code(" && s[len(s)-1] == ')':
		digits = s[5 : len(s)-1]
	}
	if digits != "" && digits[0] != '+' {
		if n, err := strconv.ParseUint(digits, 10, 32); err == nil && n > 16 {
			return codes.Code(n), true
		}
	}
	for c := codes.Canceled; c <= codes.Unauthenticated; c++ {
		if ascii.EqualFold(s, grpccodes.Name(c)) {
			return c, true
		}
	}
	return codes.Unknown, false
}

// cdnOriginFailure reports whether s is one of Cloudflare's statuses for
// an origin that failed, is down or unreachable, or timed out: 520 to
// 524, which the transport rule does not list.
func cdnOriginFailure(s int) bool { return 520 <= s && s <= 524 }

// fallBack makes re go by its HTTP status, for a body that was no error
// answer.
func (re *ResponseError) fallBack(err error) {
	re.bodyErr = err
	re.format = FormatNone
	re.status, re.message, re.details, re.own = "", "", nil, CodeUnspecified
	if cdnOriginFailure(re.httpStatus) {
		re.code = codes.Unavailable
	} else {
		re.code = grpccodes.FromHTTPTransport(re.httpStatus)
	}
}

// RequestID returns the answer's request ID: its "requestId", else the
// response's request ID header.
func (re *ResponseError) RequestID() string { return re.requestID }

// HTTPStatus returns the response's HTTP status.
func (re *ResponseError) HTTPStatus() int { return re.httpStatus }

// Format returns the shape of the answer ReadError read, FormatNone when
// the body was no error answer.
func (re *ResponseError) Format() Format { return re.format }

// Status returns the answer's status string as received, unknown ones
// ("QUEUE_FROZEN") and white space included: the AIP-193 "status", or
// the string "code" of a Connect error ("not_found"); "" for the other
// shapes and when the body was no error answer.
func (re *ResponseError) Status() string { return re.status }

// Message returns the answer's message.
func (re *ResponseError) Message() string { return re.message }

// Body returns, in a new slice, the bytes of the body ReadError read: at
// most MaxBody bytes, what arrived before a failed read, and nil for the
// zero ResponseError.
func (re *ResponseError) Body() []byte { return bytes.Clone(re.body) }

// RetryAfter returns how long the answer asks the client to wait before
// it sends the request again: the response's Retry-After header, in
// seconds or as an HTTP date (a date in the past gives 0), else the
// retry_delay of a google.rpc.RetryInfo detail. It reports false when
// the answer says neither.
func (re *ResponseError) RetryAfter() (time.Duration, bool) {
	if h := strings.TrimSpace(re.retryAfter); h != "" {
		if n, err := strconv.ParseInt(h, 10, 64); err == nil && n >= 0 {
			if n > int64(math.MaxInt64/time.Second) {
				return time.Duration(math.MaxInt64), true
			}
			return time.Duration(n) * time.Second, true
		}
		if t, err := http.ParseTime(h); err == nil {
			return max(time.Until(t), 0), true
		}
	}
	for _, d := range re.details {
		a := d.proto()
		if a == nil || a.GetTypeUrl() != typePrefix+"google.rpc.RetryInfo" {
			continue
		}
		var info errdetails.RetryInfo
		if a.UnmarshalTo(&info) == nil && info.GetRetryDelay() != nil {
			if err := info.GetRetryDelay().CheckValid(); err == nil {
				return max(info.GetRetryDelay().AsDuration(), 0), true
			}
		}
	}
	return 0, false
}

// GRPCCode returns the canonical gRPC code of the answer: see ReadError.
// It is never OK, which gRPC would take for success: the zero
// ResponseError is UNKNOWN.
func (re *ResponseError) GRPCCode() codes.Code {
	if re.code == codes.OK {
		return codes.Unknown
	}
	return re.code
}

// Code returns the httpmap code the answer carries: the exact code of its
// httpmap ErrorInfo when it has one (USER_AUTH_FAILED under the status
// PERMISSION_DENIED), else the code its status names, as the JD Cloud
// API writes them (TOPIC_NOT_EXIST, with surrounding white space
// allowed), else CodeUnspecified. Three of the API's names,
// INVALID_ARGUMENT, PERMISSION_DENIED and INTERNAL, are canonical gRPC
// names too: Code reads them as the API's codes, which map to the same
// gRPC codes, since the wire cannot tell the two apart; CodeOf, which
// reads ErrorInfo details only, gives CodeUnspecified for them.
func (re *ResponseError) Code() Code {
	if c := CodeOf(re); c != CodeUnspecified {
		return c
	}
	return re.own
}

// Details returns the answer's details as JSON, one element each, in a
// new slice: as received for AIP-193 and google.rpc.Status answers, and
// as protojson writes an Any for the details ReadError decoded (Connect
// details, and the ErrorInfo of a kratos error or of legacy "errors").
// A Connect detail whose type the protobuf registry does not know is
// {"@type": <type URL>, "value": <base64>}, which ReadError reads back.
func (re *ResponseError) Details() []json.RawMessage {
	out := make([]json.RawMessage, len(re.details))
	for i, d := range re.details {
		out[i] = d.json()
	}
	return out
}

// json returns the detail's JSON.
func (d detail) json() []byte {
	switch {
	case d.raw != nil:
		return d.raw
	case d.info != nil:
		return appendErrorInfo(nil, d.info)
	case d.msg != nil:
		return anyJSON(d.msg)
	}
	return []byte("null")
}

// anyJSON returns an Any as protojson writes it, or, for a type the
// protobuf registry does not know, {"@type": <type URL>, "value":
// <base64>}.
func anyJSON(a *anypb.Any) []byte {
	if b, err := protojson.Marshal(a); err == nil {
		return b
	}
	b := append([]byte(`{"@type":`), appendString(nil, a.GetTypeUrl())...)
	b = append(b, `,"value":"`...)
	b = base64.StdEncoding.AppendEncode(b, a.GetValue())
	return append(b, `"}`...)
}

// proto returns the detail as an Any, or nil when it is not one.
func (d detail) proto() *anypb.Any {
	switch {
	case d.info != nil:
		return infoAny(d.info)
	case d.msg != nil:
		return d.msg
	case d.raw != nil:
		return rawAny(d.raw)
	}
	return nil
}

// rawAny reads an Any from its JSON: as protojson reads it, else in the
// form anyJSON writes for a type the registry does not know.
func rawAny(raw []byte) *anypb.Any {
	a := new(anypb.Any)
	if protojson.Unmarshal(raw, a) == nil {
		return a
	}
	s := scanner{b: raw}
	var typ, value text
	other := false
	if !s.open('{') {
		return nil
	}
	for n := 0; s.more('}', &n); {
		switch string(s.key()) {
		case "@type":
			s.readText(&typ)
		case "value":
			s.readText(&value)
		default:
			other = true
			s.skip()
		}
	}
	if s.err != nil || other || !typ.set || !value.set {
		return nil
	}
	b, ok := decodeBase64(value.bytes())
	if !ok {
		return nil
	}
	return &anypb.Any{TypeUrl: typ.String(), Value: b}
}

// BodyError returns why the body was no error answer (not JSON, too
// large, a failed read, ...), or nil when it was one.
func (re *ResponseError) BodyError() error { return re.bodyErr }

// Unwrap returns BodyError.
func (re *ResponseError) Unwrap() error { return re.bodyErr }

// statusName is the status WriteError forwards: the received one without
// its surrounding white space and in its canonical spelling (an httpmap
// name as the API writes it, a gRPC or Connect code as its canonical
// gRPC name), an unknown one as received, else the name of the gRPC code.
func (re *ResponseError) statusName() string {
	s := strings.TrimSpace(re.status)
	if s == "" {
		return grpccodes.Name(re.GRPCCode())
	}
	if c, ok := parseName(s); ok {
		return c.String()
	}
	if c, ok := namedCode(s); ok {
		return grpccodes.Name(c)
	}
	return s
}

// Error returns "httpmap: HTTP 404 NOT_FOUND: message", with the received
// status (an unknown one too), or the gRPC code's name and the reason when
// the body was no error answer: "httpmap: HTTP 502 UNAVAILABLE (body is
// not JSON: ...)".
func (re *ResponseError) Error() string {
	var b strings.Builder
	b.WriteString("httpmap: HTTP ")
	b.WriteString(strconv.Itoa(re.httpStatus))
	b.WriteByte(' ')
	if s := strings.TrimSpace(re.status); s != "" {
		b.WriteString(s)
	} else {
		b.WriteString(grpccodes.Name(re.GRPCCode()))
	}
	if re.message != "" {
		b.WriteString(": ")
		b.WriteString(re.message)
	}
	if re.bodyErr != nil {
		b.WriteString(" (")
		b.WriteString(re.bodyErr.Error())
		b.WriteByte(')')
	}
	return b.String()
}

// GRPCStatus returns the answer as a gRPC status: its code, its message
// (the error's text when it has none), and its details that are Anys,
// ErrorInfo details first-class.
func (re *ResponseError) GRPCStatus() *status.Status {
	msg := re.message
	if msg == "" {
		msg = re.Error()
	}
	p := &spb.Status{Code: int32(re.GRPCCode()), Message: msg}
	for _, d := range re.details {
		if a := d.proto(); a != nil {
			p.Details = append(p.Details, a)
		}
	}
	return status.FromProto(p)
}
