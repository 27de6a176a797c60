package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/cnaf-tools/cpog"
)

// provenanceSixDatabase builds the database a cpog of schema 6 left before
// the plan d'actions was numbered 6: the migrations 1 to 5, then the
// provenance of imported steps as migration 6 (today's 0007), a contract
// and one imported step that names its file.
func provenanceSixDatabase(t *testing.T) string {
	t.Helper()
	path := schema4Database(t, nil)
	raw, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	old := &DB{db: raw, path: path, Now: time.Now}
	names := migrationNames()
	for _, m := range []struct {
		version int
		name    string
	}{{5, names[4]}, {6, "migrations/0007_provenance.sql"}} {
		body, err := migrationFS.ReadFile(m.name)
		if err != nil {
			t.Fatal(err)
		}
		if err := old.runMigration(context.Background(), m.version, m.name, string(body)); err != nil {
			t.Fatalf("%s as schema %d: %v", m.name, m.version, err)
		}
	}
	if _, err := raw.Exec(`INSERT INTO change_set (id, contract_id, at, actor, kind, summary, comment, undoes, source_file, source_digest, declared_actor)
		VALUES (2, 1, '2026-11-25T09:00:00Z', 'caf', 'import', 'import de cpog-91.json', '', NULL, 'cpog-91.json', 'abc', 'caf')`); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestMigrateProvenanceAtSix: a database whose schema 6 is the provenance
// (cpog before the plan d'actions took that number) gets the plan's
// tables and the network's plan, keeps its provenance and its contract,
// and ends at the schema of this cpog with nothing for doctor to report;
// the same file opens again unchanged.
func TestMigrateProvenanceAtSix(t *testing.T) {
	ctx := context.Background()
	path := provenanceSixDatabase(t)
	for range 2 {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("open a schema-6 database with the provenance: %v", err)
		}
		var v, plan int
		var source string
		if err := db.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil || v != SchemaVersion() {
			t.Errorf("schema %d (%v), want %d", v, err, SchemaVersion())
		}
		if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name IN ('commitment', 'plan_item', 'network_follow_up')").Scan(&plan); err != nil || plan != 3 {
			t.Errorf("%d of the plan's 3 tables (%v)", plan, err)
		}
		if err := db.db.QueryRowContext(ctx, "SELECT source_file FROM change_set WHERE id = 2").Scan(&source); err != nil || source != "cpog-91.json" {
			t.Errorf("provenance of the imported step: %q (%v)", source, err)
		}
		c, err := db.Contract(ctx, "91")
		k := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}
		if err != nil || c.Targets[k].Agreed != cpog.Some(13) {
			t.Errorf("contract after migration: %v", err)
		}
		checksPass(t, db, "after migration")
		db.Close()
	}
}
