package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

// View renders the interface in the alternate screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.WindowTitle = "cpog"
	return v
}

// Render is the screen as text, exactly width × height cells when the
// terminal is large enough.
func (m Model) Render() string {
	w, h := m.width, m.height
	if w < MinWidth || h < MinHeight {
		return m.tooSmall()
	}
	var body []string
	bodyH := h - 1 - m.footerHeight()
	switch {
	case m.screen == screenLoading || m.ref == nil:
		body = []string{"", "  Chargement du référentiel…"}
		if m.err != "" {
			body = append(body, "", "  "+m.styles.Error.Render(m.err))
		}
	case m.showHelp:
		body = m.helpView(w, bodyH)
	case m.search != nil:
		body = m.searchView(w, bodyH)
	case m.export != nil:
		body = m.exportView(w, bodyH)
	case m.importing != nil:
		body = m.importView(w, bodyH)
	case m.screen == screenPicker:
		body = m.pickerView(w, bodyH)
	case m.screen == screenDetail:
		body = m.detailView(w, bodyH)
	case m.screen == screenSynthese:
		body = m.syntheseView(w, bodyH)
	case m.screen == screenNetwork:
		body = m.networkView(w, bodyH)
	default:
		body = m.mainView(w, bodyH)
	}
	lines := append([]string{m.headerView(w)}, block(body, w, bodyH)...)
	lines = append(lines, m.footerView(w)...)
	return strings.Join(lines, "\n")
}

func (m Model) tooSmall() string {
	msg := fmt.Sprintf("Agrandissez le terminal : cpog a besoin de %d×%d au moins (actuel : %d×%d). q pour quitter.", MinWidth, MinHeight, m.width, m.height)
	lines := wrap(msg, max(1, m.width))
	if len(lines) > m.height {
		lines = lines[:max(0, m.height)]
	}
	return strings.Join(block(lines, m.width, min(len(lines), m.height)), "\n")
}

func (m Model) headerView(w int) string {
	right := ""
	if m.c != nil && m.ref != nil {
		agreed, neg := m.c.Progress(indicatorPtrs(m.ref), m.ref.Years)
		frac := 0.0
		if neg > 0 {
			frac = float64(agreed) / float64(neg)
		}
		barW := 14
		if w < 110 {
			barW = 6
		}
		right = fmt.Sprintf("validés %d/%d %s %3.0f %% ", agreed, neg, m.bar(frac, barW), frac*100)
	}
	// the year matters most: on narrow terminals the Caf's name shortens
	// before it does
	var left string
	for _, long := range []bool{true, false} {
		left = " cpog"
		if m.c != nil {
			if long {
				left += " · " + m.c.Caf.Label()
			} else {
				left += " · Caf " + m.c.Caf.Code
			}
		}
		if m.ref != nil {
			left += " · " + m.ref.Title
			if m.c != nil {
				left += fmt.Sprintf(" · année %d ◂ ▸", m.year)
			}
		}
		if width(left)+width(right)+1 <= w {
			break
		}
	}
	gap := w - width(left) - width(right)
	if gap < 1 {
		left = fit(left, w-width(right)-1)
		gap = 1
	}
	return m.styles.Title.Render(left) + strings.Repeat(" ", gap) + right
}

func indicatorPtrs(r *cpog.Referential) []*cpog.Indicator {
	out := make([]*cpog.Indicator, len(r.Indicators))
	for i := range r.Indicators {
		out[i] = &r.Indicators[i]
	}
	return out
}

func (m Model) footerHeight() int {
	if m.edit != nil {
		return 3
	}
	return 2
}

func (m Model) footerView(w int) []string {
	var status string
	switch {
	case m.err != "":
		status = m.styles.Error.Render("✗ " + m.err)
	case m.info != "":
		status = m.styles.Info.Render(m.info)
	}
	if m.edit != nil {
		e := m.edit
		hint := m.styles.Dim.Render("⏎ enregistrer · échap annuler · ex. " + example(e.unit))
		if e.err != "" {
			hint = m.styles.Error.Render("✗ " + e.err)
		}
		return []string{
			fit(" "+m.styles.Bold.Render(e.title)+" "+e.input.View(), w),
			fit(" "+hint, w),
			fit(" "+m.shortHelp(), w),
		}
	}
	return []string{fit(" "+status, w), fit(" "+m.shortHelp(), w)}
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

func (m Model) shortHelp() string {
	var pairs [][2]string
	switch {
	case m.edit != nil:
		return m.styles.Dim.Render("la saisie accepte les nombres à la française : 4 500 · 22,5 % · 16 j")
	case m.showHelp:
		pairs = [][2]string{{"?", "fermer l’aide"}, {"q", "fermer l’aide"}}
	case m.search != nil:
		pairs = [][2]string{{"↑↓", "choisir"}, {"⏎", "aller à l’indicateur"}, {"échap", "fermer"}}
	case m.export != nil:
		pairs = [][2]string{{"←→", "format"}, {"tab", "validés seulement"}, {"ctrl+f", "remplacer"}, {"⏎", "exporter"}, {"échap", "annuler"}}
	case m.importing != nil:
		pairs = [][2]string{{"⏎", "vérifier / importer"}, {"échap", "annuler"}}
	case m.screen == screenPicker:
		pairs = [][2]string{{"↑↓", "choisir"}, {"⏎", "valider"}, {"échap", "effacer / quitter"}, {"ctrl+c", "quitter"}}
	case m.screen == screenDetail:
		pairs = [][2]string{{"←→", "année"}, {"e", "Caf"}, {"c", "Cnaf"}, {"p", "proposer"}, {"a", "valider"}, {"m", "mode"}, {"u", "annuler"}, {"échap", "retour"}, {"?", "aide"}}
	case m.screen == screenNetwork:
		pairs = [][2]string{{"↑↓", "indicateur"}, {"[ ]", "année"}, {"échap", "retour"}, {"?", "aide"}, {"q", "quitter"}}
	case m.screen == screenSynthese:
		pairs = [][2]string{{"[ ]", "année"}, {"t", "écarts / bilan"}, {"échap", "retour"}, {"?", "aide"}, {"q", "quitter"}}
	default:
		pairs = [][2]string{{"↑↓", "naviguer"}, {"⏎", "détail"}, {"e", "saisir"}, {"a", "valider"}, {"/", "chercher"}, {"[ ]", "année"}, {"s", "synthèse"}, {"x", "exporter"}, {"?", "aide"}, {"q", "quitter"}}
	}
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = m.styles.Key.Render(p[0]) + " " + m.styles.Dim.Render(p[1])
	}
	return strings.Join(parts, m.styles.Dim.Render(" · "))
}
