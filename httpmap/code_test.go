package httpmap_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/retry"
	"github.com/statusreg/statusreg/rocketmq"
)

// seedRow is a row of testdata/http-proxy-returned-result.md.
type seedRow struct {
	http              int
	name, message     string
	description, hint string
}

func seedRows(t *testing.T) []seedRow {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	tables, err := source.Markdown(filepath.Join(dir, "http-proxy-returned-result.md"))
	require.NoError(t, err)
	require.Len(t, tables, 1)
	var rows []seedRow
	for _, row := range tables[0].Rows {
		require.Len(t, row, 5)
		s, err := strconv.Atoi(strings.Trim(row[0], "*"))
		require.NoError(t, err)
		// The seed spells a full-width colon as mojibake (its UTF-8 read
		// as Windows-1252); the registry holds the repaired text.
		msg := strings.ReplaceAll(row[2], "ï¼š", "：")
		rows = append(rows, seedRow{s, row[1], msg, row[3], row[4]})
	}
	require.Len(t, rows, 13)
	return rows
}

func TestEverySeedRow(t *testing.T) {
	rows := seedRows(t)
	messages := map[httpmap.Code][]string{}
	var order []httpmap.Code
	for _, row := range rows {
		c, err := httpmap.ParseCode(row.name)
		require.NoError(t, err, row.name)
		assert.True(t, c.Known())
		assert.Equal(t, row.name, c.String())
		assert.Equal(t, row.http, c.HTTPStatus(), row.name)
		for _, in := range []string{strings.ToLower(row.name), source.GoName(row.name), " " + row.name + "\t", strconv.Itoa(int(c))} {
			got, err := httpmap.ParseCode(in)
			if assert.NoError(t, err, in) {
				assert.Equal(t, c, got, in)
			}
		}
		if _, seen := messages[c]; !seen {
			order = append(order, c)
		}
		messages[c] = append(messages[c], row.message)
		// Our own words: never the seed's.
		assert.NotEmpty(t, c.Description(), row.name)
		assert.NotEmpty(t, c.Suggestion(), row.name)
		assert.NotEqual(t, row.description, c.Description(), row.name)
		assert.NotEqual(t, row.hint, c.Suggestion(), row.name)
		assert.NotEmpty(t, c.Decide(false).Reason, row.name)
	}
	// Numbers: 1..12 in order of first appearance.
	require.Len(t, order, 12)
	for i, c := range order {
		assert.Equal(t, httpmap.Code(i+1), c, c.String())
		assert.Equal(t, messages[c], c.Messages(), c.String())
		assert.Equal(t, messages[c][0], c.Message())
	}
	assert.Equal(t, append([]httpmap.Code{httpmap.CodeUnspecified}, order...), httpmap.Codes())
	assert.Len(t, httpmap.InvalidArgument.Messages(), 2)
	assert.Equal(t, []string{""}, httpmap.RateLimit.Messages())
	assert.Equal(t, []string{""}, httpmap.Internal.Messages())
}

func TestNamedConstants(t *testing.T) {
	want := []httpmap.Code{httpmap.InvalidArgument, httpmap.ACKFailed, httpmap.TopicNotExist, httpmap.PermissionDenied,
		httpmap.UserAuthFailed, httpmap.TopicAuthFailed, httpmap.TopicPermissionDenied, httpmap.SyncTimeout,
		httpmap.RateLimit, httpmap.AbnormalAccessRate, httpmap.ThroughputUpToLimit, httpmap.Internal}
	for i, c := range want {
		assert.Equal(t, httpmap.Code(i+1), c)
	}
	var zero httpmap.Code
	assert.Equal(t, httpmap.CodeUnspecified, zero)
	assert.Equal(t, "CODE_UNSPECIFIED", zero.String())
	assert.Equal(t, codes.Unknown, zero.GRPCCode())
	assert.Equal(t, 0, zero.HTTPStatus())
	assert.Equal(t, retry.Fail, zero.Decide(true).Outcome)
}

func TestParseCode(t *testing.T) {
	c, err := httpmap.ParseCode(" PERMISSION_DENIED")
	require.NoError(t, err)
	assert.Equal(t, httpmap.PermissionDenied, c)
	for _, bad := range []string{"", "NOPE", "Code(", "QUEUE_FROZEN", "99999999999"} {
		_, err := httpmap.ParseCode(bad)
		var pe *httpmap.ParseError
		assert.ErrorAs(t, err, &pe, bad)
	}
	c, err = httpmap.ParseCode("Code(77)")
	require.NoError(t, err)
	assert.Equal(t, httpmap.Code(77), c)
	assert.False(t, c.Known())
	assert.Equal(t, "Code(77)", c.String())
}

// judgedRows reads a file of testdata/ keyed by its first column, with the
// given columns, every cell set and every name listed once.
func judgedRows(t *testing.T, file string, header ...string) map[string][]string {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	tab, err := source.TSV(filepath.Join(dir, file))
	require.NoError(t, err)
	require.Equal(t, header, tab.Header)
	out := map[string][]string{}
	for _, row := range tab.Rows {
		for i, cell := range row {
			require.NotEmpty(t, cell, "%s: %s: %s", file, row[0], header[i])
		}
		require.NotContains(t, out, row[0], "%s: %s listed once", file, row[0])
		out[row[0]] = row
	}
	return out
}

// Every code has the gRPC code of testdata/httpmap-grpc.tsv.
func TestGRPCCodeTable(t *testing.T) {
	rows := judgedRows(t, "httpmap-grpc.tsv", "name", "grpc", "reason")
	require.Len(t, rows, len(httpmap.Codes()))
	for _, c := range httpmap.Codes() {
		row, ok := rows[c.String()]
		if !assert.True(t, ok, "%s has a row", c) {
			continue
		}
		n, ok := code.Code_value[row[1]]
		require.True(t, ok, "%s: %q is a canonical code", c, row[1])
		assert.Equal(t, codes.Code(n), c.GRPCCode(), c.String())
	}
	assert.Equal(t, codes.NotFound, httpmap.TopicNotExist.GRPCCode())
	assert.Equal(t, 400, httpmap.TopicNotExist.HTTPStatus(), "NOT_FOUND although the API answers 400")
	assert.Equal(t, codes.Unknown, httpmap.Code(99).GRPCCode())
}

// Every code's description and suggestion are those of
// testdata/httpmap-docs.tsv.
func TestDescriptionAndSuggestion(t *testing.T) {
	rows := judgedRows(t, "httpmap-docs.tsv", "name", "doc", "description", "suggestion")
	require.Len(t, rows, len(httpmap.Codes()))
	for _, c := range httpmap.Codes() {
		row, ok := rows[c.String()]
		if assert.True(t, ok, "%s has a row", c) {
			assert.Equal(t, row[2], c.Description(), c.String())
			assert.Equal(t, row[3], c.Suggestion(), c.String())
		}
	}
	assert.Equal(t, httpmap.CodeUnspecified.Description(), httpmap.Code(99).Description(), "unknown: as CodeUnspecified")
	assert.Equal(t, httpmap.CodeUnspecified.Suggestion(), httpmap.Code(99).Suggestion(), "unknown: as CodeUnspecified")
}

func TestEquivalent(t *testing.T) {
	want := map[httpmap.Code]rocketmq.Code{
		httpmap.InvalidArgument:  rocketmq.BadRequest,
		httpmap.TopicNotExist:    rocketmq.TopicNotFound,
		httpmap.PermissionDenied: rocketmq.Forbidden,
		httpmap.SyncTimeout:      rocketmq.RequestTimeout,
		httpmap.RateLimit:        rocketmq.TooManyRequests,
		httpmap.Internal:         rocketmq.InternalServerError,
	}
	for _, c := range httpmap.Codes() {
		r, ok := c.Equivalent()
		w, has := want[c]
		assert.Equal(t, has, ok, c.String())
		if !has {
			assert.Equal(t, rocketmq.CodeUnspecified, r)
			continue
		}
		assert.Equal(t, w, r, c.String())
		back, ok := httpmap.EquivalentOf(r)
		assert.True(t, ok)
		assert.Equal(t, c, back, "EquivalentOf inverts Equivalent for %v", c)
		// Equivalent codes agree on their gRPC code.
		assert.Equal(t, r.GRPCCode(), c.GRPCCode(), c.String())
	}
	// The other way round, over every RocketMQ code.
	for _, r := range rocketmq.Codes() {
		c, ok := httpmap.EquivalentOf(r)
		if !ok {
			assert.Equal(t, httpmap.CodeUnspecified, c)
			continue
		}
		back, ok := c.Equivalent()
		assert.True(t, ok)
		assert.Equal(t, r, back, r.String())
	}
}

func TestTextJSONAndLogs(t *testing.T) {
	type msg struct {
		Code httpmap.Code `json:"code"`
	}
	b, err := json.Marshal(msg{httpmap.TopicNotExist})
	require.NoError(t, err)
	assert.JSONEq(t, `{"code":"TOPIC_NOT_EXIST"}`, string(b))
	for _, in := range []string{`{"code":"TOPIC_NOT_EXIST"}`, `{"code":" topicNotExist"}`, `{"code":3}`} {
		var m msg
		require.NoError(t, json.Unmarshal([]byte(in), &m), in)
		assert.Equal(t, httpmap.TopicNotExist, m.Code, in)
	}
	var m msg
	assert.Error(t, json.Unmarshal([]byte(`{"code":"QUEUE_FROZEN"}`), &m))

	assert.Equal(t, "httpmap.RateLimit", fmt.Sprintf("%#v", httpmap.RateLimit))
	assert.Equal(t, "httpmap.Code(42)", httpmap.Code(42).GoString())
	v := httpmap.RateLimit.LogValue()
	assert.Equal(t, slog.KindGroup, v.Kind())
	assert.Contains(t, v.String(), "RATE_LIMIT")
}

func TestErrorfAndCodeOf(t *testing.T) {
	err := httpmap.Errorf(httpmap.TopicNotExist, "topic %q", "orders")
	assert.Equal(t, `httpmap TOPIC_NOT_EXIST: topic "orders"`, err.Error())
	wrapped := fmt.Errorf("send: %w", err)
	assert.Equal(t, httpmap.TopicNotExist, httpmap.CodeOf(wrapped))
	assert.Equal(t, httpmap.CodeUnspecified, httpmap.CodeOf(nil))
	assert.Equal(t, httpmap.CodeUnspecified, httpmap.CodeOf(fmt.Errorf("plain")))

	var e *httpmap.Error
	require.ErrorAs(t, wrapped, &e)
	assert.Equal(t, 400, e.HTTPStatus())
	assert.Equal(t, codes.NotFound, e.GRPCCode())
	assert.Equal(t, httpmap.Domain, e.ErrorInfo().GetDomain())
	c, ok := httpmap.FromStatus(e.GRPCStatus())
	assert.True(t, ok)
	assert.Equal(t, httpmap.TopicNotExist, c)
}
