package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// A doc renders one registry as the Markdown tables of its source
// document: the same tables, columns and rows, from the compiled
// registry. Prose columns the registry does not hold (the upstream's
// descriptions) are left out or left blank.
type doc struct {
	name   string // the docs argument
	title  string
	pkg    string
	rev    string // the registry's SourceRevision: its upstream source
	count  func() int
	render func(w io.Writer)
}

var docs = []doc{
	{"grpc", "gRPC canonical status codes", "grpccodes", grpccodes.SourceRevision,
		func() int { return len(grpccodes.Codes()) }, grpcDocs},
	{"rocketmq", "Apache RocketMQ 5 status codes and RPC matrix", "rocketmq", rocketmq.SourceRevision,
		func() int { return len(rocketmq.Codes()) }, rocketmqDocs},
	{"turms", "Turms IM status codes", "turms", turms.SourceRevision,
		func() int {
			return len(turms.Codes()) + len(turms.ClientCodes()) + len(turms.SessionCloseStatuses())
		}, turmsDocs},
	{"httpmap", "JD Cloud message queue HTTP API error codes", "httpmap", httpmap.SourceRevision,
		func() int { return len(httpmap.Codes()) - 1 }, httpmapDocs},
}

// findDoc returns the doc named name.
func findDoc(name string) (doc, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "grpccodes" {
		name = "grpc"
	}
	for _, d := range docs {
		if d.name == name {
			return d, true
		}
	}
	return doc{}, false
}

// mdTable writes a Markdown table, its columns padded to a common width.
func mdTable(w io.Writer, align string, header []string, rows [][]string) {
	widths := make([]int, len(header))
	for _, row := range append([][]string{header}, rows...) {
		for i, cell := range row {
			widths[i] = max(widths[i], cellWidth(cell), 3)
		}
	}
	line := func(cells []string) {
		var b strings.Builder
		b.WriteString("|")
		for i, cell := range cells {
			b.WriteString(" " + cell + strings.Repeat(" ", widths[i]-cellWidth(cell)) + " |")
		}
		fmt.Fprintln(w, b.String())
	}
	line(header)
	sep := make([]string, len(header))
	for i := range sep {
		sep[i] = strings.Repeat("-", widths[i])
		if align == "center" {
			sep[i] = ":" + strings.Repeat("-", widths[i]-2) + ":"
		}
	}
	line(sep)
	for _, row := range rows {
		line(row)
	}
}

// cellWidth is how many columns a terminal gives cell: two for the
// matrix's marks and other wide symbols, one for anything else.
func cellWidth(cell string) int {
	n := 0
	for _, r := range cell {
		n++
		if r >= 0x2600 {
			n++
		}
	}
	return n
}

func grpcDocs(w io.Writer) {
	fmt.Fprintln(w, "### Status codes and their use in gRPC")
	fmt.Fprintln(w)
	var rows [][]string
	for _, c := range grpccodes.Codes() {
		h := grpccodes.HTTPStatus(c)
		rows = append(rows, []string{grpccodes.Name(c), strconv.Itoa(int(c)), strconv.Itoa(h) + " " + statusText(h)})
	}
	mdTable(w, "", []string{"Code", "Number", "HTTP Mapping"}, rows)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "### Status codes the gRPC library itself produces")
	fmt.Fprintln(w)
	rows = nil
	for _, lc := range grpccodes.LibraryCases() {
		rows = append(rows, []string{lc.Case, grpccodes.Name(lc.Code), lc.Side.String()})
	}
	mdTable(w, "", []string{"Case", "Code", "Generated at Client or Server"}, rows)
}

// The marks of RocketMQ's matrix, as its source draws them.
var markCell = [...]string{
	rocketmq.NotListed:  "",
	rocketmq.Allowed:    "✅",
	rocketmq.NotAllowed: "❌",
	rocketmq.Reserved:   "🔄",
}

func rocketmqDocs(w io.Writer) {
	var main, telemetry []rocketmq.RPC
	for _, r := range rocketmq.RPCs() {
		if !r.HasColumn() {
			continue
		}
		if r.Method() == "/"+rocketmq.Service+"/Telemetry" {
			telemetry = append(telemetry, r)
		} else {
			main = append(main, r)
		}
	}
	fmt.Fprintln(w, "## Non-Telemetry RPC Status Code Mapping Table")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "> A name with an asterisk (*) is a first classification, the class of the codes below it; ✅ the RPC may return the code, ❌ it must not, 🔄 the code is reserved.")
	fmt.Fprintln(w)
	matrixTable(w, "Status Code", main, true)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## Server-Client Telemetry RPC Status Code Mapping Table")
	fmt.Fprintln(w)
	matrixTable(w, "", telemetry, false)
}

// matrixTable writes the table of rpcs, which share one: a row per code
// it lists, in the upstream table's order.
func matrixTable(w io.Writer, corner string, rpcs []rocketmq.RPC, stars bool) {
	header := []string{corner}
	for _, r := range rpcs {
		header = append(header, r.String())
	}
	var rows [][]string
	for _, c := range rpcs[0].MatrixRows() {
		row := []string{c.String()}
		if stars && c.Class() == c {
			row[0] += "*"
		}
		for _, r := range rpcs {
			row = append(row, markCell[r.Mark(c)])
		}
		rows = append(rows, row)
	}
	mdTable(w, "center", header, rows)
}

func turmsDocs(w io.Writer) {
	fmt.Fprintln(w, "## ResponseStatusCode")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "### Client unique status code")
	fmt.Fprintln(w)
	mdTable(w, "", []string{"Category", "Name", "Status Code", "Meaning"},
		categoryRows(turms.ClientCodes(), turms.ClientCode.Category))
	fmt.Fprintln(w)
	fmt.Fprintln(w, "### Common Status Codes")
	fmt.Fprintln(w)
	mdTable(w, "", []string{"Category", "Name", "Status Code", "Meaning"},
		categoryRows(turms.Codes(), func(c turms.Code) string { return c.Category().String() }))
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## SessionCloseStatus")
	fmt.Fprintln(w)
	mdTable(w, "", []string{"Cause Category", "Name", "Status Code", "Meaning"},
		categoryRows(turms.SessionCloseStatuses(), turms.SessionCloseStatus.Category))
}

// categoryRows writes a row per code, its category on the first row of
// each category only, as the Turms document does. Meaning is blank: the
// registry holds no prose.
func categoryRows[C interface {
	~int32
	String() string
}](cs []C, category func(C) string) [][]string {
	var rows [][]string
	last := ""
	for _, c := range cs {
		cat := category(c)
		cell := cat
		if cat == last {
			cell = ""
		}
		last = cat
		rows = append(rows, []string{cell, c.String(), strconv.Itoa(int(c)), ""})
	}
	return rows
}

func httpmapDocs(w io.Writer) {
	fmt.Fprintln(w, "### Http Response Status Code")
	fmt.Fprintln(w)
	var rows [][]string
	for _, c := range httpmap.Codes()[1:] {
		msgs := c.Messages()
		if len(msgs) == 0 {
			msgs = []string{""}
		}
		for _, m := range msgs {
			rows = append(rows, []string{"**" + strconv.Itoa(c.HTTPStatus()) + "**", c.String(), m, c.Description(), c.Suggestion()})
		}
	}
	mdTable(w, "", []string{"HTTP Status Code", "Error Status Code", "message", "Description", "Suggestion"}, rows)
}

// The markers of the README's generated section.
const (
	readmeBegin = "<!-- BEGIN statuscode docs readme: generated by go generate ./cmd/statuscode; do not edit -->"
	readmeEnd   = "<!-- END statuscode docs readme -->"
)

// readmeSection writes the README's "Registries" section: a summary
// table of the registries, then each registry's tables, folded.
func readmeSection(w io.Writer) {
	fmt.Fprintln(w, readmeBegin)
	fmt.Fprintln(w)
	var rows [][]string
	for _, d := range docs {
		rows = append(rows, []string{"`" + d.pkg + "`", d.title, strconv.Itoa(d.count()), d.rev})
	}
	mdTable(w, "", []string{"package", "system", "codes", "upstream source"}, rows)
	for _, d := range docs {
		fmt.Fprintln(w)
		fmt.Fprintf(w, "<details><summary><code>%s</code>: %s (<code>statuscode docs %s</code>)</summary>\n\n", d.pkg, d.title, d.name)
		d.render(w)
		fmt.Fprintln(w)
		fmt.Fprintln(w, "</details>")
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, readmeEnd)
}

// writeReadme replaces the generated section of the README at path.
func writeReadme(path string) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	begin := bytes.Index(old, []byte(readmeBegin))
	end := bytes.Index(old, []byte(readmeEnd))
	if begin < 0 || end < begin {
		return fmt.Errorf("%s has no generated section between %q and %q", path, readmeBegin, readmeEnd)
	}
	var b bytes.Buffer
	b.Write(old[:begin])
	readmeSection(&b)
	b.Write(bytes.TrimPrefix(old[end+len(readmeEnd):], []byte("\n")))
	if bytes.Equal(b.Bytes(), old) {
		return nil
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
