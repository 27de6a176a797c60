package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

// valueDialog is the input of one figure, drawn in the footer under the
// screen it changes: a proposal, a counter-proposal, an actual, a
// baseline, or the Caf's weight.
type valueDialog struct {
	key   cpog.TargetKey
	field cpog.Field
	unit  cpog.Unit
	title string
	// example is a sample of what to type, for the hint.
	example string
	input   input
	err     string
}

func newValueDialog(s *state, l cpog.Line, field cpog.Field, year int) valueDialog {
	k := cpog.TargetKey{LineKey: l.Key(), Year: year}
	t := s.c.Target(l.Key(), year)
	var cur cpog.Opt
	var title string
	switch field {
	case cpog.FieldProposed:
		cur, title = t.Proposed, fmt.Sprintf("Proposition Caf %d", year)
	case cpog.FieldCounter:
		cur, title = t.Counter, fmt.Sprintf("Contre-proposition Cnaf %d", year)
	case cpog.FieldActual:
		if v, ok := s.c.Actuals[k]; ok {
			cur = cpog.Some(v)
		}
		title = fmt.Sprintf("Réalisé %d", year)
	case cpog.FieldBaseline:
		if v, ok := s.c.Baselines[l.Key()]; ok {
			cur = cpog.Some(v)
		}
		title = fmt.Sprintf("Valeur de référence (%d)", s.c.BaselineYear)
	}
	value := ""
	if cur.OK {
		value = cpog.FormatValue(cur.V, l.Indicator.Unit)
	}
	s.err = ""
	return valueDialog{key: k, field: field, unit: l.Indicator.Unit, title: title + " · " + l.Key().String(),
		example: example(l.Indicator.Unit), input: newInput("> ", value, 24)}
}

func newWeightDialog(s *state) valueDialog {
	return valueDialog{field: cpog.FieldWeight, unit: cpog.UnitPercent, title: "Poids de la Caf dans la Branche (%)",
		example: "2,1 ou 0,2 %", input: newInput("> ", cpog.FormatNumber(s.c.Weight), 24)}
}

func (d valueDialog) Update(s *state, msg tea.Msg) (dialog, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, s.keys.Back):
			s.info = "saisie annulée"
			return nil, nil
		case key.Matches(k, s.keys.Enter):
			ch, err := d.change(s)
			if err != nil {
				d.err = errorText(err)
				return d, nil
			}
			return nil, s.applyCmd(ch)
		}
	}
	var cmd tea.Cmd
	d.input, cmd = d.input.Update(msg)
	d.err = ""
	return d, cmd
}

// change is the change the typed value makes, or why it cannot be saved.
func (d valueDialog) change(s *state) (cpog.Change, error) {
	if d.field == cpog.FieldWeight {
		w, err := cpog.ParseWeight(d.input.Value())
		if err != nil {
			return cpog.Change{}, err
		}
		return cpog.SetWeight(w)
	}
	v, err := cpog.ParseValue(d.input.Value(), d.unit)
	if err != nil {
		return cpog.Change{}, err
	}
	switch d.field {
	case cpog.FieldCounter:
		return cpog.SetValue(s.c, d.key, v, cpog.ActorCnaf, ""), nil
	case cpog.FieldActual:
		return cpog.SetActual(d.key, v), nil
	case cpog.FieldBaseline:
		return cpog.SetBaseline(d.key.LineKey, v), nil
	}
	return cpog.SetValue(s.c, d.key, v, cpog.ActorCaf, ""), nil
}

// View keeps the screen's body: the figure is typed under it.
func (d valueDialog) View(s *state, w, h int) []string { return nil }

func (d valueDialog) ShortHelp(s *state) []key.Binding {
	return []key.Binding{hint("enregistrer", s.keys.Enter), hint("annuler", s.keys.Back)}
}

func (d valueDialog) Footer(s *state, w int) []string {
	help := s.help.ShortHelpView(d.ShortHelp(s)) + s.styles.Dim.Render(" · ex. "+d.example)
	if d.err != "" {
		help = s.styles.Error.Render("✗ " + d.err)
	}
	return []string{
		fit(" "+s.styles.Bold.Render(d.title)+" "+d.input.View(), w),
		fit(" "+help, w),
		fit(" "+s.styles.Dim.Render("la saisie accepte les nombres à la française : 4 500 · 22,5 % · 16 j"), w),
	}
}

// example is a sample value in the unit, for the input's hint.
func example(u cpog.Unit) string {
	switch u {
	case cpog.UnitPercent:
		return "87 % ou 22,5"
	case cpog.UnitDays:
		return "15 j ou 25,5"
	case cpog.UnitEuros:
		return "375 M ou 160,4"
	case cpog.UnitHours:
		return "721 000 ou 14 M"
	case cpog.UnitRatio:
		return "2,5"
	}
	return "4 500"
}
