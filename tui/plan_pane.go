package tui

import (
	"fmt"
	"maps"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

// The Engagements pane of the main screen: the selected fiche's plan
// d'actions as a tree — engagement, action, livrable, and the Caf's local
// actions — with the follow-up of each item the Caf follows, then the
// État's engagements for information.

// view is what the main screen's right pane shows.
type view int

const (
	viewIndicators view = iota
	viewPlan
)

// planRow is one row of the tree: an item, or a side's heading.
type planRow struct {
	item    cpog.Item
	heading string
}

// planRows are the visible rows of the selected fiche's tree: the items
// under a folded engagement or action are hidden.
func planRows(s *state) []planRow {
	f := s.ref.Fiches[s.fiche].N
	var out []planRow
	for _, side := range []cpog.Side{cpog.SideCaisse, cpog.SideEtat} {
		items := cpog.PlanItems(s.ref, s.c, f, side)
		if len(items) == 0 {
			continue
		}
		if side == cpog.SideEtat {
			out = append(out, planRow{heading: "Actions à conduire par l’État (pour information)"})
		}
		var foldedEng, foldedAct bool
		for _, it := range items {
			switch {
			case it.Level == 0:
				foldedEng, foldedAct = false, false
			case foldedEng:
				continue
			case it.Level == 1:
				foldedAct = false
			case foldedAct:
				continue
			}
			out = append(out, planRow{item: it})
			if s.folded[it.Key] {
				if it.Level == 0 {
					foldedEng = true
				} else {
					foldedAct = true
				}
			}
		}
	}
	return out
}

// hasChildren reports whether a row folds: an engagement, or an action
// with livrables.
func hasChildren(r planRow) bool {
	return r.heading == "" && !r.item.Local && r.item.Level < 2 && !(r.item.Level == 0 && r.item.Key.Side == cpog.SideEtat)
}

// currentItem is the selected row of the tree.
func currentItem(s *state) (planRow, bool) {
	rows := planRows(s)
	if s.itemRow < 0 || s.itemRow >= len(rows) {
		return planRow{}, false
	}
	return rows[s.itemRow], true
}

// fold sets whether an item's children are hidden; the set is copied, so
// that an earlier copy of the model keeps its own.
func (s *state) fold(k cpog.ItemKey, folded bool) {
	next := maps.Clone(s.folded)
	if next == nil {
		next = map[cpog.ItemKey]bool{}
	}
	if folded {
		next[k] = true
	} else {
		delete(next, k)
	}
	s.folded = next
}

// planKey handles a key of the Engagements pane; false when the key is
// not the pane's.
func planKey(s *state, k tea.KeyPressMsg) (bool, tea.Cmd) {
	keys := s.keys
	rows := planRows(s)
	r, ok := currentItem(s)
	switch {
	case key.Matches(k, keys.Up):
		s.itemRow = max(0, s.itemRow-1)
	case key.Matches(k, keys.Down):
		s.itemRow = max(0, min(len(rows)-1, s.itemRow+1))
	case key.Matches(k, keys.Right):
		if ok && hasChildren(r) {
			s.fold(r.item.Key, false)
		}
	case key.Matches(k, keys.Left):
		if ok && hasChildren(r) && !s.folded[r.item.Key] {
			s.fold(r.item.Key, true)
		} else {
			s.focus = paneFiches
		}
	case key.Matches(k, keys.Enter):
		switch {
		case !ok:
		case r.item.Followed:
			s.open(newFollowDialog(s, r.item))
		case hasChildren(r):
			s.fold(r.item.Key, !s.folded[r.item.Key])
		}
	case key.Matches(k, keys.AddLocal):
		if !ok || r.heading != "" || r.item.Key.Side != cpog.SideCaisse {
			s.err = "choisissez d’abord un engagement de la caisse (ou une ligne qui en fait partie)"
			return true, nil
		}
		eng := cpog.ItemKey{Fiche: r.item.Key.Fiche, Side: cpog.SideCaisse, N: r.item.Key.Engagement()}
		s.open(newLocalActionDialog(s, eng))
	case key.Matches(k, keys.RemoveLocal):
		if !ok || !r.item.Local {
			s.err = "seules les actions locales se retirent : choisissez-en une"
			return true, nil
		}
		ch, err := cpog.RemoveLocalAction(s.ref, s.c, r.item.Key)
		if err != nil {
			s.failed(err)
			return true, nil
		}
		return true, s.applyCmd(ch)
	default:
		return false, nil
	}
	return true, nil
}

func planPane(s *state, w, h int) []string {
	f := s.ref.Fiches[s.fiche]
	t := cpog.TallyPlan(s.ref, s.c, f.N, s.today())
	head := fmt.Sprintf(" Fiche %d · plan d’actions", f.N)
	tally := fmt.Sprintf("%d suivis : %s %d réalisés · %s %d en cours · ⚠ %d en retard ", t.Total(), cpog.FollowDone.Symbol(), t.Done, cpog.FollowDoing.Symbol(), t.Doing, t.Late)
	if width(head)+width(tally) > w {
		tally = fmt.Sprintf("%s %d/%d · %s %d · ⚠ %d ", cpog.FollowDone.Symbol(), t.Done, t.Total(), cpog.FollowDoing.Symbol(), t.Doing, t.Late)
	}
	lines := []string{s.styles.Header.Render(fit(head, w-width(tally)) + tally)}
	rows := planRows(s)
	if len(rows) == 0 {
		return append(lines, "", s.styles.Dim.Render(" Cette fiche n’a pas de tableau d’engagements dans la COG :"),
			s.styles.Dim.Render(" son suivi passe par les tableaux des autres fiches."))
	}
	statusW, dueW, pilotW := 11, 8, min(18, max(0, w/6))
	if w < 70 {
		// a narrow pane keeps the labels readable: the pilot goes
		// (it stays in the follow-up form)
		pilotW = 0
	}
	labelW := w - statusW - dueW - 3
	if pilotW > 0 {
		labelW -= pilotW + 1
	}
	lines = append(lines, s.styles.Header.Render(planColumns("", "avancement", "échéance", "pilote", labelW, statusW, dueW, pilotW, w)))
	rowsH := h - len(lines) - 3
	start := window(s.itemRow, len(rows), rowsH)
	for i := start; i < len(rows) && i < start+rowsH; i++ {
		lines = append(lines, planLine(s, rows[i], i == s.itemRow, labelW, statusW, dueW, pilotW, w))
	}
	for len(lines) < h-3 {
		lines = append(lines, "")
	}
	if r, ok := currentItem(s); ok && r.heading == "" {
		lines = append(lines, s.styles.Sep.Render(strings.Repeat("─", w)))
		text := r.item.Key.String() + " · " + cpog.Printable(r.item.Label)
		if r.item.EachCaf {
			text += " [chaque Caf]"
		}
		var notes []string
		if fu := r.item.FollowUp; fu.Comment != "" {
			notes = append(notes, fu.Comment)
		}
		if fu := r.item.FollowUp; fu.Evidence != "" {
			notes = append(notes, "preuve : "+fu.Evidence)
		}
		if len(notes) > 0 {
			// text from files: shown, never obeyed by the terminal
			text += " — " + cpog.Printable(strings.Join(notes, " · "))
		}
		lines = append(lines, footnote(s, text, w)...)
	}
	return lines
}

func planLine(s *state, r planRow, selected bool, labelW, statusW, dueW, pilotW, w int) string {
	if r.heading != "" {
		return s.styles.Axis.Render(fit(" "+r.heading, w))
	}
	it := r.item
	marker := "  "
	switch {
	case hasChildren(r) && s.folded[it.Key]:
		marker = "▸ "
	case hasChildren(r):
		marker = "▾ "
	case it.Followed:
		marker = it.FollowUp.Status.Symbol() + " "
	}
	label := strings.Repeat("  ", it.Level) + marker + it.Key.N + " " + cpog.Printable(it.Label)
	if it.Local {
		label += " (action locale)"
	}
	status, due, pilot := "", "", ""
	if it.Followed {
		fu := it.FollowUp
		status, pilot = fu.Status.Label(), cpog.Printable(fu.Pilot)
		if fu.Due != "" {
			due = cpog.FormatDue(fu.Due)
		}
		if fu.Late(s.today()) {
			due = "⚠" + due
		}
	}
	line := planColumns(label, status, due, pilot, labelW, statusW, dueW, pilotW, w)
	switch {
	case selected && s.focus == paneIndicators:
		return s.styles.Selected.Render(line)
	case selected:
		return s.styles.SelectedDim.Render(line)
	case it.Level == 0:
		return s.styles.Bold.Render(line)
	case !it.Followed:
		return s.styles.Dim.Render(line)
	}
	return line
}

// planColumns lays out a row of the tree; a pilot column of width 0 is
// left out.
func planColumns(label, status, due, pilot string, labelW, statusW, dueW, pilotW, w int) string {
	line := " " + fit(label, labelW) + " " + fit(status, statusW) + " " + fit(due, dueW)
	if pilotW > 0 {
		line += " " + fit(pilot, pilotW)
	}
	return fit(line, w)
}
