package contract_test

import (
	"context"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/statusreg/statusreg/internal/contracttest"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/rocketmq/contract"
)

const prefix = contracttest.Prefix

var (
	messages   = contracttest.Messages
	withStatus = contracttest.WithStatus
	batch      = contracttest.Batch
)

type recorder struct{ got []rocketmq.Violation }

func (r *recorder) option() contract.Option {
	return contract.OnViolation(func(_ context.Context, v rocketmq.Violation) { r.got = append(r.got, v) })
}

func TestUnaryServerContract(t *testing.T) {
	resp, _ := messages(t)
	for _, tc := range []struct {
		method string
		code   rocketmq.Code
		want   rocketmq.Mark // NotListed: no violation
	}{
		{"SendMessage", rocketmq.TopicNotFound, rocketmq.NotListed},
		{"SendMessage", rocketmq.OK, rocketmq.NotListed},
		{"QueryRoute", rocketmq.MessageNotFound, rocketmq.NotAllowed},
		{"Heartbeat", rocketmq.ProxyTimeout, rocketmq.NotAllowed},
		{"AckMessage", rocketmq.NotFound, rocketmq.Reserved},
		{"AckMessage", rocketmq.RequestTimeout, rocketmq.NotListed}, // no row: not judged
		{"AckMessage", 40499, rocketmq.NotListed},                   // unknown: not judged
		{"RecallMessage", rocketmq.MessageNotFound, rocketmq.NotListed},
	} {
		rec := &recorder{}
		ic := contract.UnaryServerInterceptor(rec.option())
		msg := withStatus(resp, tc.code, "")
		info := &grpc.UnaryServerInfo{FullMethod: prefix + tc.method}
		out, err := ic(context.Background(), nil, info, func(context.Context, any) (any, error) { return msg, nil })
		require.NoError(t, err)
		assert.Same(t, msg, out)
		if tc.want == rocketmq.NotListed {
			assert.Empty(t, rec.got, "%s %s", tc.method, tc.code)
			continue
		}
		require.Len(t, rec.got, 1, "%s %s", tc.method, tc.code)
		v := rec.got[0]
		assert.Equal(t, prefix+tc.method, v.Method)
		assert.Equal(t, tc.method, v.RPC.String())
		assert.Equal(t, tc.code, v.Code)
		assert.Equal(t, tc.want, v.Mark)
	}
}

func TestStrictFailsTheCall(t *testing.T) {
	resp, _ := messages(t)
	ic := contract.UnaryServerInterceptor(contract.Strict())
	info := &grpc.UnaryServerInfo{FullMethod: prefix + "QueryRoute"}
	out, err := ic(context.Background(), nil, info, func(context.Context, any) (any, error) {
		return withStatus(resp, rocketmq.MessageNotFound, ""), nil
	})
	assert.Nil(t, out)
	st := status.Convert(err)
	assert.Equal(t, codes.Internal, st.Code())
	assert.Contains(t, st.Message(), "QueryRoute")
	assert.Contains(t, st.Message(), "MESSAGE_NOT_FOUND")

	// Handler errors that carry no RocketMQ code pass through unjudged.
	_, err = ic(context.Background(), nil, info, func(context.Context, any) (any, error) {
		return nil, status.Error(codes.Unavailable, "down")
	})
	assert.Equal(t, codes.Unavailable, status.Code(err))
}

// fakeServerStream feeds RecvMsg from in and collects SendMsg.
type fakeServerStream struct {
	grpc.ServerStream
	in   []proto.Message
	sent []any
}

func (s *fakeServerStream) Context() context.Context { return context.Background() }
func (s *fakeServerStream) SendMsg(m any) error      { s.sent = append(s.sent, m); return nil }
func (s *fakeServerStream) RecvMsg(m any) error {
	if len(s.in) == 0 {
		return io.EOF
	}
	proto.Merge(m.(proto.Message), s.in[0])
	s.in = s.in[1:]
	return nil
}

func TestStreamServerContract(t *testing.T) {
	resp, telemetry := messages(t)
	rec := &recorder{}
	ic := contract.StreamServerInterceptor(rec.option(), contract.Strict())

	// ReceiveMessage: the handler's sends are judged.
	ss := &fakeServerStream{}
	err := ic(nil, ss, &grpc.StreamServerInfo{FullMethod: prefix + "ReceiveMessage"}, func(_ any, s grpc.ServerStream) error {
		require.NoError(t, s.SendMsg(withStatus(resp, rocketmq.MessageNotFound, "")))
		require.NoError(t, s.SendMsg(dynamicpb.NewMessage(resp))) // no status: a message frame
		return s.SendMsg(withStatus(resp, rocketmq.IllegalMessageTag, ""))
	})
	assert.Equal(t, codes.Internal, status.Code(err))
	assert.Len(t, ss.sent, 2, "the violating message is not sent")
	require.Len(t, rec.got, 1)
	assert.Equal(t, rocketmq.ReceiveMessage, rec.got[0].RPC)
	assert.Equal(t, rocketmq.IllegalMessageTag, rec.got[0].Code)

	// Telemetry: the client's reports are judged as their command. (Not
	// strict: a strict stream ends at its first violation.)
	rec.got = nil
	ic = contract.StreamServerInterceptor(rec.option())
	ss = &fakeServerStream{in: []proto.Message{
		withStatus(telemetry, rocketmq.NotImplemented, "thread_stack_trace"),         // ✅
		withStatus(telemetry, rocketmq.NotImplemented, "verify_message_result"),      // ❌
		withStatus(telemetry, rocketmq.FailedToConsumeMessage, "thread_stack_trace"), // ❌
		withStatus(telemetry, rocketmq.TopicNotFound, ""),                            // no command: not judged
	}}
	err = ic(nil, ss, &grpc.StreamServerInfo{FullMethod: prefix + "Telemetry"}, func(_ any, s grpc.ServerStream) error {
		for {
			m := dynamicpb.NewMessage(telemetry)
			if err := s.RecvMsg(m); err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
		}
	})
	require.NoError(t, err)
	require.Len(t, rec.got, 2)
	assert.Equal(t, rocketmq.VerifyMessageResult, rec.got[0].RPC)
	assert.Equal(t, rocketmq.NotImplemented, rec.got[0].Code)
	assert.Equal(t, rocketmq.ThreadStackTrace, rec.got[1].RPC)
	assert.Equal(t, rocketmq.FailedToConsumeMessage, rec.got[1].Code)
}

func TestUnaryClientContract(t *testing.T) {
	resp, _ := messages(t)
	rec := &recorder{}
	ic := contract.UnaryClientInterceptor(rec.option())
	invoker := func(code rocketmq.Code) grpc.UnaryInvoker {
		return func(_ context.Context, _ string, _, reply any, _ *grpc.ClientConn, _ ...grpc.CallOption) error {
			proto.Merge(reply.(proto.Message), withStatus(resp, code, ""))
			return nil
		}
	}
	require.NoError(t, ic(context.Background(), prefix+"SendMessage", nil, dynamicpb.NewMessage(resp), nil, invoker(rocketmq.MessageBodyEmpty)))
	assert.Empty(t, rec.got)
	require.NoError(t, ic(context.Background(), prefix+"AckMessage", nil, dynamicpb.NewMessage(resp), nil, invoker(rocketmq.MessageBodyEmpty)))
	require.Len(t, rec.got, 1)
	assert.Equal(t, rocketmq.AckMessage, rec.got[0].RPC)
	assert.Equal(t, "rocketmq contract: AckMessage returned MESSAGE_BODY_EMPTY, which the status matrix marks NotAllowed", rec.got[0].String())

	strict := contract.UnaryClientInterceptor(contract.Strict())
	err := strict(context.Background(), prefix+"AckMessage", nil, dynamicpb.NewMessage(resp), nil, invoker(rocketmq.MessageBodyEmpty))
	assert.Equal(t, codes.Internal, status.Code(err))

	// Replies that are not protobuf messages are not judged.
	require.NoError(t, strict(context.Background(), prefix+"AckMessage", nil, new(int), nil,
		func(context.Context, string, any, any, *grpc.ClientConn, ...grpc.CallOption) error { return nil }))
}

// fakeClientStream answers RecvMsg from in, and then with end (io.EOF
// if nil), as often as it is called.
type fakeClientStream struct {
	grpc.ClientStream
	in  []proto.Message
	end error
}

func (s *fakeClientStream) Context() context.Context     { return context.Background() }
func (s *fakeClientStream) Header() (metadata.MD, error) { return nil, nil }
func (s *fakeClientStream) SendMsg(any) error            { return nil }
func (s *fakeClientStream) RecvMsg(m any) error {
	if len(s.in) == 0 {
		if s.end != nil {
			return s.end
		}
		return io.EOF
	}
	proto.Merge(m.(proto.Message), s.in[0])
	s.in = s.in[1:]
	return nil
}

func TestStreamClientContract(t *testing.T) {
	resp, telemetry := messages(t)
	rec := &recorder{}
	ic := contract.StreamClientInterceptor(rec.option())
	streamer := func(context.Context, *grpc.StreamDesc, *grpc.ClientConn, string, ...grpc.CallOption) (grpc.ClientStream, error) {
		return &fakeClientStream{in: []proto.Message{
			withStatus(resp, rocketmq.ConsumerGroupNotFound, ""), // ✅ on PullMessage
			withStatus(resp, rocketmq.IllegalOffset, ""),         // ✅
			withStatus(resp, rocketmq.Forbidden, ""),             // ❌
		}}, nil
	}
	cs, err := ic(context.Background(), &grpc.StreamDesc{ServerStreams: true}, nil, prefix+"PullMessage", streamer)
	require.NoError(t, err)
	for {
		if err := cs.RecvMsg(dynamicpb.NewMessage(resp)); err != nil {
			require.ErrorIs(t, err, io.EOF)
			break
		}
	}
	require.Len(t, rec.got, 1)
	assert.Equal(t, rocketmq.PullMessage, rec.got[0].RPC)
	assert.Equal(t, rocketmq.Forbidden, rec.got[0].Code)

	// On Telemetry the client's own reports are judged before sending.
	rec.got = nil
	strict := contract.StreamClientInterceptor(rec.option(), contract.Strict())
	cs, err = strict(context.Background(), &grpc.StreamDesc{ServerStreams: true, ClientStreams: true}, nil, prefix+"Telemetry", streamer)
	require.NoError(t, err)
	assert.NoError(t, cs.SendMsg(withStatus(telemetry, rocketmq.OK, "verify_message_result")))
	err = cs.SendMsg(withStatus(telemetry, rocketmq.MessageCorrupted, "thread_stack_trace"))
	assert.Equal(t, codes.Internal, status.Code(err))
	require.Len(t, rec.got, 1)
	assert.Equal(t, rocketmq.ThreadStackTrace, rec.got[0].RPC)
	assert.Equal(t, err, cs.RecvMsg(dynamicpb.NewMessage(telemetry)), "the violation ended the stream")
	assert.Equal(t, err, cs.SendMsg(withStatus(telemetry, rocketmq.OK, "verify_message_result")))
}

// A strict client stream ends at the first violation: the call is
// cancelled, and later reads return the same error rather than the
// messages after it.
func TestStrictClientStreamEndsAtTheViolation(t *testing.T) {
	resp, _ := messages(t)
	var streamCtx context.Context
	streamer := func(ctx context.Context, _ *grpc.StreamDesc, _ *grpc.ClientConn, _ string, _ ...grpc.CallOption) (grpc.ClientStream, error) {
		streamCtx = ctx
		return &fakeClientStream{in: []proto.Message{
			withStatus(resp, rocketmq.IllegalMessageTag, ""), // ❌ on ReceiveMessage
			withStatus(resp, rocketmq.OK, ""),
		}}, nil
	}
	ic := contract.StreamClientInterceptor(contract.Strict())
	cs, err := ic(context.Background(), &grpc.StreamDesc{ServerStreams: true}, nil, prefix+"ReceiveMessage", streamer)
	require.NoError(t, err)
	first := cs.RecvMsg(dynamicpb.NewMessage(resp))
	assert.Equal(t, codes.Internal, status.Code(first))
	assert.ErrorIs(t, streamCtx.Err(), context.Canceled, "the call is cancelled")
	assert.Equal(t, first, cs.RecvMsg(dynamicpb.NewMessage(resp)))
}

// A strict server stream ends at its first violation: a handler that
// ignores the error, as a best-effort forwarding proxy does, cannot send
// past it, and the call fails with it whatever the handler returns.
func TestStrictServerStreamEndsAtTheViolation(t *testing.T) {
	resp, _ := messages(t)
	require.Equal(t, rocketmq.NotAllowed, rocketmq.ReceiveMessage.Mark(rocketmq.IllegalMessageTag))
	require.Equal(t, rocketmq.Allowed, rocketmq.ReceiveMessage.Mark(rocketmq.MessageNotFound))
	rec := &recorder{}
	ic := contract.StreamServerInterceptor(rec.option(), contract.Strict())
	ss := &fakeServerStream{in: []proto.Message{dynamicpb.NewMessage(resp)}}
	var errs []error
	err := ic(nil, ss, &grpc.StreamServerInfo{FullMethod: prefix + "ReceiveMessage"}, func(_ any, s grpc.ServerStream) error {
		errs = append(errs,
			s.SendMsg(dynamicpb.NewMessage(resp)), // no status: a message frame
			s.SendMsg(withStatus(resp, rocketmq.IllegalMessageTag, "")),
			s.SendMsg(withStatus(resp, rocketmq.MessageNotFound, "")),
			s.SendMsg(dynamicpb.NewMessage(resp)),
			s.RecvMsg(dynamicpb.NewMessage(resp)),
		)
		return nil // the errors ignored
	})
	require.Len(t, errs, 5)
	assert.NoError(t, errs[0])
	first := errs[1]
	st := status.Convert(first)
	assert.Equal(t, codes.Internal, st.Code())
	assert.Contains(t, st.Message(), "ReceiveMessage")
	assert.Contains(t, st.Message(), "ILLEGAL_MESSAGE_TAG")
	for i, e := range errs[2:] {
		assert.Equal(t, first, e, "call %d after the violation", i+1)
	}
	assert.Equal(t, first, err, "the call fails with the violation")
	assert.Len(t, ss.sent, 1, "nothing is sent after the violation")
	assert.Len(t, ss.in, 1, "nothing is received after the violation")
	require.Len(t, rec.got, 1, "later messages are not judged")
	assert.Equal(t, rocketmq.IllegalMessageTag, rec.got[0].Code)

	// The handler's own error gives way to the violation too.
	ss = &fakeServerStream{}
	err = ic(nil, ss, &grpc.StreamServerInfo{FullMethod: prefix + "ReceiveMessage"}, func(_ any, s grpc.ServerStream) error {
		_ = s.SendMsg(withStatus(resp, rocketmq.IllegalMessageTag, ""))
		return status.Error(codes.Unavailable, "upstream gone")
	})
	assert.Equal(t, codes.Internal, status.Code(err))

	// Without a violation, the handler's result stands.
	err = ic(nil, ss, &grpc.StreamServerInfo{FullMethod: prefix + "ReceiveMessage"}, func(_ any, s grpc.ServerStream) error {
		require.NoError(t, s.SendMsg(withStatus(resp, rocketmq.MessageNotFound, "")))
		return status.Error(codes.Unavailable, "upstream gone")
	})
	assert.Equal(t, codes.Unavailable, status.Code(err))
}

// On a strict Telemetry stream, a violating command from the client ends
// the stream: later receives and sends return the same error, and the
// call fails with it.
func TestStrictTelemetryServerEndsAtTheViolation(t *testing.T) {
	_, telemetry := messages(t)
	rec := &recorder{}
	ic := contract.StreamServerInterceptor(rec.option(), contract.Strict())
	ss := &fakeServerStream{in: []proto.Message{
		withStatus(telemetry, rocketmq.NotImplemented, "thread_stack_trace"),    // ✅
		withStatus(telemetry, rocketmq.NotImplemented, "verify_message_result"), // ❌
		withStatus(telemetry, rocketmq.OK, "verify_message_result"),             // ✅
		withStatus(telemetry, rocketmq.MessageCorrupted, "thread_stack_trace"),  // ❌
	}}
	var errs []error
	err := ic(nil, ss, &grpc.StreamServerInfo{FullMethod: prefix + "Telemetry"}, func(_ any, s grpc.ServerStream) error {
		for range 4 {
			errs = append(errs, s.RecvMsg(dynamicpb.NewMessage(telemetry)))
		}
		errs = append(errs, s.SendMsg(dynamicpb.NewMessage(telemetry)))
		return nil
	})
	require.Len(t, errs, 5)
	assert.NoError(t, errs[0])
	first := errs[1]
	assert.Equal(t, codes.Internal, status.Code(first))
	assert.Contains(t, status.Convert(first).Message(), "VerifyMessageResult")
	for i, e := range errs[2:] {
		assert.Equal(t, first, e, "call %d after the violation", i+1)
	}
	assert.Equal(t, first, err)
	assert.Len(t, ss.in, 2, "the commands after the violation are not read")
	assert.Empty(t, ss.sent)
	require.Len(t, rec.got, 1)
	assert.Equal(t, rocketmq.VerifyMessageResult, rec.got[0].RPC)
}

// Every status a response carries is judged: its own and that of each
// entry of a batch, each by the RPC's column.
func TestBatchEntriesJudged(t *testing.T) {
	resp, _ := messages(t)
	for rpc, c := range map[rocketmq.RPC]map[rocketmq.Code]rocketmq.Mark{
		rocketmq.SendMessage: {
			rocketmq.OK: rocketmq.Allowed, rocketmq.TopicNotFound: rocketmq.Allowed,
			rocketmq.BadRequest: rocketmq.NotAllowed, rocketmq.MessageNotFound: rocketmq.NotAllowed, rocketmq.NotFound: rocketmq.Reserved,
		},
		rocketmq.AckMessage: {
			rocketmq.MultipleResults: rocketmq.Allowed, rocketmq.InvalidReceiptHandle: rocketmq.Allowed,
			rocketmq.MessageNotFound: rocketmq.NotAllowed, rocketmq.Forbidden: rocketmq.NotAllowed,
		},
	} {
		for code, mark := range c {
			require.Equal(t, mark, rpc.Mark(code), "%v %v", rpc, code)
		}
	}
	entry := func(rpc rocketmq.RPC, code rocketmq.Code, mark rocketmq.Mark, field string, i int) rocketmq.Violation {
		return rocketmq.Violation{Method: prefix + rpc.String(), RPC: rpc, Code: code, Mark: mark, Field: field, Index: i}
	}
	noted := func(m *dynamicpb.Message) *dynamicpb.Message {
		// An entry without a status, and a note whose look-alike status
		// carries a code ❌ everywhere: neither is judged.
		return contracttest.Noted(m, rocketmq.BadRequest)
	}
	for _, tc := range []struct {
		rpc  rocketmq.RPC
		msg  *dynamicpb.Message
		want []rocketmq.Violation
	}{
		{rocketmq.SendMessage, noted(batch(resp, rocketmq.OK, rocketmq.OK, rocketmq.BadRequest, rocketmq.TopicNotFound, rocketmq.NotFound)), []rocketmq.Violation{
			entry(rocketmq.SendMessage, rocketmq.BadRequest, rocketmq.NotAllowed, "entries", 1),
			entry(rocketmq.SendMessage, rocketmq.NotFound, rocketmq.Reserved, "entries", 3),
		}},
		{rocketmq.AckMessage, batch(resp, rocketmq.MultipleResults, rocketmq.InvalidReceiptHandle, rocketmq.MessageNotFound, rocketmq.Forbidden), []rocketmq.Violation{
			entry(rocketmq.AckMessage, rocketmq.MessageNotFound, rocketmq.NotAllowed, "entries", 1),
			entry(rocketmq.AckMessage, rocketmq.Forbidden, rocketmq.NotAllowed, "entries", 2),
		}},
		{rocketmq.AckMessage, batch(resp, rocketmq.Forbidden, rocketmq.Forbidden), []rocketmq.Violation{
			entry(rocketmq.AckMessage, rocketmq.Forbidden, rocketmq.NotAllowed, "", 0), // the top level first
			entry(rocketmq.AckMessage, rocketmq.Forbidden, rocketmq.NotAllowed, "entries", 0),
		}},
		{rocketmq.AckMessage, noted(batch(resp, rocketmq.OK, rocketmq.OK)), nil},
	} {
		server, client := &recorder{}, &recorder{}
		info := &grpc.UnaryServerInfo{FullMethod: prefix + tc.rpc.String()}
		out, err := contract.UnaryServerInterceptor(server.option())(context.Background(), nil, info,
			func(context.Context, any) (any, error) { return tc.msg, nil })
		require.NoError(t, err)
		assert.Same(t, tc.msg, out)
		assert.Equal(t, tc.want, server.got, "server")

		err = contract.UnaryClientInterceptor(client.option())(context.Background(), prefix+tc.rpc.String(), nil, dynamicpb.NewMessage(resp), nil,
			func(_ context.Context, _ string, _, reply any, _ *grpc.ClientConn, _ ...grpc.CallOption) error {
				proto.Merge(reply.(proto.Message), tc.msg)
				return nil
			})
		require.NoError(t, err)
		assert.Equal(t, tc.want, client.got, "client")
	}

	v := entry(rocketmq.SendMessage, rocketmq.BadRequest, rocketmq.NotAllowed, "entries", 1)
	assert.Equal(t, "rocketmq contract: SendMessage returned BAD_REQUEST in entries[1], which the status matrix marks NotAllowed", v.String())
}

// Strict fails a batch answer at its first violating status, and still
// reports every one.
func TestStrictBatchReportsEveryEntry(t *testing.T) {
	resp, _ := messages(t)
	msg := batch(resp, rocketmq.OK, rocketmq.OK, rocketmq.BadRequest, rocketmq.MessageNotFound)
	wantStrict := func(err error) {
		t.Helper()
		st := status.Convert(err)
		assert.Equal(t, codes.Internal, st.Code())
		assert.Contains(t, st.Message(), "SendMessage")
		assert.Contains(t, st.Message(), "BAD_REQUEST in entries[1]")
	}
	wantReported := func(rec *recorder) {
		t.Helper()
		require.Len(t, rec.got, 2)
		assert.Equal(t, rocketmq.BadRequest, rec.got[0].Code)
		assert.Equal(t, 1, rec.got[0].Index)
		assert.Equal(t, rocketmq.MessageNotFound, rec.got[1].Code)
		assert.Equal(t, 2, rec.got[1].Index)
	}

	rec := &recorder{}
	info := &grpc.UnaryServerInfo{FullMethod: prefix + "SendMessage"}
	out, err := contract.UnaryServerInterceptor(rec.option(), contract.Strict())(context.Background(), nil, info,
		func(context.Context, any) (any, error) { return msg, nil })
	assert.Nil(t, out)
	wantStrict(err)
	wantReported(rec)

	rec = &recorder{}
	err = contract.UnaryClientInterceptor(rec.option(), contract.Strict())(context.Background(), prefix+"SendMessage", nil, dynamicpb.NewMessage(resp), nil,
		func(_ context.Context, _ string, _, reply any, _ *grpc.ClientConn, _ ...grpc.CallOption) error {
			proto.Merge(reply.(proto.Message), msg)
			return nil
		})
	wantStrict(err)
	wantReported(rec)
}

// Methods of other services are not judged, even when they share the
// method names and message shapes.
func TestOtherServicesNotJudged(t *testing.T) {
	resp, _ := messages(t)
	rec := &recorder{}
	ic := contract.UnaryServerInterceptor(rec.option(), contract.Strict())
	msg := batch(resp, rocketmq.BadRequest, rocketmq.BadRequest)
	for _, method := range []string{"/other.v1.Service/SendMessage", "/" + rocketmq.Service + "/NoSuchRPC", "/" + rocketmq.Service + "/ThreadStackTrace", "/" + rocketmq.Service + "/sendmessage", "SendMessage"} {
		out, err := ic(context.Background(), nil, &grpc.UnaryServerInfo{FullMethod: method}, func(context.Context, any) (any, error) { return msg, nil })
		assert.NoError(t, err, method)
		assert.Same(t, msg, out, method)
	}
	assert.Empty(t, rec.got)
}

// The error that ends a client stream is judged once, however often
// RecvMsg returns it; strict, every later RecvMsg returns the INTERNAL
// error. An error of the streamer itself is judged too.
func TestStreamClientErrorJudgedOnce(t *testing.T) {
	resp, _ := messages(t)
	require.Equal(t, rocketmq.NotAllowed, rocketmq.ReceiveMessage.Mark(rocketmq.IllegalMessageTag))
	end := rocketmq.Errorf(rocketmq.IllegalMessageTag, "bad tag")
	want := rocketmq.Violation{Method: prefix + "ReceiveMessage", RPC: rocketmq.ReceiveMessage, Code: rocketmq.IllegalMessageTag, Mark: rocketmq.NotAllowed, AsError: true}
	var streamCtx context.Context
	streamer := func(ctx context.Context, _ *grpc.StreamDesc, _ *grpc.ClientConn, _ string, _ ...grpc.CallOption) (grpc.ClientStream, error) {
		streamCtx = ctx
		return &fakeClientStream{in: []proto.Message{withStatus(resp, rocketmq.MessageNotFound, "")}, end: end}, nil
	}
	desc := &grpc.StreamDesc{ServerStreams: true}

	rec := &recorder{}
	cs, err := contract.StreamClientInterceptor(rec.option())(context.Background(), desc, nil, prefix+"ReceiveMessage", streamer)
	require.NoError(t, err)
	require.NoError(t, cs.RecvMsg(dynamicpb.NewMessage(resp)))
	for range 3 {
		assert.Same(t, end, cs.RecvMsg(dynamicpb.NewMessage(resp)), "the error passes on")
	}
	assert.Equal(t, []rocketmq.Violation{want}, rec.got, "judged once")

	rec = &recorder{}
	cs, err = contract.StreamClientInterceptor(rec.option(), contract.Strict())(context.Background(), desc, nil, prefix+"ReceiveMessage", streamer)
	require.NoError(t, err)
	require.NoError(t, cs.RecvMsg(dynamicpb.NewMessage(resp)))
	first := cs.RecvMsg(dynamicpb.NewMessage(resp))
	st := status.Convert(first)
	assert.Equal(t, codes.Internal, st.Code())
	assert.Equal(t, want.String(), st.Message())
	assert.Equal(t, first, cs.RecvMsg(dynamicpb.NewMessage(resp)))
	assert.Equal(t, first, cs.SendMsg(dynamicpb.NewMessage(resp)))
	assert.ErrorIs(t, streamCtx.Err(), context.Canceled)
	assert.Equal(t, []rocketmq.Violation{want}, rec.got)

	rec = &recorder{}
	failing := func(context.Context, *grpc.StreamDesc, *grpc.ClientConn, string, ...grpc.CallOption) (grpc.ClientStream, error) {
		return nil, end
	}
	_, err = contract.StreamClientInterceptor(rec.option())(context.Background(), desc, nil, prefix+"ReceiveMessage", failing)
	assert.Same(t, end, err)
	_, err = contract.StreamClientInterceptor(rec.option(), contract.Strict())(context.Background(), desc, nil, prefix+"ReceiveMessage", failing)
	assert.Equal(t, codes.Internal, status.Code(err))
	assert.Equal(t, []rocketmq.Violation{want, want}, rec.got)
}

// A streaming handler's error is judged; strict, it gives way to the
// INTERNAL error naming it. A violation while streaming comes first.
func TestStreamServerErrorJudged(t *testing.T) {
	resp, _ := messages(t)
	end := rocketmq.Errorf(rocketmq.IllegalMessageTag, "bad tag")
	want := rocketmq.Violation{Method: prefix + "ReceiveMessage", RPC: rocketmq.ReceiveMessage, Code: rocketmq.IllegalMessageTag, Mark: rocketmq.NotAllowed, AsError: true}
	info := &grpc.StreamServerInfo{FullMethod: prefix + "ReceiveMessage"}
	handler := func(_ any, s grpc.ServerStream) error {
		_ = s.SendMsg(withStatus(resp, rocketmq.MessageNotFound, ""))
		return end
	}

	rec := &recorder{}
	err := contract.StreamServerInterceptor(rec.option())(nil, &fakeServerStream{}, info, handler)
	assert.Same(t, end, err)
	assert.Equal(t, []rocketmq.Violation{want}, rec.got)

	rec = &recorder{}
	err = contract.StreamServerInterceptor(rec.option(), contract.Strict())(nil, &fakeServerStream{}, info, handler)
	assert.Equal(t, codes.Internal, status.Code(err))
	assert.Equal(t, want.String(), status.Convert(err).Message())
	assert.Equal(t, []rocketmq.Violation{want}, rec.got)

	rec = &recorder{}
	err = contract.StreamServerInterceptor(rec.option(), contract.Strict())(nil, &fakeServerStream{}, info, func(_ any, s grpc.ServerStream) error {
		_ = s.SendMsg(withStatus(resp, rocketmq.IllegalMessageTag, ""))
		return end
	})
	assert.Contains(t, status.Convert(err).Message(), "ILLEGAL_MESSAGE_TAG, which", "the stream's first violation, not the error")
	require.Len(t, rec.got, 1, "the error after the violation is not judged")
	assert.False(t, rec.got[0].AsError)
}

// A unary handler's or invoker's error is judged; strict, the call fails
// with INTERNAL naming it, and the handler's response is dropped.
func TestUnaryErrorJudged(t *testing.T) {
	resp, _ := messages(t)
	end := rocketmq.Errorf(rocketmq.ConsumerGroupNotFound, "no group")
	want := rocketmq.Violation{Method: prefix + "SendMessage", RPC: rocketmq.SendMessage, Code: rocketmq.ConsumerGroupNotFound, Mark: rocketmq.NotAllowed, AsError: true}
	info := &grpc.UnaryServerInfo{FullMethod: prefix + "SendMessage"}
	msg := withStatus(resp, rocketmq.OK, "")
	handler := func(context.Context, any) (any, error) { return msg, end }
	invoker := func(context.Context, string, any, any, *grpc.ClientConn, ...grpc.CallOption) error { return end }

	rec := &recorder{}
	out, err := contract.UnaryServerInterceptor(rec.option())(context.Background(), nil, info, handler)
	assert.Same(t, msg, out, "lenient: the handler's answer passes as it is")
	assert.Same(t, end, err)
	assert.Same(t, end, contract.UnaryClientInterceptor(rec.option())(context.Background(), prefix+"SendMessage", nil, nil, nil, invoker))
	assert.Equal(t, []rocketmq.Violation{want, want}, rec.got)

	rec = &recorder{}
	out, err = contract.UnaryServerInterceptor(rec.option(), contract.Strict())(context.Background(), nil, info, handler)
	assert.Nil(t, out)
	assert.Equal(t, codes.Internal, status.Code(err))
	assert.Equal(t, want.String(), status.Convert(err).Message())
	err = contract.UnaryClientInterceptor(rec.option(), contract.Strict())(context.Background(), prefix+"SendMessage", nil, nil, nil, invoker)
	assert.Equal(t, codes.Internal, status.Code(err))
	assert.Equal(t, []rocketmq.Violation{want, want}, rec.got)
}
