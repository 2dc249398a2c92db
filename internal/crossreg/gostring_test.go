package crossreg

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// goStringCode is what a code type offers for test failures and %#v.
type goStringCode interface {
	~int32 | ~uint8
	fmt.GoStringer
}

// checkGoString holds GoString to the package's source: a listed code
// prints as the qualified constant the package declares for it, any other
// value as the conversion pkg.typ(N); and every constant of the type is
// listed.
func checkGoString[C goStringCode](t *testing.T, pkg, typ string, listed, unknown []C, parse func(string) (C, error)) {
	t.Helper()
	consts := constantsOf(constants(t, pkg), typ)
	for _, c := range listed {
		gs := c.GoString()
		name, ok := strings.CutPrefix(gs, pkg+".")
		if !assert.True(t, ok, "%s: qualified by %s", gs, pkg) {
			continue
		}
		var names []string
		for _, k := range consts[int64(c)] {
			names = append(names, k.name)
		}
		assert.Contains(t, names, name, "%s (%d): a constant %s declares with that value", gs, int64(c), pkg)
		assert.Equal(t, gs, fmt.Sprintf("%#v", c), "%%#v is GoString")
		got, err := parse(name)
		if assert.NoError(t, err, "parse the Go name %q", name) {
			assert.Equal(t, c, got, "parse the Go name %q", name)
		}
	}
	for _, c := range unknown {
		assert.Equal(t, fmt.Sprintf("%s.%s(%d)", pkg, typ, int64(c)), c.GoString())
		assert.Equal(t, c.GoString(), fmt.Sprintf("%#v", c))
		_, declared := consts[int64(c)]
		assert.False(t, declared, "%s declares a constant for %d, yet it is not listed", pkg, int64(c))
	}
	for v, ks := range consts {
		for _, k := range ks {
			assert.Contains(t, listed, C(v), "%s.%s (%d) is declared but not listed", pkg, k.name, v)
		}
	}
}

func TestGoStringNamesTheConstant(t *testing.T) {
	var unnamedRPCs []rocketmq.RPC
	for n := range 256 {
		if r := rocketmq.RPC(n); r.Method() == "" {
			unnamedRPCs = append(unnamedRPCs, r)
		}
	}
	checkGoString(t, "rocketmq", "Code", rocketmq.Codes(), unknownCodes(rocketmq.Codes(), rocketmq.Code.Known), rocketmq.ParseCode)
	checkGoString(t, "rocketmq", "RPC", rocketmq.RPCs(), unnamedRPCs, rocketmq.ParseRPC)
	checkGoString(t, "turms", "Code", turmsCodes(), unknownCodes(turmsCodes(), turms.Code.Known), turms.ParseCode)
	checkGoString(t, "turms", "ClientCode", turmsClientCodes(), unknownCodes(turmsClientCodes(), turms.ClientCode.Known), turms.ParseClientCode)
	checkGoString(t, "turms", "SessionCloseStatus", turmsCloseStatuses(), unknownCodes(turmsCloseStatuses(), turms.SessionCloseStatus.Known), turms.ParseSessionCloseStatus)
	checkGoString(t, "httpmap", "Code", httpmap.Codes(), unknownCodes(httpmap.Codes(), httpmap.Code.Known), httpmap.ParseCode)
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
		pairs := func(n int) func(i int) int { return func(i int) int { return (i + 1) % n } }
		rc := append(rocketmq.Codes(), unknownCodes(rocketmq.Codes(), rocketmq.Code.Known)[:8]...)
		next := pairs(len(rc))
		for i, c := range rc {
			checkFailureNames(t, c, rocketmq.CodeOf(rocketmq.Errorf(rc[next(i)], "")))
		}
		tc := append(turmsCodes(), unknownCodes(turmsCodes(), turms.Code.Known)[:8]...)
		next = pairs(len(tc))
		for i, c := range tc {
			checkFailureNames(t, c, turms.CodeOf(turms.Errorf(tc[next(i)], "")))
		}
		hc := append(httpmap.Codes(), unknownCodes(httpmap.Codes(), httpmap.Code.Known)[:8]...)
		next = pairs(len(hc))
		for i, c := range hc {
			checkFailureNames(t, c, httpmap.CodeOf(httpmap.Errorf(hc[next(i)], "")))
		}
	})
	t.Run("codes", func(t *testing.T) {
		checkAllPairs(t, rocketmq.RPCs(), rocketmq.RPC(0), rocketmq.RPC(200))
		checkAllPairs(t, turmsClientCodes(), turms.ClientCode(0), turms.ClientCode(999))
		checkAllPairs(t, turmsCloseStatuses(), turms.SessionCloseStatus(0), turms.SessionCloseStatus(999))
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
