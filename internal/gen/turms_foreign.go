package main

import (
	"fmt"
	"strconv"

	"google.golang.org/grpc/codes"
)

// turmsForeignFile gives, with reasons, the Turms server code that means
// what each canonical gRPC code means, for an error that carries no Turms
// code; a row with no Turms code falls back to the table's Fallback.
const turmsForeignFile = "turms-foreign-grpc.tsv"

// turmsForeign reads turmsForeignFile and returns the Go name of the code
// of each canonical gRPC code, by name, so that every revision resolves
// the rows against its own numbers. A row naming a code this revision
// lacks takes the Fallback, but it must name a code of some revision
// (names).
func turmsForeign(dir string, server *registry, names *turmsNames) ([]string, error) {
	tsv, err := readTSV(dir, turmsForeignFile, "grpc_code", "grpc_name", "turms_code", "turms_name", "reason")
	if err != nil {
		return nil, err
	}
	byName := map[string]string{}
	for _, e := range server.entries {
		byName[e.Name] = e.GoName
	}
	fallback := server.entry(server.fallback).GoName
	out := make([]string, int(codes.Unauthenticated)+1)
	for i, row := range tsv.Rows {
		n, err := strconv.Atoi(row[0])
		if err != nil || n < 0 || n >= len(out) || grpcName(codes.Code(n)) != row[1] {
			return nil, fmt.Errorf("%s:%d: %q %q is not a canonical gRPC code", turmsForeignFile, i+2, row[0], row[1])
		}
		if out[n] != "" {
			return nil, fmt.Errorf("%s:%d: %s listed twice", turmsForeignFile, i+2, row[1])
		}
		if row[4] == "" {
			return nil, fmt.Errorf("%s:%d: %s has no reason", turmsForeignFile, i+2, row[1])
		}
		out[n] = fallback
		if row[3] != "" {
			goName, ok := byName[row[3]]
			switch {
			case ok:
				out[n] = goName
			case !names.server[row[3]]:
				return nil, fmt.Errorf("%s:%d: %s is not a server code", turmsForeignFile, i+2, row[3])
			}
		}
	}
	for n, name := range out {
		if name == "" {
			return nil, fmt.Errorf("%s: no row for %s", turmsForeignFile, grpcName(codes.Code(n)))
		}
	}
	server.sources = append(server.sources, "testdata/"+turmsForeignFile)
	return out, nil
}

// emitTurmsForeign writes the table FromGRPCCode reads.
func emitTurmsForeign(w *writer, foreign []string) {
	w.p("")
	w.p("// foreign is the code of each canonical gRPC code's meaning, from")
	w.p("// testdata/%s; FromGRPCCode reads it.", turmsForeignFile)
	w.p("var foreign = [...]Code{")
	for n, name := range foreign {
		w.p("codes.%s: %s,", codes.Code(n), name)
	}
	w.p("}")
}
