package tui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

func TestFirstRunPicksCafAndWeight(t *testing.T) {
	db := openStore(t)
	hs := newHarness(t, db, 120, 40)
	if hs.m.active != screenPicker {
		t.Fatalf("first run: screen %v, want the Caf picker", hs.m.active)
	}
	picker := func() pickerScreen { return hs.m.screens[screenPicker].(pickerScreen) }
	for _, tc := range []struct{ filter, want string }{
		{"essonne", "91"}, {"91", "91"}, {"ardeche", "07"}, {"ARDÈCHE", "07"}, {"2a", "2A"}, {"lozere", "48"},
	} {
		hs.keys(tc.filter)
		if p := picker(); len(p.matches) == 0 || p.matches[0].Code != tc.want {
			t.Errorf("filter %q: first match %v, want %s", tc.filter, p.matches, tc.want)
		}
		for range tc.filter {
			hs.keys("<backspace>")
		}
	}
	hs.keys("zzzz", "<enter>")
	if !strings.Contains(hs.plain(), "aucune Caf ne correspond") {
		t.Errorf("no match: want a French message, got\n%s", hs.plain())
	}
	for range "zzzz" {
		hs.keys("<backspace>")
	}
	hs.keys("essonne", "<enter>")
	if picker().weight == nil {
		t.Fatal("after choosing a Caf the weight should be asked")
	}
	// an invalid weight is refused in French, nothing is chosen; the
	// proposed weight is selected, so typing replaces it
	hs.keys("0", "<enter>")
	if p := picker(); !strings.Contains(p.err, "strictement positif") {
		t.Fatalf("weight 0: want a French refusal, got %+v", p)
	}
	if _, ok, _ := db.CurrentCaf(context.Background()); ok {
		t.Fatal("an invalid weight must not choose the Caf")
	}
	hs.keys("<backspace>", "2,1", "<enter>")
	if hs.m.active != screenMain {
		t.Fatalf("after the weight: screen %v, want main", hs.m.active)
	}
	code, ok, err := db.CurrentCaf(context.Background())
	if err != nil || !ok || code != "91" {
		t.Fatalf("current Caf = %q %v %v, want 91", code, ok, err)
	}
	if c := hs.contract(); c.Weight != 2.1 {
		t.Errorf("weight = %v, want 2.1", c.Weight)
	}
	if !strings.Contains(hs.plain(), "Caf de l'Essonne (91)") {
		t.Errorf("header should name the Caf:\n%s", hs.plain())
	}
}

func TestNavigateEditUndoAgree(t *testing.T) {
	hs := withCaf(t, 120, 40)
	// fiche 8 is the eighth fiche: seven steps down in the fiche pane
	hs.keys("jjjjjjj")
	if f := hs.m.st.ref.Fiches[hs.m.st.fiche]; f.N != 8 {
		t.Fatalf("fiche = %d, want 8", f.N)
	}
	hs.keys("l")
	for i := 0; i < 20; i++ {
		if l, _ := hs.m.st.currentLine(); l.Indicator.Code == "COG-08-29" {
			break
		}
		hs.keys("j")
	}
	if l, _ := hs.m.st.currentLine(); l.Indicator.Code != "COG-08-29" {
		t.Fatalf("line = %v, want COG-08-29", l.Key())
	}
	hs.keys("]", "]") // 2025
	if hs.m.st.year != 2025 {
		t.Fatalf("year = %d, want 2025", hs.m.st.year)
	}
	key := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}

	// an invalid value: French error, input stays open, nothing saved
	hs.keys("e", "abc", "<enter>")
	if d, ok := hs.m.dialog.(valueDialog); !ok || !strings.Contains(d.err, "n’est pas un nombre") {
		t.Fatalf("invalid edit: want a French error in the open input, got %+v", hs.m.dialog)
	}
	if _, ok := hs.contract().Targets[key]; ok {
		t.Fatal("an invalid value must not be saved")
	}
	hs.keys("<esc>")
	if hs.m.dialog != nil {
		t.Fatal("esc must close the input")
	}

	// a valid one is saved at once, with its gap
	hs.keys("e", "14 j", "<enter>")
	got := hs.contract().Targets[key]
	if !got.Proposed.OK || got.Proposed.V != 14 || got.Status != cpog.StatusDraft {
		t.Fatalf("saved target = %+v, want 14 draft", got)
	}
	screen := hs.plain()
	if !strings.Contains(screen, "+1 j ✓") {
		t.Errorf("COG-08-29 2025: 14 j against 15 j is one day better, want \"+1 j ✓\" on screen:\n%s", screen)
	}
	// a wrong unit is refused (typed over the selected 14 j)
	hs.keys("e", "14 %", "<enter>")
	if d, ok := hs.m.dialog.(valueDialog); !ok || !strings.Contains(d.err, "ne convient pas") {
		t.Fatalf("wrong unit: want a French error, got %+v", hs.m.dialog)
	}
	hs.keys("<esc>")

	// undo appends a compensating step
	hs.keys("u")
	if got := hs.contract().Targets[key]; got.Proposed.OK {
		t.Fatalf("after undo the proposal should be gone, got %+v", got)
	}
	ev, err := hs.db.History(context.Background(), "91", "COG-08-29")
	if err != nil || len(ev) != 4 { // proposed+status, then their compensation
		t.Fatalf("history = %d events (%v), want 4", len(ev), err)
	}

	// Cnaf counter, then agree: the counter becomes the agreed figure
	hs.keys("e", "14", "<enter>", "c", "15", "<enter>")
	if got := hs.contract().Targets[key]; got.Status != cpog.StatusCountered || got.Counter.V != 15 {
		t.Fatalf("after counter: %+v", got)
	}
	// a asks for a confirmation first: esc agrees nothing
	hs.keys("a", "<esc>")
	if got := hs.contract().Targets[key]; got.Status != cpog.StatusCountered {
		t.Fatalf("after a then esc: %+v, want still countered", got)
	}
	hs.keys("a", "<enter>")
	got = hs.contract().Targets[key]
	if got.Status != cpog.StatusAgreed || got.Agreed.V != 15 || got.AgreedOn != "2026-11-22" {
		t.Fatalf("after agree: %+v, want agreed 15 on 2026-11-22 (today)", got)
	}
	// the other years had nothing: agreeing them is not possible, the
	// indicator stays not fully agreed
	if s := hs.contract().IndicatorStatus(mustLookup(t, hs, "COG-08-29"), hs.m.st.ref.Years); s == cpog.StatusAgreed {
		t.Error("an indicator with years left empty must not count as agreed")
	}
	for _, y := range []string{"[", "[", "["} {
		hs.keys(y)
	}
	if hs.m.st.year != 2023 {
		t.Fatalf("year = %d, want 2023 (and no further)", hs.m.st.year)
	}
	hs.keys("[")
	if hs.m.st.year != 2023 {
		t.Fatal("[ must stop at the first year")
	}
	for _, v := range []string{"16", "15", "", "14", "13"} {
		if v != "" {
			hs.keys("e", v, "<enter>")
		}
		hs.keys("]")
	}
	// A agrees the whole indicator: the four years typed (2025 is agreed)
	hs.keys("A")
	if d, ok := hs.m.dialog.(agreeDialog); !ok || len(d.items) != 4 {
		t.Fatalf("A: want the agreement of 4 years to confirm, got %+v", hs.m.dialog)
	}
	hs.keys("<enter>")
	if s := hs.contract().IndicatorStatus(mustLookup(t, hs, "COG-08-29"), hs.m.st.ref.Years); s != cpog.StatusAgreed {
		t.Errorf("after A: indicator %s, want agreed", s)
	}
	if !strings.Contains(hs.plain(), "validés 5/263") {
		t.Errorf("header should count five agreed years:\n%s", hs.plain())
	}
}

func mustLookup(t *testing.T, hs *harness, code string) *cpog.Indicator {
	t.Helper()
	ind, err := hs.m.st.ref.Lookup(code)
	if err != nil {
		t.Fatal(err)
	}
	return ind
}

func TestSearch(t *testing.T) {
	hs := withCaf(t, 120, 40)
	for _, tc := range []struct{ query, want string }{
		{"08-29", "COG-08-29"},
		{"COG-08-29", "COG-08-29"},
		{"COG-09-38", "COG-10-38"}, // Annexe 4's code
		{"delai minima", "COG-08-30"},
		{"réitération", "COG-08-24"},
		{"reiteration", "COG-08-24"},
		{"CANAL telephone", "COG-08-23"},
	} {
		hs.keys("/", tc.query)
		d, _ := hs.m.dialog.(searchDialog)
		if len(d.results) == 0 || d.results[0].ind == nil || d.results[0].ind.Code != tc.want {
			var got []string
			for _, r := range d.results {
				if r.ind != nil {
					got = append(got, r.ind.Code)
				} else {
					got = append(got, r.item.Key.String())
				}
			}
			t.Errorf("search %q: results %v, want %s first", tc.query, got, tc.want)
		}
		hs.keys("<enter>")
		if l, _ := hs.m.st.currentLine(); l.Indicator.Code != tc.want {
			t.Errorf("search %q: jumped to %s, want %s", tc.query, l.Indicator.Code, tc.want)
		}
	}
	hs.keys("/", "xyzzy", "<enter>")
	if !strings.Contains(hs.m.st.err, "rien ne correspond") {
		t.Errorf("no result: want a French message, got %q", hs.m.st.err)
	}
	hs.keys("<esc>")
	if hs.m.dialog != nil {
		t.Error("esc must close the search")
	}
}

func TestSubIndicatorsEditedOnTheirOwnRow(t *testing.T) {
	hs := withCaf(t, 120, 40)
	hs.gotoIndicator("COG-08-23")
	hs.keys("j") // b. Téléphone
	l, _ := hs.m.st.currentLine()
	if l.Sub != "b" {
		t.Fatalf("row = %v, want sub b", l.Key())
	}
	hs.keys("e", "81 %", "<enter>")
	c := hs.contract()
	if got := c.Target(cpog.LineKey{Code: "COG-08-23", Sub: "b"}, 2023); got.Proposed.V != 81 {
		t.Fatalf("sub b 2023 = %+v, want 81", got)
	}
	if got := c.Target(cpog.LineKey{Code: "COG-08-23", Sub: "a"}, 2023); got.Proposed.OK {
		t.Fatalf("sub a must be untouched, got %+v", got)
	}
	// in the detail screen ↑↓ pick the sub-indicator
	hs.keys("<enter>", "<up>", "e", "70", "<enter>")
	if got := hs.contract().Target(cpog.LineKey{Code: "COG-08-23", Sub: "a"}, 2023); got.Proposed.V != 70 {
		t.Fatalf("detail edit of sub a = %+v, want 70", got)
	}
}

func TestModeCycleAndNational(t *testing.T) {
	hs := withCaf(t, 120, 40)
	hs.gotoIndicator("COG-13-54")
	if !strings.Contains(hs.plain(), "national") {
		t.Fatalf("a national indicator shows as such:\n%s", hs.plain())
	}
	// m opens the chooser on the current mode (pour information, the
	// last of cible nationale, trajectoire, libre, pour information)
	hs.keys("m", "<up>", "<up>", "<up>", "<enter>")
	if got := hs.contract().Modes["COG-13-54"]; got != cpog.ModeSame {
		t.Fatalf("mode = %q, want same", got)
	}
	if !strings.Contains(hs.plain(), "validés 0/268") {
		t.Errorf("opting in makes its five years negotiable (268):\n%s", hs.plain())
	}
}

func TestQuitKeys(t *testing.T) {
	hs := withCaf(t, 120, 40)
	if !quits(hs.m, namedKey("ctrl+c")) {
		t.Fatal("ctrl+c must quit")
	}
	if !quits(hs.m, namedKeyRune('q')) {
		t.Fatal("q must quit on the main screen")
	}
	hs.keys("?")
	if quits(hs.m, namedKeyRune('q')) {
		t.Fatal("q on the help closes the help, it does not quit")
	}
	hs.keys("q")
	if hs.m.active == screenHelp {
		t.Fatal("q must close the help")
	}
	// in an input, q is text
	hs.keys("l", "e")
	if quits(hs.m, namedKeyRune('q')) {
		t.Fatal("q typed in an input must not quit")
	}
	hs.keys("q")
	if d, ok := hs.m.dialog.(valueDialog); !ok || d.input.Value() != "q" {
		t.Fatalf("q typed in an input is text, got %+v", hs.m.dialog)
	}
	if !quits(hs.m, namedKey("ctrl+c")) {
		t.Fatal("ctrl+c quits even from an input")
	}
}

// quits reports whether the key makes the model return tea.Quit.
func quits(m Model, k tea.KeyPressMsg) bool {
	_, cmd := m.Update(k)
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func TestFailedSaveIsKeptForRetry(t *testing.T) {
	hs := withCaf(t, 120, 40)
	hs.gotoIndicator("COG-08-29")
	k := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2023}
	// a change the store refuses comes back as a failed save, kept
	bad := cpog.Change{Actor: cpog.ActorCaf, Kind: "set", Edits: []cpog.Edit{{Key: k, Field: cpog.FieldStatus, Text: "bogus"}}}
	hs.run(hs.m.st.applyCmd(bad))
	if hs.m.st.pending == nil || !strings.Contains(hs.m.st.err, "ctrl+s") {
		t.Fatalf("a failed save is kept and the footer says how to retry: pending %v, err %q", hs.m.st.pending, hs.m.st.err)
	}
	// a save that failed for a passing reason (busy base) succeeds on retry
	good := cpog.SetValue(hs.contract(), hs.line(k.LineKey), k.Year, 15, cpog.ActorCaf, "")
	hs.send(saveFailedMsg{change: good, err: cpog.Errorf(cpog.EConflict, "la base est occupée")})
	hs.send(namedKey("ctrl+s"))
	if got := hs.contract().Targets[k]; !got.Proposed.OK || got.Proposed.V != 15 {
		t.Fatalf("after ctrl+s the value is saved, got %+v", got)
	}
	if hs.m.st.pending != nil {
		t.Error("a successful retry clears the pending change")
	}
}
