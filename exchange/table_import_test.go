package exchange_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
	"github.com/cnaf-tools/cpog/store"
)

// The tool's own CSV and workbook, edited in a spreadsheet, come back
// through `cpog import`: what changed is applied, and nothing else.

// exported writes the contract in a format.
func exported(t testing.TB, db *store.DB, f exchange.Format, agreedOnly bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exchange.Write(&buf, f, document(t, db, agreedOnly)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// editXLSX opens a workbook with excelize, as a user's spreadsheet would
// leave it, lets fn change it, and saves it.
func editXLSX(t testing.TB, data []byte, fn func(f *excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fn(f)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dataCell is the cell of the « Données » sheet in a column (by its
// header) for a line and year.
func dataCell(t testing.TB, f *excelize.File, header, code, sub string, year int) string {
	t.Helper()
	rows, err := f.GetRows("Données")
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], header)
	if col < 0 {
		t.Fatalf("no column %q in %q", header, rows[0])
	}
	for i, r := range rows {
		if len(r) > 5 && r[1] == code && r[2] == sub && r[5] == strconv.Itoa(year) {
			return cell(col+1, i+1)
		}
	}
	t.Fatalf("no row %s %s %d", code, sub, year)
	return ""
}

// annexCell is the « Caf » cell of the « CPOG » sheet for a line and year.
func annexCell(t testing.TB, f *excelize.File, line string, year int) string {
	t.Helper()
	rows, err := f.GetRows("CPOG")
	if err != nil {
		t.Fatal(err)
	}
	first := slices.Index(rows[0], strconv.Itoa(year))
	if first < 0 || rows[1][first+2] != "Caf" {
		t.Fatalf("no group for %d in %q / %q", year, rows[0], rows[1])
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == line {
			return cell(first+3, i+1)
		}
	}
	t.Fatalf("no row %s", line)
	return ""
}

func set(t testing.TB, f *excelize.File, sheet, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
}

func importBytes(t testing.TB, db *store.DB, name string, data []byte, dry bool) (*exchange.ImportReport, error) {
	t.Helper()
	return exchange.Import(context.Background(), db, name, data, exchange.ImportOptions{DryRun: dry})
}

func TestImportOwnFilesUnchanged(t *testing.T) {
	db := openDB(t)
	seedComplete(t, db)
	seedNegotiation(t, db)
	seedWorkbookPlan(t, db)
	// texts a spreadsheet would run, and line ends a CSV rewrites
	apply(t, db, cpog.Change{Actor: cpog.ActorCaf, Kind: "import", Summary: "textes", Edits: []cpog.Edit{
		{Key: key("COG-08-22", "", 2024), Field: cpog.FieldExplanation, Text: "'=déjà une apostrophe"},
		{Key: key("COG-08-22", "", 2024), Field: cpog.FieldAction, Text: "ligne 1\r\nligne 2\rligne 3"},
		{Key: key("COG-08-22", "", 2025), Field: cpog.FieldComment, Text: "\n- tiret"},
	}})
	old := editXLSX(t, exported(t, db, exchange.XLSX, false), func(f *excelize.File) {
		// a workbook of an earlier cpog: the long table as « CPOG »
		if err := f.DeleteSheet("CPOG"); err != nil {
			t.Fatal(err)
		}
		if err := f.SetSheetName("Données", "CPOG"); err != nil {
			t.Fatal(err)
		}
	})
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"cpog-91.xlsx", exported(t, db, exchange.XLSX, false)},
		{"cpog-91.csv", exported(t, db, exchange.CSV, false)},
		{"validés.xlsx", exported(t, db, exchange.XLSX, true)},
		{"validés.csv", exported(t, db, exchange.CSV, true)},
		{"ancien.xlsx", old},
	} {
		rep, err := importBytes(t, db, tt.name, tt.data, true)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if rep.Kind != exchange.KindTable || len(rep.Lines) != 0 {
			t.Errorf("%s, imported as it was exported: %s\n%s", tt.name, rep.Summary(), strings.Join(rep.Lines, "\n"))
		}
	}
}

func TestImportEditedWorkbook(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cpog.db")
	db := openDBAt(t, path)
	seedNegotiation(t, db)
	before := contractOf(t, db)
	dumped := dumpDB(t, path)
	edited := editXLSX(t, exported(t, db, exchange.XLSX, false), func(f *excelize.File) {
		set(t, f, "CPOG", annexCell(t, f, "COG-08-29", 2025), 13)                                   // a target, in the annex
		set(t, f, "Données", dataCell(t, f, "Cible locale", "COG-08-28", "", 2025), 0.87)           // a rate, in its percent cell
		set(t, f, "Données", dataCell(t, f, "Réalisé", "COG-08-22", "", 2024), 86)                  // an actual, typed as shown
		set(t, f, "Données", dataCell(t, f, "Commentaire", "COG-08-29", "", 2026), "revu en CODIR") // a comment
		set(t, f, "Données", dataCell(t, f, "Explication", "COG-08-29", "", 2024), "afflux de dossiers")
	})
	rep, err := importBytes(t, db, "cpog-91.xlsx", edited, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"COG-08-22 2024 · réalisé : — → 86 %",
		"COG-08-28 2025 · proposition Caf : 85,6 % → 87 %",
		"COG-08-28 2025 · statut : proposé → brouillon",
		"COG-08-29 2024 · explication de l’écart : — → afflux de dossiers",
		"COG-08-29 2025 · proposition Caf : 14 j → 13 j",
		"COG-08-29 2025 · statut : proposé → brouillon",
		"COG-08-29 2026 · commentaire : -2+3 → revu en CODIR",
	}
	if !slices.Equal(rep.Lines, want) {
		t.Errorf("dry run\n got %q\nwant %q", rep.Lines, want)
	}
	if dumpDB(t, path) != dumped {
		t.Error("the dry run wrote to the database")
	}
	rep, err = importBytes(t, db, "cpog-91.xlsx", edited, false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.ChangeID == 0 || !strings.Contains(rep.Summary(), "7 modifications enregistrées") {
		t.Errorf("import: %s", rep.Summary())
	}
	after := contractOf(t, db)
	if got := after.Targets[key("COG-08-28", "", 2025)]; got.Proposed != cpog.Some(87) || got.Status != cpog.StatusDraft {
		t.Errorf("COG-08-28 2025: %+v", got)
	}
	if got := after.Actuals[key("COG-08-22", "", 2024)]; got != 86 {
		t.Errorf("actual %v", got)
	}
	// nothing else moved: the agreed year keeps its figure and date
	if got, was := after.Targets[key("COG-01-01", "", 2025)], before.Targets[key("COG-01-01", "", 2025)]; got != was {
		t.Errorf("agreed target changed: %+v, was %+v", got, was)
	}
	// the same file again changes nothing
	if rep, err := importBytes(t, db, "cpog-91.xlsx", edited, false); err != nil || len(rep.Change.Edits) != 0 {
		t.Errorf("second import: %v %v", rep.Summary(), err)
	}
	// one step, undone whole
	if _, err := db.Undo(ctx, "91"); err != nil {
		t.Fatal(err)
	}
	if got := contractOf(t, db); !sameContract(got, before) {
		t.Error("undo did not bring the contract back")
	}
}

// sameContract compares the figures and texts of two contracts, a target
// or an actual missing in one being an empty one.
func sameContract(a, b *cpog.Contract) bool {
	for _, m := range []map[cpog.TargetKey]cpog.Target{a.Targets, b.Targets} {
		for k := range m {
			if a.Targets[k] != b.Targets[k] {
				return false
			}
		}
	}
	for _, m := range []map[cpog.TargetKey]float64{a.Actuals, b.Actuals} {
		for k := range m {
			va, oka := a.Actuals[k]
			vb, okb := b.Actuals[k]
			if oka != okb || va != vb {
				return false
			}
		}
	}
	return true
}

// rewriteCSV reads a CSV as a spreadsheet does, lets fn change its
// records, and writes it back with CRLF line ends and a UTF-8 BOM, as
// Excel's « CSV UTF-8 » does.
func rewriteCSV(t testing.TB, data []byte, fn func(header []string, recs [][]string)) []byte {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	fn(recs[0], recs[1:])
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.UseCRLF = true
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// csvSet changes the field of a column (by header) of a line and year.
func csvSet(t testing.TB, header []string, recs [][]string, col, code, sub string, year int, v string) {
	t.Helper()
	i := slices.Index(header, col)
	for _, r := range recs {
		if r[1] == code && r[2] == sub && r[5] == strconv.Itoa(year) {
			r[i] = v
			return
		}
	}
	t.Fatalf("no row %s %s %d", code, sub, year)
}

func TestImportEditedCSV(t *testing.T) {
	db := openDB(t)
	seedNegotiation(t, db)
	edited := rewriteCSV(t, exported(t, db, exchange.CSV, false), func(h []string, recs [][]string) {
		csvSet(t, h, recs, "Cible locale", "COG-08-23", "b", 2024, "82,5")
		csvSet(t, h, recs, "Position Cnaf", "COG-08-29", "", 2027, "12 j")
		csvSet(t, h, recs, "Réalisé", "COG-10-41", "", 2024, "375 M€")
		csvSet(t, h, recs, "Commentaire", "COG-08-22", "", 2027, "=à revoir")
		csvSet(t, h, recs, "Action corrective", "COG-08-29", "", 2024, "renfort")
		// computed columns are cpog's: ignored
		csvSet(t, h, recs, "Écart", "COG-08-28", "", 2025, "999")
		csvSet(t, h, recs, "Statut", "COG-08-28", "", 2025, "validé")
	})
	if !bytes.HasPrefix(edited, []byte("\ufeffFiche;")) || !bytes.Contains(edited, []byte("\r\n")) {
		t.Fatal("the rewritten CSV has no BOM or no CRLF")
	}
	rep, err := importBytes(t, db, "cpog-91.csv", edited, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"COG-08-22 2027 · commentaire : à revoir → =à revoir",
		"COG-08-23 b 2024 · proposition Caf : 81 % → 82,5 %",
		"COG-08-29 2024 · action corrective : — → renfort",
		"COG-08-29 2027 · position Cnaf : — → 12 j",
		"COG-08-29 2027 · statut : — → contre-proposé",
		"COG-10-41 2024 · réalisé : — → 375 000 000 €",
	}
	if !slices.Equal(rep.Lines, want) {
		t.Errorf("import\n got %q\nwant %q", rep.Lines, want)
	}
}
