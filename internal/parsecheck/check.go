package parsecheck

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// maxInput bounds how much of a rejected text a ParseError quotes.
const maxInput = 64

// start is the value the decoder checks decode into: a failure must
// leave it.
const start = -424242

// startValue is start as a C; for an unsigned C it wraps, which is as
// good a start.
func startValue[C Code]() C {
	n := int64(start)
	return C(n)
}

// CheckError checks that err is the *ParseError documented for the text
// s: of this registry, with Range when s is a number out of range,
// quoting s trimmed and cut to 64 bytes, its text opening with the
// registry's name.
func (r *Registry[C]) CheckError(t testing.TB, s string, err error, outOfRange bool) {
	t.Helper()
	pe, ok := r.ParseError(err)
	if !ok {
		t.Fatalf("%q: error %v (%T), want a *ParseError", s, err, err)
	}
	if pe.System != r.System || pe.Range != outOfRange {
		t.Fatalf("%q: ParseError{System: %q, Range: %v}, want {%q, %v}", s, pe.System, pe.Range, r.System, outOfRange)
	}
	if len(pe.Input) > maxInput || !strings.HasPrefix(strings.TrimSpace(s), pe.Input) {
		t.Fatalf("%q: ParseError.Input %q is not the trimmed input cut to %d bytes", s, pe.Input, maxInput)
	}
	if !strings.HasPrefix(err.Error(), r.System+": ") {
		t.Fatalf("%q: error text %q does not name the registry", s, err)
	}
}

// CheckParse checks c, err, what reading s gave: what Expect says, or
// the documented error; and every form of c reads back (CheckRoundTrip).
func (r *Registry[C]) CheckParse(t testing.TB, s string, c C, err error) {
	t.Helper()
	want, ok, outOfRange := r.Expect(s)
	if !ok {
		r.CheckError(t, s, err, outOfRange)
		return
	}
	if err != nil || c != want {
		t.Fatalf("%q reads as %v (%d), %v; want %v (%d)", s, c, int64(c), err, want, int64(want))
	}
	r.CheckRoundTrip(t, c)
}

// CheckRoundTrip checks what every code has: Marshal and Append write
// its Name; Known agrees with Listed; an unlisted code's Name and GoName
// are T(N); and every form of the code parses back to it: its Name, and
// for a listed code its GoName, their letter-case variants and its Name
// in white space, and its Reason.
func (r *Registry[C]) CheckRoundTrip(t testing.TB, c C) {
	t.Helper()
	text := r.Name(c)
	if r.Marshal != nil {
		if b, err := r.Marshal(c); err != nil || string(b) != text {
			t.Fatalf("%d: MarshalText %q, %v; String %q", int64(c), b, err, text)
		}
	}
	if r.Append != nil {
		if b, err := r.Append([]byte("x="), c); err != nil || string(b) != "x="+text {
			t.Fatalf("%d: AppendText %q, %v; String %q", int64(c), b, err, text)
		}
	}
	listed := r.listed[c]
	if r.Known(c) != listed {
		t.Fatalf("%d: Known %v, listed %v", int64(c), r.Known(c), listed)
	}
	forms := []string{text}
	if listed {
		goName := r.GoName(c)
		forms = append(forms, goName, strings.ToLower(text), strings.ToUpper(goName), "\t "+text+" \n")
	} else if want := r.TypeName + "(" + strconv.FormatInt(int64(c), 10) + ")"; text != want || r.GoName(c) != want {
		t.Fatalf("unlisted %d prints %q, Go name %q; want %q", int64(c), text, r.GoName(c), want)
	}
	if r.Reason != nil {
		forms = append(forms, r.Reason(c))
	}
	for _, s := range forms {
		if back, err := r.Parse(s); err != nil || back != c {
			t.Fatalf("%v (%d): its form %q parses as %v, %v", c, int64(c), s, back, err)
		}
	}
}

// CheckUnmarshalText checks unmarshal, a text decoder of the codes (the
// type's UnmarshalText, or the engine's), on text: it reads as the
// parser does (CheckParse) and a failure leaves the value.
func (r *Registry[C]) CheckUnmarshalText(t testing.TB, text []byte, unmarshal func(*C, []byte) error) {
	t.Helper()
	c := startValue[C]()
	err := unmarshal(&c, text)
	if err != nil && c != startValue[C]() {
		t.Fatalf("a failed UnmarshalText(%q) changed the value to %d", text, int64(c))
	}
	r.CheckParse(t, string(text), c, err)
}

// CheckUnmarshalJSON checks unmarshal, a JSON decoder of the codes (the
// type's UnmarshalJSON, or the engine's DecodeJSON), on data: null and
// every failure leave the value; on valid JSON, a string reads as the
// parser reads it (CheckParse), a number is the wire number when it is
// an integer in range, anything else is a *ParseError; and what decodes
// comes back from its text as a JSON string and from its JSON number.
//
// When *C is a json.Unmarshaler, encoding/json must agree with
// unmarshal, and what encoding/json writes for a code must decode back.
func (r *Registry[C]) CheckUnmarshalJSON(t testing.TB, data []byte, unmarshal func(*C, []byte) error) {
	t.Helper()
	start := startValue[C]()
	c := start
	err := unmarshal(&c, data)
	if err != nil && c != start {
		t.Fatalf("a failed UnmarshalJSON(%q) changed the value to %d", data, int64(c))
	}
	if string(bytes.TrimSpace(data)) == "null" && (err != nil || c != start) {
		t.Fatalf("null gave %d, %v; want the value left as it was", int64(c), err)
	}
	_, viaJSON := any(&c).(json.Unmarshaler)
	if json.Valid(data) {
		if viaJSON {
			fromJSON := start
			jerr := json.Unmarshal(data, &fromJSON)
			if (jerr == nil) != (err == nil) || fromJSON != c {
				t.Fatalf("%q: UnmarshalJSON gives %d, %v; json.Unmarshal %d, %v", data, int64(c), err, int64(fromJSON), jerr)
			}
		}
		r.checkValidJSON(t, data, c, err)
	}
	if err != nil {
		return
	}
	str, merr := json.Marshal(r.Name(c))
	if merr != nil {
		t.Fatal(merr)
	}
	encodings := [][]byte{str, strconv.AppendInt(nil, int64(c), 10)}
	if viaJSON {
		b, merr := json.Marshal(c)
		if merr != nil {
			t.Fatal(merr)
		}
		encodings = append(encodings, b)
	}
	for _, enc := range encodings {
		back := start
		if err := unmarshal(&back, enc); err != nil || back != c {
			t.Fatalf("%q decoded as %d, whose JSON %s decodes as %d, %v", data, int64(c), enc, int64(back), err)
		}
	}
}

// checkValidJSON checks c, err, what decoding the valid JSON data gave.
func (r *Registry[C]) checkValidJSON(t testing.TB, data []byte, c C, err error) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if derr := dec.Decode(&v); derr != nil {
		t.Fatalf("valid JSON %q: %v", data, derr)
	}
	switch v := v.(type) {
	case nil: // null, checked by the caller
	case string:
		r.CheckParse(t, v, c, err)
	case json.Number:
		n, ok, outOfRange := readNumber[C](string(v))
		if !ok {
			r.CheckError(t, string(v), err, outOfRange)
		} else if err != nil || c != n {
			t.Fatalf("%s decodes as %d, %v; want %d", data, int64(c), err, int64(n))
		}
	default: // true, false, objects and arrays are neither string nor number
		r.CheckError(t, string(bytes.TrimSpace(data)), err, false)
	}
}

// FuzzParse runs a fuzz target of r.Parse: the seeds, then what the
// fuzzer makes of them, each checked by CheckParse.
func (r *Registry[C]) FuzzParse(f *testing.F, seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := r.Parse(s)
		r.CheckParse(t, s, c, err)
	})
}

// FuzzUnmarshalText runs a fuzz target of a text decoder: the seeds, as
// bytes, then what the fuzzer makes of them, each checked by
// CheckUnmarshalText.
func (r *Registry[C]) FuzzUnmarshalText(f *testing.F, unmarshal func(*C, []byte) error, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		r.CheckUnmarshalText(t, text, unmarshal)
	})
}

// FuzzUnmarshalJSON runs a fuzz target of a JSON decoder: the seeds, as
// bytes, then what the fuzzer makes of them, each checked by
// CheckUnmarshalJSON.
func (r *Registry[C]) FuzzUnmarshalJSON(f *testing.F, unmarshal func(*C, []byte) error, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r.CheckUnmarshalJSON(t, data, unmarshal)
	})
}
