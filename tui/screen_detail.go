package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/cnaf-tools/cpog"
)

// detailScreen is one indicator over the whole period: every figure of
// every year, the chart and the history. Its line is the main screen's
// selected row: the sub-indicators of an indicator are consecutive rows,
// and ↑↓ here move among them.
type detailScreen struct{}

func (d detailScreen) Update(s *state, msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return d, nil
	}
	l, ok := s.currentLine()
	if !ok {
		s.show(screenMain)
		return d, nil
	}
	keys := s.keys
	switch {
	case key.Matches(k, keys.Back):
		s.show(screenMain)
	case key.Matches(k, keys.Left):
		s.shiftYear(-1)
	case key.Matches(k, keys.Right):
		s.shiftYear(1)
	case key.Matches(k, keys.Up):
		moveSub(s, l, -1)
	case key.Matches(k, keys.Down):
		moveSub(s, l, 1)
	case key.Matches(k, keys.Enter, keys.Edit):
		s.open(newValueDialog(s, l, cpog.FieldProposed, s.year))
	case key.Matches(k, keys.Counter):
		s.open(newValueDialog(s, l, cpog.FieldCounter, s.year))
	case key.Matches(k, keys.Actual):
		s.open(newValueDialog(s, l, cpog.FieldActual, s.year))
	case key.Matches(k, keys.Baseline):
		s.open(newValueDialog(s, l, cpog.FieldBaseline, 0))
	case key.Matches(k, keys.ShareKey):
		if l.Indicator.Measure.Shared() {
			s.open(newShareKeyDialog(s, l))
		} else {
			s.err = "la clé de répartition ne sert qu’aux volumes partagés (places, heures, euros…)"
		}
	case key.Matches(k, keys.Propose):
		return d, negotiate(s, cpog.Propose)
	case key.Matches(k, keys.Agree):
		agree(s, false)
	case key.Matches(k, keys.AgreeAll):
		agree(s, true)
	case key.Matches(k, keys.Comment):
		s.open(newValueDialog(s, l, cpog.FieldComment, s.year))
	case key.Matches(k, keys.Explain):
		s.open(newValueDialog(s, l, cpog.FieldExplanation, s.year))
	case key.Matches(k, keys.Corrective):
		s.open(newValueDialog(s, l, cpog.FieldAction, s.year))
	case key.Matches(k, keys.Mode):
		chooseMode(s)
	default:
		fileKeys(s, k)
	}
	return d, nil
}

// moveSub selects the previous or next sub-indicator of the same indicator.
func moveSub(s *state, l cpog.Line, d int) {
	ls := s.lines()
	if r := s.row + d; r >= 0 && r < len(ls) && ls[r].Indicator == l.Indicator {
		s.row = r
	}
}

func (d detailScreen) ShortHelp(s *state) []key.Binding {
	k := s.keys
	return []key.Binding{
		hint("année", k.Left, k.Right), hint("Caf", k.Edit), hint("Cnaf", k.Counter), hint("proposer", k.Propose),
		hint("valider", k.Agree), hint("mode", k.Mode), hint("annuler", k.Undo), hint("retour", k.Back), hint("aide", k.Help),
	}
}

func (d detailScreen) View(s *state, w, h int) []string {
	l, ok := s.currentLine()
	if !ok {
		return nil
	}
	ind := l.Indicator
	var out []string
	for i, text := range wrap(ind.Code+" · "+ind.Label, w-2) {
		if i == 2 {
			break
		}
		out = append(out, " "+s.styles.Title.Render(text))
	}
	mode := s.c.ModeOf(ind)
	meta := fmt.Sprintf(" Fiche %d · %s · %s · mode : %s (%s) · poids de la Caf : %s %% (%s)", ind.Fiche, ind.Unit.Label(), ind.Direction.Label(),
		mode.Label(), keyName(s.keys.Mode), cpog.FormatNumber(s.c.Weight), keyName(s.keys.Weight))
	if k, ok := s.c.ShareKeys[ind.Code]; ok {
		meta += fmt.Sprintf(" · clé de répartition : %s %% (%s)", cpog.FormatNumber(k), keyName(s.keys.ShareKey))
	}
	out = append(out, s.styles.Dim.Render(fit(meta, w)))
	ev := cpog.Evaluate(s.ref, s.c, l, s.year)
	switch {
	case !ev.ModeFits:
		out = append(out, " "+s.styles.Error.Render(fit(fmt.Sprintf("⚠ le mode « %s » ne convient pas à cet indicateur : pas de référence, choisissez-en un autre (%s)", mode.Label(), keyName(s.keys.Mode)), w-2)))
	case ev.Reference.Held:
		out = append(out, " "+s.styles.Info.Render(fit(fmt.Sprintf("la trajectoire tient la valeur de départ %d : la Caf fait déjà mieux que la cible finale, la référence ne prévoit pas de recul", s.c.BaselineYear), w-2)))
	}
	if ind.Notes != "" {
		for i, text := range wrap("Note : "+ind.Notes, w-2) {
			if i == 2 {
				break
			}
			out = append(out, " "+s.styles.Dim.Render(text))
		}
	}
	if len(ind.Subs) > 0 {
		var parts []string
		for _, sb := range ind.Subs {
			p := sb.Key + ". " + sb.Label
			if sb.Key == l.Sub {
				p = s.styles.Selected.Render("▸" + p)
			} else {
				p = " " + p
			}
			parts = append(parts, p)
		}
		out = append(out, fit(" sous-indicateur (↑↓) :"+strings.Join(parts, "  "), w))
	}
	out = append(out, "")
	out = append(out, detailGrid(s, l, w)...)
	t := s.c.Target(l.Key(), s.year)
	out = append(out, fit(fmt.Sprintf(" commentaire %d : %s", s.year, orDash(cpog.Printable(t.Comment))), w),
		fit(fmt.Sprintf(" bilan %d · explication de l’écart (%s) : %s · action corrective (%s) : %s", s.year,
			keyName(s.keys.Explain), orDash(cpog.Printable(t.Explanation)), keyName(s.keys.Corrective), orDash(cpog.Printable(t.Action))), w), "")
	rest := h - len(out)
	if rest <= 2 {
		return out
	}
	chartW := min(44, w/2)
	chart := detailChart(s, l, chartW, rest)
	hist := historyLines(s, ind, w-chartW-5, rest)
	for i := 0; i < rest; i++ {
		c, hl := "", ""
		if i < len(chart) {
			c = chart[i]
		}
		if i < len(hist) {
			hl = hist[i]
		}
		out = append(out, " "+fit(c, chartW)+s.styles.Sep.Render(" │ ")+hl)
	}
	return out
}

func detailGrid(s *state, l cpog.Line, w int) []string {
	u := l.Indicator.Unit
	labelW := 20
	colW := max(9, min(14, (w-labelW-2)/len(s.ref.Years)-1))
	evs := make([]cpog.Evaluation, len(s.ref.Years))
	for i, y := range s.ref.Years {
		evs[i] = cpog.Evaluate(s.ref, s.c, l, y)
	}
	head := " " + fit("", labelW)
	for _, y := range s.ref.Years {
		cell := fitRight(fmt.Sprint(y), colW)
		if y == s.year {
			cell = s.styles.Selected.Render(cell)
		}
		head += " " + cell
	}
	lines := []string{s.styles.Header.Render(head)}
	base := "—"
	if v, ok := s.c.Baselines[l.Key()]; ok {
		base = cpog.FormatCompact(v, u)
	}
	natLabel, refLabel := "cible nationale", "référence Caf"
	if l.Indicator.Increments() {
		natLabel, refLabel = "hausse nationale", "hausse réf. Caf"
	}
	type row struct {
		label string
		cell  func(ev cpog.Evaluation) string
		style func(ev cpog.Evaluation) lipgloss.Style
	}
	rows := []row{
		{natLabel, func(ev cpog.Evaluation) string { return nationalShort(ev, u) }, nil},
		{refLabel, func(ev cpog.Evaluation) string { return ev.Reference.Format(u) }, nil},
		{fmt.Sprintf("base %d (b)", s.c.BaselineYear), func(ev cpog.Evaluation) string {
			if ev.Key.Year == s.ref.FirstYear() {
				return base
			}
			return ""
		}, nil},
		{"proposition Caf (e)", func(ev cpog.Evaluation) string { return ev.Target.Proposed.FormatFor(l.Indicator) }, nil},
		{"position Cnaf (c)", func(ev cpog.Evaluation) string { return ev.Target.Counter.FormatFor(l.Indicator) }, nil},
		{"validé (a)", func(ev cpog.Evaluation) string { return ev.Target.Agreed.FormatFor(l.Indicator) }, nil},
		{"accord du", func(ev cpog.Evaluation) string { return shortDate(ev.Target.AgreedOn) }, nil},
		{"écart", func(ev cpog.Evaluation) string { return gapCell(ev.Gap, u) },
			func(ev cpog.Evaluation) lipgloss.Style { return s.styles.Class[ev.Gap.Class] }},
		{"statut", func(ev cpog.Evaluation) string { return ev.Target.Status.Short() },
			func(ev cpog.Evaluation) lipgloss.Style { return s.styles.Status[ev.Target.Status] }},
		{"réalisé (R)", func(ev cpog.Evaluation) string { return ev.Actual.FormatFor(l.Indicator) }, nil},
		{"taux d’atteinte", func(ev cpog.Evaluation) string {
			return achievementText(cpog.AchievementFor(ev, u, l.Indicator.Direction))
		}, func(ev cpog.Evaluation) lipgloss.Style {
			return s.styles.Achieve[cpog.AchievementFor(ev, u, l.Indicator.Direction).Class]
		}},
	}
	if l.Indicator.Whole() {
		// the exact quota behind a whole-number reference
		rows = slices.Insert(rows, 2, row{"quote-part exacte", func(ev cpog.Evaluation) string {
			if !ev.Reference.Valid || ev.Reference.Exact == ev.Reference.Value {
				return ""
			}
			return cpog.FormatNumber(cpog.Round(ev.Reference.Exact, 2))
		}, nil})
	}
	for _, r := range rows {
		line := " " + fit(r.label, labelW)
		for i, ev := range evs {
			cell := fitRight(r.cell(ev), colW)
			if r.style != nil {
				cell = r.style(ev).Render(cell)
			}
			if s.ref.Years[i] == s.year {
				cell = s.styles.Bold.Render(cell)
			}
			line += " " + cell
		}
		lines = append(lines, line)
	}
	return lines
}

// shortDate writes a stored day "2026-12-03" as "03/12" for a grid cell.
func shortDate(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return ""
	}
	return t.Format("02/01")
}

func historyLines(s *state, ind *cpog.Indicator, w, h int) []string {
	out := []string{s.styles.Header.Render("Historique")}
	if len(s.history) == 0 {
		return append(out, s.styles.Dim.Render("aucune modification"))
	}
	start := max(0, len(s.history)-(h-1))
	for i := len(s.history) - 1; i >= start; i-- {
		e := s.history[i]
		who := e.Actor.Label()
		switch {
		case e.Undoes != 0:
			who = "annul."
		case e.Source.Imported():
			who = "import"
		case e.Actor == cpog.ActorBoth:
			who = "accord"
		}
		where := ""
		if e.Key.Year != 0 {
			where = fmt.Sprint(e.Key.Year) + " "
		}
		if e.Key.Sub != "" {
			where = e.Key.Sub + " " + where
		}
		line := fmt.Sprintf("%s %-6s %s%s", e.At.In(s.loc()).Format("02/01 15:04"), who, where, cpog.Printable(e.Describe(ind.Unit)))
		out = append(out, fit(line, w))
	}
	return out
}

func orDash(text string) string {
	if text == "" {
		return "—"
	}
	return text
}
