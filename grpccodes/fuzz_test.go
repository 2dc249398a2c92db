package grpccodes_test

import (
	"strconv"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/internal/parsecheck"
)

// The target checks Parse against its documented rules, by parsecheck,
// and against grpc-go's own reading of names and numbers
// (codes.Code.UnmarshalJSON). Seed corpora are in testdata/fuzz/<Target>/.

// grpcRegistry describes the canonical codes: their spec names
// (grpccodes.Name) and grpc-go's (codes.Code.String), numbers in uint32's
// range.
var grpcRegistry = parsecheck.New(parsecheck.Registry[codes.Code]{
	System:     "grpc",
	TypeName:   "Code",
	Parse:      grpccodes.Parse,
	ParseError: parsecheck.AsParseError[grpccodes.ParseError],
	Listed:     grpccodes.Codes(),
	Name:       grpccodes.Name,
	GoName:     codes.Code.String,
	Known:      grpccodes.Known,
})

// FuzzParse: Parse reads exactly what its doc lists (spec and grpc-go
// names in any ASCII letter case, decimals in uint32's range, Code(N),
// CODE_N, around white space), agrees with grpc-go wherever grpc-go reads
// the text, keeps a number outside the canonical set, fails with a
// *ParseError otherwise, and every form of what it returns parses back.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"NOT_FOUND", "Canceled", "cancelled", " 5 ", "Code(17)", "CODE_16", "-1", "4294967296", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := grpccodes.Parse(s)
		grpcRegistry.CheckParse(t, s, c, err)

		// grpc-go reads the spec names as JSON strings, and the canonical
		// numbers as JSON numbers.
		trimmed := strings.TrimSpace(s)
		forms := []string{strconv.Quote(trimmed)}
		if trimmed != "" && '0' <= trimmed[0] && trimmed[0] <= '9' {
			forms = append(forms, trimmed)
		}
		for _, form := range forms {
			var g codes.Code
			if g.UnmarshalJSON([]byte(form)) == nil && (err != nil || c != g) {
				t.Fatalf("%q: grpc-go reads %s as %v, Parse as %d, %v", s, form, g, c, err)
			}
		}
		if err == nil && grpccodes.Known(c) != (c <= codes.Unauthenticated) {
			t.Fatalf("Known(%d) = %v", c, grpccodes.Known(c))
		}
	})
}
