package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"go/format"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/template"

	"github.com/statusreg/statusreg/internal/decisions"
)

// The hand-written part of a Turms package, the same in every revision,
// is written once, in these templates: its types with their docs, the
// methods that are not the table's (ranges, categories, decisions), and
// the package doc. gen fills in what each revision's tables say (counts,
// spans, example codes) and writes them as its types.go and doc.go.
var (
	//go:embed turms_types.tmpl
	turmsTypesTemplate string
	//go:embed turms_doc.tmpl
	turmsDocTemplate string
)

// turmsSpan is one set of a revision's codes, for the docs.
type turmsSpan struct {
	Count int
	Span  string // "1000 to 6131"
}

func spanOf(rows []turmsRow) turmsSpan {
	lo, hi := rows[0].num, rows[0].num
	for _, r := range rows {
		lo, hi = min(lo, r.num), max(hi, r.num)
	}
	return turmsSpan{len(rows), fmt.Sprintf("%d to %d", lo, hi)}
}

// turmsExample is a category that opens a hundred, with an unknown code
// of that hundred, for the docs.
type turmsExample struct {
	Category string // "Group - Member"
	Class    int32  // the code that opens it, 3400
	GoName   string // that code's constant
	HTTP     int    // its HTTP status, which the unknown code takes
	Unknown  int32  // an unknown code filed under it, 3499
}

// turmsTemplateData is what the templates need of one revision.
type turmsTemplateData struct {
	Pkg, Dir, Gen             string // the package, its directory, and the path to internal/gen from it
	Revision                  string
	Versions                  string // the package doc's section on the revision, as comment lines
	Server, Client, Session   turmsSpan
	Bucket, First             turmsExample // the largest and the first category that open a hundred
	Empty, FirstEmpty, Inside string
	ClientCategories          string
}

// turmsTemplates returns the doc.go and types.go of a revision's
// package.
func turmsTemplates(rev *turmsRevision, src *turmsSource, categories []*turmsCategory, server *registry) (doc, types []byte, err error) {
	d := turmsTemplateData{
		Pkg: server.pkg, Dir: rev.dir, Revision: rev.date,
		Gen:      strings.Repeat("../", strings.Count(rev.dir, "/")+1) + "internal/gen",
		Versions: commentParagraphs(rev.versions),
		Server:   spanOf(src.server), Client: spanOf(src.client), Session: spanOf(src.session),
		ClientCategories: src.clientCategories,
	}
	entry := map[int32]turmsRow{}
	classes := map[int32]*turmsCategory{} // the codes that open a category
	for _, r := range src.server {
		entry[r.num] = r
	}
	for _, c := range categories {
		for _, n := range c.classes {
			classes[n] = c
		}
	}
	example := func(c *turmsCategory) (turmsExample, bool) {
		if _, general := turmsGeneral[c.text]; general || c.classes[0]%100 != 0 {
			return turmsExample{}, false
		}
		n := c.classes[0]
		u := n + 99
		if _, known := entry[u]; known {
			return turmsExample{}, false
		}
		return turmsExample{c.short(), n, camel(entry[n].name), entry[n].http, u}, true
	}
	largest := -1
	for _, c := range categories {
		e, ok := example(c)
		if !ok {
			continue
		}
		if d.First.Category == "" {
			d.First = e
		}
		if c.codes > largest {
			d.Bucket, largest = e, c.codes
		}
	}
	if largest < 0 {
		return nil, nil, fmt.Errorf("no category opens a hundred with room for an unknown code")
	}

	// Hundreds no category opens: the first two that are not neighbours,
	// and the first thousand past the last code.
	last := src.server[0].num
	for _, r := range src.server {
		last = max(last, r.num)
	}
	var empty []string
	prev := int32(-1000)
	for h := int32(1000); h <= last && len(empty) < 2; h += 100 {
		if classes[h] == nil && h-prev > 100 {
			empty = append(empty, strconv.Itoa(int(h)))
			prev = h
		} else if classes[h] == nil {
			prev = h
		}
	}
	if len(empty) == 0 {
		return nil, nil, fmt.Errorf("every hundred of the server codes opens a category")
	}
	d.FirstEmpty = empty[0]
	empty = append(empty, strconv.Itoa(int(last/1000+1)*1000))
	d.Empty = strings.Join(empty, ", ")

	// Categories that open inside a hundred.
	var inside []string
	for _, c := range categories {
		for i, n := range c.classes {
			if n%100 == 0 {
				continue
			}
			if i == 0 {
				inside = append(inside, fmt.Sprintf("%s at %d", c.short(), n))
			} else {
				inside = append(inside, fmt.Sprintf("the second %s run at %d", c.short(), n))
			}
		}
	}
	d.Inside = strings.Join(inside, ", ")

	if doc, err = execute("turms_doc.tmpl", turmsDocTemplate, d); err != nil {
		return nil, nil, err
	}
	if types, err = execute("turms_types.tmpl", turmsTypesTemplate, d); err != nil {
		return nil, nil, err
	}
	return doc, types, nil
}

// commentParagraphs returns text as comment lines: each paragraph (they
// are separated by blank lines) wrapped anew.
func commentParagraphs(text string) string {
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		out = append(out, "// "+strings.Join(wrap(p, 69), "\n// "))
	}
	return strings.Join(out, "\n//\n")
}

// execute renders a template as formatted Go source. Its functions
// comment and bullet render one of its templates as a doc comment's
// paragraph or list item, wrapped: what the revision fills in changes
// the lines' lengths.
func execute(name, text string, data any) ([]byte, error) {
	t := template.New(name).Option("missingkey=error")
	render := func(first, rest, sub string, data any) (string, error) {
		var b strings.Builder
		if err := t.ExecuteTemplate(&b, sub, data); err != nil {
			return "", err
		}
		lines := wrap(b.String(), 72-len(first))
		return first + strings.Join(lines, "\n"+rest), nil
	}
	t.Funcs(template.FuncMap{
		"comment": func(sub string, data any) (string, error) { return render("// ", "// ", sub, data) },
		"bullet":  func(sub string, data any) (string, error) { return render("//   - ", "//     ", sub, data) },
	})
	if _, err := t.Parse(text); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, err
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%s: formatting: %w\n%s", name, err, b.Bytes())
	}
	return src, nil
}

// turmsDecisions returns the decisions.go of a revision's package: the
// decisions of the retry tables, which name codes, resolved against the
// revision's sets. A row that names a code of no revision is an error.
func turmsDecisions(dir string, j *turmsJudgement, names *turmsNames, server, client, session *registry) ([]byte, error) {
	sets := []struct {
		fn, file string
		r        *registry
		all      map[string]bool
	}{
		{"decideCode", j.decideServer, server, names.server},
		{"decideClient", j.decideClient, client, names.client},
		{"decideClose", j.decideClose, session, names.session},
	}
	var b bytes.Buffer
	var files []string
	for _, s := range sets {
		files = append(files, "testdata/"+s.file)
	}
	fmt.Fprintf(&b, "// Code generated by internal/gen from %s. DO NOT EDIT.\n\n", strings.Join(files, ", "))
	fmt.Fprintf(&b, "package %s\n\nimport \"github.com/statusreg/statusreg/retry\"\n", server.pkg)
	for _, s := range sets {
		t, err := decisions.Read(filepath.Join(dir, s.file))
		if err != nil {
			return nil, err
		}
		if !t.ByName {
			return nil, fmt.Errorf("%s: keyed by number; the Turms revisions share tables keyed by name", s.file)
		}
		resolved, unknown := t.Resolve(func(name string) (int64, bool) {
			i := slices.IndexFunc(s.r.entries, func(e entry) bool { return e.Name == name })
			if i < 0 {
				return 0, false
			}
			return int64(s.r.entries[i].Num), true
		})
		for _, name := range unknown {
			if !s.all[name] {
				return nil, fmt.Errorf("%s: %s is not a code of the registry", s.file, name)
			}
		}
		if err := resolved.Emit(&b, s.fn); err != nil {
			return nil, err
		}
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting decisions: %w", err)
	}
	return src, nil
}
