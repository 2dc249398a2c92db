package httpmap_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/httpmap"
)

// FuzzParseCode: no input panics, and whatever parses prints as text
// that parses back to the same code.
func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"TOPIC_NOT_EXIST", " PERMISSION_DENIED", "ratelimit", " 3 ", "Code(99)", "CODE_7", "-0", "Code(", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := httpmap.ParseCode(s)
		if err != nil {
			return
		}
		back, err := httpmap.ParseCode(c.String())
		if err != nil || back != c {
			t.Fatalf("%q parsed as %d, whose String %q reads back as %d, %v", s, c, c.String(), back, err)
		}
	})
}

// FuzzReadError: no body panics or fails ReadError; the error converts to
// a gRPC status, and a server forwarding it writes an answer that reads
// back with the same HTTP status, status and code.
func FuzzReadError(f *testing.F) {
	for _, s := range []string{
		`{"requestId":"r","error":{"code":403,"message":"m","status":" PERMISSION_DENIED"}}`,
		`{"error":{"status":"QUEUE_FROZEN","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"R","domain":"d","metadata":{"code":"1"}}]}}`,
		`{"error":{"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1s"},{"@type":"x"},1,null]}}`,
		`<html>502</html>`, ``, `{"error":`, `[[[[[[[[[[`, "\xff\xfe",
	} {
		f.Add(502, []byte(s))
		f.Add(400, []byte(s))
	}
	f.Fuzz(func(t *testing.T, code int, body []byte) {
		if code < 400 || code > 599 {
			code = 400 + (code%200+200)%200
		}
		re, err := (&httpmap.Envelope{MaxBody: 4096}).ReadError(&http.Response{StatusCode: code, Body: io.NopCloser(bytes.NewReader(body))})
		if err != nil {
			t.Fatal(err)
		}
		_ = re.Error()
		st, ok := status.FromError(re)
		if !ok || st.Code() != re.GRPCCode() {
			t.Fatalf("status %v, %v; code %v", st, ok, re.GRPCCode())
		}
		rec := httptest.NewRecorder()
		httpmap.WriteError(rec, nil, re)
		back, err := httpmap.ReadError(rec.Result())
		if err != nil || back.BodyError() != nil {
			t.Fatalf("forwarded answer %q does not read back: %v, %v", rec.Body.Bytes(), err, back.BodyError())
		}
		// INVALID_ARGUMENT, PERMISSION_DENIED and INTERNAL are names of
		// both gRPC and the API: forwarded, they read as the API's codes.
		c := httpmap.CodeOf(re)
		if back.HTTPStatus() != re.HTTPStatus() || back.GRPCCode() != re.GRPCCode() || (c != httpmap.CodeUnspecified && httpmap.CodeOf(back) != c) {
			t.Fatalf("forwarded %v as %v", re, back)
		}
	})
}
