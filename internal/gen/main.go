// Command gen writes a registry package's generated files from the tables
// in testdata/: the tables and constants, and the methods every registry
// type shares.
//
// Usage (from a registry's directory, through go generate):
//
//	go run ../internal/gen REGISTRY OUTPUT
//
// REGISTRY is one of the names in registries, the package's directory
// under the module root; OUTPUT is the table file to write. The shared
// methods go to methods.go beside it, and any other file the registry
// writes (a Turms revision's types.go, doc.go and decisions.go) beside
// them too.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/statusreg/statusreg/internal/source"
)

// registries maps a package's directory under the module root to the
// function that builds its tables from the testdata directory: one per
// code type the package declares. Each Turms revision has an entry, and
// one builder (turmsPackage).
var registries = map[string]func(dir string) ([]*registry, error){
	"grpccodes": one(grpcRegistry),
	"httpmap":   one(httpmapRegistry),
	"rocketmq":  one(rocketmqRegistry),
	"turms":     turmsPackage("turms"),

	"turms/turms20240714": turmsPackage("turms/turms20240714"),
}

// one adapts the builder of a package's only table.
func one(f func(dir string) (*registry, error)) func(dir string) ([]*registry, error) {
	return func(dir string) ([]*registry, error) {
		r, err := f(dir)
		if err != nil {
			return nil, err
		}
		return []*registry{r}, nil
	}
}

func main() {
	if len(os.Args) != 3 || registries[os.Args[1]] == nil {
		fmt.Fprintln(os.Stderr, "usage: gen REGISTRY OUTPUT; registries:", strings.Join(names(), ", "))
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(name, out string) error {
	files, err := generate(name, filepath.Base(out))
	if err != nil {
		return err
	}
	for _, f := range sortedKeys(files) {
		if err := os.WriteFile(filepath.Join(filepath.Dir(out), f), files[f], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// generate returns the files of the named registry package, by name: the
// table file (named tables), methods.go and the registry's other files.
func generate(name, tables string) (map[string][]byte, error) {
	dir, err := source.Dir()
	if err != nil {
		return nil, err
	}
	rs, err := registries[name](dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	files := map[string][]byte{}
	if files[tables], err = emit(rs); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if files["methods.go"], err = emitMethods(rs); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for _, r := range rs {
		for f, src := range r.files {
			if _, dup := files[f]; dup {
				return nil, fmt.Errorf("%s: %s written twice", name, f)
			}
			files[f] = src
		}
	}
	return files, nil
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func names() []string {
	var ns []string
	for n := range registries {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return ns
}
