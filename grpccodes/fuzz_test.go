package grpccodes_test

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/internal/table"
)

// The target checks Parse against its documented rules, restated here
// by the public API, and against grpc-go's own reading of names and
// numbers (codes.Code.UnmarshalJSON). Seed corpora are in
// testdata/fuzz/<Target>/.

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

// expect returns what Parse(s) must give: the code, or ok false and
// whether the failure is a number out of range. s, around white space, is a spec or grpc-go
// name in any ASCII letter case, a decimal, or, as every registry reads
// them, Code(N) or an ErrorInfo reason (CODE_N, CODE_MINUS_N).
func expect(s string) (want codes.Code, ok, outOfRange bool) {
	s = strings.TrimSpace(s)
	num, isNum := "", false
	switch {
	case s != "" && (s[0] == '+' || s[0] == '-' || '0' <= s[0] && s[0] <= '9'):
		num, isNum = s, true
	case len(s) > len("Code()") && strings.HasPrefix(s, "Code(") && strings.HasSuffix(s, ")"):
		num, isNum = s[len("Code("):len(s)-1], true
	case len(s) > 5 && asciiFold(s[:5], "CODE_"):
		rest, sign := s[5:], ""
		if len(rest) > 6 && asciiFold(rest[:6], "MINUS_") {
			rest, sign = rest[6:], "-"
		}
		num, isNum = sign+rest, '0' <= rest[0] && rest[0] <= '9'
	}
	if isNum {
		n, err := strconv.ParseInt(num, 10, 64)
		digits := strings.TrimLeft(num, "+-")
		decimal := len(num)-len(digits) <= 1 && digits != "" && strings.Trim(digits, "0123456789") == ""
		switch {
		case err == nil && 0 <= n && n <= math.MaxUint32:
			return codes.Code(n), true, false
		case decimal:
			return 0, false, true
		}
		return 0, false, false
	}
	for _, c := range grpccodes.Codes() {
		if asciiFold(s, grpccodes.Name(c)) || asciiFold(s, c.String()) {
			return c, true, false
		}
	}
	return 0, false, false
}

// FuzzParse: Parse reads exactly what its doc lists (spec and grpc-go
// names in any ASCII letter case, decimals in uint32's range, Code(N),
// CODE_N, around white space), agrees with grpc-go wherever grpc-go reads
// the text, keeps a number outside the canonical set, fails with a
// *ParseError otherwise, and every form of what it returns parses back.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"NOT_FOUND", "Canceled", "cancelled", " 5 ", "Code(17)", "CODE_16", "-1", "4294967296", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := grpccodes.Parse(s)
		want, ok, outOfRange := expect(s)
		if !ok {
			pe, isParseError := errors.AsType[*table.ParseError](err)
			switch {
			case !isParseError:
				t.Fatalf("%q: error %v (%T), want a *ParseError", s, err, err)
			case pe.System != "grpc" || pe.Range != outOfRange:
				t.Fatalf("%q: ParseError{System: %q, Range: %v}, want {grpc, %v}", s, pe.System, pe.Range, outOfRange)
			case len(pe.Input) > 64 || !strings.HasPrefix(strings.TrimSpace(s), pe.Input):
				t.Fatalf("%q: ParseError.Input %q is not the trimmed input cut to 64 bytes", s, pe.Input)
			case !strings.HasPrefix(err.Error(), "grpc: "):
				t.Fatalf("%q: error text %q", s, err)
			}
		} else if err != nil || c != want {
			t.Fatalf("%q parses as %d, %v; want %d", s, c, err, want)
		}

		// grpc-go reads the spec names as JSON strings, and the canonical
		// numbers as JSON numbers.
		trimmed := strings.TrimSpace(s)
		forms := []string{strconv.Quote(trimmed)}
		if trimmed != "" && '0' <= trimmed[0] && trimmed[0] <= '9' {
			forms = append(forms, trimmed)
		}
		for _, form := range forms {
			var g codes.Code
			if g.UnmarshalJSON([]byte(form)) == nil && (err != nil || c != g) {
				t.Fatalf("%q: grpc-go reads %s as %v, Parse as %d, %v", s, form, g, c, err)
			}
		}
		if err != nil {
			return
		}

		name := grpccodes.Name(c)
		forms = []string{name}
		if grpccodes.Known(c) != (c <= codes.Unauthenticated) {
			t.Fatalf("Known(%d) = %v", c, grpccodes.Known(c))
		}
		if grpccodes.Known(c) {
			forms = append(forms, c.String(), strings.ToLower(name), strings.ToUpper(c.String()), " "+name+"\n")
		} else if want := "Code(" + strconv.FormatUint(uint64(c), 10) + ")"; name != want || c.String() != want {
			t.Fatalf("%d: Name %q, String %q, want %q", c, name, c.String(), want)
		}
		for _, form := range forms {
			if back, err := grpccodes.Parse(form); err != nil || back != c {
				t.Fatalf("%d: its form %q parses as %d, %v", c, form, back, err)
			}
		}
	})
}
