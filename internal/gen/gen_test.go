package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTablesAreFresh regenerates every registry and compares the result
// with the checked-in file, so a stale table fails go test as well as
// the CI diff after go generate.
func TestTablesAreFresh(t *testing.T) {
	for _, name := range names() {
		want, err := generate(name)
		require.NoError(t, err, name)
		got, err := os.ReadFile(filepath.Join("..", "..", name, "tables.go"))
		require.NoError(t, err, name)
		assert.Equal(t, string(want), string(got), "%s/tables.go is stale: run go generate ./...", name)
	}
}

func TestCamel(t *testing.T) {
	for in, want := range map[string]string{
		"TOPIC_NOT_FOUND":  "TopicNotFound",
		"OK":               "OK",
		"HA_NOT_AVAILABLE": "HaNotAvailable",
		"CODE_UNSPECIFIED": "CodeUnspecified",
	} {
		assert.Equal(t, want, camel(in))
	}
}
