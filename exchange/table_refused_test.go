package exchange_test

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog/exchange"
)

// Each workbook or CSV below was edited into something an import must
// refuse: every problem is named in French with its cell or line, and the
// database is left byte for byte as it was.
func TestImportEditedFilesRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpog.db")
	db := openDBAt(t, path)
	seedNegotiation(t, db)
	xlsx := exported(t, db, exchange.XLSX, false)
	csvFile := exported(t, db, exchange.CSV, false)
	edit := func(fn func(f *excelize.File) []string) ([]byte, []string) {
		var want []string
		data := editXLSX(t, xlsx, func(f *excelize.File) { want = fn(f) })
		return data, want
	}
	type refused struct {
		name string
		data []byte
		want []string // in the message, in order
	}
	var cases []refused
	add := func(name string, data []byte, want ...string) {
		cases = append(cases, refused{name, data, want})
	}
	data, want := edit(func(f *excelize.File) []string {
		c := dataCell(t, f, "Cible locale", "COG-08-29", "", 2025)
		set(t, f, "Données", c, "douze")
		return []string{"feuille « Données », cellule " + c + " : COG-08-29 2025, colonne « Cible locale » : \"douze\" n’est pas un nombre"}
	})
	add("texte dans une cellule de nombre (Données).xlsx", data, want...)
	data, want = edit(func(f *excelize.File) []string {
		c := annexCell(t, f, "COG-08-22", 2024)
		set(t, f, "CPOG", c, "beaucoup")
		return []string{"feuille « CPOG », cellule " + c + " : COG-08-22 2024, colonne « Caf 2024 » : \"beaucoup\" n’est pas un nombre"}
	})
	add("texte dans une cellule de nombre (CPOG).xlsx", data, want...)
	data, want = edit(func(f *excelize.File) []string {
		c := annexCell(t, f, "COG-08-22", 2025)
		set(t, f, "CPOG", c, 1.2)
		style, _ := f.GetCellStyle("CPOG", annexCell(t, f, "COG-08-28", 2025))
		f.SetCellStyle("CPOG", c, c, style) // a percent cell: 120 %
		return []string{"cellule " + c + " : COG-08-22 2025, colonne « Caf 2025 » : 120 % : un taux doit être compris entre 0 % et 100 %"}
	})
	add("taux hors limites.xlsx", data, want...)
	data, want = edit(func(f *excelize.File) []string {
		if err := f.RemoveCol("Données", "F"); err != nil {
			t.Fatal(err)
		}
		return []string{"feuille « Données », cellule A1 : en-tête incomplet, colonne « Année » absente"}
	})
	add("colonne Année supprimée.xlsx", data, want...)
	data, want = edit(func(f *excelize.File) []string {
		c := dataCell(t, f, "Code", "COG-08-22", "", 2024)
		set(t, f, "Données", c, "COG-99-99")
		return []string{"feuille « Données », cellule " + c + " : indicateur inconnu : « COG-99-99 »"}
	})
	add("ligne d’un code inconnu.xlsx", data, want...)
	data, want = edit(func(f *excelize.File) []string {
		first := dataCell(t, f, "Année", "COG-08-29", "", 2024)
		c := dataCell(t, f, "Année", "COG-08-29", "", 2025)
		set(t, f, "Données", c, 2024)
		return []string{"COG-08-29 2024 en double (déjà feuille « Données », ligne " + strings.TrimLeft(first, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + ")"}
	})
	add("ligne en double.xlsx", data, want...)
	data, want = edit(func(f *excelize.File) []string {
		// the year over the 2025 group erased: its columns would fall
		// under 2024
		set(t, f, "CPOG", "K1", "")
		return []string{"feuille « CPOG », cellule M2 : deux colonnes « Caf » pour l’année 2024 (I2 et M2)"}
	})
	add("année de l’en-tête effacée.xlsx", data, want...)
	data, want = edit(func(f *excelize.File) []string {
		// a code cleared on a row that still holds figures
		c := strings.Replace(annexCell(t, f, "COG-08-28", 2023), "E", "A", 1)
		set(t, f, "CPOG", c, "")
		return []string{"cellule " + c + " : code d’indicateur manquant sur une ligne qui porte une valeur (« Caf 2025 » : 0.856)"}
	})
	add("code effacé.xlsx", data, want...)
	data, want = edit(func(f *excelize.File) []string {
		set(t, f, "CPOG", annexCell(t, f, "COG-08-29", 2026), 11)
		c := dataCell(t, f, "Cible locale", "COG-08-29", "", 2026)
		set(t, f, "Données", c, 10)
		return []string{"COG-08-29 2026 : 11 j dans la feuille « CPOG », 10 j dans la feuille « Données » (cellule " + c + ") : les deux feuilles ne disent pas la même cible de la Caf et les deux ont été modifiées, différemment"}
	})
	add("deux feuilles modifiées différemment.xlsx", data, want...)
	data, want = edit(func(f *excelize.File) []string {
		if err := f.DeleteSheet("Export cpog"); err != nil {
			t.Fatal(err)
		}
		set(t, f, "CPOG", annexCell(t, f, "COG-08-29", 2026), 11)
		return []string{"COG-08-29 2026 : 11 j dans la feuille « CPOG », 13 j dans la feuille « Données »", "le classeur ne dit plus laquelle a été modifiée"}
	})
	add("deux feuilles sans les valeurs exportées.xlsx", data, want...)

	rewrite := func(fn func(h []string, recs [][]string)) []byte { return rewriteCSV(t, csvFile, fn) }
	add("texte dans une cellule de nombre.csv", rewrite(func(h []string, recs [][]string) {
		csvSet(t, h, recs, "Position Cnaf", "COG-08-29", "", 2027, "douze")
	}), "colonne 10 : COG-08-29 2027, colonne « Position Cnaf » : \"douze\" n’est pas un nombre")
	add("colonne Code supprimée.csv", rewrite(func(h []string, recs [][]string) {
		for i, r := range append([][]string{h}, recs...) {
			if i == 0 {
				copy(h[1:], h[2:])
				h[len(h)-1] = ""
				continue
			}
			copy(r[1:], r[2:])
			r[len(r)-1] = ""
		}
	}), "ligne 1, colonne 1 : en-tête incomplet, colonne « Code » absente")
	add("code inconnu.csv", rewrite(func(h []string, recs [][]string) {
		recs[3][1] = "COG-42-42"
	}), "ligne 5, colonne 2 : indicateur inconnu : « COG-42-42 »")
	add("colonne inconnue.csv", rewrite(func(h []string, recs [][]string) {
		h[4] = "Notes"
	}), "ligne 1, colonne 5 : colonne inconnue « Notes »")

	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			before := dumpDB(t, path)
			for _, dry := range []bool{true, false} {
				_, err := importBytes(t, db, tt.name, tt.data, dry)
				var ie *exchange.ImportError
				if !errors.As(err, &ie) {
					t.Fatalf("dry run %v: %v, want an *ImportError", dry, err)
				}
				msg := err.Error()
				if !strings.HasPrefix(msg, "import refusé") {
					t.Errorf("message %q", msg)
				}
				at := 0
				for _, w := range tt.want {
					i := strings.Index(msg[at:], w)
					if i < 0 {
						t.Errorf("message lacks %q:\n%s", w, msg)
						break
					}
					at += i + len(w)
				}
			}
			if after := dumpDB(t, path); after != before {
				t.Errorf("the database changed:\n%s", lineDiff(before, after))
			}
		})
	}
}

// TestImportTwoSheets: the workbook gives the Caf's figures in two
// sheets; the one edited is read, whichever it is.
func TestImportTwoSheets(t *testing.T) {
	db := openDB(t)
	seedNegotiation(t, db)
	xlsx := exported(t, db, exchange.XLSX, false)
	for _, tt := range []struct {
		name string
		edit func(f *excelize.File)
	}{
		{"Données", func(f *excelize.File) {
			set(t, f, "Données", dataCell(t, f, "Cible locale", "COG-08-29", "", 2026), 11)
		}},
		{"CPOG", func(f *excelize.File) {
			set(t, f, "CPOG", annexCell(t, f, "COG-08-29", 2026), 11)
		}},
		{"both alike", func(f *excelize.File) {
			set(t, f, "Données", dataCell(t, f, "Cible locale", "COG-08-29", "", 2026), 11)
			set(t, f, "CPOG", annexCell(t, f, "COG-08-29", 2026), 11)
		}},
		{"no Données", func(f *excelize.File) {
			set(t, f, "CPOG", annexCell(t, f, "COG-08-29", 2026), 11)
			if err := f.DeleteSheet("Données"); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			edited := editXLSX(t, xlsx, tt.edit)
			rep, err := importBytes(t, db, "cpog-91.xlsx", edited, true)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"COG-08-29 2026 · proposition Caf : 13 j → 11 j", "COG-08-29 2026 · statut : contre-proposé → brouillon"}
			if !slices.Equal(rep.Lines, want) {
				t.Errorf("got %q, want %q", rep.Lines, want)
			}
		})
	}
}

func itoa(n int) string { return strings.TrimPrefix(cell(1, n), "A") }
