package turms

import "testing"

// The generated tables keep the invariants lookups rely on.
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
	if registry.Domain != Domain || clientRegistry.Domain != Domain || sessionRegistry.Domain != Domain {
		t.Error("tables' domain differs from Domain")
	}
}
