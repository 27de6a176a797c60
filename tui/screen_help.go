package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// helpScreen is every key of the keymap, by theme; it closes back to the
// screen it was opened from.
type helpScreen struct {
	back screenID
}

func (hp helpScreen) Update(s *state, msg tea.Msg) (screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.keys.Help, s.keys.Back, s.keys.Quit) {
		s.show(hp.back)
	}
	return hp, nil
}

func (hp helpScreen) ShortHelp(s *state) []key.Binding {
	return []key.Binding{hint("fermer l’aide", s.keys.Help, s.keys.Back)}
}

func (hp helpScreen) View(s *state, w, h int) []string {
	var keys []string
	for _, g := range s.keys.FullHelp() {
		keys = append(keys, " "+s.styles.Bold.Render(g.title))
		for _, k := range g.keys {
			keys = append(keys, fmt.Sprintf("   %s %s", s.styles.Key.Render(fit(k.Help().Key, 8)), k.Help().Desc))
		}
	}
	notes := []string{
		s.styles.Dim.Render(" Écart + : plus ambitieux que la Branche · ✓ au niveau ~ proche ✗ en retrait"),
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
