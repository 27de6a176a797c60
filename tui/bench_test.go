package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
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
