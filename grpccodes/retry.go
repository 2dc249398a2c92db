package grpccodes

import "google.golang.org/grpc/codes"

// Retryable reports whether a call that failed with c may be sent again;
// idempotent says whether repeating the call is harmless. The package
// documentation gives the reason for each code. A yes for
// RESOURCE_EXHAUSTED or UNAVAILABLE means retry with exponential backoff.
func Retryable(c codes.Code, idempotent bool) bool {
	switch c {
	case codes.Unavailable, codes.ResourceExhausted:
		return true
	case codes.DeadlineExceeded, codes.Aborted:
		return idempotent
	}
	return false
}
