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

const httpmapSeed = "http-proxy-returned-result.md"

// httpmapUnspecified is the registry's own zero code: the seed has none.
const httpmapUnspecified = "CODE_UNSPECIFIED"

// httpmapMojibake is how the seed spells the full-width colon of its
// INVALID_ARGUMENT message: the colon's UTF-8 bytes read as Windows-1252
// and written back as UTF-8. The registry holds the repaired text.
var httpmapMojibake = strings.NewReplacer("ï¼š", "：")

// httpmapGRPC maps each code to the canonical gRPC code it means. It is
// statusreg's own mapping: the API documents none. It goes by meaning,
// not by the HTTP column: TOPIC_NOT_EXIST answers 400 but is NOT_FOUND.
var httpmapGRPC = map[string]codes.Code{
	httpmapUnspecified:        codes.Unknown,
	"INVALID_ARGUMENT":        codes.InvalidArgument,
	"ACK_FAILED":              codes.FailedPrecondition,
	"TOPIC_NOT_EXIST":         codes.NotFound,
	"PERMISSION_DENIED":       codes.PermissionDenied,
	"USER_AUTH_FAILED":        codes.PermissionDenied,
	"TOPIC_AUTH_FAILED":       codes.PermissionDenied,
	"TOPIC_PERMISSION_DENIED": codes.PermissionDenied,
	"SYNC_TIMEOUT":            codes.DeadlineExceeded,
	"RATE_LIMIT":              codes.ResourceExhausted,
	"ABNORMAL_ACCESS_RATE":    codes.ResourceExhausted,
	"THROUGHPUT_UP_TO_LIMIT":  codes.ResourceExhausted,
	"INTERNAL":                codes.Internal,
}

// httpmapRegistry reads the seed's one table: a row per (HTTP status,
// error status code, message); a code listed twice (INVALID_ARGUMENT) is
// one code with two messages. Codes are known on the wire only by name,
// so the registry numbers them 1, 2, ... in order of first appearance,
// and keeps 0 for CODE_UNSPECIFIED.
// httpmapRevision names the upstream revision (testdata/README.md).
const httpmapRevision = "jdcloudcom docs Response-Result.md (JD Cloud message queue, HTTP access point), as in the statusreg seed"

func httpmapRegistry(dir string) (*registry, error) {
	tables, err := source.Markdown(filepath.Join(dir, httpmapSeed))
	if err != nil {
		return nil, err
	}
	if len(tables) != 1 {
		return nil, fmt.Errorf("%s: %d tables, want 1", httpmapSeed, len(tables))
	}
	r := &registry{
		pkg:      "httpmap",
		sources:  []string{"testdata/" + httpmapSeed},
		codeType: "Code",
		typeName: "Code",
		system:   "httpmap",
		domain:   "jcq.jdcloud.com",
		consts:   true,
		errors:   true,
		methods: &methods{parse: "ParseCode", list: "Codes", noun: "code", http: true,
			logAttr: `slog.Int("http", c.HTTPStatus())`},
		docs:    httpmapDocs,
		title:   "The error status codes of the JD Cloud message queue HTTP API. The\n// API sends only the names; the numbers are this package's own, in the\n// order the upstream table first lists each name, and never change.",
		entries: []table.Entry{{Num: 0, Name: httpmapUnspecified, GoName: "CodeUnspecified", GRPC: httpmapGRPC[httpmapUnspecified]}},
	}
	messages := [][]string{nil}
	at := map[string]int{}
	for _, row := range tables[0].Rows { // HTTP | status | message | description | suggestion
		if len(row) != 5 {
			return nil, fmt.Errorf("%s: row %q: %d cells, want 5", httpmapSeed, row, len(row))
		}
		s, err := strconv.Atoi(strings.Trim(row[0], "*"))
		if err != nil {
			return nil, fmt.Errorf("%s: %s: HTTP %q", httpmapSeed, row[1], row[0])
		}
		name, msg := row[1], httpmapMojibake.Replace(row[2])
		if i, ok := at[name]; ok {
			if int(r.entries[i].HTTP) != s {
				return nil, fmt.Errorf("%s: %s listed with HTTP %d and %d", httpmapSeed, name, r.entries[i].HTTP, s)
			}
			messages[i] = append(messages[i], msg)
			continue
		}
		g, ok := httpmapGRPC[name]
		if !ok {
			return nil, fmt.Errorf("%s: %s has no gRPC code", httpmapSeed, name)
		}
		n := int32(len(r.entries))
		at[name] = len(r.entries)
		r.entries = append(r.entries, table.Entry{Num: n, Name: name, GoName: camel(name), Class: n, GRPC: g, HTTP: uint16(s)})
		messages = append(messages, []string{msg})
	}
	for _, e := range r.entries {
		if httpmapDescriptions[e.Name] == "" || httpmapSuggestions[e.Name] == "" {
			return nil, fmt.Errorf("%s has no description or suggestion", e.Name)
		}
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
			w.p("description: %q,", httpmapDescriptions[e.Name])
			w.p("suggestion: %q,", httpmapSuggestions[e.Name])
			w.p("},")
		}
		w.p("}")
	}
	return r, nil
}
