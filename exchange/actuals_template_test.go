package exchange_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog/exchange"
)

// The actuals template lists every line for the bilan's year with an empty
// réalisé; filled in a spreadsheet, it imports back through the actuals
// import, a row left empty saying nothing.
func TestActualsTemplate(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	seedNegotiation(t, db)
	ref, err := db.Referential(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for _, ind := range ref.Indicators {
		lines += len(ind.Lines())
	}
	dir := t.TempDir()
	opts := exchange.ExportOptions{Format: exchange.ActualsTemplate, Now: exportDay, Year: 2024}

	csvPath, err := exchange.ExportFile(ctx, db, filepath.Join(dir, "realises-2024.csv"), opts)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\ufeffcode;sous-indicateur;libellé;unité;année;réalisé\r\n")) {
		t.Errorf("template header %q", data[:min(len(data), 80)])
	}
	text := string(data)
	if got := strings.Count(text, "\r\n") - 1; got != lines {
		t.Errorf("%d rows, want one per line: %d", got, lines)
	}
	for _, want := range []string{"\r\nCOG-08-23;b;Taux de satisfaction par canal — b. Téléphone;%;2024;\r\n", "\r\nCOG-08-29;;Délai moyen de démarche des prestations légales;jours;2024;\r\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("template lacks %q", want)
		}
	}
	// filled for two lines, the others left empty
	filled := strings.Replace(text, "COG-08-29;;Délai moyen de démarche des prestations légales;jours;2024;", "COG-08-29;;Délai moyen de démarche des prestations légales;jours;2024;16,5", 1)
	filled = strings.Replace(filled, "COG-08-23;b;Taux de satisfaction par canal — b. Téléphone;%;2024;", "COG-08-23;b;Taux de satisfaction par canal — b. Téléphone;%;2024;79 %", 1)
	rep, err := importBytes(t, db, "realises-2024.csv", []byte(filled), true)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"COG-08-23 b 2024 · réalisé : — → 79 %", "COG-08-29 2024 · réalisé : 15,5 j → 16,5 j"}
	if rep.Kind != exchange.KindActuals || !slices.Equal(rep.Lines, want) {
		t.Errorf("CSV template filled: %s %q", rep.Kind, rep.Lines)
	}
	// imported before it was filled: refused, it is most likely not the
	// file meant
	if _, err := importBytes(t, db, "realises-2024.csv", data, true); err == nil || !strings.Contains(err.Error(), "aucun réalisé à importer") {
		t.Errorf("empty template: %v", err)
	}

	xlsxPath, err := exchange.ExportFile(ctx, db, filepath.Join(dir, "realises-2024.xlsx"), opts)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	edited := editXLSX(t, raw, func(f *excelize.File) {
		if got := f.GetSheetList(); !slices.Equal(got, []string{"Réalisés"}) {
			t.Fatalf("template sheets %q", got)
		}
		rows, err := f.GetRows("Réalisés")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rows[0], []string{"code", "sous-indicateur", "libellé", "unité", "année", "réalisé"}) || len(rows) != lines+1 {
			t.Errorf("template: header %q, %d rows", rows[0], len(rows))
		}
		for i, r := range rows {
			switch {
			case r[0] == "COG-08-29":
				set(t, f, "Réalisés", cell(6, i+1), 16.5)
			case r[0] == "COG-08-22":
				// typed « 86 % »: the spreadsheet keeps 0.86 with a percent format
				set(t, f, "Réalisés", cell(6, i+1), 0.86)
				pct, _ := f.NewStyle(&excelize.Style{NumFmt: 9})
				f.SetCellStyle("Réalisés", cell(6, i+1), cell(6, i+1), pct)
			}
		}
	})
	rep, err = importBytes(t, db, "realises-2024.xlsx", edited, false)
	if err != nil {
		t.Fatal(err)
	}
	want = []string{"COG-08-22 2024 · réalisé : — → 86 %", "COG-08-29 2024 · réalisé : 15,5 j → 16,5 j"}
	if rep.Kind != exchange.KindActuals || !slices.Equal(rep.Lines, want) || rep.ChangeID == 0 {
		t.Errorf("XLSX template filled: %s %q", rep.Kind, rep.Lines)
	}
}
