package tui

import (
	"fmt"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// leftWidth is the width of the axes and fiches pane.
func leftWidth(w int) int { return max(20, min(40, w*28/100)) }

func (m Model) mainView(w, h int) []string {
	lw := leftWidth(w)
	rw := w - lw - 1
	left := block(m.fichesPane(lw, h), lw, h)
	right := block(m.indicatorsPane(rw, h), rw, h)
	sep := m.styles.Sep.Render("│")
	out := make([]string, h)
	for i := range out {
		out[i] = left[i] + sep + right[i]
	}
	return out
}

func (m Model) fichesPane(w, h int) []string {
	title := m.styles.Header.Render(" Axes et fiches")
	var lines []string
	sel := 0
	for _, a := range m.ref.Axes {
		lines = append(lines, m.styles.Axis.Render(fit(fmt.Sprintf(" %d %s", a.N, a.Title), w)))
		for i, f := range m.ref.Fiches {
			if f.Axis != a.N {
				continue
			}
			inds := m.ref.IndicatorsOf(f.N)
			agreed, neg := m.c.Progress(inds, m.ref.Years)
			count := ""
			if neg > 0 {
				count = fmt.Sprintf(" %d/%d", agreed, neg)
			} else {
				count = " –"
			}
			marker := "  "
			if i == m.fiche {
				marker = " ▸"
				sel = len(lines)
			}
			text := fit(fmt.Sprintf("%s%02d %s", marker, f.N, f.Title), w-len([]rune(count))) + count
			switch {
			case i == m.fiche && m.focus == paneFiches:
				text = m.styles.Selected.Render(text)
			case i == m.fiche:
				text = m.styles.Bold.Render(text)
			case len(inds) == 0:
				text = m.styles.Dim.Render(text)
			}
			lines = append(lines, text)
		}
	}
	start := window(sel, len(lines), h-1)
	return append([]string{title}, lines[start:]...)
}

// columns of the indicators table, widest screens first; the label takes
// what is left.
type column struct {
	title string
	width int
	right bool
}

func (m Model) indicatorColumns(w int) (cols []column, labelW int) {
	cols = []column{
		{"code", 8, false},
		{"u.", 2, false},
		{"nat.", 9, true},
		{"réf.", 9, true},
		{"Caf", 9, true},
		{"écart", 11, true},
		{"statut", 10, false},
	}
	if w < 75 {
		// narrow terminals: values carry their unit marks, so the unit
		// column goes first, then every column gives a cell
		cols = []column{
			{"code", 8, false},
			{"nat.", 8, true},
			{"réf.", 8, true},
			{"Caf", 8, true},
			{"écart", 9, true},
			{"statut", 9, false},
		}
	}
	used := 0
	for _, c := range cols {
		used += c.width + 1
	}
	labelW = w - used - 2
	if labelW < 8 {
		labelW = 0
	}
	return cols, labelW
}

func unitShort(u cpog.Unit) string {
	switch u {
	case cpog.UnitPercent:
		return "%"
	case cpog.UnitDays:
		return "j"
	case cpog.UnitCount:
		return "nb"
	case cpog.UnitEuros:
		return "€"
	case cpog.UnitHours:
		return "h"
	case cpog.UnitRatio:
		return "r"
	}
	return "·"
}

// nationalShort writes a national target in at most w cells.
func nationalShort(ev cpog.Evaluation, u cpog.Unit) string {
	if !ev.HasNat {
		return "—"
	}
	t := ev.National
	switch t.Kind {
	case cpog.TargetBand:
		return cpog.FormatNumber(t.Min) + "–" + cpog.FormatCompact(t.Max, u)
	case cpog.TargetRelative:
		return cpog.FormatCompact(t.Value, u) + "*"
	case cpog.TargetIncrement:
		return "+" + cpog.FormatCompact(t.Value, u)
	}
	return cpog.FormatCompact(t.Value, u)
}

func (m Model) gapCell(g cpog.Gap, u cpog.Unit) string {
	if !g.Valid {
		return g.Class.Symbol()
	}
	return cpog.FormatSigned(g.Value, u) + " " + g.Class.Symbol()
}

func (m Model) indicatorsPane(w, h int) []string {
	f := m.ref.Fiches[m.fiche]
	lines := []string{m.styles.Header.Render(fit(fmt.Sprintf(" Fiche %d · %s", f.N, f.Title), w))}
	ls := m.lines()
	if len(ls) == 0 {
		return append(lines, "", m.styles.Dim.Render(" Cette fiche n’a pas d’indicateur de résultat dans la COG :"),
			m.styles.Dim.Render(" ses engagements se suivent sans cible chiffrée."))
	}
	cols, labelW := m.indicatorColumns(w)
	head := " "
	for i, c := range cols {
		cell := fit(c.title, c.width)
		if c.right {
			cell = fitRight(c.title, c.width)
		}
		head += cell + " "
		if i == 0 && labelW > 0 {
			head += fit("indicateur", labelW) + " "
		}
	}
	lines = append(lines, m.styles.Header.Render(fit(head, w)))
	// two lines at the bottom show the selected indicator's full label
	rowsH := h - len(lines) - 3
	start := window(m.row, len(ls), rowsH)
	for i := start; i < len(ls) && i < start+rowsH; i++ {
		lines = append(lines, m.indicatorRow(ls[i], i == m.row, cols, labelW, w))
	}
	for len(lines) < h-3 {
		lines = append(lines, "")
	}
	if l, ok := m.currentLine(); ok {
		lines = append(lines, m.styles.Sep.Render(strings.Repeat("─", w)))
		label := l.Indicator.Code + " · " + l.Indicator.Label
		if l.Sub != "" {
			label += " · " + l.Sub + ". " + l.Label
		}
		mode := m.c.ModeOf(l.Indicator)
		label += " [" + mode.Label() + ", " + l.Indicator.Direction.Label() + "]"
		wl := wrap(label, w-1)
		for i := 0; i < 2; i++ {
			s := ""
			if i < len(wl) {
				s = wl[i]
				if i == 1 && len(wl) > 2 {
					s = fit(s+" …", w-1)
				}
			}
			lines = append(lines, " "+m.styles.Dim.Render(s))
		}
	}
	return lines
}

func (m Model) indicatorRow(l cpog.Line, selected bool, cols []column, labelW, w int) string {
	ind := l.Indicator
	ev := cpog.Evaluate(m.ref, m.c, l, m.year)
	code := ind.ShortCode()
	label := ind.Label
	if l.Sub != "" {
		code += " " + l.Sub
		label = l.Sub + ". " + l.Label
	}
	status := ev.Target.Status.Short()
	if !m.c.Negotiable(ind) {
		status = "national"
	}
	cells := map[string]string{
		"code":   code,
		"u.":     unitShort(ind.Unit),
		"nat.":   nationalShort(ev, ind.Unit),
		"réf.":   ev.Reference.Format(ind.Unit),
		"Caf":    ev.Local.Format(ind.Unit),
		"écart":  m.gapCell(ev.Gap, ind.Unit),
		"statut": status,
	}
	var b strings.Builder
	b.WriteString(" ")
	for i, c := range cols {
		cell := fit(cells[c.title], c.width)
		if c.right {
			cell = fitRight(cells[c.title], c.width)
		}
		if !selected {
			switch c.title {
			case "écart":
				cell = m.styles.Class[ev.Gap.Class].Render(cell)
			case "statut":
				cell = m.styles.Status[ev.Target.Status].Render(cell)
			}
		}
		b.WriteString(cell + " ")
		if i == 0 && labelW > 0 {
			b.WriteString(fit(label, labelW) + " ")
		}
	}
	row := fit(b.String(), w)
	if selected {
		if m.focus == paneIndicators {
			return m.styles.Selected.Render(row)
		}
		return m.styles.SelectedDim.Render(row)
	}
	return row
}
