package peers_test

import (
	"testing"

	v2 "github.com/apache/rocketmq-clients/golang/v5/protocol/v2"
	"github.com/statusreg/statusreg/rocketmq"
)

// Sinks for the rocketmq benchmarks (sinkString and sinkErr are shared
// with the grpccodes ones).
var (
	sinkMQCode   rocketmq.Code
	sinkMQStub   int32
	sinkMQBool   bool
	sinkMQStatus int
)

// mqBench is the input of the rocketmq benchmarks, built outside the
// timer: the codes the old stub's enum knows (46), in both types and by
// name, and every (RPC, code) pair of the 16 RPCs and the 54 upstream
// codes, with their names for the map peer.
type mqBench struct {
	codes []rocketmq.Code
	stub  []v2.Code
	names []string
	all   []rocketmq.Code // the 54 upstream codes
	pairs []mqPair
	// matrix is a naive allows-matrix keyed by names: RPC name -> code
	// name -> allowed.
	matrix map[string]map[string]bool
}

type mqPair struct {
	rpc            rocketmq.RPC
	code           rocketmq.Code
	rpcName, cName string
}

func newMQBench(tb testing.TB) *mqBench {
	tb.Helper()
	in := &mqBench{matrix: make(map[string]map[string]bool)}
	for _, n := range oldEnumNums() {
		in.codes = append(in.codes, rocketmq.Code(n))
		in.stub = append(in.stub, v2.Code(n))
		in.names = append(in.names, v2.Code_name[n])
	}
	for _, c := range readMQCodes(tb) {
		in.all = append(in.all, rocketmq.Code(c.num))
	}
	for _, rpc := range rocketmq.RPCs() {
		if !rpc.HasColumn() {
			continue // the matrix has no cells for it
		}
		row := make(map[string]bool, len(in.all))
		in.matrix[rpc.String()] = row
		for _, c := range in.all {
			row[c.String()] = rpc.Allows(c)
			in.pairs = append(in.pairs, mqPair{rpc, c, rpc.String(), c.String()})
		}
	}
	return in
}

// BenchmarkCodeString names the 46 codes the old enum knows: Code.String
// against the generated enum's String, which goes through protobuf
// reflection.
func BenchmarkCodeString(b *testing.B) {
	in := newMQBench(b)
	b.Run("impl=statusreg", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			for _, c := range in.codes {
				sinkString = c.String()
			}
		}
	})
	b.Run("impl=peer", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			for _, c := range in.stub {
				sinkString = c.String()
			}
		}
	})
}

// BenchmarkParseCode reads the same 46 upstream names: ParseCode against
// a lookup in the generated Code_value map.
func BenchmarkParseCode(b *testing.B) {
	in := newMQBench(b)
	b.Run("impl=statusreg", func(b *testing.B) {
		b.ReportAllocs()
		var c rocketmq.Code
		for range b.N {
			for _, n := range in.names {
				c, sinkErr = rocketmq.ParseCode(n)
			}
		}
		sinkMQCode = c
	})
	b.Run("impl=peer", func(b *testing.B) {
		b.ReportAllocs()
		var v int32
		for range b.N {
			for _, n := range in.names {
				v, sinkMQBool = v2.Code_value[n]
			}
		}
		sinkMQStub = v
	})
}

// BenchmarkAllows answers the 16×54 (RPC, code) pairs: RPC.Allows
// against a map of maps keyed by names, as a naive matrix would be.
func BenchmarkAllows(b *testing.B) {
	in := newMQBench(b)
	b.Run("impl=statusreg", func(b *testing.B) { benchAllows(b, in) })
	b.Run("impl=peer", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			for _, p := range in.pairs {
				sinkMQBool = in.matrix[p.rpcName][p.cName]
			}
		}
	})
}

// BenchmarkAllowsBitset answers the same pairs against the floor: a
// dense bitset indexed by RPC and number, which needs no look-up but
// 120 KB.
func BenchmarkAllowsBitset(b *testing.B) {
	in := newMQBench(b)
	const width = 60001 // numbers 0 to FailedToConsumeMessage
	bitset := make([]uint64, (len(rocketmq.RPCs())+1)*width/64+1)
	for _, p := range in.pairs {
		if k := int(p.rpc)*width + int(p.code); p.rpc.Allows(p.code) {
			bitset[k/64] |= 1 << (k % 64)
		}
	}
	b.Run("impl=statusreg", func(b *testing.B) { benchAllows(b, in) })
	b.Run("impl=peer", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			for _, p := range in.pairs {
				k := uint(p.rpc)*width + uint(uint32(p.code))
				sinkMQBool = k/64 < uint(len(bitset)) && bitset[k/64]>>(k%64)&1 != 0
			}
		}
	})
}

func benchAllows(b *testing.B, in *mqBench) {
	b.ReportAllocs()
	for range b.N {
		for _, p := range in.pairs {
			sinkMQBool = p.rpc.Allows(p.code)
		}
	}
}

// BenchmarkClass and BenchmarkCodeHTTPStatus run over the 54 upstream
// codes; no peer offers either.
func BenchmarkClass(b *testing.B) {
	in := newMQBench(b)
	b.Run("impl=statusreg", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			for _, c := range in.all {
				sinkMQCode = c.Class()
			}
		}
	})
}

func BenchmarkCodeHTTPStatus(b *testing.B) {
	in := newMQBench(b)
	b.Run("impl=statusreg", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			for _, c := range in.all {
				sinkMQStatus = c.HTTPStatus()
			}
		}
	})
}

func TestRocketmqBenchInputsAgree(t *testing.T) {
	in := newMQBench(t)
	if len(in.codes) != 46 || len(in.all) != 54 || len(in.pairs) != 16*54 {
		t.Fatalf("inputs: %d old-enum codes, %d codes, %d pairs; want 46, 54, 864", len(in.codes), len(in.all), len(in.pairs))
	}
	for i, c := range in.codes {
		if c.String() != in.stub[i].String() {
			t.Errorf("String: %q vs protobuf %q", c.String(), in.stub[i].String())
		}
		got, err := rocketmq.ParseCode(in.names[i])
		if want, ok := v2.Code_value[in.names[i]]; err != nil || !ok || int32(got) != want {
			t.Errorf("ParseCode(%q) = %v, %v; Code_value says %d, %v", in.names[i], got, err, want, ok)
		}
	}
	for _, p := range in.pairs {
		if p.rpc.Allows(p.code) != in.matrix[p.rpcName][p.cName] {
			t.Errorf("Allows(%s, %s) disagrees with the map", p.rpcName, p.cName)
		}
	}
}

func TestRocketmqZeroAllocs(t *testing.T) {
	in := newMQBench(t)
	unknown := []rocketmq.Code{40499, 12345, 99999, -7}
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"String", func() {
			for _, c := range in.all {
				sinkString = c.String()
			}
		}},
		{"ParseCode", func() {
			for _, n := range in.names {
				sinkMQCode, sinkErr = rocketmq.ParseCode(n)
			}
		}},
		{"Allows", func() {
			for _, p := range in.pairs {
				sinkMQBool = p.rpc.Allows(p.code)
			}
		}},
		{"Class", func() {
			for _, c := range in.all {
				sinkMQCode = c.Class()
			}
			for _, c := range unknown {
				sinkMQCode = c.Class()
			}
		}},
		{"HTTPStatus", func() {
			for _, c := range in.all {
				sinkMQStatus = c.HTTPStatus()
			}
			for _, c := range unknown {
				sinkMQStatus = c.HTTPStatus()
			}
		}},
		{"Mark", func() {
			for _, p := range in.pairs {
				sinkMQStatus = int(p.rpc.Mark(p.code))
			}
		}},
	} {
		if n := testing.AllocsPerRun(100, tc.f); n != 0 {
			t.Errorf("%s allocates %v times per run; want 0", tc.name, n)
		}
	}
}
