package exchange_test

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog/exchange"
)

func TestXLSXReadBack(t *testing.T) {
	db := openDB(t)
	seedNegotiation(t, db)
	var buf bytes.Buffer
	if err := exchange.WriteXLSX(&buf, document(t, db, false)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"CPOG", "Données", "Synthèse", "Bilan 2026", "Engagements", "Historique", "Export cpog"}; !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	// the figures as exported, for the import, out of the user's way
	if visible, err := f.GetSheetVisible("Export cpog"); err != nil || visible {
		t.Errorf("sheet « Export cpog » visible %v (%v)", visible, err)
	}
	rows, err := f.GetRows("Données")
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := []string{"Fiche", "Code", "Sous-indicateur", "Libellé", "Unité", "Année", "Cible nationale", "Référence Caf",
		"Cible locale", "Position Cnaf", "Écart", "Appréciation", "Statut", "Commentaire",
		"Réalisé", "Taux d’atteinte", "Classe", "Explication", "Action corrective"}
	if !slices.Equal(rows[0], wantHeader) {
		t.Errorf("Données header %q", rows[0])
	}
	find := func(code, sub, year string) int {
		t.Helper()
		for i, r := range rows {
			if len(r) > 5 && r[1] == code && r[2] == sub && r[5] == year {
				return i + 1
			}
		}
		t.Fatalf("no row for %s %s %s", code, sub, year)
		return 0
	}
	// numeric checks a cell: a number (no type attribute), its stored
	// value and its number format.
	numeric := func(cell string, want float64, format string) {
		t.Helper()
		typ, err := f.GetCellType("Données", cell)
		if err != nil || typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s: type %v (%v), want a number", cell, typ, err)
		}
		raw, err := f.GetCellValue("Données", cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil || math.Abs(v-want) > 1e-9 {
			t.Errorf("%s = %q, want %v", cell, raw, want)
		}
		id, err := f.GetCellStyle("Données", cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if st.CustomNumFmt != nil {
			got = *st.CustomNumFmt
		}
		if got != format {
			t.Errorf("%s: number format %q, want %q", cell, got, format)
		}
	}
	r := find("COG-08-28", "", "2025")
	numeric(cell(7, r), 0.875, "0.0%")                       // national 87,5 % as a rate
	numeric(cell(9, r), 0.856, "0.0%")                       // local 85,6 %
	numeric(cell(11, r), -1.9, `+0.0" pt";-0.0" pt";0" pt"`) // gap in points
	r = find("COG-08-29", "", "2026")
	numeric(cell(7, r), 14, `0" j"`)
	numeric(cell(10, r), 12, `0" j"`)
	r = find("COG-10-41", "", "2027")
	numeric(cell(8, r), 10_080_000, `#,##0" €"`)
	numeric(cell(9, r), 9_875_000.5, `#,##0.0" €"`)
	r = find("COG-02-12", "", "2025")
	numeric(cell(7, r), 4_360_500, `#,##0" h"`)
	r = find("COG-01-01", "", "2025")
	numeric(cell(9, r), 180.5, "#,##0.0")
	numeric(cell(1, r), 1, "") // fiche: a plain number
	if v, _ := f.GetCellValue("Données", cell(13, r)); v != "validé" {
		t.Errorf("status %q", v)
	}
	// A comment that looks like a formula stays text, neutralised.
	if v, _ := f.GetCellValue("Données", cell(14, r)); v != "'@SUM(A1)" {
		t.Errorf("comment %q", v)
	}
	if fm, _ := f.GetCellFormula("Données", cell(14, r)); fm != "" {
		t.Errorf("comment stored as a formula %q", fm)
	}
	if v, _ := f.GetCellValue("Données", cell(7, find("COG-12-52", "", "2025"))); v != "43 %/57 %" {
		t.Errorf("band national %q", v)
	}
	// The bilan's columns: the actual in the indicator's unit, the taux
	// d'atteinte as a rate.
	r = find("COG-08-29", "", "2024")
	numeric(cell(15, r), 15.5, `0.0" j"`)
	numeric(cell(16, r), 0.9677, "0.00%")
	if v, _ := f.GetCellValue("Données", cell(17, r)); v != "~ proche" {
		t.Errorf("class %q", v)
	}
	for _, sheet := range []string{"Données", "Synthèse", "Engagements", "Historique"} {
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v %v", sheet, panes, err)
		}
	}
	if w, _ := f.GetColWidth("Données", "D"); w < 40 {
		t.Errorf("label column width %v", w)
	}

	syn, err := f.GetRows("Synthèse")
	if err != nil {
		t.Fatal(err)
	}
	if syn[0][0] != "Axe" || syn[0][6] != "Avancement" {
		t.Errorf("Synthèse header %q", syn[0])
	}
	var total []string
	for _, r := range syn {
		if len(r) > 2 && strings.HasPrefix(r[2], "Ensemble de la COG") {
			total = r
		}
	}
	// 55 indicators, 4 national ones of which one is negotiated: 54
	// lines, 270 line-years less COG-01-09's two without a national
	// target; COG-01-01 is agreed for 2025 and 2026.
	if total == nil || total[3] != "55" || total[4] != "268" || total[5] != "2" {
		t.Errorf("Synthèse total %q", total)
	}
	hist, err := f.GetRows("Historique")
	if err != nil {
		t.Fatal(err)
	}
	if hist[0][0] != "Date" || len(hist) < 20 {
		t.Errorf("Historique: %d rows, header %q", len(hist), hist[0])
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(props.Title, "(91)") || !strings.Contains(props.Subject, "COG 2023-2027") || props.Created != "2026-11-22T09:30:00Z" {
		t.Errorf("document properties %+v", props)
	}
	custom, err := f.GetCustomProps()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]any{}
	for _, p := range custom {
		got[p.Name] = p.Value
	}
	if got["Caf"] != "91" || got["Référentiel"] != "cog-2023-2027" || got["Date d’export"] != "2026-11-22T09:30:00Z" {
		t.Errorf("custom properties %v", got)
	}
}

func cell(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}
