package rocketmq_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/statusreg/statusreg/rocketmq"
)

// ParseError is the parsers' documented error type.
type ParseError = rocketmq.ParseError

var codeRegistry = newRegistry(registry[rocketmq.Code]{
	system:   "rocketmq",
	typeName: "Code",
	parse:    rocketmq.ParseCode,
	listed:   rocketmq.Codes(),
	reason: func(c rocketmq.Code) string {
		e, _ := errors.AsType[*rocketmq.Error](rocketmq.Errorf(c, ""))
		return e.ErrorInfo().GetReason()
	},
})

// FuzzParseCode: ParseCode reads exactly what its doc lists (upstream and
// Go names in any ASCII letter case, decimals, Code(N), CODE_N and
// CODE_MINUS_N, around white space), keeps an unknown number, fails with a
// *ParseError otherwise, and every form of what it returns parses back.
func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"TOPIC_NOT_FOUND", "topicnotfound", " 40402 ", "Code(40499)", "CODE_MINUS_7", "-0", "Code(", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := rocketmq.ParseCode(s)
		codeRegistry.check(t, s, c, err)
	})
}

// FuzzCodeUnmarshalText: Code.UnmarshalText reads as ParseCode does and
// leaves the code on failure.
func FuzzCodeUnmarshalText(f *testing.F) {
	for _, s := range []string{"TOPIC_NOT_FOUND", "TopicNotFound", "40402", "Code(40499)", "NOPE", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		checkUnmarshalText(t, codeRegistry, text)
	})
}

// FuzzCodeUnmarshalJSON: Code.UnmarshalJSON reads a JSON string as
// ParseCode does and a JSON number as the wire number, agrees with
// encoding/json, leaves the code on null and on failure, and reads back
// what encoding/json writes.
func FuzzCodeUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`"TOPIC_NOT_FOUND"`, `40402`, `null`, `"Code(40499)"`, `-1`, `1e3`, `"\u0000"`, `{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkUnmarshalJSON(t, codeRegistry, data)
	})
}

// expectRPC returns the RPC s names by ParseRPC's doc: an RPC's name in
// any letter case, the full gRPC method of one that has its own (not a
// Telemetry command), or RPC(N), N a decimal up to 255, around white
// space.
func expectRPC(s string) (rocketmq.RPC, bool) {
	name := strings.TrimSpace(s)
	prefix := "/" + rocketmq.Service + "/"
	method := len(name) > len(prefix) && strings.EqualFold(name[:len(prefix)], prefix)
	if method {
		name = name[len(prefix):]
	}
	for _, r := range rocketmq.RPCs() {
		if strings.EqualFold(name, r.String()) && (!method || r.Method() == prefix+r.String()) {
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
			if strings.EqualFold(s, mark.String()) {
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
		if err != nil || m != want {
			t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", text, m, err, want)
		}
		b, err := m.MarshalText()
		back := start
		if err != nil || string(b) != m.String() || back.UnmarshalText(b) != nil || back != m {
			t.Fatalf("%d marshals as %q, %v, which reads back as %v", m, b, err, back)
		}
	})
}

// FuzzOutcomeUnmarshalText: Outcome.UnmarshalText reads an outcome's name
// in any letter case, or Outcome(N) with N a decimal up to 255, around
// white space; anything else is an *OutcomeError quoting the text cut to
// 64 bytes, and leaves the outcome. What it reads marshals as its String,
// which reads back.
func FuzzOutcomeUnmarshalText(f *testing.F) {
	for _, s := range []string{"Retry", "BACKOFF", " fail ", "Outcome(0)", "outcome(9)", "Outcome(256)", ""} {
		f.Add([]byte(s))
	}
	outcomes := []rocketmq.Outcome{rocketmq.Success, rocketmq.Empty, rocketmq.Retry, rocketmq.Backoff, rocketmq.Fail}
	f.Fuzz(func(t *testing.T, text []byte) {
		const start = rocketmq.Outcome(200)
		o := start
		err := o.UnmarshalText(text)
		s := strings.TrimSpace(string(text))
		want, ok := rocketmq.Outcome(0), false
		for _, outcome := range outcomes {
			if strings.EqualFold(s, outcome.String()) {
				want, ok = outcome, true
			}
		}
		if len(s) > len("outcome()") && asciiFold(s[:len("outcome(")], "outcome(") && s[len(s)-1] == ')' {
			if n, perr := strconv.ParseUint(s[len("outcome("):len(s)-1], 10, 8); perr == nil {
				want, ok = rocketmq.Outcome(n), true
			}
		}
		if !ok {
			oe, isOutcomeError := errors.AsType[*rocketmq.OutcomeError](err)
			if !isOutcomeError || o != start || oe.Input != string(text[:min(len(text), 64)]) {
				t.Fatalf("UnmarshalText(%q) = %v, %v; want an *OutcomeError and the outcome left", text, o, err)
			}
			return
		}
		if err != nil || o != want {
			t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", text, o, err, want)
		}
		b, err := o.MarshalText()
		back := start
		if err != nil || string(b) != o.String() || back.UnmarshalText(b) != nil || back != o {
			t.Fatalf("%d marshals as %q, %v, which reads back as %v", o, b, err, back)
		}
		if ab, _ := o.AppendText([]byte("x=")); string(ab) != "x="+string(b) {
			t.Fatalf("%d: AppendText %q, MarshalText %q", o, ab, b)
		}
	})
}

// The targets check the parsers and decoders against their documented
// rules, restated here by the public API: a linear scan of the listed
// codes for names, strconv for numbers. Seed corpora are in
// testdata/fuzz/<Target>/.

// codeType is what every registry code type offers.
type codeType interface {
	~int32
	String() string
	GoString() string
	Known() bool
	MarshalText() ([]byte, error)
	AppendText([]byte) ([]byte, error)
}

// registry describes a code type to the checks below.
type registry[C codeType] struct {
	system   string // ParseError.System
	typeName string // the Code of the Code(N) form
	parse    func(string) (C, error)
	listed   []C            // every listed code
	reason   func(C) string // the ErrorInfo reason of an error carrying c; nil when the type has no errors
	names    [][2]string    // the upstream and Go names of listed, by newRegistry
}

func newRegistry[C codeType](r registry[C]) *registry[C] {
	for _, c := range r.listed {
		r.names = append(r.names, [2]string{c.String(), goName(c)})
	}
	return &r
}

// asciiFold reports whether a and b are equal ignoring ASCII letter case
// only: "in any letter case" means ASCII case, so "ÖK" names nothing.
func asciiFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'a' <= x && x <= 'z' {
			x -= 'a' - 'A'
		}
		if 'a' <= y && y <= 'z' {
			y -= 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// goName returns the name of c's Go constant, from its GoString.
func goName[C codeType](c C) string {
	_, name, _ := strings.Cut(c.GoString(), ".")
	return name
}

// expect returns what parsing s must give: the code, or ok false and
// what ParseError.Range must be. s, around white space, is a decimal, the
// Code(N) form, an ErrorInfo reason (CODE_N, CODE_MINUS_N, any letter
// case), or a listed code's upstream or Go name in any ASCII letter case.
func (r *registry[C]) expect(s string) (want C, ok bool, rng rangeWant) {
	s = strings.TrimSpace(s)
	num, isNum := "", false
	switch {
	case s != "" && (s[0] == '+' || s[0] == '-' || '0' <= s[0] && s[0] <= '9'):
		num, isNum = s, true
	case len(s) > len(r.typeName)+2 && strings.HasPrefix(s, r.typeName+"(") && strings.HasSuffix(s, ")"):
		num, isNum = s[len(r.typeName)+1:len(s)-1], true
	case len(s) > 5 && asciiFold(s[:5], "CODE_"):
		rest, sign := s[5:], ""
		if len(rest) > 6 && asciiFold(rest[:6], "MINUS_") {
			rest, sign = rest[6:], "-"
		}
		num, isNum = sign+rest, '0' <= rest[0] && rest[0] <= '9'
	}
	if isNum {
		n, ok, rng := readNumber(num)
		return C(n), ok, rng
	}
	for i, names := range r.names {
		if asciiFold(s, names[0]) || asciiFold(s, names[1]) {
			return r.listed[i], true, rangeNo
		}
	}
	return 0, false, rangeNo
}

// rangeWant is what ParseError.Range must be.
type rangeWant uint8

const (
	rangeNo     rangeWant = iota // the text is no number
	rangeYes                     // the text is a decimal out of int32's range
)

// readNumber reads num as the parsers read numbers: a decimal with an
// optional sign, in int32's range. A decimal out of range is a Range
// failure, anything else a plain one.
func readNumber(num string) (n int64, ok bool, rng rangeWant) {
	n, err := strconv.ParseInt(num, 10, 64)
	digits := strings.TrimLeft(num, "+-")
	decimal := len(num)-len(digits) <= 1 && digits != "" && strings.Trim(digits, "0123456789") == ""
	switch {
	case err == nil && n == int64(int32(n)):
		return n, true, rangeNo
	case decimal:
		return 0, false, rangeYes
	}
	return 0, false, rangeNo
}

// checkError checks that err is the *ParseError documented for input s.
func (r *registry[C]) checkError(t *testing.T, s string, err error, rng rangeWant) {
	t.Helper()
	pe, ok := errors.AsType[*ParseError](err)
	if !ok {
		t.Fatalf("%q: error %v (%T), want a *ParseError", s, err, err)
	}
	if pe.System != r.system || pe.Range != (rng == rangeYes) {
		t.Fatalf("%q: ParseError{System: %q, Range: %v}, want {%q, %v}", s, pe.System, pe.Range, r.system, rng == rangeYes)
	}
	if len(pe.Input) > 64 || !strings.HasPrefix(strings.TrimSpace(s), pe.Input) {
		t.Fatalf("%q: ParseError.Input %q is not the trimmed input cut to 64 bytes", s, pe.Input)
	}
	if !strings.HasPrefix(err.Error(), r.system+": ") {
		t.Fatalf("%q: error text %q does not name the registry", s, err)
	}
}

// check checks the result of parsing s, or of reading it with
// UnmarshalText.
func (r *registry[C]) check(t *testing.T, s string, c C, err error) {
	t.Helper()
	want, ok, rng := r.expect(s)
	if !ok {
		r.checkError(t, s, err, rng)
		return
	}
	if err != nil || c != want {
		t.Fatalf("%q reads as %v (%d), %v; want %v (%d)", s, c, int32(c), err, want, int32(want))
	}
	r.checkCode(t, c)
}

// checkCode checks what every code has: MarshalText and AppendText give
// String, an unknown code prints as Code(N), and every form of the code
// (String, the Go name, letter-case variants, its ErrorInfo reason) parses
// back to it.
func (r *registry[C]) checkCode(t *testing.T, c C) {
	t.Helper()
	text := c.String()
	if b, err := c.MarshalText(); err != nil || string(b) != text {
		t.Fatalf("%d: MarshalText %q, %v; String %q", int32(c), b, err, text)
	}
	if b, err := c.AppendText([]byte("x=")); err != nil || string(b) != "x="+text {
		t.Fatalf("%d: AppendText %q, %v; String %q", int32(c), b, err, text)
	}
	forms := []string{text}
	if c.Known() {
		forms = append(forms, goName(c), strings.ToLower(text), strings.ToUpper(goName(c)), "\t"+text+" \n")
	} else if want := r.typeName + "(" + strconv.Itoa(int(c)) + ")"; text != want {
		t.Fatalf("unknown %d prints %q, want %q", int32(c), text, want)
	}
	if r.reason != nil {
		forms = append(forms, r.reason(c))
	}
	for _, s := range forms {
		if back, err := r.parse(s); err != nil || back != c {
			t.Fatalf("%v (%d): its form %q parses as %v, %v", c, int32(c), s, back, err)
		}
	}
}

// start is the value the decoders work on: a failure must leave it.
const start = -424242

// checkUnmarshalText checks UnmarshalText: it reads as the parser does,
// leaves the value on failure, and reads MarshalText's text back.
func checkUnmarshalText[C codeType, P interface {
	*C
	UnmarshalText([]byte) error
}](t *testing.T, r *registry[C], text []byte) {
	c := C(start)
	err := P(&c).UnmarshalText(text)
	if err != nil && c != start {
		t.Fatalf("a failed UnmarshalText(%q) changed the value to %d", text, int32(c))
	}
	r.check(t, string(text), c, err)
}

// checkUnmarshalJSON checks UnmarshalJSON: null and every failure leave
// the value; on valid JSON it agrees with encoding/json, a string reads
// as the parser reads it, a number is the wire number when it is an
// integer in range, anything else is a *ParseError; and what decodes
// comes back from its JSON string (what encoding/json writes) and its
// JSON number.
func checkUnmarshalJSON[C codeType, P interface {
	*C
	UnmarshalJSON([]byte) error
}](t *testing.T, r *registry[C], data []byte) {
	c := C(start)
	err := P(&c).UnmarshalJSON(data)
	if err != nil && c != start {
		t.Fatalf("a failed UnmarshalJSON(%q) changed the value to %d", data, int32(c))
	}
	if string(bytes.TrimSpace(data)) == "null" && (err != nil || c != start) {
		t.Fatalf("null gave %d, %v; want the value left as it was", int32(c), err)
	}
	if json.Valid(data) {
		viaJSON := C(start)
		jerr := json.Unmarshal(data, &viaJSON)
		if (jerr == nil) != (err == nil) || viaJSON != c {
			t.Fatalf("%q: UnmarshalJSON gives %d, %v; json.Unmarshal %d, %v", data, int32(c), err, int32(viaJSON), jerr)
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if derr := dec.Decode(&v); derr != nil {
			t.Fatalf("valid JSON %q: %v", data, derr)
		}
		switch v := v.(type) {
		case nil: // null, checked above
		case string:
			r.check(t, v, c, err)
		case json.Number:
			n, ok, rng := readNumber(string(v))
			if !ok {
				r.checkError(t, string(v), err, rng)
			} else if err != nil || c != C(n) {
				t.Fatalf("%s decodes as %d, %v; want %d", data, int32(c), err, n)
			}
		default: // true, false, objects and arrays
			r.checkError(t, string(bytes.TrimSpace(data)), err, rangeNo)
		}
	}
	if err != nil {
		return
	}
	b, merr := json.Marshal(c)
	if merr != nil {
		t.Fatal(merr)
	}
	for _, enc := range [][]byte{b, strconv.AppendInt(nil, int64(c), 10)} {
		back := C(start)
		if err := P(&back).UnmarshalJSON(enc); err != nil || back != c {
			t.Fatalf("%q decoded as %d, whose JSON %s decodes as %d, %v", data, int32(c), enc, int32(back), err)
		}
	}
}
