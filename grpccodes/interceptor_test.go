package grpccodes_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/statusreg/statusreg/grpccodes"
)

// behaviour is what the test service's handlers do.
type behaviour func(ctx context.Context) error

// serve starts a gRPC server on an in-memory listener whose one unary
// and one streaming method both run do, behind the interceptors, and
// returns a client connection to it.
func serve(t *testing.T, do behaviour, opts ...grpccodes.InterceptorOption) *grpc.ClientConn {
	t.Helper()
	desc := grpc.ServiceDesc{
		ServiceName: "test.Svc",
		HandlerType: (*any)(nil),
		Methods: []grpc.MethodDesc{{
			MethodName: "Unary",
			Handler: func(_ any, ctx context.Context, dec func(any) error, ic grpc.UnaryServerInterceptor) (any, error) {
				in := new(emptypb.Empty)
				if err := dec(in); err != nil {
					return nil, err
				}
				h := func(ctx context.Context, _ any) (any, error) { return new(emptypb.Empty), do(ctx) }
				return ic(ctx, in, &grpc.UnaryServerInfo{FullMethod: "/test.Svc/Unary"}, h)
			},
		}},
		Streams: []grpc.StreamDesc{{
			StreamName:    "Stream",
			ServerStreams: true,
			Handler:       func(_ any, ss grpc.ServerStream) error { return do(ss.Context()) },
		}},
	}
	lis := bufconn.Listen(1 << 20)
	srv := grpc.NewServer(
		grpc.UnaryInterceptor(grpccodes.UnaryServerInterceptor(opts...)),
		grpc.StreamInterceptor(grpccodes.StreamServerInterceptor(opts...)),
	)
	srv.RegisterService(&desc, struct{}{})
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient("passthrough:///bufnet",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// callBoth calls the unary and the streaming method and returns their
// errors as the client sees them.
func callBoth(t *testing.T, conn *grpc.ClientConn) (unary, stream error) {
	t.Helper()
	ctx := context.Background()
	unary = conn.Invoke(ctx, "/test.Svc/Unary", new(emptypb.Empty), new(emptypb.Empty))
	cs, err := conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true}, "/test.Svc/Stream")
	require.NoError(t, err)
	require.NoError(t, cs.SendMsg(new(emptypb.Empty)))
	require.NoError(t, cs.CloseSend())
	stream = cs.RecvMsg(new(emptypb.Empty))
	return unary, stream
}

func TestInterceptorHidesPanics(t *testing.T) {
	var recovered []any
	conn := serve(t, func(context.Context) error { panic("secret database password") },
		grpccodes.WithPanicHandler(func(_ context.Context, method string, p any) {
			recovered = append(recovered, fmt.Sprint(method, ": ", p))
		}))
	for _, err := range twoErrors(callBoth(t, conn)) {
		st := status.Convert(err)
		assert.Equal(t, codes.Internal, st.Code())
		assert.NotContains(t, st.Message(), "secret")
	}
	assert.ElementsMatch(t, []any{
		"/test.Svc/Unary: secret database password",
		"/test.Svc/Stream: secret database password",
	}, recovered)
}

func TestInterceptorGivesContextErrorsTheirCodes(t *testing.T) {
	for err, want := range map[error]codes.Code{
		context.Canceled:         codes.Canceled,
		context.DeadlineExceeded: codes.DeadlineExceeded,
		fmt.Errorf("query: %w", context.DeadlineExceeded): codes.DeadlineExceeded,
	} {
		conn := serve(t, func(context.Context) error { return err })
		for _, got := range twoErrors(callBoth(t, conn)) {
			assert.Equal(t, want, status.Code(got), "%v", err)
		}
	}
}

func TestInterceptorPassesStatusesThrough(t *testing.T) {
	own := status.Error(codes.NotFound, "no such topic")
	conn := serve(t, func(context.Context) error {
		// Carries its own status although it also wraps a context error.
		return fmt.Errorf("%w (%w)", own, context.Canceled)
	})
	for _, got := range twoErrors(callBoth(t, conn)) {
		assert.Equal(t, codes.NotFound, status.Code(got))
	}

	plain := serve(t, func(context.Context) error { return errors.New("boom") })
	for _, got := range twoErrors(callBoth(t, plain)) {
		assert.Equal(t, codes.Unknown, status.Code(got), "grpc's own default for plain errors")
	}

	ok := serve(t, func(context.Context) error { return nil })
	unary, stream := callBoth(t, ok)
	assert.NoError(t, unary)
	assert.ErrorIs(t, stream, io.EOF, "a clean end of stream with no message")
}

func twoErrors(a, b error) []error { return []error{a, b} }
