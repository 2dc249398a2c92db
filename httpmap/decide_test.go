package httpmap_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/internal/retrytable"
	"github.com/statusreg/statusreg/retry"
)

// Decide gives what testdata/retry-httpmap.tsv says of each code.
func TestDecide(t *testing.T) {
	var known []int64
	for _, c := range httpmap.Codes() {
		known = append(known, int64(c))
	}
	retrytable.Check(t, retrytable.Read(t, "retry-httpmap.tsv"), known, []int64{-1, 13, 99},
		func(n int64) string { return httpmap.Code(n).String() },
		func(n int64, idempotent bool) retry.Decision { return httpmap.Code(n).Decide(idempotent) })

	// The rate codes back off; SyncTimeout retries only an idempotent
	// call; every other code fails.
	for _, c := range append(httpmap.Codes(), 99, -1) {
		want := [2]retry.Outcome{retry.Fail, retry.Fail}
		switch c {
		case httpmap.RateLimit, httpmap.AbnormalAccessRate, httpmap.ThroughputUpToLimit:
			want = [2]retry.Outcome{retry.Backoff, retry.Backoff}
		case httpmap.SyncTimeout:
			want = [2]retry.Outcome{retry.Fail, retry.Retry}
		}
		assert.Equal(t, want[0], c.Decide(false).Outcome, "%v", c)
		assert.Equal(t, want[1], c.Decide(true).Outcome, "%v idempotent", c)
		assert.NotEmpty(t, c.Decide(false).Reason, "%v", c)
	}
	// A non-idempotent send that timed out is not sent again.
	assert.False(t, httpmap.SyncTimeout.Decide(false).Retryable())
	assert.Contains(t, httpmap.SyncTimeout.Decide(false).Reason, "safe to repeat")
}
