package peers_test

import (
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/statusreg/statusreg/grpccodes"
	"google.golang.org/grpc/codes"
)

// Sinks keep the compiler from discarding the calls under test.
var (
	sinkString string
	sinkInt    int
	sinkCode   codes.Code
	sinkErr    error
)

// Each benchmark op covers all 17 canonical codes, on both sides. Every
// side-by-side benchmark has two sub-benchmarks, impl=statusreg and
// impl=peer, so that benchstat -col /impl sets them side by side; the
// benchmark's doc names the peer.

// BenchmarkName: grpccodes.Name next to grpc-go's codes.Code.String.

func BenchmarkName(b *testing.B) {
	b.Run("impl=statusreg", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			for _, c := range canonical {
				sinkString = grpccodes.Name(c)
			}
		}
	})
	b.Run("impl=peer", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			for _, c := range canonical {
				sinkString = c.String()
			}
		}
	})
}

// BenchmarkHTTPStatus: grpccodes.HTTPStatus next to grpc-gateway's
// runtime.HTTPStatusFromCode.
func BenchmarkHTTPStatus(b *testing.B) {
	b.Run("impl=statusreg", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			for _, c := range canonical {
				sinkInt = grpccodes.HTTPStatus(c)
			}
		}
	})
	b.Run("impl=peer", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			for _, c := range canonical {
				sinkInt = runtime.HTTPStatusFromCode(c)
			}
		}
	})
}

// BenchmarkParse reads the 17 spec names: bare for Parse, JSON-quoted
// for grpc-go's UnmarshalJSON, the only names it accepts.
func BenchmarkParse(b *testing.B) {
	names := make([]string, len(canonical))
	quoted := make([][]byte, len(canonical))
	for i, c := range canonical {
		names[i] = grpccodes.Name(c)
		quoted[i] = []byte(`"` + names[i] + `"`)
	}
	b.Run("impl=statusreg", func(b *testing.B) {
		b.ReportAllocs()
		var c codes.Code
		for range b.N {
			for _, n := range names {
				c, sinkErr = grpccodes.Parse(n)
			}
		}
		sinkCode = c
	})
	b.Run("impl=peer", func(b *testing.B) {
		b.ReportAllocs()
		var c codes.Code
		for range b.N {
			for _, q := range quoted {
				sinkErr = c.UnmarshalJSON(q)
			}
		}
		sinkCode = c
	})
}
