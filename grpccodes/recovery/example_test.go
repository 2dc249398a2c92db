package recovery_test

import (
	"context"
	"fmt"

	"google.golang.org/grpc"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/grpccodes/recovery"
)

// A handler panics: the hook sees the panic value, and the client only
// INTERNAL "internal error".
func Example() {
	ic := recovery.UnaryServerInterceptor(recovery.WithPanicHandler(func(_ context.Context, method string, p any) {
		fmt.Printf("recovered in %s: %v\n", method, p)
	}))
	info := &grpc.UnaryServerInfo{FullMethod: "/shop.v1.Orders/Get"}
	_, err := ic(context.Background(), nil, info, func(context.Context, any) (any, error) {
		panic("nil map: password=hunter2")
	})
	st := status.Convert(err)
	fmt.Println(st.Code(), st.Message())
	// Output:
	// recovered in /shop.v1.Orders/Get: nil map: password=hunter2
	// Internal internal error
}
