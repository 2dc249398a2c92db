// Package peers checks package grpccodes against the libraries it
// stands beside, and benchmarks the two side by side:
//
//   - HTTPStatus against grpc-gateway's runtime.HTTPStatusFromCode;
//   - FromHTTPTransport against grpc-go's own HTTP-to-gRPC table, both
//     as data and on the wire, with a gRPC client calling a plain HTTP/2
//     server;
//   - Name and Parse against grpc-go's Code.String and Code.UnmarshalJSON.
//
// It is a nested module so that these peers, grpc-gateway above all,
// stay out of the dependency graph of statusreg's users. Run it with
//
//	go test ./... && go test -run '^$' -bench . -benchmem ./...
package peers
