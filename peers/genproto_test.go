package peers_test

import (
	"bufio"
	"bytes"
	"maps"
	"os"
	"os/exec"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	v2 "github.com/apache/rocketmq-clients/golang/v5/protocol/v2"
	"github.com/statusreg/statusreg/rocketmq"
	"google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	// Nothing is used from the monolithic google.golang.org/genproto: this
	// import only keeps go.mod requiring a current version of it, which
	// go mod tidy would otherwise drop (see the comment below).
	_ "google.golang.org/genproto/protobuf/field_mask"
	"google.golang.org/grpc/status"
)

// This file imports google.golang.org/genproto/googleapis/rpc/errdetails
// directly, in the same test binary as the RocketMQ client's v2 stubs.
// That client (v5.1.2) requires the monolithic google.golang.org/genproto
// of 2020, which still holds googleapis/rpc/errdetails, .../status and
// .../code. With googleapis/rpc in go.mod, go get of the client fails with
// "ambiguous import: found package ... in multiple modules"; with only the
// 2020 genproto in go.mod, the build silently takes the packages from it.
// go.mod therefore requires a current google.golang.org/genproto, which
// holds none of them; the blank import of one of its packages keeps go mod
// tidy from dropping that requirement as unused. See doc.go.
// TestGenprotoRPCPackagesFromSplitModule checks the outcome.

// rpcModule is the module that must provide the googleapis/rpc packages.
const rpcModule = "google.golang.org/genproto/googleapis/rpc"

// splitModules are the modules split out of the monolithic genproto whose
// packages this module imports (googleapis/api through grpc-gateway).
var splitModules = []string{rpcModule, "google.golang.org/genproto/googleapis/api"}

// rpcPackages are the packages of rpcModule that the 2020 monolithic
// genproto also holds, and that statusreg, grpc-go and these tests import.
var rpcPackages = []string{rpcModule + "/status", rpcModule + "/errdetails", rpcModule + "/code"}

// TestGenprotoRPCPackagesFromSplitModule checks, with go list, that every
// googleapis/rpc (and googleapis/api) package this module builds, tests
// included, comes from its split module, never from the monolithic
// genproto; and, in this
// very binary, that the code linked for status, errdetails and code was
// compiled from that module.
func TestGenprotoRPCPackagesFromSplitModule(t *testing.T) {
	goTool, err := exec.LookPath("go") // go test puts GOROOT/bin first in PATH
	if err != nil {
		t.Fatalf("no go command to list the packages with: %v", err)
	}
	cmd := exec.Command(goTool, "list", "-mod=readonly", "-deps", "-test",
		"-f", "{{.ImportPath}} {{with .Module}}{{.Path}} {{.Version}}{{end}}", "./...")
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	modules := map[string]string{} // import path -> "module version"
	for sc := bufio.NewScanner(bytes.NewReader(out)); sc.Scan(); {
		path, mod, _ := strings.Cut(sc.Text(), " ")
		modules[path] = mod
	}
	for _, pkg := range rpcPackages {
		if _, ok := modules[pkg]; !ok {
			t.Errorf("%s is not among the packages go list names", pkg)
		}
	}
	for _, pkg := range slices.Sorted(maps.Keys(modules)) {
		mod := modules[pkg]
		for _, split := range splitModules {
			if path, _, _ := strings.Cut(mod, " "); strings.HasPrefix(pkg, split+"/") && path != split {
				t.Errorf("%s comes from %s, want %s", pkg, mod, split)
			}
		}
	}

	// The binary: the functions of the three packages were compiled from
	// the module's files, whose path (in the module cache, or under
	// -trimpath) holds module@version. (A test binary's build information
	// lists no modules, so runtime/debug cannot tell.)
	for pkg, fn := range map[string]any{
		rpcPackages[0]: (*spb.Status).GetCode,
		rpcPackages[1]: (*errdetails.ErrorInfo).GetReason,
		rpcPackages[2]: code.Code.String,
	} {
		f := runtime.FuncForPC(reflect.ValueOf(fn).Pointer())
		if f == nil {
			t.Errorf("%s: no function information", pkg)
			continue
		}
		file, _ := f.FileLine(f.Entry())
		if !strings.Contains(file, rpcModule+"@") {
			t.Errorf("%s: %s is compiled from %s, not from module %s", pkg, f.Name(), file, rpcModule)
		}
	}
}

// errorInfoOf returns the one *errdetails.ErrorInfo among a status's
// details.
func errorInfoOf(t *testing.T, st *status.Status) *errdetails.ErrorInfo {
	t.Helper()
	var found *errdetails.ErrorInfo
	for _, d := range st.Details() {
		switch d := d.(type) {
		case *errdetails.ErrorInfo:
			if found != nil {
				t.Fatalf("%v: two ErrorInfo details", st)
			}
			found = d
		case error:
			t.Fatalf("%v: undecodable detail: %v", st, d)
		}
	}
	if found == nil {
		t.Fatalf("%v: no ErrorInfo detail among %v", st, st.Details())
	}
	return found
}

// TestErrorfDetailIsGenprotoErrorInfo checks that the status of
// rocketmq.Errorf carries an ErrorInfo of genproto's errdetails type,
// naming each code of the official stubs' enum by its stub name.
func TestErrorfDetailIsGenprotoErrorInfo(t *testing.T) {
	if len(v2.Code_name) < 40 {
		t.Fatalf("the v2 stubs' enum has only %d codes", len(v2.Code_name))
	}
	for num, name := range v2.Code_name {
		if v2.Code(num) == v2.Code_OK {
			continue // too short for an AIP-193 reason: see TestErrorfDetailOfOK
		}
		err := rocketmq.Errorf(rocketmq.Code(num), "for %s", name)
		gs, ok := err.(interface{ GRPCStatus() *status.Status })
		if !ok {
			t.Fatalf("%s: %T has no GRPCStatus", name, err)
		}
		info := errorInfoOf(t, gs.GRPCStatus())
		if info.GetReason() != name {
			t.Errorf("%s: Reason = %q", name, info.GetReason())
		}
		if info.GetDomain() != "rocketmq.apache.org" || info.GetDomain() != rocketmq.Domain {
			t.Errorf("%s: Domain = %q", name, info.GetDomain())
		}
		if got, want := info.GetMetadata()["code"], strconv.Itoa(int(num)); got != want {
			t.Errorf("%s: Metadata[code] = %q, want %q", name, got, want)
		}
	}
}

// TestErrorfDetailOfOK checks the one stub code whose name is no valid
// reason: the detail names it by number.
func TestErrorfDetailOfOK(t *testing.T) {
	num := strconv.Itoa(int(v2.Code_OK)) // 20000
	st := status.Convert(rocketmq.Errorf(rocketmq.Code(v2.Code_OK), "an OK code in an error"))
	info := errorInfoOf(t, st)
	if info.GetReason() != "CODE_"+num || info.GetDomain() != rocketmq.Domain || info.GetMetadata()["code"] != num {
		t.Errorf("ErrorInfo = %v", info)
	}
}

// TestStubStatusToErrorInfo goes from a v2.Status, as a RocketMQ response
// carries it, to the ErrorInfo a gRPC client reads.
func TestStubStatusToErrorInfo(t *testing.T) {
	resp := &v2.SendMessageResponse{Status: &v2.Status{Code: v2.Code_TOPIC_NOT_FOUND, Message: "no topic"}}
	code := rocketmq.Code(resp.GetStatus().GetCode())
	st := status.Convert(rocketmq.Errorf(code, "%s", resp.GetStatus().GetMessage()))
	info := errorInfoOf(t, st)
	want := &errdetails.ErrorInfo{
		Reason:   "TOPIC_NOT_FOUND",
		Domain:   "rocketmq.apache.org",
		Metadata: map[string]string{"code": "40402"},
	}
	if info.GetReason() != want.GetReason() || info.GetDomain() != want.GetDomain() ||
		len(info.GetMetadata()) != 1 || info.GetMetadata()["code"] != want.GetMetadata()["code"] {
		t.Errorf("ErrorInfo = %v, want %v", info, want)
	}
	if got, ok := rocketmq.FromStatus(st); !ok || got != rocketmq.TopicNotFound {
		t.Errorf("FromStatus = %v, %v", got, ok)
	}
}
