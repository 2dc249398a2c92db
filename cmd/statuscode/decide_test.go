package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	list "github.com/statusreg/statusreg/internal/registries"
	"github.com/statusreg/statusreg/retry"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// TestDecisionsAreTheLibrarys holds that the command prints the library's
// retry decision and keeps no labels of its own: for every code of every
// registry, the decision of its hit equals what the registry package's
// own method says, called here directly, for a call that is not
// idempotent and, where that differs, for one that is.
func TestDecisionsAreTheLibrarys(t *testing.T) {
	type decider func(n int64, idempotent bool) retry.Decision
	registries := map[string]struct {
		codes  []int64
		decide decider
	}{
		"grpc": {widen(grpccodes.Codes()), func(n int64, i bool) retry.Decision { return grpccodes.Decide(codes.Code(n), i) }},
		"rocketmq": {widen(rocketmq.Codes()), func(n int64, _ bool) retry.Decision {
			return rocketmq.RPC(0).Decide(rocketmq.Code(n))
		}},
		"turms":        {widen(turms.Codes()), func(n int64, _ bool) retry.Decision { return turms.Code(n).Decide() }},
		"turms-client": {widen(turms.ClientCodes()), func(n int64, _ bool) retry.Decision { return turms.ClientCode(n).Decide() }},
		"turms-close": {widen(turms.SessionCloseStatuses()), func(n int64, _ bool) retry.Decision {
			return turms.SessionCloseStatus(n).Decide()
		}},
		"httpmap": {widen(httpmap.Codes()), func(n int64, i bool) retry.Decision { return httpmap.Code(n).Decide(i) }},
	}
	for name, reg := range registries {
		require.NotEmpty(t, reg.codes, name)
		for _, n := range reg.codes {
			if list.Named(name).IsSynthetic(n) {
				continue // a placeholder the command does not look up
			}
			var stdout, stderr bytes.Buffer
			code := run([]string{"--registry", name, "--json", list.Named(name).String(n)}, nil, &stdout, &stderr, false)
			require.Equal(t, exitFound, code, "%s %d: %s", name, n, stderr.String())
			var res lookupResult
			require.NoError(t, json.Unmarshal(stdout.Bytes(), &res))
			var got *decision
			for _, h := range res.Hits {
				if h.Registry == name {
					got = h.Retry
				}
			}
			require.NotNil(t, got, "%s %d: a hit of the registry, with its decision", name, n)
			want, wantIdempotent := reg.decide(n, false), reg.decide(n, true)
			assert.Equal(t, strings.ToLower(want.Outcome.String()), got.Decision, "%s %d", name, n)
			assert.Equal(t, want.Reason, got.Reason, "%s %d", name, n)
			if wantIdempotent == want {
				assert.Nil(t, got.Idempotent, "%s %d", name, n)
			} else if assert.NotNil(t, got.Idempotent, "%s %d", name, n) {
				assert.Equal(t, strings.ToLower(wantIdempotent.Outcome.String()), got.Idempotent.Decision, "%s %d", name, n)
				assert.Equal(t, wantIdempotent.Reason, got.Idempotent.Reason, "%s %d", name, n)
			}
		}
	}
}

func widen[C ~int32 | ~uint32](cs []C) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = int64(c)
	}
	return out
}
