package retry_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/internal/parsecheck"
	"github.com/statusreg/statusreg/retry"
)

var (
	_ fmt.Stringer             = retry.Outcome(0)
	_ encoding.TextMarshaler   = retry.Outcome(0)
	_ encoding.TextAppender    = retry.Outcome(0)
	_ encoding.TextUnmarshaler = (*retry.Outcome)(nil)
)

func TestOutcomeNames(t *testing.T) {
	assert.Equal(t, "Success", retry.Success.String())
	assert.Equal(t, "Empty", retry.Empty.String())
	assert.Equal(t, "Retry", retry.Retry.String())
	assert.Equal(t, "Backoff", retry.Backoff.String())
	assert.Equal(t, "Fail", retry.Fail.String())
	assert.Equal(t, "Outcome(0)", retry.Outcome(0).String())
	assert.Equal(t, "Outcome(42)", retry.Outcome(42).String())
	assert.Equal(t, "Outcome(255)", retry.Outcome(255).String())
}

// Every value, named or not, survives a text round trip.
func TestOutcomeTextRoundTrip(t *testing.T) {
	names := map[retry.Outcome]string{
		0: "Outcome(0)", retry.Success: "Success", retry.Empty: "Empty",
		retry.Retry: "Retry", retry.Backoff: "Backoff", retry.Fail: "Fail",
		6: "Outcome(6)", 42: "Outcome(42)", 255: "Outcome(255)",
	}
	for n := 0; n <= 255; n++ {
		o := retry.Outcome(n)
		text, err := o.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, o.String(), string(text))
		if name, ok := names[o]; ok {
			assert.Equal(t, name, string(text))
		} else {
			assert.Equal(t, "Outcome("+strconv.Itoa(n)+")", string(text))
		}
		appended, err := o.AppendText([]byte("x="))
		require.NoError(t, err)
		assert.Equal(t, "x="+string(text), string(appended))

		back := retry.Outcome(7)
		require.NoError(t, back.UnmarshalText(text), string(text))
		assert.Equal(t, o, back, string(text))
	}
	// Names fold ASCII letter case only: a long s (U+017F) or a Kelvin
	// sign (U+212A) is no letter of a name.
	var o retry.Outcome
	require.NoError(t, o.UnmarshalText([]byte("bACKOFF")))
	assert.Equal(t, retry.Backoff, o)
	assert.Error(t, o.UnmarshalText([]byte("\u017fuccess")))
	assert.Error(t, o.UnmarshalText([]byte("Bac\u212aoff")))
	assert.Error(t, o.UnmarshalText([]byte("Outcome(\u0661)")))
}

func TestOutcomeUnmarshalText(t *testing.T) {
	for text, want := range map[string]retry.Outcome{
		"Success": retry.Success, "success": retry.Success, "EMPTY": retry.Empty,
		"rEtRy": retry.Retry, " Backoff ": retry.Backoff, "\tfail\n": retry.Fail,
		"Outcome(0)": 0, "outcome(9)": 9, "OUTCOME(255)": 255, " Outcome(3) ": retry.Retry,
		"Outcome(007)": 7,
	} {
		o := retry.Outcome(200)
		require.NoError(t, o.UnmarshalText([]byte(text)), "%q", text)
		assert.Equal(t, want, o, "%q", text)
	}
	for _, text := range []string{
		"", " ", "Maybe", "Retryable", "Re try", "3", "Outcome(?)", "Outcome()", "Outcome(256)",
		"Outcome(-1)", "Outcome(+1)", "Outcome(1", "Outcome 1", "Outcome(0x1)", "Outcome(1_0)",
		strings.Repeat("x", 100),
	} {
		o := retry.Backoff
		err := o.UnmarshalText([]byte(text))
		require.Error(t, err, "%q", text)
		assert.Equal(t, retry.Backoff, o, "%q: left as it was", text)
		var oe *retry.OutcomeError
		require.ErrorAs(t, err, &oe, "%q", text)
		assert.LessOrEqual(t, len(oe.Input), 64)
		assert.Contains(t, err.Error(), "is not an outcome")
		if len(text) <= 64 {
			assert.Contains(t, err.Error(), strconv.Quote(text))
		}
	}
}

func TestOutcomeJSON(t *testing.T) {
	type logged struct {
		Outcome retry.Outcome
		Others  []retry.Outcome
	}
	in := logged{retry.Retry, []retry.Outcome{0, retry.Fail, 42}}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"Outcome":"Retry","Others":["Outcome(0)","Fail","Outcome(42)"]}`, string(b))
	var out logged
	require.NoError(t, json.Unmarshal(b, &out))
	assert.Equal(t, in, out)
	require.NoError(t, json.Unmarshal([]byte(`{"Outcome":"backoff"}`), &out))
	assert.Equal(t, retry.Backoff, out.Outcome)
	require.Error(t, json.Unmarshal([]byte(`{"Outcome":"Later"}`), &out))

	d := retry.Decision{Outcome: retry.Retry, Reason: "briefly down"}
	b, err = json.Marshal(d)
	require.NoError(t, err)
	assert.JSONEq(t, `{"Outcome":"Retry","Reason":"briefly down"}`, string(b))
	var back retry.Decision
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, d, back)
}

func TestOutcomeSlog(t *testing.T) {
	d := retry.Decision{Outcome: retry.Backoff, Reason: "throttled"}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("call", "outcome", d.Outcome, "decision", d)
	assert.Contains(t, buf.String(), `"outcome":"Backoff"`)
	assert.Contains(t, buf.String(), `"decision":{"Outcome":"Backoff","Reason":"throttled"}`)
	buf.Reset()
	slog.New(slog.NewTextHandler(&buf, nil)).Info("call", "outcome", d.Outcome, "unknown", retry.Outcome(9))
	assert.Contains(t, buf.String(), "outcome=Backoff unknown=Outcome(9)")
}

func TestDecisionRetryable(t *testing.T) {
	for n := 0; n <= 255; n++ {
		o := retry.Outcome(n)
		want := o == retry.Retry || o == retry.Backoff
		assert.Equal(t, want, retry.Decision{Outcome: o}.Retryable(), "%v", o)
	}
	assert.False(t, retry.Decision{}.Retryable(), "the zero Decision")
}

// FuzzOutcomeUnmarshalText: Outcome.UnmarshalText reads an outcome's name
// in any ASCII letter case, or Outcome(N) with N a decimal up to 255,
// around white space; anything else is an *OutcomeError quoting the text
// cut to 64 bytes, and leaves the outcome. What it reads marshals as its
// String, which reads back.
func FuzzOutcomeUnmarshalText(f *testing.F) {
	for _, s := range []string{"Retry", "BACKOFF", " fail ", "Outcome(0)", "outcome(9)", "Outcome(256)", ""} {
		f.Add([]byte(s))
	}
	outcomes := []retry.Outcome{retry.Success, retry.Empty, retry.Retry, retry.Backoff, retry.Fail}
	f.Fuzz(func(t *testing.T, text []byte) {
		const start = retry.Outcome(200)
		o := start
		err := o.UnmarshalText(text)
		s := strings.TrimSpace(string(text))
		want, ok := retry.Outcome(0), false
		for _, outcome := range outcomes {
			if parsecheck.EqualFold(s, outcome.String()) {
				want, ok = outcome, true
			}
		}
		if len(s) > len("outcome()") && parsecheck.EqualFold(s[:len("outcome(")], "outcome(") && s[len(s)-1] == ')' {
			if n, perr := strconv.ParseUint(s[len("outcome("):len(s)-1], 10, 8); perr == nil {
				want, ok = retry.Outcome(n), true
			}
		}
		if !ok {
			oe, isOutcomeError := errors.AsType[*retry.OutcomeError](err)
			if !isOutcomeError || o != start || oe.Input != string(text[:min(len(text), 64)]) {
				t.Fatalf("UnmarshalText(%q) = %v, %v; want an *OutcomeError and the outcome left", text, o, err)
			}
			return
		}
		if err != nil || o != want {
			t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", text, o, err, want)
		}
		b, err := o.MarshalText()
		back := ^o
		if err != nil || string(b) != o.String() || back.UnmarshalText(b) != nil || back != o {
			t.Fatalf("%d marshals as %q, %v, which reads back as %v", o, b, err, back)
		}
		if ab, _ := o.AppendText([]byte("x=")); string(ab) != "x="+o.String() {
			t.Fatalf("%d: AppendText %q, String %q", o, ab, o.String())
		}
	})
}
