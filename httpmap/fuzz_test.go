package httpmap_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
)

// ParseError is the parsers' documented error type.
type ParseError = httpmap.ParseError

var codeRegistry = newRegistry(registry[httpmap.Code]{
	system:   "httpmap",
	typeName: "Code",
	parse:    httpmap.ParseCode,
	listed:   httpmap.Codes(),
	reason: func(c httpmap.Code) string {
		e, _ := errors.AsType[*httpmap.Error](httpmap.Errorf(c, ""))
		return e.ErrorInfo().GetReason()
	},
})

// FuzzParseCode: ParseCode reads exactly what its doc lists (upstream and
// Go names in any ASCII letter case, decimals, Code(N), CODE_N and
// CODE_MINUS_N, around white space), keeps an unknown number, fails with a
// *ParseError otherwise, and every form of what it returns parses back.
func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"TOPIC_NOT_EXIST", " PERMISSION_DENIED", "ratelimit", " 3 ", "Code(99)", "CODE_7", "-0", "Code(", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := httpmap.ParseCode(s)
		codeRegistry.check(t, s, c, err)
	})
}

// FuzzCodeUnmarshalText: Code.UnmarshalText reads as ParseCode does and
// leaves the code on failure.
func FuzzCodeUnmarshalText(f *testing.F) {
	for _, s := range []string{"TOPIC_NOT_EXIST", "TopicNotExist", "4", "Code(99)", "NOPE", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		checkUnmarshalText(t, codeRegistry, text)
	})
}

// FuzzCodeUnmarshalJSON: Code.UnmarshalJSON reads a JSON string as
// ParseCode does and a JSON number as the wire number, agrees with
// encoding/json, leaves the code on null and on failure, and reads back
// what encoding/json writes.
func FuzzCodeUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`"TOPIC_NOT_EXIST"`, `4`, `null`, `"Code(99)"`, `-1`, `1e3`, `"\u0000"`, `{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkUnmarshalJSON(t, codeRegistry, data)
	})
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
	if tooLarge && (re.BodyError() == nil || !strings.Contains(re.BodyError().Error(), "larger than")) {
		t.Fatalf("a body past MaxBody gives BodyError %v", re.BodyError())
	}
	if re.BodyError() != nil {
		// No error answer: nothing of the body, the code by HTTP status.
		want := grpccodes.FromHTTPStatus(code)
		if code == 502 || code == 503 || code == 504 {
			want = grpccodes.FromHTTPTransport(code)
		}
		if want == codes.OK {
			want = codes.Unknown
		}
		if re.Status() != "" || re.Message() != "" || len(re.Details()) != 0 || re.RequestID() != requestID || re.GRPCCode() != want {
			t.Fatalf("no answer (%v), yet status %q, message %q, %d details, request ID %q (header %q), code %v (want %v)",
				re.BodyError(), re.Status(), re.Message(), len(re.Details()), re.RequestID(), requestID, re.GRPCCode(), want)
		}
		return
	}
	// An error answer. Its code goes by its status: an httpmap name, else
	// a canonical gRPC name but OK, else the HTTP status.
	name := strings.TrimSpace(re.Status())
	want := grpccodes.FromHTTPStatus(code)
	for _, c := range grpccodes.Codes()[1:] {
		if asciiFold(name, grpccodes.Name(c)) {
			want = c
		}
	}
	for _, c := range httpmap.Codes()[1:] {
		if asciiFold(name, c.String()) {
			want = c.GRPCCode()
		}
	}
	if want == codes.OK {
		want = codes.Unknown
	}
	if re.GRPCCode() != want {
		t.Fatalf("status %q of HTTP %d reads as %v, want %v", re.Status(), code, re.GRPCCode(), want)
	}
	var w struct {
		RequestID string `json:"requestId"`
	}
	wantID := requestID
	full := bytes.Repeat(body.chunk, int(body.size)/len(body.chunk)+1)[:body.size]
	if json.Unmarshal(full, &w) == nil && w.RequestID != "" {
		wantID = w.RequestID
	}
	if re.RequestID() != wantID {
		t.Fatalf("request ID %q, want %q", re.RequestID(), wantID)
	}
}

// checkForwarded checks that the answer WriteError writes for re reads
// back with its HTTP status, status, message, details and codes.
func checkForwarded(t *testing.T, re *httpmap.ResponseError) {
	t.Helper()
	rec := httptest.NewRecorder()
	httpmap.WriteError(rec, nil, re)
	back, err := (&httpmap.Envelope{MaxBody: int64(rec.Body.Len())}).ReadError(rec.Result())
	if err != nil || back.BodyError() != nil {
		t.Fatalf("forwarded answer %q does not read back: %v, %v", rec.Body.Bytes(), err, back.BodyError())
	}
	wantStatus := re.Status()
	if wantStatus == "" {
		wantStatus = grpccodes.Name(re.GRPCCode())
	}
	if back.HTTPStatus() != re.HTTPStatus() || back.GRPCCode() != re.GRPCCode() || back.Status() != wantStatus || back.Message() != re.Message() {
		t.Fatalf("forwarded %v as %v", re, back)
	}
	// The details, after the ErrorInfo WriteError adds for an httpmap
	// status that has none.
	d, bd := re.Details(), back.Details()
	if len(bd) < len(d) || len(bd) > len(d)+1 {
		t.Fatalf("%d details forwarded as %d", len(d), len(bd))
	}
	for i, raw := range bd[len(bd)-len(d):] {
		if !bytes.Equal(d[i], raw) {
			t.Fatalf("detail %d %s forwarded as %s", i, d[i], raw)
		}
	}
	// INVALID_ARGUMENT, PERMISSION_DENIED and INTERNAL are names of
	// both gRPC and the API: forwarded, they read as the API's codes.
	if c := httpmap.CodeOf(re); c != httpmap.CodeUnspecified && httpmap.CodeOf(back) != c {
		t.Fatalf("forwarded httpmap code %v reads as %v", c, httpmap.CodeOf(back))
	}
	if c := rocketmq.CodeOf(re); rocketmq.CodeOf(back) != c {
		t.Fatalf("forwarded rocketmq code %v reads as %v", c, rocketmq.CodeOf(back))
	}
}

// The targets check the parsers and decoders against their documented
// rules, restated here by the public API: a linear scan of the listed
// codes for names, strconv for numbers. Seed corpora are in
// testdata/fuzz/<Target>/.

// codeType is what every registry code type offers.
type codeType interface {
	~int32
	String() string
	GoString() string
	Known() bool
	MarshalText() ([]byte, error)
	AppendText([]byte) ([]byte, error)
}

// registry describes a code type to the checks below.
type registry[C codeType] struct {
	system   string // ParseError.System
	typeName string // the Code of the Code(N) form
	parse    func(string) (C, error)
	listed   []C            // every listed code
	reason   func(C) string // the ErrorInfo reason of an error carrying c; nil when the type has no errors
	names    [][2]string    // the upstream and Go names of listed, by newRegistry
}

func newRegistry[C codeType](r registry[C]) *registry[C] {
	for _, c := range r.listed {
		r.names = append(r.names, [2]string{c.String(), goName(c)})
	}
	return &r
}

// asciiFold reports whether a and b are equal ignoring ASCII letter case
// only: "in any letter case" means ASCII case, so "ÖK" names nothing.
func asciiFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'a' <= x && x <= 'z' {
			x -= 'a' - 'A'
		}
		if 'a' <= y && y <= 'z' {
			y -= 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// goName returns the name of c's Go constant, from its GoString.
func goName[C codeType](c C) string {
	_, name, _ := strings.Cut(c.GoString(), ".")
	return name
}

// expect returns what parsing s must give: the code, or ok false and
// what ParseError.Range must be. s, around white space, is a decimal, the
// Code(N) form, an ErrorInfo reason (CODE_N, CODE_MINUS_N, any letter
// case), or a listed code's upstream or Go name in any ASCII letter case.
func (r *registry[C]) expect(s string) (want C, ok bool, rng rangeWant) {
	s = strings.TrimSpace(s)
	num, isNum := "", false
	switch {
	case s != "" && (s[0] == '+' || s[0] == '-' || '0' <= s[0] && s[0] <= '9'):
		num, isNum = s, true
	case len(s) > len(r.typeName)+2 && strings.HasPrefix(s, r.typeName+"(") && strings.HasSuffix(s, ")"):
		num, isNum = s[len(r.typeName)+1:len(s)-1], true
	case len(s) > 5 && asciiFold(s[:5], "CODE_"):
		rest, sign := s[5:], ""
		if len(rest) > 6 && asciiFold(rest[:6], "MINUS_") {
			rest, sign = rest[6:], "-"
		}
		num, isNum = sign+rest, '0' <= rest[0] && rest[0] <= '9'
	}
	if isNum {
		n, ok, rng := readNumber(num)
		return C(n), ok, rng
	}
	for i, names := range r.names {
		if asciiFold(s, names[0]) || asciiFold(s, names[1]) {
			return r.listed[i], true, rangeNo
		}
	}
	return 0, false, rangeNo
}

// rangeWant is what ParseError.Range must be.
type rangeWant uint8

const (
	rangeNo     rangeWant = iota // the text is no number
	rangeYes                     // the text is a decimal out of int32's range
)

// readNumber reads num as the parsers read numbers: a decimal with an
// optional sign, in int32's range. A decimal out of range is a Range
// failure, anything else a plain one.
func readNumber(num string) (n int64, ok bool, rng rangeWant) {
	n, err := strconv.ParseInt(num, 10, 64)
	digits := strings.TrimLeft(num, "+-")
	decimal := len(num)-len(digits) <= 1 && digits != "" && strings.Trim(digits, "0123456789") == ""
	switch {
	case err == nil && n == int64(int32(n)):
		return n, true, rangeNo
	case decimal:
		return 0, false, rangeYes
	}
	return 0, false, rangeNo
}

// checkError checks that err is the *ParseError documented for input s.
func (r *registry[C]) checkError(t *testing.T, s string, err error, rng rangeWant) {
	t.Helper()
	pe, ok := errors.AsType[*ParseError](err)
	if !ok {
		t.Fatalf("%q: error %v (%T), want a *ParseError", s, err, err)
	}
	if pe.System != r.system || pe.Range != (rng == rangeYes) {
		t.Fatalf("%q: ParseError{System: %q, Range: %v}, want {%q, %v}", s, pe.System, pe.Range, r.system, rng == rangeYes)
	}
	if len(pe.Input) > 64 || !strings.HasPrefix(strings.TrimSpace(s), pe.Input) {
		t.Fatalf("%q: ParseError.Input %q is not the trimmed input cut to 64 bytes", s, pe.Input)
	}
	if !strings.HasPrefix(err.Error(), r.system+": ") {
		t.Fatalf("%q: error text %q does not name the registry", s, err)
	}
}

// check checks the result of parsing s, or of reading it with
// UnmarshalText.
func (r *registry[C]) check(t *testing.T, s string, c C, err error) {
	t.Helper()
	want, ok, rng := r.expect(s)
	if !ok {
		r.checkError(t, s, err, rng)
		return
	}
	if err != nil || c != want {
		t.Fatalf("%q reads as %v (%d), %v; want %v (%d)", s, c, int32(c), err, want, int32(want))
	}
	r.checkCode(t, c)
}

// checkCode checks what every code has: MarshalText and AppendText give
// String, an unknown code prints as Code(N), and every form of the code
// (String, the Go name, letter-case variants, its ErrorInfo reason) parses
// back to it.
func (r *registry[C]) checkCode(t *testing.T, c C) {
	t.Helper()
	text := c.String()
	if b, err := c.MarshalText(); err != nil || string(b) != text {
		t.Fatalf("%d: MarshalText %q, %v; String %q", int32(c), b, err, text)
	}
	if b, err := c.AppendText([]byte("x=")); err != nil || string(b) != "x="+text {
		t.Fatalf("%d: AppendText %q, %v; String %q", int32(c), b, err, text)
	}
	forms := []string{text}
	if c.Known() {
		forms = append(forms, goName(c), strings.ToLower(text), strings.ToUpper(goName(c)), "\t"+text+" \n")
	} else if want := r.typeName + "(" + strconv.Itoa(int(c)) + ")"; text != want {
		t.Fatalf("unknown %d prints %q, want %q", int32(c), text, want)
	}
	if r.reason != nil {
		forms = append(forms, r.reason(c))
	}
	for _, s := range forms {
		if back, err := r.parse(s); err != nil || back != c {
			t.Fatalf("%v (%d): its form %q parses as %v, %v", c, int32(c), s, back, err)
		}
	}
}

// start is the value the decoders work on: a failure must leave it.
const start = -424242

// checkUnmarshalText checks UnmarshalText: it reads as the parser does,
// leaves the value on failure, and reads MarshalText's text back.
func checkUnmarshalText[C codeType, P interface {
	*C
	UnmarshalText([]byte) error
}](t *testing.T, r *registry[C], text []byte) {
	c := C(start)
	err := P(&c).UnmarshalText(text)
	if err != nil && c != start {
		t.Fatalf("a failed UnmarshalText(%q) changed the value to %d", text, int32(c))
	}
	r.check(t, string(text), c, err)
}

// checkUnmarshalJSON checks UnmarshalJSON: null and every failure leave
// the value; on valid JSON it agrees with encoding/json, a string reads
// as the parser reads it, a number is the wire number when it is an
// integer in range, anything else is a *ParseError; and what decodes
// comes back from its JSON string (what encoding/json writes) and its
// JSON number.
func checkUnmarshalJSON[C codeType, P interface {
	*C
	UnmarshalJSON([]byte) error
}](t *testing.T, r *registry[C], data []byte) {
	c := C(start)
	err := P(&c).UnmarshalJSON(data)
	if err != nil && c != start {
		t.Fatalf("a failed UnmarshalJSON(%q) changed the value to %d", data, int32(c))
	}
	if string(bytes.TrimSpace(data)) == "null" && (err != nil || c != start) {
		t.Fatalf("null gave %d, %v; want the value left as it was", int32(c), err)
	}
	if json.Valid(data) {
		viaJSON := C(start)
		jerr := json.Unmarshal(data, &viaJSON)
		if (jerr == nil) != (err == nil) || viaJSON != c {
			t.Fatalf("%q: UnmarshalJSON gives %d, %v; json.Unmarshal %d, %v", data, int32(c), err, int32(viaJSON), jerr)
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if derr := dec.Decode(&v); derr != nil {
			t.Fatalf("valid JSON %q: %v", data, derr)
		}
		switch v := v.(type) {
		case nil: // null, checked above
		case string:
			r.check(t, v, c, err)
		case json.Number:
			n, ok, rng := readNumber(string(v))
			if !ok {
				r.checkError(t, string(v), err, rng)
			} else if err != nil || c != C(n) {
				t.Fatalf("%s decodes as %d, %v; want %d", data, int32(c), err, n)
			}
		default: // true, false, objects and arrays
			r.checkError(t, string(bytes.TrimSpace(data)), err, rangeNo)
		}
	}
	if err != nil {
		return
	}
	b, merr := json.Marshal(c)
	if merr != nil {
		t.Fatal(merr)
	}
	for _, enc := range [][]byte{b, strconv.AppendInt(nil, int64(c), 10)} {
		back := C(start)
		if err := P(&back).UnmarshalJSON(enc); err != nil || back != c {
			t.Fatalf("%q decoded as %d, whose JSON %s decodes as %d, %v", data, int32(c), enc, int32(back), err)
		}
	}
}
