// Package peers checks packages grpccodes, rocketmq and httpmap against
// the libraries they stand beside, and benchmarks each pair side by side:
//
//   - HTTPStatus against grpc-gateway's runtime.HTTPStatusFromCode;
//   - FromHTTPTransport against grpc-go's own HTTP-to-gRPC table, both
//     as data and on the wire, with a gRPC client calling a plain HTTP/2
//     server;
//   - Name and Parse against grpc-go's Code.String and Code.UnmarshalJSON;
//   - package rocketmq against the generated stubs of the official Go
//     client (github.com/apache/rocketmq-clients/golang/v5 v5.1.2,
//     protocol/v2): names against its enum, the contract interceptors
//     and CodeOf between a real client and server built on those stubs,
//     the codes its older enum lacks on the wire, and Code.String,
//     ParseCode and RPC.Allows against the enum's String, its Code_value
//     map and a map-of-maps matrix;
//   - package httpmap's WriteError against grpc-gateway's
//     runtime.HTTPError, ReadError against protojson (of its own answer
//     and of grpc-gateway's) and against connect-go's client decoding a
//     Connect answer, and its middleware against a bare handler;
//   - the error boundaries, on loopback servers and clients, case by case
//     and in both directions (code, message, details, registry codes):
//     grpc-gateway's runtime.DefaultHTTPErrorHandler in front of a
//     grpc-go backend, read by ReadError and forwarded by a statusreg
//     proxy; connect-go handlers and clients with package connectcodes'
//     interceptor on the Connect, gRPC and gRPC-Web protocols, unary and
//     streaming, grpc-go's client against a connect-go handler and
//     connect-go's client against a grpc-go server; and go-kratos v2
//     errors through kratos's HTTP server and its DefaultErrorEncoder,
//     read by ReadError, and httpmap's answers read by kratos's client;
//   - the error path: Errorf, GRPCStatus and CodeOf against grpc-go's
//     status.Errorf, status.New with WithDetails, and status.FromError
//     with a scan of the details;
//   - retrying: retrygrpc.UnaryClientInterceptor with rocketmq.DecideCall
//     against go-grpc-middleware v2's retry interceptor (and the bare
//     call), on a loopback RocketMQ server whose failures sit inside OK
//     responses, which that peer cannot see; httpmap.RetryTransport's
//     success path against the bare http.Transport.
//
// Every benchmark pair has two sub-benchmarks, impl=statusreg and
// impl=peer, which benchstat -col /impl sets side by side; make bench in
// the repository's root writes the summary into BENCHMARKS.md.
//
// The tests import google.golang.org/genproto/googleapis/rpc/errdetails
// next to the RocketMQ client, which requires the monolithic
// google.golang.org/genproto of 2020; that version still holds the
// googleapis/rpc packages, so go mod tidy and go get would fail with
// "ambiguous import: found package
// google.golang.org/genproto/googleapis/rpc/errdetails in multiple
// modules", or, had go.mod listed only that genproto, silently build them
// from it. go.mod therefore also requires a current
// google.golang.org/genproto (the same pseudo-version as
// googleapis/rpc), which holds none of them, and genproto_test.go
// blank-imports one of its packages so that go mod tidy keeps that
// requirement, and checks with go list which module provides each
// package. This is the setup the README recommends to RocketMQ client
// users.
//
// It is a nested module so that these peers, grpc-gateway, kratos and the
// RocketMQ client above all, stay out of the dependency graph of
// statusreg's users. Run it with
//
//	go test ./... && go test -run '^$' -bench . -benchmem ./...
package peers
