package crossreg

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/internal/registries"
)

const module = "github.com/statusreg/statusreg"

// grpcStatus is the one gRPC package, with what it imports, that a lookup
// package may link (google.golang.org/grpc/codes is among its imports).
const grpcStatus = "google.golang.org/grpc/status"

// TestDependencyRule: the lookup packages, and an HTTP-only program that
// uses httpmap.Handler and httpmap.ReadError (testdata/httponly), link no
// google.golang.org/grpc package beyond what grpc/status itself imports:
// the gRPC client and server stack stays out of programs that do not ask
// for it. The interceptors live in grpccodes/recovery and
// rocketmq/contract.
func TestDependencyRule(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH:", err)
	}
	// The package of every registry of the list (grpccodes' code type is
	// grpc-go's, so it is named here).
	lookups := []string{module + "/grpccodes"}
	for i := range registries.All {
		if r := &registries.All[i]; !r.Foreign {
			if p := reflect.TypeOf(r.Value(0)).PkgPath(); !slices.Contains(lookups, p) {
				lookups = append(lookups, p)
			}
		}
	}
	if _, err := os.Stat(filepath.Join("..", "..", "retry")); err == nil {
		lookups = append(lookups, module+"/retry")
	}
	const program = "./testdata/httponly"
	deps, imports := list(t, goTool, append([]string{grpcStatus, program}, lookups...))

	allowed := map[string]bool{grpcStatus: true}
	for _, d := range deps[grpcStatus] {
		allowed[d] = true
	}
	require.True(t, allowed["google.golang.org/grpc/codes"], "grpc/status imports grpc/codes")
	require.False(t, allowed["google.golang.org/grpc"], "grpc/status does not import grpc")

	// The program uses httpmap and the standard library only.
	programPath := module + "/internal/crossreg/testdata/httponly"
	for _, imp := range imports[programPath] {
		assert.True(t, imp == module+"/httpmap" || !strings.Contains(strings.SplitN(imp, "/", 2)[0], "."),
			"testdata/httponly imports %s", imp)
	}
	assert.Contains(t, imports[programPath], module+"/httpmap")

	for _, pkg := range append([]string{programPath}, lookups...) {
		require.Contains(t, deps, pkg)
		var extra []string
		for _, d := range deps[pkg] {
			if (d == "google.golang.org/grpc" || strings.HasPrefix(d, "google.golang.org/grpc/")) && !allowed[d] {
				extra = append(extra, d)
			}
		}
		assert.Empty(t, extra, "%s links gRPC packages beyond %s", pkg, grpcStatus)
	}
}

// list runs go list on pkgs and returns, by import path, each package's
// dependencies (go list -deps of it, less itself) and direct imports.
func list(t *testing.T, goTool string, pkgs []string) (deps, imports map[string][]string) {
	t.Helper()
	args := append([]string{"list", "-f", "{{.ImportPath}}\t{{join .Deps \" \"}}\t{{join .Imports \" \"}}"}, pkgs...)
	out, err := exec.Command(goTool, args...).Output()
	if ee, ok := err.(*exec.ExitError); ok {
		t.Fatalf("go list: %v\n%s", err, ee.Stderr)
	}
	require.NoError(t, err)
	deps, imports = map[string][]string{}, map[string][]string{}
	for line := range strings.Lines(strings.TrimSpace(string(out))) {
		f := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		require.Len(t, f, 3, "go list line %q", line)
		deps[f[0]], imports[f[0]] = strings.Fields(f[1]), strings.Fields(f[2])
	}
	return deps, imports
}
