package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/statusreg/statusreg/internal/registries"
)

// drift compares the oldest and the newest revision of a system whose
// numbers change between revisions (registries.Registry.System), code
// set by code set, from the registries themselves: a code is the same
// code in both when it has the same upstream name.

// driftResult is the --json shape of drift.
type driftResult struct {
	System string     `json:"system"`
	From   string     `json:"from"` // the older revision
	To     string     `json:"to"`   // the newer revision
	Sets   []driftSet `json:"sets"`
}

// driftSet is what changed in one code set.
type driftSet struct {
	FromRegistry string `json:"from_registry"`
	ToRegistry   string `json:"to_registry"`
	Label        string `json:"label"` // the set, without the revision
	FromCount    int    `json:"from_count"`
	ToCount      int    `json:"to_count"`
	// Identical counts the codes with the same name, number and HTTP
	// status in both.
	Identical  int            `json:"identical"`
	Renumbered []renumbered   `json:"renumbered"` // same name, another number
	Removed    []driftCode    `json:"removed"`    // a name the newer revision lacks
	Added      []driftCode    `json:"added"`      // a name the older revision lacks
	NewHTTP    []newHTTP      `json:"new_http"`   // same name and number, another HTTP status
	Reused     []reusedNumber `json:"reused"`     // a number of both that names another code now
	// ReusedNewHTTP counts the reused numbers whose HTTP status changed too.
	ReusedNewHTTP int `json:"reused_new_http"`

	hasHTTP bool // the set's codes have HTTP statuses
}

type renumbered struct {
	Name string `json:"name"`
	From int64  `json:"from"`
	To   int64  `json:"to"`
}

type driftCode struct {
	Name   string `json:"name"`
	Number int64  `json:"number"`
	HTTP   int    `json:"http,omitempty"`
}

type newHTTP struct {
	Name   string `json:"name"`
	Number int64  `json:"number"`
	From   int    `json:"from"`
	To     int    `json:"to"`
}

type reusedNumber struct {
	Number   int64  `json:"number"`
	From     string `json:"from"` // the code the older revision names by it
	To       string `json:"to"`   // the code the newer revision names by it
	HTTPFrom int    `json:"http_from,omitempty"`
	HTTPTo   int    `json:"http_to,omitempty"`
}

// systems returns the names of the systems with revisions, for
// messages.
func systems() []string {
	var out []string
	for _, r := range registries.All {
		if r.System != "" && !slices.Contains(out, r.System) {
			out = append(out, r.System)
		}
	}
	return out
}

// driftOf compares the oldest and the newest revision of the system
// named name; false when no system of more than one revision has the
// name.
func driftOf(name string) (driftResult, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	res := driftResult{System: name, Sets: []driftSet{}}
	var types []string
	for i := range registries.All {
		r := &registries.All[i]
		if r.System != name || slices.Contains(types, r.Type) {
			continue
		}
		types = append(types, r.Type)
		revs := r.Revisions()
		if len(revs) < 2 {
			continue
		}
		older, newer := revs[0], revs[len(revs)-1]
		res.From, res.To = older.Revision, newer.Revision
		res.Sets = append(res.Sets, compare(older, newer))
	}
	return res, len(res.Sets) > 0
}

// compare returns what changed from the registry older to newer.
func compare(older, newer *registries.Registry) driftSet {
	type code struct {
		num  int64
		http int
	}
	read := func(r *registries.Registry) (byName map[string]code, byNum map[int64]string, order []string) {
		byName, byNum = map[string]code{}, map[int64]string{}
		for _, n := range r.Upstream() {
			c := code{num: n}
			if r.HTTPStatus != nil {
				c.http = r.HTTPStatus(n)
			}
			byName[r.String(n)] = c
			byNum[n] = r.String(n)
			order = append(order, r.String(n))
		}
		return byName, byNum, order
	}
	oldNames, _, oldOrder := read(older)
	newNames, newNums, newOrder := read(newer)
	s := driftSet{
		FromRegistry: older.Name, ToRegistry: newer.Name,
		Label:     strings.TrimSuffix(older.Label, " ("+older.Revision+")"),
		FromCount: len(oldOrder), ToCount: len(newOrder),
		Renumbered: []renumbered{}, Removed: []driftCode{}, Added: []driftCode{},
		NewHTTP: []newHTTP{}, Reused: []reusedNumber{},
		hasHTTP: older.HTTPStatus != nil,
	}
	for _, name := range oldOrder {
		o := oldNames[name]
		n, kept := newNames[name]
		switch {
		case !kept:
			s.Removed = append(s.Removed, driftCode{name, o.num, o.http})
		case n.num != o.num:
			s.Renumbered = append(s.Renumbered, renumbered{name, o.num, n.num})
		case n.http != o.http:
			s.NewHTTP = append(s.NewHTTP, newHTTP{name, o.num, o.http, n.http})
		default:
			s.Identical++
		}
		if other, ok := newNums[o.num]; ok && other != name {
			h := newNames[other].http
			s.Reused = append(s.Reused, reusedNumber{o.num, name, other, o.http, h})
			if h != o.http {
				s.ReusedNewHTTP++
			}
		}
	}
	for _, name := range newOrder {
		if _, ok := oldNames[name]; !ok {
			n := newNames[name]
			s.Added = append(s.Added, driftCode{name, n.num, n.http})
		}
	}
	return s
}

// drift prints a drift result as text.
func (p *printer) drift(res driftResult) {
	fmt.Fprintf(p.w, "%s: what changed from the revision of %s to that of %s, code by name\n",
		p.bold(res.System), res.From, res.To)
	for _, s := range res.Sets {
		fmt.Fprintln(p.w)
		fmt.Fprintf(p.w, "%s: %d codes, then %d\n", p.bold(s.Label), s.FromCount, s.ToCount)
		tw := tabwriter.NewWriter(p.w, 0, 0, 2, ' ', tabwriter.AlignRight)
		row := func(n int, what string) { fmt.Fprintf(tw, "  %d\t %s\n", n, what) }
		same := "same name and number"
		if s.hasHTTP {
			same = "same name, number and HTTP status"
		}
		row(s.Identical, "identical ("+same+")")
		row(len(s.Renumbered), "renumbered (same name, another number)")
		row(len(s.Removed), "removed")
		row(len(s.Added), "added")
		if s.hasHTTP {
			row(len(s.NewHTTP), "kept under their number with a new HTTP status")
		}
		reused := "numbers of both that name another code now"
		if s.hasHTTP {
			reused += fmt.Sprintf(" (%d with another HTTP status too)", s.ReusedNewHTTP)
		}
		row(len(s.Reused), reused)
		tw.Flush()

		list := func(title string, lines [][]string) {
			if len(lines) == 0 {
				return
			}
			fmt.Fprintln(p.w)
			fmt.Fprintln(p.w, "  "+title+":")
			var b strings.Builder
			tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
			for _, l := range lines {
				fmt.Fprintln(tw, "    "+strings.Join(l, "\t"))
			}
			tw.Flush()
			for line := range strings.Lines(b.String()) {
				fmt.Fprintln(p.w, strings.TrimRight(line, " \n"))
			}
		}
		httpOf := func(h int) string {
			if h == 0 {
				return ""
			}
			return "HTTP " + strconv.Itoa(h)
		}
		num := func(n int64) string { return strconv.FormatInt(n, 10) }
		var lines [][]string
		for _, c := range s.Renumbered {
			lines = append(lines, []string{c.Name, num(c.From) + " -> " + num(c.To)})
		}
		list("renumbered", lines)
		lines = nil
		for _, c := range s.Removed {
			lines = append(lines, []string{c.Name, num(c.Number), httpOf(c.HTTP)})
		}
		list("removed", lines)
		lines = nil
		for _, c := range s.Added {
			lines = append(lines, []string{c.Name, num(c.Number), httpOf(c.HTTP)})
		}
		list("added", lines)
		lines = nil
		for _, c := range s.NewHTTP {
			lines = append(lines, []string{c.Name, num(c.Number), httpOf(c.From) + " -> " + strconv.Itoa(c.To)})
		}
		list("kept under their number with a new HTTP status", lines)
		if len(s.Reused) > 0 {
			// Two lines a number: what it named, and what it names now.
			fmt.Fprintln(p.w)
			fmt.Fprintln(p.w, "  numbers that name another code now:")
			width := 0
			for _, c := range s.Reused {
				width = max(width, len(num(c.Number)))
			}
			for _, c := range s.Reused {
				h := ""
				if c.HTTPFrom != c.HTTPTo {
					h = "  (" + httpOf(c.HTTPFrom) + " -> " + strconv.Itoa(c.HTTPTo) + ")"
				}
				fmt.Fprintf(p.w, "    %*s  %s\n", width, num(c.Number), c.From)
				fmt.Fprintf(p.w, "    %*s  %s%s\n", width, "->", c.To, h)
			}
		}
	}
}
