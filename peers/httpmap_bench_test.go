package peers_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"

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
