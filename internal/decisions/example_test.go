package decisions_test

import (
	"bytes"
	"fmt"
	"log"
	"path/filepath"
	"strings"

	"github.com/statusreg/statusreg/internal/decisions"
)

// Example reads httpmap's retry table from testdata/ and writes the Go
// function internal/gen generates from it.
func Example() {
	t, err := decisions.Read(filepath.Join("..", "..", "testdata", "retry-httpmap.tsv"))
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range t.Rows {
		if r.Name == "SYNC_TIMEOUT" {
			fmt.Println(r.Name, r.Outcome, "idempotent:", r.Idempotent)
		}
	}
	fmt.Println("last row decides every other number:", t.Rows[len(t.Rows)-1].Rest)

	var b bytes.Buffer
	if err := t.Emit(&b, "decide"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.Contains(b.String(), "func decide(n int64, idempotent bool) retry.Decision"))
	// Output:
	// SYNC_TIMEOUT Fail idempotent: Retry
	// last row decides every other number: true
	// true
}
