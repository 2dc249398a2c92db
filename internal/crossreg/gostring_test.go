package crossreg

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/internal/registries"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// A goStringType is a code type whose GoString is checked: its package
// and type, its values by number, and its parser.
type goStringType struct {
	pkg, typ string
	value    func(n int64) any
	parse    func(string) (int64, error)
}

// goStringOf returns the registry r's code type.
func goStringOf(r *registries.Registry) goStringType {
	return goStringType{r.Package, r.Type, r.Value, r.Parse}
}

// rpcType is rocketmq.RPC.
var rpcType = goStringType{"rocketmq", "RPC",
	func(n int64) any { return rocketmq.RPC(n) },
	func(s string) (int64, error) { r, err := rocketmq.ParseRPC(s); return int64(r), err }}

// goString returns the GoString of the value n of ty, which must have one.
func (ty goStringType) goString(t *testing.T, n int64) string {
	t.Helper()
	g, ok := ty.value(n).(fmt.GoStringer)
	require.True(t, ok, "%s.%s is a fmt.GoStringer", ty.pkg, ty.typ)
	return g.GoString()
}

// checkGoString holds GoString to the package's source: a listed code
// prints as the qualified constant the package declares for it, any other
// value as the conversion pkg.typ(N); and every constant of the type is
// listed.
func checkGoString(t *testing.T, ty goStringType, listed, unknown []int64) {
	t.Helper()
	pkg, typ := ty.pkg, ty.typ
	consts := constantsOf(constants(t, pkg), typ)
	for _, c := range listed {
		gs := ty.goString(t, c)
		name, ok := strings.CutPrefix(gs, pkg+".")
		if !assert.True(t, ok, "%s: qualified by %s", gs, pkg) {
			continue
		}
		var names []string
		for _, k := range consts[c] {
			names = append(names, k.name)
		}
		assert.Contains(t, names, name, "%s (%d): a constant %s declares with that value", gs, c, pkg)
		assert.Equal(t, gs, fmt.Sprintf("%#v", ty.value(c)), "%%#v is GoString")
		got, err := ty.parse(name)
		if assert.NoError(t, err, "parse the Go name %q", name) {
			assert.Equal(t, c, got, "parse the Go name %q", name)
		}
	}
	for _, c := range unknown {
		assert.Equal(t, fmt.Sprintf("%s.%s(%d)", pkg, typ, c), ty.goString(t, c))
		assert.Equal(t, ty.goString(t, c), fmt.Sprintf("%#v", ty.value(c)))
		_, declared := consts[c]
		assert.False(t, declared, "%s declares a constant for %d, yet it is not listed", pkg, c)
	}
	for v, ks := range consts {
		for _, k := range ks {
			assert.Contains(t, listed, v, "%s.%s (%d) is declared but not listed", pkg, k.name, v)
		}
	}
}

func TestGoStringNamesTheConstant(t *testing.T) {
	var unnamedRPCs []int64
	for n := range 256 {
		if r := rocketmq.RPC(n); r.Method() == "" {
			unnamedRPCs = append(unnamedRPCs, int64(n))
		}
	}
	checkGoString(t, rpcType, int64s(rocketmq.RPCs()), unnamedRPCs)
	for _, r := range ownTypes() {
		t.Run(r.Package+"."+r.Type, func(t *testing.T) {
			checkGoString(t, goStringOf(r), r.Codes(), unknownOf(r))
		})
	}
}

// mockT is a testify TestingT that records the failure messages.
type mockT struct{ messages []string }

func (m *mockT) Errorf(format string, args ...any) {
	m.messages = append(m.messages, fmt.Sprintf(format, args...))
}

// failureOf returns the message testify's assert.Equal gives when want
// and got differ, and whether it failed at all.
func failureOf(want, got any) (string, bool) {
	m := &mockT{}
	ok := assert.Equal(m, want, got)
	return strings.Join(m.messages, "\n"), !ok && len(m.messages) > 0
}

// checkFailureNames asserts that assert.Equal(want, got) fails with a
// message whose expected and actual lines name want and got as Go
// expressions (their GoString).
func checkFailureNames(t *testing.T, want, got fmt.GoStringer) {
	t.Helper()
	msg, failed := failureOf(want, got)
	if !assert.True(t, failed, "assert.Equal(%#v, %#v) fails", want, got) {
		return
	}
	for _, line := range []struct{ label, name string }{{"expected", want.GoString()}, {"actual  ", got.GoString()}} {
		re := regexp.MustCompile(`(?m)` + line.label + `: ` + regexp.QuoteMeta(line.name) + `\s*$`)
		assert.Regexp(t, re, msg, "the %s line names %s", strings.TrimSpace(line.label), line.name)
	}
}

// TestAssertEqualNamesBothCodes: a user's assert.Equal between two codes
// (the one expected, the one an error carries) names both constants.
func TestAssertEqualNamesBothCodes(t *testing.T) {
	t.Run("example", func(t *testing.T) {
		err := rocketmq.Errorf(rocketmq.ConsumerGroupNotFound, "no group %q", "g")
		msg, failed := failureOf(rocketmq.TopicNotFound, rocketmq.CodeOf(err))
		assert.True(t, failed)
		assert.Contains(t, msg, "rocketmq.TopicNotFound")
		assert.Contains(t, msg, "rocketmq.ConsumerGroupNotFound")
		assert.NotContains(t, msg, "40402", "the constant, not the number")

		msg, failed = failureOf(rocketmq.TopicNotFound, rocketmq.CodeOf(rocketmq.Errorf(40499, "")))
		assert.True(t, failed)
		assert.Contains(t, msg, "rocketmq.Code(40499)")

		_, failed = failureOf(rocketmq.TopicNotFound, rocketmq.CodeOf(fmt.Errorf("wrapped: %w", rocketmq.Errorf(rocketmq.TopicNotFound, ""))))
		assert.False(t, failed, "equal codes pass")
	})
	t.Run("errors", func(t *testing.T) {
		// Each error registry, for each code: what CodeOf reads from an
		// error of the next code is not the code expected.
		for _, reg := range errorRegistries() {
			r := registries.Named(reg.name)
			cs := append(slices.Clone(reg.listed), reg.unknown[:8]...)
			for i, c := range cs {
				next := cs[(i+1)%len(cs)]
				got := r.Value(reg.codeOf(reg.errorf(next, "")))
				checkFailureNames(t, r.Value(c).(fmt.GoStringer), got.(fmt.GoStringer))
			}
		}
	})
	t.Run("codes", func(t *testing.T) {
		checkAllPairs(t, rocketmq.RPCs(), rocketmq.RPC(0), rocketmq.RPC(200))
		// The code types without errors: every pair of their codes and
		// of two unknown numbers, just outside their span.
		for _, r := range ownTypes() {
			if r.Errorf != nil {
				continue
			}
			var cs []fmt.GoStringer
			for _, n := range append(r.Codes(), r.Span[0]-1, r.Span[1]+1) {
				cs = append(cs, r.Value(n).(fmt.GoStringer))
			}
			checkAllPairs(t, cs)
		}
		// RPC read from a method, as a server sees it.
		r, err := rocketmq.ParseRPC("/apache.rocketmq.v2.MessagingService/AckMessage")
		assert.NoError(t, err)
		checkFailureNames(t, rocketmq.SendMessage, r)
	})
	t.Run("mismatched types", func(t *testing.T) {
		// Equal numbers of different code types differ, and the message
		// says which type is which.
		msg, failed := failureOf(turms.ClientInvalidRequest, turms.CloseIllegalRequest) // both 100
		assert.True(t, failed)
		assert.Contains(t, msg, "turms.ClientInvalidRequest")
		assert.Contains(t, msg, "turms.CloseIllegalRequest")
		_, failed = failureOf(rocketmq.TopicNotFound, errors.New("x"))
		assert.True(t, failed)
	})
}

// checkAllPairs checks the failure message of every ordered pair of
// distinct codes of cs and the extra values.
func checkAllPairs[C interface {
	comparable
	fmt.GoStringer
}](t *testing.T, cs []C, extra ...C) {
	t.Helper()
	all := append(append([]C(nil), cs...), extra...)
	for _, a := range all {
		for _, b := range all {
			if a != b {
				checkFailureNames(t, a, b)
			}
		}
	}
}
