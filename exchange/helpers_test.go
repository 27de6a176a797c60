package exchange_test

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
	"github.com/cnaf-tools/cpog/seed"
	"github.com/cnaf-tools/cpog/store"
	"github.com/cnaf-tools/cpog/store/storetest"
)

// exportDay is the fixed date of the tests' exports.
var exportDay = time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)

// openDB opens a new database in a temporary directory, with a clock that
// ticks one second per call so that the history is deterministic.
func openDB(t testing.TB) *store.DB {
	t.Helper()
	return openDBAt(t, storetest.NewFile(t, filepath.Join(t.TempDir(), "cpog.db")))
}

func openDBAt(t testing.TB, path string) *store.DB {
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

func key(code, sub string, year int) cpog.TargetKey {
	return cpog.TargetKey{LineKey: cpog.LineKey{Code: code, Sub: sub}, Year: year}
}

// lineOf is a line of the embedded referential.
func lineOf(t testing.TB, code, sub string) cpog.Line {
	t.Helper()
	ref, err := seed.Referential()
	if err != nil {
		t.Fatal(err)
	}
	l, err := mustLookup(t, ref, code).Line(sub)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// agreedOn is the day of the dialogue de gestion of the test contracts.
var agreedOn = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

func apply(t testing.TB, db *store.DB, ch cpog.Change) {
	t.Helper()
	if _, err := db.Apply(context.Background(), "91", ch); err != nil {
		t.Fatalf("apply %q: %v", ch.Summary, err)
	}
}

func contractOf(t testing.TB, db *store.DB) *cpog.Contract {
	t.Helper()
	c, err := db.Contract(context.Background(), "91")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Comments a user could type that a spreadsheet would run as formulas.
var hostileComments = []string{"=1+1", "+33 6 12", "-2+3", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://evil\";\"clic\")"}

// seedNegotiation gives Caf 91 (weight 2,1 %) a contract with a value in
// every status, a changed mode with its baseline, actuals, figures with
// decimals and comments that look like formulas. It goes through the same
// domain functions as the interface.
func seedNegotiation(t testing.TB, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	if _, err := db.SelectCaf(ctx, "91", cpog.Some(2.1)); err != nil {
		t.Fatal(err)
	}
	ref, err := db.Referential(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set := func(code, sub string, year int, v float64, actor cpog.Actor, comment string) {
		apply(t, db, cpog.SetValue(contractOf(t, db), lineOf(t, code, sub), year, v, actor, comment))
	}
	lines := func(code string) []cpog.Line {
		ind, err := ref.Lookup(code)
		if err != nil {
			t.Fatal(err)
		}
		return ind.Lines()
	}
	// draft
	set("COG-08-29", "", 2025, 14, cpog.ActorCaf, hostileComments[0])
	// proposed, then countered by the Cnaf
	set("COG-08-29", "", 2026, 13, cpog.ActorCaf, hostileComments[1])
	set("COG-08-28", "", 2025, 85.6, cpog.ActorCaf, "taux ; avec « guillemets » \"doubles\"\net retour à la ligne")
	ch, err := cpog.Propose(contractOf(t, db), append(lines("COG-08-29"), lines("COG-08-28")...), []int{2026, 2025})
	if err != nil {
		t.Fatal(err)
	}
	apply(t, db, ch)
	set("COG-08-29", "", 2026, 12, cpog.ActorCnaf, hostileComments[2])
	// agreed, from a proposal and from a counter-proposal
	set("COG-01-01", "", 2025, 180.5, cpog.ActorCaf, hostileComments[3])
	set("COG-01-01", "", 2026, 160, cpog.ActorCaf, "")
	set("COG-01-01", "", 2026, 170, cpog.ActorCnaf, hostileComments[4])
	ch, err = cpog.Agree(contractOf(t, db), lines("COG-01-01"), []int{2025, 2026}, agreedOn)
	if err != nil {
		t.Fatal(err)
	}
	apply(t, db, ch)
	// sub-indicators, euros, hours, ratio, band, relative and national
	set("COG-08-23", "b", 2024, 81, cpog.ActorCaf, hostileComments[5])
	set("COG-10-41", "", 2027, 9_875_000.5, cpog.ActorCaf, "")
	set("COG-02-12", "", 2025, 91_570, cpog.ActorCaf, "")
	set("COG-12-47", "", 2024, 470.25, cpog.ActorCaf, hostileComments[6])
	set("COG-12-52", "", 2025, 48, cpog.ActorCaf, "")
	set("COG-12-53", "", 2025, -12.5, cpog.ActorCaf, "")
	set("COG-13-55", "", 2025, 99.67, cpog.ActorCaf, "")
	// a target with only a comment: status none
	apply(t, db, cpog.Change{Actor: cpog.ActorCaf, Kind: "set", Summary: "note",
		Edits: []cpog.Edit{{Key: key("COG-08-22", "", 2027), Field: cpog.FieldComment, Text: "à revoir"}}})
	// a path from a baseline, and a national indicator negotiated
	apply(t, db, mustMode(t, &ref.Indicators[0], cpog.ModePath))
	apply(t, db, cpog.SetBaseline(contractOf(t, db), lineOf(t, "COG-01-01", ""), 120))
	apply(t, db, mustMode(t, mustLookup(t, ref, "COG-13-55"), cpog.ModeSame))
	// actuals
	apply(t, db, cpog.SetActual(contractOf(t, db), lineOf(t, "COG-08-29", ""), 2024, 15.5))
	apply(t, db, cpog.SetActual(contractOf(t, db), lineOf(t, "COG-08-23", "a"), 2024, 88))
}

func mustMode(t testing.TB, ind *cpog.Indicator, m cpog.Mode) cpog.Change {
	t.Helper()
	ch, err := cpog.SetMode(ind, m)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

func mustLookup(t testing.TB, ref *cpog.Referential, code string) *cpog.Indicator {
	t.Helper()
	ind, err := ref.Lookup(code)
	if err != nil {
		t.Fatal(err)
	}
	return ind
}

// seedComplete gives Caf 91 a complete contract: a proposal for every line
// and year, countered by the Cnaf every other line, agreed on a third of
// the lines, an actual for the first years, a comment here and there.
func seedComplete(t testing.TB, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	if _, err := db.SelectCaf(ctx, "91", cpog.Some(2.1)); err != nil {
		t.Fatal(err)
	}
	ref, err := db.Referential(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := range ref.Indicators {
		ind := &ref.Indicators[i]
		for _, l := range ind.Lines() {
			n++
			ch := cpog.Change{Actor: cpog.ActorCaf, Kind: "set", Summary: "saisie " + l.Key().String()}
			for _, y := range ref.Years {
				v := fittingValue(l, y)
				k := cpog.TargetKey{LineKey: l.Key(), Year: y}
				ch.Edits = append(ch.Edits,
					cpog.Edit{Key: k, Field: cpog.FieldProposed, Value: cpog.Some(v)},
					cpog.Edit{Key: k, Field: cpog.FieldStatus, Text: string(cpog.StatusProposed)})
				if n%2 == 0 {
					ch.Edits = append(ch.Edits,
						cpog.Edit{Key: k, Field: cpog.FieldCounter, Value: cpog.Some(v + 1)},
						cpog.Edit{Key: k, Field: cpog.FieldStatus, Text: string(cpog.StatusCountered)})
				}
				if n%3 == 0 {
					ch.Edits = append(ch.Edits,
						cpog.Edit{Key: k, Field: cpog.FieldAgreed, Value: cpog.Some(v)},
						cpog.Edit{Key: k, Field: cpog.FieldStatus, Text: string(cpog.StatusAgreed)})
				}
				if y <= 2025 {
					ch.Edits = append(ch.Edits, cpog.Edit{Key: k, Field: cpog.FieldActual, Value: cpog.Some(v - 0.5)})
				}
				if n%5 == 0 {
					ch.Edits = append(ch.Edits, cpog.Edit{Key: k, Field: cpog.FieldComment, Text: fmt.Sprintf("commentaire %d ; année %d", n, y)})
				}
			}
			apply(t, db, ch)
		}
	}
}

// fittingValue is sampleValue brought under the branch's own figure where
// the branch shares a volume out: imports refuse a Caf carrying more than
// the whole branch, so a fixture above it would test only the refusal.
func fittingValue(l cpog.Line, y int) float64 {
	v := sampleValue(l.Indicator.Unit, y)
	for v > 1 && (cpog.CheckFigure(l, y, v+1) != nil || cpog.CheckFigure(l, y, v-0.5) != nil) {
		v = math.Round(v / 10)
	}
	return v
}

func sampleValue(u cpog.Unit, y int) float64 {
	switch u {
	case cpog.UnitPercent:
		return 70 + float64(y-2023)*1.5
	case cpog.UnitDays:
		return 20 - float64(y-2023)
	case cpog.UnitRatio:
		return 14.5
	}
	return 1000 * float64(y-2020)
}

// document loads what an export writes.
func document(t testing.TB, db *store.DB, agreedOnly bool) exchange.Document {
	t.Helper()
	d, err := exchange.LoadDocument(context.Background(), db, exchange.ExportOptions{Now: exportDay, AgreedOnly: agreedOnly})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// dumpDB reads every table of a database file with typed values, and its
// schema version, so that two states can be compared exactly.
func dumpDB(t testing.TB, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	var version int
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "user_version %d\n", version)
	rows, err := db.Query("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name, q string
		if err := rows.Scan(&name, &q); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
		fmt.Fprintf(&b, "%s\n", q)
	}
	rows.Close()
	for _, table := range tables {
		rows, err := db.Query(`SELECT * FROM "` + table + `" ORDER BY rowid`)
		if err != nil {
			rows, err = db.Query(`SELECT * FROM "` + table + `"`)
			if err != nil {
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
