package crossreg

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// scan returns every number from lo to hi that known accepts, in order:
// a registry's codes found without trusting its own list.
func scan[C ~int32 | ~uint32](lo, hi int64, known func(C) bool) []C {
	var cs []C
	for n := lo; n <= hi; n++ {
		if known(C(n)) {
			cs = append(cs, C(n))
		}
	}
	return cs
}

// The number ranges scanned for codes: wide enough around what each
// package documents (RocketMQ 0 to 60000, Turms 1000 to 6131, client
// codes 1 to 500, close statuses 100 to 701, httpmap 0 to 12).
const (
	rocketmqScanMax = 70000
	turmsScanMax    = 7000
	smallScanMax    = 1000
	grpcScanMax     = 100
)

// turmsCodes, turmsClientCodes and turmsCloseStatuses are Turms' three
// code sets, found by scanning their number ranges with Known.
func turmsCodes() []turms.Code {
	return scan(0, turmsScanMax, turms.Code.Known)
}

func turmsClientCodes() []turms.ClientCode {
	return scan(0, smallScanMax, turms.ClientCode.Known)
}

func turmsCloseStatuses() []turms.SessionCloseStatus {
	return scan(0, smallScanMax, turms.SessionCloseStatus.Known)
}

// TestListsMatchKnown holds every registry's list of codes against Known
// over its number range: a listed code is known, and no known code in the
// range is missing from the list.
func TestListsMatchKnown(t *testing.T) {
	assert.Equal(t, rocketmq.Codes(), scan(-smallScanMax, rocketmqScanMax, rocketmq.Code.Known), "rocketmq")
	assert.Equal(t, httpmap.Codes(), scan(-smallScanMax, smallScanMax, httpmap.Code.Known), "httpmap")
	assert.Equal(t, grpccodes.Codes(), scan(0, grpcScanMax, grpccodes.Known), "grpccodes")
	assert.Equal(t, turms.Codes(), turmsCodes(), "turms.Code")
	assert.Equal(t, turms.ClientCodes(), turmsClientCodes(), "turms.ClientCode")
	assert.Equal(t, turms.SessionCloseStatuses(), turmsCloseStatuses(), "turms.SessionCloseStatus")

	// The counts the packages document.
	assert.Len(t, grpccodes.Codes(), 17)
	assert.Len(t, turmsCodes(), 155)
	assert.Len(t, turmsClientCodes(), 11)
	assert.Len(t, turmsCloseStatuses(), 14)
	assert.Len(t, httpmap.Codes(), 13)
	assert.Len(t, rocketmq.RPCs(), 16)

	// Nothing is known just outside the scanned ranges either, as far as
	// the random unknown numbers reach.
	for _, n := range unknownInt32s(func(int64) bool { return false }, nil) {
		if n < -smallScanMax || n > rocketmqScanMax {
			assert.False(t, rocketmq.Code(n).Known(), "rocketmq %d", n)
		}
		if n < 0 || n > turmsScanMax {
			assert.False(t, turms.Code(n).Known(), "turms %d", n)
		}
		if n < 0 || n > smallScanMax {
			assert.False(t, turms.ClientCode(n).Known(), "turms client %d", n)
			assert.False(t, turms.SessionCloseStatus(n).Known(), "turms close %d", n)
		}
		if n < -smallScanMax || n > smallScanMax {
			assert.False(t, httpmap.Code(n).Known(), "httpmap %d", n)
		}
	}
}

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
		cand = append(cand, r.Int64N(rocketmqScanMax))
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

// unknownCodes returns unknown numbers of an int32 code type.
func unknownCodes[C ~int32](listed []C, known func(C) bool) []C {
	ns := make([]int64, len(listed))
	for i, c := range listed {
		ns[i] = int64(c)
	}
	var cs []C
	for _, n := range unknownInt32s(func(n int64) bool { return known(C(n)) }, ns) {
		cs = append(cs, C(n))
	}
	return cs
}

// unknownGRPCCodes returns grpc-go codes outside the canonical set: codes.Code
// is a uint32, so its extremes are those of uint32.
func unknownGRPCCodes() []codes.Code {
	r := rand.New(rand.NewPCG(seed1, seed2))
	cand := []int64{17, 18, 99, math.MaxInt32, math.MaxInt32 + 1, math.MaxUint32 - 1, math.MaxUint32}
	for range 32 {
		cand = append(cand, r.Int64N(1<<32))
	}
	var cs []codes.Code
	for _, n := range unknownOnly(cand, func(n int64) bool { return grpccodes.Known(codes.Code(n)) }) {
		cs = append(cs, codes.Code(n))
	}
	return cs
}

// errorRegistry is a registry whose errors carry codes (Errorf, CodeOf,
// FromStatus), with its code type erased to int64 so that the three can
// be tested in one loop.
type errorRegistry struct {
	name       string // the package, also the errors' system
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

func parseAs[C ~int32](parse func(string) (C, error)) func(string) (int64, error) {
	return func(s string) (int64, error) {
		c, err := parse(s)
		return int64(c), err
	}
}

func fromStatusAs[C ~int32](from func(*status.Status) (C, bool)) func(*status.Status) (int64, bool) {
	return func(st *status.Status) (int64, bool) {
		c, ok := from(st)
		return int64(c), ok
	}
}

// errorRegistries returns rocketmq, turms and httpmap, built once and
// shared read-only.
var errorRegistries = sync.OnceValue(func() []*errorRegistry {
	return []*errorRegistry{
		{
			name: "rocketmq", domain: rocketmq.Domain,
			listed:  int64s(rocketmq.Codes()),
			unknown: int64s(unknownCodes(rocketmq.Codes(), rocketmq.Code.Known)),
			errorf: func(n int64, format string, args ...any) error {
				return rocketmq.Errorf(rocketmq.Code(n), format, args...)
			},
			codeOf:     func(err error) int64 { return int64(rocketmq.CodeOf(err)) },
			fromStatus: fromStatusAs(rocketmq.FromStatus),
			parse:      parseAs(rocketmq.ParseCode),
			str:        func(n int64) string { return rocketmq.Code(n).String() },
			http:       func(n int64) int { return rocketmq.Code(n).HTTPStatus() },
			grpc:       func(n int64) codes.Code { return rocketmq.Code(n).GRPCCode() },
			ok:         int64(rocketmq.OK),
			fallback:   int64(rocketmq.CodeUnspecified),
		},
		{
			name: "turms", domain: turms.Domain,
			listed:  int64s(turmsCodes()),
			unknown: int64s(unknownCodes(turmsCodes(), turms.Code.Known)),
			errorf: func(n int64, format string, args ...any) error {
				return turms.Errorf(turms.Code(n), format, args...)
			},
			codeOf:     func(err error) int64 { return int64(turms.CodeOf(err)) },
			fromStatus: fromStatusAs(turms.FromStatus),
			parse:      parseAs(turms.ParseCode),
			str:        func(n int64) string { return turms.Code(n).String() },
			http:       func(n int64) int { return turms.Code(n).HTTPStatus() },
			grpc:       func(n int64) codes.Code { return turms.Code(n).GRPCCode() },
			ok:         int64(turms.OK),
			fallback:   int64(turms.ServerInternalError),
			foreign:    func(c codes.Code) int64 { return int64(turms.FromGRPCCode(c)) },
		},
		{
			name: "httpmap", domain: httpmap.Domain,
			listed:  int64s(httpmap.Codes()),
			unknown: int64s(unknownCodes(httpmap.Codes(), httpmap.Code.Known)),
			errorf: func(n int64, format string, args ...any) error {
				return httpmap.Errorf(httpmap.Code(n), format, args...)
			},
			codeOf:     func(err error) int64 { return int64(httpmap.CodeOf(err)) },
			fromStatus: fromStatusAs(httpmap.FromStatus),
			parse:      parseAs(httpmap.ParseCode),
			str:        func(n int64) string { return httpmap.Code(n).String() },
			http:       func(n int64) int { return httpmap.Code(n).HTTPStatus() },
			grpc:       func(n int64) codes.Code { return httpmap.Code(n).GRPCCode() },
			ok:         int64(httpmap.CodeUnspecified),
			fallback:   int64(httpmap.CodeUnspecified),
		},
	}
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
