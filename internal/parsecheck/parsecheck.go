// Package parsecheck is the oracle of the registries' fuzz targets: it
// checks a code type's parser and decoders against their documented
// rules, restated without the engine's code.
//
// A text, around white space, is read as
//   - a decimal with an optional sign, in the code type's range;
//   - T(N), the form an unlisted code prints as (Code(40499));
//   - an ErrorInfo reason that carries a number, CODE_N or CODE_MINUS_N,
//     in any ASCII letter case;
//   - a listed code's upstream or Go name, in any ASCII letter case;
//
// and anything else fails with a *ParseError. Names are found by a linear
// scan of the listed codes, numbers read with strconv; the parser under
// test is called only to see that every form of a code it returned (its
// text, its Go name, their letter-case variants, its reason) reads back.
//
// Only tests import it: the fuzz tests of grpccodes, rocketmq, turms,
// httpmap and of the engine, internal/table. So that the engine's own
// tests can, it does not import the engine (see [AsParseError]).
package parsecheck

import (
	"errors"
	"strconv"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
)

// Code is what every registry's code type is: a 32-bit integer.
type Code interface{ ~int32 | ~uint32 }

// Registry describes a code type and its registry's parser to the
// checks. Build one with [New], or with [ForType] for a code type that
// has the generated methods.
type Registry[C Code] struct {
	System   string // ParseError.System, which opens every error's text: "rocketmq"
	TypeName string // the T of T(N), the form an unlisted code prints as: "Code"

	// Parse is the parser under test.
	Parse func(string) (C, error)
	// ParseError finds the registry's *ParseError in an error's tree:
	// AsParseError of the registry's ParseError type.
	ParseError func(error) (ParseError, bool)

	// Listed is every listed code: the codes the parser knows by name.
	Listed []C
	// Name returns a code's text, as String gives it: a listed code's
	// upstream name, T(N) for any other.
	Name func(C) string
	// GoName returns the name of a listed code's Go constant (grpc-go's
	// name, for grpccodes), which the parser reads too, and T(N) for any
	// other code.
	GoName func(C) string
	// Known reports whether a code is listed, as the code type says: it
	// must agree with Listed.
	Known func(C) bool
	// Reason returns the ErrorInfo reason of an error carrying a code,
	// which the parser reads too; nil for a type without errors.
	Reason func(C) string
	// Aliases, when set, are further names the parser reads for listed
	// codes, the upstream's other spellings, taken from testdata by the
	// caller.
	Aliases map[string]C
	// Marshal and Append, when set, are the type's MarshalText and
	// AppendText: both must write Name.
	Marshal func(C) ([]byte, error)
	Append  func([]byte, C) ([]byte, error)

	names  [][2]string // Name and GoName of each listed code, by New
	listed map[C]bool
}

// New returns r ready for the checks: it takes the names of the listed
// codes once.
func New[C Code](r Registry[C]) *Registry[C] {
	r.names = make([][2]string, len(r.Listed))
	r.listed = make(map[C]bool, len(r.Listed))
	for i, c := range r.Listed {
		r.names[i] = [2]string{r.Name(c), r.GoName(c)}
		r.listed[c] = true
	}
	return &r
}

// CodeType is what a registry's generated code type offers (rocketmq.Code,
// turms.ClientCode, ...).
type CodeType interface {
	Code
	String() string
	GoString() string
	Known() bool
	MarshalText() ([]byte, error)
	AppendText([]byte) ([]byte, error)
}

// ForType is New for a generated code type: it fills in Name, GoName,
// Known, Marshal and Append from C's methods.
func ForType[C CodeType](r Registry[C]) *Registry[C] {
	r.Name = func(c C) string { return c.String() }
	r.GoName = func(c C) string { return Unqualified(c.GoString()) }
	r.Known = func(c C) bool { return c.Known() }
	r.Marshal = func(c C) ([]byte, error) { return c.MarshalText() }
	r.Append = func(b []byte, c C) ([]byte, error) { return c.AppendText(b) }
	return New(r)
}

// Unqualified returns a GoString without its package: TopicNotFound of
// rocketmq.TopicNotFound, Code(7) of rocketmq.Code(7).
func Unqualified(goString string) string {
	_, name, _ := strings.Cut(goString, ".")
	return name
}

// ReasonOf returns the ErrorInfo reason of err, an error of a registry's
// Errorf.
func ReasonOf(err error) string {
	e, _ := errors.AsType[interface {
		error
		ErrorInfo() *errdetails.ErrorInfo
	}](err)
	if e == nil {
		return ""
	}
	return e.ErrorInfo().GetReason()
}

// ParseError is what the checks read of a registry's *ParseError.
type ParseError struct {
	System string // the registry
	Input  string // the rejected text, trimmed and cut to 64 bytes
	Range  bool   // the text is a number, but out of the code type's range
}

// AsParseError returns the fields of the first *E in err's tree, E being
// the registries' ParseError. That is internal/table's, which this
// package cannot import as the engine's own tests use it: the constraint
// asks for its fields instead, so a change to them fails to compile here.
func AsParseError[E ~struct {
	System string
	Input  string
	Range  bool
}, P interface {
	*E
	error
}](err error) (ParseError, bool) {
	p, ok := errors.AsType[P](err)
	if !ok {
		return ParseError{}, false
	}
	return ParseError(*p), true
}

// EqualFold reports whether a and b are equal ignoring ASCII letter case
// only: "in any letter case" means ASCII case, so "ÖK" names nothing and
// "ſuccess" (a long s) is not "Success".
func EqualFold(a, b string) bool {
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

// Expect returns what reading s must give: the code s names or numbers
// and ok, or else whether the failure is a number out of range
// (ParseError.Range).
func (r *Registry[C]) Expect(s string) (want C, ok, outOfRange bool) {
	s = strings.TrimSpace(s)
	if num, isNum := r.spelledNumber(s); isNum {
		return readNumber[C](num)
	}
	for i, names := range r.names {
		if EqualFold(s, names[0]) || EqualFold(s, names[1]) {
			return r.Listed[i], true, false
		}
	}
	for alias, c := range r.Aliases {
		if EqualFold(s, alias) {
			return c, true, false
		}
	}
	return 0, false, false
}

// spelledNumber returns the decimal that s, already trimmed, spells as a
// number: s itself when it opens with a sign or a digit, N of T(N), or
// the number of a reason, CODE_N or CODE_MINUS_N in any letter case, N
// opening with a digit.
func (r *Registry[C]) spelledNumber(s string) (string, bool) {
	if s != "" && (s[0] == '+' || s[0] == '-' || '0' <= s[0] && s[0] <= '9') {
		return s, true
	}
	if len(s) > len(r.TypeName)+2 && strings.HasPrefix(s, r.TypeName+"(") && strings.HasSuffix(s, ")") {
		return s[len(r.TypeName)+1 : len(s)-1], true
	}
	if len(s) > 5 && EqualFold(s[:5], "CODE_") {
		rest, sign := s[5:], ""
		if len(rest) > 6 && EqualFold(rest[:6], "MINUS_") {
			rest, sign = rest[6:], "-"
		}
		if '0' <= rest[0] && rest[0] <= '9' {
			return sign + rest, true
		}
	}
	return "", false
}

// readNumber reads num as the parsers read numbers: a decimal with an
// optional sign, in C's range. A decimal out of range is a Range
// failure, anything else a plain one.
func readNumber[C Code](num string) (n C, ok, outOfRange bool) {
	v, err := strconv.ParseInt(num, 10, 64)
	digits := strings.TrimLeft(num, "+-")
	decimal := len(num)-len(digits) <= 1 && digits != "" && strings.Trim(digits, "0123456789") == ""
	switch {
	case err == nil && int64(C(v)) == v:
		return C(v), true, false
	case decimal:
		return 0, false, true
	}
	return 0, false, false
}
