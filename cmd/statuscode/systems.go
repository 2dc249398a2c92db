package main

import (
	"strings"

	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// A system is one numbering of codes the command searches: a registry's
// code type. Turms has three (server codes, client-only codes, close
// statuses); the HTTP statuses are a system of their own (httpStatusHit).
type system struct {
	id    string // the registry's name in --registry and in JSON
	label string // what a person reads
	group string // the --registry name that selects it with its siblings
	// number returns the hit for n: a listed code, or an unknown one
	// that falls in a family the system lists (RocketMQ's 40499).
	number func(n int64) (hit, bool)
	// name returns the listed code s names, in any letter case.
	name func(s string) (hit, bool)
	// codes returns a hit for every listed code, in ascending order.
	codes func() []hit
}

// The registry names --registry accepts.
const (
	regGRPC        = "grpc"
	regRocketMQ    = "rocketmq"
	regTurms       = "turms"
	regTurmsClient = "turms-client"
	regTurmsClose  = "turms-close"
	regHTTPMap     = "httpmap"
	regHTTP        = "http"
)

// systems lists every code system, in the order hits are shown.
var systems = []system{
	{regGRPC, "gRPC canonical code", regGRPC, grpcNumber, grpcName, grpcCodes},
	{regRocketMQ, "RocketMQ code", regRocketMQ, rocketmqNumber, rocketmqName, rocketmqCodes},
	{regTurms, "Turms server code", regTurms, turmsNumber, turmsName, turmsCodes},
	{regTurmsClient, "Turms client-only code", regTurms, turmsClientNumber, turmsClientName, turmsClientCodes},
	{regTurmsClose, "Turms session close status", regTurms, turmsCloseNumber, turmsCloseName, turmsCloseCodes},
	{regHTTPMap, "JD Cloud MQ HTTP API code", regHTTPMap, nil, httpmapName, httpmapCodes},
}

// parseRegistry returns the system ids a --registry value selects: a
// group (turms selects its three systems), one system, or http.
func parseRegistry(v string) ([]string, error) {
	v = strings.ToLower(strings.TrimSpace(v))
	switch v {
	case "grpccodes":
		v = regGRPC
	case "http-status":
		v = regHTTP
	}
	if v == regHTTP {
		return []string{regHTTP}, nil
	}
	var ids []string
	for _, s := range systems {
		if s.id == v || s.group == v {
			ids = append(ids, s.id)
		}
	}
	if ids == nil {
		return nil, usagef("unknown registry %s: want grpc, rocketmq, turms, turms-client, turms-close, httpmap or http", quote(v))
	}
	return ids, nil
}

// selected reports whether the query searches the system id.
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
	Registry string   `json:"registry"`               // grpc, rocketmq, turms, turms-client, turms-close, httpmap or http
	Label    string   `json:"label"`                  // the registry, for a person
	Name     string   `json:"name"`                   // upstream name; Code(N) when not listed
	Number   int64    `json:"number"`                 // the wire number (httpmap: its position in the API's table)
	Listed   bool     `json:"listed"`                 // false for an unknown number inside a listed family
	Class    string   `json:"class,omitempty"`        // class or category
	ClassNum *int64   `json:"class_number,omitempty"` // RocketMQ: the number of the class code
	GRPC     string   `json:"grpc,omitempty"`         // the canonical gRPC code it maps to
	HTTP     int      `json:"http,omitempty"`         // the HTTP status it maps to; absent when none
	Retry    *retry   `json:"retry,omitempty"`        // what a client does after it
	RPCs     *rpcList `json:"rpcs,omitempty"`         // RocketMQ: the RPCs the matrix marks it for

	// An HTTP status only.
	GRPCSemantic  string   `json:"grpc_semantic,omitempty"`  // grpccodes.FromHTTPStatus
	GRPCTransport string   `json:"grpc_transport,omitempty"` // grpccodes.FromHTTPTransport
	MappedFrom    []family `json:"mapped_from,omitempty"`    // the codes that map to this status
}

// retry is the retry decision of a hit.
type retry struct {
	Decision string `json:"decision"` // success, empty, retry, backoff, idempotent-only or fail
	Reason   string `json:"reason,omitempty"`
}

// rpcList is where RocketMQ's matrix marks a code.
type rpcList struct {
	InMatrix bool     `json:"in_matrix"` // whether the matrix has a row for it
	Allowed  []string `json:"allowed"`   // the RPCs that may return it
	Reserved []string `json:"reserved"`  // the RPCs it is reserved for
}

// family is the codes of one system that map to an HTTP status.
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

// ---- gRPC

func grpcHit(c codes.Code) hit {
	return hit{
		Registry: regGRPC, Label: "gRPC canonical code",
		Name: grpccodes.Name(c), Number: int64(c), Listed: grpccodes.Known(c),
		GRPC: grpccodes.Name(c), HTTP: grpccodes.HTTPStatus(c), Retry: grpcRetry(c),
	}
}

func grpcNumber(n int64) (hit, bool) {
	if n < 0 || n > 1<<31 || !grpccodes.Known(codes.Code(n)) {
		return hit{}, false
	}
	return grpcHit(codes.Code(n)), true
}

func grpcName(s string) (hit, bool) {
	c, err := grpccodes.Parse(s)
	if err != nil || !grpccodes.Known(c) {
		return hit{}, false
	}
	return grpcHit(c), true
}

func grpcCodes() []hit { return hits(grpccodes.Codes(), grpcHit) }

// grpcRetry is grpccodes.Retryable's answer, for both kinds of call.
func grpcRetry(c codes.Code) *retry {
	switch {
	case c == codes.OK:
		return &retry{"success", ""}
	case grpccodes.Decide(c, false).Retryable():
		return &retry{"backoff", "transient: retry with exponential backoff"}
	case grpccodes.Decide(c, true).Retryable():
		return &retry{"idempotent-only", "retry only a call that is safe to repeat"}
	}
	return &retry{"fail", "retrying repeats the failure"}
}

// ---- RocketMQ

func rocketmqHit(c rocketmq.Code) hit {
	h := hit{
		Registry: regRocketMQ, Label: "RocketMQ code",
		Name: c.String(), Number: int64(c), Listed: c.Known(),
		GRPC: grpccodes.Name(c.GRPCCode()), HTTP: c.HTTPStatus(),
	}
	if class := c.Class(); class != rocketmq.CodeUnspecified || c == rocketmq.CodeUnspecified {
		h.Class, h.ClassNum = class.String(), new(int64(class))
	}
	d := rocketmq.RPC(0).Decide(c)
	h.Retry = &retry{strings.ToLower(d.Outcome.String()), d.Reason}
	h.RPCs = &rpcList{Allowed: []string{}, Reserved: []string{}}
	for _, r := range rocketmq.RPCs() {
		m := r.Mark(c)
		h.RPCs.InMatrix = h.RPCs.InMatrix || m != rocketmq.NotListed
		switch m {
		case rocketmq.Allowed:
			h.RPCs.Allowed = append(h.RPCs.Allowed, r.String())
		case rocketmq.Reserved:
			h.RPCs.Reserved = append(h.RPCs.Reserved, r.String())
		}
	}
	return h
}

func rocketmqNumber(n int64) (hit, bool) {
	c, ok := int32Of(n)
	if !ok {
		return hit{}, false
	}
	code := rocketmq.Code(c)
	if !code.Known() && code.Class() == rocketmq.CodeUnspecified {
		return hit{}, false
	}
	return rocketmqHit(code), true
}

func rocketmqName(s string) (hit, bool) {
	c, err := rocketmq.ParseCode(s)
	if err != nil || !c.Known() {
		return hit{}, false
	}
	return rocketmqHit(c), true
}

func rocketmqCodes() []hit { return hits(rocketmq.Codes(), rocketmqHit) }

// ---- Turms

func turmsHit(c turms.Code) hit {
	h := hit{
		Registry: regTurms, Label: "Turms server code",
		Name: c.String(), Number: int64(c), Listed: c.Known(),
		Class: c.Category().String(), GRPC: grpccodes.Name(c.GRPCCode()), HTTP: c.HTTPStatus(),
	}
	switch {
	case c.IsSuccess():
		h.Retry = &retry{"success", ""}
	case c.Decide().Retryable():
		h.Retry = &retry{"backoff", "transient: send the request again after a backoff"}
	default:
		h.Retry = &retry{"fail", "the request itself decides the answer: repeating it repeats the answer"}
	}
	return h
}

func turmsNumber(n int64) (hit, bool) {
	c, ok := int32Of(n)
	if !ok {
		return hit{}, false
	}
	code := turms.Code(c)
	if !code.Known() && code.Category() == (turms.Category{}) {
		return hit{}, false
	}
	return turmsHit(code), true
}

func turmsName(s string) (hit, bool) {
	c, err := turms.ParseCode(s)
	if err != nil || !c.Known() {
		return hit{}, false
	}
	return turmsHit(c), true
}

func turmsCodes() []hit { return hits(turms.Codes(), turmsHit) }

func turmsClientHit(c turms.ClientCode) hit {
	return hit{
		Registry: regTurmsClient, Label: "Turms client-only code",
		Name: c.String(), Number: int64(c), Listed: c.Known(),
		Class: c.Category(), GRPC: grpccodes.Name(c.GRPCCode()),
		Retry: clientRetry(c),
	}
}

// clientRetry decides a client-only code by its gRPC code: the client
// itself, not a server, answered, and Turms says no more.
func clientRetry(c turms.ClientCode) *retry {
	r := grpcRetry(c.GRPCCode())
	return &retry{r.Decision, "as its gRPC code " + grpccodes.Name(c.GRPCCode()) + ": " + r.Reason}
}

func turmsClientNumber(n int64) (hit, bool) {
	c, ok := int32Of(n)
	if !ok || !turms.ClientCode(c).Known() {
		return hit{}, false
	}
	return turmsClientHit(turms.ClientCode(c)), true
}

func turmsClientName(s string) (hit, bool) {
	c, err := turms.ParseClientCode(s)
	if err != nil || !c.Known() {
		return hit{}, false
	}
	return turmsClientHit(c), true
}

func turmsClientCodes() []hit { return hits(turms.ClientCodes(), turmsClientHit) }

func turmsCloseHit(s turms.SessionCloseStatus) hit {
	h := hit{
		Registry: regTurmsClose, Label: "Turms session close status",
		Name: s.String(), Number: int64(s), Listed: s.Known(),
		Class: s.Category(), GRPC: grpccodes.Name(s.GRPCCode()),
		Retry: &retry{"fail", "do not reconnect: the user, an administrator or the client's behaviour closed the session"},
	}
	if s.Decide().Retryable() {
		h.Retry = &retry{"retry", "reconnect and log in again"}
	}
	return h
}

func turmsCloseNumber(n int64) (hit, bool) {
	c, ok := int32Of(n)
	if !ok || !turms.SessionCloseStatus(c).Known() {
		return hit{}, false
	}
	return turmsCloseHit(turms.SessionCloseStatus(c)), true
}

func turmsCloseName(s string) (hit, bool) {
	c, err := turms.ParseSessionCloseStatus(s)
	if err != nil || !c.Known() {
		return hit{}, false
	}
	return turmsCloseHit(c), true
}

func turmsCloseCodes() []hit { return hits(turms.SessionCloseStatuses(), turmsCloseHit) }

// ---- httpmap

func httpmapHit(c httpmap.Code) hit {
	h := hit{
		Registry: regHTTPMap, Label: "JD Cloud MQ HTTP API code",
		Name: c.String(), Number: int64(c), Listed: c.Known(),
		GRPC: grpccodes.Name(c.GRPCCode()), HTTP: c.HTTPStatus(),
		Retry: &retry{"fail", c.Decide(true).Reason},
	}
	if c.Decide(true).Retryable() {
		h.Retry.Decision = "retry"
	}
	return h
}

func httpmapName(s string) (hit, bool) {
	c, err := httpmap.ParseCode(s)
	if err != nil || !c.Known() || c == httpmap.CodeUnspecified {
		return hit{}, false
	}
	return httpmapHit(c), true
}

func httpmapCodes() []hit { return hits(httpmap.Codes()[1:], httpmapHit) }

// ---- helpers

// hits returns one hit per code.
func hits[C any](cs []C, of func(C) hit) []hit {
	hs := make([]hit, len(cs))
	for i, c := range cs {
		hs[i] = of(c)
	}
	return hs
}

// int32Of returns n as an int32 wire number, if it is one.
func int32Of(n int64) (int32, bool) {
	if n < -1<<31 || n > 1<<31-1 {
		return 0, false
	}
	return int32(n), true
}
