package grpccodes_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/internal/retrytable"
	"github.com/statusreg/statusreg/retry"
)

// Decide gives what testdata/retry-grpc.tsv says of each code, and the
// outcomes the package documentation states.
func TestDecide(t *testing.T) {
	var known []int64
	for _, c := range grpccodes.Codes() {
		known = append(known, int64(c))
	}
	retrytable.Check(t, retrytable.Read(t, "retry-grpc.tsv"), known, []int64{17, 99, 1 << 31},
		func(n int64) string { return grpccodes.Name(codes.Code(n)) },
		func(n int64, idempotent bool) retry.Decision { return grpccodes.Decide(codes.Code(n), idempotent) })

	type answer struct{ not, idempotent retry.Outcome }
	want := map[codes.Code]answer{
		codes.OK:                {retry.Success, retry.Success},
		codes.Unavailable:       {retry.Retry, retry.Retry},
		codes.ResourceExhausted: {retry.Backoff, retry.Backoff},
		codes.DeadlineExceeded:  {retry.Fail, retry.Retry},
		codes.Aborted:           {retry.Fail, retry.Retry},
	}
	for c := codes.OK; c <= codes.Unauthenticated+1; c++ {
		w, ok := want[c]
		if !ok { // every other code: never
			w = answer{retry.Fail, retry.Fail}
		}
		assert.Equal(t, w.idempotent, grpccodes.Decide(c, true).Outcome, "%v idempotent", c)
		assert.Equal(t, w.not, grpccodes.Decide(c, false).Outcome, "%v", c)
		assert.NotEmpty(t, grpccodes.Decide(c, false).Reason)
	}
}

func TestDecideDoesNotAllocate(t *testing.T) {
	var d retry.Decision
	assert.Zero(t, testing.AllocsPerRun(100, func() { d = grpccodes.Decide(codes.DeadlineExceeded, true) }))
	_ = d
}
