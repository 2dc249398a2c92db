package rocketmq_test

import (
	"encoding/json"
	"testing"

	"github.com/statusreg/statusreg/rocketmq"
)

// FuzzParseCode: no input panics, and whatever parses prints as text
// that parses back to the same code.
func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"TOPIC_NOT_FOUND", "topicnotfound", " 40402 ", "Code(40499)", "CODE_MINUS_7", "-0", "Code(", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := rocketmq.ParseCode(s)
		if err != nil {
			return
		}
		back, err := rocketmq.ParseCode(c.String())
		if err != nil || back != c {
			t.Fatalf("%q parsed as %d, whose String %q reads back as %d, %v", s, c, c.String(), back, err)
		}
	})
}

// FuzzParseRPC: no input panics, and a parsed RPC's text parses back.
func FuzzParseRPC(f *testing.F) {
	for _, s := range []string{"SendMessage", "/apache.rocketmq.v2.MessagingService/AckMessage", "RPC(0)", " queryroute ", "RPC(", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := rocketmq.ParseRPC(s)
		if err != nil {
			return
		}
		var back rocketmq.RPC
		if err := back.UnmarshalText([]byte(r.String())); err != nil || back != r {
			t.Fatalf("%q parsed as %d, whose text %q reads back as %d, %v", s, r, r, back, err)
		}
	})
}

// FuzzUnmarshalJSON: no JSON value panics, and a decoded code survives
// encoding/json both ways.
func FuzzUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`"TOPIC_NOT_FOUND"`, `40402`, `null`, `"Code(40499)"`, `-1`, `1e3`, `"\u0000"`, `{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var c rocketmq.Code
		if err := json.Unmarshal(data, &c); err != nil {
			return
		}
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var back rocketmq.Code
		if err := json.Unmarshal(b, &back); err != nil || back != c {
			t.Fatalf("%s decoded as %d, encoded as %s, decoded back as %d, %v", data, c, b, back, err)
		}
	})
}
