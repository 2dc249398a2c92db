package rocketmq_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/statusreg/statusreg/internal/parsecheck"
	"github.com/statusreg/statusreg/rocketmq"
)

// The targets check the parsers and decoders against their documented
// rules: the codes' by parsecheck, the RPCs', marks' and outcomes' as
// restated here. Seed corpora are in testdata/fuzz/<Target>/.

var codeRegistry = parsecheck.ForType(parsecheck.Registry[rocketmq.Code]{
	System:     "rocketmq",
	TypeName:   "Code",
	Parse:      rocketmq.ParseCode,
	ParseError: parsecheck.AsParseError[rocketmq.ParseError],
	Listed:     rocketmq.Codes(),
	Reason:     func(c rocketmq.Code) string { return parsecheck.ReasonOf(rocketmq.Errorf(c, "")) },
})

// FuzzParseCode: ParseCode reads exactly what its doc lists (upstream and
// Go names in any ASCII letter case, decimals, Code(N), CODE_N and
// CODE_MINUS_N, around white space), keeps an unknown number, fails with a
// *ParseError otherwise, and every form of what it returns parses back.
func FuzzParseCode(f *testing.F) {
	codeRegistry.FuzzParse(f, "TOPIC_NOT_FOUND", "topicnotfound", " 40402 ", "Code(40499)", "CODE_MINUS_7", "-0", "Code(", "")
}

// FuzzCodeUnmarshalText: Code.UnmarshalText reads as ParseCode does and
// leaves the code on failure.
func FuzzCodeUnmarshalText(f *testing.F) {
	codeRegistry.FuzzUnmarshalText(f, (*rocketmq.Code).UnmarshalText,
		"TOPIC_NOT_FOUND", "TopicNotFound", "40402", "Code(40499)", "NOPE", "")
}

// FuzzCodeUnmarshalJSON: Code.UnmarshalJSON reads a JSON string as
// ParseCode does and a JSON number as the wire number, agrees with
// encoding/json, leaves the code on null and on failure, and reads back
// what encoding/json writes.
func FuzzCodeUnmarshalJSON(f *testing.F) {
	codeRegistry.FuzzUnmarshalJSON(f, (*rocketmq.Code).UnmarshalJSON,
		`"TOPIC_NOT_FOUND"`, `40402`, `null`, `"Code(40499)"`, `-1`, `1e3`, `"\u0000"`, `{}`)
}

// expectRPC returns the RPC s names by ParseRPC's doc: an RPC's name in
// any letter case, the full gRPC method of one that has its own (not a
// Telemetry command), or RPC(N), N a decimal up to 255, around white
// space.
func expectRPC(s string) (rocketmq.RPC, bool) {
	name := strings.TrimSpace(s)
	prefix := "/" + rocketmq.Service + "/"
	method := len(name) > len(prefix) && parsecheck.EqualFold(name[:len(prefix)], prefix)
	if method {
		name = name[len(prefix):]
	}
	for _, r := range rocketmq.RPCs() {
		if parsecheck.EqualFold(name, r.String()) && (!method || r.Method() == prefix+r.String()) {
			return r, true
		}
	}
	if num, ok := strings.CutPrefix(name, "RPC("); ok && !method && strings.HasSuffix(num, ")") {
		if n, err := strconv.ParseUint(num[:len(num)-1], 10, 8); err == nil {
			return rocketmq.RPC(n), true
		}
	}
	return 0, false
}

// checkRPC checks the result of reading s as an RPC: it is what ParseRPC's
// doc says, or an *RPCError quoting s cut to 64 bytes; and what it
// returns prints, marshals and (when it has a method of its own) names
// its method as text that reads back.
func checkRPC(t *testing.T, s string, r rocketmq.RPC, err error) {
	t.Helper()
	want, ok := expectRPC(s)
	if !ok {
		re, isRPCError := errors.AsType[*rocketmq.RPCError](err)
		if !isRPCError {
			t.Fatalf("%q: error %v (%T), want an *RPCError", s, err, err)
		}
		if re.Input != s[:min(len(s), 64)] || !strings.HasPrefix(err.Error(), "rocketmq: ") {
			t.Fatalf("%q: RPCError{Input: %q}, %q", s, re.Input, err)
		}
		return
	}
	if err != nil || r != want {
		t.Fatalf("%q reads as %v, %v; want %v", s, r, err, want)
	}
	if b, err := r.MarshalText(); err != nil || string(b) != r.String() {
		t.Fatalf("%d: MarshalText %q, %v; String %q", r, b, err, r.String())
	}
	forms := []string{r.String(), " " + r.String() + "\n"}
	if slices.Contains(rocketmq.RPCs(), r) {
		forms = append(forms, strings.ToLower(r.String()), strings.ToUpper(r.String()))
	}
	if m := r.Method(); m == "/"+rocketmq.Service+"/"+r.String() {
		forms = append(forms, m, strings.ToLower(m))
	}
	for _, form := range forms {
		if back, err := rocketmq.ParseRPC(form); err != nil || back != r {
			t.Fatalf("%v: its form %q reads as %v, %v", r, form, back, err)
		}
	}
}

// FuzzParseRPC: ParseRPC reads names, methods and RPC(N) as documented,
// fails with an *RPCError otherwise, and what it returns reads back.
func FuzzParseRPC(f *testing.F) {
	for _, s := range []string{"SendMessage", "/apache.rocketmq.v2.MessagingService/AckMessage", "RPC(0)", " queryroute ", "RPC(", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := rocketmq.ParseRPC(s)
		checkRPC(t, s, r, err)
	})
}

// FuzzRPCUnmarshalText: RPC.UnmarshalText reads as ParseRPC does and
// leaves the RPC on failure.
func FuzzRPCUnmarshalText(f *testing.F) {
	for _, s := range []string{"SendMessage", "/apache.rocketmq.v2.MessagingService/Telemetry", "RPC(255)", "RPC(256)", "", "ThreadStackTrace"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		const start = rocketmq.RPC(200)
		r := start
		err := r.UnmarshalText(text)
		if err != nil && r != start {
			t.Fatalf("a failed UnmarshalText(%q) changed the RPC to %d", text, r)
		}
		checkRPC(t, string(text), r, err)
	})
}

// FuzzMarkUnmarshalText: Mark.UnmarshalText reads a mark's name in any
// letter case, or Mark(N) with N a decimal up to 255, around white space;
// anything else is an error naming the marks, and leaves the mark. What
// it reads marshals as its String, which reads back.
func FuzzMarkUnmarshalText(f *testing.F) {
	for _, s := range []string{"Allowed", "notallowed", " Reserved ", "Mark(7)", "Mark(256)", "mark(1)", ""} {
		f.Add([]byte(s))
	}
	marks := []rocketmq.Mark{rocketmq.NotListed, rocketmq.Allowed, rocketmq.NotAllowed, rocketmq.Reserved}
	f.Fuzz(func(t *testing.T, text []byte) {
		const start = rocketmq.Mark(200)
		m := start
		err := m.UnmarshalText(text)
		s := strings.TrimSpace(string(text))
		want, ok := rocketmq.Mark(0), false
		for _, mark := range marks {
			if parsecheck.EqualFold(s, mark.String()) {
				want, ok = mark, true
			}
		}
		if num, found := strings.CutPrefix(s, "Mark("); found && strings.HasSuffix(num, ")") {
			if n, perr := strconv.ParseUint(num[:len(num)-1], 10, 8); perr == nil {
				want, ok = rocketmq.Mark(n), true
			}
		}
		if !ok {
			if err == nil || m != start || !strings.Contains(err.Error(), "is not a matrix mark") {
				t.Fatalf("UnmarshalText(%q) = %v, %v; want an error and the mark left", text, m, err)
			}
			return
		}
		checkReadBack(t, text, m, err, want)
	})
}

// checkReadBack checks v, err, what UnmarshalText(text) gave a small
// enum (Mark): it is want, and it marshals as its String, which
// reads back.
func checkReadBack[V interface {
	~uint8
	String() string
	MarshalText() ([]byte, error)
}, P interface {
	*V
	UnmarshalText([]byte) error
}](t *testing.T, text []byte, v V, err error, want V) {
	t.Helper()
	if err != nil || v != want {
		t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", text, v, err, want)
	}
	b, err := v.MarshalText()
	back := ^v
	if err != nil || string(b) != v.String() || P(&back).UnmarshalText(b) != nil || back != v {
		t.Fatalf("%d marshals as %q, %v, which reads back as %v", v, b, err, back)
	}
}
