package table

import (
	"encoding"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAcceptsEveryForm(t *testing.T) {
	for in, want := range map[string]code{
		"TOPIC_NOT_FOUND":     601,
		"topic_not_found":     601,
		"Topic_Not_Found":     601,
		"TopicNotFound":       601,
		"topicnotfound":       601,
		"  TOPIC_NOT_FOUND\n": 601,
		"OK":                  100,
		"ok":                  100,
		"601":                 601,
		"+601":                601,
		"0":                   0,
		"12345":               12345, // unknown numbers are kept
		"-7":                  -7,
		"Code(12345)":         12345,
		"Code(601)":           601,
		" Code(-3) ":          -3,
		"FAR_NOT_FOUND":       630,
		"UNSPECIFIED":         0,
	} {
		got, err := sample.Parse(in)
		if assert.NoError(t, err, "%q", in) {
			assert.Equal(t, want, got, "%q", in)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, in := range []string{
		"", "   ", "TOPIC", "TOPIC_NOT_FOUNDX", "TOPIC_NOT_FOUND_", "_OK", "O K", "OK!",
		"12a", "0x10", "1_000", "Code()", "Code(abc)", "Code(1", "code(1)", "Code(1)x",
		"Cod(1)", "Code", "Code(", "ÖK", "\x00", "FAR NOT FOUND",
	} {
		_, err := sample.Parse(in)
		var pe *ParseError
		if assert.ErrorAs(t, err, &pe, "%q", in) {
			assert.Equal(t, "sample", pe.System)
			assert.False(t, pe.Range, "%q", in)
			assert.Contains(t, err.Error(), "sample: ")
		}
	}
}

func TestParseRejectsNumbersOutOfRange(t *testing.T) {
	for _, in := range []string{"2147483648", "-2147483649", "99999999999999999999", "Code(2147483648)"} {
		_, err := sample.Parse(in)
		var pe *ParseError
		require.ErrorAs(t, err, &pe, in)
		assert.True(t, pe.Range, in)
		assert.Contains(t, err.Error(), "out of range")
	}
}

func TestParseErrorKeepsHugeInputShort(t *testing.T) {
	huge := strings.Repeat("X", 1<<20)
	_, err := sample.Parse(huge)
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Len(t, pe.Input, maxQuoted)
	assert.Less(t, len(err.Error()), 200)
}

// textCode gives the sample table's codes text methods, as registries do.
type textCode code

var _ interface {
	encoding.TextMarshaler
	encoding.TextUnmarshaler
	encoding.TextAppender
} = (*textCode)(nil)

func (c textCode) MarshalText() ([]byte, error) { return c.AppendText(nil) }
func (c textCode) AppendText(b []byte) ([]byte, error) {
	return sample.AppendText(b, code(c)), nil
}
func (c *textCode) UnmarshalText(b []byte) error { return sample.UnmarshalText((*code)(c), b) }

func TestTextRoundTrip(t *testing.T) {
	for _, c := range []textCode{0, 100, 601, 630, 12345, -1} {
		b, err := c.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, sample.String(code(c)), string(b))
		var back textCode
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, c, back)
	}
	b, _ := textCode(601).AppendText([]byte("x="))
	assert.Equal(t, "x=TOPIC_NOT_FOUND", string(b))
}

func TestUnmarshalTextLeavesTargetOnError(t *testing.T) {
	c := textCode(601)
	err := c.UnmarshalText([]byte("NOPE"))
	assert.Error(t, err)
	var pe *ParseError
	assert.True(t, errors.As(err, &pe))
	assert.Equal(t, textCode(601), c)
}

func TestLookupsDoNotAllocate(t *testing.T) {
	b := []byte("TOPIC_NOT_FOUND")
	var c code
	var sink string
	for name, f := range map[string]func(){
		"Lookup":        func() { _ = sample.Lookup(601) },
		"String":        func() { sink = sample.String(601) },
		"Class":         func() { c, _ = sample.Class(699) },
		"Mark":          func() { _ = sample.Mark(1, 601) },
		"Parse name":    func() { c, _ = sample.Parse("topic_not_found") },
		"Parse GoName":  func() { c, _ = sample.Parse("TopicNotFound") },
		"Parse number":  func() { c, _ = sample.Parse("601") },
		"UnmarshalText": func() { _ = sample.UnmarshalText(&c, b) },
	} {
		assert.Zero(t, testing.AllocsPerRun(100, f), name)
	}
	_, _ = c, sink
}

func TestDecodeJSON(t *testing.T) {
	for in, want := range map[string]code{
		`"TOPIC_NOT_FOUND"`: 601, `"TopicNotFound"`: 601, `601`: 601, ` 601 `: 601,
		`"601"`: 601, `"Code(999)"`: 999, `999`: 999, `-3`: -3, `"\u004FK"`: 100,
	} {
		var c code
		require.NoError(t, sample.DecodeJSON(&c, []byte(in)), in)
		assert.Equal(t, want, c, in)
	}
	c := code(601)
	require.NoError(t, sample.DecodeJSON(&c, []byte("null")))
	assert.Equal(t, code(601), c, "null leaves the value")
	for _, in := range []string{`"NOPE"`, `true`, `6.5`, `1e3`, `"unterminated`, `{}`, ``, `2147483648`} {
		assert.Error(t, sample.DecodeJSON(&c, []byte(in)), in)
		assert.Equal(t, code(601), c, in)
	}
}

func TestParseReadsNumberReasons(t *testing.T) {
	for in, want := range map[string]code{
		"CODE_642":       642,
		"code_642":       642,
		"CODE_601":       601,
		"CODE_0":         0,
		"CODE_MINUS_7":   -7,
		" CODE_MINUS_7 ": -7,
	} {
		got, err := sample.Parse(in)
		if assert.NoError(t, err, "%q", in) {
			assert.Equal(t, want, got, "%q", in)
		}
	}
	for _, in := range []string{"CODE_", "CODE_-5", "CODE_+5", "CODE_MINUS_", "CODE_MINUS_-5", "CODE_X", "CODE_5X", "CODE_MINUS_2147483649"} {
		_, err := sample.Parse(in)
		assert.Error(t, err, "%q", in)
	}
}
