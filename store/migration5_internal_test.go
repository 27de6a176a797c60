package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/seed"
)

// schema4Database builds the database an earlier cpog left: schema 4, the
// referential installed without measures, Mayotte's caisse a CCSS, the
// Caf 91's contract with a target, an agreement and a history step.
func schema4Database(t *testing.T, tamper func(*sql.DB)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cpog.db")
	raw, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	// the migrations of the time, with their Go steps
	old := &DB{db: raw, path: path, Now: time.Now}
	for i, name := range migrationNames()[:4] {
		body, err := migrationFS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := old.runMigration(context.Background(), i+1, name, string(body)); err != nil {
			t.Fatal(err)
		}
	}
	ref, _ := seed.Referential()
	cafs, _ := seed.Cafs()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec("PRAGMA user_version = 4")
	exec(`INSERT INTO referential VALUES (?, ?, ?, ?, 2023, 2027, 'empreinte-de-cpog-4', '2026-11-22T09:00:00Z')`, ref.ID, ref.Title, ref.Revision, ref.Signed)
	for _, a := range ref.Axes {
		exec("INSERT INTO axis VALUES (?, ?, ?)", ref.ID, a.N, a.Title)
	}
	for _, f := range ref.Fiches {
		exec("INSERT INTO fiche VALUES (?, ?, ?, ?)", ref.ID, f.N, f.Axis, f.Title)
	}
	for i := range ref.Indicators {
		ind := &ref.Indicators[i]
		exec("INSERT INTO indicator VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ref.ID, ind.Code, ind.N, ind.Fiche, ind.Label, string(ind.Unit), string(ind.Direction), string(ind.Mode), ind.Notes)
		for _, a := range ind.Aliases {
			exec("INSERT INTO indicator_alias VALUES (?, ?, ?)", ref.ID, a, ind.Code)
		}
		for pos, s := range ind.Subs {
			exec("INSERT INTO sub_indicator VALUES (?, ?, ?, ?, ?)", ref.ID, ind.Code, s.Key, pos, s.Label)
		}
		for _, l := range ind.Lines() {
			for y, nt := range l.Targets {
				var v, lo, hi any
				if nt.Kind == cpog.TargetBand {
					lo, hi = nt.Min, nt.Max
				} else {
					v = nt.Value
				}
				exec("INSERT INTO national_target VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ref.ID, ind.Code, l.Sub, y, nt.Raw, string(nt.Kind), v, lo, hi, nt.RelativeTo)
			}
		}
	}
	for _, c := range cafs {
		kind := c.Kind
		if kind == cpog.KindCSS {
			kind = cpog.KindCCSS // what cpog 4 knew
		}
		exec("INSERT INTO caf VALUES (?, ?, ?, ?)", c.Code, c.Departement, string(kind), c.Name)
	}
	exec("INSERT INTO setting VALUES ('caf', '91')")
	exec("INSERT INTO contract VALUES (1, '91', ?, 2.1, 2022, '2026-11-22T09:00:00Z')", ref.ID)
	exec("INSERT INTO contract_indicator VALUES (1, 'COG-08-30', 'path')")
	exec("INSERT INTO baseline VALUES (1, 'COG-08-30', '', 12)")
	exec("INSERT INTO target VALUES (1, 'COG-08-29', '', 2025, 14, 13, 13, 'agreed', 'accord de novembre', '2026-11-22T09:00:00Z')")
	exec("INSERT INTO change_set VALUES (1, 1, '2026-11-22T09:00:00Z', 'caf', 'agree', 'COG-08-29 : validé', '', NULL)")
	exec("INSERT INTO event VALUES (1, 1, 'COG-08-29', '', 2025, 'agreed', NULL, 13, NULL, NULL)")
	if tamper != nil {
		tamper(raw)
	}
	return path
}

// TestMigrateSchema4: migration 5 copies the Caf table (foreign keys off,
// then checked), adds the agreement's day, the bilan's texts, the share
// keys and the measures; the referential of the earlier cpog is brought
// up to date in place since its figures are the same; nothing of the
// contract is lost and doctor finds nothing.
func TestMigrateSchema4(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, schema4Database(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.Contract(ctx, "91")
	if err != nil {
		t.Fatal(err)
	}
	k := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}
	if got := c.Targets[k]; got.Agreed != cpog.Some(13) || got.Status != cpog.StatusAgreed || got.Comment != "accord de novembre" || got.AgreedOn != "" {
		t.Errorf("target after migration: %+v", got)
	}
	if c.Weight != 2.1 || c.Modes["COG-08-30"] != cpog.ModePath || c.Baselines[cpog.LineKey{Code: "COG-08-30"}] != 12 {
		t.Errorf("contract after migration: %+v", c)
	}
	mayotte, err := db.Caf(ctx, "976")
	if err != nil || mayotte.Kind != cpog.KindCSS {
		t.Errorf("976 after migration: %+v, %v; want the CSS", mayotte, err)
	}
	var empty int
	if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM indicator WHERE measure = ''").Scan(&empty); err != nil || empty != 0 {
		t.Errorf("%d indicators without their measure (%v)", empty, err)
	}
	checksPass(t, db, "after migration")
	h, err := db.History(ctx, "91", "")
	if err != nil || len(h) != 1 || h[0].New != cpog.Some(13) {
		t.Errorf("history after migration: %+v, %v", h, err)
	}
}

// checksPass fails the test for each of doctor's checks that fails.
func checksPass(t *testing.T, db *DB, when string) {
	t.Helper()
	checks, err := db.Checks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range checks {
		if !ch.OK {
			t.Errorf("doctor %s: %s: %s", when, ch.Name, ch.Detail)
		}
	}
}

// TestMigrateSchema4WithOtherFigures: a referential whose figures differ
// from this cpog's (an avenant, or a tampered table) is not rewritten
// under the contract: doctor reports it.
func TestMigrateSchema4WithOtherFigures(t *testing.T) {
	ctx := context.Background()
	path := schema4Database(t, func(raw *sql.DB) {
		if _, err := raw.Exec("UPDATE national_target SET value = 14, raw = '14 j' WHERE code = 'COG-08-29' AND year = 2025"); err != nil {
			t.Fatal(err)
		}
	})
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ref, err := db.Referential(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ind, _ := ref.Lookup("COG-08-29")
	if got := ind.Targets[2025]; got.Value != 14 {
		t.Errorf("COG-08-29 2025 after Open: %v, want the installed 14 j kept", got.Raw)
	}
	checks, err := db.Checks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	failed := map[string]bool{}
	for _, ch := range checks {
		failed[ch.Name] = !ch.OK
	}
	if !failed["empreinte du référentiel"] || !failed["référentiel installé conforme au référentiel intégré"] {
		t.Errorf("doctor must report the other figures: %+v", checks)
	}
}
