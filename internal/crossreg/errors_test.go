package crossreg

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/statusreg/statusreg/rocketmq"
)

// message is the text an error of code n carries in these tests.
func message(reg string, n int64) string { return fmt.Sprintf("%s failure %d: ü \"quoted\"", reg, n) }

// checkArrived asserts that err, received for an error of registry reg
// carrying n, still carries n for reg's CodeOf, with n's gRPC code and
// the message, and carries no code of the other registries.
func checkArrived(t *testing.T, reg *errorRegistry, n int64, err error, how string) {
	t.Helper()
	checkArrivedAs(t, reg, n, err, how, message(reg.name, n))
}

// checkThroughContract checks err, the error a handler of rpc failed
// with, reg's code n, as the client of the strict contract server gets
// it: a RocketMQ code that the matrix forbids or reserves for rpc fails
// the call with INTERNAL naming it; any other error arrives intact. It
// reports whether the error was a violation.
func checkThroughContract(t *testing.T, reg *errorRegistry, n int64, rpc rocketmq.RPC, err error, how string) bool {
	t.Helper()
	if reg.name == "rocketmq" {
		c := rocketmq.Code(n)
		if mark := rpc.Mark(c); mark == rocketmq.NotAllowed || mark == rocketmq.Reserved {
			st := status.Convert(err)
			assert.Equal(t, codes.Internal, st.Code(), "%v failing with %v (%v) %s", rpc, c, mark, how)
			assert.Equal(t, "rocketmq contract: "+rpc.String()+" returned "+c.String()+" as an error, which the status matrix marks "+mark.String(), st.Message(), how)
			return true
		}
	}
	checkArrived(t, reg, n, err, how)
	return false
}

// checkArrivedAs is checkArrived for a status whose message is msg.
func checkArrivedAs(t *testing.T, reg *errorRegistry, n int64, err error, how, msg string) {
	t.Helper()
	if !assert.Error(t, err, "%s %s %d %s", reg.name, reg.str(n), n, how) {
		return
	}
	assert.Equal(t, n, reg.codeOf(err), "%s %s %d %s: CodeOf", reg.name, reg.str(n), n, how)
	st, ok := status.FromError(err)
	if assert.True(t, ok, "%s %d %s: a status error: %v", reg.name, n, how, err) {
		assert.Equal(t, reg.wireCode(n), st.Code(), "%s %s %d %s: gRPC code", reg.name, reg.str(n), n, how)
		assert.Equal(t, msg, st.Message(), "%s %d %s: message", reg.name, n, how)
		got, ok := reg.fromStatus(st)
		assert.True(t, ok, "%s %d %s: FromStatus", reg.name, n, how)
		assert.Equal(t, n, got, "%s %d %s: FromStatus", reg.name, n, how)
	}
	for _, other := range errorRegistries() {
		if other.name != reg.name {
			assert.Equal(t, other.reads(reg, n, err), other.codeOf(err), "%s reads a %s error %d %s", other.name, reg.name, n, how)
		}
	}
}

// TestErrorStatusRoundTrip: every code, known or not, of every registry
// survives Errorf, GRPCStatus and CodeOf in process, and the status's
// encoding to the wire form (google.rpc.Status) and back.
func TestErrorStatusRoundTrip(t *testing.T) {
	for _, reg := range errorRegistries() {
		t.Run(reg.name, func(t *testing.T) {
			assert.Equal(t, reg.ok, reg.codeOf(nil), "CodeOf(nil)")
			assert.Equal(t, reg.fallback, reg.codeOf(errors.New("plain")), "CodeOf(plain error)")
			assert.Equal(t, reg.foreignOf(status.Error(codes.NotFound, "no details")), reg.codeOf(status.Error(codes.NotFound, "no details")), "CodeOf(status without details)")
			okCode, ok := reg.fromStatus(status.New(codes.OK, ""))
			assert.True(t, ok)
			assert.Equal(t, reg.ok, okCode, "FromStatus(OK)")

			for _, n := range reg.all() {
				err := reg.errorf(n, "%s", message(reg.name, n))
				checkArrived(t, reg, n, err, "in process")
				// grpc-go gives a wrapped status the whole text as its message.
				wrapped := fmt.Errorf("wrapped: %w", err)
				checkArrivedAs(t, reg, n, wrapped, "wrapped", wrapped.Error())
				assert.True(t, errors.Is(err, reg.errorf(n, "")), "%s %d: errors.Is a sentinel of its code", reg.name, n)
				assert.False(t, errors.Is(err, reg.errorf(n+1, "")), "%s %d: errors.Is a sentinel of another code", reg.name, n)

				gs, ok := err.(interface{ GRPCStatus() *status.Status })
				if !assert.True(t, ok, "%s error has GRPCStatus", reg.name) {
					continue
				}
				st := gs.GRPCStatus()
				checkArrived(t, reg, n, st.Err(), "as its GRPCStatus")
				var info *errdetails.ErrorInfo
				for _, d := range st.Details() {
					if i, ok := d.(*errdetails.ErrorInfo); ok {
						info = i
					}
				}
				if assert.NotNil(t, info, "%s %d: ErrorInfo detail", reg.name, n) {
					assert.Equal(t, reg.domain, info.GetDomain())
					assert.Equal(t, strconv.FormatInt(n, 10), info.GetMetadata()["code"])
					got, err := reg.parse(info.GetReason())
					if assert.NoError(t, err, "%s %d: parse reason %q", reg.name, n, info.GetReason()) {
						assert.Equal(t, n, got, "%s %d: parse reason %q", reg.name, n, info.GetReason())
					}
				}

				wire, merr := proto.Marshal(st.Proto())
				require.NoError(t, merr)
				var back spb.Status
				require.NoError(t, proto.Unmarshal(wire, &back))
				checkArrived(t, reg, n, status.FromProto(&back).Err(), "through google.rpc.Status bytes")
			}
		})
	}
}

// TestErrorsThroughGRPC: every code of every registry reaches the client
// of a real gRPC call intact, as CodeOf reads it there: the error of a
// unary call, and the error that ends a server stream after it sent
// messages.
func TestErrorsThroughGRPC(t *testing.T) {
	l := startGRPC(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var wantViolations atomic.Int64
	for _, reg := range errorRegistries() {
		t.Run(reg.name, func(t *testing.T) {
			all := reg.sample()
			var wg sync.WaitGroup
			for w := range workers {
				wg.Go(func() {
					for i := w; i < len(all); i += workers {
						n := all[i]
						r := request{registry: reg.name, number: n, action: actError, count: 2, message: message(reg.name, n)}
						_, err := l.unary(ctx, echoUnary, r)
						checkArrived(t, reg, n, err, "through a unary call")
						got, err := l.stream(ctx, echoStream, r)
						checkArrived(t, reg, n, err, "ending a stream")
						assert.Len(t, got, 2, "%s %d: messages before the error", reg.name, n)

						// The MessagingService's strict contract interceptors
						// fail the RocketMQ errors its matrix forbids, and let
						// every other error pass.
						_, err = l.unary(ctx, "/apache.rocketmq.v2.MessagingService/SendMessage", r)
						if checkThroughContract(t, reg, n, rocketmq.SendMessage, err, "through SendMessage") {
							wantViolations.Add(1)
						}
						got, err = l.stream(ctx, "/apache.rocketmq.v2.MessagingService/ReceiveMessage", r)
						if checkThroughContract(t, reg, n, rocketmq.ReceiveMessage, err, "ending ReceiveMessage") {
							wantViolations.Add(1)
						}
						assert.Len(t, got, 2, "%s %d: messages before the error", reg.name, n)
					}
				})
			}
			wg.Wait()
		})
	}
	assert.Zero(t, l.panics.Load(), "no handler panicked")
	assert.Equal(t, wantViolations.Load(), l.violations.Load(), "violations reported")
	assert.NotZero(t, wantViolations.Load(), "the errors include violations")
}

// workers is how many goroutines share a loop of calls.
const workers = 8
