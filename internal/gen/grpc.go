package main

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/internal/table"
)

const grpcSeed = "grpc-status-codes.md"

// dataLoss is the canonical code the seed's first table leaves out
// (shared/reference/README.md): DATA_LOSS, 15, HTTP 500.
var dataLoss = table.Entry{Num: 15, Name: "DATA_LOSS", Class: 15, GRPC: 15, HTTP: 500}

// grpcRegistry reads the seed's two tables: the canonical codes with
// their HTTP statuses, and the cases in which the library produces a code.
func grpcRegistry(dir string) (*registry, error) {
	tables, err := source.Markdown(filepath.Join(dir, grpcSeed))
	if err != nil {
		return nil, err
	}
	if len(tables) != 2 {
		return nil, fmt.Errorf("%s: %d tables, want 2", grpcSeed, len(tables))
	}
	r := &registry{
		pkg:      "grpccodes",
		sources:  []string{"testdata/" + grpcSeed},
		codeType: "codes.Code",
		typeName: "Code",
		system:   "grpc",
		domain:   "grpc.io",
		ok:       0,
		fallback: int32(codes.Unknown),
		// grpc-gateway answers 500 for a code it does not know.
		defaultHTTP: 500,
	}
	for _, row := range tables[0].Rows { // name | number | description | HTTP
		num, err := strconv.Atoi(row[1])
		if err != nil {
			return nil, fmt.Errorf("%s: %s: number %q", grpcSeed, row[0], row[1])
		}
		http, err := leadingInt(row[3])
		if err != nil {
			return nil, fmt.Errorf("%s: %s: HTTP %q", grpcSeed, row[0], row[3])
		}
		r.entries = append(r.entries, table.Entry{
			Num: int32(num), Name: row[0], Class: int32(num), GRPC: codes.Code(num), HTTP: uint16(http),
		})
	}
	r.entries = append(r.entries, dataLoss)
	for i := range r.entries {
		// grpc-go's constant names: Canceled for CANCELLED, and so on.
		r.entries[i].GoName = codes.Code(r.entries[i].Num).String()
	}

	byName := map[string]int32{}
	for _, e := range r.entries {
		byName[e.Name] = e.Num
	}
	cases := tables[1].Rows // case | code | side
	for _, row := range cases {
		if _, ok := byName[row[1]]; !ok {
			return nil, fmt.Errorf("%s: library case %q: unknown code %q", grpcSeed, row[0], row[1])
		}
		switch row[2] {
		case "Client", "Server", "Both":
		default:
			return nil, fmt.Errorf("%s: library case %q: side %q", grpcSeed, row[0], row[2])
		}
	}
	r.extra = func(w *writer) {
		w.p("")
		w.p("// SourceRevision names the upstream revisions the tables are generated from.")
		w.p("const SourceRevision = %q", grpcRevision)
		w.p("")
		w.p("// libraryCases is the seed's table of the cases in which the gRPC library")
		w.p("// itself produces a code, in the seed's order.")
		w.p("var libraryCases = [...]LibraryCase{")
		for _, row := range cases {
			w.p("{Case: %q, Code: codes.%s, Side: %s},", row[0], codes.Code(byName[row[1]]), row[2])
		}
		w.p("}")
	}
	return r, nil
}

// grpcRevision names the upstream revisions (testdata/README.md).
const grpcRevision = "grpc/grpc doc/statuscodes.md and google/rpc code.proto, as in the statusreg seed, plus DATA_LOSS (15, HTTP 500) from code.proto"

// leadingInt parses the number that opens s, as in "404 Not Found".
func leadingInt(s string) (int, error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return 0, fmt.Errorf("empty")
	}
	return strconv.Atoi(f[0])
}
