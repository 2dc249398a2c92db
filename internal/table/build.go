package table

import "strings"

// Indexes returns the lookup indexes of entries sorted by number: the
// length of their dense prefix (Table.Dense), the first entry of each
// bucket (Table.Hundreds), and the names hash table (Table.Names). The
// generator writes what it returns as literals; nothing calls it at run
// time.
func Indexes(entries []Entry) (dense int, hundreds, names []uint16) {
	for dense < len(entries) && int(entries[dense].Num) == dense {
		dense++
	}

	if len(entries) > 0 {
		hundreds = make([]uint16, int(entries[len(entries)-1].Num)/Bucket+2)
	}
	i := 0
	for b := range hundreds {
		for i < len(entries) && int(entries[i].Num) < b*Bucket {
			i++
		}
		hundreds[b] = uint16(i)
	}

	size := 8
	for size < 4*len(entries) { // two names an entry, at most half full
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
		place(e.Name, 2*i+1)
		if !strings.EqualFold(e.GoName, e.Name) {
			place(e.GoName, 2*i+2)
		}
	}
	return dense, hundreds, names
}
