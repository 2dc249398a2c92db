package table

import "strings"

// Indexes returns the lookup indexes of entries sorted by number: the
// length of their dense prefix (Table.Dense) and the names hash table
// (Table.Names). The generator writes what it returns as literals;
// nothing calls it at run time.
func Indexes(entries []Entry, aliases []Alias) (dense int, names []uint16) {
	for dense < len(entries) && int(entries[dense].Num) == dense {
		dense++
	}

	keys := len(aliases)
	for _, e := range entries {
		keys++
		if !strings.EqualFold(e.GoName, e.Name) {
			keys++
		}
	}
	size := 8
	for size < 2*keys { // at most half full
		size *= 2
	}
	names = make([]uint16, size)
	place := func(name string, v int) {
		i := NameSlot(name, size)
		for names[i] != 0 {
			i = (i + 1) & (size - 1)
		}
		names[i] = uint16(v)
	}
	for i, e := range entries {
		place(e.Name, 4*i+1)
		if !strings.EqualFold(e.GoName, e.Name) {
			place(e.GoName, 4*i+2)
		}
	}
	for j, a := range aliases {
		place(a.Name, 4*j+3)
	}
	return dense, names
}

// Direct returns the direct index of entries sorted by number
// (Table.Mul and Table.Slots), with each slot's Allowed cells taken from
// marks (parallel to entries, or nil) for the first ops operations. It
// looks for the fewest slots, at least one per entry, in which a
// multiplier gives every number a slot of its own; it tries the multiples
// of 2^32/φ, which spread runs of numbers evenly (Fibonacci hashing).
// Like Indexes, it runs in the generator only.
func Direct(entries []Entry, marks []Marks, ops int) (mul uint32, slots []Slot) {
	for size := len(entries); ; size++ {
		slots = make([]Slot, size)
	next:
		for k := uint32(1); k <= 1<<12; k++ {
			mul = k * 0x9E3779B9
			for s := range slots {
				slots[s] = Slot{Num: -1}
			}
			for i, e := range entries {
				s := &slots[slotOf(uint32(e.Num), mul, size)]
				if s.Num >= 0 {
					continue next // two numbers share a slot
				}
				*s = Slot{Num: e.Num, Entry: uint16(i), Name: e.Name}
				if marks != nil {
					m := marks[i]
					s.Allowed = m.Listed & m.Allowed &^ m.Reserved & (1<<ops - 1)
				}
			}
			return mul, slots
		}
	}
}
