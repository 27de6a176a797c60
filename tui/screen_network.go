package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
)

// networkScreen is the Réseau: other Caf's contracts added up against the
// COG. Its aggregates are computed once when the members arrive; a frame
// only reads them.
type networkScreen struct {
	loaded  bool
	members int
	weight  float64 // total weight of the members, in % of the branch
	lines   []cpog.Line
	rows    map[int][]cpog.NetworkRow // by year, one row per line
	row     int
}

func newNetworkScreen(r *cpog.Referential, ms []cpog.NetworkMember, row int) networkScreen {
	n := networkScreen{loaded: true, members: len(ms), rows: map[int][]cpog.NetworkRow{}}
	contracts := make([]*cpog.Contract, len(ms))
	for i, m := range ms {
		contracts[i] = m.Contract
		n.weight += m.Contract.Weight
	}
	for i := range r.Indicators {
		n.lines = append(n.lines, r.Indicators[i].Lines()...)
	}
	for _, y := range r.Years {
		rows := make([]cpog.NetworkRow, len(n.lines))
		for i, l := range n.lines {
			rows[i] = cpog.AggregateNetwork(r, contracts, l, y)
		}
		n.rows[y] = rows
	}
	n.row = min(row, max(0, len(n.lines)-1))
	return n
}

func (n networkScreen) Update(s *state, msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case networkMsg:
		if msg.info != "" {
			s.info, s.err = msg.info, ""
		}
		return newNetworkScreen(s.ref, msg.members, n.row), nil
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, s.keys.Back, s.keys.Network):
			s.show(screenMain)
		case key.Matches(msg, s.keys.Import):
			s.open(newNetworkImportDialog())
		case !n.loaded:
		case key.Matches(msg, s.keys.Up):
			n.row = max(0, n.row-1)
		case key.Matches(msg, s.keys.Down):
			n.row = min(len(n.lines)-1, n.row+1)
		}
	}
	return n, nil
}

func (n networkScreen) ShortHelp(s *state) []key.Binding {
	k := s.keys
	return []key.Binding{hint("indicateur", k.Up, k.Down), hint("année", k.PrevYear, k.NextYear), hint("importer des Caf", k.Import),
		hint("retour", k.Back), hint("aide", k.Help), hint("quitter", k.Quit)}
}

// networkSummary is the French account of a network import.
func networkSummary(rep exchange.NetworkReport, members int) string {
	msg := fmt.Sprintf("%d fichier(s) chargé(s), %d rejeté(s), %d ignoré(s) ; le réseau compte %d Caf", len(rep.Loaded), len(rep.Rejected), len(rep.Older), members)
	if len(rep.Rejected) > 0 {
		msg += " · premier rejet : " + rep.Rejected[0]
	}
	for _, w := range rep.Warnings {
		msg += " · attention : " + w
	}
	return msg
}

func (n networkScreen) View(s *state, w, h int) []string {
	title := fmt.Sprintf(" Réseau %d · les CPOG des Caf additionnés face aux cibles de la COG", s.year)
	if !n.loaded {
		return []string{s.styles.Title.Render(title), "", " Chargement du réseau…"}
	}
	out := []string{s.styles.Title.Render(fit(title, w)),
		s.styles.Dim.Render(fit(fmt.Sprintf(" %d Caf chargées sur %d · %s %% du poids de la Branche · %s pour en importer (un dossier de fichiers d’échange)",
			n.members, len(s.cafs), cpog.FormatNumber(cpog.Round(n.weight, 2)), keyName(s.keys.Import)), w))}
	if n.members == 0 {
		return append(out, "", " Aucun fichier d’échange de Caf n’est chargé.",
			" Importez ceux du réseau avec "+keyName(s.keys.Import)+" (un dossier ou des fichiers JSON, un par Caf : le plus récent l’emporte),",
			" ou en ligne de commande : « cpog network import DOSSIER ».")
	}
	labelW := max(0, w-98)
	head := fmt.Sprintf(" %-8s %s %11s %11s %-4s %11s %9s %9s %-9s %s", "code", fit("indicateur", labelW), "national", "réseau", "", "écart", "couvert", "Caf", "en retard", "votre Caf")
	out = append(out, "", s.styles.Header.Render(fit(head, w)))
	rowsH := h - len(out) - 1
	rows := n.rows[s.year]
	start := window(n.row, len(rows), rowsH)
	for i := start; i < len(rows) && i < start+rowsH; i++ {
		out = append(out, networkRow(s, n.lines[i], rows[i], labelW, w, i == n.row))
	}
	return out
}

func networkRow(s *state, l cpog.Line, r cpog.NetworkRow, labelW, w int, selected bool) string {
	u := l.Indicator.Unit
	code, label := lineLabel(l)
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
		if s.c != nil && r.Behind == s.c.Caf.Code {
			behind += " ◀"
		}
	}
	mine := "—"
	if s.c != nil {
		if ev := cpog.Evaluate(s.ref, s.c, l, s.year); ev.Local.OK {
			mine = cpog.FormatCompact(ev.Local.V, u) + " " + ev.Gap.Class.Symbol()
		}
	}
	line := fmt.Sprintf(" %-8s %s %11s %11s %-4s %s %9s %9s %-9s %s", code, fit(label, labelW), fitRight(nat, 11), fitRight(r.Aggregate.Format(u), 11), method,
		fitRight(gapCell(r.Gap, u), 11), covered, fmt.Sprintf("%d/%d", r.Cafs, len(s.cafs)), behind, mine)
	line = fit(line, w)
	if selected {
		return s.styles.Selected.Render(line)
	}
	return line
}
