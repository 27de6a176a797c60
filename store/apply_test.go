package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cnaf-tools/cpog"
)

// TestOneChangeManyEdits: a change editing the same field twice, creating
// a target through a text field, clearing values and rows, and touching
// every table, records each edit's value before it (NULL where there was
// no row) and its value after; its undo restores the contract.
func TestOneChangeManyEdits(t *testing.T) {
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
	// field old_value new_value old_text new_text, NULL spelt out
	want := []string{
		"counter NULL 13 NULL NULL",
		"status NULL NULL proposed countered",
		"proposed 14 NULL NULL NULL",
		"status NULL NULL countered agreed",
		"comment NULL NULL vu ''",
		"comment NULL NULL NULL =1+1",
		"agreed NULL 81.5 NULL NULL",
		"actual 100 NULL NULL NULL",
		"actual NULL 15.5 NULL NULL",
		"baseline 80 NULL NULL NULL",
		"baseline NULL 70 NULL NULL",
		"mode NULL NULL path ''",
		"mode NULL NULL NULL same",
		"weight 2.1 2.5 NULL NULL",
	}

	for _, viaImport := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "cpog.db")
		db := exOpen(t, path)
		if _, err := db.SelectCaf(bg, "91", cpog.Some(2.1)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Apply(bg, "91", first); err != nil {
			t.Fatal(err)
		}
		before := contractView(t, db)
		var id int64
		var err error
		if viaImport {
			id, err = db.ApplyImport(bg, "91", nil, imp)
		} else {
			id, err = db.Apply(bg, "91", imp)
		}
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, eventRows(t, path, id)); diff != "" {
			t.Errorf("events of the change (import: %v) (-want +got):\n%s", viaImport, diff)
		}
		c := contractView(t, db)
		wantTargets := map[cpog.TargetKey]cpog.Target{
			k1: {Counter: cpog.Some(13), Status: cpog.StatusAgreed},
			k2: {Agreed: cpog.Some(81.5), Comment: "=1+1"},
		}
		if diff := cmp.Diff(wantTargets, c.Targets); diff != "" {
			t.Errorf("targets after the change (-want +got):\n%s", diff)
		}
		if c.Weight != 2.5 || len(c.Actuals) != 1 || c.Actuals[exKey("COG-08-29", "", 2024)] != 15.5 ||
			len(c.Baselines) != 1 || c.Baselines[k2.LineKey] != 70 || len(c.Modes) != 1 || c.Modes["COG-13-55"] != cpog.ModeSame {
			t.Errorf("contract after the change: weight %v, actuals %v, baselines %v, modes %v", c.Weight, c.Actuals, c.Baselines, c.Modes)
		}
		undo, err := db.Undo(bg, "91")
		if err != nil {
			t.Fatal(err)
		}
		if undo != "annulation : import de f.json" {
			t.Errorf("undo summary %q", undo)
		}
		if diff := cmp.Diff(before, contractView(t, db)); diff != "" {
			t.Errorf("the undo did not restore the contract (import: %v) (-before +after undo):\n%s", viaImport, diff)
		}
	}
}

// eventRows reads a change's events straight from the table, in order,
// NULL and the empty text told apart.
func eventRows(t *testing.T, path string, changeID int64) []string {
	t.Helper()
	raw, err := openRaw(path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query("SELECT field, old_value, new_value, old_text, new_text FROM event WHERE change_id = ? ORDER BY id", changeID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var field string
		var oldV, newV sql.NullFloat64
		var oldT, newT sql.NullString
		if err := rows.Scan(&field, &oldV, &newV, &oldT, &newT); err != nil {
			t.Fatal(err)
		}
		f := []string{field}
		for _, v := range []sql.NullFloat64{oldV, newV} {
			if v.Valid {
				f = append(f, fmt.Sprint(v.Float64))
			} else {
				f = append(f, "NULL")
			}
		}
		for _, s := range []sql.NullString{oldT, newT} {
			switch {
			case !s.Valid:
				f = append(f, "NULL")
			case s.String == "":
				f = append(f, "''")
			default:
				f = append(f, s.String)
			}
		}
		out = append(out, strings.Join(f, " "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
