package crossreg

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/internal/registries"
	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/rocketmq"
)

// TestConstantDocsAsData: the doc of every code constant opens with the
// sentence its registry's doc file (testdata/*-docs.tsv) gives its
// upstream name, "Name <doc>", or, for a name the file has no row for,
// with the plain sentence "Name is the upstream <what> NAME.". Every row
// of the files names a constant.
func TestConstantDocsAsData(t *testing.T) {
	docs := func(file string, keys int, header ...string) map[string]string {
		out := map[string]string{}
		for _, row := range dataRows(t, file, header...) {
			key := strings.Join(row[:keys], "/")
			require.NotContains(t, out, key, "%s: %s listed once", file, key)
			out[key] = row[keys]
		}
		return out
	}
	rocketmqDocs := docs("rocketmq-docs.tsv", 1, "name", "doc")
	rpcDocs := docs("rocketmq-rpc-docs.tsv", 1, "rpc", "doc")
	turmsDocs := docs("turms-docs.tsv", 2, "set", "name", "doc")
	httpmapDocs := docs("httpmap-docs.tsv", 1, "name", "doc", "description", "suggestion")

	used := map[string]bool{}
	type docCase struct {
		dir, typ, what, file, set string
		docs                      map[string]string
		name                      func(int64) string // the upstream name of a value
	}
	cases := []docCase{
		{"rocketmq", "Code", "code", "rocketmq-docs.tsv", "", rocketmqDocs, func(n int64) string { return rocketmq.Code(n).String() }},
		{"rocketmq", "RPC", "RPC", "rocketmq-rpc-docs.tsv", "", rpcDocs, func(n int64) string { return rocketmq.RPC(n).String() }},
		{"httpmap", "Code", "error status code", "httpmap-docs.tsv", "", httpmapDocs, func(n int64) string { return httpmap.Code(n).String() }},
	}
	// Every Turms revision's three sets share the rows of turms-docs.tsv,
	// by name.
	turmsSets := map[string][2]string{
		"Code": {"code", "server/"}, "ClientCode": {"client-only code", "client/"}, "SessionCloseStatus": {"session close status", "session/"},
	}
	for i := range registries.All {
		if r := &registries.All[i]; r.System == "turms" {
			set := turmsSets[r.Type]
			require.NotEmpty(t, set[0], "a Turms set %s", r.Type)
			cases = append(cases, docCase{r.Package, r.Type, set[0], "turms-docs.tsv", set[1], turmsDocs, r.String})
		}
	}
	for _, tc := range cases {
		seen := 0
		for _, k := range constants(t, tc.dir) {
			if k.typ != tc.typ {
				continue
			}
			seen++
			upstream := tc.name(k.value)
			key := tc.set + upstream
			doc, ok := tc.docs[key]
			if !ok {
				doc = "is the upstream " + tc.what + " " + upstream + "."
			}
			used[tc.file+":"+key] = true
			assert.True(t, strings.HasPrefix(k.doc, k.name+" "+doc+"\n"),
				"%s.%s: its doc opens with %q, from %s:\n%s", tc.dir, k.name, k.name+" "+doc, tc.file, k.doc)
		}
		assert.NotZero(t, seen, "constants of %s.%s", tc.dir, tc.typ)
	}
	for file, m := range map[string]map[string]string{
		"rocketmq-docs.tsv": rocketmqDocs, "rocketmq-rpc-docs.tsv": rpcDocs,
		"turms-docs.tsv": turmsDocs, "httpmap-docs.tsv": httpmapDocs,
	} {
		for key := range m {
			assert.True(t, used[file+":"+key], "%s: %s names no constant", file, key)
		}
	}
}

// constGroupDoc returns the doc comment of the const block of the
// registry package pkg whose first constant has type typ.
func constGroupDoc(t *testing.T, pkg, typ string) string {
	t.Helper()
	dir := dirOf(pkg)
	files, err := filepath.Glob(filepath.Join("..", "..", dir, "*.go"))
	require.NoError(t, err)
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST || len(gd.Specs) == 0 {
				continue
			}
			if vs := gd.Specs[0].(*ast.ValueSpec); vs.Type != nil && typeName(vs.Type) == typ {
				return gd.Doc.Text()
			}
		}
	}
	t.Fatalf("no const block of type %s in %s", typ, dir)
	return ""
}

// overrideBullet is an item of the list of overrides in the doc of the
// turms Code constants: "GRPC for group (HTTP ...): Name, Name.".
var overrideBullet = regexp.MustCompile(`^([A-Z_]+) for (.+) \((HTTP \d+ alone gives [A-Z_]+(?:, HTTP \d+ alone gives [A-Z_]+)*)\): (.+)\.$`)

// TestTurmsOverrideListAsData: the doc of each Turms revision's Code
// constants lists every row of testdata/turms-grpc-overrides.tsv that
// names one of its codes, under the bullet of its gRPC code and group,
// and nothing else.
func TestTurmsOverrideListAsData(t *testing.T) {
	for _, r := range turmsServerRegistries() {
		t.Run(r.Package, func(t *testing.T) {
			doc := constGroupDoc(t, r.Package, "Code")
			_, list, ok := strings.Cut(doc, "\n  - ")
			require.True(t, ok, "the doc of the Code constants has a list:\n%s", doc)
			goNames := map[string]int64{}
			upstream := map[string]bool{}
			for _, c := range scanned(r) {
				goNames[source.GoName(r.String(c))] = c
				upstream[r.String(c)] = true
			}
			listed := map[string]string{} // Go name -> "GRPC for group"
			for _, item := range strings.Split(list, "\n  - ") {
				item = strings.Join(strings.Fields(item), " ")
				m := overrideBullet.FindStringSubmatch(item)
				if !assert.NotNil(t, m, "override bullet %q", item) {
					continue
				}
				var alone []string // what the members' HTTP statuses give, once each
				for _, name := range strings.Split(m[4], ", ") {
					assert.NotContains(t, listed, name, "%s listed once", name)
					listed[name] = m[1] + " for " + m[2]
					c, ok := goNames[name]
					if assert.True(t, ok, "%s is a code of %s", name, r.Package) {
						a := fmt.Sprintf("HTTP %d alone gives %s", r.HTTPStatus(c), grpccodes.Name(grpccodes.FromHTTPStatus(r.HTTPStatus(c))))
						if !slices.Contains(alone, a) {
							alone = append(alone, a)
						}
					}
				}
				assert.Equal(t, strings.Join(alone, ", "), m[3], "the bullet %q says what HTTP alone gives", m[1]+" for "+m[2])
			}
			rows := 0
			for _, row := range dataRows(t, "turms-grpc-overrides.tsv", "name", "grpc", "group", "reason") {
				if !upstream[row[0]] {
					continue // a code of another revision
				}
				rows++
				assert.Equal(t, row[1]+" for "+row[2], listed[source.GoName(row[0])], row[0])
			}
			assert.Len(t, listed, rows)
		})
	}
}

// TestTestdataProvenance: testdata/README.md has a row for every file of
// testdata/, names every commit a registry's SourceRevision names, and
// points at nothing outside the repository.
func TestTestdataProvenance(t *testing.T) {
	dir, err := source.Dir()
	require.NoError(t, err)
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	require.NoError(t, err)
	text := string(readme)
	files, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, f := range files {
		if f.IsDir() || f.Name() == "README.md" {
			continue
		}
		assert.Contains(t, text, "\n| `"+f.Name()+"` |", "testdata/README.md has a row for %s", f.Name())
	}
	commit := regexp.MustCompile(`\b[0-9a-f]{40}\b`)
	revs := 0
	for _, r := range registries.All {
		if r.Doc == nil {
			continue
		}
		revs++
		pkg, rev := r.Package, r.Doc.SourceRevision
		for _, c := range commit.FindAllString(rev, -1) {
			assert.Contains(t, text, c, "testdata/README.md names the commit %s.SourceRevision names", pkg)
		}
		assert.NotContains(t, rev, "seed", pkg)
	}
	assert.GreaterOrEqual(t, revs, 4, "every registry package's SourceRevision")
	assert.NotContains(t, text, "shared/")
	assert.NotContains(t, strings.ReplaceAll(text, "in_seed_matrix", ""), "seed")
}
