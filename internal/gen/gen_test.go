package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/internal/table"
)

// TestTablesAreFresh regenerates every registry and compares the result
// with the checked-in files, so a stale table fails go test as well as
// the CI diff after go generate.
func TestTablesAreFresh(t *testing.T) {
	for _, name := range names() {
		tables, methods, err := generate(name)
		require.NoError(t, err, name)
		for file, want := range map[string][]byte{"tables.go": tables, "methods.go": methods} {
			got, err := os.ReadFile(filepath.Join("..", "..", name, file))
			require.NoError(t, err, name)
			assert.Equal(t, string(want), string(got), "%s/%s is stale: run go generate ./...", name, file)
		}
	}
}

func TestCamel(t *testing.T) {
	for in, want := range map[string]string{
		"TOPIC_NOT_FOUND":            "TopicNotFound",
		"OK":                         "OK",
		"HA_NOT_AVAILABLE":           "HANotAvailable",
		"CLIENT_ID_REQUIRED":         "ClientIDRequired",
		"DUMP_JFR_IN_ILLEGAL_STATUS": "DumpJFRInIllegalStatus",
		"ACK_FAILED":                 "ACKFailed",
		"CODE_UNSPECIFIED":           "CodeUnspecified",
	} {
		assert.Equal(t, want, camel(in))
	}
}

// TestSlotsFindEveryCode builds every registry's table without its dense
// prefix: each code must be found in its slot, and Allows must agree with
// Mark.
func TestSlotsFindEveryCode(t *testing.T) {
	dir, err := source.Dir()
	require.NoError(t, err)
	for _, name := range names() {
		rs, err := registries[name](dir)
		require.NoError(t, err, name)
		for _, r := range rs {
			tab, err := build[int32](r)
			require.NoError(t, err, name)
			tab.Dense = 0
			for i, e := range tab.Entries {
				assert.Same(t, &tab.Entries[i], tab.Lookup(e.Num), "%s %s", name, e.Name)
				assert.Equal(t, e.Name, tab.String(e.Num))
				for op := -1; op <= len(tab.Ops); op++ {
					assert.Equal(t, tab.Mark(op, e.Num) == table.Allowed, tab.Allows(op, e.Num), "%s %s op %d", name, e.Name, op)
				}
			}
		}
	}
}
