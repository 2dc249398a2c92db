package crossreg

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/internal/registries"
	"github.com/statusreg/statusreg/rocketmq"
)

// checkText holds String, Parse, MarshalText and UnmarshalText of the
// registry r together for the numbers ns: each is known when known is
// set, else unknown, and then prints as Type(N).
func checkText(t *testing.T, r *registries.Registry, ns []int64, known bool) {
	t.Helper()
	require.NotEmpty(t, ns)
	for _, n := range ns {
		s := r.String(n)
		if !known {
			assert.Equal(t, fmt.Sprintf("%s(%d)", r.Type, n), s, "an unknown code prints its number")
		}
		got, err := r.Parse(s)
		if assert.NoError(t, err, "parse %q", s) {
			assert.Equal(t, n, got, "parse %q", s)
		}
		got, err = r.Parse(" \t" + s + "\n")
		if assert.NoError(t, err, "parse %q with spaces", s) {
			assert.Equal(t, n, got, "parse %q with spaces", s)
		}
		if known {
			for _, v := range []string{strings.ToLower(s), strings.ToUpper(s)} {
				got, err = r.Parse(v)
				if assert.NoError(t, err, "parse %q", v) {
					assert.Equal(t, n, got, "parse %q", v)
				}
			}
		}

		c := r.Value(n)
		m, ok := c.(encoding.TextMarshaler)
		require.True(t, ok, "%s.%s is an encoding.TextMarshaler", r.Package, r.Type)
		text, err := m.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, s, string(text), "MarshalText is String")
		back := reflect.New(reflect.TypeOf(c))
		u, ok := back.Interface().(encoding.TextUnmarshaler)
		require.True(t, ok, "*%s.%s is an encoding.TextUnmarshaler", r.Package, r.Type)
		if assert.NoError(t, u.UnmarshalText(text), "UnmarshalText %q", text) {
			assert.Equal(t, c, back.Elem().Interface(), "UnmarshalText %q", text)
		}
	}
}

// ownTypes returns the registries whose code type is the package's own:
// all but grpccodes, whose type is grpc-go's.
func ownTypes() []*registries.Registry {
	var rs []*registries.Registry
	for i := range registries.All {
		if !registries.All[i].Foreign {
			rs = append(rs, &registries.All[i])
		}
	}
	return rs
}

func TestStringParseRoundTrip(t *testing.T) {
	t.Run("grpccodes", func(t *testing.T) {
		for _, c := range append(grpccodes.Codes(), unknownGRPCCodes()...) {
			s := grpccodes.Name(c)
			if !grpccodes.Known(c) {
				assert.Equal(t, fmt.Sprintf("Code(%d)", uint32(c)), s)
			}
			for _, v := range []string{s, " " + s + " ", strconv.FormatUint(uint64(c), 10)} {
				got, err := grpccodes.Parse(v)
				if assert.NoError(t, err, "Parse(%q)", v) {
					assert.Equal(t, c, got, "Parse(%q)", v)
				}
			}
			if grpccodes.Known(c) {
				// grpc-go's own name (String) parses too.
				got, err := grpccodes.Parse(c.String())
				if assert.NoError(t, err, "Parse(%q)", c.String()) {
					assert.Equal(t, c, got)
				}
			}
		}
	})
	t.Run("rocketmq.RPC", func(t *testing.T) {
		checkRPCText(t, rocketmq.RPCs(), true)
		var unnamed []rocketmq.RPC
		for n := range 256 {
			if r := rocketmq.RPC(n); r.Method() == "" {
				unnamed = append(unnamed, r)
			}
		}
		assert.Len(t, unnamed, 256-len(rocketmq.RPCs()))
		checkRPCText(t, unnamed, false)
		for _, r := range rocketmq.RPCs() {
			if r == rocketmq.ThreadStackTrace || r == rocketmq.VerifyMessageResult {
				continue // Telemetry commands share one method
			}
			got, err := rocketmq.ParseRPC(r.Method())
			if assert.NoError(t, err, "ParseRPC(%q)", r.Method()) {
				assert.Equal(t, r, got)
			}
		}
	})
	for _, r := range ownTypes() {
		t.Run(r.Package+"."+r.Type, func(t *testing.T) {
			checkText(t, r, r.Codes(), true)
			checkText(t, r, unknownOf(r), false)
		})
	}
}

// TestNumbersParse: every code type reads its decimal number, known or
// not, as text and as a JSON number.
func TestNumbersParse(t *testing.T) {
	for _, r := range errorRegistries() {
		for _, n := range r.all() {
			got, err := r.parse(strconv.FormatInt(n, 10))
			if assert.NoError(t, err, "%s %d", r.name, n) {
				assert.Equal(t, n, got, "%s %d", r.name, n)
			}
		}
	}
	for _, r := range ownTypes() {
		for _, n := range append(r.Codes(), unknownOf(r)...) {
			c := r.Value(n)
			got := reflect.New(reflect.TypeOf(c))
			if assert.NoError(t, json.Unmarshal([]byte(strconv.FormatInt(n, 10)), got.Interface()), "%s %d", r.Name, n) {
				assert.Equal(t, c, got.Elem().Interface(), "%s %d", r.Name, n)
			}
		}
	}
}

// checkRPCText holds String, ParseRPC, MarshalText and UnmarshalText of
// the RPCs rs together: each is named when named is set, else it prints
// as RPC(N).
func checkRPCText(t *testing.T, rs []rocketmq.RPC, named bool) {
	t.Helper()
	require.NotEmpty(t, rs)
	for _, r := range rs {
		s := r.String()
		if !named {
			assert.Equal(t, fmt.Sprintf("RPC(%d)", r), s, "an unnamed RPC prints its number")
		}
		forms := []string{s, " \t" + s + "\n"}
		if named {
			forms = append(forms, strings.ToLower(s), strings.ToUpper(s))
		}
		for _, v := range forms {
			got, err := rocketmq.ParseRPC(v)
			if assert.NoError(t, err, "parse %q", v) {
				assert.Equal(t, r, got, "parse %q", v)
			}
		}
		text, err := r.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, s, string(text), "MarshalText is String")
		var back rocketmq.RPC
		if assert.NoError(t, back.UnmarshalText(text), "UnmarshalText %q", text) {
			assert.Equal(t, r, back, "UnmarshalText %q", text)
		}
	}
}

// every lists, for each registry, its listed codes and then unknown
// numbers, and every number of rocketmq.RPC.
type every struct {
	codes map[string][]int64 // by registry name
	rpc   []rocketmq.RPC
}

func everyCode() every {
	e := every{codes: make(map[string][]int64)}
	for i := range registries.All {
		r := &registries.All[i]
		e.codes[r.Name] = append(r.Codes(), unknownOf(r)...)
	}
	for n := range 256 {
		e.rpc = append(e.rpc, rocketmq.RPC(n))
	}
	return e
}

// A codeField is a struct field of a code type, for the JSON tests: one
// per registry, and one of rocketmq.RPC.
type codeField struct {
	name   string       // the field's name
	typ    reflect.Type // the code type
	values []any        // the values it takes in turn
	keys   []any        // the values it takes as a map key
	// json returns what encoding/json writes for v, as it decodes into an
	// any; key returns it as a map key, "" when the key is no name.
	json func(v any) any
	key  func(v any) string
}

// codeFields returns a field for every code type.
func codeFields() []codeField {
	e := everyCode()
	var fs []codeField
	for i := range registries.All {
		r := &registries.All[i]
		f := codeField{name: fieldName(r.Name), typ: reflect.TypeOf(r.Value(0))}
		values := e.codes[r.Name]
		if r.Foreign {
			// grpc-go's UnmarshalJSON refuses codes outside the canonical
			// set; map keys decode by kind, so unknown codes survive there.
			values = r.Codes()
			f.json = func(v any) any { return float64(reflect.ValueOf(v).Uint()) }
			f.key = func(any) string { return "" }
		} else {
			f.json = func(v any) any { return v.(fmt.Stringer).String() }
			f.key = func(v any) string { return v.(fmt.Stringer).String() }
		}
		for _, n := range values {
			f.values = append(f.values, r.Value(n))
		}
		for _, n := range e.codes[r.Name] {
			f.keys = append(f.keys, r.Value(n))
		}
		fs = append(fs, f)
	}
	rpc := codeField{name: "RPC", typ: reflect.TypeFor[rocketmq.RPC](),
		json: func(v any) any { return v.(fmt.Stringer).String() },
		key:  func(v any) string { return v.(fmt.Stringer).String() }}
	for _, r := range e.rpc {
		rpc.values = append(rpc.values, r)
		rpc.keys = append(rpc.keys, r)
	}
	return append(fs, rpc)
}

// fieldName is a Go field name for a registry: TurmsClient for turms-client.
func fieldName(registry string) string {
	var b strings.Builder
	for _, part := range strings.Split(registry, "-") {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// structOf returns a struct type with a field of each field's type, or,
// with maps, of a map keyed by it.
func structOf(fs []codeField, maps bool) reflect.Type {
	var sf []reflect.StructField
	for _, f := range fs {
		typ := f.typ
		if maps {
			typ = reflect.MapOf(f.typ, reflect.TypeFor[int]())
		}
		sf = append(sf, reflect.StructField{Name: f.name, Type: typ})
	}
	return reflect.StructOf(sf)
}

func TestJSONStructRoundTrip(t *testing.T) {
	fs := codeFields()
	typ := structOf(fs, false)
	rows := 0
	for _, f := range fs {
		rows = max(rows, len(f.values))
	}
	for i := range rows {
		row := reflect.New(typ).Elem()
		want := map[string]any{}
		for j, f := range fs {
			v := f.values[i%len(f.values)]
			row.Field(j).Set(reflect.ValueOf(v))
			want[f.name] = f.json(v)
		}
		data, err := json.Marshal(row.Interface())
		require.NoError(t, err)

		// Each code is written as its name (MarshalText); grpc-go's type,
		// which has no MarshalText, as its number.
		var fields map[string]any
		require.NoError(t, json.Unmarshal(data, &fields))
		assert.Equal(t, want, fields, "%s", data)

		back := reflect.New(typ)
		if assert.NoError(t, json.Unmarshal(data, back.Interface()), "%s", data) {
			assert.Equal(t, row.Interface(), back.Elem().Interface(), "%s", data)
		}
	}
}

func TestJSONMapKeysRoundTrip(t *testing.T) {
	fs := codeFields()
	typ := structOf(fs, true)
	m := reflect.New(typ).Elem()
	for j, f := range fs {
		keys := reflect.MakeMap(typ.Field(j).Type)
		for i, k := range f.keys {
			keys.SetMapIndex(reflect.ValueOf(k), reflect.ValueOf(i))
		}
		m.Field(j).Set(keys)
	}
	data, err := json.Marshal(m.Interface())
	require.NoError(t, err)

	var keys map[string]map[string]int
	require.NoError(t, json.Unmarshal(data, &keys))
	for _, f := range fs {
		assert.Len(t, keys[f.name], len(f.keys), f.name)
		if f.key(f.keys[0]) == "" {
			continue // keyed by number
		}
		want := make(map[string]int, len(f.keys))
		for i, k := range f.keys {
			want[f.key(k)] = i
		}
		assert.Equal(t, want, keys[f.name], f.name)
	}

	back := reflect.New(typ)
	require.NoError(t, json.Unmarshal(data, back.Interface()))
	assert.Equal(t, m.Interface(), back.Elem().Interface())
}
