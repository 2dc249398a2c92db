package grpccodes_test

import (
	"fmt"

	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/grpccodes"
)

// A gateway answers an HTTP client for a gRPC error, and a client reads
// a code from a config file.
func Example() {
	c, err := grpccodes.Parse("not_found")
	if err != nil {
		panic(err)
	}
	fmt.Println(grpccodes.Name(c), grpccodes.HTTPStatus(c))

	// The same 404 means different things to an API and to a gRPC client.
	fmt.Println(grpccodes.Name(grpccodes.FromHTTPStatus(404)))
	fmt.Println(grpccodes.Name(grpccodes.FromHTTPTransport(404)))

	fmt.Println(grpccodes.Decide(codes.DeadlineExceeded, false).Outcome, grpccodes.Decide(codes.DeadlineExceeded, true).Outcome)
	fmt.Println(grpccodes.Name(codes.Code(42)))
	// Output:
	// NOT_FOUND 404
	// NOT_FOUND
	// UNIMPLEMENTED
	// Fail Retry
	// Code(42)
}
