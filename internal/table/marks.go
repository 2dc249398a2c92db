package table

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/statusreg/statusreg/internal/ascii"
)

// Mark is what a system's per-operation matrix says of one code for one
// operation.
type Mark uint8

// The marks of a matrix cell. NotListed is the zero value: the matrix has
// no cell for that code and operation.
const (
	NotListed  Mark = iota // the matrix has no row for the code in that operation's table
	Allowed                // the operation may return the code
	NotAllowed             // the operation must not return the code
	Reserved               // the code is reserved for the operation, not yet returned
)

var markNames = [...]string{"NotListed", "Allowed", "NotAllowed", "Reserved"}

// String returns the mark's name.
func (m Mark) String() string {
	if int(m) < len(markNames) {
		return markNames[m]
	}
	return "Mark(" + strconv.Itoa(int(m)) + ")"
}

// MarshalText returns the mark's name, as String does.
func (m Mark) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText sets m to the mark text names: a name in any letter case,
// or the Mark(N) form String gives a value with no name.
func (m *Mark) UnmarshalText(text []byte) error {
	s := strings.TrimSpace(string(text))
	for i, name := range markNames {
		if ascii.EqualFold(s, name) {
			*m = Mark(i)
			return nil
		}
	}
	if num, ok := strings.CutPrefix(s, "Mark("); ok && strings.HasSuffix(num, ")") {
		if n, err := strconv.ParseUint(num[:len(num)-1], 10, 8); err == nil {
			*m = Mark(n)
			return nil
		}
	}
	if len(s) > maxQuoted {
		s = s[:maxQuoted]
	}
	return fmt.Errorf("%q is not a matrix mark (NotListed, Allowed, NotAllowed, Reserved)", s)
}

// Marks holds one code's row of a matrix, one bit per operation: bit i
// is operation Ops[i]. A cell that is listed and neither allowed nor
// reserved is not allowed.
type Marks struct {
	Listed, Allowed, Reserved uint64
}

// Op returns the index of the operation named name, or -1.
func (t *Table[C]) Op(name string) int {
	for i, op := range t.Ops {
		if op == name {
			return i
		}
	}
	return -1
}

// Mark returns the matrix cell of code c for operation op (an index into
// Ops). An unknown code or operation is NotListed.
func (t *Table[C]) Mark(op int, c C) Mark {
	if op < 0 || op >= len(t.Ops) {
		return NotListed
	}
	i := t.index(int64(c))
	if i < 0 || i >= len(t.Marks) {
		return NotListed
	}
	m, bit := &t.Marks[i], uint64(1)<<op
	switch {
	case m.Listed&bit == 0:
		return NotListed
	case m.Reserved&bit != 0:
		return Reserved
	case m.Allowed&bit != 0:
		return Allowed
	}
	return NotAllowed
}

// Allows reports whether Mark(op, c) is Allowed. It reads a single slot,
// the code's, whose Allowed bits name the operations that allow it, and
// inlines into its caller. A table without slots allows nothing.
func (t *Table[C]) Allows(op int, c C) bool {
	s := slotOf(uint32(c), t.Mul, len(t.Slots))
	return s < uint(len(t.Slots)) && uint(op) < 64 && t.Slots[s].Num == int32(c) && t.Slots[s].Allowed&(1<<uint(op)) != 0
}
