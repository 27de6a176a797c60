package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/store"
)

// exOpen opens a store whose clock ticks one second per reading, so that
// two stores given the same calls write the same timestamps.
func exOpen(t testing.TB, path string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	t.Cleanup(func() { db.Close() })
	return db
}

// exDump reads tables of a database file (all of them when none is
// given), in a fixed order, with typed values.
func exDump(t testing.TB, path string, only ...string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "user_version %d\n", v)
	rows, err := db.Query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	tables := only
	for rows.Next() {
		var name string
		rows.Scan(&name)
		if len(only) == 0 {
			tables = append(tables, name)
		}
	}
	rows.Close()
	for _, table := range tables {
		rows, err := db.Query(`SELECT * FROM "` + table + `" ORDER BY rowid`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %#v\n", table, vals)
		}
		rows.Close()
	}
	return b.String()
}

// contractTables hold a contract and its history (the referential's
// tables carry the time of installation, which differs between stores).
var contractTables = []string{"setting", "contract", "contract_indicator", "baseline", "target", "actual", "change_set", "event"}

// contractView is the Caf 91's contract as the product reads it, a target
// row left with nothing in it counting as no target.
func contractView(t *testing.T, db *store.DB) *cpog.Contract {
	t.Helper()
	c, err := db.Contract(context.Background(), "91")
	if err != nil {
		t.Fatal(err)
	}
	for k, tg := range c.Targets {
		if tg == (cpog.Target{}) {
			delete(c.Targets, k)
		}
	}
	return c
}

func exKey(code, sub string, year int) cpog.TargetKey {
	return cpog.TargetKey{LineKey: cpog.LineKey{Code: code, Sub: sub}, Year: year}
}

// TestApplyImportWritesWhatApplyWrites applies the same changes through
// Apply and through ApplyImport (whose batched writer is separate code):
// both databases must be identical, history included, and so after undo.
func TestApplyImportWritesWhatApplyWrites(t *testing.T) {
	bg := context.Background()
	k1, k2, k3 := exKey("COG-08-29", "", 2025), exKey("COG-08-23", "b", 2024), exKey("COG-01-01", "", 2026)
	first := cpog.Change{Actor: cpog.ActorCaf, Kind: "set", Summary: "état de départ", Edits: []cpog.Edit{
		{Key: k1, Field: cpog.FieldProposed, Value: cpog.Some(14)},
		{Key: k1, Field: cpog.FieldStatus, Text: "proposed"},
		{Key: k1, Field: cpog.FieldComment, Text: "vu"},
		{Key: k3, Field: cpog.FieldActual, Value: cpog.Some(100)},
		{Key: cpog.TargetKey{LineKey: k3.LineKey}, Field: cpog.FieldBaseline, Value: cpog.Some(80)},
		{Key: cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-01-01"}}, Field: cpog.FieldMode, Text: "path"},
	}}
	imp := cpog.Change{Actor: cpog.ActorCnaf, Kind: "import", Summary: "import de f.json", Comment: "import de f.json", Edits: []cpog.Edit{
		{Key: k1, Field: cpog.FieldCounter, Value: cpog.Some(13)},
		{Key: k1, Field: cpog.FieldStatus, Text: "countered"},
		{Key: k1, Field: cpog.FieldProposed, Value: cpog.None},
		{Key: k1, Field: cpog.FieldStatus, Text: "agreed"}, // the same field twice
		{Key: k1, Field: cpog.FieldComment, Text: ""},
		{Key: k2, Field: cpog.FieldComment, Text: "=1+1"}, // a new target by a text field
		{Key: k2, Field: cpog.FieldAgreed, Value: cpog.Some(81.5)},
		{Key: k3, Field: cpog.FieldActual, Value: cpog.None},
		{Key: exKey("COG-08-29", "", 2024), Field: cpog.FieldActual, Value: cpog.Some(15.5)},
		{Key: cpog.TargetKey{LineKey: k3.LineKey}, Field: cpog.FieldBaseline, Value: cpog.None},
		{Key: cpog.TargetKey{LineKey: k2.LineKey}, Field: cpog.FieldBaseline, Value: cpog.Some(70)},
		{Key: cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-01-01"}}, Field: cpog.FieldMode, Text: ""},
		{Key: cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-13-55"}}, Field: cpog.FieldMode, Text: "same"},
		{Field: cpog.FieldWeight, Value: cpog.Some(2.5)},
	}}
	var dumps [2]string
	for i, viaImport := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "cpog.db")
		db := exOpen(t, path)
		if _, err := db.SelectCaf(bg, "91", cpog.Some(2.1)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Apply(bg, "91", first); err != nil {
			t.Fatal(err)
		}
		before := contractView(t, db)
		var err error
		if viaImport {
			_, err = db.ApplyImport(bg, "91", nil, imp)
		} else {
			_, err = db.Apply(bg, "91", imp)
		}
		if err != nil {
			t.Fatal(err)
		}
		dumps[i] = exDump(t, path, contractTables...)
		if _, err := db.Undo(bg, "91"); err != nil {
			t.Fatal(err)
		}
		dumps[i] += "after undo\n" + exDump(t, path, contractTables...)
		if diff := cmp.Diff(before, contractView(t, db)); diff != "" {
			t.Errorf("the undo did not restore the contract (import: %v) (-before +after undo):\n%s", viaImport, diff)
		}
	}
	if dumps[0] != dumps[1] {
		t.Errorf("Apply and ApplyImport wrote different databases:\n--- Apply\n%s\n--- ApplyImport\n%s", dumps[0], dumps[1])
	}
}

func TestApplyImportCreatesAndSelectsTheContract(t *testing.T) {
	bg := context.Background()
	db := exOpen(t, filepath.Join(t.TempDir(), "cpog.db"))
	create := cpog.NewContract(cpog.Caf{Code: "69"}, "", 3.5, 2022)
	ch := cpog.Change{Actor: cpog.ActorCaf, Kind: "import", Summary: "import", Edits: []cpog.Edit{
		{Key: exKey("COG-08-29", "", 2025), Field: cpog.FieldProposed, Value: cpog.Some(12)},
	}}
	id, err := db.ApplyImport(bg, "69", create, ch)
	if err != nil || id == 0 {
		t.Fatalf("ApplyImport: %d, %v", id, err)
	}
	if code, ok, _ := db.CurrentCaf(bg); !ok || code != "69" {
		t.Errorf("current Caf %q %v, want 69", code, ok)
	}
	c, err := db.Contract(bg, "69")
	if err != nil {
		t.Fatal(err)
	}
	if c.Weight != 3.5 || c.BaselineYear != 2022 || c.Target(cpog.LineKey{Code: "COG-08-29"}, 2025).Proposed != cpog.Some(12) {
		t.Errorf("contract %+v", c)
	}
}

func TestApplyImportIsAllOrNothing(t *testing.T) {
	bg := context.Background()
	path := filepath.Join(t.TempDir(), "cpog.db")
	db := exOpen(t, path)
	before := exDump(t, path)
	create := cpog.NewContract(cpog.Caf{Code: "91"}, "", 2.1, 2022)
	ch := cpog.Change{Actor: cpog.ActorCaf, Kind: "import", Summary: "import", Edits: []cpog.Edit{
		{Key: exKey("COG-08-29", "", 2025), Field: cpog.FieldProposed, Value: cpog.Some(12)},
		{Key: exKey("COG-08-29", "", 2025), Field: cpog.FieldStatus, Text: "signé"},
	}}
	if _, err := db.ApplyImport(bg, "91", create, ch); cpog.ErrorCode(err) != cpog.EInvalid {
		t.Fatalf("ApplyImport with an unknown status: %v", err)
	}
	if after := exDump(t, path); after != before {
		t.Errorf("a failed import changed the database:\n%s\n---\n%s", before, after)
	}
	if _, ok, _ := db.CurrentCaf(bg); ok {
		t.Error("a failed import chose a Caf")
	}
}

// openRaw opens a plain connection on a database file, as another program
// would.
func openRaw(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}
