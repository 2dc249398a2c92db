package table

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// maxQuoted bounds how much of a rejected input a ParseError keeps.
const maxQuoted = 64

// ParseError reports text that is neither a name nor a number of a
// registry's codes.
type ParseError struct {
	System string // the registry, for example "rocketmq"
	Input  string // the rejected text, cut to 64 bytes
	Range  bool   // the text is a number, but out of the code type's range
}

func (e *ParseError) Error() string {
	if e.Range {
		return e.System + ": number " + strconv.Quote(e.Input) + " is out of range"
	}
	return e.System + ": " + strconv.Quote(e.Input) + " is not a code name or number"
}

func (t *Table[C]) parseError(s string, outOfRange bool) error {
	if len(s) > maxQuoted {
		s = s[:maxQuoted]
	}
	// Clone so that s, which may share memory with a caller's []byte,
	// never escapes: callers convert without allocating.
	return &ParseError{System: t.System, Input: strings.Clone(s), Range: outOfRange}
}

// Parse returns the code that s names. It accepts, ignoring surrounding
// white space, the upstream name, its alias and the Go name in any
// letter case, a
// decimal number, and the TypeName(N) form String gives an unknown code.
// A number need not be listed: unknown codes keep their value.
func (t *Table[C]) Parse(s string) (C, error) {
	if i := t.byName(s); i >= 0 { // the common case, first
		return C(t.Entries[i].Num), nil
	}
	return t.parseOther(s)
}

// parseOther parses what is not a bare name: white space around a name,
// a number, or TypeName(N).
func (t *Table[C]) parseOther(s string) (C, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, t.parseError(s, false)
	}
	if c := s[0]; c == '-' || c == '+' || ('0' <= c && c <= '9') {
		return t.parseNumber(s, s)
	}
	if i := t.byName(s); i >= 0 {
		return C(t.Entries[i].Num), nil
	}
	if len(s) > len(t.TypeName)+2 && s[len(s)-1] == ')' &&
		s[len(t.TypeName)] == '(' && s[:len(t.TypeName)] == t.TypeName {
		return t.parseNumber(s[len(t.TypeName)+1:len(s)-1], s)
	}
	if num, ok := cutNumberReason(s); ok {
		return t.parseNumber(num, s)
	}
	return 0, t.parseError(s, false)
}

// cutNumberReason returns the number of an ErrorInfo reason that carries
// one (CODE_N, CODE_MINUS_N; see Table.Reason), in any letter case, as
// text parseNumber reads.
func cutNumberReason(s string) (string, bool) {
	if len(s) <= len(numberReason) || !equalFold(s[:len(numberReason)], numberReason) {
		return "", false
	}
	s = s[len(numberReason):]
	negative := len(s) > len(minus) && equalFold(s[:len(minus)], minus)
	if negative {
		s = s[len(minus):]
	}
	if s[0] < '0' || s[0] > '9' {
		return "", false // no sign of its own: that is what MINUS_ is for
	}
	if negative {
		return "-" + s, true
	}
	return s, true
}

// parseNumber parses the decimal num; whole is the input to report.
func (t *Table[C]) parseNumber(num, whole string) (C, error) {
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil {
		// A syntax error is a bad name; a range error a bad number, when
		// the text is all digits: ParseInt reports the overflow of
		// "99999999999999999999A" before it reaches the A.
		return 0, t.parseError(whole, err.(*strconv.NumError).Err == strconv.ErrRange && decimal(num))
	}
	if int64(C(n)) != n {
		return 0, t.parseError(whole, true)
	}
	return C(n), nil
}

// decimal reports whether s is a sign, or none, and one or more digits.
func decimal(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// NameSlot is where a name's probe starts in a Names table of the given
// power-of-two size. It hashes the name eight bytes at a time with bit
// 0x20 set in every byte, which folds letter case in the names' alphabet
// (letters, digits, '_'), so NAME, name and Name start at one slot.
func NameSlot(s string, size int) int {
	const prime = 0x9E3779B97F4A7C15
	h := uint64(len(s)) * prime
	if len(s) < 8 {
		var w uint64
		for i := 0; i < len(s); i++ {
			w |= uint64(s[i]|0x20) << (8 * i)
		}
		h = (h ^ w) * prime
	} else {
		// Whole words, the last one overlapping its predecessor.
		last := s[len(s)-8:]
		for ; len(s) > 8; s = s[8:] {
			h = (h ^ foldedWord(s)) * prime
		}
		h = (h ^ foldedWord(last)) * prime
	}
	return int(h>>40) & (size - 1)
}

// foldedWord reads the first eight bytes of s with bit 0x20 set in each.
func foldedWord(s string) uint64 {
	_ = s[7]
	w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	return w | 0x2020202020202020
}

// byName returns the index of the entry whose Name, GoName or Alias is s
// in any letter case, or -1.
func (t *Table[C]) byName(s string) int {
	size := len(t.Names)
	if size == 0 {
		return -1
	}
	for i := NameSlot(s, size); ; i = (i + 1) & (size - 1) {
		v := int(t.Names[i])
		if v == 0 {
			return -1
		}
		i, key := v>>2, ""
		switch v & 3 {
		case 1:
			key = t.Entries[i].Name
		case 2:
			key = t.Entries[i].GoName
		default:
			a := &t.Aliases[i]
			i, key = int(a.Entry), a.Name
		}
		if len(key) == len(s) && (key == s || equalFold(key, s)) {
			return i
		}
	}
}

// equalFold reports whether a and b, of equal length, are equal when
// upper-cased (ASCII only).
func equalFold(a, b string) bool {
	for i := 0; i < len(a); i++ {
		if upper(a[i]) != upper(b[i]) {
			return false
		}
	}
	return true
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

// AppendText appends the name of c (TypeName(N) when unknown) to b.
func (t *Table[C]) AppendText(b []byte, c C) []byte {
	if e := t.Lookup(c); e != nil {
		return append(b, e.Name...)
	}
	b = append(b, t.TypeName...)
	b = append(b, '(')
	b = strconv.AppendInt(b, int64(c), 10)
	return append(b, ')')
}

// UnmarshalText sets *p to the code text names, as Parse reads it. On
// error *p is left unchanged.
func (t *Table[C]) UnmarshalText(p *C, text []byte) error {
	c, err := t.Parse(string(text))
	if err != nil {
		return err
	}
	*p = c
	return nil
}

// DecodeJSON sets *p from a JSON string, read as Parse reads it, or a
// JSON number, the wire number. null leaves *p unchanged.
func (t *Table[C]) DecodeJSON(p *C, data []byte) error {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		return nil
	}
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		return t.UnmarshalText(p, []byte(s))
	}
	c, err := t.parseNumber(string(data), string(data))
	if err != nil {
		return err
	}
	*p = c
	return nil
}
