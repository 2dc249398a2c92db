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
	imports  []string // extra imports of the generated file

	typeName, system, domain string
	ok, fallback             int32
	bucketClasses            bool // see table.Table.BucketClasses

	entries []table.Entry // sorted by number by finish
	ops     []string
	marks   []table.Marks // parallel to entries, when ops is set

	// consts, when set, makes gen declare one constant of codeType per
	// entry, with docs[Name] as its doc comment.
	consts bool
	docs   map[string]string

	// extra writes registry-specific declarations after the table.
	extra func(w *writer)
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
		for _, n := range []string{e.Name, e.GoName} {
			k := strings.ToUpper(n)
			if other, dup := names[k]; dup && other != e.Num {
				return fmt.Errorf("name %s is ambiguous: codes %d and %d", n, other, e.Num)
			}
			names[k] = e.Num
		}
		if r.consts && r.docs[e.Name] == "" {
			return fmt.Errorf("%s has no doc comment", e.Name)
		}
	}
	for _, e := range r.entries {
		if !nums[e.Class] {
			return fmt.Errorf("%s: class %d is not a code", e.Name, e.Class)
		}
	}
	return nil
}

// dense returns how many sorted entries are numbered 0, 1, 2, ...
func (r *registry) dense() int {
	n := 0
	for n < len(r.entries) && int(r.entries[n].Num) == n {
		n++
	}
	return n
}

// hundreds returns Table.Hundreds for the sorted entries.
func (r *registry) hundreds() []int {
	last := int(r.entries[len(r.entries)-1].Num) / table.Bucket
	h := make([]int, last+2)
	i := 0
	for b := range h {
		for i < len(r.entries) && int(r.entries[i].Num) < b*table.Bucket {
			i++
		}
		h[b] = i
	}
	return h
}

// sortedBy returns entry indexes sorted by the upper-cased key.
func (r *registry) sortedBy(key func(entry) string) []int {
	idx := make([]int, len(r.entries))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool {
		return strings.ToUpper(key(r.entries[idx[a]])) < strings.ToUpper(key(r.entries[idx[b]]))
	})
	return idx
}

// camel turns an UPPER_SNAKE name into CamelCase: TOPIC_NOT_FOUND gives
// TopicNotFound, OK gives OK.
func camel(name string) string {
	if name == "OK" {
		return name
	}
	var b strings.Builder
	for _, word := range strings.Split(name, "_") {
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

// inMemory returns, as a value, the table emit writes as source, so that
// tests can run the engine on a registry no package is generated for.
func inMemory[C table.Code](r *registry) (*table.Table[C], error) {
	if err := r.finish(); err != nil {
		return nil, err
	}
	u16 := func(xs []int) []uint16 {
		out := make([]uint16, len(xs))
		for i, x := range xs {
			out[i] = uint16(x)
		}
		return out
	}
	return &table.Table[C]{
		TypeName: r.typeName, System: r.system, Domain: r.domain,
		OK: r.ok, Fallback: r.fallback, BucketClasses: r.bucketClasses,
		Entries: r.entries, Dense: r.dense(), Hundreds: u16(r.hundreds()),
		ByName:   u16(r.sortedBy(func(e entry) string { return e.Name })),
		ByGoName: u16(r.sortedBy(func(e entry) string { return e.GoName })),
		Ops:      r.ops, Marks: r.marks,
	}, nil
}
