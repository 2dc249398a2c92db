package main

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// upstreamCode is a code of one revision as testdata/ lists it.
type upstreamCode struct {
	name string
	num  int64
	http int
}

// tsvCodes reads a Turms server enum's table (code, name, http_status, ...).
func tsvCodes(t *testing.T, file string) []upstreamCode {
	t.Helper()
	var out []upstreamCode
	for _, r := range seedTSV(t, file).Rows {
		n, err := strconv.ParseInt(r[0], 10, 64)
		require.NoError(t, err)
		h, err := strconv.Atoi(r[2])
		require.NoError(t, err)
		out = append(out, upstreamCode{r[1], n, h})
	}
	return out
}

// mdCodes reads a table of turms-status-code.md (category, name, number).
func mdCodes(t *testing.T, table int) []upstreamCode {
	t.Helper()
	var out []upstreamCode
	for _, r := range seedTables(t, "turms-status-code.md")[table].Rows {
		n, err := strconv.ParseInt(r[2], 10, 64)
		require.NoError(t, err)
		out = append(out, upstreamCode{r[1], n, 0})
	}
	return out
}

// expectedDrift computes, from the two revisions' tables alone, what the
// drift of one code set must list.
func expectedDrift(older, newer []upstreamCode) driftSet {
	byName := func(cs []upstreamCode) map[string]upstreamCode {
		m := map[string]upstreamCode{}
		for _, c := range cs {
			m[c.name] = c
		}
		return m
	}
	byNum := func(cs []upstreamCode) map[int64]upstreamCode {
		m := map[int64]upstreamCode{}
		for _, c := range cs {
			m[c.num] = c
		}
		return m
	}
	oldNames, newNames, newNums := byName(older), byName(newer), byNum(newer)
	s := driftSet{FromCount: len(older), ToCount: len(newer),
		Renumbered: []renumbered{}, Removed: []driftCode{}, Added: []driftCode{}, NewHTTP: []newHTTP{}, Reused: []reusedNumber{}}
	for _, o := range older {
		n, ok := newNames[o.name]
		switch {
		case !ok:
			s.Removed = append(s.Removed, driftCode{o.name, o.num, o.http})
		case n.num != o.num:
			s.Renumbered = append(s.Renumbered, renumbered{o.name, o.num, n.num})
		case n.http != o.http:
			s.NewHTTP = append(s.NewHTTP, newHTTP{o.name, o.num, o.http, n.http})
		default:
			s.Identical++
		}
		if other, ok := newNums[o.num]; ok && other.name != o.name {
			s.Reused = append(s.Reused, reusedNumber{o.num, o.name, other.name, o.http, other.http})
			if other.http != o.http {
				s.ReusedNewHTTP++
			}
		}
	}
	for _, n := range newer {
		if _, ok := oldNames[n.name]; !ok {
			s.Added = append(s.Added, driftCode{n.name, n.num, n.http})
		}
	}
	return s
}

func TestDriftTurms(t *testing.T) {
	r := statuscode(t, nil, "drift", "turms", "--json")
	require.Equal(t, exitFound, r.code, r.stderr)
	var res driftResult
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &res), r.stdout)
	assert.Equal(t, "turms", res.System)
	assert.Equal(t, "2023-12-25", res.From)
	assert.Equal(t, "2024-07-14", res.To)
	require.Len(t, res.Sets, 3, "server codes, client-only codes, close statuses")

	var kotlin []upstreamCode
	for _, row := range seedTSV(t, "turms-client-kotlin-2024-12-28.tsv").Rows {
		if row[2] == "client_only" {
			n, err := strconv.ParseInt(row[0], 10, 64)
			require.NoError(t, err)
			kotlin = append(kotlin, upstreamCode{row[1], n, 0})
		}
	}
	for i, tc := range []struct {
		from, to, label string
		older, newer    []upstreamCode
	}{
		{"turms", "turms-2024", "Turms server code",
			tsvCodes(t, "turms-server-http-status.tsv"), tsvCodes(t, "turms-server-2024-07-14.tsv")},
		{"turms-client", "turms-2024-client", "Turms client-only code", mdCodes(t, 0), kotlin},
		{"turms-close", "turms-2024-close", "Turms session close status", mdCodes(t, 2), mdCodes(t, 2)},
	} {
		got := res.Sets[i]
		assert.Equal(t, tc.from, got.FromRegistry)
		assert.Equal(t, tc.to, got.ToRegistry)
		assert.Equal(t, tc.label, got.Label)
		want := expectedDrift(tc.older, tc.newer)
		want.FromRegistry, want.ToRegistry, want.Label = tc.from, tc.to, tc.label
		assert.Equal(t, want, got, tc.label)
	}

	// The reference's counts of the server codes.
	s := res.Sets[0]
	assert.Equal(t, 155, s.FromCount)
	assert.Equal(t, 192, s.ToCount)
	assert.Equal(t, 105, s.Identical)
	assert.Len(t, s.Renumbered, 27)
	assert.Len(t, s.Removed, 23)
	assert.Len(t, s.Added, 60)
	assert.Empty(t, s.NewHTTP)
	assert.Len(t, s.Reused, 49)
	assert.Equal(t, 11, s.ReusedNewHTTP)
	assert.Contains(t, s.Renumbered, renumbered{"CREATE_EXISTING_FRIEND_REQUEST", 2601, 2600})
	assert.Contains(t, s.Reused, reusedNumber{3408, "NOT_GROUP_OWNER_TO_UPDATE_GROUP_MEMBER_ROLE", "NOT_GROUP_OWNER_OR_MANAGER_TO_REMOVE_GROUP_MEMBER", 403, 403})
	// The client-only codes: 10, 90 and 91 added, 400 and 500 removed.
	c := res.Sets[1]
	assert.Equal(t, []driftCode{{"DATA_NOT_FOUND", 10, 0}, {"HTTP_ERROR", 90, 0}, {"HTTP_NOT_SUCCESSFUL_RESPONSE", 91, 0}}, c.Added)
	assert.Equal(t, []driftCode{{"MESSAGE_IS_REJECTED", 400, 0}, {"QUERY_PROFILE_URL_TO_UPDATE_BEFORE_LOGIN", 500, 0}}, c.Removed)
	assert.Equal(t, 14, res.Sets[2].Identical)

	// The text form says the same, count by count and code by code.
	text := statuscode(t, nil, "drift", "turms").stdout
	for _, want := range []string{
		"from the revision of 2023-12-25 to that of 2024-07-14",
		"Turms server code: 155 codes, then 192",
		"105 identical", "27 renumbered", "23 removed", "60 added", "0 kept under their number with a new HTTP status",
		"49 numbers of both that name another code now (11 with another HTTP status too)",
		"Turms client-only code: 11 codes, then 12",
	} {
		assert.Contains(t, text, want)
	}
	for _, c := range s.Renumbered {
		assert.Regexp(t, `\n    `+c.Name+` +`+strconv.FormatInt(c.From, 10)+` -> `+strconv.FormatInt(c.To, 10)+`\n`, text)
	}
	for _, c := range append(append([]driftCode{}, s.Removed...), s.Added...) {
		assert.Regexp(t, `\n    `+c.Name+` +`+strconv.FormatInt(c.Number, 10)+` +HTTP `+strconv.Itoa(c.HTTP)+`\n`, text)
	}
	for _, c := range s.Reused {
		lines := "\n    " + strconv.FormatInt(c.Number, 10) + "  " + c.From + "\n      ->  " + c.To
		if c.HTTPFrom != c.HTTPTo {
			lines += "  (HTTP " + strconv.Itoa(c.HTTPFrom) + " -> " + strconv.Itoa(c.HTTPTo) + ")"
		}
		assert.Contains(t, text, lines+"\n")
	}
	assert.NotRegexp(t, ` \n`, text, "no trailing spaces")
}

func TestDriftUsage(t *testing.T) {
	for _, args := range [][]string{{"drift", "rocketmq"}, {"drift", "nope"}, {"drift"}, {"drift", "turms", "--registry", "turms"}} {
		r := statuscode(t, nil, args...)
		assert.Equal(t, exitUsage, r.code, "%q", args)
		assert.Empty(t, r.stdout, "%q", args)
		assert.NotEmpty(t, r.stderr, "%q", args)
	}
	r := statuscode(t, nil, "drift", "rocketmq")
	assert.Contains(t, r.stderr, `no revisions of "rocketmq" to compare: want turms`)
	r = statuscode(t, nil, "drift", " TURMS ")
	assert.Equal(t, exitFound, r.code, "the system's name in any letter case")
}
