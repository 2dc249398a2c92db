package main

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/statusreg/statusreg/internal/table"
)

// registry is everything gen knows of one registry before writing it.
type registry struct {
	pkg      string   // Go package name
	sources  []string // testdata files it was read from, for the header
	codeType string   // Go type of the codes, for example "Code" or "codes.Code"
	varName  string   // the table's variable; "registry" when empty

	// methods, when set, makes gen write the code type's shared methods
	// into methods.go; errors adds the package's Error type, Errorf,
	// CodeOf and FromStatus for it.
	methods *methods
	errors  bool

	typeName, system, domain string
	revision                 string // see table.Table.Revision
	ok, fallback             int32
	bucketClasses            bool // see table.Table.BucketClasses
	defaultHTTP              int  // see table.Table.DefaultHTTP

	entries []table.Entry    // sorted by number by finish
	aliases map[int32]string // by number: another upstream spelling of a name
	ops     []string
	marks   []table.Marks // parallel to entries, when ops is set

	// consts, when set, makes gen declare one constant of codeType per
	// entry, with docs[Name] as its doc comment, under the comment title
	// ("The rocketmq codes, with the upstream numbers." when empty).
	consts bool
	docs   map[string]string
	title  string

	// extra writes registry-specific declarations after the table.
	extra func(w *writer)

	// files are other files gen writes into the package, by name, beside
	// the table file and methods.go: a Turms revision's types.go, doc.go
	// and decisions.go.
	files map[string][]byte
}

// variable returns the name of the table's variable.
func (r *registry) variable() string {
	if r.varName == "" {
		return "registry"
	}
	return r.varName
}

// finish sorts the entries and checks the invariants the engine relies on.
func (r *registry) finish() error {
	if r.marks != nil && len(r.marks) != len(r.entries) {
		return fmt.Errorf("%d mark rows for %d entries", len(r.marks), len(r.entries))
	}
	order := make([]int, len(r.entries))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return r.entries[order[a]].Num < r.entries[order[b]].Num })
	entries := make([]table.Entry, len(order))
	var marks []table.Marks
	if r.marks != nil {
		marks = make([]table.Marks, len(order))
	}
	for i, j := range order {
		entries[i] = r.entries[j]
		if marks != nil {
			marks[i] = r.marks[j]
		}
	}
	r.entries, r.marks = entries, marks

	if len(r.ops) > 64 {
		return fmt.Errorf("%d operations; a Marks row holds 64", len(r.ops))
	}
	names := map[string]int32{}
	nums := map[int32]bool{}
	for _, e := range r.entries {
		if e.Num < 0 {
			return fmt.Errorf("%s: negative number %d", e.Name, e.Num)
		}
		if nums[e.Num] {
			return fmt.Errorf("number %d listed twice", e.Num)
		}
		nums[e.Num] = true
		// A folded name must point at one code, whichever index finds it.
		spellings := []string{e.Name, e.GoName}
		if a, ok := r.aliases[e.Num]; ok {
			spellings = append(spellings, a)
		}
		for _, n := range spellings {
			k := strings.ToUpper(n)
			if other, dup := names[k]; dup && other != e.Num {
				return fmt.Errorf("name %s is ambiguous: codes %d and %d", n, other, e.Num)
			}
			names[k] = e.Num
		}
	}
	for _, e := range r.entries {
		if !nums[e.Class] {
			return fmt.Errorf("%s: class %d is not a code", e.Name, e.Class)
		}
	}
	return nil
}

// initialisms are the words of upstream names that Go spells in one case
// (ClientIDRequired, not ClientIDRequired), as Go's naming convention has
// it. Only letter case changes, so a parser that folds case reads the old
// CamelCase spelling too.
var initialisms = map[string]bool{
	"ACK": true, "HA": true, "HTTP": true, "ID": true, "IP": true,
	"JFR": true, "TPS": true, "URL": true,
}

// camel turns an UPPER_SNAKE name into CamelCase: TOPIC_NOT_FOUND gives
// TopicNotFound, CLIENT_ID_REQUIRED gives ClientIDRequired, OK gives OK.
func camel(name string) string {
	if name == "OK" {
		return name
	}
	var b strings.Builder
	for _, word := range strings.Split(name, "_") {
		if initialisms[strings.ToUpper(word)] {
			b.WriteString(strings.ToUpper(word))
			continue
		}
		for i, r := range strings.ToLower(word) {
			if i == 0 {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

type entry = table.Entry

// entry returns the entry numbered num; finish has checked classes exist.
func (r *registry) entry(num int32) table.Entry {
	for _, e := range r.entries {
		if e.Num == num {
			return e
		}
	}
	return table.Entry{}
}

// build returns the registry's table as a value: emit writes it as
// source, and tests run the engine on registries no package exists for.
func build[C table.Code](r *registry) (*table.Table[C], error) {
	if err := r.finish(); err != nil {
		return nil, err
	}
	var aliases []table.Alias
	for i, e := range r.entries {
		if a, ok := r.aliases[e.Num]; ok {
			aliases = append(aliases, table.Alias{Entry: uint16(i), Name: a})
		}
	}
	dense, names := table.Indexes(r.entries, aliases)
	mul, slots := table.Direct(r.entries, r.marks, len(r.ops))
	return &table.Table[C]{
		TypeName: r.typeName, Package: r.pkg, System: r.system, Domain: r.domain, Revision: r.revision,
		OK: r.ok, Fallback: r.fallback, DefaultHTTP: r.defaultHTTP, BucketClasses: r.bucketClasses,
		Entries: r.entries, Dense: dense, Aliases: aliases, Names: names,
		Mul: mul, Slots: slots,
		Ops: r.ops, Marks: r.marks,
	}, nil
}
