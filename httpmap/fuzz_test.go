package httpmap_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/internal/parsecheck"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// The targets check the parsers and decoders against their documented
// rules, the codes' by parsecheck. Seed corpora are in
// testdata/fuzz/<Target>/.

var codeRegistry = parsecheck.ForType(parsecheck.Registry[httpmap.Code]{
	System:     "httpmap",
	TypeName:   "Code",
	Parse:      httpmap.ParseCode,
	ParseError: parsecheck.AsParseError[httpmap.ParseError],
	Listed:     httpmap.Codes(),
	Reason:     func(c httpmap.Code) string { return parsecheck.ReasonOf(httpmap.Errorf(c, "")) },
})

// FuzzParseCode: ParseCode reads exactly what its doc lists (upstream and
// Go names in any ASCII letter case, decimals, Code(N), CODE_N and
// CODE_MINUS_N, around white space), keeps an unknown number, fails with a
// *ParseError otherwise, and every form of what it returns parses back.
func FuzzParseCode(f *testing.F) {
	codeRegistry.FuzzParse(f, "TOPIC_NOT_EXIST", " PERMISSION_DENIED", "ratelimit", " 3 ", "Code(99)", "CODE_7", "-0", "Code(", "")
}

// FuzzCodeUnmarshalText: Code.UnmarshalText reads as ParseCode does and
// leaves the code on failure.
func FuzzCodeUnmarshalText(f *testing.F) {
	codeRegistry.FuzzUnmarshalText(f, (*httpmap.Code).UnmarshalText,
		"TOPIC_NOT_EXIST", "TopicNotExist", "4", "Code(99)", "NOPE", "")
}

// FuzzCodeUnmarshalJSON: Code.UnmarshalJSON reads a JSON string as
// ParseCode does and a JSON number as the wire number, agrees with
// encoding/json, leaves the code on null and on failure, and reads back
// what encoding/json writes.
func FuzzCodeUnmarshalJSON(f *testing.F) {
	codeRegistry.FuzzUnmarshalJSON(f, (*httpmap.Code).UnmarshalJSON,
		`"TOPIC_NOT_EXIST"`, `4`, `null`, `"Code(99)"`, `-1`, `1e3`, `"\u0000"`, `{}`)
}

// fuzzBody is a response body: chunk repeated up to size bytes. It
// counts what is read from it and whether it was closed.
type fuzzBody struct {
	chunk        []byte
	size, offset int64
	closed       int
}

func (b *fuzzBody) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && b.offset < b.size {
		m := copy(p[n:min(len(p), n+int(b.size-b.offset))], b.chunk[b.offset%int64(len(b.chunk)):])
		n += m
		b.offset += int64(m)
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

func (b *fuzzBody) Close() error { b.closed++; return nil }

// drainMax is how much of a body past MaxBody ReadError may discard, to
// reuse the connection.
const drainMax = 64 << 10

// bodyCap bounds the bodies and the declared lengths the target tries,
// which ReadError may allocate when MaxBody allows them.
const bodyCap = 4 << 20

// FuzzReadError: ReadError (the zero Envelope's, or one with MaxBody)
// never panics, whatever the status, request ID header, body, declared
// length and MaxBody; it always closes the body and reads a bounded part
// of it, allocating in proportion to that part, not to the body; below
// 400 it reports ErrNotError, else a *ResponseError with the response's
// HTTP status and a gRPC code that is never OK, which goes by the body's
// status as documented, or by the HTTP status with a BodyError for a body
// that is no error answer or is larger than MaxBody; and a server
// forwarding the error writes an answer that reads back the same.
//
// The body is chunk repeated 1+repeat times, at most 4 MiB: a body far
// past MaxBody (the default 1 MiB included) takes a short input. Declared
// lengths past 4 MiB are tried only above MaxBody (see the known bugs).
func FuzzReadError(f *testing.F) {
	f.Add(403, "r1", []byte(`{"requestId":"r1","error":{"code":403,"message":"Authentication failure","status":" PERMISSION_DENIED"}}`), int64(0), uint16(0), int64(-1))
	f.Add(502, "", []byte(`<html>502</html>`), int64(0), uint16(0), int64(16))
	f.Add(500, "", []byte(`{"error":{"message":"`), int64(0), uint16(65535), int64(-1))
	f.Add(429, "id", []byte(`{"error":{"status":"RATE_LIMIT"}}`), int64(10), uint16(0), int64(33))
	f.Add(200, "", []byte(`{}`), int64(0), uint16(0), int64(2))
	f.Fuzz(func(t *testing.T, code int, requestID string, chunk []byte, maxBody int64, repeat uint16, contentLength int64) {
		limit := maxBody
		if limit <= 0 {
			limit = httpmap.DefaultMaxBody
		}
		size := int64(0)
		if len(chunk) > 0 {
			size = min(int64(len(chunk))*(1+int64(repeat)), bodyCap)
		}
		body := &fuzzBody{chunk: chunk, size: size}
		resp := &http.Response{StatusCode: code, Header: http.Header{}, Body: body, ContentLength: contentLength}
		resp.Header.Set(httpmap.DefaultRequestIDHeader, requestID)

		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		var re *httpmap.ResponseError
		var err error
		if maxBody == 0 {
			re, err = httpmap.ReadError(resp)
		} else {
			re, err = (&httpmap.Envelope{MaxBody: maxBody}).ReadError(resp)
		}
		runtime.ReadMemStats(&after)

		if body.closed == 0 {
			t.Fatal("the body was not closed")
		}
		readMax := int64(drainMax)
		if code >= 400 {
			readMax = min(limit, bodyCap) + 1 + drainMax
		}
		if body.offset > readMax {
			t.Fatalf("read %d bytes of a %d-byte body, MaxBody %d", body.offset, size, maxBody)
		}
		held := min(size, limit+1)
		allowed := uint64(8*held + 1<<20)
		if contentLength > 0 && contentLength <= limit {
			allowed += uint64(contentLength) + 1
		}
		if got := after.TotalAlloc - before.TotalAlloc; got > allowed {
			t.Fatalf("allocated %d bytes for a %d-byte body, MaxBody %d, declared %d", got, size, maxBody, contentLength)
		}
		if code < 400 {
			if re != nil || !errors.Is(err, httpmap.ErrNotError) {
				t.Fatalf("HTTP %d: %v, %v; want ErrNotError", code, re, err)
			}
			return
		}
		if err != nil || re == nil {
			t.Fatalf("HTTP %d: %v, %v", code, re, err)
		}
		checkResponseError(t, re, code, requestID, body, size > limit)
		if maxBody != 0 && size <= min(limit, httpmap.DefaultMaxBody) {
			// A MaxBody the body fits in reads it as the default does.
			resp.Body = &fuzzBody{chunk: chunk, size: size}
			def, err := httpmap.ReadError(resp)
			if err != nil || def.Error() != re.Error() || def.GRPCCode() != re.GRPCCode() || def.Status() != re.Status() ||
				def.RequestID() != re.RequestID() || len(def.Details()) != len(re.Details()) {
				t.Fatalf("%d-byte body: MaxBody %d reads %v, the default %v, %v", size, maxBody, re, def, err)
			}
		}
		if code <= 999 { // what a status line can carry, and WriteHeader accepts
			checkForwarded(t, re)
		}
	})
}

// oracle is what the documentation of ReadError says of an answer,
// worked out with encoding/json, independently of the package's scanner.
type oracle struct {
	format    httpmap.Format
	status    string
	message   string
	code      codes.Code
	requestID string
	details   int
}

// expect restates ReadError's documented rules for a body that fit the
// bound and arrived whole.
func expect(body []byte, httpStatus int, requestID string) oracle {
	// No error answer: gRPC's transport rule, and Cloudflare's 520 to 524
	// as UNAVAILABLE.
	none := oracle{format: httpmap.FormatNone, code: grpccodes.FromHTTPTransport(httpStatus), requestID: requestID}
	if 520 <= httpStatus && httpStatus <= 524 {
		none.code = codes.Unavailable
	}
	trimmed := strings.TrimLeft(string(body), " \t\r\n")
	trimmed = strings.Trim(strings.TrimPrefix(trimmed, "\ufeff"), " \t\r\n")
	dec := json.NewDecoder(strings.NewReader(trimmed))
	dec.UseNumber()
	var v any
	if trimmed == "" || dec.Decode(&v) != nil || dec.More() {
		return none
	}
	if _, err := dec.Token(); err != io.EOF {
		return none
	}
	var obj map[string]any
	switch v := v.(type) {
	case map[string]any:
		obj = v
	case []any:
		for _, el := range v {
			if m, ok := el.(map[string]any); ok {
				if _, ok := m["error"].(map[string]any); ok {
					obj = m
					break
				}
			}
		}
	}
	if obj == nil {
		return none
	}
	str := func(m map[string]any, k string) (string, bool) { s, ok := m[k].(string); return s, ok }
	o := oracle{requestID: requestID, code: grpccodes.FromHTTPStatus(httpStatus)}
	if id, ok := str(obj, "requestId"); ok && id != "" {
		o.requestID = id
	}
	title, hasTitle := str(obj, "title")
	detail, hasDetail := str(obj, "detail")
	_, hasMessage := str(obj, "message")
	_, hasReason := str(obj, "reason")
	codeStr, codeIsStr := obj["code"].(string)
	codeNum, codeIsNum := obj["code"].(json.Number)
	arr := func(m map[string]any, k string) []any { a, _ := m[k].([]any); return a }
	switch e, nested := obj["error"].(map[string]any); {
	case nested:
		o.format = httpmap.FormatAIP193
		o.message, _ = str(e, "message")
		status, hasStatus := str(e, "status")
		o.status = status
		o.details = len(arr(e, "details"))
		if o.details == 0 {
			for _, el := range arr(e, "errors") {
				if _, ok := el.(map[string]any); ok {
					o.details++
				}
			}
		}
		named := false
		if hasStatus {
			o.code, named = nameOracle(status, true)
		}
		if c, ok := e["code"].(string); ok {
			if !hasStatus {
				o.format, o.status = httpmap.FormatConnect, c
			}
			if !named {
				o.code, named = nameOracle(c, false)
			}
		}
		if !named {
			o.code = grpccodes.FromHTTPStatus(httpStatus)
		}
	case (hasTitle || hasDetail) && !hasMessage:
		o.format = httpmap.FormatProblem
		o.message = title
		if hasDetail {
			o.message = detail
		}
	case hasReason && !codeIsStr:
		o.format = httpmap.FormatKratos
		o.message, _ = str(obj, "message")
		reason, _ := str(obj, "reason")
		md, _ := obj["metadata"].(map[string]any)
		entries := 0
		for _, v := range md {
			if v != nil {
				entries++
			}
		}
		if reason != "" || entries > 0 {
			o.details = 1
		}
	case codeIsStr:
		o.format, o.status = httpmap.FormatConnect, codeStr
		o.message, _ = str(obj, "message")
		o.details = len(arr(obj, "details"))
		if c, ok := nameOracle(codeStr, false); ok {
			o.code = c
		}
	case codeIsNum:
		o.format = httpmap.FormatStatus
		o.message, _ = str(obj, "message")
		o.details = len(arr(obj, "details"))
		if n, err := strconv.ParseInt(string(codeNum), 10, 32); err == nil && !(n >= 100 && int(n) == httpStatus) {
			o.code = codes.Code(uint32(int32(n)))
		}
	default:
		return none
	}
	return o
}

// nameOracle returns the gRPC code a status or string code names: an
// httpmap name (when httpmapNames), a canonical gRPC name but OK, in any
// ASCII case, "canceled", or code_N or Code(N) above 16; around white
// space.
func nameOracle(s string, httpmapNames bool) (codes.Code, bool) {
	s = strings.TrimSpace(s)
	if httpmapNames {
		for _, c := range httpmap.Codes()[1:] {
			if parsecheck.EqualFold(s, c.String()) {
				return c.GRPCCode(), true
			}
		}
	}
	if parsecheck.EqualFold(s, "canceled") {
		return codes.Canceled, true
	}
	for _, c := range grpccodes.Codes()[1:] {
		if parsecheck.EqualFold(s, grpccodes.Name(c)) {
			return c, true
		}
	}
	digits := ""
	if len(s) > 5 && parsecheck.EqualFold(s[:5], "code_") {
		digits = s[5:]
	} else if strings.HasPrefix(s, "Code(") && strings.HasSuffix(s, ")") {
		digits = s[5 : len(s)-1]
	}
	if digits != "" {
		if strings.Trim(digits, "0123456789") == "" {
			if n, err := strconv.ParseUint(digits, 10, 32); err == nil && n > 16 {
				return codes.Code(n), true
			}
		}
	}
	return 0, false
}

// checkResponseError checks what ReadError returned for an answer with
// HTTP status code, the request ID header requestID, and body, larger
// than MaxBody when tooLarge.
func checkResponseError(t *testing.T, re *httpmap.ResponseError, code int, requestID string, body *fuzzBody, tooLarge bool) {
	t.Helper()
	if re.HTTPStatus() != code || re.GRPCCode() == codes.OK {
		t.Fatalf("HTTP %d read as %d, %v", code, re.HTTPStatus(), re.GRPCCode())
	}
	if !strings.HasPrefix(re.Error(), "httpmap: HTTP "+strconv.Itoa(code)+" ") {
		t.Fatalf("HTTP %d: error text %q", code, re.Error())
	}
	if st, ok := status.FromError(re); !ok || st.Code() != re.GRPCCode() {
		t.Fatalf("status %v, %v; code %v", st, ok, re.GRPCCode())
	}
	if errors.Unwrap(re) != re.BodyError() {
		t.Fatalf("%v does not wrap its BodyError %v", re, re.BodyError())
	}
	if (re.BodyError() != nil) != (re.Format() == httpmap.FormatNone) {
		t.Fatalf("format %v with BodyError %v", re.Format(), re.BodyError())
	}
	if tooLarge && (re.BodyError() == nil || !strings.Contains(re.BodyError().Error(), "larger than")) {
		t.Fatalf("a body past MaxBody gives BodyError %v", re.BodyError())
	}
	full := bytes.Repeat(body.chunk, int(body.size)/max(len(body.chunk), 1)+1)[:body.size]
	kept := full
	if tooLarge {
		kept = full[:len(re.Body())]
	}
	if !bytes.Equal(re.Body(), kept) || int64(len(re.Body())) > max(body.size, 0) {
		t.Fatalf("Body() holds %d bytes of a %d-byte body", len(re.Body()), body.size)
	}
	_, _ = re.RetryAfter()
	want := expect(full, code, requestID)
	if tooLarge {
		want = expect(nil, code, requestID)
	}
	if want.code == codes.OK {
		want.code = codes.Unknown
	}
	got := oracle{re.Format(), re.Status(), re.Message(), re.GRPCCode(), re.RequestID(), len(re.Details())}
	if got != want {
		t.Fatalf("HTTP %d %q read as %+v, want %+v (body error %v)", code, full, got, want, re.BodyError())
	}
}

// checkForwarded checks that the answer WriteError writes for re reads
// back with its HTTP status, canonical status, message, details and
// codes, and the upstream's request ID as a RequestInfo detail.
func checkForwarded(t *testing.T, re *httpmap.ResponseError) {
	t.Helper()
	rec := httptest.NewRecorder()
	httpmap.WriteError(rec, nil, re)
	back, err := (&httpmap.Envelope{MaxBody: int64(rec.Body.Len())}).ReadError(rec.Result())
	if err != nil || back.BodyError() != nil || back.Format() != httpmap.FormatAIP193 {
		t.Fatalf("forwarded answer %q does not read back: %v, %v", rec.Body.Bytes(), err, back.BodyError())
	}
	wantStatus, _ := canonicalOracle(re)
	wantMessage := re.Message()
	if re.Format() == httpmap.FormatNone {
		wantMessage = http.StatusText(re.HTTPStatus())
		if wantMessage == "" {
			wantMessage = "HTTP " + strconv.Itoa(re.HTTPStatus())
		}
	}
	if back.HTTPStatus() != re.HTTPStatus() || back.GRPCCode() != re.GRPCCode() || back.Status() != wantStatus || back.Message() != wantMessage {
		t.Fatalf("forwarded %v as %v (status %q, want %q)", re, back, back.Status(), wantStatus)
	}
	if back.RequestID() == re.RequestID() && re.RequestID() != "" {
		t.Fatalf("the forwarded answer took the upstream's request ID %q", re.RequestID())
	}
	// The details, then the upstream's request ID.
	d, bd := re.Details(), back.Details()
	if len(bd) < len(d) || len(bd) > len(d)+1 {
		t.Fatalf("%d details forwarded as %d", len(d), len(bd))
	}
	for i, raw := range d {
		if !bytes.Equal(raw, bd[i]) {
			t.Fatalf("detail %d %s forwarded as %s", i, raw, bd[i])
		}
	}
	if len(bd) == len(d)+1 {
		var info struct {
			Type      string `json:"@type"`
			RequestID string `json:"requestId"`
		}
		// encoding/json, like WriteError, writes invalid UTF-8 as U+FFFD.
		quoted, _ := json.Marshal(re.RequestID())
		var wantID string
		_ = json.Unmarshal(quoted, &wantID)
		if json.Unmarshal(bd[len(d)], &info) != nil || info.Type != "type.googleapis.com/google.rpc.RequestInfo" || info.RequestID != wantID {
			t.Fatalf("detail %s added for request ID %q", bd[len(d)], re.RequestID())
		}
	} else if re.RequestID() != "" && !slices.ContainsFunc(d, func(raw json.RawMessage) bool { return bytes.Contains(raw, []byte("RequestInfo")) }) {
		t.Fatalf("request ID %q not forwarded", re.RequestID())
	}
	if c := httpmap.CodeOf(re); httpmap.CodeOf(back) != c {
		t.Fatalf("forwarded httpmap code %v reads as %v", c, httpmap.CodeOf(back))
	}
	if c := rocketmq.CodeOf(re); rocketmq.CodeOf(back) != c {
		t.Fatalf("forwarded rocketmq code %v reads as %v", c, rocketmq.CodeOf(back))
	}
	if c := turms.CodeOf(re); turms.CodeOf(back) != c {
		t.Fatalf("forwarded turms code %v reads as %v", c, turms.CodeOf(back))
	}
}

// canonicalOracle is the status WriteError forwards for re.
func canonicalOracle(re *httpmap.ResponseError) (string, bool) {
	s := strings.TrimSpace(re.Status())
	if s == "" {
		return grpccodes.Name(re.GRPCCode()), true
	}
	for _, c := range httpmap.Codes()[1:] {
		if parsecheck.EqualFold(s, c.String()) {
			return c.String(), true
		}
	}
	if c, ok := nameOracle(s, false); ok {
		return grpccodes.Name(c), true
	}
	return s, false
}
