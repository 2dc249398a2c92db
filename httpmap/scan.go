package httpmap

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth bounds how deep arrays and objects may nest in a body
// ReadError reads, as encoding/json bounds it.
const maxDepth = 10000

// scanner reads JSON from a byte slice in one pass, without building a
// tree: the reader asks for the value it expects next and skips the
// rest. It accepts exactly the JSON that encoding/json accepts, and
// decodes strings as encoding/json does (invalid UTF-8 and lone
// surrogates become U+FFFD). After the first syntax error every method
// does nothing, so loops over members and elements end.
type scanner struct {
	b     []byte
	i     int
	depth int
	err   *syntaxError
}

// syntaxError says where and why a body is not JSON.
type syntaxError struct {
	what string
	off  int
}

func (e *syntaxError) Error() string {
	return "body is not JSON: " + e.what + " at byte " + strconv.Itoa(e.off)
}

func (s *scanner) fail(what string) {
	if s.err == nil {
		s.err = &syntaxError{what: what, off: s.i}
	}
}

func (s *scanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// peek returns the next byte that is not white space, or 0 at the end
// or after an error.
func (s *scanner) peek() byte {
	if s.err != nil {
		return 0
	}
	s.ws()
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// open consumes c, '{' or '[', and enters a level of nesting.
func (s *scanner) open(c byte) bool {
	if s.peek() != c {
		s.fail("expected " + string(c))
		return false
	}
	s.i++
	s.depth++
	if s.depth > maxDepth {
		s.fail("nested too deep")
		return false
	}
	return true
}

// more reports whether another element (of an array, close ']') or
// member (of an object, close '}') follows, consuming the comma before
// it, or the closing bracket. n counts the elements read so far.
func (s *scanner) more(close byte, n *int) bool {
	c := s.peek()
	if s.err != nil {
		return false
	}
	if c == close {
		s.i++
		s.depth--
		return false
	}
	if *n > 0 {
		if c != ',' {
			s.fail("expected , or " + string(close))
			return false
		}
		s.i++
	}
	*n++
	return true
}

// key reads a member's name and the colon after it. The name is a
// slice of the input unless it has escapes.
func (s *scanner) key() []byte {
	raw, esc := s.str()
	if s.peek() != ':' {
		s.fail("expected :")
		return nil
	}
	s.i++
	if esc {
		return []byte(unquote(raw, true))
	}
	return raw
}

// str reads a string and returns what is between its quotes, and
// whether that has escapes.
func (s *scanner) str() (raw []byte, esc bool) {
	if s.peek() != '"' {
		s.fail("expected a string")
		return nil, false
	}
	s.i++
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			raw = s.b[start:s.i]
			s.i++
			return raw, esc
		case c == '\\':
			esc = true
			s.i++
			if s.i >= len(s.b) {
				s.fail("unterminated string")
				return nil, false
			}
			switch s.b[s.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i++
			case 'u':
				if s.i+4 >= len(s.b) || !isHex(s.b[s.i+1]) || !isHex(s.b[s.i+2]) || !isHex(s.b[s.i+3]) || !isHex(s.b[s.i+4]) {
					s.fail(`invalid \u escape`)
					return nil, false
				}
				s.i += 5
			default:
				s.fail("invalid escape")
				return nil, false
			}
		case c < 0x20:
			s.fail("control character in string")
			return nil, false
		default:
			s.i++
		}
	}
	s.fail("unterminated string")
	return nil, false
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// num reads a number and returns its text.
func (s *scanner) num() []byte {
	s.ws()
	start := s.i
	if s.i < len(s.b) && s.b[s.i] == '-' {
		s.i++
	}
	switch {
	case s.i < len(s.b) && s.b[s.i] == '0':
		s.i++
	case s.i < len(s.b) && '1' <= s.b[s.i] && s.b[s.i] <= '9':
		s.digits()
	default:
		s.fail("invalid number")
		return nil
	}
	if s.i < len(s.b) && s.b[s.i] == '.' {
		s.i++
		if !s.digits() {
			s.fail("invalid number")
			return nil
		}
	}
	if s.i < len(s.b) && (s.b[s.i] == 'e' || s.b[s.i] == 'E') {
		s.i++
		if s.i < len(s.b) && (s.b[s.i] == '+' || s.b[s.i] == '-') {
			s.i++
		}
		if !s.digits() {
			s.fail("invalid number")
			return nil
		}
	}
	return s.b[start:s.i]
}

func (s *scanner) digits() bool {
	start := s.i
	for s.i < len(s.b) && '0' <= s.b[s.i] && s.b[s.i] <= '9' {
		s.i++
	}
	return s.i > start
}

func (s *scanner) literal(word string) {
	if len(s.b)-s.i < len(word) || string(s.b[s.i:s.i+len(word)]) != word {
		s.fail("invalid literal")
		return
	}
	s.i += len(word)
}

// skip reads any value and discards it.
func (s *scanner) skip() {
	switch s.peek() {
	case '{':
		if !s.open('{') {
			return
		}
		for n := 0; s.more('}', &n); {
			s.key()
			s.skip()
		}
	case '[':
		if !s.open('[') {
			return
		}
		for n := 0; s.more(']', &n); {
			s.skip()
		}
	case '"':
		s.str()
	case 't':
		s.literal("true")
	case 'f':
		s.literal("false")
	case 'n':
		s.literal("null")
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		s.num()
	case 0:
		s.fail("unexpected end of JSON")
	default:
		s.fail("invalid character " + strconv.QuoteRune(rune(s.b[s.i])))
	}
}

// isNull consumes a null and reports whether there was one.
func (s *scanner) isNull() bool {
	if s.peek() == 'n' {
		s.literal("null")
		return true
	}
	return false
}

// text is a JSON string as found in the input, decoded on demand.
type text struct {
	raw []byte
	esc bool
	set bool // the member was a string (not absent, null or another type)
}

// readText reads a string value into t, or skips a value of another
// type, leaving t unset.
func (s *scanner) readText(t *text) {
	if s.peek() != '"' {
		s.skip()
		*t = text{}
		return
	}
	raw, esc := s.str()
	*t = text{raw: raw, esc: esc, set: s.err == nil}
}

// readOptionalText reads a string or null into t, and reports false for
// a value of another type, which it skips.
func (s *scanner) readOptionalText(t *text) bool {
	if s.isNull() {
		*t = text{}
		return true
	}
	s.readText(t)
	return t.set || s.err != nil
}

// is reports whether t is the string v.
func (t text) is(v string) bool {
	if !t.set {
		return false
	}
	if !t.esc {
		return string(t.raw) == v
	}
	return unquote(t.raw, true) == v
}

// bytes returns t decoded, sharing the input when it has no escapes.
func (t text) bytes() []byte {
	if !t.esc {
		return t.raw
	}
	return []byte(unquote(t.raw, true))
}

func (t text) String() string {
	if !t.set {
		return ""
	}
	return unquote(t.raw, t.esc)
}

// unquote decodes the content of a JSON string as encoding/json does:
// escapes are resolved, and invalid UTF-8 and lone surrogates become
// U+FFFD. raw has been checked by scanner.str.
func unquote(raw []byte, esc bool) string {
	if !esc && utf8.Valid(raw) {
		return string(raw)
	}
	b := make([]byte, 0, len(raw)+8)
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\':
			i++
			switch raw[i] {
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r := hex4(raw[i+1:])
				i += 5
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
						r2 = hex4(raw[i+2:])
					}
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						i += 6
						r = d
					} else {
						r = utf8.RuneError
					}
				}
				b = utf8.AppendRune(b, r)
				continue
			default: // '"', '\\', '/'
				b = append(b, raw[i])
			}
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, raw[i:i+size]...)
			}
			i += size
		}
	}
	return string(b)
}

func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		default:
			c = c - 'A' + 10
		}
		r = r<<4 | rune(c)
	}
	return r
}

// int32Of returns the value of a JSON number that is an integer in the
// int32 range, written without a fraction or an exponent.
func int32Of(num []byte) (int32, bool) {
	n, err := strconv.ParseInt(string(num), 10, 32)
	return int32(n), err == nil
}
