package retry_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/statusreg/statusreg/retry"
)

// A caller loops on a decision: it waits Policy.Delay between attempts
// and stops at the policy's attempt limit or at a decision that is not
// retryable.
func Example() {
	answers := []retry.Decision{
		{Outcome: retry.Backoff, Reason: "throttled"},
		{Outcome: retry.Retry, Reason: "briefly unavailable"},
		{Outcome: retry.Success, Reason: "done"},
	}
	p := retry.Policy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond}
	for attempt := 1; ; attempt++ {
		d := answers[attempt-1]
		fmt.Println(attempt, d.Outcome, d.Retryable())
		if !d.Retryable() || attempt == p.Attempts() {
			break
		}
		wait := p.Delay(attempt, d)
		fmt.Println("  wait at most", p.Cap(time.Hour), wait <= p.Cap(time.Hour))
		time.Sleep(wait)
	}

	b, _ := json.Marshal(answers[0])
	fmt.Println(string(b))
	// Output:
	// 1 Backoff true
	//   wait at most 4ms true
	// 2 Retry true
	//   wait at most 4ms true
	// 3 Success false
	// {"Outcome":"Backoff","Reason":"throttled"}
}

// The zero Policy is usable: three attempts, waits from 100ms up to 10s.
func ExamplePolicy_zero() {
	var p retry.Policy
	fmt.Println(p.Attempts(), p.Cap(time.Minute))
	fmt.Println(p.Delay(1, retry.Decision{Outcome: retry.Fail}))
	// Output:
	// 3 10s
	// 0s
}
