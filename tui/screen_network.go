package tui

import (
	"fmt"
	"time"

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
	// plan shows the plan d'actions fiche by fiche instead of the
	// indicators; planRows are its rows, one per fiche.
	plan     bool
	planRows []cpog.NetworkPlanRow
	fiche    int
}

func newNetworkScreen(r *cpog.Referential, ms []cpog.NetworkMember, row int, today time.Time) networkScreen {
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
	n.planRows = cpog.NetworkPlan(r, contracts, today)
	return n
}

func (n networkScreen) Update(s *state, msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case networkMsg:
		if msg.info != "" {
			s.info, s.err = msg.info, ""
		}
		next := newNetworkScreen(s.ref, msg.members, n.row, s.today())
		next.plan, next.fiche = n.plan, n.fiche
		return next, nil
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, s.keys.Back, s.keys.Network):
			s.show(screenMain)
		case key.Matches(msg, s.keys.Import):
			s.open(newNetworkImportDialog())
		case !n.loaded:
		case key.Matches(msg, s.keys.View):
			n.plan = !n.plan
		case n.plan && key.Matches(msg, s.keys.Up):
			n.fiche = max(0, n.fiche-1)
		case n.plan && key.Matches(msg, s.keys.Down):
			n.fiche = min(len(n.planRows)-1, n.fiche+1)
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
	if n.plan {
		return []key.Binding{hint("fiche", k.Up, k.Down), hint("indicateurs", k.View), hint("importer des Caf", k.Import),
			hint("retour", k.Back), hint("aide", k.Help), hint("quitter", k.Quit)}
	}
	return []key.Binding{hint("indicateur", k.Up, k.Down), hint("année", k.PrevYear, k.NextYear), hint("plan d’actions", k.View), hint("importer des Caf", k.Import),
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
	if n.plan {
		return append(out, n.planView(s, w, h-len(out))...)
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

// planView is the network's plan d'actions: per fiche, the share of the
// COG's livrables the imported Caf report réalisés, those late, the Caf
// furthest behind, and yours.
func (n networkScreen) planView(s *state, w, h int) []string {
	titleW := max(10, w-86)
	head := fmt.Sprintf(" %s %6s %-18s %7s %11s  %-17s %s", fit("fiche", titleW), "livr.", "réalisés", "retard", "réal./total", "le plus en retard", "votre Caf")
	out := []string{"", s.styles.Header.Render(fit(head, w))}
	rowsH := h - len(out)
	start := window(n.fiche, len(n.planRows), rowsH)
	// the Caf's own livrables, counted as the network's are (local actions
	// are the Caf's own and not in the network's count)
	var mine []cpog.NetworkPlanRow
	if s.c != nil {
		mine = cpog.NetworkPlan(s.ref, []*cpog.Contract{s.c}, s.today())
	}
	for i := start; i < len(n.planRows) && i < start+rowsH; i++ {
		r := n.planRows[i]
		f, _ := s.ref.Fiche(r.Fiche)
		name := fmt.Sprintf("%02d %s", f.N, f.Title)
		var line string
		if r.Livrables == 0 {
			line = fmt.Sprintf(" %s %6s %s", fit(name, titleW), "—", s.styles.Dim.Render("pas de livrable de la caisse dans cette fiche"))
		} else {
			share := r.Share()
			behind := "—"
			if r.Behind != "" {
				behind = fmt.Sprintf("%s %d/%d", r.Behind, r.BehindDone, r.Livrables)
				if s.c != nil && r.Behind == s.c.Caf.Code {
					behind += " ◀"
				}
			}
			own := "—"
			if i < len(mine) {
				own = fmt.Sprintf("%d/%d réalisés", mine[i].Done, mine[i].Livrables)
			}
			line = fmt.Sprintf(" %s %6d %s %3.0f %% %7d %11s  %s %s", fit(name, titleW), r.Livrables, s.bar(share/100, 12),
				share, r.Late, fmt.Sprintf("%d/%d", r.Done, r.Livrables*r.Cafs), fit(behind, 17), own)
		}
		line = fit(line, w)
		if i == n.fiche {
			line = s.styles.Selected.Render(line)
		}
		out = append(out, line)
	}
	return out
}
