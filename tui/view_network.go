package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

// networkState is the Réseau screen's data: the other Caf's contracts and
// their aggregates, computed once when they are loaded (a frame only reads
// them).
type networkState struct {
	members   []cpog.NetworkMember
	weight    float64 // total weight of the members, in % of the branch
	lines     []cpog.Line
	rows      map[int][]cpog.NetworkRow // by year, one row per line
	row       int
	contracts []*cpog.Contract
}

func newNetworkState(r *cpog.Referential, ms []cpog.NetworkMember) *networkState {
	n := &networkState{members: ms, rows: map[int][]cpog.NetworkRow{}}
	for _, m := range ms {
		n.contracts = append(n.contracts, m.Contract)
		n.weight += m.Contract.Weight
	}
	for i := range r.Indicators {
		n.lines = append(n.lines, r.Indicators[i].Lines()...)
	}
	for _, y := range r.Years {
		rows := make([]cpog.NetworkRow, len(n.lines))
		for i, l := range n.lines {
			rows[i] = cpog.AggregateNetwork(r, n.contracts, l, y)
		}
		n.rows[y] = rows
	}
	return n
}

func (m Model) updateNetwork(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Back, m.keys.Network):
		m.screen = screenMain
	case m.network == nil:
	case key.Matches(msg, m.keys.Up):
		if m.network.row > 0 {
			n := *m.network
			n.row--
			m.network = &n
		}
	case key.Matches(msg, m.keys.Down):
		if m.network.row < len(m.network.lines)-1 {
			n := *m.network
			n.row++
			m.network = &n
		}
	}
	return m, nil
}

func (m Model) networkView(w, h int) []string {
	n := m.network
	title := fmt.Sprintf(" Réseau %d · les CPOG des Caf additionnés face aux cibles de la COG", m.year)
	if n == nil {
		return []string{m.styles.Title.Render(title), "", " Chargement du réseau…"}
	}
	out := []string{m.styles.Title.Render(fit(title, w)),
		m.styles.Dim.Render(fit(fmt.Sprintf(" %d Caf chargées sur %d · %s %% du poids de la Branche · cpog network import FICHIERS… pour en ajouter",
			len(n.members), len(m.cafs), cpog.FormatNumber(cpog.Round(n.weight, 2))), w))}
	if len(n.members) == 0 {
		return append(out, "", " Aucun fichier d’échange de Caf n’est chargé.",
			" Chargez ceux du réseau avec « cpog network import DOSSIER » : un fichier JSON par Caf, le plus récent l’emporte.")
	}
	labelW := max(0, w-98)
	head := fmt.Sprintf(" %-8s %s %11s %11s %-4s %11s %9s %9s %-9s %s", "code", fit("indicateur", labelW), "national", "réseau", "", "écart", "couvert", "Caf", "en retard", "votre Caf")
	out = append(out, "", m.styles.Header.Render(fit(head, w)))
	rowsH := h - len(out) - 1
	rows := n.rows[m.year]
	start := window(n.row, len(rows), rowsH)
	for i := start; i < len(rows) && i < start+rowsH; i++ {
		out = append(out, m.networkRow(n.lines[i], rows[i], labelW, w, i == n.row))
	}
	return out
}

func (m Model) networkRow(l cpog.Line, r cpog.NetworkRow, labelW, w int, selected bool) string {
	u := l.Indicator.Unit
	code := l.Indicator.ShortCode()
	label := l.Indicator.Label
	if l.Sub != "" {
		code += " " + l.Sub
		label = l.Sub + ". " + l.Label
	}
	nat := "—"
	if r.HasNat {
		nat = nationalShort(cpog.Evaluation{National: r.National, HasNat: true}, u)
	}
	method := "moy."
	if r.Method == cpog.MethodSum {
		method = "Σ"
	}
	covered := "—"
	if r.Covered.OK {
		covered = cpog.FormatNumber(cpog.Round(r.Covered.V, 0)) + " %"
	}
	behind := "—"
	if r.Behind != "" {
		behind = r.Behind
		if m.c != nil && r.Behind == m.c.Caf.Code {
			behind += " ◀"
		}
	}
	mine := "—"
	if m.c != nil {
		ev := cpog.Evaluate(m.ref, m.c, l, m.year)
		if ev.Local.OK {
			mine = cpog.FormatCompact(ev.Local.V, u) + " " + ev.Gap.Class.Symbol()
		}
	}
	gap := m.gapCell(r.Gap, u)
	line := fmt.Sprintf(" %-8s %s %11s %11s %-4s %s %9s %9s %-9s %s", code, fit(label, labelW), fitRight(nat, 11), fitRight(r.Aggregate.Format(u), 11), method,
		fitRight(gap, 11), covered, fmt.Sprintf("%d/%d", r.Cafs, len(m.cafs)), behind, mine)
	line = fit(line, w)
	if selected {
		return m.styles.Selected.Render(line)
	}
	return line
}
