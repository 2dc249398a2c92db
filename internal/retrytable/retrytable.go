// Package retrytable reads the judgement tables of retry decisions in
// testdata/ (retry-*.tsv) for tests, independently of the generator
// (internal/gen) that writes the registries' decisions from them,
// and checks a registry's Decide against every row.
package retrytable

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/retry"
)

// Row is one decision of a table: the numbers it covers, the name it
// gives them, and the decision for a call that is not idempotent and
// for one that is (the same when the table has no idempotent column).
//
// A table keyed by name (columns name, outcome, [idempotent_outcome,]
// reason) names its codes: Read leaves their numbers unset (Named), and
// Resolve gives them the numbers of one revision.
type Row struct {
	Lo, Hi     int64 // the numbers; for the "*" row, none
	Rest       bool  // the "*" row: every number no other row covers
	Named      bool  // a row of a table keyed by name, not yet resolved
	Name       string
	Plain      retry.Decision
	Idempotent retry.Decision
}

// Covers reports whether r decides n (the "*" row covers nothing by
// itself: it decides what no other row covers).
func (r Row) Covers(n int64) bool { return !r.Rest && !r.Named && r.Lo <= n && n <= r.Hi }

// Read returns the rows of testdata/name.
func Read(t testing.TB, name string) []Row {
	t.Helper()
	dir, err := source.Dir()
	if err != nil {
		t.Fatal(err)
	}
	tab, err := source.TSV(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	byName := tab.Header[0] == "name"
	idem := tab.Header[len(tab.Header)-2] == "idempotent_outcome"
	var rows []Row
	for _, c := range tab.Rows {
		r := Row{Name: "-"}
		cells := c[1:]
		if !byName {
			r.Name, cells = c[1], c[2:]
		}
		reason := c[len(c)-1]
		r.Plain = retry.Decision{Outcome: outcome(t, cells[0]), Reason: reason}
		r.Idempotent = r.Plain
		if idem {
			r.Idempotent.Outcome = outcome(t, cells[1])
		}
		switch lo, hi, isRange := strings.Cut(c[0], "-"); {
		case c[0] == "*":
			r.Rest = true
		case isRange && lo != "":
			r.Lo, r.Hi = number(t, lo), number(t, hi)
		case byName:
			r.Name, r.Named = c[0], true
		default:
			r.Lo = number(t, c[0])
			r.Hi = r.Lo
		}
		rows = append(rows, r)
	}
	return rows
}

// Resolve returns the rows of one revision of a table keyed by name:
// each named row with the number num gives its name, without the rows
// whose name num does not know. Rows of a table keyed by number pass
// unchanged.
func Resolve(rows []Row, num func(name string) (int64, bool)) []Row {
	var out []Row
	for _, r := range rows {
		if r.Named {
			n, ok := num(r.Name)
			if !ok {
				continue
			}
			r.Lo, r.Hi, r.Named = n, n, false
		}
		out = append(out, r)
	}
	return out
}

func outcome(t testing.TB, s string) retry.Outcome {
	t.Helper()
	var o retry.Outcome
	if err := o.UnmarshalText([]byte(s)); err != nil || o.String() != s {
		t.Fatalf("%q: no outcome: %v", s, err)
	}
	return o
}

func number(t testing.TB, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Lookup returns the row that decides n: the first that covers it, else
// the "*" row.
func Lookup(rows []Row, n int64) Row {
	for _, r := range rows {
		if r.Covers(n) {
			return r
		}
	}
	return rows[len(rows)-1]
}

// Check checks decide, a registry's Decide for a call that is idempotent
// or not, against rows: for the listed numbers, for each number of
// known, for the ends of every range, and for the numbers of probe. name
// returns the registry's name of a listed number, which must be the
// row's.
func Check(t *testing.T, rows []Row, known, probe []int64, name func(int64) string, decide func(n int64, idempotent bool) retry.Decision) {
	t.Helper()
	if len(rows) == 0 || !rows[len(rows)-1].Rest {
		t.Fatal("the table's last row must be \"*\"")
	}
	nums := append(append([]int64(nil), known...), probe...)
	for _, r := range rows {
		if r.Named {
			t.Fatalf("%s: a row of a table keyed by name: Resolve it first", r.Name)
		}
		if r.Rest {
			continue
		}
		if r.Lo == r.Hi {
			if got := name(r.Lo); got != r.Name {
				t.Errorf("%d is %s, but the table names it %s", r.Lo, got, r.Name)
			}
		}
		nums = append(nums, r.Lo, r.Hi, r.Lo-1, r.Hi+1)
	}
	for _, n := range nums {
		r := Lookup(rows, n)
		for _, idem := range []bool{false, true} {
			want := r.Plain
			if idem {
				want = r.Idempotent
			}
			if got := decide(n, idem); got != want {
				t.Errorf("%d (%s), idempotent %v: %v %q; the table says %v %q", n, name(n), idem, got.Outcome, got.Reason, want.Outcome, want.Reason)
			}
		}
	}
}

// String describes r, for messages.
func (r Row) String() string { return fmt.Sprintf("%s %d-%d %v", r.Name, r.Lo, r.Hi, r.Plain.Outcome) }
