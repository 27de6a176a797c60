package tui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

// BenchmarkRenderMain measures one frame of the main screen at 120×40
// (target: ≤ 2 ms).
func BenchmarkRenderMain(b *testing.B) {
	hs := negotiated(b, 120, 40)
	b.ReportAllocs()
	for b.Loop() {
		_ = hs.m.View()
	}
}

// BenchmarkNavigateKeystroke measures a navigation key: Update then View,
// as the runtime does for each key (target: ≤ 2 ms).
func BenchmarkNavigateKeystroke(b *testing.B) {
	hs := negotiated(b, 120, 40)
	down := tea.KeyPressMsg{Code: 'j', Text: "j"}
	up := tea.KeyPressMsg{Code: 'k', Text: "k"}
	m := hs.m
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := down
		if i%16 >= 8 {
			k = up
		}
		i++
		next, _ := m.Update(k)
		m = next.(Model)
		_ = m.View()
	}
}

// BenchmarkRenderDetail measures one frame of the detail screen.
func BenchmarkRenderDetail(b *testing.B) {
	hs := negotiated(b, 120, 40)
	hs.keys("<enter>")
	b.ReportAllocs()
	for b.Loop() {
		_ = hs.m.View()
	}
}

// BenchmarkRenderPlan measures one frame of the Engagements pane of the
// largest fiche (fiche 10: 32 livrables under 7 engagements), with a
// follow-up on every livrable, walking down the tree as a user does
// (target: ≤ 2 ms per frame).
func BenchmarkRenderPlan(b *testing.B) {
	hs := withCaf(b, 120, 40)
	ref := hs.m.st.ref
	c := hs.contract()
	ch := cpog.Change{Actor: cpog.ActorCaf, Kind: "follow"}
	for _, it := range cpog.PlanItems(ref, c, 10, cpog.SideCaisse) {
		if it.Followed {
			next, err := cpog.SetFollowUp(ref, c, it.Key, cpog.FollowUp{Status: cpog.FollowDoing, Due: "2026-03", Pilot: "Service contrôle", Comment: "en cours de déploiement"})
			if err != nil {
				b.Fatal(err)
			}
			ch.Edits = append(ch.Edits, next.Edits...)
		}
	}
	if _, err := hs.db.Apply(context.Background(), "91", ch); err != nil {
		b.Fatal(err)
	}
	hs.keys("<ctrl+r>", "/", "COG-10-38", "<enter>", "v")
	if hs.m.st.rightView() != viewPlan || hs.m.st.ref.Fiches[hs.m.st.fiche].N != 10 {
		b.Fatal("not on fiche 10's engagements")
	}
	m := hs.m
	down := tea.KeyPressMsg{Code: 'j', Text: "j"}
	b.ReportAllocs()
	for b.Loop() {
		next, _ := m.Update(down)
		m = next.(Model)
		_ = m.View()
	}
}

// BenchmarkSearchKeystroke measures a key typed in the search (a letter,
// then its erasure): the search folds and matches the indicators and every
// item of the plan d'actions at each key, then the dialog is drawn. The
// navigation target (≤ 2 ms) holds for it too.
func BenchmarkSearchKeystroke(b *testing.B) {
	hs := negotiated(b, 120, 40)
	hs.keys("/", "déla")
	keys := []tea.KeyPressMsg{{Code: 'i', Text: "i"}, {Code: tea.KeyBackspace}}
	m := hs.m
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		next, _ := m.Update(keys[i%2])
		i++
		m = next.(Model)
		_ = m.View()
	}
	if v := m.View(); !strings.Contains(v.Content, "délai") && !strings.Contains(v.Content, "Délai") {
		b.Fatalf("the search for « délai » shows no delay:\n%s", v.Content)
	}
}
