package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
)

func (m Model) helpView(w, h int) []string {
	groups := []struct {
		title string
		keys  []key.Binding
	}{
		{"Se déplacer", m.keys.FullHelp()[0]},
		{"Négocier", m.keys.FullHelp()[1]},
		{"Outils", m.keys.FullHelp()[2]},
	}
	var keys []string
	for _, g := range groups {
		keys = append(keys, " "+m.styles.Bold.Render(g.title))
		for _, k := range g.keys {
			keys = append(keys, fmt.Sprintf("   %s %s", m.styles.Key.Render(fit(k.Help().Key, 8)), k.Help().Desc))
		}
	}
	notes := []string{
		m.styles.Dim.Render(" Écart + : plus ambitieux que la Branche · ✓ au niveau ~ proche ✗ en retrait"),
		m.styles.Dim.Render(" Chaque saisie est enregistrée aussitôt ; u l’annule (inscrit à l’historique)."),
	}
	out := []string{m.styles.Title.Render(" Aide · toutes les touches"), ""}
	if len(out)+len(keys)+len(notes)+1 > h {
		// two columns when one does not fit
		half := (len(keys) + 1) / 2
		for i := 0; i < half; i++ {
			r := ""
			if half+i < len(keys) {
				r = keys[half+i]
			}
			out = append(out, fit(keys[i], w/2)+r)
		}
	} else {
		out = append(out, keys...)
	}
	return append(append(out, ""), notes...)
}

func (m Model) searchView(w, h int) []string {
	s := m.search
	out := []string{m.styles.Title.Render(" Chercher un indicateur") + m.styles.Dim.Render(" · un code (08-29, COG-09-38) ou des mots (delai minima)"), " " + s.input.View(), ""}
	if strings.TrimSpace(s.input.Value()) != "" && len(s.results) == 0 {
		out = append(out, m.styles.Dim.Render(" aucun indicateur ne correspond"))
	}
	start := window(s.idx, len(s.results), h-len(out))
	for i := start; i < len(s.results) && len(out) < h; i++ {
		ind := s.results[i]
		line := fit(fmt.Sprintf(" %s  fiche %02d  %s", ind.Code, ind.Fiche, ind.Label), w)
		if i == s.idx {
			line = m.styles.Selected.Render(line)
		}
		out = append(out, line)
	}
	return out
}

func (m Model) pickerView(w, h int) []string {
	p := m.picker
	out := []string{
		m.styles.Title.Render(" Bienvenue dans cpog"),
		" Choisissez votre Caf : tapez son numéro de département ou son nom (essonne, 91, ardeche), puis ⏎.",
		"",
	}
	if p.weight != nil {
		out = append(out,
			" Caf : "+m.styles.Bold.Render(p.chosen.Label()),
			"",
			" Son poids dans la Branche, en % : il sert à calculer sa quote-part des cibles en volume",
			" (places, heures, familles…). Vous pourrez le corriger plus tard (w).",
			"",
			" "+p.weight.View(),
		)
		if p.err != "" {
			out = append(out, "", " "+m.styles.Error.Render("✗ "+p.err))
		}
		return out
	}
	out = append(out, " "+p.filter.View())
	if p.err != "" {
		out = append(out, " "+m.styles.Error.Render("✗ "+p.err))
	}
	out = append(out, m.styles.Dim.Render(fmt.Sprintf(" %d Caf sur %d", len(p.matches), len(m.cafs))))
	listH := h - len(out)
	start := window(p.idx, len(p.matches), listH)
	for i := start; i < len(p.matches) && i < start+listH; i++ {
		c := p.matches[i]
		line := fit(fmt.Sprintf("   %-4s %s", c.Code, c.Name), w)
		if i == p.idx {
			line = m.styles.Selected.Render(line)
		}
		out = append(out, line)
	}
	return out
}
