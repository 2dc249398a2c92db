package crossreg

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/internal/registries"
	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/rocketmq"
)

// The relation between a code's HTTP status and its gRPC code is the one
// turms documents for its codes ("GRPCCode follows the HTTP status as
// grpccodes.FromHTTPStatus maps it, except where the name says more") and
// the one grpccodes documents for its own (FromHTTPStatus inverts
// HTTPStatus, picking the most general code where several share a
// status):
//
//	grpccodes.FromHTTPStatus(c.HTTPStatus()) == c.GRPCCode()
//
// A code with no HTTP status (0) maps to UNKNOWN, as FromHTTPStatus(0)
// does. The codes below break the relation on purpose; each entry is the
// gRPC code the registry gives instead, then why. The tests fail when a
// code not listed breaks the relation, and when a listed one keeps it.

// dataRows reads the TSV file of testdata/ with the given columns.
func dataRows(t *testing.T, file string, header ...string) [][]string {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	tab, err := source.TSV(filepath.Join(dir, file))
	require.NoError(t, err)
	require.Equal(t, header, tab.Header, file)
	return tab.Rows
}

// grpcExceptions are the canonical codes that share an HTTP status with a
// more general code, which FromHTTPStatus picks: testdata/grpc-http-semantic.tsv
// names, for each status, the code it picks and why. Each is given as
// "NAME: shares N with PICKED, ...".
func grpcExceptions(t *testing.T) map[codes.Code]string {
	t.Helper()
	picked := map[string][]string{}
	for _, row := range dataRows(t, "grpc-http-semantic.tsv", "http", "grpc", "reason") {
		picked[row[0]] = row[1:]
	}
	out := map[codes.Code]string{}
	for _, c := range grpccodes.Codes() {
		h := strconv.Itoa(grpccodes.HTTPStatus(c))
		p, ok := picked[h]
		require.True(t, ok, "grpc-http-semantic.tsv has a row for %s, the status of %s", h, grpccodes.Name(c))
		if p[0] != grpccodes.Name(c) {
			out[c] = fmt.Sprintf("%s: shares %s with %s, the code FromHTTPStatus picks: %s.", grpccodes.Name(c), h, p[0], p[1])
		}
	}
	require.Len(t, out, 5, "five canonical codes share a status with a more general one")
	return out
}

// rocketmqExceptions: RocketMQ's gRPC codes follow each code's class
// (rocketmq.Code.GRPCCode doc), and its numbers carry HTTP statuses no
// canonical code maps to.
var rocketmqExceptions = map[rocketmq.Code]string{
	rocketmq.MultipleResults:              "OK: a batch call succeeded; 300 is no success status, and FromHTTPStatus gives a 3xx UNKNOWN.",
	rocketmq.RequestTimeout:               "DEADLINE_EXCEEDED: the client timed out; no canonical code maps to 408, whose 4xx fallback is FAILED_PRECONDITION.",
	rocketmq.PayloadTooLarge:              "INVALID_ARGUMENT: the request's content is too large; no canonical code maps to 413.",
	rocketmq.MessageBodyTooLarge:          "INVALID_ARGUMENT: the message body is too large (class PayloadTooLarge, 413).",
	rocketmq.MessageBodyEmpty:             "INVALID_ARGUMENT: the message body is empty (class PayloadTooLarge, 413).",
	rocketmq.RequestHeaderFieldsTooLarge:  "INVALID_ARGUMENT: the request's headers or properties are too large; no canonical code maps to 431.",
	rocketmq.MessagePropertiesTooLarge:    "INVALID_ARGUMENT: the message's properties are too large (class RequestHeaderFieldsTooLarge, 431).",
	rocketmq.HANotAvailable:               "UNAVAILABLE: a transient failure, the one exception to its class InternalError (HTTP 500) that GRPCCode's doc names.",
	rocketmq.Unsupported:                  "UNIMPLEMENTED: the server does not support the request; no canonical code maps to 505, whose 5xx fallback is INTERNAL.",
	rocketmq.VersionUnsupported:           "UNIMPLEMENTED: the protocol version is not supported (class Unsupported, 505).",
	rocketmq.VerifyFifoMessageUnsupported: "UNIMPLEMENTED: the client cannot verify FIFO messages (class Unsupported, 505).",
}

// httpmapExceptions: httpmap's gRPC codes go "by meaning, not by HTTP
// status" (httpmap.Code.GRPCCode doc), and the API answers some codes
// with a plain 400.
var httpmapExceptions = map[httpmap.Code]string{
	httpmap.ACKFailed:     "FAILED_PRECONDITION: the receipt handle is no longer valid, though the API answers 400.",
	httpmap.TopicNotExist: "NOT_FOUND: the topic does not exist, though the API answers 400.",
	httpmap.SyncTimeout:   "DEADLINE_EXCEEDED: the operation did not complete in time; no canonical code maps to 408.",
}

// turmsExceptions are the server codes whose gRPC code "says more" than
// their HTTP status, each stated in its constant's doc ("Its gRPC code is
// X: why (HTTP N alone gives Y)"), and listed in the doc of the Code
// constants: the rows of testdata/turms-grpc-overrides.tsv, each given as
// "GRPC: reason.". The rows name codes, so every Turms revision r (a
// registry of its server codes) takes the rows of the names it lists.
func turmsExceptions(t *testing.T, r *registries.Registry) map[int64]string {
	t.Helper()
	byName := map[string]int64{}
	for _, n := range r.Codes() {
		byName[r.String(n)] = n
	}
	out := map[int64]string{}
	for _, row := range dataRows(t, "turms-grpc-overrides.tsv", "name", "grpc", "group", "reason") {
		n, ok := byName[row[0]]
		if !ok {
			continue // a code of another revision
		}
		require.NotContains(t, out, n, row[0])
		out[n] = row[1] + ": " + row[3] + "."
	}
	require.NotEmpty(t, out)
	return out
}

// turmsServerRegistries returns the registries of the Turms server codes,
// one per revision.
func turmsServerRegistries() []*registries.Registry {
	return registries.Named("turms").Revisions()
}

// mappingExceptions are the exceptions of every registry whose codes
// break the relation on purpose, by registry name.
func mappingExceptions(t *testing.T) map[string]map[int64]string {
	out := map[string]map[int64]string{
		"rocketmq": widenKeys(rocketmqExceptions),
		"httpmap":  widenKeys(httpmapExceptions),
	}
	for _, r := range turmsServerRegistries() {
		out[r.Name] = turmsExceptions(t, r)
	}
	return out
}

func widenKeys[C ~int32](m map[C]string) map[int64]string {
	out := make(map[int64]string, len(m))
	for c, why := range m {
		out[int64(c)] = why
	}
	return out
}

// agrees reports whether an HTTP status and a gRPC code keep the relation.
func agrees(http int, grpc codes.Code) bool { return grpccodes.FromHTTPStatus(http) == grpc }

// checkMapping holds the listed codes of the registry r to the relation
// or to its exceptions, and its unknown numbers to the relation or to the
// exception of the listed code that opens their hundred, whose mappings
// they take.
func checkMapping(t *testing.T, r *registries.Registry, exceptions map[int64]string) {
	t.Helper()
	listed, http, grpc := r.Codes(), r.HTTPStatus, r.GRPCCode
	for _, c := range listed {
		why, listedException := exceptions[c]
		if !listedException {
			assert.True(t, agrees(http(c), grpc(c)),
				"%s (%d): HTTP %d gives %s, but its gRPC code is %s: an exception the test does not list",
				r.String(c), c, http(c), grpccodes.Name(grpccodes.FromHTTPStatus(http(c))), grpccodes.Name(grpc(c)))
			continue
		}
		assert.False(t, agrees(http(c), grpc(c)),
			"%s (%d): listed as an exception (%s), yet HTTP %d gives its gRPC code %s", r.String(c), c, why, http(c), grpccodes.Name(grpc(c)))
		name, _, _ := strings.Cut(why, ":")
		assert.Equal(t, name, grpccodes.Name(grpc(c)), "%s: the exception states the gRPC code", r.String(c))
	}
	for c := range exceptions {
		assert.Contains(t, listed, c, "exception %s is a listed code", r.String(c))
	}
	for _, c := range unknownOf(r) {
		if agrees(http(c), grpc(c)) {
			continue
		}
		class := c - c%100
		_, listedException := exceptions[class]
		assert.True(t, c >= 0 && listedException && http(c) == http(class) && grpc(c) == grpc(class),
			"unknown %s: HTTP %d gives %s, but its gRPC code is %s, and it takes no listed exception's mappings",
			r.String(c), http(c), grpccodes.Name(grpccodes.FromHTTPStatus(http(c))), grpccodes.Name(grpc(c)))
	}
}

func TestHTTPAndGRPCAgree(t *testing.T) {
	grpcExceptions := grpcExceptions(t)
	t.Run("grpccodes", func(t *testing.T) {
		for _, c := range grpccodes.Codes() {
			h := grpccodes.HTTPStatus(c)
			why, listed := grpcExceptions[c]
			if !listed {
				assert.Equal(t, c, grpccodes.FromHTTPStatus(h), "%s: HTTP %d", grpccodes.Name(c), h)
				continue
			}
			assert.NotEqual(t, c, grpccodes.FromHTTPStatus(h), "%s: listed (%s), yet HTTP %d gives it", grpccodes.Name(c), why, h)
			// What it gives instead is a code that maps back to the same status.
			assert.Equal(t, h, grpccodes.HTTPStatus(grpccodes.FromHTTPStatus(h)), "%s: HTTP %d", grpccodes.Name(c), h)
			name, _, _ := strings.Cut(why, ":")
			assert.Equal(t, name, grpccodes.Name(c))
		}
		for c := range grpcExceptions {
			assert.True(t, grpccodes.Known(c), "exception %v is canonical", c)
		}
		// A code outside the canonical set maps to 500, as grpc-gateway
		// maps it (grpccodes.HTTPStatus doc): an exception by definition.
		for _, c := range unknownGRPCCodes() {
			assert.Equal(t, 500, grpccodes.HTTPStatus(c), "%d", uint32(c))
		}
	})
	// Every registry whose codes have HTTP statuses, grpccodes' own aside.
	mappingExceptions := mappingExceptions(t)
	for _, r := range ownTypes() {
		if r.HTTPStatus == nil {
			continue
		}
		t.Run(r.Name, func(t *testing.T) { checkMapping(t, r, mappingExceptions[r.Name]) })
	}
	// The errors of each registry map as their codes do.
	for _, reg := range errorRegistries() {
		for _, n := range reg.all() {
			e, ok := reg.errorf(n, "").(interface {
				HTTPStatus() int
				GRPCCode() codes.Code
			})
			if assert.True(t, ok, "%s error has HTTPStatus and GRPCCode", reg.name) {
				assert.Equal(t, reg.http(n), e.HTTPStatus(), "%s %d: error's HTTPStatus", reg.name, n)
				assert.Equal(t, reg.wireCode(n), e.GRPCCode(), "%s %d: error's GRPCCode", reg.name, n)
			}
		}
	}
}

// overrideDoc is the sentence with which a turms constant's doc states a
// gRPC code that is not the one its HTTP status gives.
var overrideDoc = regexp.MustCompile(`Its gRPC code is ([A-Z_]+):[^\n]*\(HTTP (\d+) alone gives ([A-Z_]+)\)`)

// TestTurmsExceptionsAsDocumented holds turmsExceptions to the constants'
// docs of each Turms revision: the test lists exactly the codes whose doc
// states an override, with the gRPC code, HTTP status and fallback each
// doc names.
func TestTurmsExceptionsAsDocumented(t *testing.T) {
	for _, r := range turmsServerRegistries() {
		t.Run(r.Package, func(t *testing.T) {
			exceptions := turmsExceptions(t, r)
			documented := make(map[int64]bool)
			for _, k := range constants(t, r.Package) {
				if k.typ != "Code" {
					continue
				}
				m := overrideDoc.FindStringSubmatch(k.doc)
				if m == nil {
					continue
				}
				c := k.value
				documented[c] = true
				assert.Equal(t, m[1], grpccodes.Name(r.GRPCCode(c)), "%s: the gRPC code its doc states", k.name)
				assert.Equal(t, m[2], strconv.Itoa(r.HTTPStatus(c)), "%s: the HTTP status its doc states", k.name)
				assert.Equal(t, m[3], grpccodes.Name(grpccodes.FromHTTPStatus(r.HTTPStatus(c))), "%s: what its doc says HTTP alone gives", k.name)
				_, listed := exceptions[c]
				assert.True(t, listed, "%s documents an override the test does not list", k.name)
			}
			for c := range exceptions {
				assert.True(t, documented[c], "%s is listed, but its doc states no override", r.String(c))
			}
			assert.Len(t, documented, len(exceptions))
		})
	}
}

// mapsDoc is the sentence with which a generated constant's doc states
// its mappings.
var mapsDoc = regexp.MustCompile(`maps to gRPC ([A-Z_]+) and (?:HTTP (\d+)|no HTTP status)`)

// TestMappingsAsDocumented: every code constant of every registry maps
// as its doc says.
func TestMappingsAsDocumented(t *testing.T) {
	for _, r := range ownTypes() {
		t.Run(r.Package+"."+r.Type, func(t *testing.T) {
			tc := struct{ dir, typ string }{r.Package, r.Type}
			seen := 0
			for _, k := range constants(t, tc.dir) {
				if k.typ != tc.typ {
					continue
				}
				seen++
				m := mapsDoc.FindStringSubmatch(k.doc)
				if !assert.NotNil(t, m, "%s.%s: its doc states its mappings", tc.dir, k.name) {
					continue
				}
				assert.Equal(t, m[1], grpccodes.Name(r.GRPCCode(k.value)), "%s.%s: gRPC code", tc.dir, k.name)
				wantHTTP := 0
				if m[2] != "" {
					wantHTTP, _ = strconv.Atoi(m[2])
				}
				if r.HTTPStatus != nil {
					assert.Equal(t, wantHTTP, r.HTTPStatus(k.value), "%s.%s: HTTP status", tc.dir, k.name)
				} else {
					assert.Zero(t, wantHTTP, "%s.%s: no HTTP status", tc.dir, k.name)
				}
			}
			assert.NotZero(t, seen, fmt.Sprintf("constants of %s.%s", tc.dir, tc.typ))
		})
	}
}
