package main

import (
	"strings"

	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/internal/registries"
	"github.com/statusreg/statusreg/retry"
	"github.com/statusreg/statusreg/rocketmq"
)

// The command searches every registry of registries.All, in its order,
// and the HTTP statuses, a system of its own (httpStatusHit).

// regHTTP is the --registry name of the HTTP statuses.
const regHTTP = "http"

// parseRegistry returns the registry names a --registry value selects: a
// group (turms selects its three code types), one registry, its package
// (grpccodes), or http.
func parseRegistry(v string) ([]string, error) {
	v = strings.ToLower(strings.TrimSpace(v))
	if v == regHTTP || v == "http-status" {
		return []string{regHTTP}, nil
	}
	var ids []string
	for _, r := range registries.All {
		if r.Name == v || r.Group == v || r.Package == v {
			ids = append(ids, r.Name)
		}
	}
	if ids == nil {
		return nil, usagef("unknown registry %s: want %s or %s", quote(v), strings.Join(registryNames(), ", "), regHTTP)
	}
	return ids, nil
}

// registryNames returns the names --registry takes for the registries, a
// group before its members.
func registryNames() []string {
	var names []string
	seen := map[string]bool{}
	for _, r := range registries.All {
		for _, n := range []string{r.Group, r.Name} {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	return names
}

// selected reports whether the query searches the registry named id.
func (q *query) selected(id string) bool {
	if q.only == nil {
		return true
	}
	for _, s := range q.only {
		if s == id {
			return true
		}
	}
	return false
}

// A hit is one code the command found, in the shape --json prints.
type hit struct {
	Registry  string    `json:"registry"`               // a registry's name, or http
	Label     string    `json:"label"`                  // the registry, for a person
	Name      string    `json:"name"`                   // upstream name; Code(N) when not listed
	Number    int64     `json:"number"`                 // the wire number, or the registry's own (OwnNumber)
	OwnNumber bool      `json:"own_number,omitempty"`   // Number is the registry's own, not a wire number (httpmap)
	Listed    bool      `json:"listed"`                 // false for an unknown number inside a listed family
	Class     string    `json:"class,omitempty"`        // class or category
	ClassNum  *int64    `json:"class_number,omitempty"` // RocketMQ: the number of the class code
	GRPC      string    `json:"grpc,omitempty"`         // the canonical gRPC code it maps to
	HTTP      int       `json:"http,omitempty"`         // the HTTP status it maps to; absent when none
	Retry     *decision `json:"retry,omitempty"`        // what a client does after it
	RPCs      *rpcList  `json:"rpcs,omitempty"`         // RocketMQ: the RPCs the matrix marks it for

	// An HTTP status only.
	GRPCSemantic  string   `json:"grpc_semantic,omitempty"`  // grpccodes.FromHTTPStatus
	GRPCTransport string   `json:"grpc_transport,omitempty"` // grpccodes.FromHTTPTransport
	MappedFrom    []family `json:"mapped_from,omitempty"`    // the codes that map to this status

	// What the text output needs and JSON does not carry.
	classWord  string // what the registry calls Class
	ownNumbers string // the registry's sentence on its own numbers
}

// decision is the library's retry decision of a hit, as the registry's
// Decide gives it, for a call that is not idempotent; Idempotent is the
// decision for one that is, when it differs.
type decision struct {
	Decision   string    `json:"decision"` // success, empty, retry, backoff or fail
	Reason     string    `json:"reason,omitempty"`
	Idempotent *decision `json:"idempotent,omitempty"`
}

// decisionOf turns the library's decisions into a hit's.
func decisionOf(d, idempotent retry.Decision) *decision {
	out := &decision{Decision: strings.ToLower(d.Outcome.String()), Reason: d.Reason}
	if idempotent != d {
		out.Idempotent = decisionOf(idempotent, idempotent)
	}
	return out
}

// decide is r's decision after the code n.
func decide(r *registries.Registry, n int64) *decision {
	return decisionOf(r.Decide(n, false), r.Decide(n, true))
}

// grpcDecision is grpccodes' decision after c.
func grpcDecision(c codes.Code) *decision {
	return decisionOf(grpccodes.Decide(c, false), grpccodes.Decide(c, true))
}

// rpcList is where RocketMQ's matrix marks a code.
type rpcList struct {
	InMatrix bool     `json:"in_matrix"` // whether the matrix has a row for it
	Allowed  []string `json:"allowed"`   // the RPCs that may return it
	Reserved []string `json:"reserved"`  // the RPCs it is reserved for
}

// family is the codes of one registry that map to an HTTP status.
type family struct {
	Registry string    `json:"registry"`
	Label    string    `json:"label"`
	Count    int       `json:"count"`
	Codes    []codeRef `json:"codes"`
}

// codeRef names one code.
type codeRef struct {
	Name   string `json:"name"`
	Number int64  `json:"number"`
}

// hitOf describes the code n of registry r.
func hitOf(r *registries.Registry, n int64) hit {
	h := hit{
		Registry: r.Name, Label: r.Label,
		Name: r.String(n), Number: n, OwnNumber: r.OwnNumbers != "", Listed: r.Known(n),
		GRPC: grpccodes.Name(r.GRPCCode(n)), Retry: decide(r, n),
		classWord: r.ClassWord, ownNumbers: r.OwnNumbers,
	}
	if r.HTTPStatus != nil {
		h.HTTP = r.HTTPStatus(n)
	}
	if r.Class != nil {
		if c := r.Class(n); c.Name != "" {
			h.Class = c.Name
			if c.Numbered {
				h.ClassNum = new(c.Number)
			}
		}
	}
	if r.Package == "rocketmq" && r.Type == "Code" {
		h.RPCs = rpcMarks(rocketmq.Code(n))
	}
	return h
}

// rpcMarks returns the RPCs RocketMQ's matrix marks c for.
func rpcMarks(c rocketmq.Code) *rpcList {
	l := &rpcList{Allowed: []string{}, Reserved: []string{}}
	for _, r := range rocketmq.RPCs() {
		m := r.Mark(c)
		l.InMatrix = l.InMatrix || m != rocketmq.NotListed
		switch m {
		case rocketmq.Allowed:
			l.Allowed = append(l.Allowed, r.String())
		case rocketmq.Reserved:
			l.Reserved = append(l.Reserved, r.String())
		}
	}
	return l
}
