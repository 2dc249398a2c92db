package ascii

import "testing"

func TestEqualFold(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"SendMessage", "sendmessage", true},
		{"TOPIC_NOT_FOUND", "topic_not_found", true},
		{"", "", true},
		{"ſendMessage", "SendMessage", false}, // a long s folds to s in Unicode only
		{"K", "\u212a", false},                // the Kelvin sign
		{"abc", "abcd", false},
		{"a_b", "a-b", false},
		{"@", "`", false}, // 0x40 and 0x60 differ by the case bit, but are no letters
	} {
		if got := EqualFold(tc.a, tc.b); got != tc.want {
			t.Errorf("EqualFold(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
