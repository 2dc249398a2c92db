package turms_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/statusreg/statusreg/internal/retrytable"
	"github.com/statusreg/statusreg/retry"
	"github.com/statusreg/statusreg/turms"
)

func int64s[C ~int32](cs []C) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = int64(c)
	}
	return out
}

// numberOf returns the number of the listed code whose upstream name is
// name, the resolver of a table keyed by name.
func numberOf[C interface {
	~int32
	String() string
}](codes []C) func(string) (int64, bool) {
	return func(name string) (int64, bool) {
		for _, c := range codes {
			if c.String() == name {
				return int64(c), true
			}
		}
		return 0, false
	}
}

// Decide gives what testdata/retry-turms.tsv, retry-turms-client.tsv and
// retry-turms-close.tsv say of each code; the tables name codes, so each
// row decides the code of this revision of its name.
func TestDecideFollowsTheTables(t *testing.T) {
	retrytable.Check(t, retrytable.Resolve(retrytable.Read(t, "retry-turms.tsv"), numberOf(turms.Codes())),
		int64s(turms.Codes()), []int64{0, 1299, 3499, 9999, -1},
		func(n int64) string { return turms.Code(n).String() },
		func(n int64, _ bool) retry.Decision { return turms.Code(n).Decide() })
	retrytable.Check(t, retrytable.Resolve(retrytable.Read(t, "retry-turms-client.tsv"), numberOf(turms.ClientCodes())),
		int64s(turms.ClientCodes()), []int64{0, 2, 1000, -1},
		func(n int64) string { return turms.ClientCode(n).String() },
		func(n int64, _ bool) retry.Decision { return turms.ClientCode(n).Decide() })
	retrytable.Check(t, retrytable.Resolve(retrytable.Read(t, "retry-turms-close.tsv"), numberOf(turms.SessionCloseStatuses())),
		int64s(turms.SessionCloseStatuses()), []int64{0, 250, 299, 799, -1},
		func(n int64) string { return turms.SessionCloseStatus(n).String() },
		func(n int64, _ bool) retry.Decision { return turms.SessionCloseStatus(n).Decide() })
}

// The outcomes the package documentation states, code by code of the
// seed.
func TestDecide(t *testing.T) {
	_, server, closing := seed(t)
	want := map[turms.Code]retry.Outcome{
		turms.ServerUnavailable: retry.Retry, turms.ClientRequestsTooFrequent: retry.Backoff, turms.AdminRequestsTooFrequent: retry.Backoff,
		turms.NoQualifiedMemberToBeLeader: retry.Retry, turms.CreateExistingSession: retry.Retry, turms.LoginTimeout: retry.Retry,
	}
	for _, r := range server {
		c := turms.Code(r.num)
		w, ok := want[c]
		switch {
		case ok:
		case c.IsSuccess():
			w = retry.Success
		default:
			w = retry.Fail
		}
		assert.Equal(t, w, c.Decide().Outcome, r.name)
		assert.NotEmpty(t, c.Decide().Reason, r.name)
	}
	for _, c := range []turms.Code{1299, 3499, 9999, -1} {
		assert.Equal(t, retry.Fail, c.Decide().Outcome, "%d", c)
	}
	// Quotas fail: waiting does not raise them.
	assert.Equal(t, retry.Fail, turms.MaxOwnedGroupsReached.Decide().Outcome)

	reconnect := map[string]bool{
		"HEARTBEAT_TIMEOUT": true, "LOGIN_TIMEOUT": true, "SWITCH": true, "SERVER_ERROR": true,
		"SERVER_CLOSED": true, "SERVER_UNAVAILABLE": true, "CONNECTION_CLOSED": true, "UNKNOWN_ERROR": true,
	}
	for _, r := range closing {
		w := retry.Fail
		if reconnect[r.name] {
			w = retry.Retry
		}
		assert.Equal(t, w, turms.SessionCloseStatus(r.num).Decide().Outcome, r.name)
	}
	assert.True(t, turms.CloseHeartbeatTimeout.Decide().Retryable())
	assert.False(t, turms.CloseUserIsBlocked.Decide().Retryable())
	assert.True(t, turms.SessionCloseStatus(299).Decide().Retryable())
	assert.False(t, turms.SessionCloseStatus(799).Decide().Retryable())

	assert.Equal(t, retry.Retry, turms.ClientConnectTimeout.Decide().Outcome)
	assert.Equal(t, retry.Backoff, turms.ClientClientRequestsTooFrequent.Decide().Outcome)
	assert.Equal(t, retry.Fail, turms.ClientRequestTimeout.Decide().Outcome, "the server may have acted")
}
