// Package crossreg holds no code; its tests hold the registries together.
//
// Each registry (grpccodes, rocketmq, turms, httpmap) tests its own tables
// against its upstream sources. The tests here check what must hold across
// all of them, taking each from the list of internal/registries, so that a
// registry added there is checked with no edit here. Over every listed code
// and over random unknown numbers: names and text round-trip, errors keep
// their exact code through gRPC and through the HTTP error envelope, each
// code's HTTP status and gRPC code agree with grpccodes' mapping or sit on
// a stated list of exceptions, each code's retry decision agrees with its
// gRPC code's or sits on the list of testdata/retry-agreement.tsv, the
// registries and their interceptors and middleware are safe for concurrent
// use, and codes and errors read well in test failures and in logs.
// FuzzParse fuzzes every listed parser.
package crossreg
