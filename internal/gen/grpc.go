package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/internal/table"
)

const grpcCodesDoc = "grpc-status-codes.md"

// dataLoss is the canonical code the first table of grpc-status-codes.md
// leaves out; google/rpc code.proto defines it: DATA_LOSS, 15, HTTP 500.
var dataLoss = table.Entry{Num: 15, Name: "DATA_LOSS", Class: 15, GRPC: 15, HTTP: 500}

// grpcTables reads grpc-status-codes.md: the canonical codes with their
// HTTP statuses, DATA_LOSS added, and the rows of its older list of the
// cases in which the library produces a code.
func grpcTables(dir string) (entries []table.Entry, older [][]string, err error) {
	tables, err := source.Markdown(filepath.Join(dir, grpcCodesDoc))
	if err != nil {
		return nil, nil, err
	}
	if len(tables) != 2 {
		return nil, nil, fmt.Errorf("%s: %d tables, want 2", grpcCodesDoc, len(tables))
	}
	for _, row := range tables[0].Rows { // name | number | description | HTTP
		num, err := strconv.Atoi(row[1])
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %s: number %q", grpcCodesDoc, row[0], row[1])
		}
		http, err := leadingInt(row[3])
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %s: HTTP %q", grpcCodesDoc, row[0], row[3])
		}
		entries = append(entries, table.Entry{
			Num: int32(num), Name: row[0], Class: int32(num), GRPC: codes.Code(num), HTTP: uint16(http),
		})
	}
	entries = append(entries, dataLoss)
	for i := range entries {
		// grpc-go's constant names: Canceled for CANCELLED, and so on.
		entries[i].GoName = codes.Code(entries[i].Num).String()
	}
	return entries, tables[1].Rows, nil
}

// grpcRegistry reads the canonical codes, the HTTP mappings and the
// library cases.
func grpcRegistry(dir string) (*registry, error) {
	entries, older, err := grpcTables(dir)
	if err != nil {
		return nil, err
	}
	r := &registry{
		pkg: "grpccodes",
		sources: []string{"testdata/" + grpcCodesDoc, "testdata/" + grpcLibraryFile,
			"testdata/" + grpcSemanticFile, "testdata/" + grpcTransportFile},
		codeType: "codes.Code",
		typeName: "Code",
		system:   "grpc",
		domain:   "grpc.io",
		ok:       0,
		fallback: int32(codes.Unknown),
		// grpc-gateway answers 500 for a code it does not know.
		defaultHTTP: 500,
		entries:     entries,
	}
	// The HTTP mappings are not emitted: grpccodes.FromHTTPStatus and
	// FromHTTPTransport are written by hand, and tested against the
	// files. Reading them here checks the files whenever tables are
	// generated.
	if _, err := readHTTPSemantic(dir); err != nil {
		return nil, err
	}
	if _, err := readHTTPMapping(dir, grpcTransportFile, "http", "grpc"); err != nil {
		return nil, err
	}
	cases, err := readLibraryCases(dir, older)
	if err != nil {
		return nil, err
	}
	r.extra = func(w *writer) {
		w.p("")
		w.p("// SourceRevision names the upstream revisions the tables are generated from.")
		w.p("const SourceRevision = %q", grpcRevision)
		w.p("")
		w.p("// libraryCases is the table of the cases in which the gRPC library")
		w.p("// itself produces a code, in the upstream order.")
		w.p("var libraryCases = [...]LibraryCase{")
		for _, c := range cases {
			w.p("{Case: %q, Code: codes.%s, Side: %s, InOlderList: %t},", c.text, c.code, c.side, c.older)
		}
		w.p("}")
	}
	src, err := emitDecisions(dir, r.pkg, []decisionTable{{"decide", "retry-grpc.tsv"}})
	if err != nil {
		return nil, err
	}
	r.files = map[string][]byte{"decisions.go": src}
	return r, nil
}

// grpcRevision names the upstream revisions (testdata/README.md).
const grpcRevision = "googleapis/googleapis google/rpc/code.proto (codes and HTTP mapping; revision not recorded); grpc/grpc doc/statuscodes.md at commit 2b9891b081ef119df8d7211c2493dca19ac5ebbb (library cases) and doc/http-grpc-status-mapping.md at commit 9c3f79deb70460750421f3dd75c2ed6a9af91ca3 (transport mapping)"

// libraryCase is a row of grpc-library-cases.tsv.
type libraryCase struct {
	text  string
	code  codes.Code
	side  string
	older bool
}

// readLibraryCases reads grpc-library-cases.tsv and checks that its rows
// marked in_older_list are the older list's rows, in its order.
func readLibraryCases(dir string, older [][]string) ([]libraryCase, error) {
	t, err := readTSV(dir, grpcLibraryFile, "case", "code", "generated_at", "in_older_list")
	if err != nil {
		return nil, err
	}
	var (
		cases []libraryCase
		kept  [][]string
	)
	for i, row := range t.Rows {
		c, err := grpcByName(row[1])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", grpcLibraryFile, i+2, err)
		}
		switch row[2] {
		case "Client", "Server", "Both":
		default:
			return nil, fmt.Errorf("%s:%d: side %q", grpcLibraryFile, i+2, row[2])
		}
		lc := libraryCase{text: row[0], code: c, side: row[2]}
		switch row[3] {
		case "yes":
			lc.older = true
			kept = append(kept, row[:3])
		case "no":
		default:
			return nil, fmt.Errorf("%s:%d: in_older_list %q, want yes or no", grpcLibraryFile, i+2, row[3])
		}
		cases = append(cases, lc)
	}
	if !slices.EqualFunc(kept, older, slices.Equal) {
		return nil, fmt.Errorf("%s: the rows marked in_older_list are not the %d rows of %s", grpcLibraryFile, len(older), grpcCodesDoc)
	}
	return cases, nil
}

// httpMapping is a mapping of HTTP statuses to gRPC codes, as the files
// grpc-http-semantic.tsv and grpc-http-transport.tsv write it: exact
// statuses, then classes (2xx), then every other status ("other").
type httpMapping struct {
	exact map[int]codes.Code
	class map[int]codes.Code // by hundred
	other codes.Code
}

// code returns the gRPC code the mapping gives status s.
func (m *httpMapping) code(s int) codes.Code {
	if c, ok := m.exact[s]; ok {
		return c
	}
	if s >= 100 && s <= 599 {
		if c, ok := m.class[s/100]; ok {
			return c
		}
	}
	return m.other
}

// readHTTPMapping reads a mapping file whose first columns are named
// header: a status, a class such as 4xx, or "other", and a gRPC code.
func readHTTPMapping(dir, name string, header ...string) (*httpMapping, error) {
	t, err := readTSV(dir, name, header...)
	if err != nil {
		return nil, err
	}
	m := &httpMapping{exact: map[int]codes.Code{}, class: map[int]codes.Code{}}
	other := false
	for i, row := range t.Rows {
		c, err := grpcByName(row[1])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, i+2, err)
		}
		key := row[0]
		switch {
		case key == "other":
			if other {
				return nil, fmt.Errorf("%s:%d: other listed twice", name, i+2)
			}
			m.other, other = c, true
		case len(key) == 3 && key[1:] == "xx" && key[0] >= '1' && key[0] <= '5':
			h := int(key[0] - '0')
			if _, dup := m.class[h]; dup {
				return nil, fmt.Errorf("%s:%d: %s listed twice", name, i+2, key)
			}
			m.class[h] = c
		default:
			s, err := strconv.Atoi(key)
			if err != nil || s < 100 || s > 599 {
				return nil, fmt.Errorf("%s:%d: %q is not an HTTP status, a class such as 4xx, or other", name, i+2, key)
			}
			if _, dup := m.exact[s]; dup {
				return nil, fmt.Errorf("%s:%d: %d listed twice", name, i+2, s)
			}
			m.exact[s] = c
		}
	}
	if !other {
		return nil, fmt.Errorf("%s: no row for other statuses", name)
	}
	return m, nil
}

// readHTTPSemantic reads grpc-http-semantic.tsv, the code an HTTP API
// that follows google.rpc.Code means by a status, and checks it against
// the canonical codes' HTTP statuses: each status they map to has a row,
// which names one of the codes that map to it, and no other status has
// one. The gRPC and Turms tables both use it.
func readHTTPSemantic(dir string) (*httpMapping, error) {
	m, err := readHTTPMapping(dir, grpcSemanticFile, "http", "grpc", "reason")
	if err != nil {
		return nil, err
	}
	entries, _, err := grpcTables(dir)
	if err != nil {
		return nil, err
	}
	sharers := map[int][]codes.Code{}
	for _, e := range entries {
		sharers[int(e.HTTP)] = append(sharers[int(e.HTTP)], e.GRPC)
	}
	for s, cs := range sharers {
		c, ok := m.exact[s]
		if !ok {
			return nil, fmt.Errorf("%s: no row for %d, which %s maps to", grpcSemanticFile, s, grpcName(cs[0]))
		}
		if !slices.Contains(cs, c) {
			return nil, fmt.Errorf("%s: %d gives %s, which maps to %d", grpcSemanticFile, s, grpcName(c), httpOf(entries, c))
		}
	}
	for s := range m.exact {
		if sharers[s] == nil {
			return nil, fmt.Errorf("%s: %d is a status no canonical code maps to", grpcSemanticFile, s)
		}
	}
	return m, nil
}

// httpOf returns the HTTP status entries give the canonical code c.
func httpOf(entries []table.Entry, c codes.Code) int {
	for _, e := range entries {
		if e.GRPC == c {
			return int(e.HTTP)
		}
	}
	return 0
}

// leadingInt parses the number that opens s, as in "404 Not Found".
func leadingInt(s string) (int, error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return 0, fmt.Errorf("empty")
	}
	return strconv.Atoi(f[0])
}
