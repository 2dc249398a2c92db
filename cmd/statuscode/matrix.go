package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/statusreg/statusreg/rocketmq"
)

// rpcResult is the --json shape of "rpc NAME".
type rpcResult struct {
	RPC      string      `json:"rpc"`
	Method   string      `json:"method"`
	InMatrix bool        `json:"in_matrix"` // whether the matrix has a column for it
	Classes  []classRefs `json:"classes"`   // the codes it may return, by class
	Reserved []codeRef   `json:"reserved"`  // the codes reserved for it
}

// classRefs is the codes of one class.
type classRefs struct {
	Class  string    `json:"class"`
	Number int64     `json:"number"`
	Codes  []codeRef `json:"codes"`
}

// rpcCodes returns what the matrix says r may return, by class, in
// ascending order.
func rpcCodes(r rocketmq.RPC) rpcResult {
	res := rpcResult{RPC: r.String(), Method: r.Method(), InMatrix: r.HasColumn(), Classes: []classRefs{}, Reserved: []codeRef{}}
	for _, c := range rocketmq.Codes() {
		ref := codeRef{c.String(), int64(c)}
		switch r.Mark(c) {
		case rocketmq.Allowed:
			class := c.Class()
			if n := len(res.Classes); n == 0 || res.Classes[n-1].Number != int64(class) {
				res.Classes = append(res.Classes, classRefs{class.String(), int64(class), nil})
			}
			last := &res.Classes[len(res.Classes)-1]
			last.Codes = append(last.Codes, ref)
		case rocketmq.Reserved:
			res.Reserved = append(res.Reserved, ref)
		}
	}
	return res
}

// printRPC prints rpcCodes' answer.
func (p *printer) rpc(res rpcResult) {
	if !res.InMatrix {
		fmt.Fprintf(p.w, "%s (%s) has no column in RocketMQ's status matrix: no code is listed for it.\n", p.bold(res.RPC), res.Method)
		fmt.Fprintln(p.w, "The contract interceptors let its answers through unjudged, and Decide goes by each code's class alone.")
		return
	}
	n := 0
	for _, c := range res.Classes {
		n += len(c.Codes)
	}
	fmt.Fprintf(p.w, "%s (%s) may return %d codes, by class:\n", p.bold(res.RPC), res.Method, n)
	for _, c := range res.Classes {
		fmt.Fprintf(p.w, "  %s (%d)\n", c.Class, c.Number)
		for _, code := range c.Codes {
			fmt.Fprintf(p.w, "    %-6d %s\n", code.Number, code.Name)
		}
	}
	if len(res.Reserved) > 0 {
		fmt.Fprintf(p.w, "reserved for it, not returned yet (%d):\n", len(res.Reserved))
		for _, code := range res.Reserved {
			fmt.Fprintf(p.w, "    %-6d %s\n", code.Number, code.Name)
		}
	}
}

// matrixResult is the --json shape of "matrix".
type matrixResult struct {
	RPCs []string    `json:"rpcs"` // the columns
	Rows []matrixRow `json:"rows"`
}

// matrixRow is one code's row: one mark per RPC, in the order of RPCs.
type matrixRow struct {
	Name   string          `json:"name"`
	Number int64           `json:"number"`
	Class  bool            `json:"class"` // a first-classification code
	Marks  []rocketmq.Mark `json:"marks"` // Allowed, NotAllowed, Reserved or NotListed
}

// matrix returns every code the matrix has a row for, in ascending order.
func matrix() matrixResult {
	var res matrixResult
	var rpcs []rocketmq.RPC
	for _, r := range rocketmq.RPCs() {
		if r.HasColumn() {
			rpcs = append(rpcs, r)
			res.RPCs = append(res.RPCs, r.String())
		}
	}
	for _, c := range rocketmq.Codes() {
		row := matrixRow{Name: c.String(), Number: int64(c), Class: c.Class() == c}
		listed := false
		for _, r := range rpcs {
			m := r.Mark(c)
			listed = listed || m != rocketmq.NotListed
			row.Marks = append(row.Marks, m)
		}
		if listed {
			res.Rows = append(res.Rows, row)
		}
	}
	return res
}

// markSymbol is how the text matrix shows a mark.
var markSymbol = [...]string{
	rocketmq.NotListed:  " ",
	rocketmq.Allowed:    "+",
	rocketmq.NotAllowed: ".",
	rocketmq.Reserved:   "R",
}

// matrix prints the matrix with a column per RPC, headed by the RPC's
// initials, and a legend.
func (p *printer) matrix(res matrixResult) {
	tw := tabwriter.NewWriter(p.w, 0, 0, 1, ' ', 0)
	fmt.Fprint(tw, "CODE\tNUMBER")
	for _, r := range res.RPCs {
		fmt.Fprint(tw, "\t", initials(r))
	}
	fmt.Fprintln(tw)
	for _, row := range res.Rows {
		name := row.Name
		if row.Class {
			name += "*"
		}
		fmt.Fprintf(tw, "%s\t%d", name, row.Number)
		for _, m := range row.Marks {
			fmt.Fprint(tw, "\t", markSymbol[m])
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintln(p.w)
	fmt.Fprintln(p.w, "+ may return   . must not return   R reserved   blank: not in that table   * a class")
	var legend []string
	for _, r := range res.RPCs {
		legend = append(legend, initials(r)+"="+r)
	}
	fmt.Fprintln(p.w, wrap(strings.Join(legend, ", "), 0))
}

// initials abbreviates an RPC name to its capitals: SendMessage is SM.
func initials(name string) string {
	var b strings.Builder
	for _, r := range name {
		if 'A' <= r && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
