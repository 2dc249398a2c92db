package turms_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/statusreg/statusreg/turms"
)

// ParseError is the parsers' documented error type.
type ParseError = turms.ParseError

// known returns every value of C from 0 to 9999 that Known reports:
// the client codes and close statuses have no Codes function.
func known[C codeType]() []C {
	var cs []C
	for n := range 10000 {
		if c := C(n); c.Known() {
			cs = append(cs, c)
		}
	}
	return cs
}

var (
	codeRegistry = newRegistry(registry[turms.Code]{
		system:   "turms",
		typeName: "Code",
		parse:    turms.ParseCode,
		listed:   turms.Codes(),
		reason: func(c turms.Code) string {
			e, _ := errors.AsType[*turms.Error](turms.Errorf(c, ""))
			return e.ErrorInfo().GetReason()
		},
	})
	clientCodeRegistry = newRegistry(registry[turms.ClientCode]{
		system:   "turms",
		typeName: "ClientCode",
		parse:    turms.ParseClientCode,
		listed:   known[turms.ClientCode](),
	})
	sessionCloseStatusRegistry = newRegistry(registry[turms.SessionCloseStatus]{
		system:   "turms",
		typeName: "SessionCloseStatus",
		parse:    turms.ParseSessionCloseStatus,
		listed:   known[turms.SessionCloseStatus](),
	})
)

// Seeds shared by the targets; the bulk is in testdata/fuzz.
var fuzzSeeds = []string{
	"", "OK", "INVALID_REQUEST", "ClientInvalidRequest", "CloseUserIsBlocked", "CONNECT_TIMEOUT",
	"1100", "-1", "Code(1299)", "ClientCode(7)", "SessionCloseStatus(999)", "CODE_MINUS_3",
}

// FuzzParseCode: ParseCode reads exactly what its doc lists (upstream and
// Go names of server codes in any ASCII letter case, decimals, Code(N),
// CODE_N and CODE_MINUS_N, around white space), keeps an unknown number,
// fails with a *ParseError otherwise, and every form of what it returns
// parses back.
func FuzzParseCode(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := turms.ParseCode(s)
		codeRegistry.check(t, s, c, err)
	})
}

// FuzzParseClientCode: ParseClientCode, as FuzzParseCode for the client
// codes and their ClientCode(N) form.
func FuzzParseClientCode(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := turms.ParseClientCode(s)
		clientCodeRegistry.check(t, s, c, err)
	})
}

// FuzzParseSessionCloseStatus: ParseSessionCloseStatus, as FuzzParseCode
// for the close statuses and their SessionCloseStatus(N) form.
func FuzzParseSessionCloseStatus(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := turms.ParseSessionCloseStatus(s)
		sessionCloseStatusRegistry.check(t, s, c, err)
	})
}

// FuzzCodeUnmarshalText: Code.UnmarshalText reads as ParseCode does and
// leaves the code on failure.
func FuzzCodeUnmarshalText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		checkUnmarshalText(t, codeRegistry, text)
	})
}

// FuzzClientCodeUnmarshalText: ClientCode.UnmarshalText reads as
// ParseClientCode does and leaves the code on failure.
func FuzzClientCodeUnmarshalText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		checkUnmarshalText(t, clientCodeRegistry, text)
	})
}

// FuzzSessionCloseStatusUnmarshalText: SessionCloseStatus.UnmarshalText
// reads as ParseSessionCloseStatus does and leaves the status on failure.
func FuzzSessionCloseStatusUnmarshalText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		checkUnmarshalText(t, sessionCloseStatusRegistry, text)
	})
}

// jsonSeeds are seeds of the UnmarshalJSON targets; the bulk is in
// testdata/fuzz.
var jsonSeeds = []string{`"OK"`, `1100`, `null`, `"Code(1299)"`, `-1`, `1e3`, `"\u0000"`, `{}`}

// FuzzCodeUnmarshalJSON: Code.UnmarshalJSON reads a JSON string as
// ParseCode does and a JSON number as the wire number, agrees with
// encoding/json, leaves the code on null and on failure, and reads back
// what encoding/json writes.
func FuzzCodeUnmarshalJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkUnmarshalJSON(t, codeRegistry, data)
	})
}

// FuzzClientCodeUnmarshalJSON: ClientCode.UnmarshalJSON, as
// FuzzCodeUnmarshalJSON with ParseClientCode.
func FuzzClientCodeUnmarshalJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkUnmarshalJSON(t, clientCodeRegistry, data)
	})
}

// FuzzSessionCloseStatusUnmarshalJSON: SessionCloseStatus.UnmarshalJSON,
// as FuzzCodeUnmarshalJSON with ParseSessionCloseStatus.
func FuzzSessionCloseStatusUnmarshalJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkUnmarshalJSON(t, sessionCloseStatusRegistry, data)
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
