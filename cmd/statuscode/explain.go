package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// explainResult is the --json shape of "-": an error answer explained.
type explainResult struct {
	HTTP      int    `json:"http"`                 // the HTTP status
	Status    string `json:"status"`               // the answer's status, as received
	Message   string `json:"message"`              // the answer's message
	RequestID string `json:"request_id,omitempty"` // the answer's request ID
	GRPC      string `json:"grpc"`                 // the canonical gRPC code it reads as
	Retry     *retry `json:"retry"`                // by the registry code when there is one, else the gRPC code
	Codes     []hit  `json:"codes"`                // the registry codes its ErrorInfo details carry
}

// errNoAnswer says that standard input held no error answer.
var errNoAnswer = errors.New("standard input holds no error answer")

// explain reads an error answer: either a body alone (the JSON envelope
// httpmap.WriteError writes, or the JD Cloud API's), or a whole HTTP
// response as curl -i prints it. A body alone gives its HTTP status in
// error.code.
func explain(in io.Reader) (explainResult, error) {
	data, err := io.ReadAll(io.LimitReader(in, httpmap.DefaultMaxBody+64<<10))
	if err != nil {
		return explainResult{}, fmt.Errorf("reading standard input: %w", err)
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return explainResult{}, fmt.Errorf("%w: it is empty", errNoAnswer)
	}
	var resp *http.Response
	if bytes.HasPrefix(trimmed, []byte("HTTP/")) {
		// Only leading space goes: the body is as long as Content-Length says.
		whole := bytes.TrimLeft(data, " \t\r\n")
		resp, err = http.ReadResponse(bufio.NewReader(bytes.NewReader(whole)), nil)
		if err != nil {
			return explainResult{}, fmt.Errorf("%w: not an HTTP response: %v", errNoAnswer, err)
		}
	} else {
		var probe struct {
			Error *struct {
				Code json.Number `json:"code"`
			} `json:"error"`
		}
		if err := json.Unmarshal(trimmed, &probe); err != nil {
			return explainResult{}, fmt.Errorf("%w: not JSON: %v", errNoAnswer, err)
		}
		if probe.Error == nil {
			return explainResult{}, fmt.Errorf(`%w: the JSON has no "error" object`, errNoAnswer)
		}
		code, err := strconv.Atoi(probe.Error.Code.String())
		if err != nil || code < 100 || code > 599 {
			return explainResult{}, fmt.Errorf(`%w: error.code %s is no HTTP status`, errNoAnswer, quote(probe.Error.Code.String()))
		}
		resp = &http.Response{StatusCode: code, Body: io.NopCloser(bytes.NewReader(trimmed)), ContentLength: int64(len(trimmed))}
	}
	if resp.StatusCode < 400 {
		resp.Body.Close()
		return explainResult{}, fmt.Errorf("%w: HTTP %d is not an error status", errNoAnswer, resp.StatusCode)
	}
	re, err := httpmap.ReadError(resp)
	if err != nil {
		return explainResult{}, fmt.Errorf("%w: %v", errNoAnswer, err)
	}
	if re.BodyError() != nil {
		return explainResult{}, fmt.Errorf("%w: %v", errNoAnswer, re.BodyError())
	}
	res := explainResult{
		HTTP: re.HTTPStatus(), Status: re.Status(), Message: re.Message(), RequestID: re.RequestID(),
		GRPC: grpccodes.Name(re.GRPCCode()), Codes: []hit{},
	}
	st := re.GRPCStatus()
	if c, ok := rocketmq.FromStatus(st); ok {
		res.Codes = append(res.Codes, rocketmqHit(c))
	}
	if c, ok := turms.FromStatus(st); ok {
		res.Codes = append(res.Codes, turmsHit(c))
	}
	if c := re.Code(); c != httpmap.CodeUnspecified { // its ErrorInfo, else the status the API writes
		res.Codes = append(res.Codes, httpmapHit(c))
	}
	if len(res.Codes) > 0 {
		res.Retry = res.Codes[0].Retry
	} else {
		res.Retry = grpcRetry(re.GRPCCode())
	}
	return res, nil
}

// explanation prints explain's answer: the answer itself, then a card
// for each registry code it carries.
func (p *printer) explanation(res explainResult) {
	head := fmt.Sprintf("error answer  HTTP %d %s", res.HTTP, statusText(res.HTTP))
	fmt.Fprintln(p.w, p.bold(head))
	field := func(k, v string) { fmt.Fprintf(p.w, "  %-*s %s\n", keyWidth, k, v) }
	field("status", strconv.Quote(res.Status))
	field("message", wrap(strconv.Quote(res.Message), indent))
	if res.RequestID != "" {
		field("request ID", res.RequestID)
	}
	field("gRPC", res.GRPC)
	field("retry", wrap(res.Retry.text(), indent))
	if len(res.Codes) == 0 {
		field("registry code", p.dim("none: no ErrorInfo of a statusreg registry, and no httpmap status"))
		return
	}
	for _, h := range res.Codes {
		fmt.Fprintln(p.w)
		p.card(h)
	}
}
