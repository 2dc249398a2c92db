package turms20240714

import "testing"

// The generated tables keep the invariants lookups rely on, and name
// their revision.
func TestTablesValidate(t *testing.T) {
	if err := registry.Validate(); err != nil {
		t.Error("Code:", err)
	}
	if err := clientRegistry.Validate(); err != nil {
		t.Error("ClientCode:", err)
	}
	if err := sessionRegistry.Validate(); err != nil {
		t.Error("SessionCloseStatus:", err)
	}
	for _, d := range []string{registry.Domain, clientRegistry.Domain, sessionRegistry.Domain} {
		if d != Domain {
			t.Errorf("a table's domain is %q, not Domain", d)
		}
	}
	if registry.Revision != "2024-07-14" {
		t.Errorf("Revision %q", registry.Revision)
	}
}
