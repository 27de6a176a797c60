package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 12: a 305-digit value made the gap +Inf and broke `gap --json`
// and the exports (« encode JSON: json: unsupported value: +Inf »). A
// database written by an older cpog may hold such values (and +Inf
// itself): every output renders them, never fails.
func TestAbsurdStoredValuesNeverBreakOutputs(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiated(c)
	c.ok("set", "COG-08-22", "2025", "80 %")
	c.ok("set", "01-01", "2025", "150")
	c.ok("actual", "COG-08-29", "2024", "15 j")
	// what an older cpog let through: 305 digits, and their overflow
	execSQL(t, c.db,
		"UPDATE target SET proposed = 1e305 WHERE code = 'COG-08-29' AND year = 2025",
		"UPDATE target SET proposed = 9e999 WHERE code = 'COG-08-22' AND year = 2025",
		"UPDATE target SET proposed = -9e999 WHERE code = 'COG-01-01' AND year = 2025",
		"UPDATE actual SET value = 9e999 WHERE code = 'COG-08-29'",
		"INSERT INTO change_set(contract_id, at, actor, kind, summary) SELECT id, '2026-01-01T00:00:00Z', 'caf', 'set', 'ancienne saisie' FROM contract",
		"INSERT INTO event(change_id, code, year, field, old_value, new_value) VALUES (last_insert_rowid(), 'COG-08-22', 2025, 'proposed', 1e305, 9e999)",
		"PRAGMA wal_checkpoint(TRUNCATE)")
	var rows []map[string]any
	c.jsonOut(&rows, "gap", "--json")
	if len(rows) == 0 {
		t.Fatal("gap --json: no rows")
	}
	c.jsonOut(&rows, "history", "--json")
	c.jsonOut(&rows, "bilan", "--year", "2024", "--json")
	c.jsonOut(&rows, "bilan", "--year", "2025", "--json")
	c.ok("gap")
	c.ok("history")
	c.ok("bilan", "--year", "2024")
	for _, f := range []string{"csv", "json", "xlsx", "md", "html", "bilan", "bilan-md"} {
		out := filepath.Join(c.dir, "export."+f)
		c.ok("export", "--format", f, "-o", out)
		b, err := os.ReadFile(out)
		if err != nil || len(b) == 0 {
			t.Errorf("export %s: %v", f, err)
		}
		if f == "json" && !json.Valid(b) {
			t.Errorf("export json: not JSON")
		}
		if f != "xlsx" && (strings.Contains(string(b), "Inf") || strings.Contains(string(b), "NaN")) {
			t.Errorf("export %s shows Inf or NaN", f)
		}
	}
}
