package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

// modeDialog chooses an indicator's mode de déclinaison among those that
// fit it, each shown with the reference it would give for the year, so
// that nothing changes a figure in one keystroke without showing it.
type modeDialog struct {
	line  cpog.Line
	modes []cpog.Mode
	idx   int
}

func newModeDialog(s *state, l cpog.Line) modeDialog {
	d := modeDialog{line: l, modes: cpog.FitModes(l.Indicator)}
	cur := s.c.ModeOf(l.Indicator)
	for i, m := range d.modes {
		if m == cur {
			d.idx = i
		}
	}
	return d
}

func (d modeDialog) Update(s *state, msg tea.Msg) (dialog, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return d, nil
	}
	switch {
	case key.Matches(k, s.keys.Back):
		return nil, nil
	case key.Matches(k, s.keys.ListUp):
		d.idx = max(0, d.idx-1)
	case key.Matches(k, s.keys.ListDown):
		d.idx = min(len(d.modes)-1, d.idx+1)
	case key.Matches(k, s.keys.Enter):
		m := d.modes[d.idx]
		if m == s.c.ModeOf(d.line.Indicator) {
			s.info = "mode inchangé : " + m.Label()
			return nil, nil
		}
		ch, err := cpog.SetMode(d.line.Indicator, m)
		if err != nil {
			s.failed(err)
			return nil, nil
		}
		return nil, s.applyCmd(ch)
	}
	return d, nil
}

func (d modeDialog) ShortHelp(s *state) []key.Binding {
	k := s.keys
	return []key.Binding{hint("choisir", k.ListUp, k.ListDown), hint("appliquer", k.Enter), hint("annuler", k.Back)}
}

func (d modeDialog) View(s *state, w, h int) []string {
	ind := d.line.Indicator
	cur := s.c.ModeOf(ind)
	out := []string{
		s.styles.Title.Render(fit(" Mode de déclinaison · "+d.line.Key().String()+" · "+ind.Label, w)),
		s.styles.Dim.Render(fmt.Sprintf(" comment la cible nationale devient la référence de la Caf ; mode actuel : %s", cur.Label())),
		"",
	}
	for i, m := range d.modes {
		ref := cpog.ReferenceFor(s.ref, s.c, d.line, s.year, m)
		refText := "pas de référence"
		if ref.Valid {
			refText = fmt.Sprintf("référence %d : %s", s.year, ref.Format(ind.Unit))
		} else if m == cpog.ModePath || m == cpog.ModeShare {
			refText = "référence " + fmt.Sprint(s.year) + " : —"
		}
		marker := "  "
		if m == cur {
			marker = "• "
		}
		line := fit(fmt.Sprintf(" %s%-17s %-28s %s", marker, m.Label(), refText, m.Describe()), w)
		if i == d.idx {
			line = s.styles.Selected.Render(line)
		}
		out = append(out, line)
	}
	if d.modes[d.idx] == cpog.ModePath {
		out = append(out, "", s.styles.Dim.Render(fmt.Sprintf(" la trajectoire part de la valeur de départ %d (b dans le détail)", s.c.BaselineYear)))
	}
	return out
}
