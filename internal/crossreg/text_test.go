package crossreg

import (
	"encoding"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// textCode is what every registry's own code type offers for text.
type textCode interface {
	~int32 | ~uint8
	fmt.Stringer
	encoding.TextMarshaler
}

// checkText holds String, the parser, MarshalText and UnmarshalText
// together for the codes cs: each is known when known is set, else
// unknown, and then prints as typeName(N).
func checkText[C textCode, P interface {
	*C
	encoding.TextUnmarshaler
}](t *testing.T, typeName string, cs []C, known bool, parse func(string) (C, error)) {
	t.Helper()
	require.NotEmpty(t, cs)
	for _, c := range cs {
		s := c.String()
		if !known {
			assert.Equal(t, fmt.Sprintf("%s(%d)", typeName, int64(c)), s, "an unknown code prints its number")
		}
		got, err := parse(s)
		if assert.NoError(t, err, "parse %q", s) {
			assert.Equal(t, c, got, "parse %q", s)
		}
		got, err = parse(" \t" + s + "\n")
		if assert.NoError(t, err, "parse %q with spaces", s) {
			assert.Equal(t, c, got, "parse %q with spaces", s)
		}
		if known {
			for _, v := range []string{strings.ToLower(s), strings.ToUpper(s)} {
				got, err = parse(v)
				if assert.NoError(t, err, "parse %q", v) {
					assert.Equal(t, c, got, "parse %q", v)
				}
			}
		}

		text, err := c.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, s, string(text), "MarshalText is String")
		var back C
		if assert.NoError(t, P(&back).UnmarshalText(text), "UnmarshalText %q", text) {
			assert.Equal(t, c, back, "UnmarshalText %q", text)
		}
	}
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
	t.Run("rocketmq.Code", func(t *testing.T) {
		checkText(t, "Code", rocketmq.Codes(), true, rocketmq.ParseCode)
		checkText(t, "Code", unknownCodes(rocketmq.Codes(), rocketmq.Code.Known), false, rocketmq.ParseCode)
	})
	t.Run("rocketmq.RPC", func(t *testing.T) {
		checkText(t, "RPC", rocketmq.RPCs(), true, rocketmq.ParseRPC)
		var unnamed []rocketmq.RPC
		for n := range 256 {
			if r := rocketmq.RPC(n); r.Method() == "" {
				unnamed = append(unnamed, r)
			}
		}
		assert.Len(t, unnamed, 256-len(rocketmq.RPCs()))
		checkText(t, "RPC", unnamed, false, rocketmq.ParseRPC)
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
	t.Run("turms.Code", func(t *testing.T) {
		checkText(t, "Code", turmsCodes(), true, turms.ParseCode)
		checkText(t, "Code", unknownCodes(turmsCodes(), turms.Code.Known), false, turms.ParseCode)
	})
	t.Run("turms.ClientCode", func(t *testing.T) {
		checkText(t, "ClientCode", turmsClientCodes(), true, turms.ParseClientCode)
		checkText(t, "ClientCode", unknownCodes(turmsClientCodes(), turms.ClientCode.Known), false, turms.ParseClientCode)
	})
	t.Run("turms.SessionCloseStatus", func(t *testing.T) {
		checkText(t, "SessionCloseStatus", turmsCloseStatuses(), true, turms.ParseSessionCloseStatus)
		checkText(t, "SessionCloseStatus", unknownCodes(turmsCloseStatuses(), turms.SessionCloseStatus.Known), false, turms.ParseSessionCloseStatus)
	})
	t.Run("httpmap.Code", func(t *testing.T) {
		checkText(t, "Code", httpmap.Codes(), true, httpmap.ParseCode)
		checkText(t, "Code", unknownCodes(httpmap.Codes(), httpmap.Code.Known), false, httpmap.ParseCode)
	})
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
	jsonNumbers(t, append(turmsClientCodes(), unknownCodes(turmsClientCodes(), turms.ClientCode.Known)...))
	jsonNumbers(t, append(turmsCloseStatuses(), unknownCodes(turmsCloseStatuses(), turms.SessionCloseStatus.Known)...))
	jsonNumbers(t, append(rocketmq.Codes(), unknownCodes(rocketmq.Codes(), rocketmq.Code.Known)...))
	jsonNumbers(t, append(turmsCodes(), unknownCodes(turmsCodes(), turms.Code.Known)...))
	jsonNumbers(t, append(httpmap.Codes(), unknownCodes(httpmap.Codes(), httpmap.Code.Known)...))
}

func jsonNumbers[C ~int32](t *testing.T, cs []C) {
	t.Helper()
	for _, c := range cs {
		var got C
		if assert.NoError(t, json.Unmarshal([]byte(strconv.Itoa(int(c))), &got), "%T %d", c, c) {
			assert.Equal(t, c, got, "%T %d", c, c)
		}
	}
}

// allCodes has a field of every code type.
type allCodes struct {
	GRPC     codes.Code
	RocketMQ rocketmq.Code
	RPC      rocketmq.RPC
	Turms    turms.Code
	Client   turms.ClientCode
	Close    turms.SessionCloseStatus
	HTTPMap  httpmap.Code
}

// allMaps has a map keyed by every code type.
type allMaps struct {
	GRPC     map[codes.Code]int
	RocketMQ map[rocketmq.Code]int
	RPC      map[rocketmq.RPC]int
	Turms    map[turms.Code]int
	Client   map[turms.ClientCode]int
	Close    map[turms.SessionCloseStatus]int
	HTTPMap  map[httpmap.Code]int
}

// every lists, for each code type, its known codes and unknown numbers.
type every struct {
	grpcKnown []codes.Code // grpc-go's UnmarshalJSON refuses codes outside the canonical set
	grpc      []codes.Code
	rocketmq  []rocketmq.Code
	rpc       []rocketmq.RPC
	turms     []turms.Code
	client    []turms.ClientCode
	close     []turms.SessionCloseStatus
	httpmap   []httpmap.Code
}

func everyCode() every {
	var rpcs []rocketmq.RPC
	for n := range 256 {
		rpcs = append(rpcs, rocketmq.RPC(n))
	}
	return every{
		grpcKnown: grpccodes.Codes(),
		grpc:      append(grpccodes.Codes(), unknownGRPCCodes()...),
		rocketmq:  append(rocketmq.Codes(), unknownCodes(rocketmq.Codes(), rocketmq.Code.Known)...),
		rpc:       rpcs,
		turms:     append(turmsCodes(), unknownCodes(turmsCodes(), turms.Code.Known)...),
		client:    append(turmsClientCodes(), unknownCodes(turmsClientCodes(), turms.ClientCode.Known)...),
		close:     append(turmsCloseStatuses(), unknownCodes(turmsCloseStatuses(), turms.SessionCloseStatus.Known)...),
		httpmap:   append(httpmap.Codes(), unknownCodes(httpmap.Codes(), httpmap.Code.Known)...),
	}
}

func (e every) rows() []allCodes {
	n := max(len(e.grpcKnown), len(e.rocketmq), len(e.rpc), len(e.turms), len(e.client), len(e.close), len(e.httpmap))
	rows := make([]allCodes, n)
	for i := range rows {
		rows[i] = allCodes{
			GRPC:     e.grpcKnown[i%len(e.grpcKnown)],
			RocketMQ: e.rocketmq[i%len(e.rocketmq)],
			RPC:      e.rpc[i%len(e.rpc)],
			Turms:    e.turms[i%len(e.turms)],
			Client:   e.client[i%len(e.client)],
			Close:    e.close[i%len(e.close)],
			HTTPMap:  e.httpmap[i%len(e.httpmap)],
		}
	}
	return rows
}

func indexOf[K comparable](ks []K) map[K]int {
	m := make(map[K]int, len(ks))
	for i, k := range ks {
		m[k] = i
	}
	return m
}

func TestJSONStructRoundTrip(t *testing.T) {
	for _, row := range everyCode().rows() {
		data, err := json.Marshal(row)
		require.NoError(t, err)

		// Each code is written as its name (MarshalText); grpc-go's type,
		// which has no MarshalText, as its number.
		var fields map[string]any
		require.NoError(t, json.Unmarshal(data, &fields))
		assert.Equal(t, map[string]any{
			"GRPC":     float64(row.GRPC),
			"RocketMQ": row.RocketMQ.String(),
			"RPC":      row.RPC.String(),
			"Turms":    row.Turms.String(),
			"Client":   row.Client.String(),
			"Close":    row.Close.String(),
			"HTTPMap":  row.HTTPMap.String(),
		}, fields, "%s", data)

		var back allCodes
		if assert.NoError(t, json.Unmarshal(data, &back), "%s", data) {
			assert.Equal(t, row, back, "%s", data)
		}
	}
}

func TestJSONMapKeysRoundTrip(t *testing.T) {
	e := everyCode()
	m := allMaps{
		GRPC:     indexOf(e.grpc), // map keys decode by kind, so unknown gRPC codes survive
		RocketMQ: indexOf(e.rocketmq),
		RPC:      indexOf(e.rpc),
		Turms:    indexOf(e.turms),
		Client:   indexOf(e.client),
		Close:    indexOf(e.close),
		HTTPMap:  indexOf(e.httpmap),
	}
	data, err := json.Marshal(m)
	require.NoError(t, err)

	var keys map[string]map[string]int
	require.NoError(t, json.Unmarshal(data, &keys))
	assert.Equal(t, namedKeys(e.rocketmq), keys["RocketMQ"])
	assert.Equal(t, namedKeys(e.rpc), keys["RPC"])
	assert.Equal(t, namedKeys(e.turms), keys["Turms"])
	assert.Equal(t, namedKeys(e.client), keys["Client"])
	assert.Equal(t, namedKeys(e.close), keys["Close"])
	assert.Equal(t, namedKeys(e.httpmap), keys["HTTPMap"])
	assert.Len(t, keys["GRPC"], len(e.grpc))

	var back allMaps
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, m, back)
}

// namedKeys is the map a JSON object keyed by cs's names decodes to.
func namedKeys[C fmt.Stringer](cs []C) map[string]int {
	m := make(map[string]int, len(cs))
	for i, c := range cs {
		m[c.String()] = i
	}
	return m
}
