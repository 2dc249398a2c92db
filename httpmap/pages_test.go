package httpmap_test

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
)

// pages are the fixtures of testdata/pages (see its README.md) and the
// gRPC code each must read as, by gRPC's transport rule for a response
// that is no error answer: a proxy's 429, 502, 503 and 504 give
// UNAVAILABLE, and so do Cloudflare's 520 to 524 (the origin could not
// answer), all worth a retry.
var pages = []struct {
	file      string
	http      int
	code      codes.Code
	requestID string
}{
	{"nginx-502.http", 502, codes.Unavailable, ""},
	{"nginx-503.http", 503, codes.Unavailable, ""},
	{"nginx-504.http", 504, codes.Unavailable, ""},
	{"nginx-429.http", 429, codes.Unavailable, ""},
	{"envoy-503-no-healthy-upstream.http", 503, codes.Unavailable, "5c0a3b8e-2f6d-4c1e-9b7a-0d2e4f6a8c10"},
	{"envoy-503-connect-failure.http", 503, codes.Unavailable, ""},
	{"envoy-504-upstream-timeout.http", 504, codes.Unavailable, ""},
	{"envoy-429-local-rate-limited.http", 429, codes.Unavailable, ""},
	{"aws-alb-502.http", 502, codes.Unavailable, ""},
	{"aws-alb-503.http", 503, codes.Unavailable, ""},
	{"aws-alb-504.http", 504, codes.Unavailable, ""},
	{"cloudflare-520.http", 520, codes.Unavailable, ""},
	{"cloudflare-521.http", 521, codes.Unavailable, ""},
	{"cloudflare-522.http", 522, codes.Unavailable, ""},
	{"cloudflare-523.http", 523, codes.Unavailable, ""},
	{"cloudflare-524.http", 524, codes.Unavailable, ""},
}

func readPage(t *testing.T, file string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "pages", file))
	require.NoError(t, err)
	return raw
}

// checkPage checks what ReadError read from a fixture's response.
func checkPage(t *testing.T, file string, want int, code codes.Code, requestID string, re *httpmap.ResponseError, body []byte) {
	t.Helper()
	assert.Equal(t, want, re.HTTPStatus(), file)
	assert.Equal(t, httpmap.FormatNone, re.Format(), file)
	assert.Error(t, re.BodyError(), file)
	assert.Equal(t, code, re.GRPCCode(), file)
	assert.True(t, grpccodes.Decide(re.GRPCCode(), false).Retryable(), file)
	assert.Empty(t, re.Message(), file)
	assert.Empty(t, re.Details(), file)
	assert.Equal(t, requestID, re.RequestID(), file)
	assert.Equal(t, string(body), string(re.Body()), file)
}

func TestReadErrorPages(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "pages", "*.http"))
	require.NoError(t, err)
	require.Len(t, files, len(pages), "every fixture is listed")
	for _, p := range pages {
		raw := readPage(t, p.file)
		resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(raw)), nil)
		require.NoError(t, err, p.file)
		body := raw[bytes.Index(raw, []byte("\r\n\r\n"))+4:]
		re, err := httpmap.ReadError(resp)
		require.NoError(t, err, p.file)
		checkPage(t, p.file, p.http, p.code, p.requestID, re, body)

		// Forwarded, the page becomes an answer with the status text.
		rec := httptest.NewRecorder()
		httpmap.WriteError(rec, nil, re)
		back, err := httpmap.ReadError(rec.Result())
		require.NoError(t, err)
		require.NoError(t, back.BodyError())
		assert.Equal(t, p.http, back.HTTPStatus(), p.file)
		assert.Equal(t, p.code, back.GRPCCode(), p.file)
		wantText := http.StatusText(p.http)
		if wantText == "" {
			wantText = "HTTP " + resp.Status[:3]
		}
		assert.Equal(t, wantText, back.Message(), p.file)
		assert.Equal(t, grpccodes.Name(p.code), back.Status(), p.file)
		if p.requestID != "" {
			assert.Equal(t, []string{p.requestID}, requestInfos(back), p.file)
		}
	}
}

// TestReadErrorPagesOnLoopback serves each fixture byte for byte from a
// loopback TCP server and reads it with a real client.
func TestReadErrorPagesOnLoopback(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				req, err := http.ReadRequest(bufio.NewReader(conn))
				if err != nil {
					return
				}
				raw, err := os.ReadFile(filepath.Join("testdata", "pages", strings.TrimPrefix(req.URL.Path, "/")))
				if err != nil {
					return
				}
				_, _ = conn.Write(raw)
			}()
		}
	}()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	for _, p := range pages {
		resp, err := client.Get("http://" + l.Addr().String() + "/" + p.file)
		require.NoError(t, err, p.file)
		raw := readPage(t, p.file)
		re, err := httpmap.ReadError(resp)
		require.NoError(t, err, p.file)
		checkPage(t, p.file, p.http, p.code, p.requestID, re, raw[bytes.Index(raw, []byte("\r\n\r\n"))+4:])
		_, _ = io.Copy(io.Discard, resp.Body)
	}
}
