package turms_test

import (
	"testing"

	"github.com/statusreg/statusreg/turms"
)

var fuzzSeeds = []string{
	"", "OK", "INVALID_REQUEST", "invalid_request", "ClientInvalidRequest", "CloseUserIsBlocked",
	"CONNECT_TIMEOUT", "HEARTBEAT_TIMEOUT", "1100", "100", "-1", "+7", "Code(1299)", "ClientCode(7)",
	"SessionCloseStatus(999)", "CODE_1201", "CODE_MINUS_3", " SERVER_UNAVAILABLE\t", "99999999999", "Code()",
}

func FuzzParseCode(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := turms.ParseCode(s)
		if err != nil {
			return
		}
		back, err := turms.ParseCode(c.String())
		if err != nil || back != c {
			t.Fatalf("%q: %v prints %q, which parses to %v, %v", s, int32(c), c.String(), back, err)
		}
	})
}

func FuzzParseClientCode(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := turms.ParseClientCode(s)
		if err != nil {
			return
		}
		back, err := turms.ParseClientCode(c.String())
		if err != nil || back != c {
			t.Fatalf("%q: %v prints %q, which parses to %v, %v", s, int32(c), c.String(), back, err)
		}
	})
}

func FuzzParseSessionCloseStatus(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := turms.ParseSessionCloseStatus(s)
		if err != nil {
			return
		}
		back, err := turms.ParseSessionCloseStatus(c.String())
		if err != nil || back != c {
			t.Fatalf("%q: %v prints %q, which parses to %v, %v", s, int32(c), c.String(), back, err)
		}
	})
}
