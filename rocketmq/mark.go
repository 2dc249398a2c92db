package rocketmq

import "github.com/statusreg/statusreg/internal/table"

// Mark is what the status matrix says of a code for an RPC: one cell.
// The zero Mark is NotListed.
type Mark uint8

// The marks of the status matrix, with the values of internal/table's,
// which RPC.Mark converts.
const (
	NotListed  Mark = iota // the matrix has no row for the code in that RPC's table
	Allowed                // ✅: the RPC may return the code
	NotAllowed             // ❌: the RPC must not return the code
	Reserved               // 🔄: the code is reserved, not yet returned
)

// String returns the mark's name, such as "Allowed", or Mark(N) for a
// value with none.
func (m Mark) String() string { return table.Mark(m).String() }

// MarshalText returns the mark's name, as String does.
func (m Mark) MarshalText() ([]byte, error) { return table.Mark(m).MarshalText() }

// UnmarshalText sets m to the mark text names: a name in any letter
// case, or the Mark(N) form String gives a value with no name. On error m
// is unchanged.
func (m *Mark) UnmarshalText(text []byte) error {
	return (*table.Mark)(m).UnmarshalText(text)
}
