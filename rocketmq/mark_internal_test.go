package rocketmq

import (
	"testing"

	"github.com/statusreg/statusreg/internal/table"
)

// TestMarksAreTheTables: RPC.Mark converts the table's marks, so the
// constants must have their values.
func TestMarksAreTheTables(t *testing.T) {
	for _, m := range []struct {
		ours  Mark
		table table.Mark
	}{{NotListed, table.NotListed}, {Allowed, table.Allowed}, {NotAllowed, table.NotAllowed}, {Reserved, table.Reserved}} {
		if m.ours != Mark(m.table) || m.ours.String() != m.table.String() {
			t.Errorf("%v is %d, the table's %v %d", m.ours, m.ours, m.table, m.table)
		}
	}
}
