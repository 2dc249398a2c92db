package recovery_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/statusreg/statusreg/grpccodes/recovery"
)

// behaviour is what the test service's handlers do.
type behaviour func(ctx context.Context) error

// intercepted installs recovery's two interceptors.
func intercepted(opts ...recovery.Option) []grpc.ServerOption {
	return []grpc.ServerOption{
		grpc.ChainUnaryInterceptor(recovery.UnaryServerInterceptor(opts...)),
		grpc.ChainStreamInterceptor(recovery.StreamServerInterceptor(opts...)),
	}
}

// serve starts a gRPC server on a loopback TCP port (127.0.0.1) whose one
// unary and one server-streaming method both run do, with the given server
// options (no interceptor unless they install one), and returns a client
// connection to it.
func serve(t *testing.T, do behaviour, serverOpts ...grpc.ServerOption) *grpc.ClientConn {
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
				if ic == nil {
					return h(ctx, in)
				}
				return ic(ctx, in, &grpc.UnaryServerInfo{FullMethod: "/test.Svc/Unary"}, h)
			},
		}},
		Streams: []grpc.StreamDesc{{
			StreamName:    "Stream",
			ServerStreams: true,
			Handler:       func(_ any, ss grpc.ServerStream) error { return do(ss.Context()) },
		}},
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := grpc.NewServer(serverOpts...)
	srv.RegisterService(&desc, struct{}{})
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient("passthrough:///"+lis.Addr().String(),
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

func twoErrors(a, b error) []error { return []error{a, b} }

// withAndWithout runs f on a server without recovery's interceptors and on
// one with them.
func withAndWithout(t *testing.T, f func(t *testing.T, serverOpts ...grpc.ServerOption)) {
	t.Run("without interceptor", func(t *testing.T) { f(t) })
	t.Run("with interceptor", func(t *testing.T) { f(t, intercepted()...) })
}

// unwrapper wraps an error through its own Unwrap method, not fmt's.
type unwrapper struct{ err error }

func (u unwrapper) Error() string { return "tx: " + u.err.Error() }
func (u unwrapper) Unwrap() error { return u.err }

// contextErrors are the forms a handler's context error takes, with the
// code the client sees: grpc-go v1.85 maps every form that errors.Is can
// reach (status.FromContextError), checking DeadlineExceeded first.
var contextErrors = []struct {
	name string
	err  error
	want codes.Code
}{
	{"bare Canceled", context.Canceled, codes.Canceled},
	{"bare DeadlineExceeded", context.DeadlineExceeded, codes.DeadlineExceeded},
	{"%w Canceled", fmt.Errorf("db: %w", context.Canceled), codes.Canceled},
	{"%w DeadlineExceeded", fmt.Errorf("db: %w", context.DeadlineExceeded), codes.DeadlineExceeded},
	{"errors.Join", errors.Join(errors.New("rollback failed"), context.Canceled), codes.Canceled},
	{"own Unwrap over %w", unwrapper{fmt.Errorf("db: %w", context.DeadlineExceeded)}, codes.DeadlineExceeded},
	{"both, Canceled first", fmt.Errorf("%w, then %w", context.Canceled, context.DeadlineExceeded), codes.DeadlineExceeded},
	// Flattened to text, the context error is gone for grpc-go and
	// recovery alike.
	{"%v DeadlineExceeded", fmt.Errorf("db: %v", context.DeadlineExceeded), codes.Unknown},
}

// (a), (b): grpc-go itself sends a handler's context errors, bare or
// wrapped, with their codes; the interceptor changes nothing on the wire.
func TestContextErrorsReachTheClientWithTheirCodes(t *testing.T) {
	withAndWithout(t, func(t *testing.T, serverOpts ...grpc.ServerOption) {
		for _, tc := range contextErrors {
			conn := serve(t, func(context.Context) error { return tc.err }, serverOpts...)
			for _, got := range twoErrors(callBoth(t, conn)) {
				st := status.Convert(got)
				assert.Equal(t, tc.want, st.Code(), tc.name)
				assert.Equal(t, tc.err.Error(), st.Message(), tc.name)
			}
		}
	})
}

// (b): what the interceptor adds for context errors is the code as seen by
// interceptors chained before it; without it they see UNKNOWN.
func TestOuterInterceptorsSeeContextCodes(t *testing.T) {
	handlerErr := fmt.Errorf("db: %w", context.DeadlineExceeded)
	for _, tc := range []struct {
		name      string
		installed bool
		wantOuter codes.Code
	}{
		{"without interceptor", false, codes.Unknown},
		{"with interceptor", true, codes.DeadlineExceeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			var seen []codes.Code
			see := func(err error) {
				mu.Lock()
				defer mu.Unlock()
				seen = append(seen, status.Code(err))
			}
			unary := []grpc.UnaryServerInterceptor{func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
				resp, err := h(ctx, req)
				see(err)
				return resp, err
			}}
			stream := []grpc.StreamServerInterceptor{func(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, h grpc.StreamHandler) error {
				err := h(srv, ss)
				see(err)
				return err
			}}
			if tc.installed {
				unary = append(unary, recovery.UnaryServerInterceptor())
				stream = append(stream, recovery.StreamServerInterceptor())
			}
			conn := serve(t, func(context.Context) error { return handlerErr },
				grpc.ChainUnaryInterceptor(unary...), grpc.ChainStreamInterceptor(stream...))
			for _, got := range twoErrors(callBoth(t, conn)) {
				assert.Equal(t, codes.DeadlineExceeded, status.Code(got), "the client sees grpc-go's mapping either way")
			}
			mu.Lock()
			defer mu.Unlock()
			assert.Equal(t, []codes.Code{tc.wantOuter, tc.wantOuter}, seen)
		})
	}
}

// (c): a panic becomes INTERNAL "internal error", the hook sees it, and
// the server goes on serving.
func TestInterceptorRecoversPanics(t *testing.T) {
	var mu sync.Mutex
	var recovered []string
	conn := serve(t, func(context.Context) error { panic("secret database password") },
		intercepted(recovery.WithPanicHandler(func(_ context.Context, method string, p any) {
			mu.Lock()
			defer mu.Unlock()
			recovered = append(recovered, fmt.Sprint(method, ": ", p))
		}))...)
	for range 2 {
		for _, err := range twoErrors(callBoth(t, conn)) {
			st := status.Convert(err)
			assert.Equal(t, codes.Internal, st.Code())
			assert.Equal(t, "internal error", st.Message())
		}
	}
	mu.Lock()
	defer mu.Unlock()
	assert.ElementsMatch(t, []string{
		"/test.Svc/Unary: secret database password",
		"/test.Svc/Stream: secret database password",
		"/test.Svc/Unary: secret database password",
		"/test.Svc/Stream: secret database password",
	}, recovered)

	noHook := serve(t, func(context.Context) error { panic(errors.New("nil map")) }, intercepted()...)
	for _, err := range twoErrors(callBoth(t, noHook)) {
		assert.True(t, proto.Equal(status.New(codes.Internal, "internal error").Proto(), status.Convert(err).Proto()), "%v", err)
	}
}

// (c): without the interceptor, grpc-go recovers nothing: a handler's
// panic ends the server's process. The test runs itself as a child
// process to show it.
func TestWithoutInterceptorAPanicEndsTheProcess(t *testing.T) {
	const env = "RECOVERY_TEST_PANIC_CHILD"
	if os.Getenv(env) == "1" {
		conn := serve(t, func(context.Context) error { panic("handler bug") })
		_ = conn.Invoke(context.Background(), "/test.Svc/Unary", new(emptypb.Empty), new(emptypb.Empty))
		t.Fatal("the process outlived the handler's panic")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestWithoutInterceptorAPanicEndsTheProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), env+"=1")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "%s", out)
	assert.Contains(t, string(out), "panic: handler bug")
	assert.NotContains(t, string(out), "the process outlived")
}

// (d): an error with its own status reaches the client unchanged, details
// included, even when it also wraps a context error; plain errors and nil
// are left to grpc-go.
func TestStatusesPassThrough(t *testing.T) {
	st, err := status.New(codes.NotFound, "no such topic").
		WithDetails(&errdetails.ErrorInfo{Reason: "TOPIC_NOT_FOUND", Domain: "example.com"})
	require.NoError(t, err)
	withAndWithout(t, func(t *testing.T, serverOpts ...grpc.ServerOption) {
		own := serve(t, func(context.Context) error { return st.Err() }, serverOpts...)
		for _, got := range twoErrors(callBoth(t, own)) {
			assert.True(t, proto.Equal(st.Proto(), status.Convert(got).Proto()), "%v", got)
		}

		wrapped := fmt.Errorf("%w (%w)", st.Err(), context.Canceled)
		mixed := serve(t, func(context.Context) error { return wrapped }, serverOpts...)
		for _, got := range twoErrors(callBoth(t, mixed)) {
			gotSt := status.Convert(got)
			assert.Equal(t, codes.NotFound, gotSt.Code(), "a status wins over a wrapped context error")
			assert.Equal(t, wrapped.Error(), gotSt.Message())
			require.Len(t, gotSt.Details(), 1)
			assert.Equal(t, "TOPIC_NOT_FOUND", gotSt.Details()[0].(*errdetails.ErrorInfo).GetReason())
		}

		plain := serve(t, func(context.Context) error { return errors.New("boom") }, serverOpts...)
		for _, got := range twoErrors(callBoth(t, plain)) {
			assert.True(t, proto.Equal(status.New(codes.Unknown, "boom").Proto(), status.Convert(got).Proto()), "grpc-go's default for plain errors: %v", got)
		}

		ok := serve(t, func(context.Context) error { return nil }, serverOpts...)
		unary, stream := callBoth(t, ok)
		assert.NoError(t, unary)
		assert.ErrorIs(t, stream, io.EOF, "a clean end of stream with no message")
	})
}
