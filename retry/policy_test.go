package retry_test

import (
	"context"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/statusreg/statusreg/retry"
)

var (
	retryD   = retry.Decision{Outcome: retry.Retry, Reason: "transient"}
	backoffD = retry.Decision{Outcome: retry.Backoff, Reason: "throttled"}
)

// draws returns the least and the greatest of n draws of p.Delay.
func draws(p retry.Policy, attempt int, d retry.Decision, n int) (lo, hi time.Duration) {
	lo = time.Duration(math.MaxInt64)
	for range n {
		w := p.Delay(attempt, d)
		lo, hi = min(lo, w), max(hi, w)
	}
	return lo, hi
}

// The bounds the Delay doc states, written out for BaseDelay 10ms and
// MaxDelay 1s: Retry from 10ms doubling, Backoff from 40ms doubling,
// both capped at 1s.
func TestDelayBounds(t *testing.T) {
	p := retry.Policy{BaseDelay: 10 * time.Millisecond, MaxDelay: time.Second}
	ms := time.Millisecond
	for _, tc := range []struct {
		attempt        int
		retry, backoff time.Duration
	}{
		{1, 10 * ms, 40 * ms},
		{2, 20 * ms, 80 * ms},
		{3, 40 * ms, 160 * ms},
		{4, 80 * ms, 320 * ms},
		{5, 160 * ms, 640 * ms},
		{6, 320 * ms, time.Second},
		{7, 640 * ms, time.Second},
		{8, time.Second, time.Second},
		{100, time.Second, time.Second},
		{math.MaxInt, time.Second, time.Second},
	} {
		for _, c := range []struct {
			d     retry.Decision
			bound time.Duration
		}{{retryD, tc.retry}, {backoffD, tc.backoff}} {
			lo, hi := draws(p, tc.attempt, c.d, 2000)
			assert.GreaterOrEqual(t, lo, time.Duration(0), "attempt %d %v", tc.attempt, c.d.Outcome)
			assert.LessOrEqual(t, hi, c.bound, "attempt %d %v: above the bound", tc.attempt, c.d.Outcome)
			// Full jitter: the draws spread over the whole range.
			assert.Greater(t, hi, c.bound*9/10, "attempt %d %v: never near the bound", tc.attempt, c.d.Outcome)
			assert.Less(t, lo, c.bound/10, "attempt %d %v: never near zero", tc.attempt, c.d.Outcome)
		}
	}
	// An attempt below 1 counts as the first.
	_, hi := draws(p, 0, retryD, 2000)
	assert.LessOrEqual(t, hi, 10*ms)
	_, hi = draws(p, -5, backoffD, 2000)
	assert.LessOrEqual(t, hi, 40*ms)
}

// Backoff waits longer than Retry on average, attempt by attempt while
// the bounds differ (up to attempt 5 here; from attempt 7 on both are
// MaxDelay), and neither ever waits beyond MaxDelay.
func TestDelayBackoffWaitsLonger(t *testing.T) {
	p := retry.Policy{BaseDelay: time.Millisecond, MaxDelay: 50 * time.Millisecond}
	for attempt := 1; attempt <= 10; attempt++ {
		var sumR, sumB time.Duration
		for range 2000 {
			r, b := p.Delay(attempt, retryD), p.Delay(attempt, backoffD)
			assert.LessOrEqual(t, r, p.MaxDelay)
			assert.LessOrEqual(t, b, p.MaxDelay)
			sumR, sumB = sumR+r, sumB+b
		}
		if attempt <= 5 {
			assert.Greater(t, sumB, sumR, "attempt %d", attempt)
		}
	}
}

func TestDelayOfOtherOutcomesIsZero(t *testing.T) {
	var p retry.Policy
	for _, o := range []retry.Outcome{0, retry.Success, retry.Empty, retry.Fail, 42} {
		for attempt := range 5 {
			assert.Zero(t, p.Delay(attempt, retry.Decision{Outcome: o}), "%v", o)
		}
	}
}

func TestPolicyDefaults(t *testing.T) {
	var zero retry.Policy
	assert.Equal(t, 3, zero.Attempts())
	assert.Equal(t, 3, retry.Policy{MaxAttempts: -1}.Attempts())
	assert.Equal(t, 1, retry.Policy{MaxAttempts: 1}.Attempts())
	assert.Equal(t, 7, retry.Policy{MaxAttempts: 7}.Attempts())

	assert.Equal(t, 10*time.Second, zero.Cap(time.Hour))
	assert.Equal(t, 10*time.Second, retry.Policy{MaxDelay: -time.Second}.Cap(time.Hour))
	assert.Equal(t, 2*time.Second, zero.Cap(2*time.Second))
	assert.Equal(t, time.Duration(0), zero.Cap(-time.Second))
	assert.Equal(t, time.Second, retry.Policy{MaxDelay: time.Second}.Cap(time.Minute))

	// The zero policy: Retry's first bound is 100ms, Backoff's 400ms.
	_, hi := draws(zero, 1, retryD, 2000)
	assert.LessOrEqual(t, hi, 100*time.Millisecond)
	assert.Greater(t, hi, 90*time.Millisecond)
	_, hi = draws(zero, 1, backoffD, 2000)
	assert.LessOrEqual(t, hi, 400*time.Millisecond)
	assert.Greater(t, hi, 360*time.Millisecond)
	// And the cap of 10s holds late.
	_, hi = draws(zero, 60, backoffD, 2000)
	assert.LessOrEqual(t, hi, 10*time.Second)
	assert.Greater(t, hi, 9*time.Second)

	// BaseDelay above MaxDelay: every bound is MaxDelay.
	p := retry.Policy{BaseDelay: time.Second, MaxDelay: 5 * time.Millisecond}
	_, hi = draws(p, 1, retryD, 2000)
	assert.LessOrEqual(t, hi, 5*time.Millisecond)
}

func TestDelayDoesNotAllocate(t *testing.T) {
	var p retry.Policy
	var sink time.Duration
	assert.Zero(t, testing.AllocsPerRun(100, func() { sink += p.Delay(3, backoffD) }))
	_ = sink
}

func TestDelayConcurrent(t *testing.T) {
	p := retry.Policy{BaseDelay: time.Millisecond, MaxDelay: 8 * time.Millisecond}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i := range 1000 {
				if w := p.Delay(i%10+1, backoffD); w < 0 || w > p.MaxDelay {
					t.Errorf("delay %v outside [0, %v]", w, p.MaxDelay)
				}
			}
		})
	}
	wg.Wait()
}

func TestWait(t *testing.T) {
	ctx := context.Background()
	start := time.Now()
	assert.True(t, retry.Wait(ctx, 20*time.Millisecond))
	assert.GreaterOrEqual(t, time.Since(start), 20*time.Millisecond, "it waited")
	assert.True(t, retry.Wait(ctx, 0))

	done, cancel := context.WithCancel(ctx)
	cancel()
	assert.False(t, retry.Wait(done, 0), "a done context makes no attempt")

	short, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	start = time.Now()
	assert.False(t, retry.Wait(short, time.Hour), "the deadline comes first")
	assert.Less(t, time.Since(start), time.Second, "and it says so at once")

	ending, cancel := context.WithCancel(ctx)
	time.AfterFunc(10*time.Millisecond, cancel)
	assert.False(t, retry.Wait(ending, time.Hour), "cancelled during the wait")
}
