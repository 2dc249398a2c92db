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

const (
	turmsDoc  = "turms-status-code.md"
	turmsHTTP = "turms-server-http-status.tsv"

	// turmsRevision names the upstream revisions (testdata/README.md).
	turmsRevision = "turms-im/turms turms-docs/src/reference/status-code.md and turms-server-common/src/main/java/im/turms/server/common/access/common/ResponseStatusCode.java, revision of 2023-12-25"

	// turmsRevisionDate names the revision in errors' ErrorInfo
	// (table.Table.Revision): the date of the documented revision.
	turmsRevisionDate = "2023-12-25"

	// turmsDomain is the google.rpc.ErrorInfo domain of Turms errors.
	turmsDomain = "turms.im"
)

// turmsAreas are the areas the upstream category names open with ("Group -
// Member Related Error" is in area Group), in the order of the constants.
var turmsAreas = []string{"Admin", "User", "Group", "Conversation", "Message", "Storage"}

// turmsRow is a row of one of the upstream document's tables, with its
// category: the Category cell is blank on every row but a category's
// first.
type turmsRow struct {
	category string // the category's text
	class    int32  // the number of the category's first code
	name     string
	num      int32
}

func turmsRows(tab source.Table, what string) ([]turmsRow, error) {
	var (
		rows     []turmsRow
		category string
		class    int32
	)
	for _, row := range tab.Rows { // category | name | number | meaning
		n, err := strconv.Atoi(row[2])
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %s: number %q", turmsDoc, what, row[1], row[2])
		}
		if row[0] != "" {
			category, class = row[0], int32(n)
		}
		if category == "" {
			return nil, fmt.Errorf("%s: %s: %s has no category", turmsDoc, what, row[1])
		}
		rows = append(rows, turmsRow{category: category, class: class, name: row[1], num: int32(n)})
	}
	return rows, nil
}

// turmsCategory is a category of the server codes, split into its parts.
type turmsCategory struct {
	text, area, topic, kind string
	classes                 []int32 // the codes that open it
}

// splitTurmsCategory splits a category's text: "Group - Member Related
// Error" is area Group, topic Member; "Storage Related Error" has no
// topic; the three general categories have neither.
func splitTurmsCategory(text string) (turmsCategory, error) {
	c := turmsCategory{text: text, kind: "ClientError"}
	switch text {
	case "Successful Response":
		c.kind = "Success"
		return c, nil
	case "Client Request Error":
		return c, nil
	case "Server Error":
		c.kind = "ServerError"
		return c, nil
	}
	s, ok := strings.CutSuffix(text, " Related Error")
	if !ok {
		if s, ok = strings.CutSuffix(text, " Error"); !ok {
			return c, fmt.Errorf("category %q: no Error suffix", text)
		}
	}
	c.area, c.topic, _ = strings.Cut(s, " - ")
	if !slices.Contains(turmsAreas, c.area) {
		return c, fmt.Errorf("category %q: area %q is not in turmsAreas", text, c.area)
	}
	return c, nil
}

// identifier turns a category part into a Go identifier suffix: "Cluster
// - Leader" gives ClusterLeader, "JFR" stays JFR.
func identifier(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		if w == "-" {
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

func turmsRegistries(dir string) ([]*registry, error) {
	tables, err := source.Markdown(filepath.Join(dir, turmsDoc))
	if err != nil {
		return nil, err
	}
	if len(tables) != 3 {
		return nil, fmt.Errorf("%s: %d tables, want 3", turmsDoc, len(tables))
	}
	clientRows, err := turmsRows(tables[0], "client-only codes")
	if err != nil {
		return nil, err
	}
	serverRows, err := turmsRows(tables[1], "common status codes")
	if err != nil {
		return nil, err
	}
	sessionRows, err := turmsRows(tables[2], "SessionCloseStatus")
	if err != nil {
		return nil, err
	}
	httpTSV, err := source.TSV(filepath.Join(dir, turmsHTTP))
	if err != nil {
		return nil, err
	}
	if !slices.Equal(httpTSV.Header, []string{"code", "name", "http_status"}) {
		return nil, fmt.Errorf("%s: header %q", turmsHTTP, httpTSV.Header)
	}
	type httpRow struct {
		name   string
		status int
	}
	httpOf := map[int32]httpRow{}
	for _, row := range httpTSV.Rows {
		n, err := strconv.Atoi(row[0])
		if err != nil {
			return nil, fmt.Errorf("%s: %s: code %q", turmsHTTP, row[1], row[0])
		}
		s, err := strconv.Atoi(row[2])
		if err != nil || s < 100 || s > 599 {
			return nil, fmt.Errorf("%s: %s: status %q", turmsHTTP, row[1], row[2])
		}
		if _, dup := httpOf[int32(n)]; dup {
			return nil, fmt.Errorf("%s: code %d listed twice", turmsHTTP, n)
		}
		httpOf[int32(n)] = httpRow{row[1], s}
	}
	if len(httpOf) != len(serverRows) {
		return nil, fmt.Errorf("%s has %d codes, %s %d", turmsHTTP, len(httpOf), turmsDoc, len(serverRows))
	}

	semantic, err := readHTTPSemantic(dir)
	if err != nil {
		return nil, err
	}
	overrides, overrideOrder, err := readJudged(dir, turmsOverridesFile, "name", "grpc", "group", "reason")
	if err != nil {
		return nil, err
	}
	clientGRPC, _, err := readJudged(dir, turmsClientFile, "name", "grpc", "reason")
	if err != nil {
		return nil, err
	}
	sessionGRPC, _, err := readJudged(dir, turmsSessionFile, "name", "grpc", "reason")
	if err != nil {
		return nil, err
	}
	docs, err := readKeyed(dir, turmsDocsFile, 2, "set", "name", "doc")
	if err != nil {
		return nil, err
	}
	docsOf := func(set string) map[string]string {
		m := map[string]string{}
		for k, v := range docs {
			if s, name, _ := strings.Cut(k, "\t"); s == set {
				m[name] = v[0]
			}
		}
		return m
	}
	serverDocs, clientDocs, sessionDocs := docsOf("server"), docsOf("client"), docsOf("session")
	if len(serverDocs)+len(clientDocs)+len(sessionDocs) != len(docs) {
		return nil, fmt.Errorf("%s: a set other than server, client and session", turmsDocsFile)
	}

	common := func(r *registry) *registry {
		r.pkg = "turms"
		r.sources = []string{"testdata/" + turmsDoc, "testdata/" + turmsHTTP, "testdata/" + grpcSemanticFile,
			"testdata/" + turmsOverridesFile, "testdata/" + turmsClientFile, "testdata/" + turmsSessionFile,
			"testdata/" + turmsDocsFile}
		r.system, r.domain, r.consts = "turms", turmsDomain, true
		r.revision = turmsRevisionDate
		r.docs = map[string]string{}
		return r
	}

	// Code: the server's response codes.
	server := common(&registry{
		codeType: "Code", typeName: "Code",
		errors: true, bucketClasses: true,
		methods: &methods{parse: "ParseCode", list: "Codes", noun: "code", http: true,
			logAttr:        `slog.String("category", c.Category().String())`,
			codeOfFallback: "foreignCode"},
		title: "The Turms server's response codes (ResponseStatusCode), with the upstream numbers.",
	})
	var categories []*turmsCategory
	byText := map[string]*turmsCategory{}
	used := map[string]bool{}
	overridden := map[string]overrideDoc{}
	serverNames := map[string]bool{}
	for _, row := range serverRows {
		h, ok := httpOf[row.num]
		if !ok || h.name != row.name {
			return nil, fmt.Errorf("%s: %s (%d) is not in %s as such", turmsDoc, row.name, row.num, turmsHTTP)
		}
		serverNames[row.name] = true
		doc := docOr(serverDocs, row.name, "code")
		byHTTP := semantic.code(h.status)
		g := byHTTP
		if o, ok := overrides[row.name]; ok {
			if o.grpc == g {
				return nil, fmt.Errorf("%s: the override of %s changes nothing", turmsOverridesFile, row.name)
			}
			g = o.grpc
			doc += fmt.Sprintf("\n// Its gRPC code is %s: %s (HTTP %d alone gives %s).", grpcName(g), o.reason, h.status, grpcName(byHTTP))
			used[row.name] = true
			overridden[row.name] = overrideDoc{goName: camel(row.name), http: h.status, byHTTP: byHTTP}
		}
		server.docs[row.name] = doc + fmt.Sprintf("\n// Category %q.", row.category)
		server.entries = append(server.entries, table.Entry{
			Num: row.num, Name: row.name, GoName: camel(row.name), Class: row.class,
			GRPC: g, HTTP: uint16(h.status),
		})
		if row.class == row.num {
			c := byText[row.category]
			if c == nil {
				split, err := splitTurmsCategory(row.category)
				if err != nil {
					return nil, err
				}
				c = &split
				byText[row.category] = c
				categories = append(categories, c)
			}
			c.classes = append(c.classes, row.num)
		}
	}
	if err := unused(overrides, func(name string) bool { return used[name] }, turmsOverridesFile); err != nil {
		return nil, err
	}
	if err := unused(serverDocs, func(name string) bool { return serverNames[name] }, turmsDocsFile); err != nil {
		return nil, err
	}
	server.title += "\n//\n// " + strings.ReplaceAll(turmsOverrideList(overrides, overrideOrder, overridden), "\n", "\n// ")
	server.ok = 1000
	server.fallback = 1200 // SERVER_INTERNAL_ERROR, as Turms answers an unexpected failure

	// ClientCode and SessionCloseStatus: no HTTP status; a gRPC code each.
	local := func(r *registry, rows []turmsRow, prefix, what, file string, grpc map[string]judged, docs map[string]string) error {
		listed := map[string]bool{}
		for _, row := range rows {
			g, ok := grpc[row.name]
			if !ok {
				return fmt.Errorf("%s: %s %s has no gRPC code", file, r.typeName, row.name)
			}
			listed[row.name] = true
			r.docs[row.name] = docOr(docs, row.name, what) +
				fmt.Sprintf("\n// Category %q. Its gRPC code is %s: %s.", row.category, grpcName(g.grpc), g.reason)
			r.entries = append(r.entries, table.Entry{
				Num: row.num, Name: row.name, GoName: prefix + camel(row.name), Class: row.class, GRPC: g.grpc,
			})
		}
		if err := unused(grpc, func(name string) bool { return listed[name] }, file); err != nil {
			return err
		}
		return unused(docs, func(name string) bool { return listed[name] }, turmsDocsFile)
	}
	if err := turmsAliases(dir, server); err != nil {
		return nil, err
	}
	server.sources = append(server.sources, "testdata/"+turmsKotlinClient)
	foreign, err := turmsForeign(dir, server)
	if err != nil {
		return nil, err
	}
	client := common(&registry{
		codeType: "ClientCode", typeName: "ClientCode", varName: "clientRegistry",
		methods: &methods{parse: "ParseClientCode", list: "ClientCodes", noun: "client-only code",
			logAttr: `slog.String("category", c.Category())`},
		title: "The client-only codes, with the upstream numbers: a client rejected the request locally.",
	})
	if err := local(client, clientRows, "Client", "client-only code", turmsClientFile, clientGRPC, clientDocs); err != nil {
		return nil, err
	}
	session := common(&registry{
		codeType: "SessionCloseStatus", typeName: "SessionCloseStatus", varName: "sessionRegistry",
		methods: &methods{parse: "ParseSessionCloseStatus", list: "SessionCloseStatuses", noun: "close status",
			logAttr: `slog.String("category", c.Category())`},
		title: "The reasons a session closes, with the upstream numbers.",
	})
	if err := local(session, sessionRows, "Close", "session close status", turmsSessionFile, sessionGRPC, sessionDocs); err != nil {
		return nil, err
	}

	server.extra = func(w *writer) {
		emitTurmsCategories(w, categories)
		emitTurmsForeign(w, foreign)
	}
	client.extra = func(w *writer) { emitCategoryText(w, "clientCategory", "ClientCode", clientRows) }
	session.extra = func(w *writer) { emitCategoryText(w, "sessionCategory", "SessionCloseStatus", sessionRows) }
	return []*registry{server, client, session}, nil
}

// overrideDoc is what the doc of the overrides says of one override.
type overrideDoc struct {
	goName string
	http   int        // the code's HTTP status
	byHTTP codes.Code // the gRPC code the status alone gives
}

// turmsOverrideList returns the text of the doc that lists the gRPC
// overrides, grouped as turms-grpc-overrides.tsv groups them, in its
// order, without the comment markers.
func turmsOverrideList(overrides map[string]judged, order []string, docs map[string]overrideDoc) string {
	type bullet struct {
		group string
		grpc  codes.Code
		names []string
		alone []string // "HTTP 403 alone gives PERMISSION_DENIED", once each
	}
	var bullets []*bullet
	for _, name := range order {
		o, d := overrides[name], docs[name]
		i := slices.IndexFunc(bullets, func(b *bullet) bool { return b.group == o.group && b.grpc == o.grpc })
		if i < 0 {
			i = len(bullets)
			bullets = append(bullets, &bullet{group: o.group, grpc: o.grpc})
		}
		b := bullets[i]
		b.names = append(b.names, d.goName)
		if alone := fmt.Sprintf("HTTP %d alone gives %s", d.http, grpcName(d.byHTTP)); !slices.Contains(b.alone, alone) {
			b.alone = append(b.alone, alone)
		}
	}
	var out strings.Builder
	out.WriteString("A code's gRPC code is the one its HTTP status gives (as\n")
	out.WriteString("grpccodes.FromHTTPStatus maps it), except where its name says more.\n")
	out.WriteString("The exceptions, grouped by why; each constant's doc gives its reason:\n")
	for _, b := range bullets {
		out.WriteString("\n")
		text := fmt.Sprintf("%s for %s (%s): %s.", grpcName(b.grpc), b.group, strings.Join(b.alone, ", "), strings.Join(b.names, ", "))
		for i, line := range wrap(text, 70) {
			if i == 0 {
				out.WriteString("  - " + line)
			} else {
				out.WriteString("\n    " + line)
			}
		}
	}
	return out.String()
}

// wrap breaks text into lines of at most width bytes, at spaces; a word
// longer than width has a line of its own.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case len(line)+1+len(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return append(lines, line)
}

// emitTurmsCategories writes SourceRevision, the Area and Topic constants,
// the categories and categoryOf.
func emitTurmsCategories(w *writer, categories []*turmsCategory) {
	w.p("")
	w.p("// SourceRevision names the upstream revisions the tables are generated from.")
	w.p("const SourceRevision = %q", turmsRevision)
	w.p("")
	w.p("// The areas of the server codes' categories.")
	w.p("const (")
	for _, a := range turmsAreas {
		w.p("Area%s Area = %q // the %s categories", identifier(a), a, a)
	}
	w.p(")")
	var topics []string
	for _, c := range categories {
		if c.topic != "" && !slices.Contains(topics, c.topic) {
			topics = append(topics, c.topic)
		}
	}
	w.p("")
	w.p("// The topics of the server codes' categories, in the upstream order. One")
	w.p("// topic may appear in several areas (Group and Admin both have a Blocklist).")
	w.p("const (")
	for _, t := range topics {
		w.p("Topic%s Topic = %q", identifier(t), t)
	}
	w.p(")")
	w.p("")
	w.p("// categories lists the upstream categories of server codes, in their order,")
	w.p("// with their text.")
	w.p("var categories = [...]categoryText{")
	for _, c := range categories {
		var parts []string
		if c.area != "" {
			parts = append(parts, "Area: Area"+identifier(c.area))
		}
		if c.topic != "" {
			parts = append(parts, "Topic: Topic"+identifier(c.topic))
		}
		parts = append(parts, "Kind: "+c.kind)
		w.p("{Category{%s}, %q},", strings.Join(parts, ", "), c.text)
	}
	w.p("}")
	w.p("")
	w.p("// categoryOf returns the category the class code opens, or the zero")
	w.p("// Category when class opens none.")
	w.p("func categoryOf(class Code) Category {")
	w.p("switch class {")
	for i, c := range categories {
		nums := make([]string, len(c.classes))
		for j, n := range c.classes {
			nums[j] = strconv.Itoa(int(n))
		}
		w.p("case %s:", strings.Join(nums, ", "))
		w.p("return categories[%d].Category", i)
	}
	w.p("}")
	w.p("return Category{}")
	w.p("}")
}

// emitCategoryText writes a function that returns the upstream category
// text of a class code of rows, or "" when the code opens no category.
func emitCategoryText(w *writer, fn, typ string, rows []turmsRow) {
	w.p("")
	w.p("// %s returns the upstream category of the codes class opens, or \"\".", fn)
	w.p("func %s(class %s) string {", fn, typ)
	w.p("switch class {")
	for _, r := range rows {
		if r.num == r.class {
			w.p("case %d:", r.class)
			w.p("return %q", r.category)
		}
	}
	w.p("}")
	w.p("return \"\"")
	w.p("}")
}
