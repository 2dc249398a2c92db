package turms20240714_test

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/statusreg/statusreg/turms"
	"github.com/statusreg/statusreg/turms/turms20240714"
)

// A server of one Turms revision fails a call with one of its codes; a
// client of the other revision reads the error over a real gRPC
// connection on loopback. The request names the server's revision and
// the code ("2023-12-25 CREATE_EXISTING_FRIEND_REQUEST"), or a forged
// ErrorInfo a misbehaving peer sends.

const (
	wireService = "turmsrev.Failing"
	wireUnary   = "/" + wireService + "/Fail"
	wireStream  = "/" + wireService + "/FailStream"
)

// failure is the error the server fails a request with.
func failure(req string) error {
	rev, name, _ := strings.Cut(req, " ")
	switch rev {
	case "2023-12-25":
		c, err := turms.ParseCode(name)
		if err != nil {
			return status.Error(codes.InvalidArgument, err.Error())
		}
		return turms.Errorf(c, "from a server of %s", rev)
	case "2024-07-14":
		c, err := turms20240714.ParseCode(name)
		if err != nil {
			return status.Error(codes.InvalidArgument, err.Error())
		}
		return turms20240714.Errorf(c, "from a server of %s", rev)
	case "forged":
		// name is the revision the ErrorInfo claims; its number and
		// reason are those of CREATE_EXISTING_FRIEND_REQUEST in 2024.
		md := map[string]string{"code": "2600"}
		if name != "-" {
			md["revision"] = name
		}
		st, err := status.New(codes.AlreadyExists, "forged").WithDetails(&errdetails.ErrorInfo{
			Reason: "CODE_2600", Domain: "turms.im", Metadata: md,
		})
		if err != nil {
			return err
		}
		return st.Err()
	}
	return status.Error(codes.InvalidArgument, "unknown revision "+rev)
}

var wireDesc = grpc.ServiceDesc{
	ServiceName: wireService,
	HandlerType: (*any)(nil),
	Methods: []grpc.MethodDesc{{
		MethodName: "Fail",
		Handler: func(_ any, _ context.Context, dec func(any) error, _ grpc.UnaryServerInterceptor) (any, error) {
			req := new(wrapperspb.StringValue)
			if err := dec(req); err != nil {
				return nil, err
			}
			return nil, failure(req.GetValue())
		},
	}},
	Streams: []grpc.StreamDesc{{
		StreamName:    "FailStream",
		ServerStreams: true,
		Handler: func(_ any, stream grpc.ServerStream) error {
			req := new(wrapperspb.StringValue)
			if err := stream.RecvMsg(req); err != nil {
				return err
			}
			// Two messages first: the error ends a stream that worked.
			for range 2 {
				if err := stream.SendMsg(wrapperspb.String("ok")); err != nil {
					return err
				}
			}
			return failure(req.GetValue())
		},
	}},
}

// dialWire starts the server on 127.0.0.1 and returns a client
// connection to it.
func dialWire(t *testing.T) *grpc.ClientConn {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := grpc.NewServer()
	srv.RegisterService(&wireDesc, struct{}{})
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	return conn
}

// call returns the error of a unary call and of a server stream, after
// the stream's two messages.
func call(t *testing.T, conn *grpc.ClientConn, req string) (unary, stream error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	unary = conn.Invoke(ctx, wireUnary, wrapperspb.String(req), new(wrapperspb.StringValue))
	s, err := conn.NewStream(ctx, &wireDesc.Streams[0], wireStream)
	require.NoError(t, err)
	require.NoError(t, s.SendMsg(wrapperspb.String(req)))
	require.NoError(t, s.CloseSend())
	got := 0
	for {
		if err := s.RecvMsg(new(wrapperspb.StringValue)); err != nil {
			require.NotErrorIs(t, err, io.EOF, "%s: the stream ends with the error", req)
			stream = err
			break
		}
		got++
	}
	assert.Equal(t, 2, got, "%s: the messages before the error", req)
	return unary, stream
}

func TestCodeOfOtherRevisionOverGRPC(t *testing.T) {
	conn := dialWire(t)
	for _, tc := range []struct {
		req       string
		old       turms.Code         // what the revision of 2023-12-25 reads
		new       turms20240714.Code // what the revision of 2024-07-14 reads
		grpc      codes.Code
		forwarded bool // the server's message arrives
	}{
		// Renumbered: 2601 in 2023-12-25, 2600 in 2024-07-14, both ways.
		{"2023-12-25 CREATE_EXISTING_FRIEND_REQUEST", 2601, 2600, codes.AlreadyExists, true},
		{"2024-07-14 CREATE_EXISTING_FRIEND_REQUEST", 2601, 2600, codes.AlreadyExists, true},
		// 3408 is another code in each: the name decides.
		{"2023-12-25 NOT_GROUP_OWNER_TO_UPDATE_GROUP_MEMBER_ROLE", 3408, 3410, codes.PermissionDenied, true},
		{"2024-07-14 NOT_GROUP_OWNER_OR_MANAGER_TO_REMOVE_GROUP_MEMBER", 3406, 3408, codes.PermissionDenied, true},
		// Removed in 2024-07-14, and new in it: the other reads no code.
		{"2023-12-25 GROUP_INVITEE_ALREADY_GROUP_MEMBER", turms.GroupInviteeAlreadyGroupMember, turms20240714.CodeUnspecified, codes.AlreadyExists, true},
		{"2024-07-14 SEND_GROUP_INVITATION_TO_GROUP_MEMBER", turms.CodeUnspecified, turms20240714.SendGroupInvitationToGroupMember, codes.AlreadyExists, true},
		// A name too long for a reason travels in the metadata.
		{"2023-12-25 NOT_UPLOADER_OR_GROUP_MANAGER_TO_UNSHARE_MESSAGE_ATTACHMENT_IN_GROUP_CONVERSATION", 6103, 6103, codes.PermissionDenied, true},
		// A misbehaving peer: an ErrorInfo of a revision neither has, with
		// a number and no name, gives no code, never that number's; one
		// that names no revision (as errors did before revisions were
		// recorded) is read by its number.
		{"forged 2099-01-01", turms.CodeUnspecified, turms20240714.CodeUnspecified, codes.AlreadyExists, false},
		{"forged -", 2600, 2600, codes.AlreadyExists, false},
	} {
		unary, stream := call(t, conn, tc.req)
		for how, err := range map[string]error{"unary": unary, "stream": stream} {
			require.Error(t, err, "%s %s", tc.req, how)
			assert.Equal(t, tc.old, turms.CodeOf(err), "%s %s: the client of 2023-12-25", tc.req, how)
			assert.Equal(t, tc.new, turms20240714.CodeOf(err), "%s %s: the client of 2024-07-14", tc.req, how)
			st := status.Convert(err)
			assert.Equal(t, tc.grpc, st.Code(), "%s %s", tc.req, how)
			if tc.forwarded {
				rev, _, _ := strings.Cut(tc.req, " ")
				assert.Equal(t, "from a server of "+rev, st.Message(), "%s %s", tc.req, how)
			}
			var own *turms20240714.Error
			assert.False(t, errors.As(err, &own), "across the wire the client holds a status error")
		}
	}
}
