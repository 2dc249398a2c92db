package peers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	kerrors "github.com/go-kratos/kratos/v2/errors"
	khttp "github.com/go-kratos/kratos/v2/transport/http"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// kratosCases are the errors a kratos handler returns.
var kratosCases = map[string]func() error{
	"native": func() error {
		return kerrors.New(404, "USER_NOT_FOUND", "no user 7").WithMetadata(map[string]string{"id": "7"})
	},
	"bad-request": func() error { return kerrors.BadRequest("FIELD_MISSING", "name is required") },
	"unavailable": func() error { return kerrors.ServiceUnavailable("DRAINING", "try another node") },
	"rocketmq":    func() error { return rocketmq.Errorf(rocketmq.TopicNotFound, "no topic %q", "orders") },
	"turms":       func() error { return turms.Errorf(turms.ServerUnavailable, "later") },
	"status":      func() error { return status.Error(codes.FailedPrecondition, "not yet") },
}

// kratosServer serves the cases with kratos's HTTP server, router and
// its DefaultErrorEncoder, on loopback.
func kratosServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := khttp.NewServer()
	srv.Route("/").GET("/{name}", func(ctx khttp.Context) error {
		return kratosCases[strings.TrimPrefix(ctx.Request().URL.Path, "/")]()
	})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return hs
}

// TestKratosAnswersReadByHTTPMap: httpmap.ReadError reads kratos's
// answers: the HTTP status's code (kratos's code is an HTTP status), the
// message, and the reason and metadata as the same ErrorInfo kratos's
// own GRPCStatus gives. A statusreg error passes through kratos's
// FromError, which keeps its ErrorInfo's reason and metadata but drops
// the domain, so no registry reads a code back: nothing is invented.
func TestKratosAnswersReadByHTTPMap(t *testing.T) {
	hs := kratosServer(t)
	proxy := httptest.NewServer(httpmap.Handler(func(_ http.ResponseWriter, r *http.Request) error {
		resp, err := hs.Client().Get(hs.URL + r.URL.Path)
		if err != nil {
			return err
		}
		re, err := httpmap.ReadError(resp)
		if err != nil {
			return err
		}
		return re
	}))
	defer proxy.Close()
	for name, mk := range kratosCases {
		want := kerrors.FromError(mk()) // what kratos makes of the error
		resp, err := hs.Client().Get(hs.URL + "/" + name)
		require.NoError(t, err)
		assert.Equal(t, int(want.Code), resp.StatusCode, name)
		re, err := httpmap.ReadError(resp)
		require.NoError(t, err)
		require.NoError(t, re.BodyError(), name)
		assert.Equal(t, httpmap.FormatKratos, re.Format(), name)
		assert.Equal(t, grpccodes.FromHTTPStatus(int(want.Code)), re.GRPCCode(), name)
		assert.Equal(t, want.Message, re.Message(), name)
		st := re.GRPCStatus()
		theirs := want.GRPCStatus().Details()[0].(*errdetails.ErrorInfo)
		if len(theirs.GetMetadata()) == 0 {
			theirs.Metadata = nil
		}
		if theirs.GetReason() == "" && theirs.Metadata == nil {
			// kratos's empty ErrorInfo says nothing: ReadError adds none.
			assert.Empty(t, st.Details(), name)
			continue
		}
		require.Len(t, st.Details(), 1, name)
		info, ok := st.Details()[0].(*errdetails.ErrorInfo)
		require.True(t, ok, name)
		assert.True(t, proto.Equal(theirs, info), "%s: %v, kratos %v", name, info, theirs)
		assert.Equal(t, rocketmq.CodeUnspecified, rocketmq.CodeOf(re), name)
		assert.Equal(t, httpmap.CodeUnspecified, httpmap.CodeOf(re), name)
		assert.Equal(t, turms.FromGRPCCode(re.GRPCCode()), turms.CodeOf(re), name)

		// Forwarded by a statusreg proxy, nothing more is lost.
		resp, err = proxy.Client().Get(proxy.URL + "/" + name)
		require.NoError(t, err)
		assert.Equal(t, int(want.Code), resp.StatusCode, name)
		fwd, err := httpmap.ReadError(resp)
		require.NoError(t, err)
		assert.Equal(t, re.GRPCCode(), fwd.GRPCCode(), name)
		assert.Equal(t, re.Message(), fwd.Message(), name)
		require.NotEmpty(t, fwd.GRPCStatus().Details(), name)
		assert.True(t, proto.Equal(info, fwd.GRPCStatus().Details()[0].(*errdetails.ErrorInfo)), name)
	}
	// The cases where the HTTP status loses the gRPC code, and where the
	// retry decision survives.
	assert.Equal(t, codes.InvalidArgument, readKratos(t, hs, "status").GRPCCode(), "kratos answers FAILED_PRECONDITION with 400")
	assert.True(t, turms.CodeOf(readKratos(t, hs, "unavailable")).Decide().Retryable())
	assert.Equal(t, turms.ServerUnavailable, turms.CodeOf(readKratos(t, hs, "turms")))
}

func readKratos(t *testing.T, hs *httptest.Server, name string) *httpmap.ResponseError {
	t.Helper()
	resp, err := hs.Client().Get(hs.URL + "/" + name)
	require.NoError(t, err)
	re, err := httpmap.ReadError(resp)
	require.NoError(t, err)
	return re
}

// TestHTTPMapAnswersReadByKratos: kratos's HTTP client reads an
// httpmap.WriteError answer by its HTTP status alone (its decoder knows
// no "error" object); a kratos error written by httpmap.WriteError keeps
// its code, message, reason and metadata.
func TestHTTPMapAnswersReadByKratos(t *testing.T) {
	cases := map[string]error{
		"rocketmq": rocketmq.Errorf(rocketmq.TopicNotFound, "no topic"),
		"httpmap":  httpmap.Errorf(httpmap.RateLimit, "slow down"),
		"status":   status.Error(codes.Unavailable, "down"),
		"kratos":   kerrors.New(403, "NO_ACCESS", "denied").WithMetadata(map[string]string{"who": "bob"}),
	}
	hs := httptest.NewServer(httpmap.Handler(func(_ http.ResponseWriter, r *http.Request) error {
		return cases[strings.TrimPrefix(r.URL.Path, "/")]
	}))
	defer hs.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	client, err := khttp.NewClient(ctx, khttp.WithEndpoint(strings.TrimPrefix(hs.URL, "http://")))
	require.NoError(t, err)
	defer client.Close()
	for name, sent := range cases {
		rec := httptest.NewRecorder()
		httpmap.WriteError(rec, nil, sent)
		err := client.Invoke(ctx, http.MethodGet, "/"+name, nil, new(struct{}))
		require.Error(t, err, name)
		assert.Equal(t, rec.Code, kerrors.Code(err), name)

		re, rerr := httpmap.ReadError(rec.Result())
		require.NoError(t, rerr)
		if name == "kratos" {
			assert.Equal(t, 403, rec.Code)
			assert.Equal(t, codes.PermissionDenied, re.GRPCCode())
			assert.Equal(t, "denied", re.Message())
			info := re.GRPCStatus().Details()[0].(*errdetails.ErrorInfo)
			assert.Equal(t, "NO_ACCESS", info.GetReason())
			assert.Equal(t, map[string]string{"who": "bob"}, info.GetMetadata())
		}
	}
}
