package httpmap

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
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

// ResponseError is an error answer read by ReadError. It converts to a
// gRPC status (GRPCStatus) with the answer's details, so that
// status.FromError, and the registries' CodeOf (rocketmq.CodeOf,
// httpmap.CodeOf, ...), read the code the answer carries.
type ResponseError struct {
	requestID  string
	httpStatus int
	status     string // verbatim from the body
	message    string
	code       codes.Code
	own        Code // the httpmap code status names, if any
	details    []detail
	bodyErr    error // why the body gave no error answer
}

// detail is one element of an answer's details.
type detail struct {
	raw  json.RawMessage
	info *errdetails.ErrorInfo // when the element is an ErrorInfo
}

// ReadError reads the error answer of resp with the zero Envelope: see
// Envelope.ReadError.
func ReadError(resp *http.Response) (*ResponseError, error) { return std.ReadError(resp) }

// ReadError reads resp's body as an error answer in Google's JSON error
// format, as WriteError writes it and the JD Cloud message queue API
// answers, and returns it as a typed error. It reads at most MaxBody
// bytes, and always closes the body. For a response whose status is below
// 400 it returns ErrNotError. It never panics; it waits on the body only
// as long as the body's reader does, so bound that with the request's
// context or the client's timeout.
//
// The error's gRPC code comes from the answer's status when it names an
// httpmap code (TOPIC_NOT_EXIST, with surrounding white space allowed) or
// a canonical gRPC code (NOT_FOUND). An ErrorInfo detail keeps the exact
// code of the registry that wrote it, for that registry's CodeOf; an
// answer with an httpmap status and no ErrorInfo gains httpmap's, so
// httpmap.CodeOf reads it too. An unknown status ("QUEUE_FROZEN") is kept
// in Status and in the error's text, and the code goes by the HTTP status
// (grpccodes.FromHTTPStatus). Three of the API's names, INVALID_ARGUMENT,
// PERMISSION_DENIED and INTERNAL, are canonical gRPC names too: an answer
// with one of them and no ErrorInfo reads as the httpmap code, which maps
// to the same gRPC code, since the wire cannot tell the two apart.
//
// A body that is no error answer (empty, not JSON, truncated, nested too
// deep, larger than MaxBody, or JSON without an "error" object) is not an
// error of ReadError: the returned *ResponseError goes by the HTTP status,
// and BodyError says why. 502, 503 and 504 then give UNAVAILABLE
// (grpccodes.FromHTTPTransport: a proxy or load balancer answered, and
// the call is worth retrying); other statuses give
// grpccodes.FromHTTPStatus.
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
	if resp.Header != nil {
		re.requestID = resp.Header.Get(e.header())
	}
	max := e.MaxBody
	if max <= 0 {
		max = DefaultMaxBody
	}
	data, err := readBody(body, resp.ContentLength, max)
	if err != nil {
		re.fallBack(err)
		return re, nil
	}
	if err := re.parse(data); err != nil {
		re.fallBack(err)
	}
	return re, nil
}

// presizeMax bounds the buffer readBody allocates on the word of a
// Content-Length before any byte arrives; a larger body grows it.
const presizeMax = DefaultMaxBody

// readBody reads all of body, at most max bytes; a longer body is an
// error, after discarding a bounded part of the rest.
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
		return nil, fmt.Errorf("reading body: %w", err)
	}
	if n > max {
		_, _ = io.CopyN(io.Discard, body, drainMax)
		return nil, fmt.Errorf("body larger than %d bytes", max)
	}
	return buf.Bytes(), nil
}

// wireAnswer is the JSON of an error answer. The "code" member, the HTTP
// status, is not read: the response's own status is authoritative.
type wireAnswer struct {
	RequestID string `json:"requestId"`
	Error     *struct {
		Message string            `json:"message"`
		Status  string            `json:"status"`
		Details []json.RawMessage `json:"details"`
	} `json:"error"`
}

// wireErrorInfo is the JSON of a google.rpc.ErrorInfo in an Any.
type wireErrorInfo struct {
	Type     string            `json:"@type"`
	Reason   string            `json:"reason"`
	Domain   string            `json:"domain"`
	Metadata map[string]string `json:"metadata"`
}

var errNoAnswer = errors.New(`no "error" object`)

func (re *ResponseError) parse(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("empty body")
	}
	var w wireAnswer
	if err := json.Unmarshal(data, &w); err != nil {
		return fmt.Errorf("body is not an error answer: %w", err)
	}
	if w.Error == nil {
		return errNoAnswer
	}
	if w.RequestID != "" {
		re.requestID = w.RequestID
	}
	re.status, re.message = w.Error.Status, w.Error.Message
	for _, raw := range w.Error.Details {
		d := detail{raw: raw}
		var wi wireErrorInfo
		if bytes.Contains(raw, []byte(errorInfoURL)) && json.Unmarshal(raw, &wi) == nil && wi.Type == errorInfoURL {
			d.info = &errdetails.ErrorInfo{Reason: wi.Reason, Domain: wi.Domain, Metadata: wi.Metadata}
		}
		re.details = append(re.details, d)
	}
	name := strings.TrimSpace(re.status)
	if c, ok := parseName(name); ok {
		re.own, re.code = c, c.GRPCCode()
	} else if c, err := grpccodes.Parse(name); err == nil && c != codes.OK && grpccodes.Known(c) && ascii.EqualFold(name, grpccodes.Name(c)) {
		re.code = c
	} else {
		re.code = grpccodes.FromHTTPStatus(re.httpStatus)
	}
	return nil
}

// fallBack makes re go by its HTTP status, for a body that was no error
// answer.
func (re *ResponseError) fallBack(err error) {
	re.bodyErr = err
	re.status, re.message, re.details, re.own = "", "", nil, CodeUnspecified
	switch re.httpStatus {
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		re.code = grpccodes.FromHTTPTransport(re.httpStatus)
	default:
		re.code = grpccodes.FromHTTPStatus(re.httpStatus)
	}
}

// added reports whether the error gains httpmap's ErrorInfo: its status
// names an httpmap code and no detail is an ErrorInfo.
func (re *ResponseError) added() bool {
	if re.own == CodeUnspecified {
		return false
	}
	for _, d := range re.details {
		if d.info != nil {
			return false
		}
	}
	return true
}

// RequestID returns the answer's request ID: its "requestId", else the
// response's request ID header.
func (re *ResponseError) RequestID() string { return re.requestID }

// HTTPStatus returns the response's HTTP status.
func (re *ResponseError) HTTPStatus() int { return re.httpStatus }

// Status returns the answer's status string as received, unknown ones
// ("QUEUE_FROZEN") and white space included; "" when the body was no
// error answer.
func (re *ResponseError) Status() string { return re.status }

// Message returns the answer's message.
func (re *ResponseError) Message() string { return re.message }

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
// PERMISSION_DENIED), else the code its status names, else
// CodeUnspecified.
func (re *ResponseError) Code() Code {
	if c := CodeOf(re); c != CodeUnspecified {
		return c
	}
	return re.own
}

// Details returns the answer's details as JSON, one element each, in a
// new slice.
func (re *ResponseError) Details() []json.RawMessage {
	out := make([]json.RawMessage, len(re.details))
	for i, d := range re.details {
		out[i] = d.raw
	}
	return out
}

// BodyError returns why the body was no error answer (not JSON, too
// large, a failed read, ...), or nil when it was one.
func (re *ResponseError) BodyError() error { return re.bodyErr }

// Unwrap returns BodyError.
func (re *ResponseError) Unwrap() error { return re.bodyErr }

// statusName is the status WriteError forwards: the received one, else
// the canonical name of the code.
func (re *ResponseError) statusName() string {
	if re.status != "" {
		return re.status
	}
	return grpccodes.Name(re.GRPCCode())
}

// Error returns "httpmap: HTTP 404 NOT_FOUND: message", with the received
// status (an unknown one too), or the gRPC code's name and the reason when
// the body was no error answer: "httpmap: HTTP 502 UNAVAILABLE (body is
// not an error answer: ...)".
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
// (the error's text when it has none), and its details that protobuf
// knows, ErrorInfo details first-class, plus httpmap's ErrorInfo when the
// status names an httpmap code and no detail is an ErrorInfo.
func (re *ResponseError) GRPCStatus() *status.Status {
	msg := re.message
	if msg == "" {
		msg = re.Error()
	}
	p := &spb.Status{Code: int32(re.GRPCCode()), Message: msg}
	if re.added() {
		if a := infoAny(registry.ErrorInfo(re.own)); a != nil {
			p.Details = append(p.Details, a)
		}
	}
	for _, d := range re.details {
		if d.info != nil {
			if a := infoAny(d.info); a != nil {
				p.Details = append(p.Details, a)
			}
			continue
		}
		a := new(anypb.Any)
		if protojson.Unmarshal(d.raw, a) == nil {
			p.Details = append(p.Details, a)
		}
	}
	return status.FromProto(p)
}
