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

// Turms renumbers its codes between server revisions, so each revision
// has a package of its own, with the same types and methods. One code
// builds every revision's package from its upstream tables and from the
// judgement tables they share, which are keyed by upstream name: a code
// that kept its name keeps its gRPC code, its doc sentence and its retry
// decision in every revision.

// turmsDomain is the google.rpc.ErrorInfo domain of Turms errors, in
// every revision: the revision itself travels in the ErrorInfo's
// metadata (table.RevisionKey).
const turmsDomain = "turms.im"

// turmsRevision is one upstream revision of Turms' codes and the package
// that holds it.
type turmsRevision struct {
	dir  string // the package's directory under the module root: its key in registries
	date string // table.Table.Revision: the date of the upstream revision
	// sourceRevision is the package's SourceRevision: the repository,
	// paths and commit (or date) of its upstream tables.
	sourceRevision string
	// versions is the package doc's section on the revision, without
	// comment markers.
	versions string
	// read reads the revision's upstream tables from the testdata
	// directory.
	read func(dir string) (*turmsSource, error)
}

// turmsRevisions lists the revisions, oldest first. testdata/README.md
// names each file's upstream.
var turmsRevisions = []turmsRevision{
	{
		dir:            "turms",
		date:           "2023-12-25",
		sourceRevision: "turms-im/turms turms-docs/src/reference/status-code.md and turms-server-common/src/main/java/im/turms/server/common/access/common/ResponseStatusCode.java, revision of 2023-12-25",
		versions: `The tables match Turms' development line of 2023-12-25 (SourceRevision):
the turms-docs status-code page and the server's ResponseStatusCode enum
of that date. Turms renumbers codes between versions (3408 meant
NOT_GROUP_OWNER_TO_UPDATE_GROUP_MEMBER_ROLE then, and means
NOT_GROUP_OWNER_OR_MANAGER_TO_REMOVE_GROUP_MEMBER on a server of
2024-07-14), so use the package of the revision a server runs: this one
for a server whose ResponseStatusCode is that of 2023-12-25,
turms/turms20240714 for one of 2024-07-14.

An error of another revision is read by name, never by number: CodeOf
gives the code of this revision that has the error's name, wherever
this revision numbers it, and CodeUnspecified for a name this revision
does not have.`,
		read: readTurms20231225,
	},
	{
		dir:            "turms/turms20240714",
		date:           "2024-07-14",
		sourceRevision: "turms-im/turms turms-server-common/src/main/java/im/turms/server/common/access/common/ResponseStatusCode.java at commit e28b519c929659915267642973e32a95af59e5b4 (2024-07-14); client-only codes from turms-client-kotlin/src/main/kotlin/im/turms/client/model/ResponseStatusCode.kt at commit 7be1d12d98d2c45b5c85d41bf9e6fd6b71451fa0 (2024-12-28); close statuses and the client-only codes' categories from turms-docs/src/reference/status-code.md, revision of 2023-12-25",
		versions: `The tables match the Turms server's ResponseStatusCode enum at commit
e28b519c9 of 2024-07-14 (SourceRevision), the newest change to that file
as of 2025-07-29, with the official Kotlin client's client-only codes of
2024-12-28. Turms renumbers codes between versions: against the
revision of 2023-12-25 (package turms), 27 codes kept their name under a
new number, 23 are gone, 60 are new, and 49 of the older numbers now
name another code (3408 is NOT_GROUP_OWNER_OR_MANAGER_TO_REMOVE_GROUP_MEMBER
here, NOT_GROUP_OWNER_TO_UPDATE_GROUP_MEMBER_ROLE there; statuscode drift
turms lists every change). Use the package of the revision a server
runs: this one for a server whose ResponseStatusCode is that of
2024-07-14, package turms for one of 2023-12-25.

An error of another revision is read by name, never by number: CodeOf
gives the code of this revision that has the error's name, wherever
this revision numbers it (CreateExistingFriendRequest, 2601 in the
older revision, is 2600 here), and CodeUnspecified for a name this
revision does not have.`,
		read: readTurms20240714,
	},
}

// turmsRevisionAt returns the revision kept in the directory dir.
func turmsRevisionAt(dir string) *turmsRevision {
	for i := range turmsRevisions {
		if turmsRevisions[i].dir == dir {
			return &turmsRevisions[i]
		}
	}
	return nil
}

// turmsPackage returns the builder of the package of the revision kept in
// the directory dir.
func turmsPackage(dir string) func(testdata string) ([]*registry, error) {
	return func(testdata string) ([]*registry, error) {
		rev := turmsRevisionAt(dir)
		if rev == nil {
			return nil, fmt.Errorf("no Turms revision in %s", dir)
		}
		return turmsRegistries(testdata, rev)
	}
}

// turmsRow is a code of one of a revision's sets, with its category: the
// text its upstream files it under, and the number of the category's
// first code, its class.
type turmsRow struct {
	category string // the category's text; "" for a code filed under none
	class    int32
	name     string
	num      int32
	http     int // the HTTP status the server pairs with a server code
}

// turmsSource is what a revision's upstream tables say.
type turmsSource struct {
	files                   []string // the testdata files read, in the order the header names them
	server, client, session []turmsRow
	// clientCategories says, for the doc of ClientCode.Category, where
	// the client-only codes' categories come from: the end of a sentence
	// that opens "Category returns", without comment markers.
	clientCategories string
}

// turmsDoc and turmsHTTP are the revision of 2023-12-25: the
// documentation's status-code page (client-only codes, server codes by
// category, close statuses) and the server's HTTP statuses.
const (
	turmsDoc  = "turms-status-code.md"
	turmsHTTP = "turms-server-http-status.tsv"
)

// turmsDocTables reads the three tables of turms-status-code.md.
func turmsDocTables(dir string) (client, server, session []turmsRow, err error) {
	tables, err := source.Markdown(filepath.Join(dir, turmsDoc))
	if err != nil {
		return nil, nil, nil, err
	}
	if len(tables) != 3 {
		return nil, nil, nil, fmt.Errorf("%s: %d tables, want 3", turmsDoc, len(tables))
	}
	if client, err = turmsRows(tables[0], "client-only codes"); err != nil {
		return nil, nil, nil, err
	}
	if server, err = turmsRows(tables[1], "common status codes"); err != nil {
		return nil, nil, nil, err
	}
	if session, err = turmsRows(tables[2], "SessionCloseStatus"); err != nil {
		return nil, nil, nil, err
	}
	return client, server, session, nil
}

// turmsRows reads a table of the documentation: the Category cell is
// blank on every row but a category's first.
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

// readTurms20231225 reads the revision of 2023-12-25: every set from the
// documentation, and the server codes' HTTP statuses from the server's
// enum of the same date, which must list the same codes.
func readTurms20231225(dir string) (*turmsSource, error) {
	client, server, session, err := turmsDocTables(dir)
	if err != nil {
		return nil, err
	}
	tsv, err := readTSV(dir, turmsHTTP, "code", "name", "http_status")
	if err != nil {
		return nil, err
	}
	type httpRow struct {
		name   string
		status int
	}
	httpOf := map[int32]httpRow{}
	for _, row := range tsv.Rows {
		n, s, err := turmsCodeAndStatus(turmsHTTP, row)
		if err != nil {
			return nil, err
		}
		if _, dup := httpOf[n]; dup {
			return nil, fmt.Errorf("%s: code %d listed twice", turmsHTTP, n)
		}
		httpOf[n] = httpRow{row[1], s}
	}
	if len(httpOf) != len(server) {
		return nil, fmt.Errorf("%s has %d codes, %s %d", turmsHTTP, len(httpOf), turmsDoc, len(server))
	}
	for i, row := range server {
		h, ok := httpOf[row.num]
		if !ok || h.name != row.name {
			return nil, fmt.Errorf("%s: %s (%d) is not in %s as such", turmsDoc, row.name, row.num, turmsHTTP)
		}
		server[i].http = h.status
	}
	return &turmsSource{
		files:  []string{turmsDoc, turmsHTTP},
		server: server, client: client, session: session,
		clientCategories: `the documented category of c ("Request related" for
ClientInvalidRequest), or "" for a code that is not listed`,
	}, nil
}

// turmsServer2024 is the server's enum of 2024-07-14, with the comment
// heading each code stands under.
const turmsServer2024 = "turms-server-2024-07-14.tsv"

// turmsGeneralGroups names the three general headings of the enum of
// 2024-07-14 as the documentation names the categories of the same codes
// (turms-status-code.md files 1000 to 1002, 1100 to 1106 and 1200 to 1201
// under these, and the enum lists the same codes under the headings);
// every other heading is a category's text without its " Related Error"
// ("User - Login" is "User - Login Related Error").
var turmsGeneralGroups = map[string]string{
	"Successful responses": "Successful Response",
	"Client":               "Client Request Error",
	"Server":               "Server Error",
}

// readTurms20240714 reads the revision of 2024-07-14: the server codes,
// their HTTP statuses and categories from the server's enum; the
// client-only codes from the Kotlin client of 2024-12-28, with the
// documentation's categories of the same names (the client's file
// carries none); the close statuses from the documentation, which
// Turms has not changed since.
func readTurms20240714(dir string) (*turmsSource, error) {
	docClient, _, session, err := turmsDocTables(dir)
	if err != nil {
		return nil, err
	}
	tsv, err := readTSV(dir, turmsServer2024, "code", "name", "http_status", "source_group")
	if err != nil {
		return nil, err
	}
	var server []turmsRow
	for i, row := range tsv.Rows {
		n, s, err := turmsCodeAndStatus(turmsServer2024, row)
		if err != nil {
			return nil, err
		}
		if row[3] == "" {
			return nil, fmt.Errorf("%s: %s has no source_group", turmsServer2024, row[1])
		}
		category, general := turmsGeneralGroups[row[3]]
		if !general {
			category = row[3] + " Related Error"
		}
		r := turmsRow{category: category, class: n, name: row[1], num: n, http: s}
		if i > 0 {
			prev := server[i-1]
			if n <= prev.num {
				return nil, fmt.Errorf("%s: %s (%d) is not after %d", turmsServer2024, row[1], n, prev.num)
			}
			if prev.category == category {
				r.class = prev.class
			}
		}
		server = append(server, r)
	}

	kotlin, err := readTSV(dir, turmsKotlinClient, "code", "name", "kind")
	if err != nil {
		return nil, err
	}
	categoryOf := map[string]string{}
	for _, r := range docClient {
		categoryOf[r.name] = r.category
	}
	var client []turmsRow
	var uncategorised []string
	for _, row := range kotlin.Rows {
		if row[2] != "client_only" {
			continue
		}
		n, err := strconv.Atoi(row[0])
		if err != nil {
			return nil, fmt.Errorf("%s: %s: code %q", turmsKotlinClient, row[1], row[0])
		}
		r := turmsRow{category: categoryOf[row[1]], class: int32(n), name: row[1], num: int32(n)}
		if r.category == "" {
			uncategorised = append(uncategorised, "Client"+camel(row[1]))
		} else if len(client) > 0 && client[len(client)-1].category == r.category {
			r.class = client[len(client)-1].class
		}
		client = append(client, r)
	}
	note := `the category the documentation of 2023-12-25 gives the client-only
code of c's name ("Request related" for ClientInvalidRequest), or "" for
a code that is not listed`
	if len(uncategorised) > 0 {
		note += " or that the documentation does not list (" + strings.Join(uncategorised, ", ") + ")"
	}
	return &turmsSource{
		files:  []string{turmsServer2024, turmsKotlinClient, turmsDoc},
		server: server, client: client, session: session,
		clientCategories: note,
	}, nil
}

// turmsCodeAndStatus reads the code and HTTP status cells of a row of a
// server enum's table: code, name, http_status.
func turmsCodeAndStatus(file string, row []string) (int32, int, error) {
	n, err := strconv.Atoi(row[0])
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %s: code %q", file, row[1], row[0])
	}
	s, err := strconv.Atoi(row[2])
	if err != nil || s < 100 || s > 599 {
		return 0, 0, fmt.Errorf("%s: %s: status %q", file, row[1], row[2])
	}
	return int32(n), s, nil
}

// turmsNames are the names of every revision's sets, by set: a row of a
// judgement table must name a code of at least one revision.
type turmsNames struct{ server, client, session map[string]bool }

func allTurmsNames(dir string) (*turmsNames, error) {
	names := &turmsNames{map[string]bool{}, map[string]bool{}, map[string]bool{}}
	add := func(set map[string]bool, rows []turmsRow) {
		for _, r := range rows {
			set[r.name] = true
		}
	}
	for _, rev := range turmsRevisions {
		src, err := rev.read(dir)
		if err != nil {
			return nil, err
		}
		add(names.server, src.server)
		add(names.client, src.client)
		add(names.session, src.session)
	}
	return names, nil
}

// turmsCategory is a category of the server codes, split into its parts.
type turmsCategory struct {
	text, area, topic, kind string
	classes                 []int32 // the codes that open it
	codes                   int     // how many codes it files
}

// turmsGeneral are the three general categories of the documentation,
// the kinds of their codes: no area, no topic.
var turmsGeneral = map[string]string{
	"Successful Response":  "Success",
	"Client Request Error": "ClientError",
	"Server Error":         "ServerError",
}

// splitTurmsCategory splits a category's text: "Group - Member Related
// Error" is area Group, topic Member; "Storage Related Error" has no
// topic; the three general categories have neither.
func splitTurmsCategory(text string) (turmsCategory, error) {
	if kind, ok := turmsGeneral[text]; ok {
		return turmsCategory{text: text, kind: kind}, nil
	}
	c := turmsCategory{text: text, kind: "ClientError"}
	s, ok := strings.CutSuffix(text, " Related Error")
	if !ok {
		if s, ok = strings.CutSuffix(text, " Error"); !ok {
			return c, fmt.Errorf("category %q: no Error suffix", text)
		}
	}
	c.area, c.topic, _ = strings.Cut(s, " - ")
	if c.area == "" || strings.ContainsAny(c.area, " -") {
		return c, fmt.Errorf("category %q: area %q is not one word", text, c.area)
	}
	return c, nil
}

// short is the category's text without its " Related Error" or " Error"
// suffix: "Group - Member".
func (c *turmsCategory) short() string {
	if s, ok := strings.CutSuffix(c.text, " Related Error"); ok {
		return s
	}
	s, _ := strings.CutSuffix(c.text, " Error")
	return s
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

// turmsJudgement is statusreg's judgement of Turms' codes, keyed by
// upstream name and shared by every revision.
type turmsJudgement struct {
	semantic                  *httpMapping
	overrides                 map[string]judged
	overrideOrder             []string
	clientGRPC, sessionGRPC   map[string]judged
	serverDocs, clientDocs    map[string]string
	sessionDocs               map[string]string
	decideServer              string // the retry tables, by file name
	decideClient, decideClose string
}

func readTurmsJudgement(dir string) (*turmsJudgement, error) {
	j := &turmsJudgement{
		decideServer: "retry-turms.tsv", decideClient: "retry-turms-client.tsv", decideClose: "retry-turms-close.tsv",
	}
	var err error
	if j.semantic, err = readHTTPSemantic(dir); err != nil {
		return nil, err
	}
	if j.overrides, j.overrideOrder, err = readJudged(dir, turmsOverridesFile, "name", "grpc", "group", "reason"); err != nil {
		return nil, err
	}
	if j.clientGRPC, _, err = readJudged(dir, turmsClientFile, "name", "grpc", "reason"); err != nil {
		return nil, err
	}
	if j.sessionGRPC, _, err = readJudged(dir, turmsSessionFile, "name", "grpc", "reason"); err != nil {
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
	j.serverDocs, j.clientDocs, j.sessionDocs = docsOf("server"), docsOf("client"), docsOf("session")
	if len(j.serverDocs)+len(j.clientDocs)+len(j.sessionDocs) != len(docs) {
		return nil, fmt.Errorf("%s: a set other than server, client and session", turmsDocsFile)
	}
	return j, nil
}

// check reports the first row of a judgement table that names no code of
// any revision.
func (j *turmsJudgement) check(names *turmsNames) error {
	for _, err := range []error{
		unused(j.overrides, func(n string) bool { return names.server[n] }, turmsOverridesFile),
		unused(j.serverDocs, func(n string) bool { return names.server[n] }, turmsDocsFile),
		unused(j.clientGRPC, func(n string) bool { return names.client[n] }, turmsClientFile),
		unused(j.clientDocs, func(n string) bool { return names.client[n] }, turmsDocsFile),
		unused(j.sessionGRPC, func(n string) bool { return names.session[n] }, turmsSessionFile),
		unused(j.sessionDocs, func(n string) bool { return names.session[n] }, turmsDocsFile),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

func turmsRegistries(dir string, rev *turmsRevision) ([]*registry, error) {
	src, err := rev.read(dir)
	if err != nil {
		return nil, err
	}
	j, err := readTurmsJudgement(dir)
	if err != nil {
		return nil, err
	}
	names, err := allTurmsNames(dir)
	if err != nil {
		return nil, err
	}
	if err := j.check(names); err != nil {
		return nil, err
	}
	pkg := filepath.Base(rev.dir)
	sources := []string{}
	for _, f := range append(slices.Clone(src.files), grpcSemanticFile, turmsOverridesFile, turmsClientFile, turmsSessionFile, turmsDocsFile) {
		sources = append(sources, "testdata/"+f)
	}
	common := func(r *registry) *registry {
		r.pkg = pkg
		r.sources = sources
		r.system, r.domain, r.consts = "turms", turmsDomain, true
		r.revision = rev.date
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
	overridden := map[string]overrideDoc{}
	for _, row := range src.server {
		doc := docOr(j.serverDocs, row.name, "code")
		byHTTP := j.semantic.code(row.http)
		g := byHTTP
		if o, ok := j.overrides[row.name]; ok {
			if o.grpc == g {
				return nil, fmt.Errorf("%s: the override of %s changes nothing", turmsOverridesFile, row.name)
			}
			g = o.grpc
			doc += fmt.Sprintf("\n// Its gRPC code is %s: %s (HTTP %d alone gives %s).", grpcName(g), o.reason, row.http, grpcName(byHTTP))
			overridden[row.name] = overrideDoc{goName: camel(row.name), http: row.http, byHTTP: byHTTP}
		}
		server.docs[row.name] = doc + fmt.Sprintf("\n// Category %q.", row.category)
		server.entries = append(server.entries, table.Entry{
			Num: row.num, Name: row.name, GoName: camel(row.name), Class: row.class,
			GRPC: g, HTTP: uint16(row.http),
		})
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
		c.codes++
		if row.class == row.num {
			c.classes = append(c.classes, row.num)
		}
	}
	server.title += "\n//\n// " + strings.ReplaceAll(turmsOverrideList(j.overrides, j.overrideOrder, overridden), "\n", "\n// ")
	server.ok = 1000
	server.fallback = 1200 // SERVER_INTERNAL_ERROR, as Turms answers an unexpected failure
	if err := turmsAliases(dir, server); err != nil {
		return nil, err
	}
	server.sources = append(slices.Clone(server.sources), "testdata/"+turmsKotlinClient)

	// ClientCode and SessionCloseStatus: no HTTP status; a gRPC code each.
	local := func(r *registry, rows []turmsRow, prefix, what, file string, grpc map[string]judged, docs map[string]string) error {
		for _, row := range rows {
			g, ok := grpc[row.name]
			if !ok {
				return fmt.Errorf("%s: %s %s has no gRPC code", file, r.typeName, row.name)
			}
			category := fmt.Sprintf("Category %q.", row.category)
			if row.category == "" {
				category = "No category."
			}
			r.docs[row.name] = docOr(docs, row.name, what) +
				fmt.Sprintf("\n// %s Its gRPC code is %s: %s.", category, grpcName(g.grpc), g.reason)
			r.entries = append(r.entries, table.Entry{
				Num: row.num, Name: row.name, GoName: prefix + camel(row.name), Class: row.class, GRPC: g.grpc,
			})
		}
		return nil
	}
	foreign, err := turmsForeign(dir, server, names)
	if err != nil {
		return nil, err
	}
	client := common(&registry{
		codeType: "ClientCode", typeName: "ClientCode", varName: "clientRegistry",
		methods: &methods{parse: "ParseClientCode", list: "ClientCodes", noun: "client-only code",
			logAttr: `slog.String("category", c.Category())`},
		title: "The client-only codes, with the upstream numbers: a client rejected the request locally.",
	})
	if err := local(client, src.client, "Client", "client-only code", turmsClientFile, j.clientGRPC, j.clientDocs); err != nil {
		return nil, err
	}
	session := common(&registry{
		codeType: "SessionCloseStatus", typeName: "SessionCloseStatus", varName: "sessionRegistry",
		methods: &methods{parse: "ParseSessionCloseStatus", list: "SessionCloseStatuses", noun: "close status",
			logAttr: `slog.String("category", c.Category())`},
		title: "The reasons a session closes, with the upstream numbers.",
	})
	if err := local(session, src.session, "Close", "session close status", turmsSessionFile, j.sessionGRPC, j.sessionDocs); err != nil {
		return nil, err
	}

	server.extra = func(w *writer) {
		emitTurmsCategories(w, rev, categories)
		emitTurmsForeign(w, foreign)
	}
	client.extra = func(w *writer) { emitCategoryText(w, "clientCategory", "ClientCode", src.client) }
	session.extra = func(w *writer) { emitCategoryText(w, "sessionCategory", "SessionCloseStatus", src.session) }

	decisions, err := turmsDecisions(dir, j, names, server, client, session)
	if err != nil {
		return nil, err
	}
	doc, types, err := turmsTemplates(rev, src, categories, server)
	if err != nil {
		return nil, err
	}
	server.files = map[string][]byte{"decisions.go": decisions, "doc.go": doc, "types.go": types}
	return []*registry{server, client, session}, nil
}

// overrideDoc is what the doc of the overrides says of one override.
type overrideDoc struct {
	goName string
	http   int        // the code's HTTP status
	byHTTP codes.Code // the gRPC code the status alone gives
}

// turmsOverrideList returns the text of the doc that lists the gRPC
// overrides of one revision (docs holds its overridden codes), grouped
// as turms-grpc-overrides.tsv groups them, in its order, without the
// comment markers.
func turmsOverrideList(overrides map[string]judged, order []string, docs map[string]overrideDoc) string {
	type bullet struct {
		group string
		grpc  codes.Code
		names []string
		alone []string // "HTTP 403 alone gives PERMISSION_DENIED", once each
	}
	var bullets []*bullet
	for _, name := range order {
		o := overrides[name]
		d, ok := docs[name]
		if !ok {
			continue // a code of another revision
		}
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
func emitTurmsCategories(w *writer, rev *turmsRevision, categories []*turmsCategory) {
	w.p("")
	w.p("// SourceRevision names the upstream revisions the tables are generated from.")
	w.p("const SourceRevision = %q", rev.sourceRevision)
	var areas, topics []string
	for _, c := range categories {
		if c.area != "" && !slices.Contains(areas, c.area) {
			areas = append(areas, c.area)
		}
		if c.topic != "" && !slices.Contains(topics, c.topic) {
			topics = append(topics, c.topic)
		}
	}
	w.p("")
	w.p("// The areas of the server codes' categories.")
	w.p("const (")
	for _, a := range areas {
		w.p("Area%s Area = %q // the %s categories", identifier(a), a, a)
	}
	w.p(")")
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
		if r.num == r.class && r.category != "" {
			w.p("case %d:", r.class)
			w.p("return %q", r.category)
		}
	}
	w.p("}")
	w.p("return \"\"")
	w.p("}")
}
