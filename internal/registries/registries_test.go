package registries_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/internal/registries"
	"github.com/statusreg/statusreg/retry"
)

// TestDescriptors holds each descriptor to the code type it describes:
// its names are those of the Go type Value returns, its bounds that
// type's, its functions set as its kind needs, and its docs on the first
// registry of each group.
func TestDescriptors(t *testing.T) {
	names := map[string]bool{}
	groups := map[string]bool{}
	for i := range registries.All {
		r := &registries.All[i]
		t.Run(r.Name, func(t *testing.T) {
			require.False(t, names[r.Name], "a second registry named %s", r.Name)
			names[r.Name] = true
			assert.Same(t, r, registries.Named(r.Name))
			assert.NotEmpty(t, r.Label)

			typ := reflect.TypeOf(r.Value(0))
			if r.Foreign {
				assert.Equal(t, reflect.TypeFor[codes.Code](), typ, "the foreign code type is grpc-go's")
			} else {
				assert.Equal(t, r.Type, typ.Name())
				assert.True(t, strings.HasSuffix(typ.PkgPath(), "/"+r.Package), "%s in package %s", typ, r.Package)
			}
			switch typ.Kind() {
			case reflect.Int32:
				assert.Equal(t, [2]int64{-1 << 31, 1<<31 - 1}, [2]int64{r.Min, r.Max})
			case reflect.Uint32:
				assert.Equal(t, [2]int64{0, 1<<32 - 1}, [2]int64{r.Min, r.Max})
			default:
				t.Errorf("%s is neither int32 nor uint32", typ)
			}
			assert.False(t, r.Known(r.Min-1) || r.Known(r.Max+1), "no code outside the type's range")
			assert.False(t, r.Describes(r.Max+1))

			codes := r.Codes()
			require.NotEmpty(t, codes)
			assert.True(t, slices.IsSorted(codes), "ascending")
			for _, n := range codes {
				assert.True(t, r.Known(n), "%d is known", n)
				assert.Equal(t, !r.IsSynthetic(n), r.Describes(n), "%d", n)
				got, err := r.Parse(r.String(n))
				if assert.NoError(t, err, "%s", r.String(n)) {
					assert.Equal(t, n, got, "%s", r.String(n))
				}
			}
			for _, n := range r.Synthetic {
				assert.Contains(t, codes, n, "a synthetic code is listed")
			}
			assert.Len(t, r.Upstream(), len(codes)-len(r.Synthetic))

			assert.NotNil(t, r.GRPCCode)
			assert.NotNil(t, r.Decide)
			assert.Equal(t, r.Class == nil, r.ClassWord == "", "a class word with a class")
			errs := []bool{r.Domain != "", r.Errorf != nil, r.CodeOf != nil, r.FromStatus != nil}
			assert.Equal(t, []bool{errs[0], errs[0], errs[0], errs[0]}, errs, "an error registry has all four, others none")
			if r.OwnNumbers != "" {
				assert.Nil(t, r.Family, "own numbers make no families")
			}

			// A system with revisions: one registry of each code type per
			// revision, each revision with its own Label.
			assert.Equal(t, r.System == "", r.Revision == "", "a system's registries name their revision")
			revs := r.Revisions()
			assert.Contains(t, revs, r)
			seen := map[string]bool{}
			for _, o := range revs {
				assert.Equal(t, r.Type, o.Type)
				assert.False(t, seen[o.Revision], "%s: revision %s once", o.Name, o.Revision)
				seen[o.Revision] = true
				if r.Revision != "" {
					assert.Contains(t, o.Label, "("+o.Revision+")", "%s: the label names the revision", o.Name)
				}
			}

			if r.Doc != nil {
				assert.False(t, groups[r.Group], "one Doc a group")
				assert.NotEmpty(t, r.Doc.Title)
				assert.NotEmpty(t, r.Doc.SourceRevision)
				assert.NotNil(t, r.Doc.Render)
			} else {
				assert.True(t, groups[r.Group], "the group's first registry has its Doc")
			}
			groups[r.Group] = true
		})
	}
}

// TestDecisions: the decisions say what to do, with a reason unless the
// code is a success.
func TestDecisions(t *testing.T) {
	outcomes := []retry.Outcome{retry.Success, retry.Empty, retry.Retry, retry.Backoff, retry.Fail}
	for _, r := range registries.All {
		for _, n := range r.Codes() {
			for _, idempotent := range []bool{false, true} {
				d := r.Decide(n, idempotent)
				assert.Contains(t, outcomes, d.Outcome, "%s %s", r.Name, r.String(n))
				assert.NotEmpty(t, d.Reason, "%s %s", r.Name, r.String(n))
			}
		}
	}
	grpc := registries.Named("grpc")
	assert.Equal(t, retry.Retry, grpc.Decide(int64(codes.Unavailable), false).Outcome)
	assert.Equal(t, retry.Fail, grpc.Decide(int64(codes.Aborted), false).Outcome)
	assert.Equal(t, retry.Retry, grpc.Decide(int64(codes.Aborted), true).Outcome, "idempotent")
	assert.Equal(t, retry.Fail, grpc.Decide(int64(codes.NotFound), true).Outcome)
	assert.Equal(t, retry.Success, grpc.Decide(int64(codes.OK), false).Outcome)
}

func TestStatusText(t *testing.T) {
	assert.Equal(t, "Client Closed Request", registries.StatusText(499))
	assert.Equal(t, "Not Found", registries.StatusText(404))
	assert.Empty(t, registries.StatusText(599))
}
