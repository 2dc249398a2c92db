package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func table(t *testing.T, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "retry-x.tsv")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadRejectsBadTables(t *testing.T) {
	for want, lines := range map[string][]string{
		"columns":             {"code\tname\treason", "*\t-\tx"},
		"after the \"*\" row": {"code\tname\toutcome\treason", "*\t-\tFail\tx", "1\tA\tRetry\ty"},
		"must be \"*\"":       {"code\tname\toutcome\treason", "1\tA\tRetry\ty"},
		"decided twice":       {"code\tname\toutcome\treason", "1\tA\tRetry\ty", "1\tB\tFail\tz", "*\t-\tFail\tx"},
		"no number":           {"code\tname\toutcome\treason", "one\tA\tRetry\ty", "*\t-\tFail\tx"},
		"no range":            {"code\tname\toutcome\treason", "9-1\tA\tRetry\ty", "*\t-\tFail\tx"},
		"not an outcome":      {"code\tname\toutcome\treason", "1\tA\tLater\ty", "*\t-\tFail\tx"},
		"no outcome's name":   {"code\tname\toutcome\treason", "1\tA\tretry\ty", "*\t-\tFail\tx"},
		"no reason":           {"code\tname\toutcome\treason", "1\tA\tRetry\t ", "*\t-\tFail\tx"},
	} {
		_, _, err := read(table(t, lines...))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v; want an error saying %q", lines, err, want)
		}
	}
}

func TestEmit(t *testing.T) {
	rows, idem, err := read(table(t, "code\tname\toutcome\tidempotent_outcome\treason",
		"4\tDEADLINE_EXCEEDED\tFail\tRetry\tmay have taken effect", "10-12\t-\tBackoff\tBackoff\tbusy", "-3\tMINUS\tSuccess\tSuccess\tfine", "*\t-\tFail\tFail\tunknown"))
	if err != nil || !idem || len(rows) != 4 {
		t.Fatalf("read: %v, %v, %v", rows, idem, err)
	}
	var b bytes.Buffer
	emit(&b, "decideX", "retry-x.tsv", rows, idem)
	for _, want := range []string{
		"func decideX(n int64, idempotent bool) retry.Decision {",
		"case n == 4: // DEADLINE_EXCEEDED\nif idempotent {\nreturn retry.Decision{Outcome: retry.Retry, Reason: \"may have taken effect\"}\n}\nreturn retry.Decision{Outcome: retry.Fail, Reason: \"may have taken effect\"}",
		"case n >= 10 && n <= 12: // -\nreturn retry.Decision{Outcome: retry.Backoff, Reason: \"busy\"}",
		"case n == -3: // MINUS",
		"\t}\nreturn retry.Decision{Outcome: retry.Fail, Reason: \"unknown\"}\n}",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the output lacks %q:\n%s", want, b.String())
		}
	}
}
