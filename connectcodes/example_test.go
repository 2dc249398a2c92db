package connectcodes_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"connectrpc.com/connect"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/statusreg/statusreg/connectcodes"
	"github.com/statusreg/statusreg/rocketmq"
)

// A connect-go handler returns a RocketMQ error; a connect-go client
// reads its exact code back, and still holds a *connect.Error.
func Example() {
	const procedure = "/example.v1.Topics/Get"
	mux := http.NewServeMux()
	mux.Handle(procedure, connect.NewUnaryHandler(procedure,
		func(_ context.Context, req *connect.Request[wrapperspb.StringValue]) (*connect.Response[wrapperspb.StringValue], error) {
			return nil, rocketmq.Errorf(rocketmq.TopicNotFound, "no topic %q", req.Msg.GetValue())
		},
		connect.WithInterceptors(connectcodes.Interceptor()),
	))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	client := connect.NewClient[wrapperspb.StringValue, wrapperspb.StringValue](
		srv.Client(), srv.URL+procedure,
		connect.WithInterceptors(connectcodes.Interceptor()),
	)
	_, err := client.CallUnary(context.Background(), connect.NewRequest(wrapperspb.String("orders")))

	var ce *connect.Error
	fmt.Println(errors.As(err, &ce), connect.CodeOf(err), ce.Message())
	st, _ := status.FromError(err)
	fmt.Println(st.Code(), rocketmq.CodeOf(err))
	fmt.Println(rocketmq.SendMessage.DecideError(err).Outcome)
	// Output:
	// true not_found no topic "orders"
	// NotFound TOPIC_NOT_FOUND
	// Fail
}

// Outside an interceptor chain, FromConnect gives a client's error its
// gRPC status, and ToConnect makes a handler's error a *connect.Error.
func ExampleFromConnect() {
	ce := connectcodes.ToConnect(rocketmq.Errorf(rocketmq.TooManyRequests, "slow down"))
	fmt.Println(ce.Code(), ce.Message(), len(ce.Details()))

	err := connectcodes.FromConnect(ce)
	fmt.Println(rocketmq.CodeOf(err), connect.CodeOf(err))
	// Output:
	// resource_exhausted slow down 1
	// TOO_MANY_REQUESTS resource_exhausted
}
