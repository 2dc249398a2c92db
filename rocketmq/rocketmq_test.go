package rocketmq_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/rocketmq"
)

// upstreamCode is a row of testdata/rocketmq-codes.tsv.
type upstreamCode struct {
	code   rocketmq.Code
	name   string
	inSeed bool
}

func upstreamCodes(t *testing.T) []upstreamCode {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	tab, err := source.TSV(filepath.Join(dir, "rocketmq-codes.tsv"))
	require.NoError(t, err)
	require.Equal(t, []string{"value", "name", "in_seed_matrix"}, tab.Header)
	var out []upstreamCode
	for _, row := range tab.Rows {
		n, err := strconv.Atoi(row[0])
		require.NoError(t, err)
		out = append(out, upstreamCode{rocketmq.Code(n), row[1], row[2] == "yes"})
	}
	require.Len(t, out, 54)
	return out
}

func TestEveryUpstreamCode(t *testing.T) {
	for _, u := range upstreamCodes(t) {
		assert.Equal(t, u.name, u.code.String())
		assert.True(t, u.code.Known(), u.name)
		for _, in := range []string{u.name, strings.ToLower(u.name), source.GoName(u.name), strconv.Itoa(int(u.code))} {
			got, err := rocketmq.ParseCode(in)
			if assert.NoError(t, err, in) {
				assert.Equal(t, u.code, got, in)
			}
		}
	}
}

func TestNamedConstants(t *testing.T) {
	// The examples the issue names, spelled as Go code.
	assert.Equal(t, rocketmq.Code(40402), rocketmq.TopicNotFound)
	assert.Equal(t, rocketmq.Code(40018), rocketmq.IllegalPollingTime)
	assert.Equal(t, rocketmq.Code(0), rocketmq.CodeUnspecified)
	assert.Equal(t, rocketmq.Code(50002), rocketmq.HANotAvailable)
	assert.Equal(t, rocketmq.Code(41302), rocketmq.MessageBodyEmpty)
}

func TestUnknownCodesKeepTheirNumber(t *testing.T) {
	for _, c := range []rocketmq.Code{1, 40022, 40499, 12345, 99999, -5, 1<<31 - 1} {
		assert.False(t, c.Known())
		assert.Equal(t, "Code("+strconv.Itoa(int(c))+")", c.String())
		back, err := rocketmq.ParseCode(c.String())
		require.NoError(t, err)
		assert.Equal(t, c, back)

		b, err := json.Marshal(map[string]rocketmq.Code{"c": c})
		require.NoError(t, err)
		var m map[string]rocketmq.Code
		require.NoError(t, json.Unmarshal(b, &m))
		assert.Equal(t, c, m["c"])
	}
}

func TestTextAndJSON(t *testing.T) {
	type msg struct {
		Code rocketmq.Code `json:"code"`
	}
	b, err := json.Marshal(msg{rocketmq.TopicNotFound})
	require.NoError(t, err)
	assert.JSONEq(t, `{"code":"TOPIC_NOT_FOUND"}`, string(b))

	for _, in := range []string{`{"code":"TOPIC_NOT_FOUND"}`, `{"code":"TopicNotFound"}`, `{"code":40402}`, `{"code":"40402"}`} {
		var m msg
		require.NoError(t, json.Unmarshal([]byte(in), &m), in)
		assert.Equal(t, rocketmq.TopicNotFound, m.Code, in)
	}
	for _, in := range []string{`{"code":"NOPE"}`, `{"code":""}`, `{"code":"Code(x)"}`, `{"code":true}`, `{"code":"` + strings.Repeat("Z", 1<<16) + `"}`} {
		var m msg
		assert.Error(t, json.Unmarshal([]byte(in), &m), "%.40s", in)
	}
}

func TestClass(t *testing.T) {
	dir, err := source.Dir()
	require.NoError(t, err)
	tables, err := source.Markdown(filepath.Join(dir, "rocketmq-status-code-matrix.md"))
	require.NoError(t, err)
	// The seed's '*' rows are the classes; each opens its hundred.
	classOf := map[int]rocketmq.Code{}
	for _, row := range tables[0].Rows {
		if name, ok := strings.CutSuffix(row[0], "*"); ok {
			c, err := rocketmq.ParseCode(name)
			require.NoError(t, err)
			classOf[int(c)/100] = c
		}
	}
	require.Len(t, classOf, 16)
	for _, u := range upstreamCodes(t) {
		want, ok := classOf[int(u.code)/100]
		if !ok {
			// CODE_UNSPECIFIED and REQUEST_TIMEOUT open hundreds no
			// class row claims: each is its own class.
			require.Contains(t, []string{"CODE_UNSPECIFIED", "REQUEST_TIMEOUT"}, u.name)
			want = u.code
		}
		assert.Equal(t, want, u.code.Class(), u.name)
	}
	assert.Equal(t, rocketmq.NotFound, rocketmq.TopicNotFound.Class())
	assert.Equal(t, rocketmq.NotFound, rocketmq.Code(40499).Class(), "unknown codes go by hundreds")
	assert.Equal(t, rocketmq.InternalError, rocketmq.Code(50099).Class())
	assert.Equal(t, rocketmq.TooManyRequests, rocketmq.Code(42977).Class())
	assert.Equal(t, rocketmq.CodeUnspecified, rocketmq.Code(12345).Class(), "no class in that hundred")
	assert.Equal(t, rocketmq.CodeUnspecified, rocketmq.Code(-40400).Class())
}

// The first three digits are the HTTP status (testdata/README.md);
// CODE_UNSPECIFIED and FAILED_TO_CONSUME_MESSAGE have none.
func TestHTTPStatus(t *testing.T) {
	for _, u := range upstreamCodes(t) {
		want := int(u.code) / 100
		if u.name == "CODE_UNSPECIFIED" || u.name == "FAILED_TO_CONSUME_MESSAGE" {
			want = 0
		}
		assert.Equal(t, want, u.code.HTTPStatus(), u.name)
	}
	assert.Equal(t, 404, rocketmq.Code(40402).HTTPStatus())
	assert.Equal(t, 429, rocketmq.Code(42900).HTTPStatus())
	assert.Equal(t, 504, rocketmq.Code(50400).HTTPStatus())
	assert.Equal(t, 404, rocketmq.Code(40499).HTTPStatus(), "unknown: as its class")
	assert.Equal(t, 0, rocketmq.Code(12345).HTTPStatus())
}

// judgedGRPC reads a judgement file of testdata/ whose columns are a
// name, the spec name of a gRPC code and a reason, and returns the code
// of each name.
func judgedGRPC(t *testing.T, file, first string) map[string]codes.Code {
	t.Helper()
	dir, err := source.Dir()
	require.NoError(t, err)
	tab, err := source.TSV(filepath.Join(dir, file))
	require.NoError(t, err)
	require.Equal(t, []string{first, "grpc", "reason"}, tab.Header)
	out := map[string]codes.Code{}
	for _, row := range tab.Rows {
		n, ok := code.Code_value[row[1]]
		require.True(t, ok, "%s: %s: %q is a canonical code", file, row[0], row[1])
		require.NotEmpty(t, row[2], "%s: %s has a reason", file, row[0])
		require.NotContains(t, out, row[0], "%s: %s listed once", file, row[0])
		out[row[0]] = codes.Code(n)
	}
	return out
}

// The documented gRPC mapping: by class (testdata/rocketmq-grpc.tsv),
// except the codes of testdata/rocketmq-grpc-exceptions.tsv
// (HANotAvailable).
func TestGRPCCode(t *testing.T) {
	byClass := judgedGRPC(t, "rocketmq-grpc.tsv", "class")
	exceptions := judgedGRPC(t, "rocketmq-grpc-exceptions.tsv", "code")
	classes := 0
	for _, u := range upstreamCodes(t) {
		want, ok := byClass[u.code.Class().String()]
		require.True(t, ok, u.name)
		if u.code.Class() == u.code {
			classes++
		}
		if x, ok := exceptions[u.name]; ok {
			assert.NotEqual(t, want, x, "%s: an exception changes its class's code", u.name)
			want = x
		}
		assert.Equal(t, want, u.code.GRPCCode(), u.name)
	}
	assert.Len(t, byClass, classes, "a row per class, and no other")
	assert.Equal(t, codes.ResourceExhausted, rocketmq.TooManyRequests.GRPCCode())
	assert.Equal(t, codes.DeadlineExceeded, rocketmq.ProxyTimeout.GRPCCode())
	assert.Equal(t, codes.Unavailable, rocketmq.HANotAvailable.GRPCCode())
	assert.Equal(t, codes.NotFound, rocketmq.Code(40499).GRPCCode())
	assert.Equal(t, codes.Unknown, rocketmq.Code(12345).GRPCCode())
}

func TestSourceRevision(t *testing.T) {
	assert.Contains(t, rocketmq.SourceRevision, "2026-07-30")
	assert.Contains(t, rocketmq.SourceRevision, "apache/rocketmq-apis commit 3e60073c6dab3430feaec443824802e23ecda681")
}

func TestLookupsDoNotAllocate(t *testing.T) {
	var (
		s     string
		c     rocketmq.Code
		n     int
		ok    bool
		class rocketmq.Code
	)
	for what, f := range map[string]func(){
		"String":     func() { s = rocketmq.TopicNotFound.String() },
		"ParseCode":  func() { c, _ = rocketmq.ParseCode("TOPIC_NOT_FOUND") },
		"Allows":     func() { ok = rocketmq.SendMessage.Allows(rocketmq.TopicNotFound) },
		"Class":      func() { class = rocketmq.Code(40499).Class() },
		"HTTPStatus": func() { n = rocketmq.TopicNotFound.HTTPStatus() },
		"Decide":     func() { ok = rocketmq.AckMessage.Decide(rocketmq.InvalidReceiptHandle).Retryable() },
	} {
		assert.Zero(t, testing.AllocsPerRun(100, f), what)
	}
	_, _, _, _, _ = s, c, n, ok, class
}

var (
	_ fmt.Stringer             = rocketmq.Code(0)
	_ encoding.TextMarshaler   = rocketmq.Code(0)
	_ encoding.TextAppender    = rocketmq.Code(0)
	_ encoding.TextUnmarshaler = (*rocketmq.Code)(nil)
	_ json.Unmarshaler         = (*rocketmq.Code)(nil)
	_ encoding.TextUnmarshaler = (*rocketmq.RPC)(nil)
)

func TestSlogAndFlags(t *testing.T) {
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("call", "code", rocketmq.TopicNotFound, "rpc", rocketmq.SendMessage)
	assert.Contains(t, buf.String(), "code.name=TOPIC_NOT_FOUND code.number=40402 code.class=NOT_FOUND rpc=SendMessage")

	buf.Reset()
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("call", "code", rocketmq.Code(40499), "err", rocketmq.Errorf(rocketmq.TopicNotFound, "no topic"))
	assert.Contains(t, buf.String(), `"code":{"name":"Code(40499)","number":40499,"class":"NOT_FOUND"}`)
	assert.Contains(t, buf.String(), `"err":{"system":"rocketmq","code":"TOPIC_NOT_FOUND","number":40402,"message":"no topic"}`)

	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var c rocketmq.Code
	fs.TextVar(&c, "code", rocketmq.OK, "")
	require.NoError(t, fs.Parse([]string{"-code", "TooManyRequests"}))
	assert.Equal(t, rocketmq.TooManyRequests, c)
	assert.Error(t, fs.Parse([]string{"-code", "throttled"}))
}

// TestOldCamelCaseNamesParse holds the promise made when the generated
// names took Go's initialisms: the spellings before that change differ in
// letter case only, and ParseCode folds case, so they still parse.
func TestOldCamelCaseNamesParse(t *testing.T) {
	for old, want := range map[string]rocketmq.Code{
		"HaNotAvailable":       rocketmq.HANotAvailable,
		"ClientIdRequired":     rocketmq.ClientIDRequired,
		"InvalidTransactionId": rocketmq.InvalidTransactionID,
		"IllegalMessageId":     rocketmq.IllegalMessageID,
	} {
		got, err := rocketmq.ParseCode(old)
		require.NoError(t, err, old)
		assert.Equal(t, want, got, old)
	}
}
