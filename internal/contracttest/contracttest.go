// Package contracttest builds, at test time, the messages that the tests
// of RocketMQ's contract judge, so that those tests need no generated
// stubs (the peers module runs the real ones).
//
// The schema is a minimal apache.rocketmq.v2 with the shape the judge
// reads: a response with a status whose field 1 is the code enum and
// batch entries that carry a status each, and a Telemetry command with
// its oneof. The response also has repeated "notes" whose "status" is a
// look-alike of another message type, which must not be judged.
package contracttest

import (
	"testing"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/statusreg/statusreg/rocketmq"
)

// Prefix is the method prefix of RocketMQ's MessagingService.
const Prefix = "/" + rocketmq.Service + "/"

// Messages returns the descriptors of the schema's response (fields
// status, entries and notes) and Telemetry command (fields status,
// thread_stack_trace and verify_message_result).
func Messages(tb testing.TB) (response, telemetry protoreflect.MessageDescriptor) {
	tb.Helper()
	opt := descriptorpb.FieldDescriptorProto_LABEL_OPTIONAL.Enum()
	field := func(name string, n int32, typ descriptorpb.FieldDescriptorProto_Type, typeName string, oneof *int32) *descriptorpb.FieldDescriptorProto {
		f := &descriptorpb.FieldDescriptorProto{Name: proto.String(name), Number: proto.Int32(n), Label: opt, Type: typ.Enum(), OneofIndex: oneof}
		if typeName != "" {
			f.TypeName = proto.String(typeName)
		}
		return f
	}
	repeated := func(f *descriptorpb.FieldDescriptorProto) *descriptorpb.FieldDescriptorProto {
		f.Label = descriptorpb.FieldDescriptorProto_LABEL_REPEATED.Enum()
		return f
	}
	msgT, enumT, strT := descriptorpb.FieldDescriptorProto_TYPE_MESSAGE, descriptorpb.FieldDescriptorProto_TYPE_ENUM, descriptorpb.FieldDescriptorProto_TYPE_STRING
	zero := proto.Int32(0)
	fd := &descriptorpb.FileDescriptorProto{
		Name:    proto.String("contract_test.proto"),
		Package: proto.String("apache.rocketmq.v2"),
		Syntax:  proto.String("proto3"),
		EnumType: []*descriptorpb.EnumDescriptorProto{{
			Name:  proto.String("Code"),
			Value: []*descriptorpb.EnumValueDescriptorProto{{Name: proto.String("CODE_UNSPECIFIED"), Number: proto.Int32(0)}},
		}},
		MessageType: []*descriptorpb.DescriptorProto{
			{Name: proto.String("Status"), Field: []*descriptorpb.FieldDescriptorProto{
				field("code", 1, enumT, ".apache.rocketmq.v2.Code", nil),
				field("message", 2, strT, "", nil),
			}},
			{Name: proto.String("OtherStatus"), Field: []*descriptorpb.FieldDescriptorProto{
				field("code", 1, enumT, ".apache.rocketmq.v2.Code", nil),
			}},
			{Name: proto.String("Entry"), Field: []*descriptorpb.FieldDescriptorProto{
				field("status", 1, msgT, ".apache.rocketmq.v2.Status", nil),
				field("message_id", 2, strT, "", nil),
			}},
			{Name: proto.String("Note"), Field: []*descriptorpb.FieldDescriptorProto{
				field("status", 1, msgT, ".apache.rocketmq.v2.OtherStatus", nil),
			}},
			{Name: proto.String("AnyResponse"), Field: []*descriptorpb.FieldDescriptorProto{
				field("status", 1, msgT, ".apache.rocketmq.v2.Status", nil),
				repeated(field("entries", 2, msgT, ".apache.rocketmq.v2.Entry", nil)),
				repeated(field("notes", 3, msgT, ".apache.rocketmq.v2.Note", nil)),
			}},
			{Name: proto.String("ThreadStackTrace"), Field: []*descriptorpb.FieldDescriptorProto{field("nonce", 1, strT, "", nil)}},
			{Name: proto.String("VerifyMessageResult"), Field: []*descriptorpb.FieldDescriptorProto{field("nonce", 1, strT, "", nil)}},
			{
				Name: proto.String("TelemetryCommand"),
				Field: []*descriptorpb.FieldDescriptorProto{
					field("status", 1, msgT, ".apache.rocketmq.v2.Status", nil),
					field("thread_stack_trace", 3, msgT, ".apache.rocketmq.v2.ThreadStackTrace", zero),
					field("verify_message_result", 4, msgT, ".apache.rocketmq.v2.VerifyMessageResult", zero),
				},
				OneofDecl: []*descriptorpb.OneofDescriptorProto{{Name: proto.String("command")}},
			},
		},
	}
	file, err := protodesc.NewFile(fd, nil)
	if err != nil {
		tb.Fatalf("contracttest: building the schema: %v", err)
	}
	return file.Messages().ByName("AnyResponse"), file.Messages().ByName("TelemetryCommand")
}

// WithStatus returns a message of md whose status carries code; command,
// if set, names the oneof member of a Telemetry command to set.
func WithStatus(md protoreflect.MessageDescriptor, code rocketmq.Code, command string) *dynamicpb.Message {
	m := dynamicpb.NewMessage(md)
	sf := md.Fields().ByName("status")
	st := dynamicpb.NewMessage(sf.Message())
	st.Set(sf.Message().Fields().ByNumber(1), protoreflect.ValueOfEnum(protoreflect.EnumNumber(code)))
	m.Set(sf, protoreflect.ValueOfMessage(st))
	if command != "" {
		cf := md.Fields().ByName(protoreflect.Name(command))
		m.Set(cf, protoreflect.ValueOfMessage(dynamicpb.NewMessage(cf.Message())))
	}
	return m
}

// Batch returns a response of md whose own status carries top and whose
// entries carry codes, in order.
func Batch(md protoreflect.MessageDescriptor, top rocketmq.Code, codes ...rocketmq.Code) *dynamicpb.Message {
	m := WithStatus(md, top, "")
	ef := md.Fields().ByName("entries")
	list := m.Mutable(ef).List()
	for _, c := range codes {
		list.Append(protoreflect.ValueOfMessage(WithStatus(ef.Message(), c, "")))
	}
	return m
}

// Noted appends to m, a response, an entry without a status and a note
// whose look-alike status carries code: neither is to be judged.
func Noted(m *dynamicpb.Message, code rocketmq.Code) *dynamicpb.Message {
	md := m.Descriptor()
	ef, nf := md.Fields().ByName("entries"), md.Fields().ByName("notes")
	m.Mutable(ef).List().Append(protoreflect.ValueOfMessage(dynamicpb.NewMessage(ef.Message())))
	m.Mutable(nf).List().Append(protoreflect.ValueOfMessage(WithStatus(nf.Message(), code, "")))
	return m
}
