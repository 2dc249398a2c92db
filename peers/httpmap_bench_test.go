package peers_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"connectrpc.com/connect"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/statusreg/statusreg/connectcodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
)

// Sinks for the httpmap benchmarks.
var (
	sinkHTTPMapErr *httpmap.ResponseError
	sinkRPCStatus  *spb.Status
)

// discardWriter is a ResponseWriter that keeps nothing, so the
// benchmarks measure the writers, not a recorder.
type discardWriter struct{ h http.Header }

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(int)             {}

func (d *discardWriter) reset() {
	for k := range d.h {
		delete(d.h, k)
	}
}

// BenchmarkHTTPMapMiddleware is the success path: Middleware around a
// handler next to the bare handler (the peer).
func BenchmarkHTTPMapMiddleware(b *testing.B) {
	benchSuccessPath(b, func(bare http.HandlerFunc) http.Handler { return httpmap.Middleware(bare) })
}

// BenchmarkHTTPMapHandler is the success path of Handler next to the bare
// handler (the peer).
func BenchmarkHTTPMapHandler(b *testing.B) {
	benchSuccessPath(b, func(bare http.HandlerFunc) http.Handler {
		return httpmap.Handler(func(w http.ResponseWriter, r *http.Request) error { bare(w, r); return nil })
	})
}

func benchSuccessPath(b *testing.B, wrap func(http.HandlerFunc) http.Handler) {
	ok := []byte("ok")
	bare := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(ok) })
	w := &discardWriter{h: http.Header{}}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	for _, c := range []struct {
		name string
		h    http.Handler
	}{{"impl=statusreg", wrap(bare)}, {"impl=peer", bare}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.h.ServeHTTP(w, r)
			}
		})
	}
}

// statusWithInfo is the status both writers answer: NOT_FOUND with an
// ErrorInfo detail.
func statusWithInfo(b *testing.B) error {
	st, err := status.New(codes.NotFound, `topic "orders" does not exist`).WithDetails(&errdetails.ErrorInfo{
		Reason: "TOPIC_NOT_FOUND", Domain: rocketmq.Domain, Metadata: map[string]string{"code": "40402"},
	})
	if err != nil {
		b.Fatal(err)
	}
	return st.Err()
}

// BenchmarkHTTPMapWriteError: WriteError next to grpc-gateway's
// runtime.HTTPError, for the same status error with an ErrorInfo.
func BenchmarkHTTPMapWriteError(b *testing.B) {
	benchWriteError(b, statusWithInfo(b))
}

// BenchmarkHTTPMapWriteRegistryError: WriteError of a registry's own
// error (rocketmq.Errorf) next to runtime.HTTPError of its GRPCStatus.
func BenchmarkHTTPMapWriteRegistryError(b *testing.B) {
	benchWriteError(b, rocketmq.Errorf(rocketmq.TopicNotFound, `topic "orders" does not exist`))
}

func benchWriteError(b *testing.B, err error) {
	w := &discardWriter{h: http.Header{}}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("X-Request-Id", "req-1")
	b.Run("impl=statusreg", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			w.reset()
			httpmap.WriteError(w, r, err)
		}
	})
	mux := runtime.NewServeMux()
	marshaler := &runtime.JSONPb{}
	ctx := context.Background()
	b.Run("impl=peer", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			w.reset()
			runtime.HTTPError(ctx, mux, marshaler, w, r, err)
		}
	})
}

// BenchmarkHTTPMapReadError: ReadError next to protojson.Unmarshal of the
// same answer's error object into a google.rpc.Status.
func BenchmarkHTTPMapReadError(b *testing.B) {
	rec := httptest.NewRecorder()
	httpmap.WriteError(rec, nil, statusWithInfo(b))
	body := rec.Body.Bytes()
	inner := bytes.TrimSuffix(body[bytes.Index(body, []byte(`"error":`))+len(`"error":`):], []byte("}\n"))
	header := http.Header{}
	rd := bytes.NewReader(body)
	resp := &http.Response{StatusCode: 404, Header: header, Body: io.NopCloser(rd), ContentLength: int64(len(body))}
	b.Run("impl=statusreg", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rd.Reset(body)
			re, err := httpmap.ReadError(resp)
			if err != nil {
				b.Fatal(err)
			}
			sinkHTTPMapErr = re
		}
	})
	opts := protojson.UnmarshalOptions{DiscardUnknown: true} // "status" is no google.rpc.Status field
	b.Run("impl=peer", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var st spb.Status
			if err := opts.Unmarshal(inner, &st); err != nil {
				b.Fatal(err)
			}
			sinkRPCStatus = &st
		}
	})
}

// TestHTTPMapAgreesWithGateway: both writers answer the status with the
// same HTTP status and details.
func TestHTTPMapAgreesWithGateway(t *testing.T) {
	st, _ := status.New(codes.NotFound, "gone").WithDetails(&errdetails.ErrorInfo{Reason: "R_X", Domain: "d", Metadata: map[string]string{"code": "1"}})
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	ours, theirs := httptest.NewRecorder(), httptest.NewRecorder()
	httpmap.WriteError(ours, r, st.Err())
	runtime.HTTPError(context.Background(), runtime.NewServeMux(), &runtime.JSONPb{}, theirs, r, st.Err())
	if ours.Code != theirs.Code {
		t.Fatalf("status %d, grpc-gateway %d", ours.Code, theirs.Code)
	}
	var a, g spb.Status
	inner := ours.Body.Bytes()
	inner = bytes.TrimSuffix(inner[bytes.Index(inner, []byte(`"error":`))+len(`"error":`):], []byte("}\n"))
	if err := (protojson.UnmarshalOptions{DiscardUnknown: true}).Unmarshal(inner, &a); err != nil {
		t.Fatal(err)
	}
	if err := protojson.Unmarshal(theirs.Body.Bytes(), &g); err != nil {
		t.Fatal(err)
	}
	if len(a.GetDetails()) != 1 || len(g.GetDetails()) != 1 || !bytes.Equal(a.GetDetails()[0].GetValue(), g.GetDetails()[0].GetValue()) {
		t.Fatalf("details differ: %v, %v", a.GetDetails(), g.GetDetails())
	}
}

// BenchmarkHTTPMapReadGatewayError: ReadError of grpc-gateway's answer
// (runtime.DefaultHTTPErrorHandler, a google.rpc.Status with an
// ErrorInfo) next to protojson.Unmarshal of the same bytes into a
// google.rpc.Status.
func BenchmarkHTTPMapReadGatewayError(b *testing.B) {
	mux := runtime.NewServeMux()
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	rec := httptest.NewRecorder()
	_, outbound := runtime.MarshalerForRequest(mux, r)
	runtime.DefaultHTTPErrorHandler(context.Background(), mux, outbound, rec, r, statusWithInfo(b))
	body := rec.Body.Bytes()
	rd := bytes.NewReader(body)
	resp := &http.Response{StatusCode: rec.Code, Header: rec.Header(), Body: io.NopCloser(rd), ContentLength: int64(len(body))}
	b.Run("impl=statusreg", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rd.Reset(body)
			re, err := httpmap.ReadError(resp)
			if err != nil || re.Format() != httpmap.FormatStatus || len(re.Details()) != 1 {
				b.Fatal(re, err)
			}
			sinkHTTPMapErr = re
		}
	})
	b.Run("impl=peer", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var st spb.Status
			if err := protojson.Unmarshal(body, &st); err != nil {
				b.Fatal(err)
			}
			sinkRPCStatus = &st
		}
	})
}

// cannedTransport answers every request with the same response.
type cannedTransport struct {
	status int
	header http.Header
	body   []byte
}

func (c *cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	return &http.Response{StatusCode: c.status, Header: c.header, Body: io.NopCloser(bytes.NewReader(c.body)),
		ContentLength: int64(len(c.body)), Request: req, ProtoMajor: 1, ProtoMinor: 1}, nil
}

// sinkConnectErr keeps the connect-go client's error.
var sinkConnectErr error

// BenchmarkHTTPMapReadConnectError: ReadError of a connect-go handler's
// Connect protocol answer (NOT_FOUND with an ErrorInfo) next to
// connect-go's own client decoding the same answer from a canned
// transport (so its figure includes building and sending the request).
func BenchmarkHTTPMapReadConnectError(b *testing.B) {
	mux := http.NewServeMux()
	mux.Handle(connectUnary, connect.NewUnaryHandler(connectUnary,
		func(context.Context, *connect.Request[stringValue]) (*connect.Response[stringValue], error) {
			return nil, statusWithInfo(b)
		}, connect.WithInterceptors(connectcodes.Interceptor())))
	req := httptest.NewRequest(http.MethodPost, connectUnary, strings.NewReader(`"x"`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	body := rec.Body.Bytes()
	rd := bytes.NewReader(body)
	resp := &http.Response{StatusCode: rec.Code, Header: rec.Header(), Body: io.NopCloser(rd), ContentLength: int64(len(body))}
	b.Run("impl=statusreg", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rd.Reset(body)
			re, err := httpmap.ReadError(resp)
			if err != nil || re.Format() != httpmap.FormatConnect || re.GRPCCode() != codes.NotFound || len(re.Details()) != 1 {
				b.Fatal(re, err)
			}
			sinkHTTPMapErr = re
		}
	})
	hc := &http.Client{Transport: &cannedTransport{status: rec.Code, header: rec.Header(), body: body}}
	client := connect.NewClient[stringValue, stringValue](hc, "http://canned"+connectUnary, connect.WithProtoJSON())
	ctx := context.Background()
	msg := connect.NewRequest(wrapperspb.String("x"))
	b.Run("impl=peer", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, err := client.CallUnary(ctx, msg)
			if connect.CodeOf(err) != connect.CodeNotFound {
				b.Fatal(err)
			}
			sinkConnectErr = err
		}
	})
}
