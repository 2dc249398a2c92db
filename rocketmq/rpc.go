package rocketmq

import (
	"strconv"
	"strings"

	"github.com/statusreg/statusreg/internal/table"
)

// RPC is a call whose codes the status matrix lists: one of the 14
// non-telemetry RPCs of apache.rocketmq.v2.MessagingService, or one of the
// two Telemetry commands a client reports on (ThreadStackTrace,
// VerifyMessageResult).
type RPC uint8

// Service is the full name of the gRPC service the RPCs belong to.
const Service = "apache.rocketmq.v2.MessagingService"

// RPCs returns every RPC, in the matrix's column order.
func RPCs() []RPC {
	rpcs := make([]RPC, len(registry.Ops))
	for i := range rpcs {
		rpcs[i] = RPC(i)
	}
	return rpcs
}

// ParseRPC returns the RPC named s: its upstream name ("SendMessage") or
// its full gRPC method ("/apache.rocketmq.v2.MessagingService/SendMessage").
func ParseRPC(s string) (RPC, error) {
	name := s
	if rest, ok := strings.CutPrefix(s, "/"+Service+"/"); ok {
		name = rest
	}
	if i := registry.Op(name); i >= 0 {
		return RPC(i), nil
	}
	if len(s) > 64 {
		s = s[:64]
	}
	return 0, &RPCError{Input: s}
}

// RPCError reports text that names no RPC of the matrix.
type RPCError struct {
	Input string // the rejected text, cut to 64 bytes
}

func (e *RPCError) Error() string {
	return "rocketmq: " + strconv.Quote(e.Input) + " is not an RPC of the status matrix"
}

// String returns the upstream name, such as "SendMessage".
func (r RPC) String() string {
	if int(r) < len(registry.Ops) {
		return registry.Ops[r]
	}
	return "RPC(" + strconv.Itoa(int(r)) + ")"
}

// MarshalText returns the upstream name.
func (r RPC) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText sets r to the RPC text names, as ParseRPC reads it.
func (r *RPC) UnmarshalText(text []byte) error {
	v, err := ParseRPC(string(text))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// Method returns the full gRPC method of r, such as
// "/apache.rocketmq.v2.MessagingService/SendMessage". The two Telemetry
// commands travel on "/apache.rocketmq.v2.MessagingService/Telemetry".
func (r RPC) Method() string {
	if r == ThreadStackTrace || r == VerifyMessageResult {
		return "/" + Service + "/Telemetry"
	}
	return "/" + Service + "/" + r.String()
}

// Mark is what the status matrix says of a code for an RPC.
type Mark = table.Mark

// The marks of the status matrix.
const (
	NotListed  = table.NotListed  // the matrix has no row for the code in that RPC's table
	Allowed    = table.Allowed    // ✅: the RPC may return the code
	NotAllowed = table.NotAllowed // ❌: the RPC must not return the code
	Reserved   = table.Reserved   // 🔄: the code is reserved, not yet returned
)

// Mark returns the matrix cell of code c for r.
func (r RPC) Mark(c Code) Mark { return registry.Mark(int(r), c) }

// Allows reports whether r may return c: the matrix marks it ✅.
func (r RPC) Allows(c Code) bool { return r.Mark(c) == Allowed }
