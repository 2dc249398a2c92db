// Package table is the engine behind every statusreg registry.
//
// A registry is a [Table]: a generated, static description of one
// status-code system (its codes, names, classes, gRPC and HTTP mappings
// and, where the system has them, per-operation marks). The typed
// packages (grpccodes, rocketmq, ...) declare one Table as a package-level
// literal and delegate every lookup to it, so lookups, parsing, text
// marshalling and the error type are written once, here.
//
// Tables are plain Go literals written by internal/gen: nothing is built at
// init and no lookup allocates.
package table

import (
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

// Bucket is the width of the number ranges Table.Hundreds indexes. Every
// registry groups its codes by hundreds (RocketMQ by HTTP status, Turms by
// category), so a bucket holds a handful of codes at most.
const Bucket = 100

// Table is the static description of one status-code system. All fields
// are set by generated code and never change.
type Table[C Code] struct {
	// TypeName is the Go type name: an unknown code prints as TypeName(N).
	TypeName string
	// System prefixes error messages, for example "rocketmq".
	System string
	// Domain is the google.rpc.ErrorInfo domain of the system's errors.
	Domain string
	// OK is the success code: what CodeOf gives for a nil error.
	OK int32
	// Fallback is what CodeOf gives for an error that carries no code.
	Fallback int32
	// BucketClasses says the system's numbers encode their class: a
	// code that opens a bucket of Bucket numbers is the class of every
	// unknown code in that bucket, and lends it its mappings.
	BucketClasses bool

	// Entries lists every code, sorted by number.
	Entries []Entry
	// Dense is how many entries are numbered 0, 1, 2, ... in order: those
	// are found by direct indexing (all of gRPC's; RocketMQ's code 0).
	Dense int
	// Hundreds[h] is the index of the first entry numbered Bucket*h or
	// more; it has one element past the last bucket.
	Hundreds []uint16
	// ByName and ByGoName are entry indexes sorted by upper-cased Name and
	// GoName, for case-insensitive binary search.
	ByName, ByGoName []uint16

	// Ops names the operations of a system that has a per-operation
	// matrix (RocketMQ RPCs); Marks, parallel to Entries, holds its cells.
	Ops   []string
	Marks []Marks
}

// index returns the position of number n in Entries, or -1.
func (t *Table[C]) index(n int64) int {
	if uint64(n) < uint64(t.Dense) {
		return int(n)
	}
	return t.sparseIndex(n)
}

// sparseIndex finds n past the dense prefix through its bucket.
func (t *Table[C]) sparseIndex(n int64) int {
	if n < 0 {
		return -1
	}
	h := n / Bucket
	if h >= int64(len(t.Hundreds)-1) {
		return -1
	}
	lo, hi := int(t.Hundreds[h]), int(t.Hundreds[h+1])
	if lo >= hi {
		return -1
	}
	// Codes within a bucket are usually consecutive: try the direct slot.
	if d := n - int64(t.Entries[lo].Num); d >= 0 && d < int64(hi-lo) && int64(t.Entries[lo+int(d)].Num) == n {
		return lo + int(d)
	}
	for i := lo; i < hi; i++ {
		if int64(t.Entries[i].Num) == n {
			return i
		}
	}
	return -1
}

// Lookup returns the entry of c, or nil when c is not listed.
func (t *Table[C]) Lookup(c C) *Entry {
	if i := t.index(int64(c)); i >= 0 {
		return &t.Entries[i]
	}
	return nil
}

// Known reports whether c is listed.
func (t *Table[C]) Known(c C) bool { return t.index(int64(c)) >= 0 }

// String returns the upstream name of c, or TypeName(N) when c is unknown.
func (t *Table[C]) String(c C) string {
	if uint64(c) < uint64(t.Dense) { // small enough to inline
		return t.Entries[c].Name
	}
	return t.sparseString(c)
}

func (t *Table[C]) sparseString(c C) string {
	if i := t.sparseIndex(int64(c)); i >= 0 {
		return t.Entries[i].Name
	}
	return t.unknownName(c)
}

func (t *Table[C]) unknownName(c C) string {
	return t.TypeName + "(" + strconv.FormatInt(int64(c), 10) + ")"
}

// Class returns the first-classification code of c. A listed code has
// its class from the table; with BucketClasses, an unknown one takes the
// class code that opens its bucket (40499 falls in 40400's class).
func (t *Table[C]) Class(c C) (C, bool) {
	if e := t.Lookup(c); e != nil {
		return C(e.Class), true
	}
	e := t.bucketClass(int64(c))
	if e == nil {
		return 0, false
	}
	return C(e.Num), true
}

// bucketClass returns the class entry that opens n's bucket, or nil.
func (t *Table[C]) bucketClass(n int64) *Entry {
	if !t.BucketClasses || n < 0 {
		return nil
	}
	i := t.index(n - n%Bucket)
	if i < 0 || t.Entries[i].Class != t.Entries[i].Num {
		return nil
	}
	return &t.Entries[i]
}

// mapped returns the entry whose mappings apply to c: its own, or for an
// unknown code, that of its bucket's class. It is nil when neither exists.
func (t *Table[C]) mapped(c C) *Entry {
	if e := t.Lookup(c); e != nil {
		return e
	}
	return t.bucketClass(int64(c))
}

// GRPC returns the canonical gRPC code c maps to; an unknown code maps as
// its class does, or to codes.Unknown without one.
func (t *Table[C]) GRPC(c C) codes.Code {
	if e := t.mapped(c); e != nil {
		return e.GRPC
	}
	return codes.Unknown
}

// HTTP returns the HTTP status c maps to; an unknown code maps as its
// class does. It returns 0 when there is none.
func (t *Table[C]) HTTP(c C) int {
	if uint64(c) < uint64(t.Dense) { // small enough to inline
		return int(t.Entries[c].HTTP)
	}
	return t.sparseHTTP(c)
}

func (t *Table[C]) sparseHTTP(c C) int {
	if e := t.mapped(c); e != nil {
		return int(e.HTTP)
	}
	return 0
}
