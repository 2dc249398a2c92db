package crossreg

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/internal/registries"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// scan returns every number from lo to hi that known accepts, in order:
// a registry's codes found without trusting its own list.
func scan(lo, hi int64, known func(int64) bool) []int64 {
	var ns []int64
	for n := lo; n <= hi; n++ {
		if known(n) {
			ns = append(ns, n)
		}
	}
	return ns
}

// How far around its span (the numbers its upstream gives codes) a
// registry is scanned for codes: wide enough around what each package
// documents (RocketMQ 0 to 60000, Turms 1000 to 6131, client codes 1 to
// 500, close statuses 100 to 701, httpmap 1 to 12, gRPC 0 to 16).
const (
	scanBelow = 1000
	scanAbove = 10000
)

// scanRange returns the numbers scanned for r's codes.
func scanRange(r *registries.Registry) (lo, hi int64) {
	return max(r.Span[0]-scanBelow, r.Min), min(r.Span[1]+scanAbove, r.Max)
}

// scanned returns r's codes, found by scanning its range with Known.
func scanned(r *registries.Registry) []int64 {
	lo, hi := scanRange(r)
	return scan(lo, hi, r.Known)
}

// turmsCodes, turmsClientCodes and turmsCloseStatuses are Turms' three
// code sets, found by scanning their number ranges with Known.
func turmsCodes() []turms.Code {
	return narrow[turms.Code](scanned(registries.Named("turms")))
}

func turmsClientCodes() []turms.ClientCode {
	return narrow[turms.ClientCode](scanned(registries.Named("turms-client")))
}

func turmsCloseStatuses() []turms.SessionCloseStatus {
	return narrow[turms.SessionCloseStatus](scanned(registries.Named("turms-close")))
}

// narrow returns the numbers ns as codes of type C.
func narrow[C ~int32 | ~uint32](ns []int64) []C {
	cs := make([]C, len(ns))
	for i, n := range ns {
		cs[i] = C(n)
	}
	return cs
}

// TestListsMatchKnown holds every registry's list of codes against Known
// over its number range: a listed code is known, and no known code in the
// range is missing from the list.
func TestListsMatchKnown(t *testing.T) {
	for i := range registries.All {
		r := &registries.All[i]
		assert.Equal(t, r.Codes(), scanned(r), "%s: the listed codes are the known ones", r.Name)
		for _, n := range r.Codes() {
			assert.True(t, r.Span[0] <= n && n <= r.Span[1] || r.IsSynthetic(n), "%s %d: inside the span", r.Name, n)
		}
	}
	assert.Equal(t, widen(rocketmq.Codes()), scanned(registries.Named("rocketmq")), "rocketmq")
	assert.Equal(t, widen(grpccodes.Codes()), scanned(registries.Named("grpc")), "grpccodes")

	// The counts the packages document.
	assert.Len(t, grpccodes.Codes(), 17)
	assert.Len(t, turmsCodes(), 155)
	assert.Len(t, turmsClientCodes(), 11)
	assert.Len(t, turmsCloseStatuses(), 14)
	assert.Len(t, httpmap.Codes(), 13)
	assert.Len(t, rocketmq.RPCs(), 18, "16 with a matrix column, 2 without")

	// Nothing is known just outside the scanned ranges either, as far as
	// the random unknown numbers reach.
	for _, n := range unknownInt32s(func(int64) bool { return false }, nil) {
		for i := range registries.All {
			r := &registries.All[i]
			if lo, hi := scanRange(r); n < lo || n > hi {
				assert.False(t, r.Known(n), "%s %d", r.Name, n)
			}
		}
	}
}

// widen returns the numbers of cs.
func widen[C ~int32 | ~uint32](cs []C) []int64 {
	ns := make([]int64, len(cs))
	for i, c := range cs {
		ns[i] = int64(c)
	}
	return ns
}

// usedMax bounds the numbers the registries use (RocketMQ's reach
// 60000), for random unknown numbers among them.
const usedMax = 70000

// seed fixes the random unknown numbers, so that a failure repeats.
const seed1, seed2 = 0x5eed_c0de, 10

// unknownInt32s returns numbers of the int32 range that known rejects:
// the extremes, numbers in the buckets of the listed codes (where an
// unknown code takes its class's mappings, as 40499 takes NotFound's), and
// random numbers, both over the whole range and over the range the
// registries use. The result is the same on every call.
func unknownInt32s(known func(int64) bool, listed []int64) []int64 {
	r := rand.New(rand.NewPCG(seed1, seed2))
	cand := []int64{math.MinInt32, math.MinInt32 + 1, -1, 0, 1, math.MaxInt32 - 1, math.MaxInt32}
	for _, n := range listed {
		cand = append(cand, n+1, n-n%100+99, -n)
	}
	for range 32 {
		cand = append(cand, math.MinInt32+r.Int64N(1<<32))
	}
	for range 32 {
		cand = append(cand, r.Int64N(usedMax))
	}
	return unknownOnly(cand, known)
}

// unknownOnly returns the numbers of cand that known rejects, each once,
// in order.
func unknownOnly(cand []int64, known func(int64) bool) []int64 {
	var out []int64
	for _, n := range cand {
		if !known(n) && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// unknownUint32s returns numbers of the uint32 range that known rejects:
// the two after the last listed code, the extremes, and random numbers.
// The result is the same on every call.
func unknownUint32s(known func(int64) bool, listed []int64) []int64 {
	r := rand.New(rand.NewPCG(seed1, seed2))
	last := slices.Max(listed)
	cand := []int64{last + 1, last + 2, 99, math.MaxInt32, math.MaxInt32 + 1, math.MaxUint32 - 1, math.MaxUint32}
	for range 32 {
		cand = append(cand, r.Int64N(1<<32))
	}
	return unknownOnly(cand, known)
}

// unknownOf returns unknown numbers of the registry r's code type: of the
// uint32 range for grpc-go's codes.Code, else of the int32 range.
func unknownOf(r *registries.Registry) []int64 {
	if r.Min == 0 {
		return unknownUint32s(r.Known, r.Codes())
	}
	return unknownInt32s(r.Known, r.Codes())
}

// unknownGRPCCodes returns grpc-go codes outside the canonical set: codes.Code
// is a uint32, so its extremes are those of uint32.
func unknownGRPCCodes() []codes.Code {
	return narrow[codes.Code](unknownOf(registries.Named("grpc")))
}

// errorRegistry is a registry whose errors carry codes (Errorf, CodeOf,
// FromStatus), with its code type erased to int64 so that the three can
// be tested in one loop.
type errorRegistry struct {
	name       string // the registry's name
	system     string // the errors' system: the name, or the system of a registry with revisions
	domain     string // the ErrorInfo domain
	listed     []int64
	unknown    []int64
	errorf     func(n int64, format string, args ...any) error
	codeOf     func(error) int64
	fromStatus func(*status.Status) (int64, bool)
	parse      func(string) (int64, error)
	str        func(int64) string
	http       func(int64) int        // the code's HTTPStatus
	grpc       func(int64) codes.Code // the code's GRPCCode
	ok         int64                  // what CodeOf gives nil
	fallback   int64                  // what CodeOf gives an error without a code of the registry
	revision   string                 // the upstream revision, for a system with several
	// foreign is what CodeOf gives a status error with gRPC code c and no
	// code of the registry: fallback, but for Turms, which maps c to the
	// Turms code of its meaning (turms.FromGRPCCode).
	foreign func(c codes.Code) int64
}

// foreignOf is what CodeOf gives err, a status error of another
// registry or none.
func (r *errorRegistry) foreignOf(err error) int64 {
	st, ok := status.FromError(err)
	if !ok || r.foreign == nil {
		return r.fallback
	}
	return r.foreign(st.Code())
}

// reads returns what r's CodeOf gives err, an error of registry reg
// carrying n: for an error of another revision of r's system (the same
// domain), the code r lists under the name the error's ErrorInfo gives
// (its metadata "name", else its reason), or 0 when r lists none (a
// number is never read across revisions); for any other registry's
// error, foreignOf(err).
func (r *errorRegistry) reads(reg *errorRegistry, n int64, err error) int64 {
	if r.domain != reg.domain || r.revision == "" || r.revision == reg.revision {
		return r.foreignOf(err)
	}
	e, ok := reg.errorf(n, "").(interface{ ErrorInfo() *errdetails.ErrorInfo })
	if !ok {
		panic(reg.name + " errors have no ErrorInfo")
	}
	info := e.ErrorInfo()
	name := info.GetMetadata()["name"]
	if name == "" {
		name = info.GetReason()
	}
	for _, c := range r.listed {
		if r.str(c) == name {
			return c
		}
	}
	return 0
}

// all returns the listed codes, then the unknown numbers.
func (r *errorRegistry) all() []int64 { return append(slices.Clone(r.listed), r.unknown...) }

// wireSample is how many unknown numbers the tests over the network
// send, to keep them fast: the extremes and an even spread of the rest.
const wireSample = 32

// sample returns the listed codes, then wireSample of the unknown
// numbers: the first few (the int32 extremes, -1, 0 and 1, when
// unknown), then an even spread of the rest.
func (r *errorRegistry) sample() []int64 {
	out := slices.Clone(r.listed)
	if len(r.unknown) <= wireSample {
		return append(out, r.unknown...)
	}
	const head = 8
	out = append(out, r.unknown[:head]...)
	rest := r.unknown[head:]
	for i := range wireSample - head {
		out = append(out, rest[i*len(rest)/(wireSample-head)])
	}
	return out
}

// wireCode is the gRPC code an error carrying n travels with: the code's
// own, UNKNOWN in place of OK.
func (r *errorRegistry) wireCode(n int64) codes.Code {
	if c := r.grpc(n); c != codes.OK {
		return c
	}
	return codes.Unknown
}

func int64s[C ~int32 | ~uint8](cs []C) []int64 {
	ns := make([]int64, len(cs))
	for i, c := range cs {
		ns[i] = int64(c)
	}
	return ns
}

// errorRegistries returns the registries of registries.All whose codes
// errors carry, built once and shared read-only.
var errorRegistries = sync.OnceValue(func() []*errorRegistry {
	var regs []*errorRegistry
	for i := range registries.All {
		r := &registries.All[i]
		if r.Errorf == nil {
			continue
		}
		http := r.HTTPStatus
		if http == nil {
			http = func(int64) int { return 0 }
		}
		regs = append(regs, &errorRegistry{
			name: r.Name, system: cmp.Or(r.System, r.Name), domain: r.Domain,
			listed: r.Codes(), unknown: unknownOf(r),
			errorf: r.Errorf, codeOf: r.CodeOf, fromStatus: r.FromStatus, parse: r.Parse, str: r.String,
			http: http, grpc: r.GRPCCode, ok: r.OK, fallback: r.NoCode, revision: r.Revision, foreign: r.FromGRPCCode,
		})
	}
	return regs
})

// registryNamed returns the error registry called name, or nil.
func registryNamed(name string) *errorRegistry {
	for _, r := range errorRegistries() {
		if r.name == name {
			return r
		}
	}
	return nil
}
