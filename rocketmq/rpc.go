package rocketmq

import (
	"slices"
	"strconv"
	"strings"

	"github.com/statusreg/statusreg/internal/ascii"
)

// RPC is a call of apache.rocketmq.v2.MessagingService, or one of the two
// commands a client reports on its Telemetry stream (ThreadStackTrace,
// VerifyMessageResult). The zero RPC names no RPC: it prints as RPC(0),
// and the matrix lists no code for it.
//
// The status matrix has a column for the 14 RPCs from QueryRoute to
// QueryOffset and for the two Telemetry commands. RecallMessage and
// SyncLiteSubscription, which upstream added to the service later, have
// none: every code is NotListed for them, so the contract interceptors
// and Judge let their answers through unjudged, and Decide goes by the
// code's class alone. HasColumn says which is which.
type RPC uint8

// Service is the full name of the gRPC service the RPCs belong to.
const Service = "apache.rocketmq.v2.MessagingService"

// op returns r's operation index in the registry's matrix, or -1. Mark
// and Allows pass the index int(r)-1 unchecked: the table finds no cell
// for an index outside the matrix.
func (r RPC) op() int {
	if r == 0 || int(r) > len(registry.Ops) {
		return -1
	}
	return int(r) - 1
}

// RPCs returns every RPC: those of the matrix in its column order, then
// those it has no column for.
func RPCs() []RPC {
	rpcs := make([]RPC, len(rpcNames)-1)
	for i := range rpcs {
		rpcs[i] = RPC(i + 1)
	}
	return rpcs
}

// HasColumn reports whether the status matrix has a column for r, so
// that Mark and Allows say something of it.
func (r RPC) HasColumn() bool { return r.op() >= 0 }

// ParseRPC returns the RPC s names, reading it as ParseCode reads a code:
// its upstream name ("SendMessage") in any letter case, surrounding white
// space ignored, or the RPC(N) form String gives a value with no name. It
// also reads the full gRPC method of an RPC
// ("/apache.rocketmq.v2.MessagingService/SendMessage"); the Telemetry
// commands have no method of their own, so a method named after them is
// rejected. A failure is an *RPCError.
func ParseRPC(s string) (RPC, error) {
	if r, ok := parseRPC(s); ok {
		return r, nil
	}
	if len(s) > 64 {
		s = s[:64]
	}
	return 0, &RPCError{Input: s}
}

// parseRPC is ParseRPC without the error, which it would allocate.
func parseRPC(s string) (RPC, bool) {
	name := strings.TrimSpace(s)
	method := false
	if len(name) > len(Service)+2 && name[0] == '/' && ascii.EqualFold(name[1:len(Service)+1], Service) && name[len(Service)+1] == '/' {
		name, method = name[len(Service)+2:], true
	}
	for i, op := range rpcNames[1:] {
		if ascii.EqualFold(name, op) {
			if r := RPC(i + 1); !method || !r.telemetry() {
				return r, true
			}
		}
	}
	if num, ok := strings.CutPrefix(name, "RPC("); ok && !method && strings.HasSuffix(num, ")") {
		if n, err := strconv.ParseUint(num[:len(num)-1], 10, 8); err == nil {
			return RPC(n), true
		}
	}
	return 0, false
}

// RPCError reports text that names no RPC of the matrix.
type RPCError struct {
	Input string // the rejected text, cut to 64 bytes
}

func (e *RPCError) Error() string {
	return "rocketmq: " + strconv.Quote(e.Input) + " is not an RPC of the status matrix"
}

// String returns the upstream name, such as "SendMessage", or RPC(N) for
// a value that names no RPC, such as the zero RPC.
func (r RPC) String() string {
	if r != 0 && int(r) < len(rpcNames) {
		return rpcNames[r]
	}
	return "RPC(" + strconv.Itoa(int(r)) + ")"
}

// GoString returns the qualified constant, rocketmq.SendMessage, or
// rocketmq.RPC(N).
func (r RPC) GoString() string { return "rocketmq." + r.String() }

// MarshalText returns the upstream name, or RPC(N).
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
// A value that names no RPC has no method: "".
func (r RPC) Method() string {
	switch {
	case r == 0 || int(r) >= len(rpcNames):
		return ""
	case r.telemetry():
		return telemetryMethod
	}
	return "/" + Service + "/" + r.String()
}

// MatrixRows returns the codes that the table of the status matrix r
// belongs to has a row for, in the upstream table's order: the table of
// the RPCs with their own method, or that of the Telemetry commands. The
// zero RPC belongs to none. The slice is a fresh copy.
func (r RPC) MatrixRows() []Code {
	switch {
	case r.op() < 0:
		return nil
	case r.telemetry():
		return slices.Clone(matrixRows[1])
	}
	return slices.Clone(matrixRows[0])
}

// telemetry reports whether r is a command of the Telemetry stream.
func (r RPC) telemetry() bool { return r == ThreadStackTrace || r == VerifyMessageResult }

// Mark returns the matrix cell of code c for r: NotListed for an unknown
// code and for the zero RPC.
func (r RPC) Mark(c Code) Mark { return Mark(registry.Mark(int(r)-1, c)) }

// Allows reports whether r may return c: the matrix marks it ✅.
func (r RPC) Allows(c Code) bool { return registry.Allows(int(r)-1, c) }
