// Package retry is the one vocabulary in which every registry of
// statusreg says what to do after a call: [Outcome] (Success, Empty,
// Retry, Backoff, Fail), a [Decision] that pairs an outcome with its
// reason, and a [Policy] that says how many attempts to make and how
// long to wait between them.
//
// Every registry decides with it under one method name:
//
//	rocketmq.SendMessage.Decide(code)        // a code of a RocketMQ response
//	rocketmq.SendMessage.DecideError(err)    // the error of a call
//	rocketmq.SendMessage.DecideMessage(resp) // a response's status and its entries
//	grpccodes.Decide(codes.Unavailable, idempotent)
//	turms.Code(1201).Decide()
//	httpmap.SyncTimeout.Decide(idempotent)
//
// and the same situation gets the same outcome in each: a throttle or an
// exhausted rate is Backoff, a transient unavailability is Retry, a
// timeout is Retry only when sending the call again is harmless (the call
// is idempotent, or the system delivers at least once by design, as
// RocketMQ does), and a quota that waiting cannot restore is Fail.
//
// Middleware acts on the decisions: package retrygrpc resends unary gRPC
// calls, and httpmap.RetryTransport resends HTTP requests. This package
// itself imports nothing but the standard library.
package retry
