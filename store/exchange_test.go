package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
			// a table without rowid reads in the order of its key
			if rows, err = db.Query(`SELECT * FROM "` + table + `"`); err != nil {
				t.Fatal(err)
			}
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
