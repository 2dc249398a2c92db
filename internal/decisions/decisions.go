// Package decisions reads the judgement tables of retry decisions in
// testdata/ (retry-*.tsv) and writes the Go function that returns the
// retry.Decision of a code's number, for internal/gen: it writes the
// functions of the tables keyed by number as they are, and resolves those
// of the tables keyed by name against each revision of a registry.
//
// A table keyed by number has the columns code, name, outcome and
// reason, with an idempotent_outcome column before reason when the
// decision depends on whether the call is idempotent. A code is a number,
// a range "1000-1099" of numbers, or "*", which must be the last row and
// decides every other number; rows are tried in order. The name is for
// the reader; an outcome is a retry.Outcome's name; the reason is the
// Decision's.
//
// A table keyed by name has no code column: its first column, name,
// holds an upstream name, a range of numbers or "*". Resolve turns each
// name into the number one revision gives it, so that the revisions of a
// registry whose numbers change share the rows of the codes that kept
// their names.
package decisions

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/retry"
)

// Row is one decision of a table.
type Row struct {
	Lo, Hi     int64 // the numbers it decides; none for the "*" row or an unresolved name
	Rest       bool  // the "*" row
	Range      bool  // a range of numbers ("1000-1099") rather than one code
	Name       string
	Outcome    retry.Outcome
	Idempotent retry.Outcome // when the table has the column, else Outcome
	Reason     string
}

// Table is a judgement table of decisions.
type Table struct {
	File string // the file's base name, for messages and comments
	// Idempotent says the table has an idempotent_outcome column.
	Idempotent bool
	// ByName says the table's rows name codes, which Resolve turns into
	// numbers.
	ByName bool
	Rows   []Row
}

// Read returns the table at path, checked: every row has an outcome and
// a reason, no number or name is decided twice, and the last row is "*".
func Read(path string) (*Table, error) {
	tsv, err := source.TSV(path)
	if err != nil {
		return nil, err
	}
	t := &Table{File: filepath.Base(path)}
	switch strings.Join(tsv.Header, " ") {
	case "code name outcome reason":
	case "code name outcome idempotent_outcome reason":
		t.Idempotent = true
	case "name outcome reason":
		t.ByName = true
	case "name outcome idempotent_outcome reason":
		t.ByName, t.Idempotent = true, true
	default:
		return nil, fmt.Errorf("%s: columns %q, want [code,] name, outcome, [idempotent_outcome,] reason", t.File, tsv.Header)
	}
	seen := map[string]bool{}
	for i, cells := range tsv.Rows {
		line := i + 2
		if len(t.Rows) > 0 && t.Rows[len(t.Rows)-1].Rest {
			return nil, fmt.Errorf("%s:%d: a row after the \"*\" row", t.File, line)
		}
		key, rest := cells[0], cells[1:]
		r := Row{Name: "-", Reason: cells[len(cells)-1]}
		if !t.ByName {
			r.Name, rest = cells[1], cells[2:]
		}
		switch {
		case key == "*":
			r.Rest = true
		case strings.Contains(key[1:], "-"):
			at := strings.Index(key[1:], "-") + 1
			lo, err1 := strconv.ParseInt(key[:at], 10, 64)
			hi, err2 := strconv.ParseInt(key[at+1:], 10, 64)
			if err1 != nil || err2 != nil || lo > hi {
				return nil, fmt.Errorf("%s:%d: %q is no range of numbers", t.File, line, key)
			}
			r.Lo, r.Hi, r.Range = lo, hi, true
		case t.ByName:
			if !upstreamName(key) {
				return nil, fmt.Errorf("%s:%d: %q is no upstream name, range of numbers or \"*\"", t.File, line, key)
			}
			if seen[key] {
				return nil, fmt.Errorf("%s:%d: %s decided twice", t.File, line, key)
			}
			seen[key] = true
			r.Name = key
		default:
			n, err := strconv.ParseInt(key, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %q is no number", t.File, line, key)
			}
			if seen[key] {
				return nil, fmt.Errorf("%s:%d: %d decided twice", t.File, line, n)
			}
			seen[key] = true
			r.Lo, r.Hi = n, n
		}
		if r.Outcome, err = outcome(rest[0]); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", t.File, line, err)
		}
		r.Idempotent = r.Outcome
		if t.Idempotent {
			if r.Idempotent, err = outcome(rest[1]); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", t.File, line, err)
			}
		}
		if strings.TrimSpace(r.Reason) == "" {
			return nil, fmt.Errorf("%s:%d: no reason", t.File, line)
		}
		t.Rows = append(t.Rows, r)
	}
	if len(t.Rows) == 0 || !t.Rows[len(t.Rows)-1].Rest {
		return nil, fmt.Errorf("%s: the last row must be \"*\", the decision of every other number", t.File)
	}
	return t, nil
}

// upstreamName reports whether s is an UPPER_SNAKE name.
func upstreamName(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// outcome reads a named outcome.
func outcome(s string) (retry.Outcome, error) {
	var o retry.Outcome
	if err := o.UnmarshalText([]byte(s)); err != nil {
		return 0, err
	}
	if o < retry.Success || o > retry.Fail || o.String() != s {
		return 0, fmt.Errorf("%q is no outcome's name", s)
	}
	return o, nil
}

// Resolve returns the table of one revision of a table keyed by name:
// each named row gets the number num gives its name, and the rows whose
// name num does not know are left out, their names returned in order.
// A table keyed by number is returned unchanged.
func (t *Table) Resolve(num func(name string) (int64, bool)) (*Table, []string) {
	if !t.ByName {
		return t, nil
	}
	out := &Table{File: t.File, Idempotent: t.Idempotent}
	var unknown []string
	for _, r := range t.Rows {
		if !r.Rest && !r.Range {
			n, ok := num(r.Name)
			if !ok {
				unknown = append(unknown, r.Name)
				continue
			}
			r.Lo, r.Hi = n, n
		}
		out.Rows = append(out.Rows, r)
	}
	return out, unknown
}

// Emit appends to b the Go source of the function fn, which returns the
// decision t gives the code numbered n (and, when t has an
// idempotent_outcome column, takes whether the call is idempotent). A
// table keyed by name must be resolved first.
func (t *Table) Emit(b *bytes.Buffer, fn string) error {
	if t.ByName {
		return fmt.Errorf("%s: names codes: resolve it against a revision first", t.File)
	}
	params := "n int64"
	if t.Idempotent {
		params += ", idempotent bool"
	}
	fmt.Fprintf(b, "\n// %s returns the decision testdata/%s gives the code numbered n", fn, t.File)
	if t.Idempotent {
		b.WriteString(", for an idempotent call or not")
	}
	fmt.Fprintf(b, ".\nfunc %s(%s) retry.Decision {\n\tswitch {\n", fn, params)
	for _, r := range t.Rows[:len(t.Rows)-1] {
		if r.Lo == r.Hi && !r.Range {
			fmt.Fprintf(b, "\tcase n == %d: // %s\n", r.Lo, r.Name)
		} else {
			fmt.Fprintf(b, "\tcase n >= %d && n <= %d: // %s\n", r.Lo, r.Hi, r.Name)
		}
		decision(b, r)
	}
	b.WriteString("\t}\n")
	decision(b, t.Rows[len(t.Rows)-1])
	b.WriteString("}\n")
	return nil
}

func decision(b *bytes.Buffer, r Row) {
	if r.Idempotent != r.Outcome {
		fmt.Fprintf(b, "if idempotent {\nreturn retry.Decision{Outcome: retry.%v, Reason: %s}\n}\n", r.Idempotent, strconv.Quote(r.Reason))
	}
	fmt.Fprintf(b, "return retry.Decision{Outcome: retry.%v, Reason: %s}\n", r.Outcome, strconv.Quote(r.Reason))
}
