package table

import (
	"testing"

	"github.com/statusreg/statusreg/internal/parsecheck"
)

// The engine's fuzz targets check Parse, UnmarshalText and DecodeJSON on
// the sample table against their documented rules, restated by
// parsecheck without the engine's code: a linear scan for names instead
// of the hash table, strconv for numbers. Seed corpora are in
// testdata/fuzz/<Target>/; the registries' own targets check the same
// rules through their wrappers.

// sampleRegistry describes sample to the checks.
var sampleRegistry = parsecheck.New(parsecheck.Registry[code]{
	System:     sample.System,
	TypeName:   sample.TypeName,
	Parse:      sample.Parse,
	ParseError: parsecheck.AsParseError[ParseError],
	Listed:     sample.Codes(),
	Name:       sample.String,
	GoName:     func(c code) string { return parsecheck.Unqualified(sample.GoString(c)) },
	Known:      sample.Known,
	Reason:     sample.Reason,
	Append:     func(b []byte, c code) ([]byte, error) { return sample.AppendText(b, c), nil },
})

// FuzzParse checks Parse, and UnmarshalText, which reads as Parse does,
// against the documented rules: names in ASCII case, decimals, Code(N)
// and CODE_N reasons around white space, an unknown number kept, any
// other text a *ParseError, and a failed UnmarshalText leaves the value.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"OK", "TopicNotFound", "601", "Code(-5)", " ok ", "", "Code(", "+0", "CODE_MINUS_7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := sample.Parse(s)
		sampleRegistry.CheckParse(t, s, c, err)
		sampleRegistry.CheckUnmarshalText(t, []byte(s), sample.UnmarshalText)
	})
}

// FuzzDecodeJSON checks DecodeJSON: null and every failure leave the
// value; on valid JSON, a string reads as Parse reads it, a number is the
// wire number when it is an integer in range, and anything else is a
// *ParseError; whatever decodes comes back from its JSON string and its
// JSON number.
func FuzzDecodeJSON(f *testing.F) {
	sampleRegistry.FuzzUnmarshalJSON(f, sample.DecodeJSON,
		`"OK"`, `601`, `null`, `"Code(7)"`, `"\u0000"`, `-0`, `1e2`, `"`)
}
