package crossreg

import (
	"fmt"
	"path/filepath"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/internal/registries"
	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/retry"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// The same situation gets the same outcome in every registry: each
// code's decision equals what grpccodes.Decide gives the code's gRPC
// mapping, except for the codes testdata/retry-agreement.tsv lists, each
// with the outcome the registry gives instead and why. Idempotency is
// each system's: RocketMQ delivers at least once by design, so its codes
// are compared with an idempotent call; a Turms request (sending a
// message, say) is not idempotent in general; httpmap decides for both
// kinds of call, and both are compared.
//
// The test fails when a registry's decision drifts from its gRPC code's
// (or grpccodes' from all of them) and the drift is not listed, when a
// listed code agrees after all, and when a listed code's gRPC mapping or
// outcome is no longer what the list says.

// decided is one code's decision in a registry, next to its gRPC code's.
type decided struct {
	registry, name string
	grpc           codes.Code
	idempotent     bool
	got            retry.Decision
}

func registryDecisions() []decided {
	var ds []decided
	for _, c := range rocketmq.Codes() {
		ds = append(ds, decided{"rocketmq", c.String(), c.GRPCCode(), true, rocketmq.RPC(0).Decide(c)})
	}
	// DecideError of a status with no RocketMQ code: a transport failure.
	for _, c := range grpccodes.Codes() {
		if c == codes.OK {
			continue
		}
		ds = append(ds, decided{"rocketmq-transport", grpccodes.Name(c), c, true, rocketmq.SendMessage.DecideError(status.Error(c, "transport"))})
	}
	// Every Turms revision, each set under the name of its first
	// revision's registry: retry-agreement.tsv names codes, which keep
	// their judgement in every revision that has them.
	for i := range registries.All {
		r := &registries.All[i]
		if r.System != "turms" {
			continue
		}
		key := r.Revisions()[0].Name
		for _, n := range r.Codes() {
			ds = append(ds, decided{key, r.String(n), r.GRPCCode(n), false, r.Decide(n, false)})
		}
	}
	for _, c := range httpmap.Codes() {
		for _, idem := range []bool{false, true} {
			ds = append(ds, decided{"httpmap", c.String(), c.GRPCCode(), idem, c.Decide(idem)})
		}
	}
	return ds
}

type agreementException struct {
	grpc    string
	outcome retry.Outcome
	reason  string
	seen    bool
}

func agreementExceptions(t *testing.T) map[string]*agreementException {
	t.Helper()
	dir, err := source.Dir()
	if err != nil {
		t.Fatal(err)
	}
	tab, err := source.TSV(filepath.Join(dir, "retry-agreement.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(tab.Header) != "[registry name grpc outcome reason]" {
		t.Fatalf("retry-agreement.tsv columns %q", tab.Header)
	}
	out := map[string]*agreementException{}
	for _, r := range tab.Rows {
		var o retry.Outcome
		if err := o.UnmarshalText([]byte(r[3])); err != nil {
			t.Fatalf("%s %s: %v", r[0], r[1], err)
		}
		if r[4] == "" {
			t.Errorf("%s %s: no reason", r[0], r[1])
		}
		key := r[0] + " " + r[1]
		if out[key] != nil {
			t.Errorf("%s listed twice", key)
		}
		out[key] = &agreementException{grpc: r[2], outcome: o, reason: r[4]}
	}
	return out
}

func TestRetryDecisionsAgreeAcrossRegistries(t *testing.T) {
	exceptions := agreementExceptions(t)
	for _, d := range registryDecisions() {
		want := grpccodes.Decide(d.grpc, d.idempotent)
		what := fmt.Sprintf("%s %s (gRPC %s, idempotent %v)", d.registry, d.name, grpccodes.Name(d.grpc), d.idempotent)
		if d.got.Reason == "" {
			t.Errorf("%s: no reason", what)
		}
		ex := exceptions[d.registry+" "+d.name]
		if ex == nil {
			if d.got.Outcome != want.Outcome {
				t.Errorf("%s decides %v (%s), but its gRPC code decides %v (%s), and retry-agreement.tsv lists no exception",
					what, d.got.Outcome, d.got.Reason, want.Outcome, want.Reason)
			}
			continue
		}
		ex.seen = true
		if ex.grpc != grpccodes.Name(d.grpc) {
			t.Errorf("%s: retry-agreement.tsv says its gRPC code is %s", what, ex.grpc)
		}
		if d.got.Outcome != ex.outcome {
			t.Errorf("%s decides %v; retry-agreement.tsv says %v", what, d.got.Outcome, ex.outcome)
		}
		if ex.outcome == want.Outcome {
			t.Errorf("%s: listed in retry-agreement.tsv, but agrees with its gRPC code (%v)", what, want.Outcome)
		}
	}
	for key, ex := range exceptions {
		if !ex.seen {
			t.Errorf("retry-agreement.tsv lists %s, which no registry has", key)
		}
	}
}

// The situations the registries share, by name: throttles back off,
// transient unavailability retries, a timeout retries only where a
// resend is harmless, and a quota no wait restores fails.
func TestRetrySituations(t *testing.T) {
	for what, tc := range map[string]struct {
		got, want retry.Outcome
	}{
		"gRPC RESOURCE_EXHAUSTED":                  {grpccodes.Decide(codes.ResourceExhausted, false).Outcome, retry.Backoff},
		"RocketMQ TOO_MANY_REQUESTS":               {rocketmq.SendMessage.Decide(rocketmq.TooManyRequests).Outcome, retry.Backoff},
		"Turms CLIENT_REQUESTS_TOO_FREQUENT":       {turms.ClientRequestsTooFrequent.Decide().Outcome, retry.Backoff},
		"httpmap RATE_LIMIT":                       {httpmap.RateLimit.Decide(false).Outcome, retry.Backoff},
		"gRPC UNAVAILABLE":                         {grpccodes.Decide(codes.Unavailable, false).Outcome, retry.Retry},
		"RocketMQ HA_NOT_AVAILABLE":                {rocketmq.SendMessage.Decide(rocketmq.HANotAvailable).Outcome, retry.Retry},
		"RocketMQ UNAVAILABLE from transport":      {rocketmq.SendMessage.DecideError(status.Error(codes.Unavailable, "")).Outcome, retry.Retry},
		"Turms SERVER_UNAVAILABLE":                 {turms.ServerUnavailable.Decide().Outcome, retry.Retry},
		"gRPC DEADLINE_EXCEEDED, idempotent":       {grpccodes.Decide(codes.DeadlineExceeded, true).Outcome, retry.Retry},
		"gRPC DEADLINE_EXCEEDED, not":              {grpccodes.Decide(codes.DeadlineExceeded, false).Outcome, retry.Fail},
		"httpmap SYNC_TIMEOUT, idempotent":         {httpmap.SyncTimeout.Decide(true).Outcome, retry.Retry},
		"httpmap SYNC_TIMEOUT, not":                {httpmap.SyncTimeout.Decide(false).Outcome, retry.Fail},
		"RocketMQ REQUEST_TIMEOUT (at least once)": {rocketmq.SendMessage.Decide(rocketmq.RequestTimeout).Outcome, retry.Retry},
		"RocketMQ PROXY_TIMEOUT (at least once)":   {rocketmq.SendMessage.Decide(rocketmq.ProxyTimeout).Outcome, retry.Retry},
		"Turms client REQUEST_TIMEOUT":             {turms.ClientRequestTimeout.Decide().Outcome, retry.Fail},
		"RocketMQ LITE_TOPIC_QUOTA_EXCEEDED":       {rocketmq.SendMessage.Decide(rocketmq.LiteTopicQuotaExceeded).Outcome, retry.Fail},
		"Turms MAX_OWNED_GROUPS_REACHED":           {turms.MaxOwnedGroupsReached.Decide().Outcome, retry.Fail},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %v, want %v", what, tc.got, tc.want)
		}
	}
}
