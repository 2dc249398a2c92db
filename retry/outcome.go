package retry

import (
	"strconv"
	"strings"

	"github.com/statusreg/statusreg/internal/ascii"
)

// Outcome is what a caller should make of the answer to one call: it
// succeeded, it found nothing to return, or it failed in a way that
// another attempt may mend (at once, or after a longer wait), or may not.
type Outcome uint8

// The outcomes of a call. The zero Outcome names none: no decision gives
// it.
const (
	Success Outcome = iota + 1 // the call did what was asked
	Empty                      // the call succeeded with nothing to return, such as an empty poll
	Retry                      // a transient failure: send the call again after a short, jittered wait
	Backoff                    // throttled: send the call again only after a longer, growing wait
	Fail                       // a terminal failure: another attempt gets the same answer, or does harm
)

// outcomeNames holds the name of each outcome, indexed by its value; the
// zero Outcome, which no decision gives, is named in the Outcome(N) form.
var outcomeNames = [...]string{"Outcome(0)", "Success", "Empty", "Retry", "Backoff", "Fail"}

// String returns the outcome's name ("Retry"), or Outcome(N) for a value
// that names no outcome, N its number: Outcome(0) for the zero Outcome.
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "Outcome(" + strconv.Itoa(int(o)) + ")"
}

// MarshalText returns the text String returns, so that JSON and log/slog
// write the name ("Retry") rather than the number. UnmarshalText reads
// every value back, the Outcome(N) form of an unnamed value included.
func (o Outcome) MarshalText() ([]byte, error) { return o.AppendText(nil) }

// AppendText appends the text MarshalText returns to b.
func (o Outcome) AppendText(b []byte) ([]byte, error) {
	if int(o) < len(outcomeNames) {
		return append(b, outcomeNames[o]...), nil
	}
	b = append(b, "Outcome("...)
	b = strconv.AppendUint(b, uint64(o), 10)
	return append(b, ')'), nil
}

// UnmarshalText sets o to the outcome text names: an outcome's name in
// any ASCII letter case ("retry", "RETRY"), or the Outcome(N) form String
// gives a value that names no outcome, N a decimal from 0 to 255, so that
// a value a newer version adds survives a round trip. Spaces around the
// text are ignored. Any other text is an *OutcomeError, and o is left as
// it was.
func (o *Outcome) UnmarshalText(text []byte) error {
	s := strings.TrimSpace(string(text))
	for i, name := range outcomeNames[1:] {
		if ascii.EqualFold(s, name) {
			*o = Outcome(i + 1)
			return nil
		}
	}
	const prefix = "outcome("
	if len(s) > len(prefix)+1 && ascii.EqualFold(s[:len(prefix)], prefix) && s[len(s)-1] == ')' {
		if n, err := strconv.ParseUint(s[len(prefix):len(s)-1], 10, 8); err == nil {
			*o = Outcome(n)
			return nil
		}
	}
	if len(text) > 64 {
		text = text[:64]
	}
	return &OutcomeError{Input: string(text)}
}

// OutcomeError reports text that names no Outcome.
type OutcomeError struct {
	Input string // the rejected text, cut to 64 bytes
}

// Error names the rejected text and the outcomes there are.
func (e *OutcomeError) Error() string {
	return "retry: " + strconv.Quote(e.Input) +
		" is not an outcome: want Success, Empty, Retry, Backoff, Fail or Outcome(N)"
}

// Decision is the outcome of one call, with the reason for it in words a
// log line or an operator can use. It encodes to JSON as
// {"Outcome":"Retry","Reason":"..."}. The zero Decision has the zero
// Outcome and is not retryable.
type Decision struct {
	Outcome Outcome
	Reason  string
}

// Retryable reports whether the call may be sent again: its outcome is
// Retry or Backoff.
func (d Decision) Retryable() bool { return d.Outcome == Retry || d.Outcome == Backoff }
