package rocketmq

import (
	"fmt"
	"reflect"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Violation is a status code that the matrix marks ❌ or 🔄 for the RPC
// a message or an error answers. Codes the matrix has no cell for are
// not judged.
//
// A message can carry several statuses: its own (the top-level field
// "status") and, in batch answers such as SendMessageResponse and
// AckMessageResponse, one per element of a repeated field ("entries").
// Each status is judged on its own, and Field and Index say which one a
// violation is about; their zero values mean the top-level status. A
// code that came as the call's error ([JudgeError]) has AsError set and
// no Field.
type Violation struct {
	Method  string // the full gRPC method of the call
	RPC     RPC
	Code    Code
	Mark    Mark   // NotAllowed or Reserved
	Field   string // "" for the top-level status, else the repeated field whose element carries it, such as "entries"
	Index   int    // the index of that element in Field; 0 for the top-level status
	AsError bool   // the code came as the call's error, not in a message's status
}

// String describes the violation, naming the RPC, the code and where it
// came: as an error, or in the status of an element of a repeated field.
func (v Violation) String() string {
	switch {
	case v.AsError:
		return fmt.Sprintf("rocketmq contract: %v returned %v as an error, which the status matrix marks %v", v.RPC, v.Code, v.Mark)
	case v.Field != "":
		return fmt.Sprintf("rocketmq contract: %v returned %v in %s[%d], which the status matrix marks %v", v.RPC, v.Code, v.Field, v.Index, v.Mark)
	}
	return fmt.Sprintf("rocketmq contract: %v returned %v, which the status matrix marks %v", v.RPC, v.Code, v.Mark)
}

// Judge returns the violations in msg, a message of a call to method (a
// full gRPC method such as "/apache.rocketmq.v2.MessagingService/SendMessage"):
// one for every status it carries, its own first and then those of its
// batch entries in order, that the matrix marks ❌ or 🔄 for the RPC.
//
// Judge reads msg through protobuf reflection, so it needs no generated
// stubs: a status is a singular field named "status" of message type
// apache.rocketmq.v2.Status, whose field 1 is the code. A message of a
// Telemetry call is judged as the command it carries (ThreadStackTrace or
// VerifyMessageResult); one that carries neither is not judged. Methods
// of other services, and those of MessagingService that the matrix has no
// column for, give no violations, as do a nil msg and one without a
// status, or a nil pointer. Judge returns nil when there is no violation, and allocates
// only then. The contract interceptors
// (github.com/statusreg/statusreg/rocketmq/contract) judge every message
// with it.
func Judge(method string, msg proto.Message) []Violation {
	if msg == nil {
		return nil
	}
	if rv := reflect.ValueOf(msg); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return nil // a typed nil, which not every message type can reflect on
	}
	m := msg.ProtoReflect()
	rpc, ok := rpcOf(method, m)
	if !ok {
		return nil
	}
	var out []Violation
	judge := func(code Code, field string, index int) {
		if mark := rpc.Mark(code); mark == NotAllowed || mark == Reserved {
			out = append(out, Violation{Method: method, RPC: rpc, Code: code, Mark: mark, Field: field, Index: index})
		}
	}
	if code, ok := statusOf(m); ok {
		judge(code, "", 0)
	}
	fields := m.Descriptor().Fields()
	for i := range fields.Len() {
		fd := fields.Get(i)
		if !fd.IsList() || fd.Kind() != protoreflect.MessageKind || !isStatus(fd.Message().Fields().ByName("status")) {
			continue
		}
		list := m.Get(fd).List()
		for j := range list.Len() {
			if code, ok := statusOf(list.Get(j).Message()); ok {
				judge(code, string(fd.Name()), j)
			}
		}
	}
	return out
}

// JudgeError judges err, the error a call to method ended with, as Judge
// judges a message's status: if err carries a RocketMQ code (CodeOf finds
// one: an *Error in its chain, or a gRPC status with this package's
// ErrorInfo, as a client receives it) that the matrix marks ❌ or 🔄 for
// the RPC, it returns the violation, with AsError set, and true.
//
// A nil error, an error that carries no RocketMQ code (a plain error, a
// status without this package's ErrorInfo, such as one grpc-go makes for
// a deadline), and a code the matrix has no cell for give false. So does
// a Telemetry call: the matrix judges the commands it carries, not the
// stream, and methods of other services are not judged.
func JudgeError(method string, err error) (Violation, bool) {
	if err == nil {
		return Violation{}, false
	}
	rpc, ok := rpcOf(method, nil)
	if !ok {
		return Violation{}, false
	}
	code := CodeOf(err)
	if code == CodeUnspecified {
		return Violation{}, false
	}
	mark := rpc.Mark(code)
	if mark != NotAllowed && mark != Reserved {
		return Violation{}, false
	}
	return Violation{Method: method, RPC: rpc, Code: code, Mark: mark, AsError: true}, true
}

const telemetryMethod = "/" + Service + "/Telemetry"

// rpcOf returns the RPC whose column judges msg, a message of a call to
// method, or, for a nil msg, the call's error. A Telemetry command is
// judged as the command it carries, and nothing else on Telemetry is
// judged; methods of other services, and of this one that the matrix has
// no column for, are not judged.
func rpcOf(method string, msg protoreflect.Message) (RPC, bool) {
	if method == telemetryMethod {
		if msg == nil {
			return 0, false
		}
		fields := msg.Descriptor().Fields()
		switch {
		case has(msg, fields.ByName("thread_stack_trace")):
			return ThreadStackTrace, true
		case has(msg, fields.ByName("verify_message_result")):
			return VerifyMessageResult, true
		}
		return 0, false
	}
	name, ok := strings.CutPrefix(method, "/"+Service+"/")
	if !ok {
		return 0, false
	}
	// gRPC method names are case-sensitive: take ParseRPC's answer only
	// if it names the method exactly.
	rpc, err := ParseRPC(method)
	if err != nil || rpc.String() != name || rpc.telemetry() {
		return 0, false
	}
	return rpc, true
}

const statusMessage protoreflect.FullName = "apache.rocketmq.v2.Status"

// isStatus reports whether fd is a singular field of message type
// apache.rocketmq.v2.Status.
func isStatus(fd protoreflect.FieldDescriptor) bool {
	return fd != nil && fd.Cardinality() != protoreflect.Repeated &&
		fd.Kind() == protoreflect.MessageKind && fd.Message().FullName() == statusMessage
}

// statusOf reads, through protobuf reflection, the code (field 1, an
// enum) of the apache.rocketmq.v2.Status in msg's field "status", if msg
// has one set.
func statusOf(msg protoreflect.Message) (Code, bool) {
	sf := msg.Descriptor().Fields().ByName("status")
	if !isStatus(sf) || !msg.Has(sf) {
		return 0, false
	}
	st := msg.Get(sf).Message()
	cf := st.Descriptor().Fields().ByNumber(1)
	if cf == nil || cf.Kind() != protoreflect.EnumKind {
		return 0, false
	}
	return Code(st.Get(cf).Enum()), true
}

func has(msg protoreflect.Message, fd protoreflect.FieldDescriptor) bool {
	return fd != nil && msg.Has(fd)
}
