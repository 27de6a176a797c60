package exchange_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"regexp"
	"strings"
	"testing"

	"github.com/cnaf-tools/cpog/exchange"
)

// readCSV reads an export back the way French Excel does: BOM, then ';'.
func readCSV(t *testing.T, agreedOnly bool) (map[string][]string, []string) {
	t.Helper()
	db := openDB(t)
	seedNegotiation(t, db)
	var buf bytes.Buffer
	if err := exchange.WriteCSV(&buf, document(t, db, agreedOnly)); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Fatalf("no UTF-8 BOM: % x", data[:3])
	}
	r := csv.NewReader(bytes.NewReader(data[3:]))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	ref, err := db.Referential(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for _, ind := range ref.Indicators {
		lines += len(ind.Lines())
	}
	if got, want := len(recs)-1, lines*len(ref.Years); got != want {
		t.Errorf("%d data rows, want one per line and year: %d", got, want)
	}
	byKey := map[string][]string{}
	for _, rec := range recs[1:] {
		byKey[rec[1]+"|"+rec[2]+"|"+rec[5]] = rec
	}
	return byKey, recs[0]
}

func TestCSVForFrenchExcel(t *testing.T) {
	rows, header := readCSV(t, false)
	wantHeader := "Fiche;Code;Sous-indicateur;Libellé;Unité;Année;Cible nationale;Référence Caf;Cible locale;Position Cnaf;Écart;Appréciation;Statut;Commentaire;" +
		"Réalisé;Taux d’atteinte;Classe;Explication;Action corrective"
	if got := strings.Join(header, ";"); got != wantHeader {
		t.Errorf("header\n got %s\nwant %s", got, wantHeader)
	}
	tests := []struct {
		key  string
		col  int
		want string
	}{
		{"COG-08-28||2025", 6, "87,5"},          // national, decimal comma
		{"COG-08-28||2025", 8, "85,6"},          // local
		{"COG-08-28||2025", 10, "-1,9"},         // gap in points
		{"COG-08-28||2025", 11, "✗ en retrait"}, // 1,9 point behind the branch
		{"COG-08-28||2025", 12, "proposé"},      // status
		{"COG-08-28||2025", 13, "taux ; avec « guillemets » \"doubles\"\net retour à la ligne"},
		{"COG-08-29||2026", 9, "12"}, // Cnaf position
		{"COG-08-29||2026", 12, "contre-proposé"},
		{"COG-08-29||2026", 13, "'-2+3"}, // neutralised
		{"COG-08-29||2025", 13, "'=1+1"}, // neutralised
		{"COG-08-29||2025", 4, "jours"},
		{"COG-01-01||2025", 8, "180,5"}, // agreed value
		{"COG-01-01||2025", 12, "validé"},
		{"COG-01-01||2025", 13, "'@SUM(A1)"},
		{"COG-01-01||2026", 13, "'\tx"},
		{"COG-08-23|b|2024", 13, "'\nx"}, // a carriage return is written as a line break
		{"COG-12-47||2024", 13, "'=HYPERLINK(\"http://evil\";\"clic\")"},
		{"COG-01-01||2027", 7, "174"},      // path: arrives at the Caf's quota, 8 300 × 2,1 % = 174,3, whole
		{"COG-10-41||2027", 7, "10080000"}, // quote-part: 480 M × 2,1 %
		{"COG-10-41||2027", 8, "9875000,5"},
		{"COG-12-52||2025", 6, "43 %/57 %"}, // band, as printed
		{"COG-12-53||2025", 6, "'- 15 % par rapport à 2021"},
		{"COG-02-13||2025", 6, "'+ 26 M"},
		{"COG-08-22||2027", 12, ""}, // status none
		{"COG-08-22||2027", 13, "à revoir"},
		{"COG-08-22||2023", 8, ""}, // nothing typed
		// the bilan: an actual against the reference (no Caf target that
		// year), lower is better: 15 ÷ 15,5
		{"COG-08-29||2024", 14, "15,5"},
		{"COG-08-29||2024", 15, "96,77"},
		{"COG-08-29||2024", 16, "~ proche"},
		{"COG-08-23|a|2024", 14, "88"},
		{"COG-08-23|a|2024", 15, "110"},
		{"COG-08-23|a|2024", 16, "✓ atteint"},
		{"COG-08-29||2025", 14, ""}, // no actual: no rate, no class
		{"COG-08-29||2025", 15, ""},
		{"COG-08-29||2025", 16, ""},
	}
	for _, tt := range tests {
		rec, ok := rows[tt.key]
		if !ok {
			t.Errorf("no row %s", tt.key)
			continue
		}
		if rec[tt.col] != tt.want {
			t.Errorf("%s column %q: got %q, want %q", tt.key, header[tt.col], rec[tt.col], tt.want)
		}
	}
	// Only figures written by cpog may start with a minus sign.
	number := regexp.MustCompile(`^-?[0-9]+(,[0-9]+)?$`)
	for key, rec := range rows {
		for i, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !number.MatchString(cell) {
				t.Errorf("%s column %q starts with a formula character: %q", key, header[i], cell)
			}
		}
	}
}

func TestCSVAgreedOnly(t *testing.T) {
	rows, _ := readCSV(t, true)
	if rec := rows["COG-01-01||2025"]; rec[8] != "180,5" || rec[12] != "validé" {
		t.Errorf("agreed row: %q", rec)
	}
	for _, key := range []string{"COG-08-28||2025", "COG-08-29||2026", "COG-08-22||2027"} {
		rec := rows[key]
		if rec[8] != "" || rec[9] != "" || rec[10] != "" || rec[12] != "" || rec[13] != "" {
			t.Errorf("%s not agreed but exported: %q", key, rec)
		}
		if rec[6] == "" {
			t.Errorf("%s: the national target must stay: %q", key, rec)
		}
	}
}
