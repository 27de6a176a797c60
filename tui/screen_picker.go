package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

// pickerScreen is the first run: the choice of the Caf, then of its
// weight in the branch.
type pickerScreen struct {
	filter  input
	matches []cpog.Caf
	idx     int
	// weight is asked once a Caf is chosen; nil before.
	weight *input
	chosen cpog.Caf
	err    string
}

func newPickerScreen() pickerScreen {
	return pickerScreen{filter: newInput("Caf : ", "", 30)}
}

func (p pickerScreen) Update(s *state, msg tea.Msg) (screen, tea.Cmd) {
	k, isKey := msg.(tea.KeyPressMsg)
	switch {
	case !isKey:
		if _, ok := msg.(loadedMsg); ok {
			p.refilter(s)
			return p, nil
		}
	case p.weight != nil:
		switch {
		case key.Matches(k, s.keys.Back):
			p.weight, p.err = nil, ""
			return p, nil
		case key.Matches(k, s.keys.Enter):
			w, err := cpog.ParseWeight(p.weight.Value())
			if err != nil {
				p.err = errorText(err)
				return p, nil
			}
			return p, s.selectCafCmd(p.chosen.Code, cpog.Some(w))
		}
	default:
		switch {
		case key.Matches(k, s.keys.Back):
			if p.filter.Value() == "" {
				return p, tea.Quit
			}
			p.filter.SetValue("")
			p.refilter(s)
			return p, nil
		case key.Matches(k, s.keys.ListUp):
			p.idx = max(0, p.idx-1)
			return p, nil
		case key.Matches(k, s.keys.ListDown):
			p.idx = max(0, min(len(p.matches)-1, p.idx+1))
			return p, nil
		case key.Matches(k, s.keys.Enter):
			if len(p.matches) == 0 {
				p.err = "aucune Caf ne correspond : tapez un code (91) ou un nom (essonne)"
				return p, nil
			}
			p.chosen = p.matches[p.idx]
			w := newInput("Poids (%) : ", cpog.FormatNumber(cpog.DefaultWeight), 12)
			p.weight, p.err = &w, ""
			return p, nil
		}
	}
	var cmd tea.Cmd
	if p.weight != nil {
		w := *p.weight
		w, cmd = w.Update(msg)
		p.weight, p.err = &w, ""
		return p, cmd
	}
	p.filter, cmd = p.filter.Update(msg)
	p.err = ""
	p.refilter(s)
	return p, cmd
}

// refilter lists the Caf that answer the filter.
func (p *pickerScreen) refilter(s *state) {
	p.matches = nil
	for _, c := range s.cafs {
		if cpog.MatchCaf(c, p.filter.Value()) {
			p.matches = append(p.matches, c)
		}
	}
	if p.idx >= len(p.matches) {
		p.idx = max(0, len(p.matches)-1)
	}
}

func (p pickerScreen) ShortHelp(s *state) []key.Binding {
	k := s.keys
	return []key.Binding{hint("choisir", k.ListUp, k.ListDown), hint("valider", k.Enter), hint("effacer / quitter", k.Back), hint("quitter", k.ForceQuit)}
}

func (p pickerScreen) View(s *state, w, h int) []string {
	out := []string{
		s.styles.Title.Render(" Bienvenue dans cpog"),
		" Choisissez votre Caf : tapez son numéro de département ou son nom (essonne, 91, ardeche), puis ⏎.",
		"",
	}
	if p.weight != nil {
		out = append(out,
			" Caf : "+s.styles.Bold.Render(p.chosen.Label()),
			"",
			" Son poids dans la Branche, en % : il sert à calculer sa quote-part des cibles en volume",
			" (places, heures, familles…). Vous pourrez le corriger plus tard (w).",
			"",
			" "+p.weight.View(),
		)
		if p.err != "" {
			out = append(out, "", " "+s.styles.Error.Render("✗ "+p.err))
		}
		return out
	}
	out = append(out, " "+p.filter.View())
	if p.err != "" {
		out = append(out, " "+s.styles.Error.Render("✗ "+p.err))
	}
	out = append(out, s.styles.Dim.Render(fmt.Sprintf(" %d Caf sur %d", len(p.matches), len(s.cafs))))
	listH := h - len(out)
	start := window(p.idx, len(p.matches), listH)
	for i := start; i < len(p.matches) && i < start+listH; i++ {
		c := p.matches[i]
		line := fit(fmt.Sprintf("   %-4s %s", c.Code, c.Name), w)
		if i == p.idx {
			line = s.styles.Selected.Render(line)
		}
		out = append(out, line)
	}
	return out
}
