package table

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
)

// The engine's fuzz targets check Parse and DecodeJSON against their
// documented rules, restated here without the engine's code: a linear
// scan for names instead of the hash table, strconv for numbers. Seed
// corpora are in testdata/fuzz/<Target>/; the registries' own targets
// check the same rules through their wrappers.

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

// spelledNumber returns the decimal that s, already trimmed, spells as a
// number: s itself when it opens with a sign or digit, N of TypeName(N),
// or the number of an ErrorInfo reason, CODE_N or CODE_MINUS_N in any
// letter case, N opening with a digit.
func spelledNumber(s, typeName string) (string, bool) {
	if s != "" && (s[0] == '+' || s[0] == '-' || '0' <= s[0] && s[0] <= '9') {
		return s, true
	}
	if len(s) > len(typeName)+2 && strings.HasPrefix(s, typeName+"(") && strings.HasSuffix(s, ")") {
		return s[len(typeName)+1 : len(s)-1], true
	}
	if len(s) > 5 && asciiFold(s[:5], "CODE_") {
		rest, sign := s[5:], ""
		if len(rest) > 6 && asciiFold(rest[:6], "MINUS_") {
			rest, sign = rest[6:], "-"
		}
		if '0' <= rest[0] && rest[0] <= '9' {
			return sign + rest, true
		}
	}
	return "", false
}

// expectParse returns what t.Parse(s) must give: the code, or ok false
// and what ParseError.Range must be.
func expectParse[C Code](t *Table[C], s string) (want C, ok bool, rng rangeWant) {
	s = strings.TrimSpace(s)
	if num, isNum := spelledNumber(s, t.TypeName); isNum {
		return readNumber[C](num)
	}
	for _, e := range t.Entries {
		if asciiFold(s, e.Name) || asciiFold(s, e.GoName) {
			return C(e.Num), true, rangeNo
		}
	}
	return 0, false, rangeNo
}

// rangeWant is what ParseError.Range must be.
type rangeWant uint8

const (
	rangeNo     rangeWant = iota // the text is no number
	rangeYes                     // the text is a decimal out of the code type's range
)

// readNumber reads num as Parse reads numbers: a decimal with an optional
// sign, in C's range. A decimal out of range is a Range failure, anything
// else a plain one.
//
// Known bug (issue 10, reported from fuzzing): text that opens with a
// digit run past int64's range and goes on with something else
// ("99999999999999999999A") fails with Range true, as strconv reports the
// overflow before the stray character, though it is no number. Either
// answer is accepted there until that is fixed.
func readNumber[C Code](num string) (want C, ok bool, rng rangeWant) {
	n, err := strconv.ParseInt(num, 10, 64)
	digits := strings.TrimLeft(num, "+-")
	decimal := len(num)-len(digits) <= 1 && digits != "" && strings.Trim(digits, "0123456789") == ""
	switch {
	case err == nil && int64(C(n)) == n:
		return C(n), true, rangeNo
	case decimal:
		return 0, false, rangeYes
	}
	return 0, false, rangeNo
}

// checkParseError checks that err is the *ParseError Parse documents for
// input s.
func checkParseError[C Code](tb testing.TB, t *Table[C], s string, err error, rng rangeWant) {
	tb.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		tb.Fatalf("%q: error %v (%T), want a *ParseError", s, err, err)
	}
	if pe.System != t.System || pe.Range != (rng == rangeYes) {
		tb.Fatalf("%q: ParseError{System: %q, Range: %v}, want {%q, %v}", s, pe.System, pe.Range, t.System, rng == rangeYes)
	}
	if len(pe.Input) > maxQuoted || !strings.HasPrefix(strings.TrimSpace(s), pe.Input) {
		tb.Fatalf("%q: ParseError.Input %q is not the trimmed input cut to %d bytes", s, pe.Input, maxQuoted)
	}
	if !strings.HasPrefix(err.Error(), t.System+": ") {
		tb.Fatalf("%q: error text %q does not name the registry", s, err)
	}
}

// checkParsed checks what every code Parse returns has: its text, its Go
// name, its letter-case variants and its ErrorInfo reason parse back to it,
// and an unknown code prints as TypeName(N).
func checkParsed[C Code](tb testing.TB, t *Table[C], c C) {
	tb.Helper()
	text := t.String(c)
	if got := string(t.AppendText([]byte("x="), c)); got != "x="+text {
		tb.Fatalf("%d: AppendText %q, String %q", int64(c), got, text)
	}
	forms := []string{text, t.Reason(c)}
	if e := t.Lookup(c); e != nil {
		forms = append(forms, e.GoName, strings.ToLower(e.Name), strings.ToUpper(e.GoName), " "+e.Name+"\n")
	} else if want := t.TypeName + "(" + strconv.FormatInt(int64(c), 10) + ")"; text != want {
		tb.Fatalf("unknown %d prints %q, want %q", int64(c), text, want)
	}
	for _, s := range forms {
		if back, err := t.Parse(s); err != nil || back != c {
			tb.Fatalf("%d: its form %q parses as %d, %v", int64(c), s, int64(back), err)
		}
	}
}

// FuzzParse checks Parse, and UnmarshalText, which reads as Parse does,
// against the documented rules: names in ASCII case, decimals, Code(N)
// and CODE_N reasons around white space, an unknown number kept, any
// other text a *ParseError, and a failed UnmarshalText leaves the value.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"OK", "TopicNotFound", "601", "Code(-5)", " ok ", "", "Code(", "+0", "CODE_MINUS_7"} {
		f.Add(s)
	}
	f.Fuzz(func(tt *testing.T, s string) {
		c, err := sample.Parse(s)
		want, ok, rng := expectParse(&sample, s)
		if !ok {
			checkParseError(tt, &sample, s, err, rng)
		} else if err != nil || c != want {
			tt.Fatalf("%q parses as %d, %v; want %d", s, c, err, want)
		} else {
			checkParsed(tt, &sample, c)
		}

		const start = code(-424242)
		u := start
		uerr := sample.UnmarshalText(&u, []byte(s))
		switch {
		case ok && (uerr != nil || u != want):
			tt.Fatalf("UnmarshalText(%q) = %d, %v; want %d", s, u, uerr, want)
		case !ok && uerr == nil:
			tt.Fatalf("UnmarshalText(%q) = %d, want an error", s, u)
		case !ok && u != start:
			tt.Fatalf("a failed UnmarshalText(%q) changed the value to %d", s, u)
		case !ok:
			checkParseError(tt, &sample, s, uerr, rng)
		}
	})
}

// FuzzDecodeJSON checks DecodeJSON: null and every failure leave the
// value; on valid JSON, a string reads as Parse reads it, a number is the
// wire number when it is an integer in range, and anything else is a
// *ParseError; whatever decodes comes back from its JSON string and its
// JSON number.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`"OK"`, `601`, `null`, `"Code(7)"`, `"\u0000"`, `-0`, `1e2`, `"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const start = code(-424242)
		c := start
		err := sample.DecodeJSON(&c, data)
		if err != nil && c != start {
			t.Fatalf("a failed decode of %q changed the value to %d", data, c)
		}
		if string(bytes.TrimSpace(data)) == "null" && (err != nil || c != start) {
			t.Fatalf("null gave %d, %v; want the value left as it was", c, err)
		}
		if json.Valid(data) {
			checkValidJSON(t, data, c, err)
		}
		if err != nil {
			return
		}
		for _, enc := range []string{strconv.Quote(sample.String(c)), strconv.FormatInt(int64(c), 10)} {
			var back code
			if err := sample.DecodeJSON(&back, []byte(enc)); err != nil || back != c {
				t.Fatalf("%q decoded as %d, whose JSON %s decodes as %d, %v", data, c, enc, back, err)
			}
		}
	})
}

// checkValidJSON checks DecodeJSON's result c, err for the valid JSON
// data, which was decoded into a value that started as something else.
func checkValidJSON(t *testing.T, data []byte, c code, err error) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if derr := dec.Decode(&v); derr != nil {
		t.Fatalf("valid JSON %q: %v", data, derr)
	}
	var want code
	var ok bool
	var rng rangeWant
	switch v := v.(type) {
	case nil:
		return // checked by the caller
	case string:
		want, ok, rng = expectParse(&sample, v)
		if !ok {
			checkParseError(t, &sample, v, err, rng)
			return
		}
	case json.Number:
		want, ok, rng = readNumber[code](string(v))
		if !ok {
			checkParseError(t, &sample, string(v), err, rng)
			return
		}
	default: // true, false, objects and arrays are neither string nor number
		checkParseError(t, &sample, string(bytes.TrimSpace(data)), err, rangeNo)
		return
	}
	if err != nil || c != want {
		t.Fatalf("%s decodes as %d, %v; want %d", data, c, err, want)
	}
}
