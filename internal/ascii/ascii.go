// Package ascii compares names as every parser of statusreg does: in
// ASCII letter case only.
package ascii

// EqualFold reports whether a and b are equal in ASCII letter case: unlike
// strings.EqualFold it folds no other letters, so "ſendMessage" (a long
// s) is not "SendMessage".
func EqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
