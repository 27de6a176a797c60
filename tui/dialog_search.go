package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

// searchDialog finds an indicator by code (any form, Annexe 4 aliases
// included) or by accent-free words of its label, and jumps to it.
type searchDialog struct {
	input   input
	results []*cpog.Indicator
	idx     int
}

func newSearchDialog() searchDialog { return searchDialog{input: newInput("/ ", "", 40)} }

func (d searchDialog) Update(s *state, msg tea.Msg) (dialog, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, s.keys.Back):
			return nil, nil
		case key.Matches(k, s.keys.ListUp):
			d.idx = max(0, d.idx-1)
			return d, nil
		case key.Matches(k, s.keys.ListDown):
			d.idx = max(0, min(len(d.results)-1, d.idx+1))
			return d, nil
		case key.Matches(k, s.keys.Enter):
			if len(d.results) == 0 {
				s.err = "aucun indicateur ne correspond à « " + d.input.Value() + " »"
				return d, nil
			}
			ind := d.results[d.idx]
			s.selectLine(cpog.LineKey{Code: ind.Code})
			s.focus = paneIndicators
			s.show(screenMain)
			s.info = "→ " + ind.Code
			return nil, nil
		}
	}
	var cmd tea.Cmd
	d.input, cmd = d.input.Update(msg)
	d.results = search(s.ref, d.input.Value())
	if d.idx >= len(d.results) {
		d.idx = 0
	}
	return d, cmd
}

// search matches codes (any form, aliases included) and accent-free words
// of the labels; an exact code comes first.
func search(r *cpog.Referential, query string) []*cpog.Indicator {
	q := strings.TrimSpace(query)
	if q == "" {
		return nil
	}
	var out []*cpog.Indicator
	exact, err := r.Lookup(q)
	if err == nil {
		out = append(out, exact)
	}
	words := strings.Fields(cpog.Fold(q))
	for i := range r.Indicators {
		ind := &r.Indicators[i]
		if ind == exact {
			continue
		}
		hay := cpog.Fold(ind.Code + " " + strings.Join(ind.Aliases, " ") + " " + ind.Label)
		for _, sub := range ind.Subs {
			hay += " " + cpog.Fold(sub.Label)
		}
		all := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				all = false
				break
			}
		}
		if all {
			out = append(out, ind)
		}
	}
	return out
}

func (d searchDialog) ShortHelp(s *state) []key.Binding {
	k := s.keys
	return []key.Binding{hint("choisir", k.ListUp, k.ListDown), hint("aller à l’indicateur", k.Enter), hint("fermer", k.Back)}
}

func (d searchDialog) View(s *state, w, h int) []string {
	out := []string{s.styles.Title.Render(" Chercher un indicateur") + s.styles.Dim.Render(" · un code (08-29, COG-09-38) ou des mots (delai minima)"), " " + d.input.View(), ""}
	if strings.TrimSpace(d.input.Value()) != "" && len(d.results) == 0 {
		out = append(out, s.styles.Dim.Render(" aucun indicateur ne correspond"))
	}
	start := window(d.idx, len(d.results), h-len(out))
	for i := start; i < len(d.results) && len(out) < h; i++ {
		ind := d.results[i]
		line := fit(fmt.Sprintf(" %s  fiche %02d  %s", ind.Code, ind.Fiche, ind.Label), w)
		if i == d.idx {
			line = s.styles.Selected.Render(line)
		}
		out = append(out, line)
	}
	return out
}
