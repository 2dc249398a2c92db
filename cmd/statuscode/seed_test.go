package main

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/internal/source"
)

// The tests here hold the command's answers against testdata/, the
// upstream tables, read independently of the registries.

func seedTables(t testing.TB, file string) []source.Table {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	tables, err := source.Markdown(filepath.Join(dir, file))
	require.NoError(t, err)
	return tables
}

func seedTSV(t testing.TB, file string) source.Table {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	tab, err := source.TSV(filepath.Join(dir, file))
	require.NoError(t, err)
	return tab
}

// seedMarks returns the RocketMQ matrix as code name → RPC → cell.
func seedMarks(t testing.TB) (main, telemetry source.Table, marks map[string]map[string]string) {
	tables := seedTables(t, "rocketmq-status-code-matrix.md")
	require.Len(t, tables, 2)
	marks = map[string]map[string]string{}
	for _, tab := range tables {
		for _, row := range tab.Rows {
			name := strings.TrimSuffix(row[0], "*")
			if marks[name] == nil {
				marks[name] = map[string]string{}
			}
			for j, cell := range row[1:] {
				marks[name][tab.Header[j+1]] = cell
			}
		}
	}
	return tables[0], tables[1], marks
}

// rpcsMarked returns the RPCs whose cell for code is mark, in column order.
func rpcsMarked(main, telemetry source.Table, marks map[string]map[string]string, code, mark string) []string {
	out := []string{}
	for _, rpc := range append(slices.Clone(main.Header[1:]), telemetry.Header[1:]...) {
		if marks[code][rpc] == mark {
			out = append(out, rpc)
		}
	}
	return out
}

func TestRocketMQNumberAgainstTheMatrix(t *testing.T) {
	main, telemetry, marks := seedMarks(t)
	for _, row := range main.Rows {
		name := strings.TrimSuffix(row[0], "*")
		codes := seedTSV(t, "rocketmq-codes.tsv")
		num := ""
		for _, c := range codes.Rows {
			if c[1] == name {
				num = c[0]
			}
		}
		require.NotEmpty(t, num, name)
		res, r := lookupJSON(t, num, "--registry", "rocketmq")
		require.Equal(t, exitFound, r.code, name)
		require.Len(t, res.Hits, 1)
		h := res.Hits[0]
		assert.Equal(t, name, h.Name)
		assert.True(t, h.Listed)
		assert.Equal(t, strings.HasSuffix(row[0], "*"), h.Class == name, "%s is a class", name)
		assert.Equal(t, rpcsMarked(main, telemetry, marks, name, "✅"), h.RPCs.Allowed, name)
		assert.Equal(t, rpcsMarked(main, telemetry, marks, name, "🔄"), h.RPCs.Reserved, name)
		if strings.HasPrefix(num, "4") || strings.HasPrefix(num, "5") {
			assert.Equal(t, num[:3], strconv.Itoa(h.HTTP), "%s: HTTP status is its first three digits", name)
		}
	}
}

func TestIssueExamples(t *testing.T) {
	// 40402: RocketMQ's TOPIC_NOT_FOUND, in class NOT_FOUND.
	res, _ := lookupJSON(t, "40402")
	hits := byRegistry(t, res.Hits)
	require.Len(t, hits, 1)
	h := hits["rocketmq"]
	assert.Equal(t, "TOPIC_NOT_FOUND", h.Name)
	assert.Equal(t, "NOT_FOUND", h.Class)
	assert.Equal(t, int64(40400), *h.ClassNum)
	assert.Equal(t, "NOT_FOUND", h.GRPC)
	assert.Equal(t, 404, h.HTTP)
	assert.Equal(t, "fail", h.Retry.Decision)

	// 3403: a Turms server code, its category and HTTP status from the
	// seed; the revision of 2024-07-14 kept it.
	res, _ = lookupJSON(t, "3403")
	hits = byRegistry(t, res.Hits)
	require.Len(t, hits, 2)
	for _, reg := range []string{"turms", "turms-2024"} {
		h = hits[reg]
		assert.Equal(t, "ADD_USER_TO_GROUP_WITH_SIZE_LIMIT_REACHED", h.Name, reg)
		assert.Equal(t, "Group - Member Related Error", h.Class, reg)
		assert.Equal(t, 403, h.HTTP, reg)
	}

	// 3408: what the number means in each Turms revision, labelled with
	// the revision.
	res, _ = lookupJSON(t, "3408")
	hits = byRegistry(t, res.Hits)
	require.Len(t, hits, 2)
	assert.Equal(t, "NOT_GROUP_OWNER_TO_UPDATE_GROUP_MEMBER_ROLE", hits["turms"].Name)
	assert.Equal(t, "Turms server code (2023-12-25)", hits["turms"].Label)
	assert.Equal(t, "NOT_GROUP_OWNER_OR_MANAGER_TO_REMOVE_GROUP_MEMBER", hits["turms-2024"].Name)
	assert.Equal(t, "Turms server code (2024-07-14)", hits["turms-2024"].Label)
	text := statuscode(t, nil, "3408").stdout
	assert.Contains(t, text, "Turms server code (2023-12-25)  NOT_GROUP_OWNER_TO_UPDATE_GROUP_MEMBER_ROLE  3408")
	assert.Contains(t, text, "Turms server code (2024-07-14)  NOT_GROUP_OWNER_OR_MANAGER_TO_REMOVE_GROUP_MEMBER  3408")

	// 14: gRPC UNAVAILABLE, a transient outage: retried.
	res, _ = lookupJSON(t, "14")
	hits = byRegistry(t, res.Hits)
	require.Len(t, hits, 1)
	assert.Equal(t, "UNAVAILABLE", hits["grpc"].Name)
	assert.Equal(t, 503, hits["grpc"].HTTP)
	assert.Equal(t, "retry", hits["grpc"].Retry.Decision)

	// 503: the HTTP status with both gRPC mappings, labelled apart.
	res, _ = lookupJSON(t, "503")
	hits = byRegistry(t, res.Hits)
	require.Len(t, hits, 1)
	h = hits["http"]
	assert.Equal(t, "Service Unavailable", h.Name)
	assert.Equal(t, "UNAVAILABLE", h.GRPCSemantic)
	assert.Equal(t, "UNAVAILABLE", h.GRPCTransport)
	mapped := map[string][]string{}
	for _, f := range h.MappedFrom {
		assert.Equal(t, len(f.Codes), f.Count)
		for _, c := range f.Codes {
			mapped[f.Registry] = append(mapped[f.Registry], c.Name)
		}
	}
	assert.Equal(t, []string{"UNAVAILABLE"}, mapped["grpc"])
	assert.Contains(t, mapped["turms"], "SERVER_UNAVAILABLE")

	// 404's two mappings differ: an API's NOT_FOUND, a transport's UNIMPLEMENTED.
	res, _ = lookupJSON(t, "404")
	h = byRegistry(t, res.Hits)["http"]
	assert.Equal(t, "NOT_FOUND", h.GRPCSemantic)
	assert.Equal(t, "UNIMPLEMENTED", h.GRPCTransport)
	text = statuscode(t, nil, "404").stdout
	assert.Contains(t, text, "gRPC, semantic")
	assert.Contains(t, text, "gRPC, transport")

	// 100 is a Turms client-only code, a close status (in both
	// revisions) and an HTTP status.
	res, _ = lookupJSON(t, "100")
	hits = byRegistry(t, res.Hits)
	assert.Len(t, hits, 5)
	for _, rev := range []string{"turms", "turms-2024"} {
		assert.Equal(t, "INVALID_REQUEST", hits[rev+"-client"].Name)
		assert.Equal(t, "Request related", hits[rev+"-client"].Class)
		assert.Equal(t, "ILLEGAL_REQUEST", hits[rev+"-close"].Name)
		assert.Equal(t, "Illegal client behavior", hits[rev+"-close"].Class)
	}
	assert.Equal(t, "Continue", hits["http"].Name)

	// 40499 is not listed, but falls in RocketMQ's NOT_FOUND family.
	res, r := lookupJSON(t, "40499")
	assert.Equal(t, exitFound, r.code)
	hits = byRegistry(t, res.Hits)
	require.Len(t, hits, 1)
	h = hits["rocketmq"]
	assert.False(t, h.Listed)
	assert.Equal(t, "Code(40499)", h.Name)
	assert.Equal(t, "NOT_FOUND", h.Class)
	assert.Empty(t, h.RPCs.Allowed)
	assert.False(t, h.RPCs.InMatrix)
	assert.Contains(t, statuscode(t, nil, "40499").stdout, "not listed")
}

func TestNamesAcrossRegistries(t *testing.T) {
	// Turms' server and client-only INVALID_REQUEST are both found,
	// apart, in each revision.
	for _, in := range []string{"INVALID_REQUEST", "invalid_request", " Invalid_Request "} {
		res, r := lookupJSON(t, in)
		require.Equal(t, exitFound, r.code, in)
		hits := byRegistry(t, res.Hits)
		require.Len(t, hits, 4, in)
		assert.Equal(t, int64(1100), hits["turms"].Number)
		assert.Equal(t, "Turms server code (2023-12-25)", hits["turms"].Label)
		assert.Equal(t, int64(100), hits["turms-client"].Number)
		assert.Equal(t, "Turms client-only code (2023-12-25)", hits["turms-client"].Label)
		assert.Equal(t, int64(1100), hits["turms-2024"].Number)
		assert.Equal(t, "Turms server code (2024-07-14)", hits["turms-2024"].Label)
		assert.Equal(t, int64(100), hits["turms-2024-client"].Number)
		assert.Equal(t, "Turms client-only code (2024-07-14)", hits["turms-2024-client"].Label)
	}
	text := statuscode(t, nil, "INVALID_REQUEST").stdout
	assert.Contains(t, text, "Turms server code (2023-12-25)  INVALID_REQUEST  1100")
	assert.Contains(t, text, "Turms client-only code (2023-12-25)  INVALID_REQUEST  100")

	res, _ := lookupJSON(t, "not_found")
	hits := byRegistry(t, res.Hits)
	assert.Len(t, hits, 2)
	assert.Equal(t, int64(5), hits["grpc"].Number)
	assert.Equal(t, int64(40400), hits["rocketmq"].Number)

	// INVALID_ARGUMENT is gRPC's and the HTTP API's.
	res, _ = lookupJSON(t, "INVALID_ARGUMENT")
	hits = byRegistry(t, res.Hits)
	assert.Len(t, hits, 2)
	assert.Equal(t, 400, hits["httpmap"].HTTP)
	assert.Equal(t, int64(3), hits["grpc"].Number)

	// Go names work too.
	res, _ = lookupJSON(t, "TopicNotFound")
	assert.Equal(t, "TOPIC_NOT_FOUND", byRegistry(t, res.Hits)["rocketmq"].Name)
	res, _ = lookupJSON(t, "CloseHeartbeatTimeout")
	assert.Equal(t, int64(110), byRegistry(t, res.Hits)["turms-close"].Number)
}

// TestEverySeedNameAndNumber looks up every row of every seed by name
// and by number, in-process (one run per row), and finds it.
func TestEverySeedNameAndNumber(t *testing.T) {
	type row struct {
		registry, name string
		num            int64
	}
	var rows []row
	for _, r := range seedTSV(t, "rocketmq-codes.tsv").Rows {
		n, err := strconv.ParseInt(r[0], 10, 64)
		require.NoError(t, err)
		rows = append(rows, row{"rocketmq", r[1], n})
	}
	turmsTables := seedTables(t, "turms-status-code.md")
	require.Len(t, turmsTables, 3)
	for i, reg := range []string{"turms-client", "turms", "turms-close"} {
		for _, r := range turmsTables[i].Rows {
			n, err := strconv.ParseInt(r[2], 10, 64)
			require.NoError(t, err)
			rows = append(rows, row{reg, r[1], n})
		}
	}
	grpcTables := seedTables(t, "grpc-status-codes.md")
	for _, r := range grpcTables[0].Rows {
		n, err := strconv.ParseInt(r[1], 10, 64)
		require.NoError(t, err)
		rows = append(rows, row{"grpc", r[0], n})
	}
	for _, r := range rows {
		for _, arg := range []string{r.name, strconv.FormatInt(r.num, 10)} {
			q, err := parseArgs([]string{arg})
			require.NoError(t, err)
			found := false
			for _, h := range lookup(&q) {
				if h.Registry == r.registry {
					found = true
					assert.Equal(t, r.name, h.Name, arg)
					assert.Equal(t, r.num, h.Number, arg)
					assert.True(t, h.Listed, arg)
				}
			}
			assert.True(t, found, "%s %s", r.registry, arg)
		}
	}
	for _, r := range seedTables(t, "http-proxy-returned-result.md")[0].Rows {
		q, err := parseArgs([]string{r[1]})
		require.NoError(t, err)
		hs := byRegistry(t, lookup(&q))
		require.Contains(t, hs, "httpmap", r[1])
		assert.Equal(t, strings.Trim(r[0], "*"), strconv.Itoa(hs["httpmap"].HTTP), r[1])
	}
}

func TestSearch(t *testing.T) {
	// Every seed name containing GROUP, in every registry, and no other.
	var want []string
	for _, r := range seedTSV(t, "rocketmq-codes.tsv").Rows {
		want = append(want, r[1])
	}
	for _, tab := range seedTables(t, "turms-status-code.md") {
		for _, r := range tab.Rows {
			want = append(want, r[1])
		}
	}
	// The revision of 2024-07-14: its server codes, the Kotlin client's
	// client-only codes, and the documentation's close statuses.
	for _, r := range seedTSV(t, "turms-server-2024-07-14.tsv").Rows {
		want = append(want, r[1])
	}
	for _, r := range seedTSV(t, "turms-client-kotlin-2024-12-28.tsv").Rows {
		if r[2] == "client_only" {
			want = append(want, r[1])
		}
	}
	for _, r := range seedTables(t, "turms-status-code.md")[2].Rows {
		want = append(want, r[1])
	}
	want = slices.DeleteFunc(want, func(s string) bool { return !strings.Contains(s, "GROUP") })
	res, r := lookupJSON(t, "--search", "group")
	require.Equal(t, exitFound, r.code)
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.Name)
	}
	assert.ElementsMatch(t, want, got)

	text := statuscode(t, nil, "--search", "consumer group").stdout
	assert.Contains(t, text, "ILLEGAL_CONSUMER_GROUP")
	assert.Contains(t, text, "CONSUMER_GROUP_NOT_FOUND")
	lines := strings.Split(strings.TrimSpace(text), "\n")
	assert.Len(t, lines, 3, "a header and two rows")
	col := strings.Index(lines[0], "NUMBER")
	for _, l := range lines[1:] {
		assert.NotEqual(t, ' ', rune(l[col]), "aligned: %q", l)
		assert.Equal(t, ' ', rune(l[col-1]), "aligned: %q", l)
	}

	res, r = lookupJSON(t, "--search", "group", "--registry", "rocketmq")
	assert.Equal(t, exitFound, r.code)
	assert.Len(t, res.Hits, 3)
	res, r = lookupJSON(t, "--search", "xyzzy")
	assert.Equal(t, exitNotFound, r.code)
	assert.NotNil(t, res.Hits)
	assert.Empty(t, res.Hits)
}

func TestRegistryFlag(t *testing.T) {
	res, _ := lookupJSON(t, "--registry", "turms", "100")
	hits := byRegistry(t, res.Hits)
	assert.Len(t, hits, 2)
	assert.Contains(t, hits, "turms-client")
	assert.Contains(t, hits, "turms-close")
	res, _ = lookupJSON(t, "100", "--registry=turms-close")
	assert.Len(t, res.Hits, 1)
	res, _ = lookupJSON(t, "-registry", "http", "100")
	assert.Equal(t, "http", res.Hits[0].Registry)
	res, r := lookupJSON(t, "--registry", "rocketmq", "404")
	assert.Equal(t, exitNotFound, r.code)
	assert.Contains(t, r.stderr, "registry rocketmq has no code numbered")
}

// TestHTTPStatusSummary: Turms maps over a hundred codes to 403; the
// text gives their count, --all lists them; JSON always lists them.
func TestHTTPStatusSummary(t *testing.T) {
	var want []string
	for _, r := range seedTSV(t, "turms-server-http-status.tsv").Rows {
		if r[2] == "403" {
			want = append(want, r[1])
		}
	}
	require.Greater(t, len(want), 100)
	text := statuscode(t, nil, "403").stdout
	assert.Contains(t, text, "Turms server code (2023-12-25) ("+strconv.Itoa(len(want))+" codes; --all lists them)")
	assert.NotContains(t, text, want[50])
	all := statuscode(t, nil, "403", "--all").stdout
	for _, name := range want {
		assert.Contains(t, all, name)
	}
	res, _ := lookupJSON(t, "403")
	for _, f := range res.Hits[0].MappedFrom {
		if f.Registry == "turms" {
			assert.Equal(t, len(want), f.Count)
			var got []string
			for _, c := range f.Codes {
				got = append(got, c.Name)
			}
			assert.ElementsMatch(t, want, got)
		}
	}
}

func TestRPCAgainstTheMatrix(t *testing.T) {
	main, telemetry, marks := seedMarks(t)
	for _, rpc := range main.Header[1:] {
		r := statuscode(t, nil, "rpc", strings.ToLower(rpc), "--json")
		require.Equal(t, exitFound, r.code, rpc)
		var res rpcResult
		require.NoError(t, jsonUnmarshal(r.stdout, &res))
		assert.Equal(t, rpc, res.RPC)
		assert.Equal(t, "/apache.rocketmq.v2.MessagingService/"+rpc, res.Method)
		var allowed, reserved []string
		for _, c := range res.Classes {
			for _, code := range c.Codes {
				allowed = append(allowed, code.Name)
			}
		}
		for _, code := range res.Reserved {
			reserved = append(reserved, code.Name)
		}
		var wantAllowed, wantReserved []string
		for name := range marks {
			switch marks[name][rpc] {
			case "✅":
				wantAllowed = append(wantAllowed, name)
			case "🔄":
				wantReserved = append(wantReserved, name)
			}
		}
		if rpc == "SendMessage" { // the newer upstream row (testdata/README.md)
			wantAllowed = append(wantAllowed, "MESSAGE_BODY_EMPTY")
		}
		assert.ElementsMatch(t, wantAllowed, allowed, rpc)
		assert.ElementsMatch(t, wantReserved, reserved, rpc)
	}
	_ = telemetry
	text := statuscode(t, nil, "rpc", "SendMessage").stdout
	assert.Contains(t, text, "BAD_REQUEST (40000)")
	assert.Contains(t, text, "40402  TOPIC_NOT_FOUND")
}

func TestMatrixAgainstTheSeed(t *testing.T) {
	main, telemetry, marks := seedMarks(t)
	r := statuscode(t, nil, "matrix", "--json")
	require.Equal(t, exitFound, r.code)
	var res matrixResult
	require.NoError(t, jsonUnmarshal(r.stdout, &res))
	assert.Equal(t, append(slices.Clone(main.Header[1:]), telemetry.Header[1:]...), res.RPCs)
	symbol := map[string]string{"✅": "Allowed", "❌": "NotAllowed", "🔄": "Reserved", "": "NotListed"}
	rows := 0
	for _, row := range res.Rows {
		if row.Name == "MESSAGE_BODY_EMPTY" {
			continue // the newer upstream row
		}
		rows++
		for i, rpc := range res.RPCs {
			want := symbol[marks[row.Name][rpc]]
			assert.Equal(t, want, row.Marks[i].String(), "%s on %s", row.Name, rpc)
		}
	}
	assert.Equal(t, len(marks), rows, "a row for every code of the seed, no other")

	// The text matrix is aligned: each mark sits under its column head.
	lines := strings.Split(statuscode(t, nil, "matrix").stdout, "\n")
	head := lines[0]
	for _, l := range lines[1 : len(res.Rows)+1] {
		for _, rpc := range res.RPCs {
			col := strings.Index(head, " "+initials(rpc)+" ")
			if col < 0 {
				col = strings.LastIndex(head, " "+initials(rpc))
			}
			require.Positive(t, col, rpc)
			require.Greater(t, len(l), col+1, l)
			assert.Contains(t, "+.R ", string(l[col+1]), "%q under %s", l, rpc)
		}
	}
}
