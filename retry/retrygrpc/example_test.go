package retrygrpc_test

import (
	"context"
	"fmt"
	"net"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/retry"
	"github.com/statusreg/statusreg/retry/retrygrpc"
)

// A client resends a health check while the server is briefly
// unavailable: the decider judges each attempt's error by its gRPC code
// (a health check is idempotent). A RocketMQ client passes
// rocketmq.DecideCall instead, which also reads the status inside an OK
// response.
func Example() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	srv := grpc.NewServer()
	f := &flaky{}
	f.failures.Store(2)
	healthpb.RegisterHealthServer(srv, f)
	go srv.Serve(ln)
	defer srv.Stop()

	decide := func(method string, resp any, err error) retry.Decision {
		d := grpccodes.Decide(status.Code(err), true)
		fmt.Println(method, d.Outcome)
		return d
	}
	conn, err := grpc.NewClient("passthrough:///"+ln.Addr().String(),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithUnaryInterceptor(retrygrpc.UnaryClientInterceptor(decide,
			retrygrpc.WithPolicy(retry.Policy{MaxAttempts: 4, BaseDelay: time.Millisecond}))))
	if err != nil {
		panic(err)
	}
	defer conn.Close()

	resp, err := healthpb.NewHealthClient(conn).Check(context.Background(), &healthpb.HealthCheckRequest{})
	fmt.Println(resp.GetStatus(), err)
	// Output:
	// /grpc.health.v1.Health/Check Retry
	// /grpc.health.v1.Health/Check Retry
	// /grpc.health.v1.Health/Check Success
	// SERVING <nil>
}

// flaky is a health server that is unavailable for its first failures
// checks.
type flaky struct {
	healthpb.UnimplementedHealthServer
	failures atomic.Int32
}

func (f *flaky) Check(context.Context, *healthpb.HealthCheckRequest) (*healthpb.HealthCheckResponse, error) {
	if f.failures.Add(-1) >= 0 {
		return nil, status.Error(codes.Unavailable, "starting")
	}
	return &healthpb.HealthCheckResponse{Status: healthpb.HealthCheckResponse_SERVING}, nil
}
