package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRPCWithoutColumn: the RPCs upstream added to MessagingService after
// the status matrix are found, and the command says that the matrix has
// no column for them rather than listing no codes as if it had.
func TestRPCWithoutColumn(t *testing.T) {
	for _, name := range []string{"RecallMessage", "SyncLiteSubscription"} {
		r := statuscode(t, nil, "rpc", name)
		require.Equal(t, exitFound, r.code, r.stderr)
		assert.Contains(t, r.stdout, "has no column in RocketMQ's status matrix")
		assert.NotContains(t, r.stdout, "may return")

		r = statuscode(t, nil, "--json", "rpc", name)
		require.Equal(t, exitFound, r.code, r.stderr)
		var res rpcResult
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &res))
		assert.Equal(t, name, res.RPC)
		assert.False(t, res.InMatrix)
		assert.Empty(t, res.Classes)
		assert.Empty(t, res.Reserved)
		assert.Equal(t, "/apache.rocketmq.v2.MessagingService/"+name, res.Method)
	}
	r := statuscode(t, nil, "--json", "rpc", "SendMessage")
	var res rpcResult
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &res))
	assert.True(t, res.InMatrix)
}
