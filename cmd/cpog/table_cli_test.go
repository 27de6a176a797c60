package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The tool's own workbook and CSV, edited as a contrôleur de gestion does
// in a spreadsheet, come back through `cpog import`: `cpog gap --json` and
// `cpog bilan --json` then show exactly the changes made, nothing else.

// jsonRows reads a --json output into its rows by code, sub-indicator and
// year.
func jsonRows(t *testing.T, out string) map[string]map[string]any {
	t.Helper()
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("not JSON: %v\n%.300s", err, out)
	}
	byKey := map[string]map[string]any{}
	for _, r := range rows {
		sub, _ := r["sub"].(string)
		byKey[fmt.Sprintf("%v %s %v", r["code"], sub, r["year"])] = r
	}
	return byKey
}

// jsonDiff lists the fields that differ between two --json outputs, as
// "COG-08-29  2025 local: 14 → 13".
func jsonDiff(t *testing.T, before, after string) []string {
	t.Helper()
	a, b := jsonRows(t, before), jsonRows(t, after)
	if len(a) != len(b) {
		t.Fatalf("%d rows before, %d after", len(a), len(b))
	}
	var out []string
	for k, ra := range a {
		rb, ok := b[k]
		if !ok {
			t.Fatalf("row %s gone", k)
		}
		for f, va := range ra {
			if vb := rb[f]; !reflect.DeepEqual(va, vb) {
				out = append(out, fmt.Sprintf("%s %s: %v → %v", k, f, va, vb))
			}
		}
	}
	sort.Strings(out)
	return out
}

// state is what the round trip compares: the gap and the bilan of 2024
// and 2025.
func state(c *cli) [3]string {
	return [3]string{c.ok("gap", "--json"), c.ok("bilan", "--json", "--year", "2024"), c.ok("bilan", "--json", "--year", "2025")}
}

func stateDiff(t *testing.T, before, after [3]string) []string {
	t.Helper()
	var out []string
	for i, name := range []string{"gap", "bilan 2024", "bilan 2025"} {
		for _, d := range jsonDiff(t, before[i], after[i]) {
			out = append(out, name+" · "+d)
		}
	}
	return out
}

// cellOf finds a cell: in « Données » by column header, line and year; in
// « CPOG » the « Caf » cell of a line and year.
func cellOf(t *testing.T, f *excelize.File, sheet, header, line string, year int) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	code, sub, _ := strings.Cut(line, " ")
	col := -1
	if sheet == "CPOG" {
		col = slices.Index(rows[0], strconv.Itoa(year)) + 2
	} else {
		col = slices.Index(rows[0], header)
	}
	for i, r := range rows {
		match := len(r) > 0 && r[0] == line
		if sheet != "CPOG" {
			match = len(r) > 5 && r[1] == code && r[2] == sub && r[5] == strconv.Itoa(year)
		}
		if match && col >= 0 {
			name, _ := excelize.CoordinatesToCellName(col+1, i+1)
			return name
		}
	}
	t.Fatalf("no cell %s %s %s %d", sheet, header, line, year)
	return ""
}

// editWorkbook changes cells with excelize, the library a user's
// spreadsheet file would have been through, and saves the workbook anew.
func editWorkbook(t *testing.T, src, dst string, edits func(f *excelize.File)) {
	t.Helper()
	f, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	edits(f)
	if err := f.SaveAs(dst); err != nil {
		t.Fatal(err)
	}
}

func setCell(t *testing.T, f *excelize.File, sheet, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
}

func TestWorkbookRoundTripCLI(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiate(c)
	c.ok("actual", "08-29", "2024", "15,5")
	c.ok("actual", "08-22", "2024", "86")
	xlsx := filepath.Join(c.dir, "cpog-91.xlsx")
	c.ok("export", "-o", xlsx, "--year", "2024")
	before := state(c)

	edited := filepath.Join(c.dir, "cpog-91-modifié.xlsx")
	editWorkbook(t, xlsx, edited, func(f *excelize.File) {
		setCell(t, f, "CPOG", cellOf(t, f, "CPOG", "Caf", "COG-08-29", 2025), 13)                   // a target, in the annex
		setCell(t, f, "Données", cellOf(t, f, "Données", "Réalisé", "COG-08-22", 2024), 0.88)       // an actual, in its percent cell
		setCell(t, f, "Données", cellOf(t, f, "Données", "Commentaire", "COG-08-28", 2025), "revu") // a comment
	})
	out := c.ok("import", edited, "--dry-run")
	for _, want := range []string{"4 modifications seraient faites", "COG-08-22 2024 · réalisé : 86 % → 88 %",
		"COG-08-28 2025 · commentaire : — → revu", "COG-08-29 2025 · proposition Caf : 14 j → 13 j", "COG-08-29 2025 · statut : proposé → brouillon"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run lacks %q:\n%s", want, out)
		}
	}
	if got := state(c); got != before {
		t.Fatal("the dry run changed the database")
	}
	c.ok("import", edited)
	got := stateDiff(t, before, state(c))
	want := []string{
		"gap · COG-08-29  2025 gap: 1 → 2",
		"gap · COG-08-29  2025 local: 14 → 13",
		"gap · COG-08-29  2025 status: proposed → draft",
		// 88 against the branch's 86 % (no Caf target in 2024)
		"bilan 2024 · COG-08-22  2024 achievement: 100 → 102.33",
		"bilan 2024 · COG-08-22  2024 actual: 86 → 88",
		"bilan 2025 · COG-08-29  2025 target: 14 → 13",
	}
	if !slices.Equal(got, want) {
		t.Errorf("after the import of the edited workbook:\n got %q\nwant %q", got, want)
	}
	// the comment, which neither shows: in the exchange file
	if js := c.ok("export", "--format", "json", "-o", "-"); !strings.Contains(js, `"comment": "revu"`) {
		t.Error("the comment was not imported")
	}
	// the same workbook again: nothing to import; undo: back as before
	if out := c.ok("import", edited); !strings.Contains(out, "rien à importer") {
		t.Errorf("second import: %q", out)
	}
	c.ok("undo")
	if got := state(c); got != before {
		t.Errorf("undo after the import: %q", stateDiff(t, before, got))
	}
}

func TestCSVRoundTripCLI(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiate(c)
	c.ok("actual", "08-29", "2024", "15,5")
	before := state(c)
	data := []byte(c.ok("export", "--format", "csv", "-o", "-"))
	// read and written back as a spreadsheet saves « CSV UTF-8 »: BOM,
	// CRLF, every field re-quoted as it sees fit
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	setField := func(col, code string, year int, v string) {
		i := slices.Index(recs[0], col)
		for _, rec := range recs[1:] {
			if rec[1] == code && rec[5] == strconv.Itoa(year) {
				rec[i] = v
				return
			}
		}
		t.Fatalf("no row %s %d", code, year)
	}
	setField("Cible locale", "COG-08-28", 2025, "86")
	setField("Réalisé", "COG-08-29", 2024, "15")
	setField("Commentaire", "COG-08-22", 2025, "à confirmer")
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = ';', true
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(c.dir, "cpog-91.csv")
	if err := os.WriteFile(edited, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	c.ok("import", edited)
	got := stateDiff(t, before, state(c))
	want := []string{
		// a draft stays a draft
		"gap · COG-08-28  2025 gap: -1.9 → -1.5",
		"gap · COG-08-28  2025 local: 85.6 → 86",
		"bilan 2024 · COG-08-29  2024 achievement: 96.77 → 100",
		"bilan 2024 · COG-08-29  2024 actual: 15.5 → 15",
		"bilan 2024 · COG-08-29  2024 class: proche → atteint",
		"bilan 2025 · COG-08-28  2025 target: 85.6 → 86",
	}
	if !slices.Equal(got, want) {
		t.Errorf("after the import of the edited CSV:\n got %q\nwant %q", got, want)
	}
	if hist := c.ok("history", "08-22"); !strings.Contains(hist, "à confirmer") || !strings.Contains(hist, "importé de cpog-91.csv") {
		t.Errorf("history of the comment:\n%s", hist)
	}
}

// TestEditedWorkbookRefusedCLI: a malformed edited workbook is refused
// whole, with the cell in French, and the database stays as it was.
func TestEditedWorkbookRefusedCLI(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiate(c)
	xlsx := filepath.Join(c.dir, "cpog-91.xlsx")
	c.ok("export", "-o", xlsx)
	before := dump(t, c.db, historyTables...)
	for i, tt := range []struct {
		name string
		edit func(f *excelize.File) string // the expected message
	}{
		{"text in a number cell", func(f *excelize.File) string {
			cell := cellOf(t, f, "Données", "Position Cnaf", "COG-08-29", 2026)
			setCell(t, f, "Données", cell, "douze jours")
			return "feuille « Données », cellule " + cell + " : COG-08-29 2026, colonne « Position Cnaf » : \"douze jours\" n’est pas un nombre"
		}},
		{"deleted column", func(f *excelize.File) string {
			if err := f.RemoveCol("Données", "B"); err != nil {
				t.Fatal(err)
			}
			return "feuille « Données », cellule A1 : en-tête incomplet, colonne « Code » absente"
		}},
		{"unknown code", func(f *excelize.File) string {
			cell := strings.Replace(cellOf(t, f, "CPOG", "Caf", "COG-08-28", 2025), "M", "A", 1)
			setCell(t, f, "CPOG", cell, "COG-08-99")
			return "feuille « CPOG », cellule " + cell + " : indicateur inconnu : « COG-08-99 »"
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			edited := filepath.Join(c.dir, fmt.Sprintf("modifié-%d.xlsx", i))
			var want string
			editWorkbook(t, xlsx, edited, func(f *excelize.File) { want = tt.edit(f) })
			r := c.run("import", edited)
			if r.code != 1 || !strings.Contains(r.stderr, "import refusé, la base n’a pas été modifiée") || !strings.Contains(r.stderr, want) {
				t.Errorf("exit %d, stderr:\n%s\nwant %q", r.code, r.stderr, want)
			}
			if after := dump(t, c.db, historyTables...); !reflect.DeepEqual(before, after) {
				t.Error("a refused import changed the database")
			}
		})
	}
}

func TestActualsTemplateCLI(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiate(c)
	csvOut := c.ok("export", "--format", "actuals-template", "--year", "2024", "-o", "-")
	if !strings.HasPrefix(csvOut, "\ufeffcode;sous-indicateur;libellé;unité;année;réalisé\r\n") || !strings.Contains(csvOut, "\r\nCOG-08-29;;Délai moyen de démarche des prestations légales;jours;2024;\r\n") {
		t.Errorf("template on standard output: %.300q", csvOut)
	}
	out := c.ok("export", "--format", "actuals-template", "--year", "2024", "-o", "realises.xlsx")
	if !strings.Contains(out, "realises.xlsx") || !strings.Contains(out, "modèle de saisie des réalisés") {
		t.Errorf("export: %q", out)
	}
	filled := filepath.Join(c.dir, "realises-remplis.xlsx")
	editWorkbook(t, filepath.Join(c.dir, "realises.xlsx"), filled, func(f *excelize.File) {
		rows, err := f.GetRows("Réalisés")
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			if r[0] == "COG-08-29" {
				setCell(t, f, "Réalisés", "F"+strconv.Itoa(i+1), 15.5)
			}
		}
	})
	if out := c.ok("import", filled); !strings.Contains(out, "1 modification enregistrée") {
		t.Errorf("import of the filled template: %q", out)
	}
	if hist := c.ok("history", "08-29"); !strings.Contains(hist, "import des réalisés de realises-remplis.xlsx") {
		t.Errorf("history:\n%s", hist)
	}
	// the default name says what it is
	out = c.ok("export", "--format", "actuals-template")
	if !strings.Contains(out, "-realises-20") || !strings.Contains(out, ".csv ") {
		t.Errorf("default template name: %q", out)
	}
}
