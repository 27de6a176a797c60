package tui

import (
	"fmt"

	"github.com/cnaf-tools/cpog"
)

// syntheseCounts tallies gap classes of a list of indicators for a year.
// An indicator counts once per line (sub-indicators each count).
func (m Model) syntheseCounts(inds []*cpog.Indicator) map[cpog.GapClass]int {
	out := map[cpog.GapClass]int{}
	for _, ind := range inds {
		for _, l := range ind.Lines() {
			out[cpog.Evaluate(m.ref, m.c, l, m.year).Gap.Class]++
		}
	}
	return out
}

func (m Model) syntheseView(w, h int) []string {
	titleW := max(10, w-62)
	head := fmt.Sprintf(" %s %6s %6s %6s %6s  %s", fit("fiche", titleW), "✓ niv.", "~ pro.", "✗ ret.", "— s.o.", "validés")
	out := []string{
		m.styles.Title.Render(fmt.Sprintf(" Synthèse %d · écarts à la référence de la Branche et avancement de la négociation", m.year)),
		"",
		m.styles.Header.Render(fit(head, w)),
	}
	row := func(name string, inds []*cpog.Indicator) string {
		cnt := m.syntheseCounts(inds)
		agreed, neg := m.c.Progress(inds, m.ref.Years)
		frac := 0.0
		if neg > 0 {
			frac = float64(agreed) / float64(neg)
		}
		progress := fmt.Sprintf("%s %2d/%-2d %3.0f %%", m.bar(frac, 12), agreed, neg, frac*100)
		if neg == 0 {
			progress = m.styles.Dim.Render("sans indicateur négociable")
		}
		return fmt.Sprintf(" %s %s %s %s %s  %s", fit(name, titleW),
			m.styles.Class[cpog.AuNiveau].Render(fmt.Sprintf("%6d", cnt[cpog.AuNiveau])),
			m.styles.Class[cpog.Proche].Render(fmt.Sprintf("%6d", cnt[cpog.Proche])),
			m.styles.Class[cpog.EnRetrait].Render(fmt.Sprintf("%6d", cnt[cpog.EnRetrait])),
			m.styles.Class[cpog.SansObjet].Render(fmt.Sprintf("%6d", cnt[cpog.SansObjet])),
			progress)
	}
	for _, f := range m.ref.Fiches {
		inds := m.ref.IndicatorsOf(f.N)
		if len(inds) == 0 {
			continue
		}
		out = append(out, row(fmt.Sprintf("%02d %s", f.N, f.Title), inds))
	}
	out = append(out, m.styles.Sep.Render(" "+fit("", w-2)), m.styles.Bold.Render(row("Ensemble de la COG", indicatorPtrs(m.ref))))
	out = append(out, "", m.styles.Dim.Render(fit(" ✓ au niveau ou au-delà · ~ proche (1 point, 1 jour ou 5 % de la référence) · ✗ en retrait · — sans objet (pas de cible, de référence ou de valeur)", w)))
	return out
}
