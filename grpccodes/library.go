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
	Side Side       // where it is produced
}

// LibraryCases returns the cases in which the gRPC library produces a code
// of its own, in the order the gRPC documentation lists them. Linters and
// docs can use it to tell a code an application chose from one the
// library could have produced. The slice is a fresh copy.
func LibraryCases() []LibraryCase {
	out := make([]LibraryCase, len(libraryCases))
	copy(out, libraryCases[:])
	return out
}
