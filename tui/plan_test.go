package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/cnaf-tools/cpog"
)

// onPlan opens fiche 8's engagements, as a user would: the fiche's
// indicators, then v.
func onPlan(t *testing.T, w, h int) *harness {
	t.Helper()
	hs := withCaf(t, w, h)
	hs.gotoIndicator("COG-08-22")
	hs.keys("v")
	if hs.m.st.rightView() != viewPlan || hs.m.st.focus != paneIndicators {
		t.Fatalf("v shows the engagements focused: view %v focus %v", hs.m.st.rightView(), hs.m.st.focus)
	}
	return hs
}

// selected is the key of the selected row of the tree.
func (hs *harness) selected() cpog.ItemKey {
	hs.t.Helper()
	r, ok := currentItem(&hs.m.st)
	if !ok {
		hs.t.Fatal("no row of the plan is selected")
	}
	return r.item.Key
}

// TestPlanPaneWalksAndFolds: ↑↓ walk the tree, ← folds an engagement
// (then goes back to the fiches), → unfolds it, v goes back to the
// indicators.
func TestPlanPaneWalksAndFolds(t *testing.T) {
	hs := onPlan(t, 120, 40)
	if k := hs.selected(); k.N != "1" || k.Side != cpog.SideCaisse {
		t.Fatalf("the tree opens on engagement 1, got %v", k)
	}
	all := len(planRows(&hs.m.st))
	hs.keys("<left>")
	folded := len(planRows(&hs.m.st))
	// engagement 1 of fiche 8: 4 actions and 6 livrables hidden
	if all-folded != 10 || hs.m.st.focus != paneIndicators {
		t.Errorf("folding engagement 1 hid %d rows (focus %v), want 10", all-folded, hs.m.st.focus)
	}
	hs.keys("<down>")
	if k := hs.selected(); k.N != "2" {
		t.Errorf("under a folded engagement, ↓ goes to engagement 2, got %v", k)
	}
	hs.keys("<up>", "<right>")
	if n := len(planRows(&hs.m.st)); n != all {
		t.Errorf("→ unfolds: %d rows, want %d", n, all)
	}
	hs.keys("<down>", "<down>")
	if k := hs.selected(); k.N != "1.1.1" {
		t.Errorf("↓↓ reaches livrable 1.1.1, got %v", k)
	}
	if !strings.Contains(hs.plain(), "Poursuite du plan d’actions de production du service") {
		t.Error("the livrable's label is not on screen")
	}
	// ← on a livrable goes back to the fiches; v back to the indicators
	hs.keys("<left>")
	if hs.m.st.focus != paneFiches {
		t.Errorf("← on a livrable focuses the fiches, focus %v", hs.m.st.focus)
	}
	hs.keys("<right>", "v")
	if hs.m.st.rightView() != viewIndicators {
		t.Error("v goes back to the indicators")
	}
}

// TestFollowUpDialog: ⏎ on a livrable opens its follow-up; the status is
// chosen with →, the fields reached with tab; the change is saved with its
// history, shown in the tree, and undone with u.
func TestFollowUpDialog(t *testing.T) {
	hs := onPlan(t, 120, 40)
	hs.keys("<down>", "<down>", "<enter>")
	if _, ok := hs.m.dialog.(followDialog); !ok {
		t.Fatalf("⏎ on a livrable opens its follow-up, got %T", hs.m.dialog)
	}
	golden.RequireEqual(t, hs.screen(colorprofile.NoTTY))
	hs.keys("<right>", "<right>", "<tab>", "13/2026")
	hs.keys("<enter>")
	if d, ok := hs.m.dialog.(followDialog); !ok || !strings.Contains(d.err, "échéance") {
		t.Fatalf("a month 13 is refused in the dialog, kept open: %T %+v", hs.m.dialog, hs.m.dialog)
	}
	for range "13/2026" {
		hs.keys("<backspace>")
	}
	hs.keys("06/2026", "<tab>", "Service production", "<tab>", "premier jalon tenu", "<enter>")
	if hs.m.dialog != nil {
		t.Fatalf("the dialog stays open: %+v", hs.m.dialog)
	}
	k := cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "1.1.1"}
	want := cpog.FollowUp{Status: cpog.FollowDoing, Due: "2026-06", Pilot: "Service production", Comment: "premier jalon tenu"}
	if got := hs.contract().FollowUps[k]; got != want {
		t.Fatalf("stored follow-up %+v, want %+v", got, want)
	}
	screen := hs.plain()
	if !strings.Contains(screen, "en cours") || !strings.Contains(screen, "06/2026") || !strings.Contains(screen, "Service production") {
		t.Errorf("the tree does not show the follow-up:\n%s", screen)
	}
	events, err := hs.db.History(context.Background(), "91", "")
	if err != nil || len(events) == 0 || events[len(events)-1].Item != k {
		t.Fatalf("history %v %v: the last event is not the livrable's", events, err)
	}
	hs.keys("u")
	if got := hs.contract().FollowUps[k]; got != (cpog.FollowUp{}) {
		t.Errorf("u leaves %+v", got)
	}
}

// TestLateLivrable: a livrable due in a month gone by and not done is
// marked late in the tree and counted in the synthèse.
func TestLateLivrable(t *testing.T) {
	hs := onPlan(t, 120, 40)
	for n, f := range map[string]cpog.FollowUp{
		"1.1.2": {Status: cpog.FollowDoing, Due: "2026-03"}, // late
		"1.1.1": {Status: cpog.FollowDone, Due: "2026-01"},  // done: never late
	} {
		ch, err := cpog.SetFollowUp(hs.m.st.ref, hs.contract(), cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: n}, f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := hs.db.Apply(context.Background(), "91", ch); err != nil {
			t.Fatal(err)
		}
	}
	hs.keys("<ctrl+r>")
	if s := hs.plain(); !strings.Contains(s, "⚠03/2026") || strings.Contains(s, "⚠01/2026") || !strings.Contains(s, "● 1 réalisés · ◐ 1 en cours · ⚠ 1 en retard") {
		t.Errorf("late marks and tally:\n%s", s)
	}
	hs.keys("s")
	if s := hs.plain(); !strings.Contains(s, "   1/25  1  1") {
		t.Errorf("the synthèse does not count fiche 8's livrables (1 done of 25, 1 in progress, 1 late):\n%s", s)
	}
}

// TestLocalActions: + adds a local action under the selected row's
// engagement, - removes it (and only a local action).
func TestLocalActions(t *testing.T) {
	hs := onPlan(t, 120, 40)
	hs.keys("<down>", "-")
	if !strings.Contains(hs.m.st.err, "seules les actions locales") {
		t.Errorf("- on a livrable of the COG: %q", hs.m.st.err)
	}
	hs.keys("+")
	d, ok := hs.m.dialog.(followDialog)
	if !ok || !d.create {
		t.Fatalf("+ opens a new local action, got %T", hs.m.dialog)
	}
	hs.keys("<enter>")
	if d, _ := hs.m.dialog.(followDialog); !strings.Contains(d.err, "libellé") {
		t.Errorf("a local action without a label: %q", d.err)
	}
	hs.keys("Former l’accueil au nouveau socle", "<tab>", "09/2027", "<tab>", "Mme Durand", "<enter>")
	k := cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "1.L1"}
	if got := hs.contract().FollowUps[k]; got.Label != "Former l’accueil au nouveau socle" || got.Due != "2027-09" || got.Pilot != "Mme Durand" || got.Status != cpog.FollowTodo {
		t.Fatalf("stored local action %+v", got)
	}
	hs.m.st.selectItem(k)
	if s := hs.plain(); !strings.Contains(s, "○ 1.L1 Former l’accueil") || !strings.Contains(s, "à faire     09/2027  Mme Durand") {
		t.Errorf("the local action is not in the tree:\n%s", hs.plain())
	}
	hs.keys("-")
	if got := hs.contract().FollowUps[k]; got.Label != "" {
		t.Errorf("- left %+v", got)
	}
	for _, r := range planRows(&hs.m.st) {
		if r.item.Key == k {
			t.Errorf("a removed local action stays in the tree:\n%s", hs.plain())
		}
	}
	if !strings.Contains(hs.m.st.info, "action locale retirée") {
		t.Errorf("no word of the removal: %q", hs.m.st.info)
	}
}

// TestSearchFindsLivrables: "8 3.1.1" jumps to the livrable, words find
// it too.
func TestSearchFindsLivrables(t *testing.T) {
	hs := withCaf(t, 120, 40)
	hs.keys("/", "8 3.1.1", "<enter>")
	if k := hs.selected(); k != (cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "3.1.1"}) || hs.m.st.rightView() != viewPlan {
		t.Errorf("search 8 3.1.1 selected %v (view %v)", k, hs.m.st.rightView())
	}
	hs.keys("/", "socle de service par chaque", "<enter>")
	if k := hs.selected(); k.N != "3.1.1" || k.Fiche != 8 {
		t.Errorf("search by words selected %v", k)
	}
}

// TestFicheWithoutIndicatorsOpensOnEngagements: fiche 3 has no result
// indicator; its engagements are its content.
func TestFicheWithoutIndicatorsOpensOnEngagements(t *testing.T) {
	hs := withCaf(t, 120, 40)
	hs.keys("<left>", "<down>", "<down>")
	if f := hs.m.st.ref.Fiches[hs.m.st.fiche]; f.N != 3 {
		t.Fatalf("fiche %d, want 3", f.N)
	}
	if hs.m.st.rightView() != viewPlan || !strings.Contains(hs.plain(), "Fiche 3 · plan d’actions") {
		t.Errorf("fiche 3 does not show its engagements:\n%s", hs.plain())
	}
	before := len(planRows(&hs.m.st))
	hs.keys("<right>", "<enter>")
	if _, ok := hs.m.dialog.(followDialog); ok {
		t.Error("⏎ on an engagement opens a follow-up: it folds")
	}
	if after := len(planRows(&hs.m.st)); after >= before {
		t.Errorf("⏎ on the first engagement: %d rows, then %d; want it folded", before, after)
	}
}

// TestSyntheseMovesTheTreeSelection: leaving a long fiche's tree far down
// for a shorter fiche through the synthèse leaves a row selected, which ⏎
// acts on.
func TestSyntheseMovesTheTreeSelection(t *testing.T) {
	hs := onPlan(t, 120, 40)
	for range 30 {
		hs.keys("<down>")
	}
	if hs.m.st.itemRow < 20 {
		t.Fatalf("row %d after 30 moves down fiche 8's tree", hs.m.st.itemRow)
	}
	hs.keys("s", "<up>", "<up>", "<up>", "<up>", "<up>", "<enter>") // fiche 3, no indicator: its tree
	st := &hs.m.st
	if f := st.ref.Fiches[st.fiche]; f.N != 3 || st.rightView() != viewPlan {
		t.Fatalf("fiche %d, view %v; want fiche 3's engagements", f.N, st.rightView())
	}
	if rows := planRows(st); st.itemRow >= len(rows) {
		t.Fatalf("row %d selected in a tree of %d rows", st.itemRow, len(rows))
	}
	before := len(planRows(st))
	hs.keys("<enter>")
	if after := len(planRows(st)); after >= before {
		t.Errorf("⏎ on the selected engagement: %d rows, then %d; want it folded", before, after)
	}
}

// TestGoldenPlanPane is the Engagements pane of fiche 8 at both sizes.
func TestGoldenPlanPane(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			hs := onPlan(t, size[0], size[1])
			hs.keys("<down>", "<down>")
			golden.RequireEqual(t, hs.screen(colorprofile.NoTTY))
		})
	}
}

// TestPlanTextFromFiles: a comment and a local action's label that came
// in a file, with a line break and an escape sequence, are shown with
// placeholders, never sent raw to the terminal, and saving the follow-up
// after changing only its status keeps them exactly.
func TestPlanTextFromFiles(t *testing.T) {
	hs := onPlan(t, 120, 40)
	k := cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "1.1.1"}
	local := cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "1.L1"}
	comment := "socle rédigé\nà valider \x1b]52;c;SGVsbG8=\x07"
	if _, err := hs.db.Apply(context.Background(), "91", cpog.Change{Actor: cpog.ActorCaf, Kind: "import", Summary: "import", Edits: []cpog.Edit{
		{Item: k, Field: cpog.FieldItemComment, Text: comment},
		{Item: local, Field: cpog.FieldItemLabel, Text: "Former\x1b[2J l’accueil"},
		{Item: local, Field: cpog.FieldItemStatus, Text: "todo"},
	}}); err != nil {
		t.Fatal(err)
	}
	hs.keys("<ctrl+r>", "<down>", "<down>")
	for _, prof := range []colorprofile.Profile{colorprofile.NoTTY, colorprofile.TrueColor} {
		if s := hs.screen(prof); strings.Contains(s, "\x1b]52") || strings.Contains(s, "\x1b[2J") || strings.Contains(s, "\x07") {
			t.Fatalf("an escape sequence from a file reaches the terminal:\n%q", s)
		}
	}
	if s := hs.plain(); !strings.Contains(s, "rédigé␊à valider ␛]52") || strings.Contains(s, "preuve") {
		t.Errorf("the comment is not shown with placeholders (or an empty evidence is):\n%s", s)
	}
	hs.keys("<enter>", "<right>", "<right>", "<enter>")
	got := hs.contract().FollowUps[k]
	if got.Status != cpog.FollowDoing || got.Comment != comment {
		t.Errorf("after changing the status: %+v, want the comment kept byte for byte", got)
	}
	if s := hs.plain(); !strings.Contains(s, "Former␛[2J l’accueil") {
		t.Errorf("the local action's label is not shown with its placeholder:\n%s", s)
	}
	if got := hs.contract().FollowUps[local].Label; got != "Former\x1b[2J l’accueil" {
		t.Errorf("local action label %q, want it kept byte for byte", got)
	}
}

// TestFollowUpDialogAt80Columns: at the smallest size, a long comment
// being typed shows its end (where the cursor is) within the screen.
func TestFollowUpDialogAt80Columns(t *testing.T) {
	hs := onPlan(t, 80, 24)
	hs.keys("<down>", "<down>", "<enter>")
	if _, ok := hs.m.dialog.(followDialog); !ok {
		t.Fatalf("⏎ on a livrable opens its follow-up, got %T", hs.m.dialog)
	}
	hs.keys("<tab>", "<tab>", "<tab>", "le socle de service est rédigé et relu par la direction FIN")
	for _, l := range strings.Split(hs.plain(), "\n") {
		if strings.Contains(l, "commentaire") {
			if !strings.Contains(l, "direction FIN") {
				t.Errorf("the comment's end is off screen at 80 columns:\n%q", l)
			}
			return
		}
	}
	t.Errorf("no comment field on screen:\n%s", hs.plain())
}
