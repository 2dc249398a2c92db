package table

import (
	"fmt"
	"strings"
)

// Validate checks the invariants lookups rely on: entries sorted by
// number and unique, Hundreds pointing at each bucket's first entry,
// name indexes complete and sorted, classes listed, one Marks row per
// entry. Registries' tests call it on their generated tables.
func (t *Table[C]) Validate() error {
	for i, e := range t.Entries {
		if e.Num < 0 {
			return fmt.Errorf("%s: negative number", e.Name)
		}
		if i > 0 && t.Entries[i-1].Num >= e.Num {
			return fmt.Errorf("entries not sorted at %s", e.Name)
		}
		if t.index(int64(e.Class)) < 0 {
			return fmt.Errorf("%s: class %d is not listed", e.Name, e.Class)
		}
	}
	if t.Dense < 0 || t.Dense > len(t.Entries) {
		return fmt.Errorf("dense prefix %d is out of range", t.Dense)
	}
	for i := range t.Entries[:t.Dense] {
		if int(t.Entries[i].Num) != i {
			return fmt.Errorf("dense prefix %d, but entry %d is numbered %d", t.Dense, i, t.Entries[i].Num)
		}
	}
	if len(t.Entries) > 0 {
		last := int(t.Entries[len(t.Entries)-1].Num) / Bucket
		if len(t.Hundreds) != last+2 {
			return fmt.Errorf("%d hundreds, want %d", len(t.Hundreds), last+2)
		}
	}
	for b, first := range t.Hundreds {
		i := int(first)
		if i > len(t.Entries) ||
			(i < len(t.Entries) && int(t.Entries[i].Num) < b*Bucket) ||
			(i > 0 && int(t.Entries[i-1].Num) >= b*Bucket) {
			return fmt.Errorf("hundreds[%d] = %d is not the first entry of its bucket", b, first)
		}
	}
	for _, ix := range []struct {
		name string
		idx  []uint16
		key  func(Entry) string
	}{
		{"ByName", t.ByName, func(e Entry) string { return e.Name }},
		{"ByGoName", t.ByGoName, func(e Entry) string { return e.GoName }},
	} {
		if len(ix.idx) != len(t.Entries) {
			return fmt.Errorf("%s has %d indexes for %d entries", ix.name, len(ix.idx), len(t.Entries))
		}
		seen := make([]bool, len(t.Entries))
		for k, i := range ix.idx {
			if int(i) >= len(t.Entries) || seen[i] {
				return fmt.Errorf("%s[%d] = %d is out of range or repeated", ix.name, k, i)
			}
			seen[i] = true
			if k > 0 && strings.ToUpper(ix.key(t.Entries[ix.idx[k-1]])) >= strings.ToUpper(ix.key(t.Entries[i])) {
				return fmt.Errorf("%s not sorted at %s", ix.name, ix.key(t.Entries[i]))
			}
		}
	}
	if len(t.Ops) > 64 {
		return fmt.Errorf("%d operations; Marks holds 64", len(t.Ops))
	}
	if t.Marks != nil && len(t.Marks) != len(t.Entries) {
		return fmt.Errorf("%d Marks rows for %d entries", len(t.Marks), len(t.Entries))
	}
	return nil
}
