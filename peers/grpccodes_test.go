package peers_test

import (
	"strconv"
	"testing"
	_ "unsafe" // for go:linkname

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/statusreg/statusreg/grpccodes"
	"google.golang.org/grpc/codes"
)

// grpcHTTPStatusConvTab is grpc-go's HTTP-to-gRPC table, the one its
// client consults when a response is not gRPC. It is internal to grpc-go,
// so it is reached by linkname; TestGRPCTableLinked makes sure the link
// holds.
//
//go:linkname grpcHTTPStatusConvTab google.golang.org/grpc/internal/transport.HTTPStatusConvTab
var grpcHTTPStatusConvTab map[int]codes.Code

// canonical lists the 17 canonical codes, OK through Unauthenticated.
var canonical = func() []codes.Code {
	cs := make([]codes.Code, 0, 17)
	for c := codes.OK; c <= codes.Unauthenticated; c++ {
		cs = append(cs, c)
	}
	return cs
}()

// grpcFromHTTP is what grpc-go's client reports for a non-gRPC response
// with status s: the table's code, or Unknown for a status not in it.
func grpcFromHTTP(s int) codes.Code {
	if c, ok := grpcHTTPStatusConvTab[s]; ok {
		return c
	}
	return codes.Unknown
}

func TestGRPCTableLinked(t *testing.T) {
	if len(grpcHTTPStatusConvTab) == 0 {
		t.Fatal("grpc-go's HTTPStatusConvTab is empty: the linkname did not reach it")
	}
	if c, ok := grpcHTTPStatusConvTab[404]; !ok || c != codes.Unimplemented {
		t.Fatalf("grpc-go's HTTPStatusConvTab[404] = %v, %v; want Unimplemented, true", c, ok)
	}
}

func TestHTTPStatusMatchesGateway(t *testing.T) {
	for _, c := range append(canonical, 17, 100) {
		if got, want := grpccodes.HTTPStatus(c), runtime.HTTPStatusFromCode(c); got != want {
			t.Errorf("HTTPStatus(%d) = %d; grpc-gateway says %d", c, got, want)
		}
	}
}

func TestFromHTTPTransportMatchesGRPC(t *testing.T) {
	for s := 100; s <= 599; s++ {
		if got, want := grpccodes.FromHTTPTransport(s), grpcFromHTTP(s); got != want {
			t.Errorf("FromHTTPTransport(%d) = %v; grpc-go says %v", s, got, want)
		}
	}
	// Every status grpc-go maps must lie in the range checked above.
	for s := range grpcHTTPStatusConvTab {
		if s < 100 || s > 599 {
			t.Errorf("grpc-go maps HTTP status %d, outside 100..599", s)
		}
	}
}

// TestNameAndParseMatchUnmarshalJSON checks that the names grpc-go's
// Code.UnmarshalJSON accepts are what Name gives and Parse reads, and
// that both read the canonical codes' numbers alike.
func TestNameAndParseMatchUnmarshalJSON(t *testing.T) {
	for _, c := range canonical {
		name := grpccodes.Name(c)
		var fromJSON codes.Code
		if err := fromJSON.UnmarshalJSON([]byte(`"` + name + `"`)); err != nil || fromJSON != c {
			t.Errorf("grpc-go UnmarshalJSON(%q) = %v, %v; want %v", name, fromJSON, err, c)
		}
		if got, err := grpccodes.Parse(name); err != nil || got != c {
			t.Errorf("Parse(%q) = %v, %v; want %v", name, got, err, c)
		}
		goName := c.String() // grpc-go's Go name, which Parse reads too
		if got, err := grpccodes.Parse(goName); err != nil || got != c {
			t.Errorf("Parse(%q) = %v, %v; want %v", goName, got, err, c)
		}
		num := strconv.Itoa(int(c))
		if err := fromJSON.UnmarshalJSON([]byte(num)); err != nil || fromJSON != c {
			t.Errorf("grpc-go UnmarshalJSON(%s) = %v, %v; want %v", num, fromJSON, err, c)
		}
		if got, err := grpccodes.Parse(num); err != nil || got != c {
			t.Errorf("Parse(%q) = %v, %v; want %v", num, got, err, c)
		}
	}
}

func TestZeroAllocs(t *testing.T) {
	names := make([]string, len(canonical))
	for i, c := range canonical {
		names[i] = grpccodes.Name(c)
	}
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"Name", func() {
			for _, c := range canonical {
				sinkString = grpccodes.Name(c)
			}
		}},
		{"HTTPStatus", func() {
			for _, c := range canonical {
				sinkInt = grpccodes.HTTPStatus(c)
			}
		}},
		{"Parse", func() {
			for _, n := range names {
				sinkCode, sinkErr = grpccodes.Parse(n)
			}
		}},
	} {
		if n := testing.AllocsPerRun(100, tc.f); n != 0 {
			t.Errorf("%s allocates %v times per 17 calls; want 0", tc.name, n)
		}
	}
}
