package tui

import (
	"fmt"
	"math"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// detailChart plots the reference and the local trajectory over the period, with
// distinct glyphs so that it reads without colour: ○ reference, ● Caf,
// ◉ both on the same cell.
func detailChart(s *state, l cpog.Line, w, h int) []string {
	u := l.Indicator.Unit
	rows := min(8, h-3)
	if rows < 3 {
		return nil
	}
	years := s.ref.Years
	ref := make([]cpog.Opt, len(years))
	loc := make([]cpog.Opt, len(years))
	act := make([]cpog.Opt, len(years))
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, y := range years {
		ev := cpog.Evaluate(s.ref, s.c, l, y)
		if ev.Reference.Valid {
			ref[i] = cpog.Some(ev.Reference.Value)
		}
		loc[i], act[i] = ev.Local, ev.Actual
		for _, o := range []cpog.Opt{ref[i], loc[i], act[i]} {
			if o.OK {
				lo, hi = math.Min(lo, o.V), math.Max(hi, o.V)
			}
		}
	}
	title := s.styles.Header.Render("Trajectoire ○ référence ● Caf ◆ réalisé")
	if math.IsInf(lo, 1) {
		return []string{title, s.styles.Dim.Render("(rien à tracer : ni référence, ni valeur, ni réalisé)")}
	}
	if hi == lo {
		hi, lo = hi+1, lo-1
	}
	axisW := 9
	colW := max(3, (w-axisW-1)/len(years))
	grid := make([][]string, rows)
	for r := range grid {
		grid[r] = make([]string, len(years))
	}
	rowOf := func(v float64) int {
		return rows - 1 - int(math.Round((v-lo)/(hi-lo)*float64(rows-1)))
	}
	for i := range years {
		rr, lr := -1, -1
		if ref[i].OK {
			rr = rowOf(ref[i].V)
			grid[rr][i] = s.styles.Dim.Render("○")
		}
		if loc[i].OK {
			lr = rowOf(loc[i].V)
			grid[lr][i] = s.styles.Title.Render("●")
		}
		if rr >= 0 && rr == lr {
			grid[rr][i] = s.styles.Title.Render("◉")
		}
		if act[i].OK {
			grid[rowOf(act[i].V)][i] = s.styles.Achieve[cpog.Atteint].Render("◆")
		}
	}
	out := []string{title}
	for r := range grid {
		label := ""
		switch r {
		case 0:
			label = cpog.FormatCompact(hi, u)
		case rows - 1:
			label = cpog.FormatCompact(lo, u)
		}
		line := fitRight(label, axisW) + "┤"
		for i := range years {
			cell := grid[r][i]
			if cell == "" {
				cell = " "
			}
			line += strings.Repeat(" ", colW/2) + cell + strings.Repeat(" ", colW-colW/2-1)
		}
		out = append(out, line)
	}
	axis := strings.Repeat(" ", axisW) + "└"
	labels := strings.Repeat(" ", axisW+1)
	for _, y := range years {
		axis += strings.Repeat("─", colW)
		labels += fit(fmt.Sprintf("%*s", colW/2+1, fmt.Sprint(y%100)), colW)
	}
	return append(out, axis, s.styles.Dim.Render(labels))
}
