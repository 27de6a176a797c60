package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

// searchDialog finds an indicator by code (any form, Annexe 4 aliases
// included) or by accent-free words of its label, and an item of the plan
// d'actions by its fiche and number ("8 3.1.1") or its words; it jumps to
// the one chosen.
type searchDialog struct {
	input   input
	results []searchResult
	idx     int
}

// searchResult is an indicator or an item of the plan d'actions.
type searchResult struct {
	ind  *cpog.Indicator
	item cpog.Item
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
				s.err = "rien ne correspond à « " + d.input.Value() + " »"
				return d, nil
			}
			r := d.results[d.idx]
			if r.ind != nil {
				s.selectLine(cpog.LineKey{Code: r.ind.Code})
				s.focus = paneIndicators
				s.info = "→ " + r.ind.Code
			} else {
				s.selectItem(r.item.Key)
				s.info = "→ " + r.item.Key.String()
			}
			s.show(screenMain)
			return nil, nil
		}
	}
	var cmd tea.Cmd
	d.input, cmd = d.input.Update(msg)
	d.results = search(s.ref, s.c, d.input.Value())
	if d.idx >= len(d.results) {
		d.idx = 0
	}
	return d, cmd
}

// search matches codes (any form, aliases included) and accent-free words
// of the labels, an exact code first; then the items of the plan
// d'actions, by fiche and number ("8 3.1.1") or by words.
func search(r *cpog.Referential, c *cpog.Contract, query string) []searchResult {
	q := strings.TrimSpace(query)
	if q == "" {
		return nil
	}
	var out []searchResult
	exact, err := r.Lookup(q)
	if err == nil {
		out = append(out, searchResult{ind: exact})
	}
	words := strings.Fields(cpog.Fold(q))
	matches := func(hay string) bool {
		for _, w := range words {
			if !strings.Contains(hay, w) {
				return false
			}
		}
		return true
	}
	for i := range r.Indicators {
		ind := &r.Indicators[i]
		if ind == exact {
			continue
		}
		hay := cpog.Fold(ind.Code + " " + strings.Join(ind.Aliases, " ") + " " + ind.Label)
		for _, sub := range ind.Subs {
			hay += " " + cpog.Fold(sub.Label)
		}
		if matches(hay) {
			out = append(out, searchResult{ind: ind})
		}
	}
	fiche, number, byNumber := itemQuery(q)
	for _, f := range r.Fiches {
		for _, side := range []cpog.Side{cpog.SideCaisse, cpog.SideEtat} {
			for _, it := range cpog.PlanItems(r, c, f.N, side) {
				switch {
				case byNumber && f.N == fiche && it.Key.N == number:
					out = append([]searchResult{{item: it}}, out...)
				case !byNumber && matches(cpog.Fold(fmt.Sprintf("%d %s %s", f.N, it.Key.N, it.Label))):
					out = append(out, searchResult{item: it})
				}
			}
		}
	}
	return out
}

// itemQuery reads "8 3.1.1" (a fiche and an item's number).
func itemQuery(q string) (fiche int, number string, ok bool) {
	parts := strings.Fields(q)
	if len(parts) != 2 {
		return 0, "", false
	}
	f, err := strconv.Atoi(parts[0])
	if err != nil || !strings.Contains(parts[1], ".") && len(parts[1]) > 2 {
		return 0, "", false
	}
	return f, parts[1], true
}

func (d searchDialog) ShortHelp(s *state) []key.Binding {
	k := s.keys
	return []key.Binding{hint("choisir", k.ListUp, k.ListDown), hint("aller à l’indicateur", k.Enter), hint("fermer", k.Back)}
}

func (d searchDialog) View(s *state, w, h int) []string {
	out := []string{s.styles.Title.Render(" Chercher") + s.styles.Dim.Render(" · un indicateur (08-29, COG-09-38), un livrable (8 3.1.1) ou des mots (delai minima)"), " " + d.input.View(), ""}
	if strings.TrimSpace(d.input.Value()) != "" && len(d.results) == 0 {
		out = append(out, s.styles.Dim.Render(" rien ne correspond"))
	}
	start := window(d.idx, len(d.results), h-len(out))
	for i := start; i < len(d.results) && len(out) < h; i++ {
		r := d.results[i]
		var line string
		if r.ind != nil {
			line = fit(fmt.Sprintf(" %s  fiche %02d  %s", r.ind.Code, r.ind.Fiche, r.ind.Label), w)
		} else {
			side := ""
			if r.item.Key.Side == cpog.SideEtat {
				side = "État "
			}
			line = fit(fmt.Sprintf(" %-9s  fiche %02d  %s%s", side+r.item.Key.N, r.item.Key.Fiche, cpog.Printable(r.item.Label), map[bool]string{true: " (action locale)"}[r.item.Local]), w)
		}
		if i == d.idx {
			line = s.styles.Selected.Render(line)
		}
		out = append(out, line)
	}
	return out
}
