package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

// agreeDialog confirms an agreement before it is recorded: it lists each
// figure that will be agreed and asks the date of the dialogue de gestion
// (today by default), since an accord is the two parties', on a day.
type agreeDialog struct {
	title string
	lines []cpog.Line
	years []int
	items []string // "COG-08-29 2025 : 14 j (proposition Caf)"
	date  input
	err   string
}

// newAgreeDialog prepares the agreement of the lines over the years, or
// says why there is nothing to agree.
func newAgreeDialog(s *state, title string, lines []cpog.Line, years []int) (agreeDialog, error) {
	d := agreeDialog{title: title, lines: lines, years: years,
		date: newInput("date du dialogue de gestion : ", s.today().Format("02/01/2006"), 12)}
	for _, l := range lines {
		for _, y := range years {
			t := s.c.Target(l.Key(), y)
			v, ok := cpog.AgreeableValue(t)
			if !ok {
				continue
			}
			whose := "proposition Caf"
			if t.Status == cpog.StatusCountered && t.Counter.OK {
				whose = "position Cnaf"
			}
			d.items = append(d.items, fmt.Sprintf("%s %d : %s (%s)", l.Key(), y, v.FormatFor(l.Indicator), whose))
		}
	}
	if len(d.items) == 0 {
		return d, cpog.Errorf(cpog.EInvalid, "rien à valider : aucune valeur proposée ou contre-proposée non encore validée")
	}
	return d, nil
}

// agree opens the agreement of the selected line's year (all, when the
// whole indicator is asked).
func agree(s *state, whole bool) {
	l, ok := s.currentLine()
	if !ok {
		return
	}
	lines, years := []cpog.Line{l}, []int{s.year}
	title := fmt.Sprintf("Valider %s pour %d", l.Key(), s.year)
	if whole {
		lines, years = l.Indicator.Lines(), s.ref.Years
		title = fmt.Sprintf("Valider tout l’indicateur %s (%d–%d)", l.Indicator.Code, s.ref.FirstYear(), s.ref.LastYear())
	}
	d, err := newAgreeDialog(s, title, lines, years)
	if err != nil {
		s.failed(err)
		return
	}
	s.open(d)
}

func (d agreeDialog) Update(s *state, msg tea.Msg) (dialog, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, s.keys.Back):
			s.info = "validation annulée"
			return nil, nil
		case key.Matches(k, s.keys.Enter):
			day, err := cpog.ParseDate(d.date.Value())
			if err != nil {
				d.err = errorText(err)
				return d, nil
			}
			ch, err := cpog.Agree(s.c, d.lines, d.years, day)
			if err != nil {
				s.failed(err)
				return nil, nil
			}
			return nil, s.applyCmd(ch)
		}
	}
	var cmd tea.Cmd
	d.date, cmd = d.date.Update(msg)
	d.err = ""
	return d, cmd
}

func (d agreeDialog) ShortHelp(s *state) []key.Binding {
	return []key.Binding{hint("valider (accord Caf–Cnaf)", s.keys.Enter), hint("annuler", s.keys.Back)}
}

func (d agreeDialog) View(s *state, w, h int) []string {
	out := []string{
		s.styles.Title.Render(" " + d.title),
		s.styles.Dim.Render(" L’accord est celui de la Caf et de la Cnaf, conclu en dialogue de gestion : ces valeurs deviennent les cibles validées."),
		"",
	}
	for i, it := range d.items {
		if len(out) >= h-5 {
			out = append(out, s.styles.Dim.Render(fmt.Sprintf("   … et %d autres", len(d.items)-i)))
			break
		}
		out = append(out, "   "+it)
	}
	out = append(out, "", " "+d.date.View())
	if d.err != "" {
		out = append(out, " "+s.styles.Error.Render("✗ "+d.err))
	}
	return append(out, "", " "+s.help.ShortHelpView(d.ShortHelp(s)))
}
