package turms

// SessionCloseStatus is why a Turms session closed (100 to 701). Its
// numbers and names overlap the other sets' (CloseIllegalRequest is 100,
// as is ClientInvalidRequest; the server's LoginTimeout is 2010, the
// close status CloseLoginTimeout 111), hence a type of its own. Its
// constants are the CamelCase upstream names prefixed with Close;
// ParseSessionCloseStatus reads the upstream name ("HEARTBEAT_TIMEOUT")
// as well as the Go name.
//
// GRPCCode is a judgement given in each constant's doc
// (CloseHeartbeatTimeout is UNAVAILABLE), or UNKNOWN for an unknown
// status. A close status has no HTTP status.
type SessionCloseStatus int32

// Category returns the documented cause category of c ("Server behavior"
// for CloseServerClosed), or "" for a status that is not listed.
func (c SessionCloseStatus) Category() string {
	if !c.Known() {
		return ""
	}
	class, _ := sessionRegistry.Class(c)
	return sessionCategory(class)
}

// IsServerError reports whether c is in Turms' range of closes caused by
// the server, 200 to 299, listed or not.
func (c SessionCloseStatus) IsServerError() bool { return 200 <= c && c <= 299 }
