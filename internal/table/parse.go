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
// white space, the upstream name and the Go name in any letter case, a
// decimal number, and the TypeName(N) form String gives an unknown code.
// A number need not be listed: unknown codes keep their value.
func (t *Table[C]) Parse(s string) (C, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, t.parseError(s, false)
	}
	if c := s[0]; c == '-' || c == '+' || ('0' <= c && c <= '9') {
		return t.parseNumber(s, s)
	}
	if i := t.find(t.ByName, s, false); i >= 0 {
		return C(t.Entries[i].Num), nil
	}
	if i := t.find(t.ByGoName, s, true); i >= 0 {
		return C(t.Entries[i].Num), nil
	}
	if len(s) > len(t.TypeName)+2 && s[len(s)-1] == ')' &&
		s[len(t.TypeName)] == '(' && s[:len(t.TypeName)] == t.TypeName {
		return t.parseNumber(s[len(t.TypeName)+1:len(s)-1], s)
	}
	return 0, t.parseError(s, false)
}

// parseNumber parses the decimal num; whole is the input to report.
func (t *Table[C]) parseNumber(num, whole string) (C, error) {
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil {
		// A syntax error is a bad name; a range error a bad number.
		return 0, t.parseError(whole, err.(*strconv.NumError).Err == strconv.ErrRange)
	}
	if int64(C(n)) != n {
		return 0, t.parseError(whole, true)
	}
	return C(n), nil
}

// find binary-searches idx, sorted by upper-cased Name (or GoName), for
// s in any letter case. It returns the entry index, or -1.
func (t *Table[C]) find(idx []uint16, s string, goName bool) int {
	lo, hi := 0, len(idx)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		e := &t.Entries[idx[m]]
		key := e.Name
		if goName {
			key = e.GoName
		}
		switch c := compareFold(s, key); {
		case c == 0:
			return int(idx[m])
		case c > 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return -1
}

// compareFold compares a and b as if both were upper-cased (ASCII only).
func compareFold(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		x, y := upper(a[i]), upper(b[i])
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
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
