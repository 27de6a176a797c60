package exchange

import (
	"strings"
	"testing"

	"github.com/cnaf-tools/cpog"
)

// TestFrenchTypography: the spaces of a printed figure and of running
// text, written visibly (· narrow no-break space, _ no-break space).
func TestFrenchTypography(t *testing.T) {
	show := strings.NewReplacer(narrowNBSP, "·", nbsp, "_").Replace
	for _, c := range []struct{ in, figure, prose string }{
		{"8 300", "8·300", "8·300"},
		{"9 875 000,5 €", "9·875·000,5_€", "9·875·000,5 €"},
		{"75%", "75·%", "75·%"},
		{"75 %", "75·%", "75·%"},
		{"22,5 %", "22,5·%", "22,5·%"},
		{"16 j", "16_j", "16 j"},
		{"+ 14 M", "+_14_M", "+ 14 M"},
		{"+1 pt", "+1_pt", "+1 pt"},
		{"43 %/57 %", "43·%/57·%", "43·%/57·%"},
		{"43–57 %", "43–57·%", "43–57·%"},
		{"- 5 % par rapport à 2021", "-_5·% par rapport à 2021", "- 5·% par rapport à 2021"},
		{"100% des Caf", "100·% des Caf", "100·% des Caf"},
		{"plus de 10 000 habitants", "plus de 10·000 habitants", "plus de 10·000 habitants"},
		{"en 2023 125 places", "en 2023·125 places", "en 2023 125 places"}, // a year then a count: prose keeps it apart
		{"COG2 345", "COG2·345", "COG2 345"},
		{"1 000 000 d’heures", "1·000·000 d’heures", "1·000·000 d’heures"},
		{"—", "—", "—"},
		{"taux de 5 points", "taux de 5 points", "taux de 5 points"}, // a word, not a unit mark
	} {
		if got := show(figure(c.in)); got != c.figure {
			t.Errorf("figure(%q) = %q, want %q", c.in, got, c.figure)
		}
		if got := show(prose(c.in)); got != c.prose {
			t.Errorf("prose(%q) = %q, want %q", c.in, got, c.prose)
		}
	}
}

// TestDocumentText: a text from a file keeps its lines, shows its control
// characters, and has its typography set.
func TestDocumentText(t *testing.T) {
	got := text("  ligne 1\r\nligne\x1b[31m 2\rfin\tà 75%\t \n")
	want := "ligne 1\nligne" + cpog.Printable("\x1b") + "[31m 2\nfin" + cpog.Printable("\t") + "à 75" + narrowNBSP + "%"
	if got != want {
		t.Errorf("text = %+q, want %+q", got, want)
	}
	if text("") != "" || text(" \n ") != "" {
		t.Error("an empty text is not empty")
	}
}

// TestCaisseNames: a signature names the caisse as its staff write it.
func TestCaisseNames(t *testing.T) {
	for _, c := range []struct {
		caf  cpog.Caf
		want string
	}{
		{cpog.Caf{Kind: cpog.KindCaf, Name: "Caf de l'Essonne"}, "Caf de l'Essonne"},
		{cpog.Caf{Kind: cpog.KindCCSS, Name: "Caisse commune de sécurité sociale de la Lozère"}, "CCSS de la Lozère"},
		{cpog.Caf{Kind: cpog.KindCSS, Name: "Caisse de sécurité sociale de Mayotte"}, "CSS de Mayotte"},
		{cpog.Caf{Kind: cpog.KindCSS, Name: "CSS de Mayotte"}, "CSS de Mayotte"},
	} {
		if got := caisseName(c.caf); got != c.want {
			t.Errorf("caisseName(%q) = %q, want %q", c.caf.Name, got, c.want)
		}
	}
}

// TestAnnexLayoutShrinks: a table whose figures leave the label less than
// its least width is printed smaller, down to a floor.
func TestAnnexLayoutShrinks(t *testing.T) {
	narrow := []annexRow{{Code: "COG-08-29", Cells: make([]annexCell, 5)}}
	for i := range narrow[0].Cells {
		narrow[0].Cells[i] = annexCell{National: "16" + nbsp + "j", Reference: "16" + nbsp + "j", Local: "15" + nbsp + "j"}
	}
	if l := annexLayout(narrow, "Caf"); l.FontSize != tableFontPt {
		t.Errorf("a table of short figures is printed at %.1f pt, want %.1f", l.FontSize, tableFontPt)
	}
	wide := []annexRow{{Code: "COG-10-41", Cells: make([]annexCell, 5)}}
	for i := range wide[0].Cells {
		wide[0].Cells[i] = annexCell{National: "480" + nbsp + "M", Reference: figure("10 080 000"), Local: figure("98 765 432,19"), Status: "contre-proposé"}
	}
	l := annexLayout(wide, "CCSS")
	if l.FontSize >= tableFontPt || l.FontSize < tableFontMinPt {
		t.Errorf("a table of wide figures is printed at %.1f pt", l.FontSize)
	}
	if used := (l.Code + sum(l.Cols)) * mmPerChPt * l.FontSize; used > printableMM-labelMinMM+0.01 {
		t.Errorf("its columns take %.1f mm, leaving the label less than %d mm", used, labelMinMM)
	}
}
