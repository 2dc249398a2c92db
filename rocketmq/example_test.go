package rocketmq_test

import (
	"errors"
	"fmt"

	"github.com/statusreg/statusreg/retry"
	"github.com/statusreg/statusreg/rocketmq"
)

// A consumer got a status code back from ReceiveMessage: it checks the
// code against the RPC's contract, then decides whether to retry.
func Example() {
	var received int32 = 40401 // resp.GetStatus().GetCode() from any stub

	code := rocketmq.Code(received)
	rpc := rocketmq.ReceiveMessage
	fmt.Println(code, code.Class(), code.HTTPStatus())
	fmt.Println(rpc.Mark(code), rpc.Allows(code))

	d := rpc.Decide(code)
	fmt.Println(d.Outcome, d.Retryable())

	d = rocketmq.AckMessage.Decide(rocketmq.InvalidReceiptHandle)
	fmt.Println(d.Outcome, "-", d.Reason)

	d = rocketmq.SendMessage.Decide(rocketmq.TooManyRequests)
	fmt.Println(d.Outcome == retry.Backoff, d.Retryable())
	// Output:
	// MESSAGE_NOT_FOUND NOT_FOUND 404
	// Allowed true
	// Empty false
	// Fail - a 4xx-family code: the request itself is wrong, and a retry repeats it
	// true true
}

// A proxy answers with a RocketMQ code; the client reads it back exactly.
func ExampleCodeOf() {
	err := rocketmq.Errorf(rocketmq.TopicNotFound, "topic %q does not exist", "orders")
	wrapped := fmt.Errorf("send: %w", err)

	fmt.Println(rocketmq.CodeOf(wrapped))
	fmt.Println(errors.Is(wrapped, rocketmq.Errorf(rocketmq.TopicNotFound, "")))
	fmt.Println(rocketmq.CodeOf(nil))
	// Output:
	// TOPIC_NOT_FOUND
	// true
	// OK
}
