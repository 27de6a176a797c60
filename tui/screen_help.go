package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// helpScreen is every key of the keymap, by theme; it closes back to the
// screen it was opened from. A page longer than the screen (80×24) scrolls
// with ↑↓.
type helpScreen struct {
	back   screenID
	offset int // the first line shown when the page scrolls
}

// footerLines is the height of a screen's footer: its status line and its
// keys (frame.go).
const footerLines = 2

func (hp helpScreen) Update(s *state, msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return hp, nil
	}
	switch {
	case key.Matches(k, s.keys.Help, s.keys.Back, s.keys.Quit):
		s.show(hp.back)
	case key.Matches(k, s.keys.Down):
		hp.offset = min(hp.offset+1, hp.maxOffset(s))
	case key.Matches(k, s.keys.Up):
		hp.offset = max(0, hp.offset-1)
	}
	return hp, nil
}

// maxOffset is how far the page scrolls on the screen's body, whose last
// row says which lines are shown.
func (hp helpScreen) maxOffset(s *state) int {
	h := s.height - 1 - footerLines
	if n := len(helpLines(s, s.width, h)); n > h {
		return n - (h - 1)
	}
	return 0
}

func (hp helpScreen) ShortHelp(s *state) []key.Binding {
	if hp.maxOffset(s) > 0 {
		return []key.Binding{hint("fermer l’aide", s.keys.Help, s.keys.Back), hint("défiler", s.keys.Up, s.keys.Down)}
	}
	return []key.Binding{hint("fermer l’aide", s.keys.Help, s.keys.Back)}
}

func (hp helpScreen) View(s *state, w, h int) []string {
	lines := helpLines(s, w, h)
	if len(lines) <= h {
		return lines
	}
	off := min(hp.offset, len(lines)-(h-1))
	shown := append([]string{}, lines[off:off+h-1]...)
	return append(shown, s.styles.Dim.Render(fmt.Sprintf(" lignes %d à %d sur %d · %s pour défiler", off+1, off+h-1, len(lines), keyName(s.keys.Up, s.keys.Down))))
}

// helpLines is the whole page for a body of w × h: the keys in two columns
// when one does not fit, then the notes.
func helpLines(s *state, w, h int) []string {
	var keys []string
	for _, g := range s.keys.FullHelp() {
		keys = append(keys, " "+s.styles.Bold.Render(g.title))
		for _, k := range g.keys {
			keys = append(keys, fmt.Sprintf("   %s %s", s.styles.Key.Render(fit(k.Help().Key, 8)), k.Help().Desc))
		}
	}
	// the synthèse's legend again: at 80×24 its sixteen fiches leave it no
	// room under the table
	notes := []string{
		s.styles.Dim.Render(" Écart + : plus ambitieux que la Branche · ✓ au niveau ~ proche ✗ en retrait"),
		s.styles.Dim.Render(" Synthèse : ● réalisés · ◐ en cours · ! en retard · bande █ ≥ 90 % ▓ ≥ 60 % ▒ ≥ 30 % ░ moins"),
		s.styles.Dim.Render(" Chaque saisie est enregistrée aussitôt ; u l’annule (inscrit à l’historique)."),
	}
	out := []string{s.styles.Title.Render(" Aide · toutes les touches"), ""}
	if len(out)+len(keys)+len(notes)+1 > h {
		// two columns when one does not fit
		half := (len(keys) + 1) / 2
		for i := 0; i < half; i++ {
			r := ""
			if half+i < len(keys) {
				r = keys[half+i]
			}
			out = append(out, fit(keys[i], w/2)+r)
		}
	} else {
		out = append(out, keys...)
	}
	return append(append(out, ""), notes...)
}
