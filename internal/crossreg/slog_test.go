package crossreg

import (
	"bufio"
	"bytes"
	"encoding/json"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/internal/registries"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// Every code type and every error type of the registries is a
// slog.LogValuer. (rocketmq.RPC, which names an RPC rather than a status,
// is not: it logs as its text, see TestCodesLogAsGroups.)
var (
	_ slog.LogValuer = rocketmq.Code(0)
	_ slog.LogValuer = turms.Code(0)
	_ slog.LogValuer = turms.ClientCode(0)
	_ slog.LogValuer = turms.SessionCloseStatus(0)
	_ slog.LogValuer = httpmap.Code(0)
	_ slog.LogValuer = (*rocketmq.Error)(nil)
	_ slog.LogValuer = (*turms.Error)(nil)
	_ slog.LogValuer = (*httpmap.Error)(nil)
)

// logged logs each value under the key "v", one record each, through
// slog's JSON handler, and returns the decoded "v" of each record.
func logged[V any](t *testing.T, vs []V) []any {
	t.Helper()
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	for _, v := range vs {
		logger.Info("m", "v", v)
	}
	var out []any
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		var rec map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &rec), "%s", sc.Bytes())
		out = append(out, rec["v"])
	}
	require.NoError(t, sc.Err())
	require.Len(t, out, len(vs))
	return out
}

// checkLogged logs every code of cs, and each must log as the group want
// gives for it.
func checkLogged[C slog.LogValuer](t *testing.T, cs []C, want func(C) map[string]any) {
	t.Helper()
	require.NotEmpty(t, cs)
	for i, got := range logged(t, cs) {
		assert.Equal(t, want(cs[i]), got, "%v", cs[i])
	}
}

// checkNameAndNumber logs every code of the registry r, known or not,
// and each must log as a group with its name and number.
func checkNameAndNumber(t *testing.T, r *registries.Registry, ns []int64) {
	t.Helper()
	vs := make([]any, len(ns))
	for i, n := range ns {
		v := r.Value(n)
		_, ok := v.(slog.LogValuer)
		require.True(t, ok, "%s.%s is a slog.LogValuer", r.Package, r.Type)
		vs[i] = v
	}
	for i, got := range logged(t, vs) {
		g, ok := got.(map[string]any)
		if assert.True(t, ok, "%s %d logs a group: %v", r.Name, ns[i], got) {
			assert.Equal(t, r.String(ns[i]), g["name"], "%s %d", r.Name, ns[i])
			assert.Equal(t, float64(ns[i]), g["number"], "%s %d", r.Name, ns[i])
		}
	}
}

// group is the group a code logs as: its name and number, then extras.
func group(name string, number int64, extra ...any) map[string]any {
	g := map[string]any{"name": name, "number": float64(number)}
	for i := 0; i < len(extra); i += 2 {
		g[extra[i].(string)] = extra[i+1]
	}
	return g
}

// TestCodesLogAsGroups: every code type logs, through slog, as a group of
// its name and number, with its class (rocketmq), category (turms server
// codes) or HTTP status (httpmap), known or not.
func TestCodesLogAsGroups(t *testing.T) {
	e := everyCode()
	for _, r := range ownTypes() {
		t.Run(r.Package+"."+r.Type, func(t *testing.T) { checkNameAndNumber(t, r, e.codes[r.Name]) })
	}
	// What each type logs besides.
	checkLogged(t, narrow[rocketmq.Code](e.codes["rocketmq"]), func(c rocketmq.Code) map[string]any {
		return group(c.String(), int64(c), "class", c.Class().String())
	})
	checkLogged(t, narrow[turms.Code](e.codes["turms"]), func(c turms.Code) map[string]any {
		return group(c.String(), int64(c), "category", c.Category().String())
	})
	checkLogged(t, narrow[turms.ClientCode](e.codes["turms-client"]), func(c turms.ClientCode) map[string]any {
		return group(c.String(), int64(c), "category", c.Category())
	})
	checkLogged(t, narrow[turms.SessionCloseStatus](e.codes["turms-close"]), func(s turms.SessionCloseStatus) map[string]any {
		return group(s.String(), int64(s), "category", s.Category())
	})
	checkLogged(t, narrow[httpmap.Code](e.codes["httpmap"]), func(c httpmap.Code) map[string]any {
		return group(c.String(), int64(c), "http", float64(c.HTTPStatus()))
	})

	// Spot checks of the values, against the packages' docs.
	got := logged(t, []any{rocketmq.TopicNotFound, rocketmq.Code(40499), turms.ServerUnavailable, httpmap.TopicNotExist})
	assert.Equal(t, group("TOPIC_NOT_FOUND", 40402, "class", "NOT_FOUND"), got[0])
	assert.Equal(t, group("Code(40499)", 40499, "class", "NOT_FOUND"), got[1])
	assert.Equal(t, group("SERVER_UNAVAILABLE", 1201, "category", "Server Error"), got[2])
	assert.Equal(t, group("TOPIC_NOT_EXIST", 3, "http", float64(400)), got[3])

	// An RPC has no LogValue; it logs as its text, the upstream name.
	var rpcs []rocketmq.RPC
	want := []any{}
	for n := range 256 {
		rpcs = append(rpcs, rocketmq.RPC(n))
		want = append(want, rocketmq.RPC(n).String())
	}
	assert.Equal(t, want, logged(t, rpcs))
}

// TestErrorsLogTheirCode: an error of every registry logs its system,
// code name, number and message.
func TestErrorsLogTheirCode(t *testing.T) {
	for _, reg := range errorRegistries() {
		all := reg.all()
		errs := make([]error, len(all))
		for i, n := range all {
			errs[i] = reg.errorf(n, "%s", message(reg.name, n))
		}
		for i, got := range logged(t, errs) {
			n := all[i]
			assert.Equal(t, map[string]any{
				"system":  reg.system,
				"code":    reg.str(n),
				"number":  float64(n),
				"message": message(reg.name, n),
			}, got, "%s %d", reg.name, n)
		}
	}
	// The zero errors log their registry's zero code.
	got := logged(t, []any{&rocketmq.Error{}, &turms.Error{}, &httpmap.Error{}})
	assert.Equal(t, map[string]any{"system": "rocketmq", "code": "CODE_UNSPECIFIED", "number": float64(0), "message": ""}, got[0])
	assert.Equal(t, map[string]any{"system": "turms", "code": "Code(0)", "number": float64(0), "message": ""}, got[1])
	assert.Equal(t, map[string]any{"system": "httpmap", "code": "CODE_UNSPECIFIED", "number": float64(0), "message": ""}, got[2])
}
