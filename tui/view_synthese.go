package tui

import (
	"fmt"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// syntheseCounts tallies the gap classes of a list of indicators for a
// year, one count per line (each sub-indicator counts).
func (m Model) syntheseCounts(inds []*cpog.Indicator, year int) map[cpog.GapClass]int {
	out := map[cpog.GapClass]int{}
	for _, ind := range inds {
		for _, l := range ind.Lines() {
			out[cpog.Evaluate(m.ref, m.c, l, year).Gap.Class]++
		}
	}
	return out
}

// achievementCounts tallies the bilan annuel's classes for a year.
func (m Model) achievementCounts(inds []*cpog.Indicator, year int) map[cpog.AchievementClass]int {
	out := map[cpog.AchievementClass]int{}
	for _, ind := range inds {
		for _, l := range ind.Lines() {
			ev := cpog.Evaluate(m.ref, m.c, l, year)
			out[cpog.AchievementFor(ev, ind.Unit, ind.Direction).Class]++
		}
	}
	return out
}

// heatCell is one year of a fiche in the heat strip: a density glyph for the
// share of lines at or near their mark (█ ≥ 90 %, ▓ ≥ 60 %, ▒ ≥ 30 %, ░ below,
// · nothing to judge), readable without colour.
func (m Model) heatCell(good, near, bad int) string {
	n := good + near + bad
	if n == 0 {
		return m.styles.Dim.Render("·")
	}
	score := (float64(good) + 0.5*float64(near)) / float64(n)
	switch {
	case score >= 0.9:
		return m.styles.Class[cpog.AuNiveau].Render("█")
	case score >= 0.6:
		return m.styles.Class[cpog.AuNiveau].Render("▓")
	case score >= 0.3:
		return m.styles.Class[cpog.Proche].Render("▒")
	}
	return m.styles.Class[cpog.EnRetrait].Render("░")
}

// heatStrip is the fiche's cells for every year, the selected one marked.
func (m Model) heatStrip(inds []*cpog.Indicator) string {
	var b strings.Builder
	for _, y := range m.ref.Years {
		var cell string
		if m.synthAchieve {
			c := m.achievementCounts(inds, y)
			cell = m.heatCell(c[cpog.Atteint], c[cpog.ProcheA], c[cpog.NonAtteint])
		} else {
			c := m.syntheseCounts(inds, y)
			cell = m.heatCell(c[cpog.AuNiveau], c[cpog.Proche], c[cpog.EnRetrait])
		}
		b.WriteString(cell)
	}
	return b.String()
}

func (m Model) syntheseView(w, h int) []string {
	titleW := max(10, w-70)
	var title, head, legend string
	if m.synthAchieve {
		title = fmt.Sprintf(" Synthèse %d · bilan annuel : réalisés face aux cibles (t : écarts)", m.year)
		head = fmt.Sprintf(" %s %6s %6s %6s %6s  %-5s  %s", fit("fiche", titleW), "✓ att.", "~ pro.", "✗ non", "· s.r.", "23-27", "validés")
		legend = " ✓ atteint · ~ proche (1 point, 1 jour ou 5 %) · ✗ non atteint · · pas de réalisé · bande : █ ≥ 90 % ▓ ≥ 60 % ▒ ≥ 30 % ░ moins"
	} else {
		title = fmt.Sprintf(" Synthèse %d · écarts à la référence de la Branche et avancement (t : bilan annuel)", m.year)
		head = fmt.Sprintf(" %s %6s %6s %6s %6s  %-5s  %s", fit("fiche", titleW), "✓ niv.", "~ pro.", "✗ ret.", "— s.o.", "23-27", "validés")
		legend = " ✓ au niveau · ~ proche (1 point, 1 jour ou 5 % de la référence) · ✗ en retrait · — sans objet · bande : █ ≥ 90 % ▓ ≥ 60 % ▒ ≥ 30 % ░ moins"
	}
	out := []string{m.styles.Title.Render(fit(title, w)), "", m.styles.Header.Render(fit(head, w))}
	row := func(name string, inds []*cpog.Indicator) string {
		var cells [4]string
		if m.synthAchieve {
			cnt := m.achievementCounts(inds, m.year)
			for i, k := range cpog.AchievementClasses() {
				cells[i] = m.styles.Achieve[k].Render(fmt.Sprintf("%6d", cnt[k]))
			}
		} else {
			cnt := m.syntheseCounts(inds, m.year)
			for i, k := range cpog.GapClasses() {
				cells[i] = m.styles.Class[k].Render(fmt.Sprintf("%6d", cnt[k]))
			}
		}
		agreed, neg := m.c.Progress(inds, m.ref.Years)
		frac := 0.0
		if neg > 0 {
			frac = float64(agreed) / float64(neg)
		}
		progress := fmt.Sprintf("%s %2d/%-2d %3.0f %%", m.bar(frac, 12), agreed, neg, frac*100)
		if neg == 0 {
			progress = m.styles.Dim.Render("sans indicateur négociable")
		}
		return fmt.Sprintf(" %s %s %s %s %s  %s  %s", fit(name, titleW), cells[0], cells[1], cells[2], cells[3], m.heatStrip(inds), progress)
	}
	for _, f := range m.ref.Fiches {
		inds := m.ref.IndicatorsOf(f.N)
		if len(inds) == 0 {
			continue
		}
		out = append(out, row(fmt.Sprintf("%02d %s", f.N, f.Title), inds))
	}
	out = append(out, "", m.styles.Bold.Render(row("Ensemble de la COG", indicatorPtrs(m.ref))))
	out = append(out, "")
	for _, l := range wrap(legend, w-2) {
		out = append(out, m.styles.Dim.Render(" "+l))
	}
	return out
}
