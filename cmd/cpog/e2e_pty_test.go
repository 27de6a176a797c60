//go:build !windows

package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestE2EFirstRunNegotiateRestart is a director's first session, typed key
// by key in a real pseudo-terminal: the Caf is chosen at first run, a fiche
// and an indicator are reached, a target is typed, an invalid one refused,
// the indicator agreed, another one searched, the window resized, cpog quit;
// started again, it shows the same values, and the command line agrees.
func TestE2EFirstRunNegotiateRestart(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "cpog.db")
	v := startVT(t, db, 120, 40, nil)

	// first run: the referential is installed, the Caf is asked
	v.waitText("Bienvenue dans cpog", "101 Caf sur 101")
	v.send("essonne")
	v.waitText("1 Caf sur 101", "91   Caf de l'Essonne")
	v.send(keyEnter)
	v.waitText("Caf : Caf de l'Essonne (91)", "Poids (%) : 1")
	v.send(keyBackspace, "2,5", keyEnter)
	v.waitText("Caf choisie : Caf de l'Essonne (91)", "validés 0/", "Fiche 1 ·")
	if !v.altScreen() {
		t.Error("the interface should use the alternate screen")
	}

	// navigate: fiche 8 in the left pane (vi keys), then its tenth line,
	// COG-08-29 (arrow keys: escape sequences the program must parse)
	v.send("jjjjjjj")
	v.waitText("Fiche 8 · Sécuriser", "▸08 Sécuriser")
	v.send(keyRight, strings.Repeat(keyDown, 10), keyUp)
	v.waitText("COG-08-29 · Délai moyen de démarche des prestations légales")
	v.send("]]")
	v.waitText("année 2025")
	v.waitRow("08-29", "15 j", "—")

	// edit: the Caf proposes 14 days for 2025
	v.send("e")
	v.waitText("Proposition Caf 2025 · COG-08-29", "⏎ enregistrer")
	v.send("14 j", keyEnter)
	v.waitText("enregistré :")
	row := v.waitRow("08-29", "14 j", "brouillon")
	if !strings.Contains(row, "+1 j ✓") {
		t.Errorf("08-29 row after 14 j: want a gap of +1 j ✓ (one day better than 15 j)\n%s", row)
	}

	// an invalid edit is refused in French and saves nothing
	v.send("e")
	v.waitText("Proposition Caf 2025 · COG-08-29")
	v.send(keyCtrlU, "-3 j", keyEnter)
	v.waitText("✗ -3 j : un délai doit être compris entre 0 et 365 jours")
	v.esc("saisie annulée")
	v.send("e")
	v.waitText("Proposition Caf 2025 · COG-08-29")
	v.send(keyCtrlU, "15 %", keyEnter)
	v.waitText("✗ ", "ne convient pas")
	v.esc("saisie annulée")
	if r := e2eGap(t, db)["COG-08-29//2025"]; r.Local == nil || *r.Local != 14 || r.Status != "draft" {
		t.Fatalf("after the refused edits the database should still hold 14 (draft): %+v", r)
	}

	// agree: the Caf's proposal becomes the agreed figure, once the
	// agreement and its day are confirmed
	v.send("a")
	v.waitText("Valider COG-08-29 pour 2025", "COG-08-29 2025 : 14 j (proposition Caf)", "date du dialogue de gestion")
	v.send(keyEnter)
	v.waitRow("08-29", "14 j", "validé")
	v.waitText("enregistré : accord Caf–Cnaf du", "validés 1/")

	// search by words, accents ignored, then by an Annexe 4 alias
	v.send("/")
	v.waitText("Chercher · un indicateur")
	v.send("delai minima")
	v.waitText("COG-08-30  fiche 08  Délai moyen de démarche des bénéficiaires de minima sociaux")
	v.send(keyEnter)
	v.waitText("→ COG-08-30", "COG-08-30 · Délai moyen de démarche des bénéficiaires")
	v.send("/")
	v.waitText("Chercher · un indicateur")
	v.send("COG-09-38", keyEnter)
	v.waitText("→ COG-10-38", "Fiche 10 ·")

	// resize: the layout follows the window, down to the smallest it holds
	v.resize(90, 30)
	s := v.waitFor("the 90×30 layout", func(s string) bool {
		ls := strings.Split(s, "\n")
		return len(ls) == 30 && strings.Contains(ls[0], "année 2025") && strings.HasPrefix(ls[29], " ↑↓ naviguer") &&
			strings.Contains(ls[1], "Fiche 10 ·")
	})
	checkFrame(t, s, 90, 30)
	v.resize(70, 20)
	v.waitText("Agrandissez le terminal", "70×20). q pour quitter")
	v.resize(120, 40)
	s = v.waitFor("the 120×40 layout again", func(s string) bool {
		ls := strings.Split(s, "\n")
		return len(ls) == 40 && strings.Contains(ls[0], "Caf de l'Essonne (91)") && strings.Contains(ls[39], "q quitter")
	})
	checkFrame(t, s, 120, 40)
	if !strings.Contains(s, "Fiche 10 ·") {
		t.Errorf("after the resizes the selection should be kept (fiche 10)\n%s", s)
	}

	// quit: the terminal gets its screen back
	v.send("q")
	if code := v.waitExit(); code != 0 {
		t.Fatalf("q: exit status %d", code)
	}
	if v.altScreen() {
		t.Error("after q the terminal should be back on its main screen")
	}

	// restart (without colour this time): no first-run question, back
	// where the user was (fiche 10, 2025), the values are there
	v = startVT(t, db, 120, 40, []string{"NO_COLOR=1"})
	v.waitText("Caf de l'Essonne (91)", "validés 1/", "année 2025", "Fiche 10 ·")
	if strings.Contains(v.text(), "Bienvenue") {
		t.Error("a second start should not ask for the Caf again")
	}
	v.send("/", "08-29", keyEnter)
	v.waitText("→ COG-08-29")
	v.waitRow("08-29", "15 j", "14 j", "+1 j ✓", "validé")
	v.send(keyCtrlC)
	if code := v.waitExit(); code != 0 {
		t.Fatalf("ctrl+c: exit status %d", code)
	}

	// the command line reads the same database
	if out := e2eMust(t, db, "caf"); !strings.Contains(out, "Caf de l'Essonne (91) · poids 2,5 %") {
		t.Errorf("cpog caf = %q, want the Essonne with a weight of 2,5 %%", out)
	}
	r := e2eGap(t, db)["COG-08-29//2025"]
	if r.Local == nil || *r.Local != 14 || r.Status != "agreed" || r.Gap == nil || *r.Gap != 1 {
		t.Errorf("gap --json for COG-08-29 2025 = %+v, want local 14, agreed, gap 1", r)
	}
	e2eCheckDB(t, db)
}

var escapeSeq = regexp.MustCompile("\x1b")

// checkFrame checks a whole screen: as many rows as the terminal has, the
// header on the first and the keys on the last, no escape sequence left
// over as text.
func checkFrame(t *testing.T, screen string, w, h int) {
	t.Helper()
	ls := strings.Split(screen, "\n")
	if len(ls) != h {
		t.Errorf("%d×%d: %d rows on screen", w, h, len(ls))
	}
	if !strings.HasPrefix(ls[0], " cpog") {
		t.Errorf("%d×%d: first row should be the header: %q", w, h, ls[0])
	}
	if !strings.HasSuffix(strings.TrimSpace(ls[0]), "%") {
		t.Errorf("%d×%d: the header's progress should end the first row: %q", w, h, ls[0])
	}
	if escapeSeq.MatchString(screen) {
		t.Errorf("%d×%d: an escape sequence was printed as text\n%s", w, h, screen)
	}
}
