package turms_test

import (
	"strconv"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/turms"
)

// benchCodes are every listed server code, and benchNames their names.
var benchCodes, benchNames = func() ([]turms.Code, []string) {
	var cs []turms.Code
	var ns []string
	for n := turms.Code(1000); n < 7000; n++ {
		if n.Known() {
			cs = append(cs, n)
			ns = append(ns, n.String())
		}
	}
	return cs, ns
}()

var (
	sinkString   string
	sinkCode     turms.Code
	sinkInt      int
	sinkGRPC     codes.Code
	sinkCategory turms.Category
)

func BenchmarkString(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range benchCodes {
			sinkString = c.String()
		}
	}
}

func BenchmarkParseCode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range benchNames {
			sinkCode, _ = turms.ParseCode(n)
		}
	}
}

// BenchmarkParseCodeMapPeer is the obvious alternative to the engine's
// names table: a map[string]int32 of upper-case names, with the case
// folding ParseCode's any-case rule needs.
func BenchmarkParseCodeMapPeer(b *testing.B) {
	m := make(map[string]int32, len(benchCodes))
	for _, c := range benchCodes {
		m[c.String()] = int32(c)
	}
	parse := func(s string) (turms.Code, bool) {
		if n, ok := m[s]; ok {
			return turms.Code(n), true
		}
		if n, ok := m[strings.ToUpper(strings.TrimSpace(s))]; ok {
			return turms.Code(n), true
		}
		n, err := strconv.ParseInt(s, 10, 32)
		return turms.Code(n), err == nil
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, n := range benchNames {
			sinkCode, _ = parse(n)
		}
	}
}

func BenchmarkHTTPStatus(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range benchCodes {
			sinkInt = c.HTTPStatus()
		}
	}
}

func BenchmarkGRPCCode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range benchCodes {
			sinkGRPC = c.GRPCCode()
		}
	}
}

func BenchmarkCategory(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range benchCodes {
			sinkCategory = c.Category()
		}
	}
}

func TestBenchmarkedLookupsDoNotAllocate(t *testing.T) {
	for what, f := range map[string]func(){
		"String":     func() { sinkString = benchCodes[77].String() },
		"ParseCode":  func() { sinkCode, _ = turms.ParseCode(benchNames[77]) },
		"HTTPStatus": func() { sinkInt = benchCodes[77].HTTPStatus() },
		"GRPCCode":   func() { sinkGRPC = benchCodes[77].GRPCCode() },
		"Category":   func() { sinkCategory = benchCodes[77].Category() },
	} {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocations", what, n)
		}
	}
	if len(benchCodes) != 155 {
		t.Fatalf("%d codes", len(benchCodes))
	}
}
