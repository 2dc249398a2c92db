package rocketmq_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/dynamicpb"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/statusreg/statusreg/retry"
	"github.com/statusreg/statusreg/rocketmq"
)

// responses describes messages shaped as apache.rocketmq.v2's responses
// (definition.proto and service.proto: Status with code = 1 and message =
// 2, SendMessageResponse with status = 1 and repeated entries = 2,
// ReceiveMessageResponse with status in the oneof content), and a few
// that are not, built at run time so that this module needs no stubs.
// peers/ runs the same decisions on the official Go client's stubs.
const responses = `
name: "statusreg_test/responses.proto"
package: "statusreg_test"
syntax: "proto3"
enum_type {
  name: "Code"
  value { name: "CODE_UNSPECIFIED" number: 0 }
  value { name: "OK" number: 20000 }
  value { name: "MULTIPLE_RESULTS" number: 30000 }
  value { name: "MESSAGE_NOT_FOUND" number: 40401 }
  value { name: "TOPIC_NOT_FOUND" number: 40402 }
  value { name: "TOO_MANY_REQUESTS" number: 42900 }
  value { name: "HA_NOT_AVAILABLE" number: 50002 }
}
message_type {
  name: "Status"
  field { name: "code" number: 1 label: LABEL_OPTIONAL type: TYPE_ENUM type_name: ".statusreg_test.Code" json_name: "code" }
  field { name: "message" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "message" }
}
message_type {
  name: "SendResultEntry"
  field { name: "status" number: 1 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".statusreg_test.Status" json_name: "status" }
  field { name: "message_id" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "messageId" }
}
message_type {
  name: "SendMessageResponse"
  field { name: "status" number: 1 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".statusreg_test.Status" json_name: "status" }
  field { name: "entries" number: 2 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".statusreg_test.SendResultEntry" json_name: "entries" }
  field { name: "tags" number: 3 label: LABEL_REPEATED type: TYPE_STRING json_name: "tags" }
}
message_type {
  name: "ReceiveMessageResponse"
  field { name: "status" number: 1 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".statusreg_test.Status" oneof_index: 0 json_name: "status" }
  field { name: "body" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING oneof_index: 0 json_name: "body" }
  oneof_decl { name: "content" }
}
message_type {
  name: "IntStatus"
  field { name: "code" number: 1 label: LABEL_OPTIONAL type: TYPE_INT32 json_name: "code" }
}
message_type {
  name: "IntResponse"
  field { name: "status" number: 1 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".statusreg_test.IntStatus" json_name: "status" }
}
message_type {
  name: "TextStatus"
  field { name: "code" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "code" }
}
message_type {
  name: "TextResponse"
  field { name: "status" number: 1 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".statusreg_test.TextStatus" json_name: "status" }
}
`

// response returns a new message of the type name in responses, filled
// from text in the text format.
func response(t testing.TB, name, text string) proto.Message {
	t.Helper()
	fdp := new(descriptorpb.FileDescriptorProto)
	require.NoError(t, prototext.Unmarshal([]byte(responses), fdp))
	fd, err := protodesc.NewFile(fdp, nil)
	require.NoError(t, err)
	md := fd.Messages().ByName(protoreflect.Name(name))
	require.NotNil(t, md, name)
	m := dynamicpb.NewMessage(md)
	require.NoError(t, prototext.Unmarshal([]byte(text), m), text)
	return m
}

func TestDecideMessage(t *testing.T) {
	for _, tc := range []struct {
		name, msg, text string
		rpc             rocketmq.RPC
		want            retry.Decision
	}{
		{"OK, no entries", "SendMessageResponse", `status { code: OK }`, rocketmq.SendMessage,
			retry.Decision{Outcome: retry.Success, Reason: rocketmq.ReasonOK}},
		{"OK, every entry OK", "SendMessageResponse",
			`status { code: OK } entries { status { code: OK } } entries { status { code: OK } }`, rocketmq.SendMessage,
			retry.Decision{Outcome: retry.Success, Reason: rocketmq.ReasonOK}},
		{"MULTIPLE_RESULTS, every entry OK", "SendMessageResponse",
			`status { code: MULTIPLE_RESULTS } entries { status { code: OK } } entries { status { code: OK } }`, rocketmq.SendMessage,
			retry.Decision{Outcome: retry.Success, Reason: rocketmq.ReasonOK}},
		{"MULTIPLE_RESULTS, one entry throttled", "SendMessageResponse",
			`status { code: MULTIPLE_RESULTS } entries { status { code: OK } } entries { status { code: TOO_MANY_REQUESTS message: "slow" } message_id: "m2" }`,
			rocketmq.SendMessage,
			retry.Decision{Outcome: retry.Backoff, Reason: "entries[1] TOO_MANY_REQUESTS: " + rocketmq.ReasonThrottled}},
		{"the worst entry: Fail above Backoff above Retry", "SendMessageResponse",
			`status { code: MULTIPLE_RESULTS } entries { status { code: HA_NOT_AVAILABLE } } entries { status { code: TOO_MANY_REQUESTS } } entries { status { code: TOPIC_NOT_FOUND } } entries { status { code: TOO_MANY_REQUESTS } }`,
			rocketmq.SendMessage,
			retry.Decision{Outcome: retry.Fail, Reason: "entries[2] TOPIC_NOT_FOUND: " + rocketmq.ReasonNotFoundOnCall}},
		{"the first of equals", "SendMessageResponse",
			`status { code: MULTIPLE_RESULTS } entries { status { code: HA_NOT_AVAILABLE } } entries { status { code: HA_NOT_AVAILABLE } }`,
			rocketmq.SendMessage,
			retry.Decision{Outcome: retry.Retry, Reason: "entries[0] HA_NOT_AVAILABLE: " + rocketmq.ReasonTransient}},
		{"an entry with no status is unspecified", "SendMessageResponse",
			`status { code: MULTIPLE_RESULTS } entries { message_id: "m1" }`, rocketmq.SendMessage,
			retry.Decision{Outcome: retry.Fail, Reason: "entries[0] CODE_UNSPECIFIED: " + rocketmq.ReasonNoInformation}},
		{"the status itself keeps Decide's reason", "SendMessageResponse",
			`status { code: HA_NOT_AVAILABLE }`, rocketmq.SendMessage,
			rocketmq.SendMessage.Decide(rocketmq.HANotAvailable)},
		{"the status is worse than the entries", "SendMessageResponse",
			`status { code: TOPIC_NOT_FOUND } entries { status { code: TOO_MANY_REQUESTS } }`, rocketmq.SendMessage,
			rocketmq.SendMessage.Decide(rocketmq.TopicNotFound)},
		{"an unknown code by its class", "SendMessageResponse",
			`status { code: 50499 }`, rocketmq.SendMessage,
			retry.Decision{Outcome: retry.Retry, Reason: rocketmq.ReasonTransientUnlisted}},
		{"no status at all: CODE_UNSPECIFIED", "SendMessageResponse", ``, rocketmq.SendMessage,
			retry.Decision{Outcome: retry.Fail, Reason: rocketmq.ReasonNoInformation}},
		{"a frame with content", "ReceiveMessageResponse", `body: "hello"`, rocketmq.ReceiveMessage,
			retry.Decision{Outcome: retry.Success, Reason: rocketmq.ReasonContent}},
		{"a frame with an empty poll", "ReceiveMessageResponse", `status { code: MESSAGE_NOT_FOUND }`, rocketmq.ReceiveMessage,
			retry.Decision{Outcome: retry.Empty, Reason: rocketmq.ReasonEmptyPoll}},
		{"an integer code", "IntResponse", `status { code: 42900 }`, rocketmq.SendMessage,
			retry.Decision{Outcome: retry.Backoff, Reason: rocketmq.ReasonThrottled}},
		{"a status whose code is text", "TextResponse", `status { code: "OK" }`, rocketmq.SendMessage,
			retry.Decision{Outcome: retry.Fail, Reason: rocketmq.ReasonNoStatus}},
		{"a message with no status", "Status", `code: OK`, rocketmq.SendMessage,
			retry.Decision{Outcome: retry.Fail, Reason: rocketmq.ReasonNoStatus}},
	} {
		m := response(t, tc.msg, tc.text)
		assert.Equal(t, tc.want, tc.rpc.DecideMessage(m), tc.name)
	}
	assert.Equal(t, retry.Decision{Outcome: retry.Fail, Reason: rocketmq.ReasonNoStatus}, rocketmq.SendMessage.DecideMessage(nil))
	assert.Equal(t, retry.Fail, rocketmq.SendMessage.DecideMessage(wrapperspb.String("x")).Outcome)
	assert.Equal(t, retry.Fail, rocketmq.SendMessage.DecideMessage((*wrapperspb.StringValue)(nil)).Outcome)
}

// Decide(MULTIPLE_RESULTS) alone succeeds, as the Java client has it, and
// says that only the entries tell.
func TestDecideMultipleResultsAlone(t *testing.T) {
	d := rocketmq.SendMessage.Decide(rocketmq.MultipleResults)
	assert.Equal(t, retry.Success, d.Outcome)
	assert.Equal(t, rocketmq.ReasonMultipleResults, d.Reason)
	assert.Contains(t, d.Reason, "DecideMessage")
}

func TestDecideCall(t *testing.T) {
	const send = "/apache.rocketmq.v2.MessagingService/SendMessage"
	ok := response(t, "SendMessageResponse", `status { code: OK }`)
	throttled := response(t, "SendMessageResponse", `status { code: TOO_MANY_REQUESTS }`)
	ha := response(t, "SendMessageResponse", `status { code: HA_NOT_AVAILABLE }`)

	assert.Equal(t, retry.Success, rocketmq.DecideCall(send, ok, nil).Outcome)
	assert.Equal(t, retry.Backoff, rocketmq.DecideCall(send, throttled, nil).Outcome)
	assert.Equal(t, rocketmq.ReasonTransient, rocketmq.DecideCall(send, ha, nil).Reason, "✅ on SendMessage")
	// HA_NOT_AVAILABLE is ❌ on QueryRoute: the method decides the RPC.
	assert.Equal(t, retry.Decision{Outcome: retry.Fail, Reason: rocketmq.ReasonNotForThisRPC},
		rocketmq.DecideCall("/apache.rocketmq.v2.MessagingService/QueryRoute", ha, nil))
	// A method with no column: by the code alone.
	assert.Equal(t, rocketmq.ReasonTransientUnlisted,
		rocketmq.DecideCall("/apache.rocketmq.v2.MessagingService/RecallMessage", ha, nil).Reason)
	assert.Equal(t, rocketmq.ReasonTransientUnlisted, rocketmq.DecideCall("", ha, nil).Reason)

	// An error wins over the response and decides as DecideError does.
	unavailable := status.Error(codes.Unavailable, "refused")
	assert.Equal(t, rocketmq.SendMessage.DecideError(unavailable), rocketmq.DecideCall(send, ok, unavailable))
	noTopic := rocketmq.Errorf(rocketmq.TopicNotFound, "orders")
	assert.Equal(t, retry.Fail, rocketmq.DecideCall(send, nil, noTopic).Outcome)
	assert.Equal(t, retry.Fail, rocketmq.DecideCall(send, nil, errors.New("plain")).Outcome)
	// A response that is no message.
	assert.Equal(t, retry.Decision{Outcome: retry.Fail, Reason: rocketmq.ReasonNoStatus}, rocketmq.DecideCall(send, "text", nil))
	assert.Equal(t, retry.Fail, rocketmq.DecideCall(send, nil, nil).Outcome)
}

func TestDecideMessageDoesNotAllocateOnSuccess(t *testing.T) {
	all := response(t, "SendMessageResponse", `status { code: OK } entries { status { code: OK } } entries { status { code: OK } }`)
	var d retry.Decision
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		d = rocketmq.DecideCall("/apache.rocketmq.v2.MessagingService/SendMessage", all, nil)
	}))
	assert.Equal(t, retry.Success, d.Outcome)
}
