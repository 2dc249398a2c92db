// Command statuscode looks up a status code in every statusreg registry:
// the gRPC canonical codes, Apache RocketMQ 5's codes and RPC matrix, the
// Turms IM codes and close statuses, the JD Cloud message queue's HTTP
// API codes, and the HTTP statuses themselves.
//
//	statuscode 40402             # RocketMQ TOPIC_NOT_FOUND, and where it may be returned
//	statuscode invalid_request   # Turms' server code and its client-only code of that name
//	statuscode 503 --all         # HTTP 503: both gRPC mappings and every code that maps to it
//	statuscode rpc SendMessage   # what a RocketMQ RPC may return
//	curl -s $URL | statuscode -  # explain an error answer
//
// Run "statuscode --help" for every query, flag and the --json shapes.
package main

//go:generate go run . docs readme -w ../../README.md

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/statusreg/statusreg/rocketmq"
)

const usage = `statuscode: look up a status code in every statusreg registry.

Usage:
  statuscode [flags] NUMBER        every registry where NUMBER is a code, and
                                   for 100-599 the HTTP status itself
  statuscode [flags] NAME          every registry with a code of that name, in
                                   any letter case (not_found, TopicNotFound)
  statuscode [flags] --search WORD codes whose names contain WORD
  statuscode [flags] rpc RPC       the codes a RocketMQ RPC may return, by class
  statuscode [flags] matrix        RocketMQ's whole RPC status matrix
  statuscode [flags] -             explain the error answer on standard input:
                                   a JSON body ({"error":{"code":404,...}}) or
                                   a whole response as curl -i prints it
  statuscode docs REGISTRY         the registry as the Markdown tables of its
                                   source: grpc, rocketmq, turms or httpmap
  statuscode docs readme [-w FILE] the README's generated "Registries" section;
                                   -w rewrites it in FILE

Flags, before or after the arguments:
  --registry R  search only R: grpc, rocketmq, turms (all three Turms sets),
                turms-client, turms-close, httpmap, or http (HTTP statuses)
  --all         list every code an HTTP status summarises with a count
  --json        print JSON instead of text (shapes below)
  -h, --help    print this help

Exit status: 0 when something is found; 1 when nothing matches (one line on
standard error, with a suggestion when a name is close); 2 for a usage error.
Colour is used only when standard output is a terminal and NO_COLOR is unset.

JSON shapes (stable; fields marked ? appear only when they apply):
  NUMBER, NAME, --search:
    {"query": string, "hits": [hit]}
  hit:
    {"registry": "grpc"|"rocketmq"|"turms"|"turms-client"|"turms-close"|"httpmap"|"http",
     "label": string, "name": string, "number": int, "listed": bool,
     "class"?: string,   the class or category
     "grpc"?: string,    the canonical gRPC code it maps to
     "http"?: int,       the HTTP status it maps to
     "retry"?: {"decision": "success"|"empty"|"retry"|"backoff"|"idempotent-only"|"fail",
                "reason"?: string},
     "rpcs"?: {"allowed": [string], "reserved": [string]},      RocketMQ only
     "grpc_semantic"?: string, "grpc_transport"?: string,        HTTP status only
     "mapped_from"?: [{"registry": string, "label": string, "count": int,
                      "codes": [{"name": string, "number": int}]}]}  HTTP status only
  rpc:
    {"rpc": string, "method": string,
     "classes": [{"class": string, "number": int, "codes": [{"name", "number"}]}],
     "reserved": [{"name": string, "number": int}]}
  matrix:
    {"rpcs": [string], "rows": [{"name": string, "number": int, "class": bool,
     "marks": ["Allowed"|"NotAllowed"|"Reserved"|"NotListed", one per rpc]}]}
  -:
    {"http": int, "status": string, "message": string, "request_id"?: string,
     "grpc": string, "retry": {...}, "codes": [hit]}
`

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
		fmt.Fprint(stdout, usage)
		return exitFound

	case verbLookup, verbSearch:
		var found []hit
		if q.verb == verbLookup {
			found = lookup(&q)
		} else {
			found = search(&q)
		}
		if q.json {
			if found == nil {
				found = []hit{}
			}
			writeJSON(stdout, lookupResult{q.arg, found})
		} else if q.verb == verbLookup {
			p.hits(found)
		} else {
			p.table(found)
		}
		if len(found) == 0 {
			return notFound(nothingFound(&q))
		}
		return exitFound

	case verbRPC:
		r, err := rocketmq.ParseRPC(q.arg)
		if err != nil || r.Method() == "" {
			msg := fmt.Sprintf("RocketMQ has no RPC %s", quote(q.arg))
			if s := suggestRPC(q.arg); s != "" {
				msg += "; did you mean " + s + "?"
			}
			return notFound(msg)
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
			fmt.Fprintf(stderr, "statuscode: no docs for %s: want grpc, rocketmq, turms, httpmap or readme\n", quote(q.arg))
			return exitUsage
		}
		d.render(stdout)
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

// suggestRPC returns the RPC name closest to s, if one is close.
func suggestRPC(s string) string {
	var names []string
	for _, r := range rocketmq.RPCs() {
		names = append(names, r.String())
	}
	return closest(s, names)
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
