package cpog_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/seed"
)

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"accueil réorganisé":       "accueil réorganisé",
		"\x1b]52;c;eA==\x07":       "␛]52;c;eA==␇",
		"a\nb\tc\r":                "a␊b␉c␍",
		"del\x7f":                  "del␡",
		"csi\u009b2J":              "csi\ufffd2J",
		"\u202egnp.exe":            "\ufffdgnp.exe",
		"latin1 \xe9t\xe9":         "latin1 \ufffdt\ufffd",
		"ligne\u2028séparée\u2029": "ligne\ufffdséparée\ufffd",
	} {
		if got := cpog.Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
	if got := cpog.PrintableLines("un\n\x1b[2Jdeux"); got != "un\n␛[2Jdeux" {
		t.Errorf("PrintableLines: %q", got)
	}
}

func TestCite(t *testing.T) {
	long := strings.Repeat("é", 5000)
	if got := cpog.Cite(long); utf8.RuneCountInString(got) != 81 || !strings.HasSuffix(got, "…") {
		t.Errorf("Cite of 5 000 characters: %d characters", utf8.RuneCountInString(got))
	}
	if got := cpog.CitePath("/" + strings.Repeat("d/", 100) + "fichier.json"); !strings.HasSuffix(got, "/fichier.json") || utf8.RuneCountInString(got) != 80 {
		t.Errorf("CitePath keeps the name: %q", got)
	}
	if got := cpog.Cite("court"); got != "court" {
		t.Errorf("Cite(court) = %q", got)
	}
}

func TestCheckBaselineYear(t *testing.T) {
	ref, _ := seed.Referential()
	for y, ok := range map[int]bool{2022: true, 2018: true, 2017: false, 2023: false, -5: false, 2147483647: false, 0: false} {
		if err := cpog.CheckBaselineYear(ref, y); (err == nil) != ok {
			t.Errorf("CheckBaselineYear(%d) = %v", y, err)
		}
	}
}

func TestCheckNetworkWeightAndText(t *testing.T) {
	if cpog.CheckNetworkWeight(100.4) != nil || cpog.CheckNetworkWeight(202) == nil {
		t.Error("CheckNetworkWeight")
	}
	if cpog.CheckText("commentaire", strings.Repeat("x", cpog.MaxText)) != nil ||
		cpog.CheckText("commentaire", strings.Repeat("x", cpog.MaxText+1)) == nil ||
		cpog.CheckText("commentaire", "r\xe9") == nil {
		t.Error("CheckText")
	}
}
