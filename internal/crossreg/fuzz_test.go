package crossreg

import (
	"fmt"
	"strings"
	"testing"

	"github.com/statusreg/statusreg/internal/registries"
)

// FuzzParse feeds any text to the parser of every registry of
// registries.All, so that a new registry is fuzzed as soon as it is
// listed (each package's own targets check its parser's rules in full):
// no parser panics; a number one returns fits its code type, prints as
// its upstream name when listed and as Type(N) when not, and that text
// reads back as the same number; a failure has a message.
func FuzzParse(f *testing.F) {
	for _, r := range registries.All {
		codes := r.Codes()
		f.Add(r.String(codes[0]))
		f.Add(strings.ToLower(r.String(codes[len(codes)-1])))
		f.Add(fmt.Sprintf("%s(%d)", r.Type, r.Span[1]+1))
	}
	for _, s := range []string{"", " 40402 ", "Code(40499)", "CODE_MINUS_7", "-0", "Code(", "\xff", "99999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := range registries.All {
			r := &registries.All[i]
			n, err := r.Parse(s)
			if err != nil {
				if err.Error() == "" {
					t.Fatalf("%s: Parse(%q) fails with an empty message", r.Name, s)
				}
				continue
			}
			if !r.Fits(n) {
				t.Fatalf("%s: Parse(%q) = %d, outside the code type", r.Name, s, n)
			}
			text := r.String(n)
			if unlisted := fmt.Sprintf("%s(%d)", r.Type, n); r.Known(n) == (text == unlisted) {
				t.Fatalf("%s: Parse(%q) = %d, known %v, which prints as %q", r.Name, s, n, r.Known(n), text)
			}
			if back, err := r.Parse(text); err != nil || back != n {
				t.Fatalf("%s: Parse(%q) = %d, whose text %q reads back as %d, %v", r.Name, s, n, text, back, err)
			}
		}
	})
}
