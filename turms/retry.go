package turms

// Retryable reports whether sending the same request again can succeed
// after a server answered c. A yes means retry with backoff: the server
// was unavailable, a rate limit was hit, or a transient state of the
// cluster or of the user's sessions stood in the way. Everything else is
// a no: the request itself, the caller's permissions, an ownership or
// membership rule, a block, a feature the server has switched off, or a
// record that does or does not exist decides the answer, and repeating
// the request repeats it. The package documentation gives the reason for
// each yes and for the notable noes. An unknown code is not retryable.
func (c Code) Retryable() bool {
	switch c {
	case ServerUnavailable, // the server cannot serve now; another try, or another node, can
		ClientRequestsTooFrequent,   // the client's request rate; after backoff
		AdminRequestsTooFrequent,    // the admin caller's request rate; after backoff
		NoQualifiedMemberToBeLeader, // no member qualifies yet; the cluster settles
		CreateExistingSession,       // the previous session is still closing
		LoginTimeout:                // the login was slow, not refused
		return true
	}
	return false
}

// Retryable reports whether reconnecting (and logging in again) after a
// session closed with s can help: yes for timeouts, the network, the
// server's failures, shutdown and unavailability, the switch to UDP and
// an unknown error; no when the client's own behaviour, the user, another
// of the user's devices or an administrator closed it, or the account is
// deleted, inactive or blocked. An unknown status is retryable when it is
// in the server's range (IsServerError), and not otherwise. The package
// documentation gives the reason for each.
func (s SessionCloseStatus) Retryable() bool {
	switch s {
	case CloseHeartbeatTimeout, CloseLoginTimeout, CloseSwitch,
		CloseServerError, CloseServerClosed, CloseServerUnavailable,
		CloseConnectionClosed, CloseUnknownError:
		return true
	case CloseIllegalRequest, CloseDisconnectedByClient, CloseDisconnectedByOtherDevice,
		CloseDisconnectedByAdmin, CloseUserIsDeletedOrInactivated, CloseUserIsBlocked:
		return false
	}
	return s.IsServerError()
}
