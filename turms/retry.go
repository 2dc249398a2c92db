package turms

import "github.com/statusreg/statusreg/retry"

//go:generate go run ../internal/decidegen decisions.go decideCode=retry-turms.tsv decideClient=retry-turms-client.tsv decideClose=retry-turms-close.tsv

// Decide returns what a client should do after a server answered c: a
// success code (1000 to 1099) succeeds; the rate limits back off
// (ClientRequestsTooFrequent, AdminRequestsTooFrequent); the server's
// unavailability and the transient states of the cluster or of the
// user's sessions retry (ServerUnavailable, NoQualifiedMemberToBeLeader,
// LoginTimeout, CreateExistingSession); every other code fails, for the
// request itself, the caller's permissions, an ownership or membership
// rule, a block, a disabled feature, a quota or what exists decides the
// answer, and repeating the request repeats it. An unknown code fails.
// The package documentation gives the reasons; the table is
// testdata/retry-turms.tsv.
func (c Code) Decide() retry.Decision { return decideCode(int64(c)) }

// Decide returns what a client should do after it rejected a request
// with c itself: ConnectTimeout retries (connecting again is harmless),
// ClientRequestsTooFrequent backs off, and every other code fails,
// RequestTimeout included, since the server may have acted on the
// request. The table is testdata/retry-turms-client.tsv.
func (c ClientCode) Decide() retry.Decision { return decideClient(int64(c)) }

// Decide returns whether reconnecting (and logging in again) after a
// session closed with s can help: Retry for timeouts, the network, the
// server's failures, shutdown and unavailability, the switch to UDP and
// an unknown error; Fail when the client's own behaviour, the user,
// another of the user's devices or an administrator closed it, or the
// account is deleted, inactive or blocked. An unknown status retries in
// the server's range (IsServerError, 200 to 299), and fails otherwise.
// The package documentation gives the reason for each; the table is
// testdata/retry-turms-close.tsv.
func (s SessionCloseStatus) Decide() retry.Decision { return decideClose(int64(s)) }
