package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
)

// The tests here feed "statuscode -" what curl prints: the responses of
// loopback servers, as curl itself prints them when it is installed, and
// as fixtures written in curl's form.

// curlForm prints a response as curl -i does: the status line of proto
// (HTTP/2 and HTTP/3 with no reason phrase, and lower-case header names),
// the headers, a blank line and the body, each line ended by eol.
func curlForm(proto string, status int, header http.Header, body []byte, eol string) []byte {
	var b bytes.Buffer
	if strings.HasPrefix(proto, "HTTP/1") {
		fmt.Fprintf(&b, "%s %d %s%s", proto, status, http.StatusText(status), eol)
	} else {
		fmt.Fprintf(&b, "%s %d %s", proto, status, eol)
	}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range header {
			if !yield(k) {
				return
			}
		}
	}) {
		name := k
		if !strings.HasPrefix(proto, "HTTP/1") {
			name = strings.ToLower(k)
		}
		for _, v := range header[k] {
			fmt.Fprintf(&b, "%s: %s%s", name, v, eol)
		}
	}
	b.WriteString(eol)
	b.Write(body)
	return b.Bytes()
}

// served returns the answer a loopback httpmap.Handler gives err: its
// status, headers and body.
func served(t *testing.T, err error) (int, http.Header, []byte) {
	t.Helper()
	srv := httptest.NewServer(httpmap.Handler(func(http.ResponseWriter, *http.Request) error { return err }))
	defer srv.Close()
	resp, gerr := http.Get(srv.URL)
	require.NoError(t, gerr)
	defer resp.Body.Close()
	body, rerr := io.ReadAll(resp.Body)
	require.NoError(t, rerr)
	return resp.StatusCode, resp.Header, body
}

// TestExplainWhatCurlPrints: every HTTP version curl prints, LF or CRLF
// line ends, and the answers curl prints before the final one.
func TestExplainWhatCurlPrints(t *testing.T) {
	status, header, body := served(t, httpmap.Errorf(httpmap.TopicAuthFailed, "no access to %q", "orders"))
	require.Equal(t, 403, status)
	final := func(proto, eol string) []byte { return curlForm(proto, status, header, body, eol) }
	hints := curlForm("HTTP/2", 103, http.Header{"Link": {"</style.css>; rel=preload; as=style", "</app.js>; rel=preload"}}, nil, "\r\n")
	cases := map[string][]byte{
		"HTTP/1.1":           final("HTTP/1.1", "\r\n"),
		"HTTP/1.0":           final("HTTP/1.0", "\r\n"),
		"HTTP/2":             final("HTTP/2", "\r\n"),
		"HTTP/3":             final("HTTP/3", "\r\n"),
		"HTTP/2 with LF":     final("HTTP/2", "\n"),
		"HTTP/1.1 with LF":   final("HTTP/1.1", "\n"),
		"100 Continue":       append([]byte("HTTP/1.1 100 Continue\r\n\r\n"), final("HTTP/1.1", "\r\n")...),
		"103 Early Hints":    append(hints, final("HTTP/2", "\r\n")...),
		"100 then 103":       append(append([]byte("HTTP/1.1 100 Continue\n\n"), curlForm("HTTP/1.1", 103, http.Header{"Link": {"</a.css>"}}, nil, "\n")...), final("HTTP/1.1", "\n")...),
		"proxy tunnel":       append([]byte("HTTP/1.1 200 Connection established\r\n\r\n"), final("HTTP/2", "\r\n")...),
		"redirect followed":  append(curlForm("HTTP/2", 301, http.Header{"Location": {"/v2"}, "Content-Length": {"0"}}, nil, "\r\n"), final("HTTP/2", "\r\n")...),
		"leading blank line": append([]byte("\r\n  \n"), final("HTTP/2", "\r\n")...),
		"trailing newline":   append(final("HTTP/2", "\r\n"), '\n'),
	}
	for name, in := range cases {
		res, r := explainJSON(t, in)
		require.Equal(t, exitFound, r.code, "%s: %s", name, r.stderr)
		assert.Equal(t, 403, res.HTTP, name)
		assert.Equal(t, "no access to \"orders\"", res.Message, name)
		assert.Equal(t, "PERMISSION_DENIED", res.GRPC, name)
		assert.Equal(t, header.Get(httpmap.DefaultRequestIDHeader), res.RequestID, name)
		assert.Empty(t, res.BodyError, name)
		require.Len(t, res.Codes, 1, name)
		assert.Equal(t, "httpmap", res.Codes[0].Registry, name)
		assert.Equal(t, "TOPIC_AUTH_FAILED", res.Codes[0].Name, name)
	}

	// curl prints a chunked body decoded, under its Transfer-Encoding.
	chunked := header.Clone()
	chunked.Del("Content-Length")
	chunked.Set("Transfer-Encoding", "chunked")
	res, r := explainJSON(t, curlForm("HTTP/1.1", status, chunked, body, "\r\n"))
	require.Equal(t, exitFound, r.code, r.stderr)
	assert.Equal(t, "TOPIC_AUTH_FAILED", res.Codes[0].Name)

	// A Content-Length ends the body; one longer than what is left (a
	// paste that lost its CRs) takes what there is.
	res, r = explainJSON(t, append(final("HTTP/2", "\r\n"), "\r\ncurl: (18) transfer closed"...))
	require.Equal(t, exitFound, r.code, r.stderr)
	assert.Equal(t, "TOPIC_AUTH_FAILED", res.Codes[0].Name)
	long := header.Clone()
	long.Set("Content-Length", strconv.Itoa(len(body)+10))
	res, r = explainJSON(t, curlForm("HTTP/2", status, long, body, "\n"))
	require.Equal(t, exitFound, r.code, r.stderr)
	assert.Equal(t, "TOPIC_AUTH_FAILED", res.Codes[0].Name)

	// Interim answers alone, or a broken one, are no answer.
	for name, in := range map[string][]byte{
		"only 100":          []byte("HTTP/1.1 100 Continue\r\n\r\n"),
		"only 103":          hints,
		"no status code":    []byte("HTTP/2\r\n\r\n"),
		"bad version":       []byte("HTTP/2.x 403\r\n\r\n"),
		"status 600":        []byte("HTTP/2 600\r\n\r\n"),
		"two-digit code":    []byte("HTTP/2 40\r\n\r\n"),
		"bad header":        []byte("HTTP/2 403\r\nno colon here\r\n\r\n{}"),
		"folded nothing":    []byte("HTTP/2 403\r\n folded\r\n\r\n{}"),
		"final is a 200":    append([]byte("HTTP/1.1 100 Continue\r\n\r\n"), "HTTP/2 200\r\n\r\n{}"...),
		"redirect to a 200": append(curlForm("HTTP/2", 301, http.Header{"Location": {"/v2"}}, nil, "\r\n"), "HTTP/2 200\r\n\r\nok"...),
	} {
		r := statuscode(t, in, "-")
		assert.Equal(t, exitNotFound, r.code, "%s: %s", name, r.stdout)
		assert.Contains(t, r.stderr, "no error answer", name)
		assert.Empty(t, r.stdout, name)
	}
}

// TestExplainWithCurl runs curl itself against loopback servers and
// explains what it prints: HTTP/1.1, HTTP/2, a 100 Continue and a 103
// Early Hints before the answer.
func TestExplainWithCurl(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not installed; TestExplainWhatCurlPrints covers its forms")
	}
	handler := httpmap.Handler(func(w http.ResponseWriter, r *http.Request) error {
		_, _ = io.Copy(io.Discard, r.Body) // reading the body sends 100 Continue
		if r.URL.Query().Has("hints") {
			w.Header().Set("Link", "</style.css>; rel=preload; as=style")
			w.WriteHeader(http.StatusEarlyHints)
			w.Header().Del("Link")
		}
		return rocketmq.Errorf(rocketmq.TopicNotFound, "no topic %q", "orders")
	})
	plain := httptest.NewServer(handler)
	defer plain.Close()
	h2 := httptest.NewUnstartedServer(handler)
	h2.EnableHTTP2 = true
	h2.StartTLS()
	defer h2.Close()

	for _, c := range []struct {
		name  string
		args  []string
		proto string
	}{
		{"HTTP/1.1", []string{plain.URL}, "HTTP/1.1 404"},
		{"HTTP/2", []string{"-k", "--http2", h2.URL}, "HTTP/2 404"},
		{"100 Continue", []string{"-H", "Expect: 100-continue", "--data", "x", plain.URL}, "HTTP/1.1 100"},
		{"103 Early Hints", []string{"-k", "--http2", h2.URL + "?hints"}, "HTTP/2 103"},
		{"103 Early Hints, HTTP/1.1", []string{plain.URL + "?hints"}, "HTTP/1.1 103"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		out, err := exec.CommandContext(ctx, curl, append([]string{"-si", "--noproxy", "*", "--max-time", "20"}, c.args...)...).Output()
		cancel()
		if err != nil && slices.Contains(c.args, "--http2") {
			t.Logf("%s: this curl cannot do HTTP/2 (%v); TestExplainWhatCurlPrints covers its form", c.name, err)
			continue
		}
		require.NoError(t, err, c.name)
		assert.True(t, bytes.HasPrefix(out, []byte(c.proto)), "%s: curl printed %q first, not %q", c.name, out[:min(len(out), 40)], c.proto)
		res, r := explainJSON(t, out)
		require.Equal(t, exitFound, r.code, "%s: %s\n%s", c.name, r.stderr, out)
		assert.Equal(t, 404, res.HTTP, c.name)
		assert.Equal(t, `no topic "orders"`, res.Message, c.name)
		require.NotEmpty(t, res.Codes, c.name)
		assert.Equal(t, "rocketmq", res.Codes[0].Registry, c.name)
		assert.Equal(t, "TOPIC_NOT_FOUND", res.Codes[0].Name, c.name)
		assert.NotEmpty(t, res.Details, c.name)
	}
}

// readErrorOf is what httpmap.ReadError reads from an answer.
func readErrorOf(t *testing.T, status int, header http.Header, body []byte) *httpmap.ResponseError {
	t.Helper()
	rerr, err := httpmap.ReadError(&http.Response{StatusCode: status, Header: header, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body))})
	require.NoError(t, err)
	return rerr
}

// TestExplainWhatIsNoErrorBody: an answer whose body is no error answer
// (a load balancer's HTML page, an empty body) is explained by its HTTP
// status, as ReadError reads it: the status text as the message, the
// gRPC code by the transport rule, its decision.
func TestExplainWhatIsNoErrorBody(t *testing.T) {
	html := []byte("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
	cases := []struct {
		name   string
		status int
		header http.Header
		body   []byte
		grpc   codes.Code // the transport rule's
	}{
		{"nginx 502", 502, http.Header{"Server": {"nginx"}, "Content-Type": {"text/html"}, "Content-Length": {strconv.Itoa(len(html))}}, html, codes.Unavailable},
		{"empty 429", 429, http.Header{"Retry-After": {"3"}, "Content-Length": {"0"}}, nil, codes.Unavailable},
		{"empty 503", 503, http.Header{}, nil, codes.Unavailable},
		{"text 500", 500, http.Header{"Content-Type": {"text/plain"}}, []byte("upstream connect error or disconnect/reset before headers"), codes.Unknown},
	}
	for _, c := range cases {
		for _, proto := range []string{"HTTP/1.1", "HTTP/2"} {
			in := curlForm(proto, c.status, c.header, c.body, "\r\n")
			res, r := explainJSON(t, in)
			require.Equal(t, exitFound, r.code, "%s %s: %s", c.name, proto, r.stderr)
			assert.Equal(t, c.status, res.HTTP, c.name)
			assert.Empty(t, res.Status, c.name)
			assert.Equal(t, http.StatusText(c.status), res.Message, "%s: the status text", c.name)
			assert.NotEmpty(t, res.BodyError, c.name)
			assert.Empty(t, res.Codes, c.name)
			assert.NotNil(t, res.Details, c.name)
			// The command says what ReadError reads.
			rerr := readErrorOf(t, c.status, c.header, c.body)
			assert.Equal(t, grpccodes.Name(rerr.GRPCCode()), res.GRPC, c.name)
			want := strings.ToLower(grpccodes.Decide(rerr.GRPCCode(), false).Outcome.String())
			assert.Equal(t, want, res.Retry.Decision, "%s: the library's decision", c.name)
			if c.status == 502 || c.status == 429 {
				assert.Contains(t, []string{"retry", "backoff"}, res.Retry.Decision, "%s: worth retrying", c.name)
			}
		}
		text := statuscode(t, curlForm("HTTP/2", c.status, c.header, c.body, "\r\n"), "-").stdout
		assert.Contains(t, text, fmt.Sprintf("HTTP %d %s", c.status, http.StatusText(c.status)), c.name)
		assert.Contains(t, strings.Join(strings.Fields(text), " "), "the HTTP status alone decides", c.name)
	}
	t.Run("transport rule", func(t *testing.T) {
		for _, c := range cases {
			res, r := explainJSON(t, curlForm("HTTP/2", c.status, c.header, c.body, "\r\n"))
			require.Equal(t, exitFound, r.code, c.name)
			assert.Equal(t, grpccodes.Name(c.grpc), res.GRPC, c.name)
		}
	})
}

// TestStatusOfBody: a body pasted alone states its HTTP status in each
// shape ReadError reads.
func TestStatusOfBody(t *testing.T) {
	for body, want := range map[string]int{
		`{"error":{"code":404,"message":"m","status":"NOT_FOUND"}}`:            404,
		`[{"error":{"code":429,"message":"m"}}]`:                               429,
		`{"code":5,"message":"m","details":[]}`:                                404, // grpc-gateway's HTTP status of NOT_FOUND
		`{"code":9,"message":"m"}`:                                             400,
		`{"code":14,"message":"m"}`:                                            503,
		`{"code":"not_found","message":"m"}`:                                   404,
		`{"code":"already_exists","message":"m"}`:                              409,
		`{"code":"resource_exhausted"}`:                                        429,
		`{"code":404,"reason":"USER_NOT_FOUND","message":"m","metadata":{}}`:   404,
		`{"type":"about:blank","title":"Not Found","status":404,"detail":"d"}`: 404,
		"\ufeff" + `{"error":{"code":400}}`:                                    400,
	} {
		in := bytes.TrimPrefix([]byte(body), []byte("\xef\xbb\xbf"))
		got, err := statusOfBody(in)
		if assert.NoError(t, err, body) {
			assert.Equal(t, want, got, body)
		}
	}
	for _, body := range []string{
		`{"code":0,"message":""}`, `{"code":600}`, `{"code":"teapot"}`, `{"code":-1}`, `{"status":"NOT_FOUND"}`,
		`{"status":700}`, `{"error":"invalid_grant"}`, `[]`, `{"error":{"code":"NOT_FOUND"}}`, `{"message":"m"}`,
	} {
		got, err := statusOfBody([]byte(body))
		if err == nil {
			assert.Less(t, got, 400, "%s is no error answer, yet reads as %d", body, got)
		}
	}
	// A body with a BOM, pasted alone.
	res, r := explainJSON(t, []byte("\xef\xbb\xbf{\"error\":{\"code\":503,\"status\":\"UNAVAILABLE\"}}"))
	require.Equal(t, exitFound, r.code, r.stderr)
	assert.Equal(t, 503, res.HTTP)
}

// gatewayBody is the body grpc-gateway v2's DefaultHTTPErrorHandler
// writes for err: the google.rpc.Status, top level, in protojson.
func gatewayBody(t *testing.T, err error) []byte {
	t.Helper()
	st, ok := status.FromError(err)
	require.True(t, ok)
	b, merr := protojson.Marshal(st.Proto())
	require.NoError(t, merr)
	return b
}

// connectBody is the body a Connect server writes for err: the code as a
// Connect string, the details as type and unpadded base64 value.
func connectBody(t *testing.T, code string, err error) []byte {
	t.Helper()
	st, ok := status.FromError(err)
	require.True(t, ok)
	var details []string
	for _, a := range st.Proto().GetDetails() {
		typ := strings.TrimPrefix(a.GetTypeUrl(), "type.googleapis.com/")
		details = append(details, fmt.Sprintf(`{"type":%q,"value":%q}`, typ, base64.RawStdEncoding.EncodeToString(a.GetValue())))
	}
	return fmt.Appendf(nil, `{"code":%q,"message":%q,"details":[%s]}`, code, st.Message(), strings.Join(details, ","))
}

// checkShape explains an error body of a shape other than AIP-193, alone
// and as curl prints it, and holds it to what the body says: its message,
// its exact gRPC code (which its HTTP status alone would get wrong), and
// the registry code of its ErrorInfo. need names the ReadError feature
// the shape needs.
func checkShape(t *testing.T, need string, status int, contentType string, body []byte, grpc codes.Code, msg, registry, name string) {
	t.Helper()
	whole := curlForm("HTTP/2", status, http.Header{"Content-Type": {contentType}}, body, "\r\n")
	for form, in := range map[string][]byte{"alone": body, "whole": whole} {
		res, r := explainJSON(t, in)
		require.Equal(t, exitFound, r.code, "%s: %s", form, r.stderr)
		assert.Equal(t, status, res.HTTP, "%s: the HTTP status", form)
	}
	require.NoError(t, readErrorOf(t, status, http.Header{"Content-Type": {contentType}}, body).BodyError(), "ReadError reads %s", need)
	for form, in := range map[string][]byte{"alone": body, "whole": whole} {
		res, r := explainJSON(t, in)
		require.Equal(t, exitFound, r.code, "%s: %s", form, r.stderr)
		assert.Empty(t, res.BodyError, form)
		assert.Equal(t, msg, res.Message, form)
		assert.Equal(t, grpccodes.Name(grpc), res.GRPC, "%s: the code the body names, not its HTTP status's", form)
		if registry != "" {
			require.NotEmpty(t, res.Codes, form)
			assert.Equal(t, registry, res.Codes[0].Registry, form)
			assert.Equal(t, name, res.Codes[0].Name, form)
			assert.NotEmpty(t, res.Details, form)
		} else {
			assert.Empty(t, res.Codes, form)
		}
	}
}

// TestExplainGatewayBody: grpc-gateway's top-level google.rpc.Status,
// {"code":5,"message":"..."}.
func TestExplainGatewayBody(t *testing.T) {
	const need = "grpc-gateway's top-level google.rpc.Status"
	t.Run("plain", func(t *testing.T) {
		checkShape(t, need, 404, "application/json", []byte(`{"code":5,"message":"no topic \"orders\"","details":[]}`),
			codes.NotFound, `no topic "orders"`, "", "")
	})
	t.Run("FAILED_PRECONDITION, not INVALID_ARGUMENT", func(t *testing.T) {
		checkShape(t, need, 400, "application/json", []byte(`{"code":9,"message":"queue frozen"}`),
			codes.FailedPrecondition, "queue frozen", "", "")
	})
	t.Run("with a RocketMQ ErrorInfo", func(t *testing.T) {
		err := rocketmq.Errorf(rocketmq.TopicNotFound, "no topic %q", "orders")
		checkShape(t, need, 404, "application/json", gatewayBody(t, err), codes.NotFound, `no topic "orders"`, "rocketmq", "TOPIC_NOT_FOUND")
	})
}

// TestExplainConnectBody: a Connect protocol error,
// {"code":"not_found","message":"..."}.
func TestExplainConnectBody(t *testing.T) {
	const need = "Connect protocol errors"
	t.Run("plain", func(t *testing.T) {
		checkShape(t, need, 404, "application/json", []byte(`{"code":"not_found","message":"no topic \"orders\""}`),
			codes.NotFound, `no topic "orders"`, "", "")
	})
	t.Run("ALREADY_EXISTS, not ABORTED", func(t *testing.T) {
		checkShape(t, need, 409, "application/json", []byte(`{"code":"already_exists","message":"exists"}`),
			codes.AlreadyExists, "exists", "", "")
	})
	t.Run("with a RocketMQ ErrorInfo", func(t *testing.T) {
		err := rocketmq.Errorf(rocketmq.TopicNotFound, "no topic %q", "orders")
		body := connectBody(t, "not_found", err)
		// The detail is the ErrorInfo the error carries, in protobuf.
		var info errdetails.ErrorInfo
		st, _ := status.FromError(err)
		require.NoError(t, proto.Unmarshal(st.Proto().GetDetails()[0].GetValue(), &info))
		require.Equal(t, rocketmq.Domain, info.GetDomain())
		checkShape(t, need, 404, "application/json", body, codes.NotFound, `no topic "orders"`, "rocketmq", "TOPIC_NOT_FOUND")
	})
}
