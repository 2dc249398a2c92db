package grpccodes

import (
	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/retry"
)

// Decide returns what a caller should do after a call ended with c: OK
// succeeds, and a failure is retried, backed off or failed, with the
// reason. idempotent says whether sending the call again is harmless: the
// call is idempotent, or the system on the far side is at-least-once by
// design. Only the outcomes of DEADLINE_EXCEEDED and ABORTED depend on
// it. The package documentation gives the decision of each code; the
// table is testdata/retry-grpc.tsv. It does not allocate.
func Decide(c codes.Code, idempotent bool) retry.Decision { return decide(int64(c), idempotent) }
