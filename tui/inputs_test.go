package tui

import (
	tea "charm.land/bubbletea/v2"
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/cnaf-tools/cpog"
)

func keyOf(code, sub string, year int) cpog.TargetKey {
	return cpog.TargetKey{LineKey: cpog.LineKey{Code: code, Sub: sub}, Year: year}
}

// TestInputsReplaceTheirValue: every input opened on an existing value has
// it selected, so that typing replaces it ("6 400" over "6 500" is 6 400,
// never 6 5006 400), while the arrows and backspace edit it.
func TestInputsReplaceTheirValue(t *testing.T) {
	hs := withCaf(t, 120, 40)
	hs.gotoIndicator("COG-08-34")
	hs.keys("]", "]") // 2025
	k := keyOf("COG-08-34", "", 2025)

	hs.keys("e", "6 500", "<enter>", "e", "6 400", "<enter>")
	if got := hs.contract().Targets[k].Proposed; got != cpog.Some(6400) {
		t.Errorf("proposal typed over 6 500: %v, want 6 400", got)
	}
	hs.keys("c", "6 500", "<enter>", "c", "6 300", "<enter>")
	if got := hs.contract().Targets[k].Counter; got != cpog.Some(6300) {
		t.Errorf("counter-proposal typed over 6 500: %v, want 6 300", got)
	}
	hs.keys("n", "à revoir", "<enter>", "n", "accepté", "<enter>")
	if got := hs.contract().Targets[k].Comment; got != "accepté" {
		t.Errorf("comment typed over another: %q, want « accepté »", got)
	}
	hs.keys("w", "3", "<enter>")
	if got := hs.contract().Weight; got != 3 {
		t.Errorf("weight typed over 2: %v, want 3", got)
	}

	// the detail's inputs
	hs.gotoIndicator("COG-08-29")
	hs.keys("<enter>", "R", "15", "<enter>", "R", "16", "<enter>")
	if got := hs.contract().Actuals[keyOf("COG-08-29", "", 2025)]; got != 16 {
		t.Errorf("actual typed over 15: %v, want 16", got)
	}
	hs.keys("b", "8", "<enter>", "b", "9", "<enter>")
	if got := hs.contract().Baselines[cpog.LineKey{Code: "COG-08-29"}]; got != 9 {
		t.Errorf("baseline typed over 8: %v, want 9", got)
	}
	hs.keys("<esc>")
	hs.gotoIndicator("COG-01-01")
	hs.keys("<enter>", "K", "3", "<enter>", "K", "4", "<enter>")
	if got := hs.contract().ShareKeys["COG-01-01"]; got != 4 {
		t.Errorf("share key typed over 3: %v, want 4", got)
	}
	hs.keys("<esc>")

	// arrows and backspace edit the selected value instead
	hs.gotoIndicator("COG-12-51")
	r := keyOf("COG-12-51", "", 2025)
	hs.keys("e", "14", "<enter>", "e", "<left>", "5", "<enter>")
	if got := hs.contract().Targets[r].Proposed; got != cpog.Some(154) {
		t.Errorf("← then 5 in 14: %v, want 154 (edited, not replaced)", got)
	}
	hs.keys("e", "<backspace>", "<enter>")
	if got := hs.contract().Targets[r].Proposed; got != cpog.Some(15) {
		t.Errorf("backspace in 154: %v, want 15", got)
	}

	// the day of an agreement, proposed as today, typed over
	hs.gotoIndicator("COG-08-34")
	hs.keys("a", "20/11/2026", "<enter>")
	if got := hs.contract().Targets[k]; got.Status != cpog.StatusAgreed || got.AgreedOn != "2026-11-20" {
		t.Errorf("agreement dated by typing over today: %+v, want agreed on 2026-11-20", got)
	}
}

// TestFarValueIsConfirmed: a volume ten times its reference (here the
// national figure typed for the Caf's) needs a second ⏎.
func TestFarValueIsConfirmed(t *testing.T) {
	hs := withCaf(t, 120, 40)
	hs.gotoIndicator("COG-01-01")
	hs.keys("]", "]")
	k := keyOf("COG-01-01", "", 2025)
	hs.keys("e", "8 200", "<enter>")
	if _, ok := hs.m.dialog.(valueDialog); !ok || !strings.Contains(hs.plain(), "plus de dix fois la référence (164)") {
		t.Fatalf("8 200 against a reference of 164: want a warning in the open input\n%s", hs.plain())
	}
	if _, ok := hs.contract().Targets[k]; ok {
		t.Fatal("a far value is not saved before it is confirmed")
	}
	hs.keys("<enter>")
	if got := hs.contract().Targets[k].Proposed; got != cpog.Some(8200) {
		t.Errorf("confirmed: %v, want 8 200", got)
	}
	// a value near its reference is saved at once
	hs.keys("e", "170", "<enter>")
	if got := hs.contract().Targets[k].Proposed; got != cpog.Some(170) {
		t.Errorf("170: %v", got)
	}
}

// TestUnchangedValueMakesNoStep: typing the same value again leaves the
// history as it is.
func TestUnchangedValueMakesNoStep(t *testing.T) {
	hs := withCaf(t, 120, 40)
	hs.gotoIndicator("COG-08-29")
	hs.keys("e", "14", "<enter>")
	before, err := hs.db.History(context.Background(), "91", "")
	if err != nil {
		t.Fatal(err)
	}
	hs.keys("e", "14 j", "<enter>")
	after, _ := hs.db.History(context.Background(), "91", "")
	if len(after) != len(before) {
		t.Errorf("the same value again wrote %d events", len(after)-len(before))
	}
	if !strings.Contains(hs.m.st.info, "inchangé") {
		t.Errorf("the footer says nothing changed: %q", hs.m.st.info)
	}
	if !strings.Contains(before[len(before)-1].Summary, "proposition Caf 14 j") {
		t.Errorf("the history keeps the unit: %q", before[len(before)-1].Summary)
	}
}

// TestModeChooser: m lists the modes that fit the indicator, each with the
// reference it would give; ⏎ applies the one chosen.
func TestModeChooser(t *testing.T) {
	hs := withCaf(t, 120, 40)
	hs.gotoIndicator("COG-01-01")
	hs.keys("m")
	d, ok := hs.m.dialog.(modeDialog)
	if !ok {
		t.Fatalf("m opens the mode chooser, got %T", hs.m.dialog)
	}
	want := []cpog.Mode{cpog.ModeShare, cpog.ModePath, cpog.ModeFree, cpog.ModeNational}
	if len(d.modes) != len(want) || d.modes[0] != want[0] || d.modes[3] != want[3] {
		t.Errorf("modes offered for a volume: %v, want %v", d.modes, want)
	}
	golden.RequireEqual(t, hs.screen(colorprofile.NoTTY))
	hs.keys("<down>", "<enter>")
	if got := hs.contract().ModeOf(mustLookup(t, hs, "COG-01-01")); got != cpog.ModePath {
		t.Errorf("mode after ↓ ⏎: %s, want trajectoire", got)
	}
	// on a rate, no quote-part
	hs.gotoIndicator("COG-08-24")
	hs.keys("m")
	for _, m := range hs.m.dialog.(modeDialog).modes {
		if m == cpog.ModeShare {
			t.Error("a quote-part is offered on a rate")
		}
	}
}

// TestAgreeConfirmation: a lists what will be agreed before anything is
// written; A does the whole indicator.
func TestAgreeConfirmation(t *testing.T) {
	hs := negotiated(t, 120, 40)
	hs.keys("a")
	if _, ok := hs.m.dialog.(agreeDialog); !ok {
		t.Fatalf("a opens the confirmation, got %T", hs.m.dialog)
	}
	golden.RequireEqual(t, hs.screen(colorprofile.NoTTY))
}

// TestSyntheseIsNavigable: ↑↓ move among the fiches, ⏎ opens one.
func TestSyntheseIsNavigable(t *testing.T) {
	hs := withCaf(t, 120, 40)
	hs.keys("s", "<down>", "<down>", "<enter>")
	if hs.m.active != screenMain {
		t.Fatalf("⏎ in the synthèse opens the fiche on the main screen, screen %v", hs.m.active)
	}
	// fiche 1 → 2 → 3: a fiche without indicators is listed for its
	// plan d'actions, and opens on its engagements
	if f := hs.m.st.ref.Fiches[hs.m.st.fiche]; f.N != 3 || hs.m.st.focus != paneIndicators || hs.m.st.rightView() != viewPlan {
		t.Errorf("fiche %d (focus %v, view %v), want fiche 3 with its engagements focused", f.N, hs.m.st.focus, hs.m.st.rightView())
	}
	hs.keys("s", "<down>", "<enter>")
	if f := hs.m.st.ref.Fiches[hs.m.st.fiche]; f.N != 4 || hs.m.st.rightView() != viewIndicators {
		t.Errorf("fiche %d (view %v), want fiche 4 on its indicators", f.N, hs.m.st.rightView())
	}
}

// TestResumeWhereTheUserWas: the position saved at exit is restored.
func TestResumeWhereTheUserWas(t *testing.T) {
	hs := withCaf(t, 120, 40)
	hs.gotoIndicator("COG-08-23")
	hs.keys("<down>", "]", "<enter>")
	pos := hs.m.Position()
	if pos.String() != "fiche=8;line=COG-08-23 b;year=2024;screen=detail;pane=;item=" {
		t.Fatalf("position %q", pos.String())
	}
	m, err := Preload(context.Background(), testPort{hs.db}, Options{Dark: true, Resume: ParsePosition(pos.String()), Width: 120, Height: 40})
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Position(); got != pos {
		t.Errorf("restarted at %+v, want %+v", got, pos)
	}
	// a user walking the fiches resumes walking them: j moves to the next
	hs.keys("<esc>", "<left>")
	pos = hs.m.Position()
	if pos.Pane != "fiches" {
		t.Fatalf("position %q: the fiches' focus is not kept", pos.String())
	}
	m, _ = Preload(context.Background(), testPort{hs.db}, Options{Dark: true, Resume: ParsePosition(pos.String()), Width: 120, Height: 40})
	m2, _ := m.Update(tea.KeyPressMsg{Code: 'j', Text: "j"})
	if got := m2.(Model).Position(); got.Fiche != 9 {
		t.Errorf("after resuming on the fiches, j went to fiche %d, want 9", got.Fiche)
	}
	// the plan d'actions' item is kept
	hs.keys("<right>", "v", "<down>", "<down>")
	pos = hs.m.Position()
	if pos.Item != "caisse 1.1.1" {
		t.Fatalf("position %q: want the plan’s item caisse 1.1.1", pos.String())
	}
	m, _ = Preload(context.Background(), testPort{hs.db}, Options{Dark: true, Resume: ParsePosition(pos.String()), Width: 120, Height: 40})
	if got := m.Position(); got != pos {
		t.Errorf("restarted at %+v, want %+v", got, pos)
	}
	// a position that no longer makes sense is ignored, field by field
	m, _ = Preload(context.Background(), testPort{hs.db}, Options{Dark: true, Resume: ParsePosition("fiche=99;line=COG-99-99;year=1999;screen=réseau")})
	if got := m.Position(); got.Fiche != 1 || got.Year != 2023 || got.Screen != "main" {
		t.Errorf("unusable position: %+v, want the first fiche and year", got)
	}
}

// TestRisesAndHeldPaths: an increment reads as a rise, and a path that
// holds the baseline says so.
func TestRisesAndHeldPaths(t *testing.T) {
	hs := withCaf(t, 120, 40)
	hs.gotoIndicator("COG-02-13")
	if out := hs.plain(); !strings.Contains(out, "+280 000") || !strings.Contains(out, "+14 M") {
		t.Errorf("COG-02-13 2023: want the national rise +14 M and the Caf's +280 000 (2 %%)\n%s", out)
	}
	hs.keys("<enter>")
	if out := hs.plain(); !strings.Contains(out, "hausse nationale") || !strings.Contains(out, "hausse réf. Caf") {
		t.Errorf("the detail names the rises\n%s", out)
	}
	hs.keys("<esc>")
	hs.gotoIndicator("COG-08-30")
	hs.keys("m", "<down>", "<enter>", "<enter>", "b", "8", "<enter>")
	if got := hs.contract().ModeOf(mustLookup(t, hs, "COG-08-30")); got != cpog.ModePath {
		t.Fatalf("mode %s, want trajectoire", got)
	}
	if out := hs.plain(); !strings.Contains(out, "tient la valeur de départ") || strings.Contains(out, "8,6 j") {
		t.Errorf("a baseline of 8 j, better than 11 j: the reference holds 8 j and says so\n%s", out)
	}
}
