package tui

import (
	"fmt"
	"math"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/cnaf-tools/cpog"
)

func (m Model) detailView(w, h int) []string {
	l, ok := m.detailLine()
	if !ok {
		return nil
	}
	ind := l.Indicator
	var out []string
	for i, s := range wrap(ind.Code+" · "+ind.Label, w-2) {
		if i == 2 {
			break
		}
		out = append(out, " "+m.styles.Title.Render(s))
	}
	mode := m.c.ModeOf(ind)
	meta := fmt.Sprintf(" Fiche %d · %s · %s · mode : %s (m) · poids de la Caf : %s %% (w)", ind.Fiche, ind.Unit.Label(), ind.Direction.Label(), mode.Label(), cpog.FormatNumber(m.c.Weight))
	out = append(out, m.styles.Dim.Render(fit(meta, w)))
	if ind.Notes != "" {
		for i, s := range wrap("Note : "+ind.Notes, w-2) {
			if i == 2 {
				break
			}
			out = append(out, " "+m.styles.Dim.Render(s))
		}
	}
	if len(ind.Subs) > 0 {
		var parts []string
		for i, s := range ind.Subs {
			p := s.Key + ". " + s.Label
			if i == m.detailSub {
				p = m.styles.Selected.Render("▸" + p)
			} else {
				p = " " + p
			}
			parts = append(parts, p)
		}
		out = append(out, fit(" sous-indicateur (↑↓) :"+strings.Join(parts, "  "), w))
	}
	out = append(out, "")
	out = append(out, m.detailGrid(l, w)...)
	t := m.c.Target(l.Key(), m.year)
	comment := "—"
	if t.Comment != "" {
		comment = t.Comment
	}
	out = append(out, fit(fmt.Sprintf(" commentaire %d : %s", m.year, comment), w), "")
	rest := h - len(out)
	if rest <= 2 {
		return out
	}
	chartW := min(44, w/2)
	chart := m.chart(l, chartW, rest)
	hist := m.historyLines(ind, w-chartW-5, rest)
	for i := 0; i < rest; i++ {
		c, hl := "", ""
		if i < len(chart) {
			c = chart[i]
		}
		if i < len(hist) {
			hl = hist[i]
		}
		out = append(out, " "+fit(c, chartW)+m.styles.Sep.Render(" │ ")+hl)
	}
	return out
}

func (m Model) detailGrid(l cpog.Line, w int) []string {
	u := l.Indicator.Unit
	labelW := 20
	colW := max(9, min(14, (w-labelW-2)/len(m.ref.Years)-1))
	evs := make([]cpog.Evaluation, len(m.ref.Years))
	for i, y := range m.ref.Years {
		evs[i] = cpog.Evaluate(m.ref, m.c, l, y)
	}
	head := " " + fit("", labelW)
	for _, y := range m.ref.Years {
		cell := fitRight(fmt.Sprint(y), colW)
		if y == m.year {
			cell = m.styles.Selected.Render(cell)
		}
		head += " " + cell
	}
	lines := []string{m.styles.Header.Render(head)}
	base := "—"
	if v, ok := m.c.Baselines[l.Key()]; ok {
		base = cpog.FormatCompact(v, u)
	}
	rows := []struct {
		label string
		cell  func(ev cpog.Evaluation) string
		style func(ev cpog.Evaluation) lipgloss.Style
	}{
		{"cible nationale", func(ev cpog.Evaluation) string { return nationalShort(ev, u) }, nil},
		{"référence Caf", func(ev cpog.Evaluation) string { return ev.Reference.Format(u) }, nil},
		{fmt.Sprintf("base %d (b)", m.c.BaselineYear), func(ev cpog.Evaluation) string {
			if ev.Key.Year == m.ref.FirstYear() {
				return base
			}
			return ""
		}, nil},
		{"proposition Caf (e)", func(ev cpog.Evaluation) string { return ev.Target.Proposed.Format(u) }, nil},
		{"position Cnaf (c)", func(ev cpog.Evaluation) string { return ev.Target.Counter.Format(u) }, nil},
		{"validé (a)", func(ev cpog.Evaluation) string { return ev.Target.Agreed.Format(u) }, nil},
		{"écart", func(ev cpog.Evaluation) string { return m.gapCell(ev.Gap, u) },
			func(ev cpog.Evaluation) lipgloss.Style { return m.styles.Class[ev.Gap.Class] }},
		{"statut", func(ev cpog.Evaluation) string { return ev.Target.Status.Short() },
			func(ev cpog.Evaluation) lipgloss.Style { return m.styles.Status[ev.Target.Status] }},
		{"réalisé (R)", func(ev cpog.Evaluation) string { return ev.Actual.Format(u) }, nil},
		{"taux d’atteinte", func(ev cpog.Evaluation) string {
			return achievementText(cpog.AchievementFor(ev, u, l.Indicator.Direction))
		},
			func(ev cpog.Evaluation) lipgloss.Style {
				return m.styles.Achieve[cpog.AchievementFor(ev, u, l.Indicator.Direction).Class]
			}},
	}
	for _, r := range rows {
		line := " " + fit(r.label, labelW)
		for i, ev := range evs {
			cell := fitRight(r.cell(ev), colW)
			if r.style != nil {
				cell = r.style(ev).Render(cell)
			}
			if m.ref.Years[i] == m.year {
				cell = m.styles.Bold.Render(cell)
			}
			line += " " + cell
		}
		lines = append(lines, line)
	}
	return lines
}

// chart plots the reference and the local trajectory over the period, with
// distinct glyphs so that it reads without colour: ○ reference, ● Caf,
// ◉ both on the same cell.
func (m Model) chart(l cpog.Line, w, h int) []string {
	u := l.Indicator.Unit
	rows := min(8, h-3)
	if rows < 3 {
		return nil
	}
	years := m.ref.Years
	ref := make([]cpog.Opt, len(years))
	loc := make([]cpog.Opt, len(years))
	act := make([]cpog.Opt, len(years))
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, y := range years {
		ev := cpog.Evaluate(m.ref, m.c, l, y)
		if ev.Reference.Valid {
			ref[i] = cpog.Some(ev.Reference.Value)
		}
		loc[i], act[i] = ev.Local, ev.Actual
		for _, o := range []cpog.Opt{ref[i], loc[i], act[i]} {
			if o.OK {
				lo, hi = math.Min(lo, o.V), math.Max(hi, o.V)
			}
		}
	}
	title := m.styles.Header.Render("Trajectoire ○ référence ● Caf ◆ réalisé")
	if math.IsInf(lo, 1) {
		return []string{title, m.styles.Dim.Render("(rien à tracer : ni référence, ni valeur, ni réalisé)")}
	}
	if hi == lo {
		hi, lo = hi+1, lo-1
	}
	axisW := 9
	colW := max(3, (w-axisW-1)/len(years))
	grid := make([][]string, rows)
	for r := range grid {
		grid[r] = make([]string, len(years))
	}
	rowOf := func(v float64) int {
		return rows - 1 - int(math.Round((v-lo)/(hi-lo)*float64(rows-1)))
	}
	for i := range years {
		rr, lr := -1, -1
		if ref[i].OK {
			rr = rowOf(ref[i].V)
			grid[rr][i] = m.styles.Dim.Render("○")
		}
		if loc[i].OK {
			lr = rowOf(loc[i].V)
			grid[lr][i] = m.styles.Title.Render("●")
		}
		if rr >= 0 && rr == lr {
			grid[rr][i] = m.styles.Title.Render("◉")
		}
		if act[i].OK {
			grid[rowOf(act[i].V)][i] = m.styles.Achieve[cpog.Atteint].Render("◆")
		}
	}
	out := []string{title}
	for r := range grid {
		label := ""
		switch r {
		case 0:
			label = cpog.FormatCompact(hi, u)
		case rows - 1:
			label = cpog.FormatCompact(lo, u)
		}
		line := fitRight(label, axisW) + "┤"
		for i := range years {
			cell := grid[r][i]
			if cell == "" {
				cell = " "
			}
			line += strings.Repeat(" ", colW/2) + cell + strings.Repeat(" ", colW-colW/2-1)
		}
		out = append(out, line)
	}
	axis := strings.Repeat(" ", axisW) + "└"
	labels := strings.Repeat(" ", axisW+1)
	for _, y := range years {
		axis += strings.Repeat("─", colW)
		labels += fit(fmt.Sprintf("%*s", colW/2+1, fmt.Sprint(y%100)), colW)
	}
	return append(out, axis, m.styles.Dim.Render(labels))
}

func (m Model) historyLines(ind *cpog.Indicator, w, h int) []string {
	out := []string{m.styles.Header.Render("Historique")}
	if len(m.history) == 0 {
		return append(out, m.styles.Dim.Render("aucune modification"))
	}
	start := max(0, len(m.history)-(h-1))
	for i := len(m.history) - 1; i >= start; i-- {
		e := m.history[i]
		who := string(e.Actor)
		if e.Undoes != 0 {
			who = "annul."
		}
		where := ""
		if e.Key.Year != 0 {
			where = fmt.Sprint(e.Key.Year) + " "
		}
		if e.Key.Sub != "" {
			where = e.Key.Sub + " " + where
		}
		line := fmt.Sprintf("%s %-6s %s%s", e.At.In(m.loc()).Format("02/01 15:04"), who, where, e.Describe(ind.Unit))
		out = append(out, fit(line, w))
	}
	return out
}

// achievementText writes a taux d'atteinte with its symbol: "96 % ~".
func achievementText(a cpog.Achievement) string {
	switch {
	case a.Class == cpog.SansRealise:
		return a.Class.Symbol()
	case a.Valid:
		return cpog.FormatNumber(cpog.Round(a.Rate, 0)) + " % " + a.Class.Symbol()
	}
	return a.Class.Symbol()
}
