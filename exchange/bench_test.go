package exchange_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog/exchange"
)

// completeDocument is a complete contract (every line and year proposed,
// half countered, a third agreed, actuals, comments) with its history.
func completeDocument(b *testing.B) exchange.Document {
	b.Helper()
	db := openDB(b)
	seedComplete(b, db)
	return document(b, db, false)
}

func benchExport(b *testing.B, write func(io.Writer, exchange.Document) error) {
	d := completeDocument(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		buf.Reset()
		if err := write(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/file")
}

func BenchmarkExportXLSX(b *testing.B)     { benchExport(b, exchange.WriteXLSX) }
func BenchmarkExportCSV(b *testing.B)      { benchExport(b, exchange.WriteCSV) }
func BenchmarkExportJSON(b *testing.B)     { benchExport(b, exchange.WriteJSON) }
func BenchmarkExportMarkdown(b *testing.B) { benchExport(b, exchange.WriteMarkdown) }
func BenchmarkExportHTML(b *testing.B)     { benchExport(b, exchange.WriteHTML) }

// BenchmarkBilanHTML writes the printable bilan of a complete contract
// (every line with a target, actuals, charts): the target is 20 ms.
func BenchmarkBilanHTML(b *testing.B)     { benchExport(b, exchange.WriteBilanHTML) }
func BenchmarkBilanMarkdown(b *testing.B) { benchExport(b, exchange.WriteBilanMarkdown) }

// BenchmarkImportExchange validates and applies the exchange file of a
// complete contract to a fresh database (copied from a template outside
// the timer), the worst case: every field is new.
func BenchmarkImportExchange(b *testing.B) {
	d := plausible(b, completeDocument(b))
	var file bytes.Buffer
	if err := exchange.WriteJSON(&file, d); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	template := filepath.Join(dir, "template.db")
	openDBAt(b, template).Close() // migrated, referential installed
	benchImport(b, template, "cpog-91.json", file.Bytes())
}

// BenchmarkImportEditedWorkbook imports the workbook of a complete
// contract, exported and edited with excelize (a target in the « CPOG »
// sheet, an actual and a comment in the « Données » sheet), into a copy of
// the database it was exported from (copied outside the timer): both
// sheets read and reconciled, every line compared, three lines changed.
func BenchmarkImportEditedWorkbook(b *testing.B) {
	dir := b.TempDir()
	template := filepath.Join(dir, "template.db")
	db := openDBAt(b, template)
	seedComplete(b, db)
	var file bytes.Buffer
	if err := exchange.WriteXLSX(&file, document(b, db, false)); err != nil {
		b.Fatal(err)
	}
	edited := editXLSX(b, file.Bytes(), func(f *excelize.File) {
		set(b, f, "CPOG", annexCell(b, f, "COG-08-29", 2025), 12)
		set(b, f, "Données", dataCell(b, f, "Réalisé", "COG-08-22", "", 2026), 0.9)
		set(b, f, "Données", dataCell(b, f, "Commentaire", "COG-10-41", "", 2025), "revu en CODIR")
	})
	db.Close()
	benchImport(b, template, "cpog-91.xlsx", edited)
}

// benchImport times the import of a file into copies of a database file
// (copied outside the timer): an import benchmark applies its file to the
// same database each time.
func benchImport(b *testing.B, template, name string, body []byte) {
	b.Helper()
	raw, err := os.ReadFile(template)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	ctx := context.Background()
	edits := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		path := filepath.Join(dir, string(rune('a'+i%26))+".db")
		os.Remove(path)
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
		if err := os.WriteFile(path, raw, 0o600); err != nil {
			b.Fatal(err)
		}
		db := openDBAt(b, path)
		b.StartTimer()
		rep, err := exchange.Import(ctx, db, name, body, exchange.ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		edits = len(rep.Change.Edits)
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(edits), "edits/import")
	b.ReportMetric(float64(len(body)), "bytes/file")
}
