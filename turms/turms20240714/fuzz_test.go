package turms20240714_test

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/statusreg/statusreg/internal/parsecheck"
	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/turms/turms20240714"
)

// The targets check the parsers and decoders of the three code types
// against their documented rules, by parsecheck.

var (
	codeRegistry = parsecheck.ForType(parsecheck.Registry[turms20240714.Code]{
		System:     "turms",
		TypeName:   "Code",
		Parse:      turms20240714.ParseCode,
		ParseError: parsecheck.AsParseError[turms20240714.ParseError],
		Listed:     turms20240714.Codes(),
		Aliases:    kotlinAliases(),
		Reason:     func(c turms20240714.Code) string { return parsecheck.ReasonOf(turms20240714.Errorf(c, "")) },
	})
	clientCodeRegistry = parsecheck.ForType(parsecheck.Registry[turms20240714.ClientCode]{
		System:     "turms",
		TypeName:   "ClientCode",
		Parse:      turms20240714.ParseClientCode,
		ParseError: parsecheck.AsParseError[turms20240714.ParseError],
		Listed:     turms20240714.ClientCodes(),
	})
	sessionCloseStatusRegistry = parsecheck.ForType(parsecheck.Registry[turms20240714.SessionCloseStatus]{
		System:     "turms",
		TypeName:   "SessionCloseStatus",
		Parse:      turms20240714.ParseSessionCloseStatus,
		ParseError: parsecheck.AsParseError[turms20240714.ParseError],
		Listed:     turms20240714.SessionCloseStatuses(),
	})
)

// kotlinAliases reads the Kotlin client's names for server codes from
// testdata, independently of the generator.
func kotlinAliases() map[string]turms20240714.Code {
	dir, err := source.Dir()
	if err != nil {
		panic(err)
	}
	tsv, err := source.TSV(filepath.Join(dir, "turms-client-kotlin-2024-12-28.tsv"))
	if err != nil {
		panic(err)
	}
	aliases := map[string]turms20240714.Code{}
	for _, row := range tsv.Rows { // code | name | kind
		if row[2] == "server_code_alias" {
			n, err := strconv.Atoi(row[0])
			if err != nil {
				panic(err)
			}
			aliases[row[1]] = turms20240714.Code(n)
		}
	}
	return aliases
}

// Seeds of the targets: this revision's new and renumbered names, the
// older revision's removed ones, and the forms every parser reads.
var fuzzSeeds = []string{
	"", "OK", "INVALID_REQUEST", "INVALID_REQUEST_FROM_SERVER", "ClientHTTPError", "HTTP_NOT_SUCCESSFUL_RESPONSE",
	"CloseUserIsBlocked", "CONNECT_TIMEOUT", "CREATE_EXISTING_FRIEND_REQUEST", "GROUP_INVITEE_ALREADY_GROUP_MEMBER",
	"NOT_UPLOADER_OR_GROUP_MANAGER_TO_UNSHARE_MESSAGE_ATTACHMENT_IN_GROUP_CONVERSATION", "CANCEL_NONEXISTENT_MEETING",
	"3408", "8205", "-1", "Code(8199)", "ClientCode(91)", "SessionCloseStatus(999)", "CODE_6103", "CODE_MINUS_3",
}

// jsonSeeds are seeds of the UnmarshalJSON targets.
var jsonSeeds = []string{`"OK"`, `2600`, `null`, `"Code(8199)"`, `"HTTP_ERROR"`, `-1`, `1e3`, `"\u0000"`, `{}`}

// FuzzParseCode: ParseCode reads exactly what its doc lists (upstream and
// Go names of server codes and the Kotlin client's aliases, in any ASCII
// letter case, decimals, Code(N), CODE_N and CODE_MINUS_N, around white
// space), keeps an unknown number, fails with a *ParseError otherwise,
// and every form of what it returns parses back.
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
	codeRegistry.FuzzUnmarshalText(f, (*turms20240714.Code).UnmarshalText, fuzzSeeds...)
}

// FuzzClientCodeUnmarshalJSON: ClientCode.UnmarshalJSON reads a JSON
// string as ParseClientCode does and a JSON number as the wire number,
// agrees with encoding/json, and leaves the code on null and on failure.
func FuzzClientCodeUnmarshalJSON(f *testing.F) {
	clientCodeRegistry.FuzzUnmarshalJSON(f, (*turms20240714.ClientCode).UnmarshalJSON, jsonSeeds...)
}

// FuzzCodeUnmarshalJSON: Code.UnmarshalJSON, as
// FuzzClientCodeUnmarshalJSON with ParseCode.
func FuzzCodeUnmarshalJSON(f *testing.F) {
	codeRegistry.FuzzUnmarshalJSON(f, (*turms20240714.Code).UnmarshalJSON, jsonSeeds...)
}
