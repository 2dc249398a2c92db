package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/internal/registries"
)

// explainResult is the --json shape of "-": an error answer explained.
type explainResult struct {
	HTTP      int    `json:"http"`                 // the HTTP status
	Status    string `json:"status"`               // the answer's status string, as received; "" when it has none
	Message   string `json:"message"`              // the answer's message; the HTTP status text when the body holds none
	RequestID string `json:"request_id,omitempty"` // the answer's request ID
	// Format names the shape of body the answer was read from: see
	// answerFormat.
	Format string `json:"format,omitempty"`
	// BodyError says why the body is no error answer (HTML, empty, ...):
	// the HTTP status alone then decides.
	BodyError string            `json:"body_error,omitempty"`
	GRPC      string            `json:"grpc"`    // the canonical gRPC code it reads as
	Retry     *decision         `json:"retry"`   // by the registry code when there is one, else the gRPC code
	Details   []json.RawMessage `json:"details"` // the answer's details, each as the body wrote it
	Codes     []hit             `json:"codes"`   // the registry codes its details carry
}

// errNoAnswer says that standard input held no error answer.
var errNoAnswer = errors.New("standard input holds no error answer")

// inputMax bounds what explain reads of standard input: a body ReadError
// reads whole, and room for the headers.
const inputMax = httpmap.DefaultMaxBody + 64<<10

// explain reads an error answer on in: a whole HTTP response as curl -i
// prints it (see readResponse), or a body alone, which must state its
// status itself (see statusOfBody). It explains every answer
// httpmap.ReadError reads, a body that is no error answer (HTML, empty)
// included: the HTTP status then decides.
func explain(in io.Reader) (explainResult, error) {
	data, err := io.ReadAll(io.LimitReader(in, inputMax+1))
	if err != nil {
		return explainResult{}, fmt.Errorf("reading standard input: %w", err)
	}
	if len(data) > inputMax {
		return explainResult{}, fmt.Errorf("%w: it is larger than %d bytes", errNoAnswer, inputMax)
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(bytes.TrimSpace(data), bom))
	if len(trimmed) == 0 {
		return explainResult{}, fmt.Errorf("%w: it is empty", errNoAnswer)
	}
	var resp *http.Response
	if bytes.HasPrefix(trimmed, []byte("HTTP/")) {
		resp, err = readResponse(data)
		if err != nil {
			return explainResult{}, fmt.Errorf("%w: not an HTTP response: %v", errNoAnswer, err)
		}
	} else {
		code, err := statusOfBody(trimmed)
		if err != nil {
			return explainResult{}, fmt.Errorf("%w: %v", errNoAnswer, err)
		}
		resp = &http.Response{StatusCode: code, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(trimmed)), ContentLength: int64(len(trimmed))}
	}
	if resp.StatusCode < 400 {
		resp.Body.Close()
		return explainResult{}, fmt.Errorf("%w: HTTP %d is not an error status", errNoAnswer, resp.StatusCode)
	}
	re, err := httpmap.ReadError(resp)
	if err != nil {
		return explainResult{}, fmt.Errorf("%w: %v", errNoAnswer, err)
	}
	res := explainResult{
		HTTP: re.HTTPStatus(), Status: re.Status(), Message: re.Message(), RequestID: re.RequestID(),
		Format: answerFormat(re), GRPC: grpccodes.Name(re.GRPCCode()),
		Details: re.Details(), Codes: []hit{},
	}
	if res.Details == nil {
		res.Details = []json.RawMessage{}
	}
	if be := re.BodyError(); be != nil {
		res.BodyError = be.Error()
		if res.Message == "" {
			res.Message = statusText(res.HTTP)
		}
	}
	st := re.GRPCStatus()
	for i := range registries.All {
		r := &registries.All[i]
		if r.FromStatus == nil {
			continue
		}
		n, ok := r.FromStatus(st)
		if r.Name == "httpmap" {
			// The JD Cloud API names its codes by status alone, which
			// ResponseError.Code reads, as well as an ErrorInfo.
			c := re.Code()
			n, ok = int64(c), c != httpmap.CodeUnspecified
		}
		if ok && !r.IsSynthetic(n) {
			res.Codes = append(res.Codes, hitOf(r, n))
		}
	}
	if len(res.Codes) > 0 {
		res.Retry = res.Codes[0].Retry
	} else {
		res.Retry = grpcDecision(re.GRPCCode())
	}
	return res, nil
}

// answerFormat names the shape of body ReadError read the answer from,
// for the explanation's "format". This is the place for
// (*httpmap.ResponseError).Format (FormatAIP193, FormatStatus,
// FormatConnect, ...): until httpmap names the shape it read, the
// explanation names none, and "format" is left out.
func answerFormat(re *httpmap.ResponseError) string { return re.Format().String() }

// bom is the UTF-8 byte order mark, which some servers write first.
var bom = []byte("\xef\xbb\xbf")

// readResponse reads a response as curl -i (or -si, -siL) prints it: a
// status line of any HTTP version (HTTP/1.1 403 Forbidden, HTTP/2 403,
// HTTP/3 403), header lines, a blank line and the body, with CRLF or LF
// line ends. A response followed by another is a preface and is skipped:
// 1xx answers (100 Continue, 103 Early Hints), a proxy's 200 Connection
// established, and the redirects curl -L followed. curl prints the body
// as it decoded it, so Transfer-Encoding is ignored; a Content-Length
// shorter than the rest of the input ends the body.
func readResponse(data []byte) (*http.Response, error) {
	rest := data
	for {
		rest = bytes.TrimPrefix(bytes.TrimLeft(rest, " \t\r\n"), bom)
		line, next := cutLine(rest)
		proto, code, reason, err := parseStatusLine(line)
		if err != nil {
			return nil, err
		}
		rest = next
		header := http.Header{}
		var last string // the last header's name, for a folded line
		for len(rest) > 0 {
			line, rest = cutLine(rest)
			if line == "" {
				break
			}
			if line[0] == ' ' || line[0] == '\t' {
				vs := header[last]
				if len(vs) == 0 {
					return nil, fmt.Errorf("header line %s continues no header", quote(line))
				}
				vs[len(vs)-1] += " " + strings.TrimSpace(line)
				continue
			}
			k, v, ok := strings.Cut(line, ":")
			k = strings.TrimSpace(k)
			if !ok || k == "" || strings.ContainsAny(k, " \t") {
				return nil, fmt.Errorf("malformed header line %s", quote(line))
			}
			last = http.CanonicalHeaderKey(k)
			header.Add(last, strings.TrimSpace(v))
		}
		after := bytes.TrimLeft(rest, " \t\r\n")
		if code < 200 || bytes.HasPrefix(after, []byte("HTTP/")) {
			if len(after) == 0 {
				return nil, fmt.Errorf("HTTP %d is an interim answer, and no final answer follows", code)
			}
			continue
		}
		body := rest
		if n, err := strconv.Atoi(header.Get("Content-Length")); err == nil && n >= 0 && n <= len(body) {
			body = body[:n]
		}
		return &http.Response{
			Status: strings.TrimSpace(strconv.Itoa(code) + " " + reason), StatusCode: code, Proto: proto,
			Header: header, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)),
		}, nil
	}
}

// cutLine returns the first line of b, without its LF or CRLF, and what
// follows it.
func cutLine(b []byte) (string, []byte) {
	line, rest, found := bytes.Cut(b, []byte("\n"))
	if !found {
		rest = nil
	}
	return string(bytes.TrimSuffix(line, []byte("\r"))), rest
}

// parseStatusLine reads "HTTP/V CODE [REASON]", V a version such as 1.1,
// 2 or 3, CODE three digits from 100 to 599.
func parseStatusLine(line string) (proto string, code int, reason string, err error) {
	proto, after, _ := strings.Cut(line, " ")
	version, ok := strings.CutPrefix(proto, "HTTP/")
	if !ok || !isVersion(version) {
		return "", 0, "", fmt.Errorf("malformed status line %s", quote(line))
	}
	digits, reason, _ := strings.Cut(strings.TrimLeft(after, " "), " ")
	code, err = strconv.Atoi(digits)
	if err != nil || len(digits) != 3 {
		return "", 0, "", fmt.Errorf("malformed status line %s", quote(line))
	}
	if code < 100 || code > 599 {
		return "", 0, "", fmt.Errorf("status %d is no HTTP status", code)
	}
	return proto, code, strings.TrimSpace(reason), nil
}

// isVersion reports whether v is an HTTP version: a digit, optionally a
// dot and a digit.
func isVersion(v string) bool {
	digit := func(i int) bool { return '0' <= v[i] && v[i] <= '9' }
	switch len(v) {
	case 1:
		return digit(0)
	case 3:
		return digit(0) && v[1] == '.' && digit(2)
	}
	return false
}

// statusOfBody returns the HTTP status an error body pasted alone states
// itself, in each shape httpmap.ReadError reads (Google's streaming form,
// an array, by its first answer):
//   - {"error": {"code": 404, ...}}: AIP-193, code the HTTP status;
//   - {"code": 5, "message": ...}: a google.rpc.Status as grpc-gateway
//     writes it, code a gRPC code, whose HTTP status is grpc-gateway's
//     (grpccodes.HTTPStatus);
//   - {"code": "not_found", ...}: a Connect error, code a Connect code,
//     which names a gRPC code;
//   - {"code": 404, "reason": ...}: a kratos error, code the HTTP status;
//   - {"status": 404, "title": ...}: RFC 9457 problem details.
func statusOfBody(body []byte) (int, error) {
	if body[0] == '[' {
		var answers []json.RawMessage
		if err := json.Unmarshal(body, &answers); err != nil {
			return 0, fmt.Errorf("not JSON: %v", err)
		}
		if len(answers) == 0 {
			return 0, errors.New("the JSON is an empty array")
		}
		body = answers[0]
	}
	var probe struct {
		Error  json.RawMessage `json:"error"`
		Code   json.RawMessage `json:"code"`
		Status json.RawMessage `json:"status"`
	}
	if err := json.Unmarshal(body, &probe); err != nil {
		return 0, fmt.Errorf("not JSON: %v", err)
	}
	if bytes.HasPrefix(probe.Error, []byte("{")) {
		var e struct {
			Code json.RawMessage `json:"code"`
		}
		_ = json.Unmarshal(probe.Error, &e) // an object: it decodes
		if n, ok := jsonInt(e.Code); ok && n >= 100 && n <= 599 {
			return n, nil
		}
		if len(e.Code) == 0 {
			return 0, errors.New(`the "error" object has no code`)
		}
		return 0, fmt.Errorf("error.code %s is no HTTP status", quote(string(e.Code)))
	}
	if len(probe.Code) > 0 {
		if n, ok := jsonInt(probe.Code); ok {
			switch {
			case n >= 0 && n < 100: // a gRPC code: HTTP statuses start at 100
				return grpccodes.HTTPStatus(codes.Code(n)), nil
			case n <= 599:
				return n, nil
			}
		}
		var name string
		if json.Unmarshal(probe.Code, &name) == nil {
			if c, err := grpccodes.Parse(name); err == nil && grpccodes.Known(c) {
				return grpccodes.HTTPStatus(c), nil
			}
		}
		return 0, fmt.Errorf("code %s is neither a gRPC code nor an HTTP status", quote(string(probe.Code)))
	}
	if n, ok := jsonInt(probe.Status); ok && n >= 100 && n <= 599 {
		return n, nil
	}
	if len(probe.Status) > 0 {
		return 0, fmt.Errorf("status %s is no HTTP status", quote(string(probe.Status)))
	}
	return 0, errors.New(`the JSON names no status: it has no "error" object, and no "code" or "status"`)
}

// jsonInt returns the JSON integer raw holds, if it is one.
func jsonInt(raw json.RawMessage) (int, bool) {
	n, err := strconv.Atoi(string(raw))
	return n, err == nil
}

// explanation prints explain's answer: the answer itself, then a card
// for each registry code it carries.
func (p *printer) explanation(res explainResult) {
	head := fmt.Sprintf("error answer  HTTP %d %s", res.HTTP, statusText(res.HTTP))
	fmt.Fprintln(p.w, p.bold(head))
	field := func(k, v string) { fmt.Fprintf(p.w, "  %-*s %s\n", keyWidth, k, v) }
	if res.Format != "" {
		field("format", res.Format)
	}
	if res.Status != "" || res.BodyError == "" {
		field("status", strconv.Quote(res.Status))
	}
	msg := strconv.Quote(res.Message)
	if res.BodyError != "" {
		msg += " " + p.dim("(the HTTP status text: the body holds no error answer)")
	}
	field("message", wrap(msg, indent))
	if res.BodyError != "" {
		field("body", wrap(p.dim(res.BodyError+": the HTTP status alone decides"), indent))
	}
	if res.RequestID != "" {
		field("request ID", res.RequestID)
	}
	field("gRPC", res.GRPC)
	field("retry", wrap(res.Retry.text(), indent))
	for i, d := range res.Details {
		k := ""
		if i == 0 {
			k = "details"
		}
		var b bytes.Buffer
		if json.Compact(&b, d) != nil {
			b.Reset()
			b.Write(d)
		}
		field(k, b.String())
	}
	if len(res.Codes) == 0 {
		field("registry code", p.dim("none: no ErrorInfo of a statusreg registry, and no httpmap status"))
		return
	}
	for _, h := range res.Codes {
		fmt.Fprintln(p.w)
		p.card(h)
	}
}
