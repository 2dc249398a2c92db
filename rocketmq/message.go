package rocketmq

import (
	"strconv"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/statusreg/statusreg/retry"
)

// The reasons DecideMessage and DecideCall give for a response they
// cannot read, and for a stream frame that carries content.
const (
	ReasonNoStatus = "the response is no RocketMQ response: it has no status field to read"
	ReasonContent  = "the response carries content, not a status: nothing failed"
)

// DecideMessage returns what a client should do after r answered m, a
// response message of any generated RocketMQ stub (the official clients'
// apache.rocketmq.v2 packages, or one's own). It reads m's status and
// the status of every entry m lists, such as SendMessageResponse.entries
// and AckMessageResponse.entries, and decides each code as [RPC.Decide]
// does:
//
//   - when every one succeeds, m succeeds (ReasonOK), and a
//     MultipleResults status whose entries all succeeded is a success;
//   - otherwise m has the decision of the worst one, Fail above Backoff
//     above Retry above Empty, the first of equals. A failed entry's
//     reason names it and its code: "entries[1] TOPIC_NOT_FOUND: the
//     entity does not exist: ...". The status's own decision keeps
//     Decide's reason.
//
// The fields are found by name through protobuf reflection: m's field
// status, a message with a code field (an enum or an integer), and every
// repeated message field whose elements have such a status. A status
// that is unset reads as CodeUnspecified, which fails, except in a oneof,
// where an unset status means the frame carries content
// (ReceiveMessageResponse's message): that succeeds (ReasonContent). A
// nil m, or one with no status field, fails (ReasonNoStatus).
//
// On the success path it allocates nothing but protobuf's view of each
// non-empty list of entries.
func (r RPC) DecideMessage(m proto.Message) retry.Decision {
	if m == nil {
		return retry.Decision{Outcome: retry.Fail, Reason: ReasonNoStatus}
	}
	pm := m.ProtoReflect()
	fields := pm.Descriptor().Fields()
	sf := fields.ByName("status")
	code, ok := statusCodeField(sf)
	if !ok || !pm.IsValid() {
		return retry.Decision{Outcome: retry.Fail, Reason: ReasonNoStatus}
	}
	var worst retry.Decision
	if sf.ContainingOneof() != nil && !pm.Has(sf) {
		worst = retry.Decision{Outcome: retry.Success, Reason: ReasonContent}
	} else {
		worst = r.Decide(readCode(pm.Get(sf).Message(), code))
	}
	for i := range fields.Len() {
		f := fields.Get(i)
		if !f.IsList() || f.Kind() != protoreflect.MessageKind || !pm.Has(f) {
			continue // an empty list has no entry; Get would allocate its view
		}
		esf := f.Message().Fields().ByName("status")
		ecode, ok := statusCodeField(esf)
		if !ok {
			continue
		}
		list := pm.Get(f).List()
		for j := range list.Len() {
			c := readCode(list.Get(j).Message().Get(esf).Message(), ecode)
			d := r.Decide(c)
			if rank(d.Outcome) > rank(worst.Outcome) {
				d.Reason = string(f.Name()) + "[" + strconv.Itoa(j) + "] " + c.String() + ": " + d.Reason
				worst = d
			}
		}
	}
	if worst.Outcome == retry.Success && worst.Reason != ReasonContent {
		worst.Reason = ReasonOK
	}
	return worst
}

// statusCodeField returns the code field of the status message that fd
// holds, and whether fd is such a field: a singular message field whose
// message has a code field of enum or integer kind.
func statusCodeField(fd protoreflect.FieldDescriptor) (protoreflect.FieldDescriptor, bool) {
	if fd == nil || fd.IsList() || fd.IsMap() || fd.Kind() != protoreflect.MessageKind {
		return nil, false
	}
	code := fd.Message().Fields().ByName("code")
	if code == nil || code.IsList() || code.IsMap() {
		return nil, false
	}
	switch code.Kind() {
	case protoreflect.EnumKind, protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return code, true
	}
	return nil, false
}

// readCode reads the code field fd of the status message st.
func readCode(st protoreflect.Message, fd protoreflect.FieldDescriptor) Code {
	v := st.Get(fd)
	if fd.Kind() == protoreflect.EnumKind {
		return Code(v.Enum())
	}
	return Code(v.Int())
}

// rank orders outcomes from the best to the worst, for DecideMessage.
func rank(o retry.Outcome) int {
	switch o {
	case retry.Success:
		return 0
	case retry.Empty:
		return 1
	case retry.Retry:
		return 2
	case retry.Backoff:
		return 3
	}
	return 4
}

// DecideCall decides one call of MessagingService, for
// retrygrpc.UnaryClientInterceptor: method is the call's full gRPC method
// ("/apache.rocketmq.v2.MessagingService/SendMessage"), resp its response
// and err its error. An error decides as [RPC.DecideError] decides it,
// and a response with no error as [RPC.DecideMessage] does, so that a
// failure RocketMQ answers inside an OK response (resp.Status.Code) is
// seen. A method the status matrix has no column for (RecallMessage,
// SyncLiteSubscription, a newer one) decides as the zero RPC: by the code
// alone. A response that is no protobuf message fails (ReasonNoStatus).
func DecideCall(method string, resp any, err error) retry.Decision {
	r, _ := parseRPC(method)
	if err != nil {
		return r.DecideError(err)
	}
	m, ok := resp.(proto.Message)
	if !ok {
		return retry.Decision{Outcome: retry.Fail, Reason: ReasonNoStatus}
	}
	return r.DecideMessage(m)
}
