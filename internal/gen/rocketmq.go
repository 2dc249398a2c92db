package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/internal/table"
)

const (
	rocketmqCodes  = "rocketmq-codes.tsv"
	rocketmqMatrix = "rocketmq-status-code-matrix.md"

	// rocketmqRevision names the upstream revisions (testdata/README.md):
	// the matrix is StatusCode.md at that commit, as the earlier revision
	// in testdata/ plus the MESSAGE_BODY_EMPTY row it adds.
	rocketmqRevision = "apache/rocketmq-apis commit 3e60073c6dab3430feaec443824802e23ecda681 (2026-07-30): apache/rocketmq/v2/definition.proto and StatusCode.md"
)

// messageBodyEmpty is the row StatusCode.md has gained since the revision
// in testdata/ (testdata/README.md): allowed for SendMessage only, not
// allowed for every other non-telemetry RPC.
const messageBodyEmpty, messageBodyEmptyRPC = "MESSAGE_BODY_EMPTY", "SendMessage"

// messageBodyEmptyAfter is the row MESSAGE_BODY_EMPTY follows in the
// matrix's row order: the revision in testdata/ does not have it, and it
// sits best beside its sibling of class PAYLOAD_TOO_LARGE.
const messageBodyEmptyAfter = "MESSAGE_BODY_TOO_LARGE"

func rocketmqRegistry(dir string) (*registry, error) {
	codesTSV, err := source.TSV(filepath.Join(dir, rocketmqCodes))
	if err != nil {
		return nil, err
	}
	tables, err := source.Markdown(filepath.Join(dir, rocketmqMatrix))
	if err != nil {
		return nil, err
	}
	if len(tables) != 2 {
		return nil, fmt.Errorf("%s: %d tables, want 2", rocketmqMatrix, len(tables))
	}
	main, telemetry := tables[0], tables[1]

	byClass, _, err := readJudged(dir, rocketmqGRPCFile, "class", "grpc", "reason")
	if err != nil {
		return nil, err
	}
	exceptions, _, err := readJudged(dir, rocketmqExceptionsFile, "code", "grpc", "reason")
	if err != nil {
		return nil, err
	}
	docs, err := readDocs(dir, rocketmqDocsFile, "name", "doc")
	if err != nil {
		return nil, err
	}
	rpcDocs, err := readDocs(dir, rocketmqRPCDocsFile, "rpc", "doc")
	if err != nil {
		return nil, err
	}

	r := &registry{
		pkg: "rocketmq",
		sources: []string{"testdata/" + rocketmqCodes, "testdata/" + rocketmqMatrix,
			"testdata/" + rocketmqGRPCFile, "testdata/" + rocketmqExceptionsFile,
			"testdata/" + rocketmqDocsFile, "testdata/" + rocketmqRPCDocsFile},
		codeType:      "Code",
		typeName:      "Code",
		system:        "rocketmq",
		domain:        "rocketmq.apache.org",
		bucketClasses: true,
		consts:        true,
		errors:        true,
		methods: &methods{parse: "ParseCode", list: "Codes", noun: "code", http: true,
			logAttr: `slog.String("class", c.Class().String())`},
	}
	r.ops = append(append(r.ops, main.Header[1:]...), telemetry.Header[1:]...)
	unlisted, err := rocketmqUnlisted(dir, main.Header[1:])
	if err != nil {
		return nil, err
	}
	r.sources = append(r.sources, "testdata/"+rocketmqService)

	// Codes, in the TSV's order; index by name for the matrix.
	at := map[string]int{}
	inMatrix := map[string]bool{}
	for _, row := range codesTSV.Rows { // value | name | in_seed_matrix
		n, err := strconv.Atoi(row[0])
		if err != nil {
			return nil, fmt.Errorf("%s: %s: value %q", rocketmqCodes, row[1], row[0])
		}
		at[row[1]] = len(r.entries)
		inMatrix[row[1]] = row[2] == "yes"
		r.entries = append(r.entries, table.Entry{Num: int32(n), Name: row[1], GoName: camel(row[1])})
	}
	r.marks = make([]table.Marks, len(r.entries))

	// The matrix: a row per code, a mark per RPC; '*' marks a class.
	classes := map[int32]int32{} // bucket -> class number
	seen := map[string]bool{}
	var rows [2][]string // each table's rows, in the upstream order
	read := func(t source.Table, first int) error {
		which := 0 // the table: 0 main, 1 Telemetry
		if first > 0 {
			which = 1
		}
		for _, row := range t.Rows {
			name, isClass := strings.CutSuffix(row[0], "*")
			i, ok := at[name]
			if !ok {
				return fmt.Errorf("%s: row %s is not a code", rocketmqMatrix, name)
			}
			seen[name] = true
			rows[which] = append(rows[which], r.entries[i].GoName)
			if isClass {
				classes[r.entries[i].Num/table.Bucket] = r.entries[i].Num
			}
			for j, cell := range row[1:] {
				bit := uint64(1) << (first + j)
				m := &r.marks[i]
				m.Listed |= bit
				switch cell {
				case "✅":
					m.Allowed |= bit
				case "🔄":
					m.Reserved |= bit
				case "❌":
				default:
					return fmt.Errorf("%s: %s, %s: mark %q", rocketmqMatrix, name, r.ops[first+j], cell)
				}
			}
		}
		return nil
	}
	if err := read(main, 0); err != nil {
		return nil, err
	}
	if err := read(telemetry, len(main.Header)-1); err != nil {
		return nil, err
	}
	for name, want := range inMatrix {
		if seen[name] != want {
			return nil, fmt.Errorf("%s says %s in_seed_matrix=%v, the matrix disagrees", rocketmqCodes, name, want)
		}
	}
	r.ok, r.fallback = r.entries[at["OK"]].Num, r.entries[at["CODE_UNSPECIFIED"]].Num
	mbe, send := &r.marks[at[messageBodyEmpty]], -1
	for j, op := range main.Header[1:] {
		mbe.Listed |= 1 << j
		if op == messageBodyEmptyRPC {
			send = j
		}
	}
	mbe.Allowed |= 1 << send
	after := slices.Index(rows[0], camel(messageBodyEmptyAfter))
	if after < 0 {
		return nil, fmt.Errorf("%s: no %s row to put %s after", rocketmqMatrix, messageBodyEmptyAfter, messageBodyEmpty)
	}
	rows[0] = slices.Insert(rows[0], after+1, camel(messageBodyEmpty))

	// Classes, HTTP statuses and gRPC codes.
	for i := range r.entries {
		e := &r.entries[i]
		class, ok := classes[e.Num/table.Bucket]
		if !ok {
			if e.Num%table.Bucket != 0 {
				return nil, fmt.Errorf("%s has no class", e.Name)
			}
			class = e.Num // opens a hundred no class row claims
		}
		e.Class = class
		if h := e.Num / table.Bucket; h >= 100 && h <= 599 {
			e.HTTP = uint16(h) // the first three digits are the HTTP status
		}
		className := r.entry(class).Name
		g, ok := byClass[className]
		if !ok {
			return nil, fmt.Errorf("%s: class %s has no gRPC code", rocketmqGRPCFile, className)
		}
		if x, ok := exceptions[e.Name]; ok {
			if x.grpc == g.grpc {
				return nil, fmt.Errorf("%s: %s maps as its class %s does", rocketmqExceptionsFile, e.Name, className)
			}
			g = x
		}
		e.GRPC = g.grpc
	}
	isClass := func(name string) bool {
		i, ok := at[name]
		return ok && r.entries[i].Class == r.entries[i].Num
	}
	if err := unused(byClass, isClass, rocketmqGRPCFile); err != nil {
		return nil, err
	}
	if err := unused(exceptions, func(name string) bool { _, ok := at[name]; return ok }, rocketmqExceptionsFile); err != nil {
		return nil, err
	}
	if err := unused(docs, func(name string) bool { _, ok := at[name]; return ok }, rocketmqDocsFile); err != nil {
		return nil, err
	}
	rpcs := append(slices.Clone(r.ops), unlisted...)
	if err := unused(rpcDocs, func(op string) bool { return slices.Contains(rpcs, op) }, rocketmqRPCDocsFile); err != nil {
		return nil, err
	}
	r.docs = map[string]string{}
	for _, e := range r.entries {
		r.docs[e.Name] = docOr(docs, e.Name, "code")
	}
	r.extra = func(w *writer) {
		w.p("")
		w.p("// SourceRevision names the upstream revisions the tables are generated from.")
		w.p("const SourceRevision = %q", rocketmqRevision)
		w.p("")
		w.p("// The RPCs: those of the status matrix, in its column order (RPC(i+1)")
		w.p("// is registry.Ops[i]), then the methods of MessagingService that the")
		w.p("// matrix has no column for.")
		w.p("const (")
		for i, op := range rpcs {
			if i > 0 {
				w.p("")
			}
			w.p("// %s %s", op, docOr(rpcDocs, op, "RPC"))
			if i == 0 {
				w.p("%s RPC = iota + 1 // the zero RPC names no RPC", op)
			} else {
				w.p("%s", op)
			}
		}
		w.p(")")
		w.p("")
		w.p("// rpcNames holds the name of each RPC, indexed by its value.")
		w.p("var rpcNames = [...]string{\"\", %s}", quoteAll(rpcs))
		w.p("")
		w.p("// matrixRows lists the codes each table of the status matrix has a row")
		w.p("// for, in the upstream table's order: the RPCs with their own method,")
		w.p("// then the Telemetry commands. %s, a row of the newer", messageBodyEmpty)
		w.p("// upstream, follows %s.", messageBodyEmptyAfter)
		w.p("var matrixRows = [2][]Code{")
		for _, names := range rows {
			w.p("{%s},", strings.Join(names, ", "))
		}
		w.p("}")
	}
	return r, nil
}
