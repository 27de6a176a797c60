package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

// valueDialog is the input of one figure, drawn in the footer under the
// screen it changes: a proposal, a counter-proposal, an actual, a
// baseline, a comment, or the Caf's weight.
type valueDialog struct {
	line  cpog.Line
	year  int // the baseline year for a baseline
	field cpog.Field
	title string
	// example is a sample of what to type, for the hint.
	example string
	input   input
	err     string
	// far is set when the value typed is far from its reference: a
	// second ⏎ confirms it.
	far bool
	// orig is the text the input opened on: shown with placeholders for
	// its control characters, it is kept as it was unless retyped.
	orig string
}

func newValueDialog(s *state, l cpog.Line, field cpog.Field, year int) valueDialog {
	k := cpog.TargetKey{LineKey: l.Key(), Year: year}
	t := s.c.Target(l.Key(), year)
	var cur cpog.Opt
	var title string
	switch field {
	case cpog.FieldComment, cpog.FieldExplanation, cpog.FieldAction:
		s.err = ""
		cur := map[cpog.Field]string{cpog.FieldComment: t.Comment, cpog.FieldExplanation: t.Explanation, cpog.FieldAction: t.Action}[field]
		title := map[cpog.Field]string{cpog.FieldComment: "Commentaire", cpog.FieldExplanation: "Explication de l’écart", cpog.FieldAction: "Action corrective"}[field]
		return valueDialog{line: l, year: year, field: field, title: fmt.Sprintf("%s %d · %s", title, year, l.Key()), orig: cur,
			example: "texte libre, vide pour effacer", input: newTextInput("> ", cpog.Printable(cur), 60)}
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
		title = fmt.Sprintf("Valeur de départ (%d)", s.c.BaselineYear)
		year = s.c.BaselineYear
	}
	value := ""
	if cur.OK {
		value = cpog.FormatValue(cur.V, l.Indicator.Unit)
	}
	s.err = ""
	return valueDialog{line: l, year: year, field: field, title: title + " · " + l.Key().String(),
		example: example(l.Indicator.Unit), input: newInput("> ", value, 24)}
}

// newWeightDialog types the Caf's weight; the title says what it is for.
func newWeightDialog(s *state) valueDialog {
	return valueDialog{field: cpog.FieldWeight, title: "Poids de la Caf dans la Branche, en % (sa quote-part des volumes)",
		example: "2,1 ou 0,2 %", input: newInput("> ", cpog.FormatNumber(s.c.Weight), 24)}
}

// newShareKeyDialog types an indicator's own share key, in percent; empty
// gives it back the Caf's weight.
func newShareKeyDialog(s *state, l cpog.Line) valueDialog {
	value := ""
	if k, ok := s.c.ShareKeys[l.Indicator.Code]; ok {
		value = cpog.FormatNumber(k)
	}
	return valueDialog{line: l, field: cpog.FieldShareKey, title: "Clé de répartition · " + l.Indicator.Code + " (%, vide : le poids de la Caf)",
		example: "3,4 (sa part des enfants de moins de 3 ans, des foyers RSA…)", input: newInput("> ", value, 24)}
}

func (d valueDialog) Update(s *state, msg tea.Msg) (dialog, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, s.keys.Back):
			s.info = "saisie annulée"
			return nil, nil
		case key.Matches(k, s.keys.Enter):
			ch, far, err := d.change(s)
			switch {
			case err != nil:
				d.err = errorText(err)
				return d, nil
			case far && !d.far:
				d.far = true
				return d, nil
			case len(ch.Edits) == 0:
				s.info = "inchangé : " + ch.Summary
				return nil, nil
			}
			return nil, s.applyCmd(ch)
		}
	}
	var cmd tea.Cmd
	d.input, cmd = d.input.Update(msg)
	d.err, d.far = "", false
	return d, cmd
}

// change is the change the typed value makes, whether the figure is far
// from its reference (to be confirmed), or why it cannot be saved.
func (d valueDialog) change(s *state) (cpog.Change, bool, error) {
	text := d.input.Value()
	switch d.field {
	case cpog.FieldWeight:
		w, err := cpog.ParseWeight(text)
		if err != nil {
			return cpog.Change{}, false, err
		}
		ch, err := cpog.SetWeight(w)
		if err == nil && w == s.c.Weight {
			ch.Edits = nil
		}
		return ch, false, err
	case cpog.FieldShareKey:
		k := cpog.None
		if strings.TrimSpace(text) != "" {
			w, err := cpog.ParseShareKey(text)
			if err != nil {
				return cpog.Change{}, false, err
			}
			k = cpog.Some(w)
		}
		ch, err := cpog.SetShareKey(s.c, d.line.Indicator, k)
		return ch, false, err
	case cpog.FieldComment, cpog.FieldExplanation, cpog.FieldAction:
		if text == cpog.Printable(d.orig) {
			// as it opened: a text from a file keeps its line breaks
			return cpog.Change{Summary: fmt.Sprintf("%s %d : %s", d.line.Key(), d.year, d.field.Label())}, false, nil
		}
		ch, err := cpog.SetTargetText(s.c, d.line, d.year, d.field, strings.TrimSpace(text))
		return ch, false, err
	}
	v, err := cpog.ParseFigure(d.line, d.year, text)
	if err != nil {
		return cpog.Change{}, false, err
	}
	far := d.field != cpog.FieldBaseline && cpog.FarFromReference(d.line.Indicator, cpog.Evaluate(s.ref, s.c, d.line, d.year).Reference, v)
	switch d.field {
	case cpog.FieldCounter:
		return cpog.SetValue(s.c, d.line, d.year, v, cpog.ActorCnaf, ""), far, nil
	case cpog.FieldActual:
		return cpog.SetActual(s.c, d.line, d.year, v), far, nil
	case cpog.FieldBaseline:
		return cpog.SetBaseline(s.c, d.line, v), false, nil
	}
	return cpog.SetValue(s.c, d.line, d.year, v, cpog.ActorCaf, ""), far, nil
}

// View keeps the screen's body: the figure is typed under it.
func (d valueDialog) View(s *state, w, h int) []string { return nil }

func (d valueDialog) ShortHelp(s *state) []key.Binding {
	return []key.Binding{hint("enregistrer", s.keys.Enter), hint("annuler", s.keys.Back)}
}

func (d valueDialog) Footer(s *state, w int) []string {
	help := s.help.ShortHelpView(d.ShortHelp(s)) + s.styles.Dim.Render(" · ex. "+d.example)
	switch {
	case d.err != "":
		help = s.styles.Error.Render("✗ " + d.err)
	case d.far:
		ref := cpog.Evaluate(s.ref, s.c, d.line, d.year).Reference
		help = s.styles.Error.Render(fmt.Sprintf("⚠ plus de dix fois la référence (%s) ou moins d’un dixième : %s encore pour confirmer, %s pour annuler",
			ref.Format(d.line.Indicator.Unit), keyName(s.keys.Enter), keyName(s.keys.Back)))
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
