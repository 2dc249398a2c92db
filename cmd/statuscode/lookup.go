package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/internal/registries"
)

// lookup returns every hit of a number or a name, in the order of
// registries.All, the HTTP status last. A name is any form a registry's
// parser reads (TOPIC_NOT_FOUND, TopicNotFound, Code(40499), CODE_40402):
// it finds what the number it names finds.
func lookup(q *query) []hit {
	var found []hit
	arg := strings.TrimSpace(q.arg)
	if n, err := strconv.ParseInt(strings.TrimPrefix(arg, "+"), 10, 64); err == nil {
		for i := range registries.All {
			r := &registries.All[i]
			if r.OwnNumbers == "" && q.selected(r.Name) && r.Describes(n) {
				found = append(found, hitOf(r, n))
			}
		}
		if q.selected(regHTTP) && n >= 100 && n <= 599 {
			found = append(found, httpStatusHit(int(n)))
		}
		return found
	}
	if isNumber(arg) { // a number too large for int64
		return nil
	}
	for i := range registries.All {
		r := &registries.All[i]
		if !q.selected(r.Name) {
			continue
		}
		if n, err := r.Parse(arg); err == nil && r.Describes(n) {
			found = append(found, hitOf(r, n))
		}
	}
	return found
}

// httpStatusHit describes HTTP status s: its two gRPC mappings, and the
// codes of every registry that map to it.
func httpStatusHit(s int) hit {
	semantic := grpccodes.FromHTTPStatus(s)
	h := hit{
		Registry: regHTTP, Label: "HTTP status",
		Name: statusText(s), Number: int64(s), Listed: statusText(s) != "",
		Class:         fmt.Sprintf("%dxx %s", s/100, httpClass[s/100]),
		GRPCSemantic:  grpccodes.Name(semantic),
		GRPCTransport: grpccodes.Name(grpccodes.FromHTTPTransport(s)),
		Retry:         grpcDecision(semantic),
	}
	if s < 400 {
		h.Retry = &decision{Decision: "success"}
		if s < 200 || s >= 300 {
			h.Retry = nil
		}
	}
	for i := range registries.All {
		r := &registries.All[i]
		if r.HTTPStatus == nil {
			continue
		}
		var refs []codeRef
		for _, n := range r.Upstream() {
			if r.HTTPStatus(n) == s {
				refs = append(refs, codeRef{r.String(n), n})
			}
		}
		if refs != nil {
			h.MappedFrom = append(h.MappedFrom, family{r.Name, r.Label, len(refs), refs})
		}
	}
	return h
}

var httpClass = [...]string{1: "informational", 2: "success", 3: "redirection", 4: "client error", 5: "server error"}

// statusText is http.StatusText, plus nginx's 499.
func statusText(s int) string { return registries.StatusText(s) }

// search returns every listed code whose name contains word, ignoring
// letter case and treating spaces and hyphens as underscores.
func search(q *query) []hit {
	word := normalise(q.arg)
	var found []hit
	for i := range registries.All {
		r := &registries.All[i]
		if !q.selected(r.Name) {
			continue
		}
		for _, n := range r.Upstream() {
			if strings.Contains(r.String(n), word) {
				found = append(found, hitOf(r, n))
			}
		}
	}
	return found
}

// normalise upper-cases s and turns spaces and hyphens into underscores.
func normalise(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(s)
}

// suggest returns the listed name closest to s, when one is close enough
// to be a misspelling of it.
func suggest(q *query, s string) string {
	var names []string
	for i := range registries.All {
		r := &registries.All[i]
		if q.selected(r.Name) {
			for _, n := range r.Upstream() {
				names = append(names, r.String(n))
			}
		}
	}
	return closest(s, names)
}

// closest returns the name nearest to s, ignoring letter case and
// punctuation, if it is at most a few edits away: one per four letters,
// three at most. Ties go to the first name.
func closest(s string, names []string) string {
	want := squash(s)
	if want == "" || len(want) > 128 {
		return ""
	}
	best, bestDist := "", min(len(want)/4+1, 3)+1
	for _, name := range names {
		if d := distance(want, squash(name)); d < bestDist {
			best, bestDist = name, d
		}
	}
	return best
}

// squash upper-cases s and drops everything but letters and digits, so
// that "topic-not-found", "TopicNotFound" and "TOPIC_NOT_FOUND" compare
// equal.
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// distance is the Levenshtein distance of a and b, byte-wise.
func distance(a, b string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
