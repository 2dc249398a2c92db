package httpmap

import "github.com/statusreg/statusreg/retry"

// Decide returns what a caller should do after a call failed with c;
// idempotent says whether sending the call again is harmless: the call is
// idempotent, or it is a send whose duplicate the caller accepts, as the
// queue's consumers receive every message at least once. The three rate
// codes (RateLimit, AbnormalAccessRate, ThroughputUpToLimit) back off,
// since a throttled call did nothing; SyncTimeout retries only an
// idempotent call, since the operation may have completed; every other
// code fails, unknown ones included. The table, with a reason for each,
// is testdata/retry-httpmap.tsv.
func (c Code) Decide(idempotent bool) retry.Decision { return decide(int64(c), idempotent) }
