// Package table is the engine behind every statusreg registry.
//
//	var registry = table.Table[Code]{TypeName: "Code", Entries: ..., Names: ...} // generated
//
//	func (c Code) String() string           { return registry.String(c) } // generated
//	func (r RPC) Allows(c Code) bool        { return registry.Allows(int(r)-1, c) }
//
// A registry is a [Table]: a generated, static description of one
// status-code system (its codes, names, classes, gRPC and HTTP mappings
// and, where the system has them, per-operation marks). The typed
// packages (grpccodes, rocketmq, ...) declare one Table as a package-level
// literal, and internal/gen writes their types' shared methods as
// one-line calls into it, so lookups, parsing, text marshalling and the
// error behaviour are written once, here, while every type a user holds
// is the registry package's own.
//
// Tables are plain Go literals written by internal/gen: nothing is built at
// init and no lookup allocates.
package table

import (
	"log/slog"
	"strconv"

	"google.golang.org/grpc/codes"
)

// Code is the constraint satisfied by every registry's code type: the
// registries' own int32 types, and grpc-go's uint32 [codes.Code].
type Code interface{ ~int32 | ~uint32 }

// Entry is one code of a registry.
type Entry struct {
	Num    int32      // wire number
	Name   string     // upstream name, UPPER_SNAKE
	GoName string     // name of the Go constant
	Class  int32      // number of the first-classification code it belongs to
	GRPC   codes.Code // canonical gRPC code it maps to
	HTTP   uint16     // HTTP status it maps to; 0 when it has none
}

// Bucket is the width of the number ranges that BucketClasses reads as
// classes: RocketMQ groups its codes by hundreds (by HTTP status), Turms
// by category.
const Bucket = 100

// Table is the static description of one status-code system. All fields
// are set by generated code and never change.
type Table[C Code] struct {
	// TypeName is the Go type name: an unknown code prints as TypeName(N).
	TypeName string
	// Package is the Go package of the code type, for GoString: an unknown
	// code prints as Package.TypeName(N), a known one as Package.GoName.
	Package string
	// System prefixes error messages, for example "rocketmq".
	System string
	// Domain is the google.rpc.ErrorInfo domain of the system's errors.
	Domain string
	// Revision, when set, names the upstream revision of a system whose
	// numbers change between revisions: its errors carry it, and an error
	// of another revision is read by name (see FromStatus).
	Revision string
	// OK is the success code: what CodeOf gives for a nil error.
	OK int32
	// Fallback is what CodeOf gives for an error that carries no code.
	Fallback int32
	// DefaultHTTP is the HTTP status of a code with no mapping of its own
	// or of its class: 500 for gRPC, as grpc-gateway has it, else 0.
	DefaultHTTP int
	// BucketClasses says the system's numbers encode their class: a
	// code that opens a bucket of Bucket numbers is the class of every
	// unknown code in that bucket, and lends it its mappings.
	BucketClasses bool

	// Entries lists every code, sorted by number.
	Entries []Entry
	// Dense is how many entries are numbered 0, 1, 2, ... in order (all of
	// gRPC's; RocketMQ's code 0): a search finds those by direct indexing.
	Dense int
	// Aliases are further upstream spellings of some codes' names, such
	// as another client's; few codes have one, so they stay out of
	// Entries.
	Aliases []Alias
	// Names is an open-addressing hash table of every Name, GoName and
	// alias, case-insensitive: its length is a power of two, at least
	// twice the number of names; a slot holds 0 when empty, else 4*i+1
	// for Entries[i].Name, 4*i+2 for its GoName or 4*i+3 for
	// Aliases[i].Name, so that a shift finds the entry.
	// A name starts its probe at NameSlot and moves one slot on until
	// found or empty.
	Names []uint16
	// Mul and Slots find a code by number in one step. They are a perfect
	// hash of the entries' numbers, built by Direct: the code numbered n
	// can only be in slot n*Mul (a 32-bit product) scaled to len(Slots),
	// and no two codes share a slot. Every code outside the dense prefix
	// is found through them.
	Mul   uint32
	Slots []Slot

	// Ops names the operations of a system that has a per-operation
	// matrix (RocketMQ RPCs); Marks, parallel to Entries, holds its cells,
	// and each slot repeats its code's Allowed cells.
	Ops   []string
	Marks []Marks
}

// Alias is another upstream spelling of the name of Entries[Entry].
type Alias struct {
	Entry uint16
	Name  string
}

// Slot is one place of Table.Slots: a code, with what String and Allows
// read, so that they need no other memory.
type Slot struct {
	Num     int32  // number of the code in the slot; -1 when the slot is empty
	Entry   uint16 // index of the code in Entries
	Name    string // Entries[Entry].Name
	Allowed uint64 // bit i is set when Mark(i, Num) is Allowed
}

// Lookups are two layers deep: each method below is a one-line wrapper
// that inlines into the registry's own method, and calls one worker
// (name, http, ...) that finds a listed code without a further call: at
// its own number in the dense prefix, else in its slot. Allows inlines
// whole.

// slotOf returns the slot of the number n in a direct index of size
// slots with multiplier mul: the 32-bit product n*mul, scaled to size.
func slotOf(n, mul uint32, size int) uint {
	return uint(uint64(n*mul) * uint64(size) >> 32)
}

// slot returns the slot of the code numbered n, or nil when n is not
// listed or the table has no slots. The -1 of an empty slot is no listed
// number.
func (t *Table[C]) slot(n int64) *Slot {
	s := slotOf(uint32(n), t.Mul, len(t.Slots))
	if s < uint(len(t.Slots)) && int64(t.Slots[s].Num) == n && n >= 0 {
		return &t.Slots[s]
	}
	return nil
}

// direct returns the entry of n, found without a search, or nil: n is
// not listed, or the table has no slots. It spells slot out, as calling
// it would take direct past the inliner's budget.
func (t *Table[C]) direct(n int64) *Entry {
	if uint64(n) < uint64(t.Dense) {
		return &t.Entries[n]
	}
	s := slotOf(uint32(n), t.Mul, len(t.Slots))
	if s < uint(len(t.Slots)) && int64(t.Slots[s].Num) == n && n >= 0 {
		return &t.Entries[t.Slots[s].Entry]
	}
	return nil
}

// index returns the position of n in Entries, or -1.
func (t *Table[C]) index(n int64) int {
	if uint64(n) < uint64(t.Dense) {
		return int(n)
	}
	if s := t.slot(n); s != nil {
		return int(s.Entry)
	}
	return -1
}

// Lookup returns the entry of c, or nil when c is not listed.
func (t *Table[C]) Lookup(c C) *Entry { return t.entry(int64(c)) }

func (t *Table[C]) entry(n int64) *Entry {
	if i := t.index(n); i >= 0 {
		return &t.Entries[i]
	}
	return nil
}

// Codes returns every listed code, in order of number, in a new slice.
func (t *Table[C]) Codes() []C {
	cs := make([]C, len(t.Entries))
	for i, e := range t.Entries {
		cs[i] = C(e.Num)
	}
	return cs
}

// Known reports whether c is listed.
func (t *Table[C]) Known(c C) bool { return t.index(int64(c)) >= 0 }

// String returns the upstream name of c, or TypeName(N) when c is unknown.
func (t *Table[C]) String(c C) string { return t.name(int64(c)) }

func (t *Table[C]) name(n int64) string {
	if uint64(n) < uint64(t.Dense) {
		return t.Entries[n].Name
	}
	if s := t.slot(n); s != nil {
		return s.Name
	}
	return t.slowName(n)
}

// slowName is name for a code that has no slot: an unknown code. It is
// kept out of line so that name, its caller, inlines.
//
//go:noinline
func (t *Table[C]) slowName(n int64) string {
	return t.TypeName + "(" + strconv.FormatInt(n, 10) + ")"
}

// GoString returns the Go expression of c: the qualified constant
// (rocketmq.TopicNotFound), or the conversion Package.TypeName(N) when c
// is unknown.
func (t *Table[C]) GoString(c C) string {
	if e := t.Lookup(c); e != nil {
		return t.Package + "." + e.GoName
	}
	return t.Package + "." + t.name(int64(c))
}

// LogValue returns c as a log group: its name and number, then extra
// attributes (a registry adds its class or category).
func (t *Table[C]) LogValue(c C, extra ...slog.Attr) slog.Value {
	attrs := make([]slog.Attr, 0, 2+len(extra))
	attrs = append(attrs, slog.String("name", t.String(c)), slog.Int64("number", int64(c)))
	return slog.GroupValue(append(attrs, extra...)...)
}

// Class returns the first-classification code of c. A listed code has
// its class from the table; with BucketClasses, an unknown one takes the
// class code that opens its bucket (40499 falls in 40400's class).
func (t *Table[C]) Class(c C) (C, bool) {
	class, ok := t.class(int64(c))
	return C(class), ok
}

func (t *Table[C]) class(n int64) (int32, bool) {
	if e := t.direct(n); e != nil {
		return e.Class, true
	}
	if e := t.mapped(n); e != nil {
		return e.Class, true // a class is its own class
	}
	return 0, false
}

// mapped returns the entry whose mappings apply to n: its own, or for an
// unknown code, that of its bucket's class. It is nil when neither exists.
func (t *Table[C]) mapped(n int64) *Entry {
	if i := t.index(n); i >= 0 {
		return &t.Entries[i]
	}
	if !t.BucketClasses || n < 0 {
		return nil
	}
	i := t.index(n - n%Bucket)
	if i < 0 || t.Entries[i].Class != t.Entries[i].Num {
		return nil
	}
	return &t.Entries[i]
}

// GRPC returns the canonical gRPC code c maps to; an unknown code maps as
// its class does, or to codes.Unknown without one.
func (t *Table[C]) GRPC(c C) codes.Code { return t.grpc(int64(c)) }

func (t *Table[C]) grpc(n int64) codes.Code {
	if e := t.direct(n); e != nil {
		return e.GRPC
	}
	if e := t.mapped(n); e != nil {
		return e.GRPC
	}
	return codes.Unknown
}

// HTTP returns the HTTP status c maps to; an unknown code maps as its
// class does, or to DefaultHTTP.
func (t *Table[C]) HTTP(c C) int { return t.http(int64(c)) }

func (t *Table[C]) http(n int64) int {
	if e := t.direct(n); e != nil {
		return int(e.HTTP)
	}
	if e := t.mapped(n); e != nil {
		return int(e.HTTP)
	}
	return t.DefaultHTTP
}
