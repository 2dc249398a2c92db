package decisions

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
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
		"A decided twice":     {"name\toutcome\treason", "A\tRetry\ty", "A\tFail\tz", "*\tFail\tx"},
		"no upstream name":    {"name\toutcome\treason", "lower_case\tRetry\ty", "*\tFail\tx"},
		"must be \"*\" ":      {"name\toutcome\treason", "A\tRetry\ty"},
	} {
		_, err := Read(table(t, lines...))
		if err == nil || !strings.Contains(err.Error(), strings.TrimSpace(want)) {
			t.Errorf("%q: %v; want an error saying %q", lines, err, want)
		}
	}
}

func TestEmit(t *testing.T) {
	tab, err := Read(table(t, "code\tname\toutcome\tidempotent_outcome\treason",
		"4\tDEADLINE_EXCEEDED\tFail\tRetry\tmay have taken effect", "10-12\t-\tBackoff\tBackoff\tbusy", "-3\tMINUS\tSuccess\tSuccess\tfine", "*\t-\tFail\tFail\tunknown"))
	if err != nil || !tab.Idempotent || tab.ByName || len(tab.Rows) != 4 {
		t.Fatalf("read: %+v, %v", tab, err)
	}
	var b bytes.Buffer
	if err := tab.Emit(&b, "decideX"); err != nil {
		t.Fatal(err)
	}
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

// A table keyed by name is resolved against one revision: a name the
// revision lacks leaves its row out, and is reported.
func TestResolveByName(t *testing.T) {
	tab, err := Read(table(t, "name\toutcome\treason",
		"KEPT\tRetry\tkept its name", "GONE\tBackoff\tnot in this revision", "1000-1099\tSuccess\tsuccess", "*\tFail\tother"))
	if err != nil || !tab.ByName || tab.Idempotent {
		t.Fatalf("read: %+v, %v", tab, err)
	}
	var b bytes.Buffer
	if err := tab.Emit(&b, "decideX"); err == nil {
		t.Error("a table keyed by name emits only once resolved")
	}
	numbers := map[string]int64{"KEPT": 2600}
	got, unknown := tab.Resolve(func(name string) (int64, bool) { n, ok := numbers[name]; return n, ok })
	if !slices.Equal(unknown, []string{"GONE"}) {
		t.Errorf("unknown names %q, want GONE", unknown)
	}
	if err := got.Emit(&b, "decideX"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"func decideX(n int64) retry.Decision {",
		"case n == 2600: // KEPT\nreturn retry.Decision{Outcome: retry.Retry, Reason: \"kept its name\"}",
		"case n >= 1000 && n <= 1099: // -\nreturn retry.Decision{Outcome: retry.Success",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the output lacks %q:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "GONE") {
		t.Errorf("the output decides a name the revision lacks:\n%s", b.String())
	}
}
