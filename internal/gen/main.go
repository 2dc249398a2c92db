// Command gen writes a registry package's generated files from the tables
// in testdata/: the tables and constants, and the methods every registry
// type shares.
//
// Usage (from a registry's directory, through go generate):
//
//	go run ../internal/gen REGISTRY OUTPUT
//
// REGISTRY is one of the names in registries; OUTPUT is the table file to
// write. The shared methods go to methods.go beside it.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/statusreg/statusreg/internal/source"
)

// registries maps a package name to the function that builds its tables
// from the testdata directory: one per code type the package declares.
var registries = map[string]func(dir string) ([]*registry, error){
	"grpccodes": one(grpcRegistry),
	"httpmap":   one(httpmapRegistry),
	"rocketmq":  one(rocketmqRegistry),
	"turms":     turmsRegistries,
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
	tables, methods, err := generate(name)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, tables, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(filepath.Dir(out), "methods.go"), methods, 0o644)
}

// generate returns the table file and the methods file of the named
// registry package.
func generate(name string) (tables, methods []byte, err error) {
	dir, err := source.Dir()
	if err != nil {
		return nil, nil, err
	}
	rs, err := registries[name](dir)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	if tables, err = emit(rs); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	if methods, err = emitMethods(rs); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return tables, methods, nil
}

func names() []string {
	var ns []string
	for n := range registries {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return ns
}
