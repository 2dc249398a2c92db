package peers_test

import (
	"strconv"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/rocketmq"
)

// sinkStatus keeps the error-path benchmarks' statuses alive.
var sinkStatus *status.Status

// BenchmarkErrorf makes the error a handler returns: rocketmq.Errorf
// next to grpc-go's status.Errorf of the code's gRPC code. Errorf builds
// its status and ErrorInfo only when asked (GRPCStatus).
func BenchmarkErrorf(b *testing.B) {
	b.Run("impl=statusreg", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkErr = rocketmq.Errorf(rocketmq.TopicNotFound, "no topic %q", "orders")
		}
	})
	b.Run("impl=peer", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkErr = status.Errorf(codes.NotFound, "no topic %q", "orders")
		}
	})
}

// BenchmarkGRPCStatus is what grpc-go sends for that error: the status
// with its ErrorInfo detail, next to building the same by hand with
// status.New and WithDetails.
func BenchmarkGRPCStatus(b *testing.B) {
	err := rocketmq.Errorf(rocketmq.TopicNotFound, "no topic %q", "orders").(*rocketmq.Error)
	b.Run("impl=statusreg", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkStatus = err.GRPCStatus()
		}
	})
	b.Run("impl=peer", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			st, err := status.New(codes.NotFound, `no topic "orders"`).WithDetails(&errdetails.ErrorInfo{
				Reason: "TOPIC_NOT_FOUND", Domain: rocketmq.Domain,
				Metadata: map[string]string{"code": "40402"},
			})
			if err != nil {
				b.Fatal(err)
			}
			sinkStatus = st
		}
	})
}

// BenchmarkCodeOf reads the code back on a client: rocketmq.CodeOf of a
// status error as it arrives from the wire, next to status.FromError and
// a scan of its details for the ErrorInfo, as a hand-written client
// would.
func BenchmarkCodeOf(b *testing.B) {
	st := rocketmq.Errorf(rocketmq.TopicNotFound, "no topic %q", "orders").(*rocketmq.Error).GRPCStatus()
	wire := status.FromProto(st.Proto()).Err() // what the client's stub returns
	b.Run("impl=statusreg", func(b *testing.B) {
		b.ReportAllocs()
		var c rocketmq.Code
		for b.Loop() {
			c = rocketmq.CodeOf(wire)
		}
		sinkMQCode = c
	})
	b.Run("impl=peer", func(b *testing.B) {
		b.ReportAllocs()
		var c rocketmq.Code
		for b.Loop() {
			s, _ := status.FromError(wire)
			sinkCode = s.Code()
			for _, d := range s.Details() {
				if info, ok := d.(*errdetails.ErrorInfo); ok && info.Domain == rocketmq.Domain {
					n, _ := strconv.Atoi(info.Metadata["code"])
					c = rocketmq.Code(n)
				}
			}
		}
		sinkMQCode = c
	})
}
