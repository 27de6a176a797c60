package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestExportBilanCLI: `cpog export --format bilan|bilan-md` end to end on
// the built binary — the year asked, the default name with the year, the
// Caf's own due day, standard output, the annex still chosen by ".html".
func TestExportBilanCLI(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiate(c)
	c.ok("actual", "01-01", "2025", "150")
	c.ok("explain", "01-01", "2025", "retard de livraison de deux crèches")
	c.ok("action", "01-01", "2025", "relance des porteurs de projet")
	c.ok("livrable", "8", "3.1.1", "--status", "réalisé", "--comment", "socle | rédigé")
	c.ok("action-locale", "add", "8", "1", "Accueil sans rendez-vous le samedi", "--pilot", "DRS", "--due", "06/2020")

	md := c.ok("export", "--format", "bilan-md", "--year", "2025", "-o", "-")
	for _, want := range []string{
		"# Bilan annuel 2025 — Caf de l'Essonne (91)",
		"à rendre le 15 mars 2026",
		"| **180,5** |", // the agreed target of 2025
		"| 150 | 83,1\u202f% | ✗ non atteint | retard de livraison de deux crèches | relance des porteurs de projet |",
		"| 3.1.1 | ", "| réalisé |", "socle \\| rédigé", // a livrable réalisé, its comment escaped
		"*Accueil sans rendez-vous le samedi* \\[action locale\\] | en retard (à faire) | 06/2020 | DRS |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("bilan-md lacks %q", want)
		}
	}
	html := c.ok("export", "--format", "bilan", "--year", "2025", "-o", "-")
	if !strings.HasPrefix(html, "<!DOCTYPE html>") || !strings.Contains(html, "<h1>Bilan annuel 2025 — Caf de l&#39;Essonne (91)</h1>") || !strings.Contains(html, `<svg class="trend"`) {
		t.Errorf("bilan html: %.300q", html)
	}

	// the default name carries the bilan's year; the due day is the Caf's
	c.ok("bilan", "echeance", "31/03")
	out := c.ok("export", "--format", "bilan", "--year", "2025")
	m := regexp.MustCompile(`exporté : (cpog-91-bilan-2025-\d{4}-\d{2}-\d{2}\.html) \(bilan annuel imprimable \(\.html\)\)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("export --format bilan: %q", out)
	}
	b, err := os.ReadFile(filepath.Join(c.dir, m[1]))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "à rendre le 31 mars 2026") {
		t.Error("the bilan file ignores the Caf's due day")
	}
	if out := c.ok("export", "--format", "bilan-md", "--year", "2025"); !regexp.MustCompile(`cpog-91-bilan-2025-\d{4}-\d{2}-\d{2}\.md`).MatchString(out) {
		t.Errorf("export --format bilan-md: %q", out)
	}
	// -o with .html or .md and no --format is the annex, as before
	c.ok("export", "-o", "annexe.html")
	if b, err := os.ReadFile(filepath.Join(c.dir, "annexe.html")); err != nil || !strings.Contains(string(b), "<h1>Annexe au CPOG") {
		t.Errorf("export -o annexe.html is not the annex: %v", err)
	}
	for _, args := range [][]string{{"export", "--format", "bilan", "--year", "2031", "-o", "-"}, {"export", "--format", "bilan", "--year", "deux"}} {
		if r := c.run(args...); r.code == 0 || !strings.Contains(r.stderr, "année invalide") {
			t.Errorf("cpog %q: exit %d, %q", args, r.code, r.stderr)
		}
	}
	if r := c.run("export", "--format", "bilan-pdf"); r.code != 2 || !strings.Contains(r.stderr, "bilan, bilan-md") {
		t.Errorf("unknown format: exit %d, %q", r.code, r.stderr)
	}
}

// TestExportAnnexCLI: the annex a CCSS signs, from the command line.
func TestExportAnnexCLI(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.ok("caf", "set", "48", "--weight", "0,1")
	c.ok("set", "08-29", "2025", "14")
	c.ok("agree", "08-29", "2025", "--date", "12/03/2024")
	md := c.ok("export", "--format", "md", "-o", "-")
	for _, want := range []string{
		"| Le directeur de la CCSS de la Lozère | Le président du conseil d’administration de la CCSS de la Lozère | Le directeur général de la Cnaf |",
		"- le 12 mars 2024 : 1 cible annuelle",
		"| 2025 nat. | 2025 réf. | 2025 CCSS |",
		"| **14\u00a0j** |",
		"Fait à ………………………………, le ………………………………",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("CCSS annex lacks %q", want)
		}
	}
}
