package retry

import (
	"context"
	"time"
)

// Wait waits d before another attempt, and reports whether that attempt
// may be made: false at once when ctx is done, or when its deadline
// would pass before the wait ends (the attempt could not finish in
// time), and false when ctx ends during the wait.
func Wait(ctx context.Context, d time.Duration) bool {
	if ctx.Err() != nil {
		return false
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) <= d {
		return false
	}
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
