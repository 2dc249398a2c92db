package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/internal/table"
)

const (
	rocketmqCodes  = "rocketmq-codes.tsv"
	rocketmqMatrix = "rocketmq-status-code-matrix.md"

	// rocketmqRevision names the upstream revisions (testdata/README.md).
	rocketmqRevision = "apache/rocketmq-apis definition.proto of 2026-07-30; StatusCode.md one revision earlier, plus the current MESSAGE_BODY_EMPTY row"
)

// messageBodyEmpty is the row upstream's StatusCode.md has gained since
// the seed (shared/reference/README.md): allowed for SendMessage only,
// not allowed for every other non-telemetry RPC.
const messageBodyEmpty, messageBodyEmptyRPC = "MESSAGE_BODY_EMPTY", "SendMessage"

// messageBodyEmptyAfter is the row MESSAGE_BODY_EMPTY follows in the
// matrix's row order: the seed does not have it, and it sits best beside
// its sibling of class PAYLOAD_TOO_LARGE.
const messageBodyEmptyAfter = "MESSAGE_BODY_TOO_LARGE"

// rocketmqGRPC maps each class to the canonical gRPC code its codes take.
// It is statusreg's own mapping: RocketMQ defines none.
var rocketmqGRPC = map[string]codes.Code{
	"CODE_UNSPECIFIED":                codes.Unknown,
	"OK":                              codes.OK,
	"MULTIPLE_RESULTS":                codes.OK,
	"BAD_REQUEST":                     codes.InvalidArgument,
	"UNAUTHORIZED":                    codes.Unauthenticated,
	"PAYMENT_REQUIRED":                codes.FailedPrecondition,
	"FORBIDDEN":                       codes.PermissionDenied,
	"NOT_FOUND":                       codes.NotFound,
	"REQUEST_TIMEOUT":                 codes.DeadlineExceeded,
	"PAYLOAD_TOO_LARGE":               codes.InvalidArgument,
	"PRECONDITION_FAILED":             codes.FailedPrecondition,
	"TOO_MANY_REQUESTS":               codes.ResourceExhausted,
	"REQUEST_HEADER_FIELDS_TOO_LARGE": codes.InvalidArgument,
	"INTERNAL_ERROR":                  codes.Internal,
	"NOT_IMPLEMENTED":                 codes.Unimplemented,
	"PROXY_TIMEOUT":                   codes.DeadlineExceeded,
	"UNSUPPORTED":                     codes.Unimplemented,
	"FAILED_TO_CONSUME_MESSAGE":       codes.Unknown,
}

// rocketmqGRPCExceptions are the codes that map unlike their class.
var rocketmqGRPCExceptions = map[string]codes.Code{
	"HA_NOT_AVAILABLE": codes.Unavailable, // replication not ready: transient
}

// rocketmqRPCDocs documents the RPC constants.
var rocketmqRPCDocs = map[string]string{
	"QueryRoute":                      "asks which brokers and queues serve a topic.",
	"Heartbeat":                       "keeps a client's session alive.",
	"SendMessage":                     "publishes messages to a topic.",
	"QueryAssignment":                 "asks which queues a push consumer is assigned.",
	"ReceiveMessage":                  "long-polls a topic for messages (a server stream).",
	"AckMessage":                      "acknowledges received messages.",
	"ForwardMessageToDeadLetterQueue": "moves a message that keeps failing to the dead-letter queue.",
	"EndTransaction":                  "commits or rolls back a transactional message.",
	"NotifyClientTermination":         "tells the server a client is shutting down.",
	"ChangeInvisibleDuration":         "extends or shortens how long a received message stays invisible.",
	"PullMessage":                     "pulls messages from a queue at an offset (a server stream).",
	"UpdateOffset":                    "stores a consumer group's offset for a queue.",
	"GetOffset":                       "reads a consumer group's stored offset for a queue.",
	"QueryOffset":                     "looks up a queue offset by position or time.",
	"ThreadStackTrace":                "is the Telemetry command in which a client reports its thread stacks.",
	"VerifyMessageResult":             "is the Telemetry command in which a client reports verifying a message.",
}

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

	r := &registry{
		pkg:           "rocketmq",
		sources:       []string{"testdata/" + rocketmqCodes, "testdata/" + rocketmqMatrix},
		codeType:      "Code",
		typeName:      "Code",
		system:        "rocketmq",
		domain:        "rocketmq.apache.org",
		bucketClasses: true,
		consts:        true,
		errors:        true,
		methods: &methods{parse: "ParseCode", list: "Codes", noun: "code", http: true,
			logAttr: `slog.String("class", c.Class().String())`},
		docs: rocketmqDocs,
	}
	r.ops = append(append(r.ops, main.Header[1:]...), telemetry.Header[1:]...)

	// Codes, in the TSV's order; index by name for the matrix.
	at := map[string]int{}
	inSeed := map[string]bool{}
	for _, row := range codesTSV.Rows { // value | name | in_seed_matrix
		n, err := strconv.Atoi(row[0])
		if err != nil {
			return nil, fmt.Errorf("%s: %s: value %q", rocketmqCodes, row[1], row[0])
		}
		at[row[1]] = len(r.entries)
		inSeed[row[1]] = row[2] == "yes"
		r.entries = append(r.entries, table.Entry{Num: int32(n), Name: row[1], GoName: camel(row[1])})
	}
	r.marks = make([]table.Marks, len(r.entries))

	// The matrix: a row per code, a mark per RPC; '*' marks a class.
	classes := map[int32]int32{} // bucket -> class number
	seen := map[string]bool{}
	var rows [2][]string // each table's rows, in the seed's order
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
	for name, want := range inSeed {
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
		g, ok := rocketmqGRPC[className]
		if !ok {
			return nil, fmt.Errorf("class %s has no gRPC code", className)
		}
		if x, ok := rocketmqGRPCExceptions[e.Name]; ok {
			g = x
		}
		e.GRPC = g
	}
	if err := checkRPCDocs(r.ops); err != nil {
		return nil, err
	}
	r.extra = func(w *writer) {
		w.p("")
		w.p("// SourceRevision names the upstream revisions the tables are generated from.")
		w.p("const SourceRevision = %q", rocketmqRevision)
		w.p("")
		w.p("// The RPCs of the status matrix, in its column order: RPC(i+1) is")
		w.p("// registry.Ops[i].")
		w.p("const (")
		for i, op := range r.ops {
			if i > 0 {
				w.p("")
			}
			w.p("// %s %s", op, rocketmqRPCDocs[op])
			if i == 0 {
				w.p("%s RPC = iota + 1 // the zero RPC names no RPC", op)
			} else {
				w.p("%s", op)
			}
		}
		w.p(")")
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

func checkRPCDocs(ops []string) error {
	for _, op := range ops {
		if rocketmqRPCDocs[op] == "" {
			return fmt.Errorf("RPC %s has no doc comment", op)
		}
	}
	return nil
}
