package table_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRegistriesDoNoInitWork builds a program that links every registry
// and runs it with GODEBUG=inittrace=1: the runtime traces each package
// whose initialisation runs code, with the bytes and allocations it
// took. Static tables need none, so no statusreg package may appear.
func TestRegistriesDoNoInitWork(t *testing.T) {
	goTool, err := exec.LookPath("go")
	require.NoError(t, err, "the go command builds the program")
	bin := filepath.Join(t.TempDir(), "initprog")
	build := exec.Command(goTool, "build", "-o", bin, "./testdata/initprog")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)

	run := exec.Command(bin)
	run.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	run.Stderr = &stderr
	require.NoError(t, run.Run())

	traced := 0
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "init ") {
			continue
		}
		traced++
		if strings.Contains(line, "github.com/statusreg/statusreg") {
			t.Errorf("init work in a statusreg package: %s", line)
		}
	}
	require.Positive(t, traced, "the trace is on: grpc's own packages do init work")
}
