package turms_test

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/statusreg/statusreg/internal/parsecheck"
	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/turms"
)

// The targets check the parsers and decoders of the three code types
// against their documented rules, by parsecheck. Seed corpora are in
// testdata/fuzz/<Target>/.

// known returns every value of C from 0 to 9999 that Known reports:
// the client codes and close statuses have no Codes function.
func known[C parsecheck.CodeType]() []C {
	var cs []C
	for n := range 10000 {
		if c := C(n); c.Known() {
			cs = append(cs, c)
		}
	}
	return cs
}

var (
	codeRegistry = parsecheck.ForType(parsecheck.Registry[turms.Code]{
		System:     "turms",
		TypeName:   "Code",
		Parse:      turms.ParseCode,
		ParseError: parsecheck.AsParseError[turms.ParseError],
		Listed:     turms.Codes(),
		Aliases:    kotlinAliases(),
		Reason:     func(c turms.Code) string { return parsecheck.ReasonOf(turms.Errorf(c, "")) },
	})
	clientCodeRegistry = parsecheck.ForType(parsecheck.Registry[turms.ClientCode]{
		System:     "turms",
		TypeName:   "ClientCode",
		Parse:      turms.ParseClientCode,
		ParseError: parsecheck.AsParseError[turms.ParseError],
		Listed:     known[turms.ClientCode](),
	})
	sessionCloseStatusRegistry = parsecheck.ForType(parsecheck.Registry[turms.SessionCloseStatus]{
		System:     "turms",
		TypeName:   "SessionCloseStatus",
		Parse:      turms.ParseSessionCloseStatus,
		ParseError: parsecheck.AsParseError[turms.ParseError],
		Listed:     known[turms.SessionCloseStatus](),
	})
)

// kotlinAliases reads the Kotlin client's names for server codes from
// testdata, independently of the generator.
func kotlinAliases() map[string]turms.Code {
	tsv, err := source.TSV(filepath.Join("..", "testdata", "turms-client-kotlin-2024-12-28.tsv"))
	if err != nil {
		panic(err)
	}
	aliases := map[string]turms.Code{}
	for _, row := range tsv.Rows { // code | name | kind
		if row[2] == "server_code_alias" {
			n, err := strconv.Atoi(row[0])
			if err != nil {
				panic(err)
			}
			aliases[row[1]] = turms.Code(n)
		}
	}
	return aliases
}

// Seeds shared by the targets; the bulk is in testdata/fuzz.
var fuzzSeeds = []string{
	"", "OK", "INVALID_REQUEST", "ClientInvalidRequest", "CloseUserIsBlocked", "CONNECT_TIMEOUT",
	"1100", "-1", "Code(1299)", "ClientCode(7)", "SessionCloseStatus(999)", "CODE_MINUS_3",
}

// jsonSeeds are seeds of the UnmarshalJSON targets; the bulk is in
// testdata/fuzz.
var jsonSeeds = []string{`"OK"`, `1100`, `null`, `"Code(1299)"`, `-1`, `1e3`, `"\u0000"`, `{}`}

// FuzzParseCode: ParseCode reads exactly what its doc lists (upstream and
// Go names of server codes in any ASCII letter case, decimals, Code(N),
// CODE_N and CODE_MINUS_N, around white space), keeps an unknown number,
// fails with a *ParseError otherwise, and every form of what it returns
// parses back.
func FuzzParseCode(f *testing.F) { codeRegistry.FuzzParse(f, fuzzSeeds...) }

// FuzzParseClientCode: ParseClientCode, as FuzzParseCode for the client
// codes and their ClientCode(N) form.
func FuzzParseClientCode(f *testing.F) { clientCodeRegistry.FuzzParse(f, fuzzSeeds...) }

// FuzzParseSessionCloseStatus: ParseSessionCloseStatus, as FuzzParseCode
// for the close statuses and their SessionCloseStatus(N) form.
func FuzzParseSessionCloseStatus(f *testing.F) { sessionCloseStatusRegistry.FuzzParse(f, fuzzSeeds...) }

// FuzzCodeUnmarshalText: Code.UnmarshalText reads as ParseCode does and
// leaves the code on failure.
func FuzzCodeUnmarshalText(f *testing.F) {
	codeRegistry.FuzzUnmarshalText(f, (*turms.Code).UnmarshalText, fuzzSeeds...)
}

// FuzzClientCodeUnmarshalText: ClientCode.UnmarshalText reads as
// ParseClientCode does and leaves the code on failure.
func FuzzClientCodeUnmarshalText(f *testing.F) {
	clientCodeRegistry.FuzzUnmarshalText(f, (*turms.ClientCode).UnmarshalText, fuzzSeeds...)
}

// FuzzSessionCloseStatusUnmarshalText: SessionCloseStatus.UnmarshalText
// reads as ParseSessionCloseStatus does and leaves the status on failure.
func FuzzSessionCloseStatusUnmarshalText(f *testing.F) {
	sessionCloseStatusRegistry.FuzzUnmarshalText(f, (*turms.SessionCloseStatus).UnmarshalText, fuzzSeeds...)
}

// FuzzCodeUnmarshalJSON: Code.UnmarshalJSON reads a JSON string as
// ParseCode does and a JSON number as the wire number, agrees with
// encoding/json, leaves the code on null and on failure, and reads back
// what encoding/json writes.
func FuzzCodeUnmarshalJSON(f *testing.F) {
	codeRegistry.FuzzUnmarshalJSON(f, (*turms.Code).UnmarshalJSON, jsonSeeds...)
}

// FuzzClientCodeUnmarshalJSON: ClientCode.UnmarshalJSON, as
// FuzzCodeUnmarshalJSON with ParseClientCode.
func FuzzClientCodeUnmarshalJSON(f *testing.F) {
	clientCodeRegistry.FuzzUnmarshalJSON(f, (*turms.ClientCode).UnmarshalJSON, jsonSeeds...)
}

// FuzzSessionCloseStatusUnmarshalJSON: SessionCloseStatus.UnmarshalJSON,
// as FuzzCodeUnmarshalJSON with ParseSessionCloseStatus.
func FuzzSessionCloseStatusUnmarshalJSON(f *testing.F) {
	sessionCloseStatusRegistry.FuzzUnmarshalJSON(f, (*turms.SessionCloseStatus).UnmarshalJSON, jsonSeeds...)
}
