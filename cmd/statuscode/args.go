package main

import (
	"fmt"
	"strings"
)

// A verb is what a command line asks for.
type verb uint8

const (
	verbHelp    verb = iota + 1 // print the usage
	verbLookup                  // a number or a name
	verbSearch                  // --search WORD
	verbRPC                     // rpc NAME
	verbMatrix                  // matrix
	verbExplain                 // -: an error body on standard input
	verbDocs                    // docs REGISTRY
	verbDrift                   // drift SYSTEM
)

// A query is a parsed command line.
type query struct {
	verb     verb
	arg      string   // the number, name, word, RPC or registry the verb takes
	only     []string // --registry: the systems to search, nil for all
	all      bool     // --all: list every code an HTTP status summarises
	json     bool     // --json
	write    string   // docs readme -w FILE: rewrite FILE's generated section
	registry string   // --registry as given, for messages
}

// usageError is a command line the command cannot run: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// maxArg bounds the length of an argument quoted in an error message.
const maxArg = 64

// quote quotes s for a message, cut to maxArg bytes.
func quote(s string) string {
	if len(s) > maxArg {
		s = s[:maxArg] + "..."
	}
	return fmt.Sprintf("%q", s)
}

// parseArgs reads a command line (without the program name). Flags may
// come before or after the other arguments; "--" ends them; "-" alone is
// the explain verb. Each flag has a long form (--json) and Go's
// single-dash form (-json); a flag's value follows it or an "=".
func parseArgs(args []string) (query, error) {
	var (
		q     query
		words []string
	)
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			words = append(words, args[i+1:]...)
			break
		}
		if a == "-" || !strings.HasPrefix(a, "-") || isNumber(a) {
			words = append(words, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		takeValue := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(args) {
				return "", usagef("flag --%s needs a value", name)
			}
			i++
			return args[i], nil
		}
		switch name {
		case "h", "help":
			return query{verb: verbHelp}, nil
		case "json", "all":
			if hasValue {
				return query{}, usagef("flag --%s takes no value", name)
			}
			if name == "json" {
				q.json = true
			} else {
				q.all = true
			}
		case "registry", "r":
			v, err := takeValue()
			if err != nil {
				return query{}, err
			}
			only, err := parseRegistry(v)
			if err != nil {
				return query{}, err
			}
			q.only, q.registry = only, v
		case "search", "s":
			v, err := takeValue()
			if err != nil {
				return query{}, err
			}
			if q.verb == verbSearch {
				return query{}, usagef("--search given twice")
			}
			q.verb, q.arg = verbSearch, v
		case "w":
			v, err := takeValue()
			if err != nil {
				return query{}, err
			}
			q.write = v
		default:
			return query{}, usagef("unknown flag %s", quote(a))
		}
	}
	return q.withWords(words)
}

// withWords completes q with the arguments that are not flags.
func (q query) withWords(words []string) (query, error) {
	if q.verb == verbSearch {
		if len(words) > 0 {
			return query{}, usagef("--search takes one word; unexpected %s", quote(words[0]))
		}
		if strings.TrimSpace(q.arg) == "" {
			return query{}, usagef("--search needs a word")
		}
		return q.check()
	}
	if len(words) == 0 {
		return query{}, usagef("nothing to look up")
	}
	switch first, rest := words[0], words[1:]; {
	case first == "help":
		return query{verb: verbHelp}, nil
	case first == "-":
		q.verb = verbExplain
		if len(rest) > 0 {
			return query{}, usagef("- reads standard input; unexpected %s", quote(rest[0]))
		}
	case first == "matrix":
		q.verb = verbMatrix
		if len(rest) > 0 {
			return query{}, usagef("matrix takes no argument; unexpected %s", quote(rest[0]))
		}
	case first == "rpc" || first == "docs" || first == "drift":
		q.verb = map[string]verb{"rpc": verbRPC, "docs": verbDocs, "drift": verbDrift}[first]
		if len(rest) != 1 {
			return query{}, usagef("%s takes one argument, got %d", first, len(rest))
		}
		q.arg = rest[0]
		if strings.TrimSpace(q.arg) == "" {
			return query{}, usagef("%s needs a non-empty argument", first)
		}
	default:
		if len(rest) > 0 {
			return query{}, usagef("one query at a time; unexpected %s (join the words of a name with _)", quote(rest[0]))
		}
		q.verb, q.arg = verbLookup, first
		if strings.TrimSpace(first) == "" {
			return query{}, usagef("nothing to look up: the query is empty")
		}
	}
	return q.check()
}

// check rejects flags that make no sense with q's verb.
func (q query) check() (query, error) {
	if q.write != "" && !(q.verb == verbDocs && q.arg == "readme") {
		return query{}, usagef("-w is for docs readme only")
	}
	if q.verb == verbDocs && q.json {
		return query{}, usagef("docs prints Markdown; --json does not apply")
	}
	if q.verb == verbDocs || q.verb == verbMatrix || q.verb == verbRPC || q.verb == verbDrift {
		if q.only != nil {
			return query{}, usagef("--registry does not apply to %s", verbName[q.verb])
		}
	}
	return q, nil
}

var verbName = [...]string{verbRPC: "rpc", verbMatrix: "matrix", verbDocs: "docs", verbDrift: "drift"}

// isNumber reports whether s is a decimal integer, possibly negative.
func isNumber(s string) bool {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "-")
	s = strings.TrimPrefix(s, "+")
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
