// Package retrygrpc resends unary gRPC calls on the decisions of package
// retry: a client interceptor that asks a decider after every attempt
// whether to send the call again, so that a failure a server answers
// inside an OK response (RocketMQ's resp.Status.Code) is retried as well
// as a failed call's status.
//
//	conn, err := grpc.NewClient(target,
//		grpc.WithTransportCredentials(creds),
//		grpc.WithUnaryInterceptor(retrygrpc.UnaryClientInterceptor(
//			rocketmq.DecideCall,
//			retrygrpc.WithPolicy(retry.Policy{MaxAttempts: 4}))))
//
// grpc-go's own retry policy and go-grpc-middleware's retry interceptor
// see the status of a call only; a decider sees its response too.
//
// # Streams
//
// Streams are not retried, and the package has no stream interceptor: a
// stream's messages may have been delivered and acted on before it
// failed, and only the application knows where to resume. Decide a
// stream's error with the registry's DecideError and reopen it yourself.
package retrygrpc

import (
	"context"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/statusreg/statusreg/retry"
)

// Option configures UnaryClientInterceptor.
type Option interface{ apply(*config) }

type config struct {
	policy retry.Policy
}

type policyOption retry.Policy

func (p policyOption) apply(c *config) { c.policy = retry.Policy(p) }

// WithPolicy sets the attempt limit and the waits between attempts. The
// default is the zero retry.Policy, with its documented defaults.
func WithPolicy(p retry.Policy) Option { return policyOption(p) }

// UnaryClientInterceptor returns an interceptor that sends a unary call,
// then asks decide(method, resp, err) what to make of it: method is the
// call's full method, resp the response the attempt filled (the reply)
// and err the attempt's error. It sends the call again while the decision
// is retry.Retry or retry.Backoff:
//
//   - before each new attempt it waits Policy.Delay for the decision, or
//     the delay of a google.rpc.RetryInfo detail the error carries,
//     capped by the policy's MaxDelay;
//   - it stops at the policy's attempt limit, when the caller's deadline
//     would pass before the wait ends, and at once when the caller's
//     context is cancelled;
//   - it never resends a call decided Success, Empty or Fail.
//
// It returns the last attempt's error as it was, and leaves the last
// attempt's response in the reply: a protobuf reply is reset before each
// new attempt, so that it holds no part of an earlier one. A nil decide
// sends every call once. On a call that succeeds at once it adds no
// allocation of its own.
func UnaryClientInterceptor(decide func(method string, resp any, err error) retry.Decision, opts ...Option) grpc.UnaryClientInterceptor {
	var c config
	for _, o := range opts {
		if o != nil {
			o.apply(&c)
		}
	}
	p := c.policy
	attempts := p.Attempts()
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, callOpts ...grpc.CallOption) error {
		err := invoker(ctx, method, req, reply, cc, callOpts...)
		if decide == nil {
			return err
		}
		for attempt := 1; attempt < attempts; attempt++ {
			d := decide(method, reply, err)
			if !d.Retryable() {
				return err
			}
			wait := p.Delay(attempt, d)
			if err != nil {
				if hint, ok := retryInfo(err); ok {
					wait = p.Cap(hint)
				}
			}
			if !retry.Wait(ctx, wait) {
				return err
			}
			if m, ok := reply.(proto.Message); ok {
				proto.Reset(m)
			}
			err = invoker(ctx, method, req, reply, cc, callOpts...)
		}
		return err
	}
}

// retryInfo returns the delay of the first google.rpc.RetryInfo detail of
// err's status.
func retryInfo(err error) (time.Duration, bool) {
	st, ok := status.FromError(err)
	if !ok {
		return 0, false
	}
	for _, d := range st.Proto().GetDetails() {
		var ri errdetails.RetryInfo
		if d.MessageIs(&ri) && d.UnmarshalTo(&ri) == nil && ri.GetRetryDelay() != nil {
			return ri.GetRetryDelay().AsDuration(), true
		}
	}
	return 0, false
}
