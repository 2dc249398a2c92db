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
	"github.com/statusreg/statusreg/internal/parsecheck"
	"github.com/statusreg/statusreg/rocketmq"
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
		if parsecheck.EqualFold(name, grpccodes.Name(c)) {
			want = c
		}
	}
	for _, c := range httpmap.Codes()[1:] {
		if parsecheck.EqualFold(name, c.String()) {
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
