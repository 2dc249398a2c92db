package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// A printer writes the command's text output, in colour or not.
type printer struct {
	w     io.Writer
	color bool
	all   bool // list every code an HTTP status summarises
}

// summaryMax is how many codes of one registry an HTTP status lists by
// name before it summarises them with a count.
const summaryMax = 8

// width is where lists wrap; keyWidth is the width of a card's field
// names, and indent where their values start.
const (
	width    = 80
	keyWidth = 16
	indent   = 2 + keyWidth + 1
)

func (p *printer) bold(s string) string {
	if !p.color {
		return s
	}
	return "\x1b[1m" + s + "\x1b[0m"
}

func (p *printer) dim(s string) string {
	if !p.color {
		return s
	}
	return "\x1b[2m" + s + "\x1b[0m"
}

// hits prints each hit as a card: a heading line, then aligned fields.
func (p *printer) hits(hs []hit) {
	for i, h := range hs {
		if i > 0 {
			fmt.Fprintln(p.w)
		}
		p.card(h)
	}
}

func (p *printer) card(h hit) {
	head := h.Label + "  " + p.bold(h.Name) + "  " + strconv.FormatInt(h.Number, 10)
	if h.Registry == regHTTP {
		head = h.Label + "  " + p.bold(strconv.FormatInt(h.Number, 10)+" "+h.Name)
	}
	if !h.Listed {
		head += "  " + p.dim("(not listed)")
	}
	fmt.Fprintln(p.w, head)
	field := func(k, v string) { fmt.Fprintf(p.w, "  %-*s %s\n", keyWidth, k, v) }
	if h.ownNumbers != "" {
		field("number", wrap(p.dim(strconv.FormatInt(h.Number, 10)+" is "+h.ownNumbers), indent))
	}
	switch {
	case h.Registry == regHTTP:
		field("class", h.Class)
		field("gRPC, semantic", wrap(h.GRPCSemantic+" "+p.dim("(what an API that answers this status means: grpccodes.FromHTTPStatus)"), indent))
		field("gRPC, transport", wrap(h.GRPCTransport+" "+p.dim("(what a gRPC client reports when its HTTP/2 response has this status: grpccodes.FromHTTPTransport)"), indent))
	case h.Class != "":
		class := h.Class
		if h.ClassNum != nil {
			class += " (" + strconv.FormatInt(*h.ClassNum, 10) + ")"
		}
		if !h.Listed {
			class += "  " + p.dim("(an unlisted code in a listed family)")
		}
		field(cmp.Or(h.classWord, "class"), class)
	}
	if h.Registry != regHTTP {
		field("gRPC", h.GRPC)
		if h.HTTP != 0 {
			field("HTTP", strconv.Itoa(h.HTTP)+" "+statusText(h.HTTP))
		} else {
			field("HTTP", p.dim("none"))
		}
	}
	if h.Retry != nil {
		field("retry", wrap(h.Retry.text(), indent))
	}
	if h.RPCs != nil {
		none := "no RPC"
		if !h.RPCs.InMatrix {
			none = "no RPC: the matrix has no row for it"
		}
		field("returned by", p.list(h.RPCs.Allowed, none))
		if len(h.RPCs.Reserved) > 0 {
			field("reserved for", p.list(h.RPCs.Reserved, ""))
		}
	}
	for i, f := range h.MappedFrom {
		k := ""
		if i == 0 {
			k = "mapped from"
		}
		field(k, p.family(f))
	}
}

// list joins names, or says none.
func (p *printer) list(names []string, none string) string {
	if len(names) == 0 {
		return p.dim(none)
	}
	return wrap(strings.Join(names, ", "), indent)
}

// family prints the codes of one registry that map to an HTTP status,
// summarised with a count when there are many.
func (p *printer) family(f family) string {
	head := fmt.Sprintf("%s (%d): ", f.Label, f.Count)
	if f.Count > summaryMax && !p.all {
		return fmt.Sprintf("%s (%d codes; --all lists them)", f.Label, f.Count)
	}
	names := make([]string, len(f.Codes))
	for i, c := range f.Codes {
		names[i] = c.Name
	}
	return wrap(head+strings.Join(names, ", "), indent)
}

// wrap breaks s at spaces so that no line passes width, indenting the
// continuation lines to column at.
func wrap(s string, at int) string {
	var b strings.Builder
	col := at
	for i, word := range strings.Split(s, " ") {
		if i > 0 {
			if col+1+len(word) > width {
				b.WriteString("\n" + strings.Repeat(" ", at))
				col = at
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(word)
		col += len(word)
	}
	return b.String()
}

// table prints hits one per line: the --search answer.
func (p *printer) table(hs []hit) {
	tw := tabwriter.NewWriter(p.w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "REGISTRY\tNAME\tNUMBER\tGRPC\tHTTP")
	var own []string // the registries whose numbers are their own
	for _, h := range hs {
		httpStatus := "-"
		if h.HTTP != 0 {
			httpStatus = strconv.Itoa(h.HTTP)
		}
		number := strconv.FormatInt(h.Number, 10)
		if h.ownNumbers != "" {
			number += " (own)"
			if !slices.Contains(own, h.ownNumbers) {
				own = append(own, h.ownNumbers)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", h.Registry, h.Name, number, h.GRPC, httpStatus)
	}
	tw.Flush()
	for _, s := range own {
		fmt.Fprintln(p.w, wrap(p.dim("(own): "+s), 0))
	}
}

// lookupResult is the --json shape of a lookup and a search.
type lookupResult struct {
	Query string `json:"query"`
	Hits  []hit  `json:"hits"`
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// text is the decision and its reason, then the decision for an
// idempotent call where it differs.
func (r *decision) text() string {
	s := r.Decision
	if r.Reason != "" {
		s += ": " + r.Reason
	}
	if r.Idempotent != nil {
		s += "; if idempotent, " + r.Idempotent.text()
	}
	return s
}
