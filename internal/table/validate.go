package table

import (
	"fmt"
	"strings"
)

// Validate checks the invariants lookups rely on: entries sorted by
// number and unique, every number past the dense prefix in its slot,
// every name found through the names table, classes listed, one Marks row per
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
	for i, e := range t.Entries {
		if i >= t.Dense && t.slot(int64(e.Num)) == nil {
			return fmt.Errorf("%s: no slot holds number %d", e.Name, e.Num)
		}
	}
	size, keys := len(t.Names), 0
	if size&(size-1) != 0 {
		return fmt.Errorf("names table of %d slots: not a power of two", size)
	}
	for _, v := range t.Names {
		if v == 0 {
			continue
		}
		keys++
		if v&3 == 0 || v&3 < 3 && int(v>>2) >= len(t.Entries) || v&3 == 3 && int(v>>2) >= len(t.Aliases) {
			return fmt.Errorf("names slot %d points past the entries", v)
		}
	}
	if 2*keys > size {
		return fmt.Errorf("names table of %d slots holds %d names: over half full", size, keys)
	}
	for i, e := range t.Entries {
		for _, name := range []string{e.Name, e.GoName, strings.ToLower(e.Name)} {
			if got := t.byName(name); got != i {
				return fmt.Errorf("name %q finds entry %d, want %d (%s)", name, got, i, e.Name)
			}
		}
	}
	for _, a := range t.Aliases {
		if got := t.byName(a.Name); got != int(a.Entry) {
			return fmt.Errorf("alias %q finds entry %d, want %d", a.Name, got, a.Entry)
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
