package source_test

import (
	"fmt"
	"path/filepath"

	"github.com/statusreg/statusreg/internal/source"
)

func ExampleMarkdown() {
	dir, err := source.Dir()
	if err != nil {
		panic(err)
	}
	tables, err := source.Markdown(filepath.Join(dir, "rocketmq-status-code-matrix.md"))
	if err != nil {
		panic(err)
	}
	matrix := tables[0]
	fmt.Println(matrix.Header[:3])
	fmt.Println(matrix.Rows[0][:3])
	// Output:
	// [Status Code QueryRoute Heartbeat]
	// [OK* ✅ ✅]
}
