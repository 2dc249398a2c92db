package main

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/internal/table"
)

const httpmapDoc = "http-proxy-returned-result.md"

// httpmapUnspecified is the registry's own zero code: the API has none.
const httpmapUnspecified = "CODE_UNSPECIFIED"

// httpmapMojibake is how the upstream table spells the full-width colon of its
// INVALID_ARGUMENT message: the colon's UTF-8 bytes read as Windows-1252
// and written back as UTF-8. The registry holds the repaired text.
var httpmapMojibake = strings.NewReplacer("ï¼š", "：")

// httpmapRevision names the upstream revision (testdata/README.md).
// No commit or date of it is recorded.
const httpmapRevision = "jdcloudcom docs Response-Result.md (JD Cloud message queue, HTTP access point), revision not recorded"

// httpmapPlainSuggestion is the suggestion of a code that
// httpmap-docs.tsv has no row for.
const httpmapPlainSuggestion = "Inspect the HTTP status and message of the answer."

// httpmapRegistry reads the upstream table: a row per (HTTP status,
// error status code, message); a code listed twice (INVALID_ARGUMENT) is
// one code with two messages. Codes are known on the wire only by name,
// so the registry numbers them 1, 2, ... in order of first appearance,
// and keeps 0 for CODE_UNSPECIFIED.
func httpmapRegistry(dir string) (*registry, error) {
	tables, err := source.Markdown(filepath.Join(dir, httpmapDoc))
	if err != nil {
		return nil, err
	}
	if len(tables) != 1 {
		return nil, fmt.Errorf("%s: %d tables, want 1", httpmapDoc, len(tables))
	}
	grpc, _, err := readJudged(dir, httpmapGRPCFile, "name", "grpc", "reason")
	if err != nil {
		return nil, err
	}
	texts, err := readKeyed(dir, httpmapDocsFile, 1, "name", "doc", "description", "suggestion")
	if err != nil {
		return nil, err
	}
	r := &registry{
		pkg:      "httpmap",
		sources:  []string{"testdata/" + httpmapDoc, "testdata/" + httpmapGRPCFile, "testdata/" + httpmapDocsFile},
		codeType: "Code",
		typeName: "Code",
		system:   "httpmap",
		domain:   "jcq.jdcloud.com",
		consts:   true,
		errors:   true,
		methods: &methods{parse: "ParseCode", list: "Codes", noun: "code", http: true,
			logAttr: `slog.Int("http", c.HTTPStatus())`},
		title: "The error status codes of the JD Cloud message queue HTTP API. The\n// API sends only the names; the numbers are this package's own, in the\n// order the upstream table first lists each name, and never change.",
	}
	unspecified, ok := grpc[httpmapUnspecified]
	if !ok {
		return nil, fmt.Errorf("%s: %s has no gRPC code", httpmapGRPCFile, httpmapUnspecified)
	}
	r.entries = []table.Entry{{Num: 0, Name: httpmapUnspecified, GoName: "CodeUnspecified", GRPC: unspecified.grpc}}
	messages := [][]string{nil}
	at := map[string]int{}
	for _, row := range tables[0].Rows { // HTTP | status | message | description | suggestion
		if len(row) != 5 {
			return nil, fmt.Errorf("%s: row %q: %d cells, want 5", httpmapDoc, row, len(row))
		}
		s, err := strconv.Atoi(strings.Trim(row[0], "*"))
		if err != nil {
			return nil, fmt.Errorf("%s: %s: HTTP %q", httpmapDoc, row[1], row[0])
		}
		name, msg := row[1], httpmapMojibake.Replace(row[2])
		if i, ok := at[name]; ok {
			if int(r.entries[i].HTTP) != s {
				return nil, fmt.Errorf("%s: %s listed with HTTP %d and %d", httpmapDoc, name, r.entries[i].HTTP, s)
			}
			messages[i] = append(messages[i], msg)
			continue
		}
		g, ok := grpc[name]
		if !ok {
			return nil, fmt.Errorf("%s: %s has no gRPC code", httpmapGRPCFile, name)
		}
		n := int32(len(r.entries))
		at[name] = len(r.entries)
		r.entries = append(r.entries, table.Entry{Num: n, Name: name, GoName: camel(name), Class: n, GRPC: g.grpc, HTTP: uint16(s)})
		messages = append(messages, []string{msg})
	}
	if err := unused(grpc, func(name string) bool { _, ok := at[name]; return ok || name == httpmapUnspecified }, httpmapGRPCFile); err != nil {
		return nil, err
	}
	if err := unused(texts, func(name string) bool { _, ok := at[name]; return ok || name == httpmapUnspecified }, httpmapDocsFile); err != nil {
		return nil, err
	}
	// A code with no row in httpmap-docs.tsv gets plain texts built from
	// its name, so that a new upstream code needs none written first.
	r.docs = map[string]string{}
	description, suggestion := map[string]string{}, map[string]string{}
	for _, e := range r.entries {
		t, ok := texts[e.Name]
		if !ok {
			t = []string{docOr(nil, e.Name, "error status code"), "The API answered the error status code " + e.Name + ".", httpmapPlainSuggestion}
		}
		r.docs[e.Name], description[e.Name], suggestion[e.Name] = t[0], t[1], t[2]
	}
	r.extra = func(w *writer) {
		w.p("")
		w.p("// SourceRevision names the upstream revision the tables are generated from.")
		w.p("const SourceRevision = %q", httpmapRevision)
		w.p("")
		w.p("// infos holds each code's default messages, as the upstream table")
		w.p("// lists them, and a description and suggestion in this package's own")
		w.p("// words, indexed by code.")
		w.p("var infos = [...]info{")
		for i, e := range r.entries {
			w.p("%s: {", e.GoName)
			w.p("messages: %#v,", messages[i])
			w.p("description: %q,", description[e.Name])
			w.p("suggestion: %q,", suggestion[e.Name])
			w.p("},")
		}
		w.p("}")
	}
	src, err := emitDecisions(dir, r.pkg, []decisionTable{{"decide", "retry-httpmap.tsv"}})
	if err != nil {
		return nil, err
	}
	r.files = map[string][]byte{"decisions.go": src}
	return r, nil
}
