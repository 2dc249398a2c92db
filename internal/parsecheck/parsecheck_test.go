package parsecheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// code is a code type with two listed codes, for the oracle's own tests.
type code int32

func name(c code) string {
	switch c {
	case 0:
		return "OK"
	case 601:
		return "TOPIC_NOT_FOUND"
	}
	return "Code(" + strconv.Itoa(int(c)) + ")"
}

func goName(c code) string {
	switch c {
	case 0:
		return "Ok"
	case 601:
		return "TopicNotFound"
	}
	return name(c)
}

// newFake returns a registry of code whose parser is parse.
func newFake(parse func(string) (code, error)) *Registry[code] {
	return New(Registry[code]{
		System:     "fake",
		TypeName:   "Code",
		Parse:      parse,
		ParseError: AsParseError[fakeError],
		Listed:     []code{0, 601},
		Name:       name,
		GoName:     goName,
		Known:      func(c code) bool { return c == 0 || c == 601 },
		Reason:     func(c code) string { return "CODE_" + strings.Replace(strconv.Itoa(int(c)), "-", "MINUS_", 1) },
	})
}

// fakeError is the fake registry's ParseError.
type fakeError struct {
	System string
	Input  string
	Range  bool
}

func (e *fakeError) Error() string { return e.System + ": " + strconv.Quote(e.Input) }

// oracle is the fake registry with no parser: Expect needs none.
var oracle = newFake(nil)

// good reads as Expect says, so that the checks can be tested on it and
// on its mutants.
func good(s string) (code, error) {
	c, ok, outOfRange := oracle.Expect(s)
	if !ok {
		s = strings.TrimSpace(s)
		return 0, &fakeError{System: "fake", Input: s[:min(len(s), maxInput)], Range: outOfRange}
	}
	return c, nil
}

func TestExpect(t *testing.T) {
	for _, tc := range []struct {
		s       string
		want    code
		ok, rng bool
	}{
		{s: "OK", ok: true},
		{s: " ok\n", ok: true},
		{s: "tOPICnOTfOUND", want: 601, ok: true},
		{s: "ÖK"},
		{s: "TOPIC_NOT_FOUND_"},
		{s: "601", want: 601, ok: true},
		{s: "+7", want: 7, ok: true},
		{s: "-0", ok: true},
		{s: "--1"},
		{s: "2147483648", rng: true},
		{s: "-2147483649", rng: true},
		{s: "99999999999999999999", rng: true},
		{s: "99999999999999999999A"},
		{s: "Code(-5)", want: -5, ok: true},
		{s: "code(5)"},
		{s: "Code()"},
		{s: "Code(x)"},
		{s: "CODE_12", want: 12, ok: true},
		{s: "code_minus_12", want: -12, ok: true},
		{s: "CODE_-12"},
		{s: "CODE_MINUS_"},
		{s: "CODE_X"},
		{s: ""},
	} {
		want, ok, rng := oracle.Expect(tc.s)
		if want != tc.want || ok != tc.ok || rng != tc.rng {
			t.Errorf("Expect(%q) = %d, %v, %v; want %d, %v, %v", tc.s, want, ok, rng, tc.want, tc.ok, tc.rng)
		}
	}
	if got, ok, rng := readNumber[uint32]("-1"); ok || !rng {
		t.Errorf("-1 as a uint32: %d, %v, %v; want out of range", got, ok, rng)
	}
	if got, ok, _ := readNumber[uint32]("4294967295"); !ok || got != 1<<32-1 {
		t.Errorf("4294967295 as a uint32: %d, %v", got, ok)
	}
}

// recorder is a testing.TB that notes the first failure and ends the
// check there.
type recorder struct {
	testing.TB
	failure string
}

func (r *recorder) Helper() {}

func (r *recorder) Fatal(args ...any) { r.Fatalf("%s", fmt.Sprint(args...)) }

func (r *recorder) Fatalf(format string, args ...any) {
	r.failure = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// failure runs check and returns the failure it reported, or "".
func failure(check func(testing.TB)) string {
	r := &recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		check(r)
	}()
	<-done
	return r.failure
}

func TestChecksCatchMutants(t *testing.T) {
	inputs := []string{
		"OK", " topicnotfound ", "601", "Code(77)", "CODE_MINUS_3", "2147483648",
		"o\u212a", // a Kelvin sign: no ASCII letter
		"NOPE", "", strings.Repeat("x", 100),
	}
	check := func(r *Registry[code]) string {
		return failure(func(t testing.TB) {
			for _, s := range inputs {
				c, err := r.Parse(s)
				r.CheckParse(t, s, c, err)
			}
		})
	}
	if f := check(newFake(good)); f != "" {
		t.Fatalf("a parser that reads as documented fails: %s", f)
	}
	for what, mutant := range map[string]func(string) (code, error){
		"Unicode case folding": func(s string) (code, error) {
			if strings.EqualFold(s, "OK") {
				return 0, nil
			}
			return good(s)
		},
		"no Range": func(s string) (code, error) {
			c, err := good(s)
			if fe, ok := err.(*fakeError); ok {
				fe.Range = false
			}
			return c, err
		},
		"untrimmed Input": func(s string) (code, error) {
			c, err := good(s)
			if fe, ok := err.(*fakeError); ok {
				fe.Input = s
			}
			return c, err
		},
		"no Go names": func(s string) (code, error) {
			if EqualFold(strings.TrimSpace(s), "TopicNotFound") {
				return 0, &fakeError{System: "fake", Input: strings.TrimSpace(s)}
			}
			return good(s)
		},
		"no reasons": func(s string) (code, error) {
			if strings.HasPrefix(s, "CODE_") {
				return 0, &fakeError{System: "fake", Input: s}
			}
			return good(s)
		},
		"another error type": func(s string) (code, error) {
			c, err := good(s)
			if err != nil {
				err = fmt.Errorf("fake: %q", s)
			}
			return c, err
		},
		"unknown numbers dropped": func(s string) (code, error) {
			c, err := good(s)
			if err == nil && c != 0 && c != 601 {
				c = 0
			}
			return c, err
		},
	} {
		if check(newFake(mutant)) == "" {
			t.Errorf("a parser with %s passes", what)
		}
	}
}

func TestCheckUnmarshal(t *testing.T) {
	r := newFake(good)
	unmarshalText := func(p *code, text []byte) error {
		c, err := r.Parse(string(text))
		if err == nil {
			*p = c
		}
		return err
	}
	decodeJSON := func(p *code, data []byte) error {
		data = bytes.TrimSpace(data)
		switch {
		case string(data) == "null":
			return nil
		case len(data) > 0 && data[0] == '"':
			var s string
			if err := json.Unmarshal(data, &s); err != nil {
				return err
			}
			return unmarshalText(p, []byte(s))
		}
		c, ok, outOfRange := readNumber[code](string(data))
		if !ok {
			return &fakeError{System: "fake", Input: string(data[:min(len(data), maxInput)]), Range: outOfRange}
		}
		*p = c
		return nil
	}
	for _, s := range []string{"OK", "601", "Code(-4)", "NOPE", ""} {
		if f := failure(func(t testing.TB) { r.CheckUnmarshalText(t, []byte(s), unmarshalText) }); f != "" {
			t.Errorf("UnmarshalText(%q): %s", s, f)
		}
	}
	for _, s := range []string{`"OK"`, `601`, ` null `, `"Code(-4)"`, `1e3`, `{}`, `"`, `2147483648`} {
		if f := failure(func(t testing.TB) { r.CheckUnmarshalJSON(t, []byte(s), decodeJSON) }); f != "" {
			t.Errorf("DecodeJSON(%s): %s", s, f)
		}
	}
	clobbers := func(p *code, text []byte) error {
		*p = 1
		return unmarshalText(p, text)
	}
	if failure(func(t testing.TB) { r.CheckUnmarshalText(t, []byte("NOPE"), clobbers) }) == "" {
		t.Error("a failed UnmarshalText that changes the value passes")
	}
	if failure(func(t testing.TB) { r.CheckUnmarshalJSON(t, []byte("null"), clobbers) }) == "" {
		t.Error("a null that changes the value passes")
	}
}
