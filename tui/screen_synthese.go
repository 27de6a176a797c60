package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/cnaf-tools/cpog"
)

// syntheseScreen is the COG fiche by fiche for the year: the gaps to the
// branch's reference, or (toggled) the bilan annuel's achievement. Its
// cursor is the selected fiche: ⏎ opens it on the main screen.
type syntheseScreen struct {
	achieve bool // the bilan annuel rather than the gaps
}

func (sy syntheseScreen) Update(s *state, msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return sy, nil
	}
	switch {
	case key.Matches(k, s.keys.Back, s.keys.Synthese):
		s.show(screenMain)
	case key.Matches(k, s.keys.Toggle):
		sy.achieve = !sy.achieve
	case key.Matches(k, s.keys.Up):
		moveFiche(s, -1)
	case key.Matches(k, s.keys.Down):
		moveFiche(s, 1)
	case key.Matches(k, s.keys.Enter):
		s.focus = paneIndicators
		s.show(screenMain)
	default:
		fileKeys(s, k)
	}
	return sy, nil
}

func (sy syntheseScreen) ShortHelp(s *state) []key.Binding {
	k := s.keys
	return []key.Binding{hint("fiche", k.Up, k.Down), hint("ouvrir", k.Enter), hint("année", k.PrevYear, k.NextYear),
		hint("écarts / bilan", k.Toggle), hint("retour", k.Back), hint("aide", k.Help)}
}

// gapCounts tallies the gap classes of a list of indicators for a year,
// one count per line (each sub-indicator counts).
func gapCounts(s *state, inds []*cpog.Indicator, year int) map[cpog.GapClass]int {
	out := map[cpog.GapClass]int{}
	for _, ind := range inds {
		for _, l := range ind.Lines() {
			out[cpog.Evaluate(s.ref, s.c, l, year).Gap.Class]++
		}
	}
	return out
}

// achievementCounts tallies the bilan annuel's classes for a year.
func achievementCounts(s *state, inds []*cpog.Indicator, year int) map[cpog.AchievementClass]int {
	out := map[cpog.AchievementClass]int{}
	for _, ind := range inds {
		for _, l := range ind.Lines() {
			ev := cpog.Evaluate(s.ref, s.c, l, year)
			out[cpog.AchievementFor(ev, ind.Unit, ind.Direction).Class]++
		}
	}
	return out
}

// heatCell is one year of a fiche in the heat strip: a density glyph for the
// share of lines at or near their mark (█ ≥ 90 %, ▓ ≥ 60 %, ▒ ≥ 30 %, ░ below,
// · nothing to judge), readable without colour.
func heatCell(s *state, good, near, bad int) string {
	n := good + near + bad
	if n == 0 {
		return s.styles.Dim.Render("·")
	}
	score := (float64(good) + 0.5*float64(near)) / float64(n)
	switch {
	case score >= 0.9:
		return s.styles.Class[cpog.AuNiveau].Render("█")
	case score >= 0.6:
		return s.styles.Class[cpog.AuNiveau].Render("▓")
	case score >= 0.3:
		return s.styles.Class[cpog.Proche].Render("▒")
	}
	return s.styles.Class[cpog.EnRetrait].Render("░")
}

// heatStrip is the fiche's cells for every year.
func (sy syntheseScreen) heatStrip(s *state, inds []*cpog.Indicator) string {
	var b strings.Builder
	for _, y := range s.ref.Years {
		if sy.achieve {
			c := achievementCounts(s, inds, y)
			b.WriteString(heatCell(s, c[cpog.Atteint], c[cpog.ProcheA], c[cpog.NonAtteint]))
		} else {
			c := gapCounts(s, inds, y)
			b.WriteString(heatCell(s, c[cpog.AuNiveau], c[cpog.Proche], c[cpog.EnRetrait]))
		}
	}
	return b.String()
}

// livrablesCell is a plan d'actions' tally in the synthèse: realised of
// followed, in progress, late ("3/24  2  1").
func livrablesCell(s *state, t cpog.PlanTally) string {
	if t.Total() == 0 {
		return s.styles.Dim.Render(fmt.Sprintf("%7s %2s %2s", "—", "", ""))
	}
	late := fmt.Sprintf("%2d", t.Late)
	if t.Late > 0 {
		late = s.styles.Error.Render(late)
	}
	return fmt.Sprintf("%7s %2d %s", fmt.Sprintf("%d/%d", t.Done, t.Total()), t.Doing, late)
}

func (sy syntheseScreen) View(s *state, w, h int) []string {
	titleW := max(10, w-84)
	barW := 12
	if w < 110 {
		barW = 4
		titleW = max(10, w-76)
	}
	livr := fmt.Sprintf("%7s %2s %2s", "●/livr.", "◐", "!")
	var title, head, legend string
	if sy.achieve {
		title = fmt.Sprintf(" Synthèse %d · bilan annuel : réalisés face aux cibles (t : écarts)", s.year)
		head = fmt.Sprintf(" %s %6s %6s %6s %6s  %-5s  %s  %s", fit("fiche", titleW), "✓ att.", "~ pro.", "✗ non", "· s.r.", "23-27", livr, "validés")
		legend = " ✓ atteint · ~ proche (1 point, 1 jour ou 5 %) · ✗ non atteint · · sans réalisé · bande : █ ≥ 90 % ▓ ≥ 60 % ▒ ≥ 30 % ░ moins"
	} else {
		title = fmt.Sprintf(" Synthèse %d · écarts à la référence de la Branche et avancement (t : bilan annuel)", s.year)
		head = fmt.Sprintf(" %s %6s %6s %6s %6s  %-5s  %s  %s", fit("fiche", titleW), "✓ niv.", "~ pro.", "✗ ret.", "— s.o.", "23-27", livr, "validés")
		legend = " ✓ au niveau · ~ proche (1 point, 1 jour ou 5 % de la référence) · ✗ en retrait · — sans objet · bande : █ ≥ 90 % ▓ ≥ 60 % ▒ ≥ 30 % ░ moins"
	}
	legend += " · ● livrables et actions locales réalisés sur ceux suivis · ◐ en cours · ! en retard"
	out := []string{s.styles.Title.Render(fit(title, w)), "", s.styles.Header.Render(fit(head, w))}
	row := func(name string, inds []*cpog.Indicator, plan cpog.PlanTally) string {
		var cells [4]string
		switch {
		case len(inds) == 0:
			for i := range cells {
				cells[i] = s.styles.Dim.Render(fmt.Sprintf("%6s", "·"))
			}
		case sy.achieve:
			cnt := achievementCounts(s, inds, s.year)
			for i, k := range cpog.AchievementClasses() {
				cells[i] = s.styles.Achieve[k].Render(fmt.Sprintf("%6d", cnt[k]))
			}
		default:
			cnt := gapCounts(s, inds, s.year)
			for i, k := range cpog.GapClasses() {
				cells[i] = s.styles.Class[k].Render(fmt.Sprintf("%6d", cnt[k]))
			}
		}
		agreed, neg := s.c.Progress(inds, s.ref.Years)
		frac := 0.0
		if neg > 0 {
			frac = float64(agreed) / float64(neg)
		}
		progress := fmt.Sprintf("%s %2d/%-2d %3.0f %%", s.bar(frac, barW), agreed, neg, frac*100)
		switch {
		case len(inds) == 0:
			progress = s.styles.Dim.Render("engagements seuls")
		case neg == 0:
			progress = s.styles.Dim.Render("sans indicateur négociable")
		}
		return fmt.Sprintf(" %s %s %s %s %s  %s  %s  %s", fit(name, titleW), cells[0], cells[1], cells[2], cells[3], sy.heatStrip(s, inds), livrablesCell(s, plan), progress)
	}
	var total cpog.PlanTally
	for i, f := range s.ref.Fiches {
		plan := cpog.TallyPlan(s.ref, s.c, f.N, s.today())
		total = total.Add(plan)
		line := row(fmt.Sprintf("%02d %s", f.N, f.Title), s.ref.IndicatorsOf(f.N), plan)
		if i == s.fiche {
			line = s.styles.Selected.Render(fit(ansi.Strip(line), w))
		}
		out = append(out, line)
	}
	out = append(out, "", s.styles.Bold.Render(row("Ensemble de la COG", indicatorPtrs(s.ref), total)), "")
	for _, l := range wrap(legend, w-2) {
		out = append(out, s.styles.Dim.Render(" "+l))
	}
	return out
}
