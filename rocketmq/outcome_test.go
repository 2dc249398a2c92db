package rocketmq_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/rocketmq"
)

// The official Java client's treatment of each code
// (testdata/rocketmq-java-client-outcome.tsv): success, an empty result
// on ReceiveMessage, or an exception. Decide must agree on which calls
// succeeded.
func TestDecideAgreesWithTheJavaClient(t *testing.T) {
	dir, err := source.Dir()
	require.NoError(t, err)
	tab, err := source.TSV(filepath.Join(dir, "rocketmq-java-client-outcome.tsv"))
	require.NoError(t, err)
	require.Equal(t, []string{"name", "java_client_outcome"}, tab.Header)
	for _, row := range tab.Rows {
		code, err := rocketmq.ParseCode(row[0])
		require.NoError(t, err, row[0])
		for _, rpc := range rocketmq.RPCs() {
			d := rpc.Decide(code)
			switch {
			case row[1] == "success":
				assert.Equal(t, rocketmq.Success, d.Outcome, "%s on %s", row[0], rpc)
			case row[1] == "success-on-ReceiveMessage-else-NotFoundException" && rpc == rocketmq.ReceiveMessage:
				assert.Equal(t, rocketmq.Empty, d.Outcome, "%s on %s", row[0], rpc)
			default: // an exception: a failure of some kind
				assert.NotContains(t, []rocketmq.Outcome{rocketmq.Success, rocketmq.Empty}, d.Outcome, "%s on %s", row[0], rpc)
			}
			assert.NotEmpty(t, d.Reason)
		}
	}
}

func TestDecideNeverRetriesClientErrors(t *testing.T) {
	for _, u := range upstreamCodes(t) {
		h := u.code.HTTPStatus()
		if h < 400 || h >= 500 || u.code.Class() == rocketmq.TooManyRequests {
			continue
		}
		for _, rpc := range rocketmq.RPCs() {
			d := rpc.Decide(u.code)
			assert.False(t, d.Retryable(), "%s on %s", u.name, rpc)
			if d.Outcome != rocketmq.Empty {
				assert.Equal(t, rocketmq.Fail, d.Outcome, "%s on %s", u.name, rpc)
			}
		}
	}
	for _, rpc := range []rocketmq.RPC{rocketmq.AckMessage, rocketmq.ChangeInvisibleDuration} {
		d := rpc.Decide(rocketmq.InvalidReceiptHandle)
		assert.Equal(t, rocketmq.Fail, d.Outcome, "terminal on %s", rpc)
		assert.Equal(t, rocketmq.ReasonClientError, d.Reason)
	}
}

func TestDecideBacksOffWhenThrottled(t *testing.T) {
	for _, c := range []rocketmq.Code{rocketmq.TooManyRequests, rocketmq.LiteTopicQuotaExceeded, rocketmq.LiteSubscriptionQuotaExceeded, 42999} {
		for _, rpc := range rocketmq.RPCs() {
			d := rpc.Decide(c)
			assert.Equal(t, rocketmq.Backoff, d.Outcome, "%s on %s", c, rpc)
			assert.True(t, d.Retryable())
		}
	}
}

func TestDecideRetriesTransientFailuresWhereAllowed(t *testing.T) {
	transient := []rocketmq.Code{
		rocketmq.ProxyTimeout, rocketmq.MasterPersistenceTimeout, rocketmq.SlavePersistenceTimeout,
		rocketmq.InternalError, rocketmq.InternalServerError, rocketmq.HaNotAvailable,
	}
	for _, c := range transient {
		for _, rpc := range rocketmq.RPCs() {
			d := rpc.Decide(c)
			if rpc.Mark(c) == rocketmq.NotAllowed {
				assert.Equal(t, rocketmq.Fail, d.Outcome, "%s on %s", c, rpc)
				assert.Equal(t, rocketmq.ReasonNotForThisRPC, d.Reason)
				continue
			}
			assert.Equal(t, rocketmq.Retry, d.Outcome, "%s on %s", c, rpc)
		}
	}
	assert.Equal(t, rocketmq.Retry, rocketmq.SendMessage.Decide(rocketmq.MasterPersistenceTimeout).Outcome)
	assert.Equal(t, rocketmq.Fail, rocketmq.Heartbeat.Decide(rocketmq.ProxyTimeout).Outcome, "❌ on Heartbeat")
	assert.Equal(t, rocketmq.Retry, rocketmq.SendMessage.Decide(50099).Outcome, "unknown: by class")
}

func TestDecideOtherCases(t *testing.T) {
	for c, want := range map[rocketmq.Code]rocketmq.Outcome{
		rocketmq.OK:                           rocketmq.Success,
		rocketmq.MultipleResults:              rocketmq.Success,
		rocketmq.NotImplemented:               rocketmq.Fail,
		rocketmq.VersionUnsupported:           rocketmq.Fail,
		rocketmq.VerifyFifoMessageUnsupported: rocketmq.Fail,
		rocketmq.FailedToConsumeMessage:       rocketmq.Fail,
		rocketmq.CodeUnspecified:              rocketmq.Fail,
		rocketmq.RequestTimeout:               rocketmq.Fail,
		12345:                                 rocketmq.Fail,
	} {
		assert.Equal(t, want, rocketmq.SendMessage.Decide(c).Outcome, "%s", c)
	}
	assert.Equal(t, rocketmq.Empty, rocketmq.ReceiveMessage.Decide(rocketmq.MessageNotFound).Outcome)
	assert.Equal(t, rocketmq.Fail, rocketmq.PullMessage.Decide(rocketmq.MessageNotFound).Outcome)
	assert.Equal(t, "Backoff", rocketmq.Backoff.String())
	assert.Equal(t, "Outcome(?)", rocketmq.Outcome(42).String())
}
