package registries

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
	"github.com/statusreg/statusreg/turms/turms20240714"
)

// The renderers of the registries' docs: each writes a registry as the
// Markdown tables of its upstream source document, the same tables,
// columns and rows, from the compiled registry. Prose columns the registry
// does not hold (the upstream's descriptions) are left out or left blank.

// MarkdownTable writes a Markdown table, its columns padded to a common
// width; align "center" centres every column.
func MarkdownTable(w io.Writer, align string, header []string, rows [][]string) {
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

// StatusText is http.StatusText, plus the 499 that gRPC's table maps
// CANCELLED to (nginx's "Client Closed Request", in no RFC).
func StatusText(s int) string {
	if s == 499 {
		return "Client Closed Request"
	}
	return http.StatusText(s)
}

func grpcDocs(w io.Writer) {
	fmt.Fprintln(w, "### Status codes and their use in gRPC")
	fmt.Fprintln(w)
	var rows [][]string
	for _, c := range grpccodes.Codes() {
		h := grpccodes.HTTPStatus(c)
		rows = append(rows, []string{grpccodes.Name(c), strconv.Itoa(int(c)), strconv.Itoa(h) + " " + StatusText(h)})
	}
	MarkdownTable(w, "", []string{"Code", "Number", "HTTP Mapping"}, rows)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "### Status codes the gRPC library itself produces")
	fmt.Fprintln(w)
	rows = nil
	for _, lc := range grpccodes.LibraryCases() {
		rows = append(rows, []string{lc.Case, grpccodes.Name(lc.Code), lc.Side.String()})
	}
	MarkdownTable(w, "", []string{"Case", "Code", "Generated at Client or Server"}, rows)
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
			continue // the matrix has no column for it
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
	MarkdownTable(w, "center", header, rows)
}

func turmsDocs(w io.Writer) {
	turmsTables(w,
		categoryRows(turms.ClientCodes(), turms.ClientCode.Category),
		categoryRows(turms.Codes(), func(c turms.Code) string { return c.Category().String() }),
		categoryRows(turms.SessionCloseStatuses(), turms.SessionCloseStatus.Category))
}

// turms2024Docs writes the revision of 2024-07-14 in the documentation's
// tables: its upstream is the server's enum, whose comment headings the
// categories are.
func turms2024Docs(w io.Writer) {
	turmsTables(w,
		categoryRows(turms20240714.ClientCodes(), turms20240714.ClientCode.Category),
		categoryRows(turms20240714.Codes(), func(c turms20240714.Code) string { return c.Category().String() }),
		categoryRows(turms20240714.SessionCloseStatuses(), turms20240714.SessionCloseStatus.Category))
}

// turmsTables writes a Turms revision's three sets as the tables of the
// documentation's status-code page.
func turmsTables(w io.Writer, client, server, session [][]string) {
	fmt.Fprintln(w, "## ResponseStatusCode")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "### Client unique status code")
	fmt.Fprintln(w)
	MarkdownTable(w, "", []string{"Category", "Name", "Status Code", "Meaning"}, client)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "### Common Status Codes")
	fmt.Fprintln(w)
	MarkdownTable(w, "", []string{"Category", "Name", "Status Code", "Meaning"}, server)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## SessionCloseStatus")
	fmt.Fprintln(w)
	MarkdownTable(w, "", []string{"Cause Category", "Name", "Status Code", "Meaning"}, session)
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
	for _, c := range httpmap.Codes() {
		if c == httpmap.CodeUnspecified {
			continue // the package's "no code", in no upstream row
		}
		msgs := c.Messages()
		if len(msgs) == 0 {
			msgs = []string{""}
		}
		for _, m := range msgs {
			rows = append(rows, []string{"**" + strconv.Itoa(c.HTTPStatus()) + "**", c.String(), m, c.Description(), c.Suggestion()})
		}
	}
	MarkdownTable(w, "", []string{"HTTP Status Code", "Error Status Code", "message", "Description", "Suggestion"}, rows)
}
