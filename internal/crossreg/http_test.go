package crossreg

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
)

// errorQuery returns the query that asks errorHandler for an error of
// registry reg carrying n.
func errorQuery(reg string, n int64) string {
	return "?" + url.Values{"registry": {reg}, "number": {strconv.FormatInt(n, 10)}}.Encode()
}

// errorHandler answers a request with the error its query asks for, as
// an httpmap.Handler.
func errorHandler() http.Handler {
	return httpmap.Handler(func(_ http.ResponseWriter, r *http.Request) error {
		reg := registryNamed(r.URL.Query().Get("registry"))
		n, err := strconv.ParseInt(r.URL.Query().Get("number"), 10, 64)
		if reg == nil || err != nil {
			return fmt.Errorf("bad query %q", r.URL.RawQuery) // 500, internal error
		}
		return reg.errorf(n, "%s", message(reg.name, n))
	})
}

// get sends a GET and reads the error answer; the answer must be one.
func get(ctx context.Context, client *http.Client, u string) (*http.Response, *httpmap.ResponseError, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	rerr, err := httpmap.ReadError(resp)
	return resp, rerr, err
}

// wantHTTP is the HTTP status WriteError answers an error carrying n
// with: the registry's own, or that of the error's gRPC code when the
// registry has none (or one that is not an error status).
func (r *errorRegistry) wantHTTP(n int64) int {
	if h := r.http(n); h >= 400 && h <= 599 {
		return h
	}
	return grpccodes.HTTPStatus(r.wireCode(n))
}

// wantStatus is the status string WriteError writes for n: httpmap's own
// name for a listed httpmap code (but CodeUnspecified), else the gRPC
// code's canonical name.
func (r *errorRegistry) wantStatus(n int64) string {
	if r.name == "httpmap" && n != r.fallback && httpmap.Code(n).Known() {
		return httpmap.Code(n).String()
	}
	return grpccodes.Name(r.wireCode(n))
}

// TestErrorsThroughHTTP: an error of every code of every registry,
// written by httpmap.WriteError (through httpmap.Handler) on a real HTTP
// server, is read back by httpmap.ReadError on the client with the same
// code, as the registry's CodeOf reads it; the same holds after a proxy
// that forwards the answer it read, and for an error that first crossed
// a gRPC call.
func TestErrorsThroughHTTP(t *testing.T) {
	s := startHTTP(t)
	client, origin, proxy, bridge := s.client, s.origin, s.proxy, s.bridge
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, reg := range errorRegistries() {
		t.Run(reg.name, func(t *testing.T) {
			all := reg.sample()
			var wg sync.WaitGroup
			for w := range workers {
				wg.Go(func() {
					for i := w; i < len(all); i += workers {
						n := all[i]
						q := errorQuery(reg.name, n)

						resp, rerr, err := get(ctx, client, origin+q)
						if !assert.NoError(t, err, "%s %d", reg.name, n) {
							continue
						}
						checkAnswer(t, reg, n, rerr, "from the origin")
						assert.Equal(t, reg.wantHTTP(n), resp.StatusCode, "%s %s %d: HTTP status", reg.name, reg.str(n), n)
						assert.Equal(t, reg.wantStatus(n), rerr.Status(), "%s %s %d: status", reg.name, reg.str(n), n)
						assert.Equal(t, reg.wireCode(n), rerr.GRPCCode(), "%s %s %d: gRPC code", reg.name, reg.str(n), n)

						presp, prerr, err := get(ctx, client, proxy+q)
						if assert.NoError(t, err, "%s %d via proxy", reg.name, n) {
							checkAnswer(t, reg, n, prerr, "through a proxy")
							assert.Equal(t, resp.StatusCode, presp.StatusCode, "%s %d: the proxy keeps the HTTP status", reg.name, n)
							assert.Equal(t, rerr.Status(), prerr.Status(), "%s %d: the proxy keeps the status", reg.name, n)
						}

						_, brerr, err := get(ctx, client, bridge+q)
						if assert.NoError(t, err, "%s %d via gRPC", reg.name, n) {
							checkAnswer(t, reg, n, brerr, "from gRPC to HTTP")
							assert.Equal(t, grpccodes.HTTPStatus(reg.wireCode(n)), brerr.HTTPStatus(),
								"%s %d: a gRPC status is answered by its code's HTTP status", reg.name, n)
						}
					}
				})
			}
			wg.Wait()
		})
	}
}

// servers are the loopback HTTP servers the tests read answers from.
type servers struct {
	client *http.Client
	origin string // answers with the error its query asks for
	proxy  string // forwards what origin answered, as read by ReadError
	bridge string // answers with the error a gRPC call returned
}

func startHTTP(t *testing.T) servers {
	t.Helper()
	origin := httptest.NewServer(errorHandler())
	t.Cleanup(origin.Close)
	client := origin.Client()

	proxy := httptest.NewServer(httpmap.Handler(func(_ http.ResponseWriter, r *http.Request) error {
		_, rerr, err := get(r.Context(), client, origin.URL+"?"+r.URL.RawQuery)
		if err != nil {
			return err
		}
		return rerr
	}))
	t.Cleanup(proxy.Close)

	l := startGRPC(t)
	bridge := httptest.NewServer(httpmap.Handler(func(_ http.ResponseWriter, r *http.Request) error {
		n, err := strconv.ParseInt(r.URL.Query().Get("number"), 10, 64)
		if err != nil {
			return err
		}
		reg := r.URL.Query().Get("registry")
		_, err = l.unary(r.Context(), echoUnary, request{registry: reg, number: n, action: actError, message: message(reg, n)})
		return err
	}))
	t.Cleanup(bridge.Close)
	return servers{client: client, origin: origin.URL, proxy: proxy.URL, bridge: bridge.URL}
}

// checkAnswer asserts that the error answer rerr, read for an error of
// registry reg carrying n, carries n for reg's CodeOf and no code of the
// other registries, with the message the error had.
func checkAnswer(t *testing.T, reg *errorRegistry, n int64, rerr *httpmap.ResponseError, how string) {
	t.Helper()
	if !assert.NotNil(t, rerr, "%s %d %s", reg.name, n, how) {
		return
	}
	assert.NoError(t, rerr.BodyError(), "%s %d %s: the body is an error answer", reg.name, n, how)
	assert.Equal(t, n, reg.codeOf(rerr), "%s %s %d %s: CodeOf", reg.name, reg.str(n), n, how)
	assert.Equal(t, message(reg.name, n), rerr.Message(), "%s %d %s: message", reg.name, n, how)
	assert.NotEqual(t, codes.OK, rerr.GRPCCode(), "%s %d %s", reg.name, n, how)
	for _, other := range errorRegistries() {
		if other.name != reg.name {
			assert.Equal(t, other.reads(reg, n, rerr), other.codeOf(rerr), "%s reads a %s answer %d %s", other.name, reg.name, n, how)
		}
	}
	// ResponseError.Code is the httpmap code the answer carries, or the
	// one its status names (an answer of another registry can have the
	// status INVALID_ARGUMENT, PERMISSION_DENIED or INTERNAL, which are
	// httpmap names too).
	// TestResponseErrorCode checks httpmap's own answers.
	if own := rerr.Code(); reg.name != "httpmap" && own != httpmap.CodeUnspecified {
		assert.Equal(t, own.String(), rerr.Status(), "%s %d %s: ResponseError.Code is what the status names", reg.name, n, how)
	}
}

// TestReadErrorNeedsAnError: a success answer is no error answer, and a
// handler that returns nil writes nothing of its own.
func TestReadErrorNeedsAnError(t *testing.T) {
	srv := httptest.NewServer(httpmap.Handler(func(w http.ResponseWriter, _ *http.Request) error {
		_, err := w.Write([]byte("fine"))
		return err
	}))
	t.Cleanup(srv.Close)
	resp, err := srv.Client().Get(srv.URL)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	_, err = httpmap.ReadError(resp)
	assert.ErrorIs(t, err, httpmap.ErrNotError)
}

// TestResponseErrorCode: ResponseError.Code of an answer to an httpmap
// error is the code the error carried, as httpmap.CodeOf reads it, from
// every server: the answer's ErrorInfo keeps the exact code.
func TestResponseErrorCode(t *testing.T) {
	s := startHTTP(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	reg := registryNamed("httpmap")
	for _, n := range reg.sample() {
		c := httpmap.Code(n)
		for _, server := range []struct{ name, url string }{{"origin", s.origin}, {"proxy", s.proxy}, {"bridge", s.bridge}} {
			t.Run(server.name+"/"+c.String(), func(t *testing.T) {
				_, rerr, err := get(ctx, s.client, server.url+errorQuery(reg.name, n))
				require.NoError(t, err)
				require.Equal(t, c, httpmap.CodeOf(rerr), "CodeOf")
				assert.Equal(t, c, rerr.Code(), "ResponseError.Code")
			})
		}
	}
}
