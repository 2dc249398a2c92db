// Command statuscode looks up a status code in every statusreg registry:
// the gRPC canonical codes, Apache RocketMQ 5's codes and RPC matrix, the
// Turms IM codes and close statuses, the JD Cloud message queue's HTTP
// API codes, and the HTTP statuses themselves.
//
//	statuscode 40402             # RocketMQ TOPIC_NOT_FOUND, and where it may be returned
//	statuscode invalid_request   # Turms' server code and its client-only code of that name
//	statuscode 503 --all         # HTTP 503: both gRPC mappings and every code that maps to it
//	statuscode rpc SendMessage   # what a RocketMQ RPC may return
//	statuscode drift turms       # what changed between Turms' revisions
//	curl -s $URL | statuscode -  # explain an error answer
//
// Run "statuscode --help" for every query, flag and the --json shapes.
package main

//go:generate go run . docs readme -w ../../README.md

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/statusreg/statusreg/internal/registries"
	"github.com/statusreg/statusreg/rocketmq"
)

// usageText is the help; usage fills in the registries' names.
const usageText = `statuscode: look up a status code in every statusreg registry.

Usage:
  statuscode [flags] NUMBER        every registry where NUMBER is a code, and
                                   for 100-599 the HTTP status itself
  statuscode [flags] NAME          every registry with a code of that name, in
                                   any letter case (not_found, TopicNotFound),
                                   or of that form (Code(40499), CODE_40402)
  statuscode [flags] --search WORD codes whose names contain WORD
  statuscode [flags] rpc RPC       the codes a RocketMQ RPC may return, by class
  statuscode [flags] matrix        RocketMQ's whole RPC status matrix
  statuscode [flags] -             explain the error answer on standard input:
                                   a whole response as curl -i prints it (any
                                   HTTP version, 1xx prefaces skipped), or a
                                   JSON body alone that states its status
                                   ({"error":{"code":404,...}}, {"code":5,...},
                                   {"code":"not_found",...}, {"status":404,...})
  statuscode docs REGISTRY         the registry as the Markdown tables of its
                                   source: {docs}
  statuscode docs readme [-w FILE] the README's generated "Registries" section;
                                   -w rewrites it in FILE
  statuscode drift SYSTEM          what changed between the oldest and the
                                   newest revision of a system that renumbers
                                   its codes ({systems}), set by set, a code
                                   known by its name: the codes renumbered,
                                   removed, added and kept under their number
                                   with a new HTTP status, and the numbers
                                   that name another code now

Flags, before or after the arguments:
  --registry R  {registry}
  --all         list every code an HTTP status summarises with a count
  --json        print JSON instead of text (shapes below)
  -h, --help    print this help

Exit status: 0 when something is found; 1 when nothing matches (one line on
standard error, with a suggestion when a name is close); 2 for a usage error.
Colour is used only when standard output is a terminal and NO_COLOR is unset.

JSON shapes (stable; a field marked ? appears only when it applies; an
object value is written as its source wrote it):
  NUMBER, NAME, --search:
    {"query": string, "hits": [hit]}
  hit:
    {"registry": {jsonRegistries}|"http",
     "label": string, "name": string, "number": int, "listed": bool,
     "own_number"?: true,  the number is the registry's own (httpmap.Code), not gRPC's
     "class"?: string,     the class or category
     "class_number"?: int, RocketMQ: the number of the class code
     "grpc"?: string,      the canonical gRPC code it maps to
     "http"?: int,         the HTTP status it maps to
     "retry"?: {"decision": "success"|"empty"|"retry"|"backoff"|"fail",
                "reason"?: string,
                "idempotent"?: {"decision": string, "reason"?: string}},
               the library's decision (its Decide) for a call that is not
               idempotent; "idempotent" when one that is decides otherwise
     "rpcs"?: {"in_matrix": bool, "allowed": [string], "reserved": [string]},  RocketMQ only
     "grpc_semantic"?: string, "grpc_transport"?: string,                      HTTP status only
     "mapped_from"?: [{"registry": string, "label": string, "count": int,
                      "codes": [{"name": string, "number": int}]}]}            HTTP status only
  rpc:
    {"rpc": string, "method": string, "in_matrix": bool,  false: no column, no codes listed
     "classes": [{"class": string, "number": int, "codes": [{"name": string, "number": int}]}],
     "reserved": [{"name": string, "number": int}]}
  matrix:
    {"rpcs": [string], "rows": [{"name": string, "number": int, "class": bool,
     "marks": ["Allowed"|"NotAllowed"|"Reserved"|"NotListed", one per rpc]}]}
  drift:
    {"system": string, "from": string, "to": string,  the revisions compared
     "sets": [{"from_registry": string, "to_registry": string,
               "label": string, "from_count": int, "to_count": int,
               "identical": int,  same name, number (and HTTP status)
               "renumbered": [{"name": string, "from": int, "to": int}],
               "removed": [{"name": string, "number": int, "http"?: int}],
               "added": [{"name": string, "number": int, "http"?: int}],
               "new_http": [{"name": string, "number": int, "from": int, "to": int}],
               "reused": [{"number": int, "from": string, "to": string,
                           "http_from"?: int, "http_to"?: int}],
                          a number of both revisions that names another code
               "reused_new_http": int}]}  reused numbers whose HTTP status changed too
  -:
    {"http": int, "status": string, "message": string, "request_id"?: string,
     "format"?: "aip193"|"status"|"connect"|"kratos"|"problem",  the shape read
     "body_error"?: string,  why the body is no error answer: the HTTP status decides
     "grpc": string, "retry": {"decision": string, "reason"?: string, "idempotent"?: {...}},
     "details": [object],    each detail as the answer wrote it
     "codes": [hit]}
`

// usage returns the help, naming the registries of registries.All.
func usage() string {
	var quoted, groups []string
	for _, r := range registries.All {
		quoted = append(quoted, strconv.Quote(r.Name))
		if r.Group != r.Name && !slices.Contains(groups, r.Group) {
			groups = append(groups, r.Group)
		}
	}
	return strings.NewReplacer(
		"{registry}", wrap("search only R: "+strings.Join(registryNames(), ", ")+", or http (the HTTP statuses); "+
			"a group ("+strings.Join(groups, ", ")+") selects each of its registries", 16),
		"{docs}", docNames(),
		"{systems}", strings.Join(systems(), ", "),
		"{jsonRegistries}", strings.Join(quoted, "|"),
	).Replace(usageText)
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, colorAllowed(os.Stdout, os.Getenv)))
}

// The exit statuses.
const (
	exitFound    = 0
	exitNotFound = 1
	exitUsage    = 2
)

// run runs one command line and returns its exit status. It writes the
// answer to stdout, and one line to stderr when nothing matches or the
// command line is wrong.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, color bool) int {
	q, err := parseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "statuscode: %v (statuscode --help explains usage)\n", err)
		return exitUsage
	}
	p := &printer{w: stdout, color: color && !q.json, all: q.all}
	notFound := func(msg string) int {
		fmt.Fprintln(stderr, "statuscode: "+msg)
		return exitNotFound
	}
	// answer prints v as JSON with --json, else as text prints it.
	answer := func(v any, text func()) int {
		if q.json {
			writeJSON(stdout, v)
		} else {
			text()
		}
		return exitFound
	}
	switch q.verb {
	case verbHelp:
		fmt.Fprint(stdout, usage())
		return exitFound

	case verbLookup, verbSearch:
		var found []hit
		if q.verb == verbLookup {
			found = lookup(&q)
		} else {
			found = search(&q)
		}
		switch {
		case q.json: // an empty list is an answer too
			if found == nil {
				found = []hit{}
			}
			writeJSON(stdout, lookupResult{q.arg, found})
		case len(found) == 0: // nothing on stdout, only the error
		case q.verb == verbLookup:
			p.hits(found)
		default:
			p.table(found)
		}
		if len(found) == 0 {
			return notFound(nothingFound(&q))
		}
		return exitFound

	case verbRPC:
		r, err := rocketmq.ParseRPC(q.arg)
		if err != nil || r.Method() == "" {
			return notFound(noRPC(q.arg))
		}
		res := rpcCodes(r)
		return answer(res, func() { p.rpc(res) })

	case verbMatrix:
		res := matrix()
		return answer(res, func() { p.matrix(res) })

	case verbExplain:
		res, err := explain(stdin)
		if err != nil {
			return notFound(err.Error())
		}
		return answer(res, func() { p.explanation(res) })

	case verbDrift:
		res, ok := driftOf(q.arg)
		if !ok {
			fmt.Fprintf(stderr, "statuscode: no revisions of %s to compare: want %s\n", quote(q.arg), strings.Join(systems(), ", "))
			return exitUsage
		}
		return answer(res, func() { p.drift(res) })

	case verbDocs:
		if q.arg == "readme" {
			if q.write != "" {
				if err := writeReadme(q.write); err != nil {
					return notFound(err.Error())
				}
				return exitFound
			}
			readmeSection(stdout)
			return exitFound
		}
		d, ok := findDoc(q.arg)
		if !ok {
			fmt.Fprintf(stderr, "statuscode: no docs for %s: want %s or readme\n", quote(q.arg), docNames())
			return exitUsage
		}
		d.Render(stdout)
		return exitFound
	}
	fmt.Fprintln(stderr, "statuscode: nothing to do")
	return exitUsage
}

// nothingFound is the line that says a lookup or search found nothing,
// with a suggestion when a listed name is close.
func nothingFound(q *query) string {
	where := "no registry has a code"
	if q.only != nil {
		where = "registry " + strings.ToLower(strings.TrimSpace(q.registry)) + " has no code"
	}
	if q.verb == verbSearch {
		return fmt.Sprintf("%s whose name contains %s", where, quote(q.arg))
	}
	if isNumber(q.arg) {
		return fmt.Sprintf("%s numbered %s", where, quote(strings.TrimSpace(q.arg)))
	}
	msg := fmt.Sprintf("%s named %s", where, quote(q.arg))
	if s := suggest(q, q.arg); s != "" {
		msg += "; did you mean " + s + "?"
	}
	return msg
}

// noRPC says that RocketMQ's matrix has no RPC named s. When s is a gRPC
// method the matrix splits into entries (Telemetry: ThreadStackTrace and
// VerifyMessageResult), it names them; else it suggests the RPC name
// closest to s, if one is close.
func noRPC(s string) string {
	name := strings.TrimSpace(s)
	var entries []string
	for _, r := range rocketmq.RPCs() {
		m := r.Method()
		if strings.EqualFold(name, m) || strings.EqualFold(name, m[strings.LastIndexByte(m, '/')+1:]) {
			entries = append(entries, r.String())
		}
	}
	if len(entries) > 0 {
		return fmt.Sprintf("RocketMQ's matrix has no column %s: that gRPC method has %d entries, %s (statuscode rpc %s)",
			quote(s), len(entries), strings.Join(entries, " and "), entries[0])
	}
	msg := fmt.Sprintf("RocketMQ has no RPC %s", quote(s))
	var names []string
	for _, r := range rocketmq.RPCs() {
		names = append(names, r.String())
	}
	if c := closest(s, names); c != "" {
		msg += "; did you mean " + c + "?"
	}
	return msg
}

// colorAllowed reports whether f is a terminal and the environment allows
// colour: NO_COLOR unset or empty, TERM not "dumb".
func colorAllowed(f *os.File, getenv func(string) string) bool {
	if getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
