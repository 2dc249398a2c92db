package retry

import (
	"math/rand/v2"
	"time"
)

// The values a zero field of Policy stands for.
const (
	DefaultMaxAttempts = 3                      // the first attempt and two more, as RocketMQ's producers default to
	DefaultBaseDelay   = 100 * time.Millisecond // the bound of the first wait after a Retry
	DefaultMaxDelay    = 10 * time.Second       // the longest wait
)

// Policy says how often, and after how long a wait, a call that failed
// retryably is sent again. Its zero value is usable: each field that is
// zero or negative stands for its default (DefaultMaxAttempts,
// DefaultBaseDelay, DefaultMaxDelay).
//
// Waits use full jitter: each is drawn uniformly between zero and a
// bound, so that many clients failing at once do not come back at once.
// The bound doubles with every attempt, starting from BaseDelay after a
// Retry and from four times BaseDelay after a Backoff, and never exceeds
// MaxDelay.
type Policy struct {
	MaxAttempts int           // attempts in all, the first included; 1 sends once
	BaseDelay   time.Duration // the bound of the wait after the first attempt, for Retry
	MaxDelay    time.Duration // the bound no wait exceeds, a server's suggestion included
}

// Attempts returns the number of attempts p allows in all, the first
// included: MaxAttempts, or DefaultMaxAttempts when that is zero or
// negative.
func (p Policy) Attempts() int {
	if p.MaxAttempts <= 0 {
		return DefaultMaxAttempts
	}
	return p.MaxAttempts
}

func (p Policy) base() time.Duration {
	if p.BaseDelay <= 0 {
		return DefaultBaseDelay
	}
	return p.BaseDelay
}

func (p Policy) max() time.Duration {
	if p.MaxDelay <= 0 {
		return DefaultMaxDelay
	}
	return p.MaxDelay
}

// Cap returns d limited to what p allows a wait to be: between zero and
// MaxDelay (or its default). Callers use it for a delay the server asked
// for, such as a Retry-After header or a google.rpc.RetryInfo detail.
func (p Policy) Cap(d time.Duration) time.Duration {
	return min(max(d, 0), p.max())
}

// Delay returns how long to wait before the next attempt, after attempt
// number attempt (1 for the first) was decided d. It is zero when d is
// not retryable. Otherwise it is drawn uniformly from zero to a bound,
// both included:
//
//	Retry:   min(MaxDelay, BaseDelay × 2^(attempt-1))
//	Backoff: min(MaxDelay, BaseDelay × 2^(attempt+1))
//
// so the bound grows with the attempt, never exceeds MaxDelay, and is at
// least as large for Backoff as for Retry. An attempt below 1 counts as
// 1. Delay is safe for concurrent use and does not allocate.
func (p Policy) Delay(attempt int, d Decision) time.Duration {
	n := min(max(attempt, 1), 64) // past 64 doublings every bound is MaxDelay
	var shift int
	switch d.Outcome {
	case Retry:
		shift = n - 1
	case Backoff:
		shift = n + 1
	default:
		return 0
	}
	b := bound(p.base(), p.max(), shift)
	return rand.N(b + 1)
}

// bound returns min(limit, base×2^shift) without overflow.
func bound(base, limit time.Duration, shift int) time.Duration {
	if base >= limit {
		return limit
	}
	if shift >= 62 || base > limit>>shift {
		return limit
	}
	return base << shift
}
