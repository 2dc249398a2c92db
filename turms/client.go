package turms

// ClientCode is a code a Turms client gives a request it rejected itself,
// without a server's answer (1 to 500). Its numbers and names overlap the
// server's and the close statuses' (ClientInvalidRequest is 100, the
// server's InvalidRequest 1100), hence a type of its own. Its constants
// are the CamelCase upstream names prefixed with Client; ParseClientCode
// reads the upstream name ("INVALID_REQUEST" is 100) as well as the Go
// name.
//
// GRPCCode is a judgement given in each constant's doc
// (ClientConnectTimeout is DEADLINE_EXCEEDED), or UNKNOWN for an unknown
// code. A client code has no HTTP status.
type ClientCode int32

// Category returns the documented category of c ("Request related" for
// ClientInvalidRequest), or "" for a code that is not listed.
func (c ClientCode) Category() string {
	if !c.Known() {
		return ""
	}
	class, _ := clientRegistry.Class(c)
	return clientCategory(class)
}
