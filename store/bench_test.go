package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/cnaf-tools/cpog"
)

// RawForTest gives the tests of package store_test the store's own
// connection pool: the pragmas the DSN sets are per connection, so only
// that pool can show that they are in effect. It exists in test builds only.
func (db *DB) RawForTest() *sql.DB { return db.db }

// benchStore opens a new store in b.TempDir() with the Essonne chosen.
func benchStore(b *testing.B) (*DB, *cpog.Referential, *cpog.Contract) {
	b.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "cpog.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	if _, err := db.SelectCaf(ctx, "91", cpog.Some(2.1)); err != nil {
		b.Fatal(err)
	}
	ref, err := db.Referential(ctx)
	if err != nil {
		b.Fatal(err)
	}
	c, err := db.Contract(ctx, "91")
	if err != nil {
		b.Fatal(err)
	}
	return db, ref, c
}

// allKeys lists every line and year of the referential.
func allKeys(ref *cpog.Referential) []cpog.TargetKey {
	var keys []cpog.TargetKey
	for i := range ref.Indicators {
		for _, l := range ref.Indicators[i].Lines() {
			for _, y := range ref.Years {
				keys = append(keys, cpog.TargetKey{LineKey: l.Key(), Year: y})
			}
		}
	}
	return keys
}

// BenchmarkApplyEdit is the cost of one typed value: a SetValue change
// applied durably (WAL, synchronous FULL) with its history, on a contract
// that fills up to a figure on every line and year. Target: 10 ms. Each
// change is made against the contract as first loaded, so it carries the
// proposal and the status, as the first value typed on a line does.
func BenchmarkApplyEdit(b *testing.B) {
	ctx := context.Background()
	db, ref, c := benchStore(b)
	keys := allKeys(ref)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		key := keys[i%len(keys)]
		ind, _ := ref.Lookup(key.Code)
		l, _ := ind.Line(key.Sub)
		ch := cpog.SetValue(c, l, key.Year, float64(i%97), cpog.ActorCaf, "")
		if _, err := db.Apply(ctx, "91", ch); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUndoImport undoes an import of a whole contract (a proposal, a
// Cnaf position and a status on every line and year: 855 edits), then
// undoes the undo's effect by applying the import again, untimed.
func BenchmarkUndoImport(b *testing.B) {
	ctx := context.Background()
	db, ref, _ := benchStore(b)
	ch := cpog.Change{Actor: cpog.ActorCnaf, Kind: "import", Summary: "bench"}
	for i, k := range allKeys(ref) {
		v := float64(i%50 + 1)
		ch.Edits = append(ch.Edits,
			cpog.Edit{Key: k, Field: cpog.FieldProposed, Value: cpog.Some(v)},
			cpog.Edit{Key: k, Field: cpog.FieldCounter, Value: cpog.Some(v + 1)},
			cpog.Edit{Key: k, Field: cpog.FieldStatus, Text: string(cpog.StatusCountered)})
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		if _, err := db.ApplyImport(ctx, "91", nil, ch); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := db.Undo(ctx, "91"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkContractLoad loads a contract with a proposal, a Cnaf position
// and an actual on every line and year.
func BenchmarkContractLoad(b *testing.B) {
	ctx := context.Background()
	db, ref, c := benchStore(b)
	keys := allKeys(ref)
	ch := cpog.Change{Actor: cpog.ActorCaf, Kind: "import", Summary: "bench"}
	for i, k := range keys {
		v := float64(i%50 + 1)
		ch.Edits = append(ch.Edits,
			cpog.Edit{Key: k, Field: cpog.FieldProposed, Value: cpog.Some(v)},
			cpog.Edit{Key: k, Field: cpog.FieldCounter, Value: cpog.Some(v + 1)},
			cpog.Edit{Key: k, Field: cpog.FieldStatus, Text: string(cpog.StatusCountered)},
			cpog.Edit{Key: k, Field: cpog.FieldActual, Value: cpog.Some(v - 1)})
	}
	if _, err := db.Apply(ctx, c.Caf.Code, ch); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		got, err := db.Contract(ctx, "91")
		if err != nil {
			b.Fatal(err)
		}
		if len(got.Targets) != len(keys) || len(got.Actuals) != len(keys) {
			b.Fatalf("loaded %d targets and %d actuals, want %d", len(got.Targets), len(got.Actuals), len(keys))
		}
	}
}

// BenchmarkReferentialLoad is what every command pays to read the COG: the
// copy compiled into the binary, once Open has seen its checksum
// installed.
func BenchmarkReferentialLoad(b *testing.B) {
	ctx := context.Background()
	db, _, _ := benchStore(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r, err := db.Referential(ctx); err != nil || len(r.Indicators) != 55 {
			b.Fatalf("Referential: %v", err)
		}
	}
}

// BenchmarkInstalledReferentialLoad reads the referential back from its
// tables, as doctor does to compare it with the embedded one.
func BenchmarkInstalledReferentialLoad(b *testing.B) {
	ctx := context.Background()
	db, _, _ := benchStore(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r, err := db.installedReferential(ctx); err != nil || len(r.Indicators) != 55 {
			b.Fatalf("installedReferential: %v", err)
		}
	}
}

// BenchmarkOpenExisting is the Open every command pays on an installed
// database: version check, migrations and installation found done.
func BenchmarkOpenExisting(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "cpog.db")
	db, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
