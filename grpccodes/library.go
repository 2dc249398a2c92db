package grpccodes

import "google.golang.org/grpc/codes"

// Side says where the gRPC library produces a code.
type Side uint8

// The sides of a call on which the library produces a code.
const (
	Client Side = iota + 1 // on the client, from what it received or failed to
	Server                 // on the server, before or instead of the handler
	Both                   // on either side
)

// String returns "Client", "Server" or "Both".
func (s Side) String() string {
	switch s {
	case Client:
		return "Client"
	case Server:
		return "Server"
	case Both:
		return "Both"
	}
	return "Side(?)"
}

// LibraryCase is a situation in which the gRPC library itself, not the
// application, ends a call with Code.
type LibraryCase struct {
	Case string     // the situation, as the gRPC documentation words it
	Code codes.Code // the code the library produces
	Side Side       // where it is produced, as the documentation says

	// InOlderList reports whether an earlier revision of the
	// documentation's list has the case too: 14 of the 20 cases. The six
	// it lacks are the client running out of memory for a response
	// (RESOURCE_EXHAUSTED), a message over the size limit
	// (RESOURCE_EXHAUSTED, both sides), a request or response
	// cardinality violation (UNIMPLEMENTED, server and client) and a
	// request or response that does not parse (INTERNAL, server and
	// client).
	InOlderList bool
}

// LibraryCases returns the 20 cases in which the gRPC library produces a
// code of its own, in the order the gRPC documentation (grpc/grpc
// doc/statuscodes.md) lists them. Linters and docs can use it to tell a
// code an application chose from one the library could have produced.
// The cases name eight codes, CANCELLED, UNKNOWN, DEADLINE_EXCEEDED,
// RESOURCE_EXHAUSTED, UNIMPLEMENTED, INTERNAL, UNAVAILABLE and
// UNAUTHENTICATED, each on both sides of a call in one case or another.
// The slice is a fresh copy.
func LibraryCases() []LibraryCase {
	out := make([]LibraryCase, len(libraryCases))
	copy(out, libraryCases[:])
	return out
}
