package exchange

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog"
)

// The « Bilan YYYY » sheet is the bilan annuel of the document's year, as
// `cpog bilan` computes it (cpog.BilanOf): the synthèse per fiche, then
// every line with its target, reference, actual, taux d'atteinte, class,
// explanation and corrective action, then the livrables done or late. It
// is for reading and printing; an import does not read it.

var bilanWidths = []float64{12, 8, 44, 11, 11, 11, 11, 14, 34, 34}

var bilanRowHeader = []string{
	"Code", "Sous-ind.", "Libellé", "Cible", "Référence", "Réalisé", "Taux d’atteinte", "Classe",
	"Explication de l’écart", "Action corrective",
}

var bilanSyntheseHeader = []string{
	"Fiche", "Titre", "", "Lignes", "✓ Atteint", "~ Proche", "✗ Non atteint", "· Sans réalisé", "Livrables et actions locales",
}

var bilanItemHeader = []string{
	"Fiche", "N°", "Libellé", "Avancement", "Échéance", "En retard", "Pilote", "", "Commentaire", "Preuve",
}

// bilanSheetWriter streams the sheet, keeping the row.
type bilanSheetWriter struct {
	sw  *excelize.StreamWriter
	st  *xlsxStyles
	row int
}

func (w *bilanSheetWriter) add(cells []any, opts ...excelize.RowOpts) error {
	if err := w.sw.SetRow(cellName(1, w.row), cells, opts...); err != nil {
		return err
	}
	w.row++
	return nil
}

// header writes a header row in the grid's style.
func (w *bilanSheetWriter) header(names []string) error {
	cells := make([]any, len(names))
	for i, n := range names {
		cells[i] = textCell(w.st.gridHeader, n)
	}
	return w.add(cells, excelize.RowOpts{Height: 30})
}

// band writes a row whose text spans the columns from..to.
func (w *bilanSheetWriter) band(style, from, to int, label string) error {
	cells := make([]any, to)
	for i := range cells {
		cells[i] = excelize.Cell{StyleID: style}
	}
	cells[from-1] = textCell(style, label)
	if err := w.sw.MergeCell(cellName(from, w.row), cellName(to, w.row)); err != nil {
		return err
	}
	return w.add(cells, excelize.RowOpts{Height: 20})
}

func writeBilanSheet(f *excelize.File, st *xlsxStyles, d Document) error {
	year := d.bilanYear()
	sheet := BilanSheet(year)
	if err := printSetup(f, d, sheet, 0, fmt.Sprintf("Bilan annuel %d", year)); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, wd := range bilanWidths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	due := d.BilanDue.OrDefault()
	b := cpog.BilanOf(d.Ref, d.view(), year, d.ExportedAt)
	w := &bilanSheetWriter{sw: sw, st: st, row: 1}
	title := fmt.Sprintf("Bilan annuel %d · %s · à rendre le %s", year, d.Contract.Caf.Label(), cpog.FormatDate(due.DueOf(year)))
	if err := w.add([]any{textCell(st.title, title)}, excelize.RowOpts{Height: 22}); err != nil {
		return err
	}
	w.row++
	if err := writeBilanSynthese(w, d, b); err != nil {
		return err
	}
	w.row++
	if err := writeBilanRows(w, b); err != nil {
		return err
	}
	w.row++
	if err := writeBilanItems(w, b); err != nil {
		return err
	}
	return sw.Flush()
}

func writeBilanSynthese(w *bilanSheetWriter, d Document, b cpog.Bilan) error {
	if err := w.sw.MergeCell(cellName(2, w.row), cellName(3, w.row)); err != nil {
		return err
	}
	if err := w.header(bilanSyntheseHeader); err != nil {
		return err
	}
	line := func(n, title string, c cpog.BilanCounts, bold bool) error {
		style := w.st.gridText
		if bold {
			style = w.st.gridBold
		}
		cells := []any{textCell(style, n), textCell(style, title), excelize.Cell{StyleID: style}, excelize.Cell{StyleID: style, Value: c.Lines()}}
		for _, cl := range cpog.AchievementClasses() {
			cells = append(cells, excelize.Cell{StyleID: style, Value: c.Classes[cl]})
		}
		cells = append(cells, textCell(style, livrablesText(c.Livrables)))
		if err := w.sw.MergeCell(cellName(2, w.row), cellName(3, w.row)); err != nil {
			return err
		}
		h := rowHeight(wrapped{title, bilanWidths[1] + bilanWidths[2], bold}, wrapped{livrablesText(c.Livrables), bilanWidths[8], bold})
		return w.add(cells, excelize.RowOpts{Height: h})
	}
	for _, f := range b.Fiches {
		if err := line(fmt.Sprintf("%02d", f.Fiche.N), f.Fiche.Title, f.Counts, false); err != nil {
			return err
		}
	}
	return line("COG", "Ensemble de la "+d.Ref.Title, b.Total, true)
}

// livrablesText sums up a plan d'actions' follow-up in one cell.
func livrablesText(t cpog.PlanTally) string {
	if t.Total() == 0 {
		return "—"
	}
	return fmt.Sprintf("%d réalisés sur %d · %d en cours · %d en retard", t.Done, t.Total(), t.Doing, t.Late)
}

func writeBilanRows(w *bilanSheetWriter, b cpog.Bilan) error {
	st := w.st
	if err := w.header(bilanRowHeader); err != nil {
		return err
	}
	last := len(bilanRowHeader)
	for _, f := range b.Fiches {
		if len(f.Rows) == 0 {
			continue
		}
		if err := w.band(st.gridFiche, 1, last, fmt.Sprintf("Fiche %02d · %s", f.Fiche.N, f.Fiche.Title)); err != nil {
			return err
		}
		for _, r := range f.Rows {
			cells, h, err := bilanRowCells(st, r)
			if err != nil {
				return err
			}
			if err := w.add(cells, excelize.RowOpts{Height: h}); err != nil {
				return err
			}
		}
	}
	return nil
}

// bilanRowCells is a line's row and its height.
func bilanRowCells(st *xlsxStyles, r cpog.BilanRow) ([]any, float64, error) {
	u := r.Line.Indicator.Unit
	none := textCell(st.gridCenter, noFigure)
	empty := excelize.Cell{StyleID: st.gridText}
	label := lineLabel(r.Line)
	if r.Target.OK && r.Agreed {
		label += " (cible validée)"
	}
	class := r.Achievement.Class.Symbol() + " " + r.Achievement.Class.Label()
	explanation, action := Neutralise(r.Explanation), Neutralise(r.Action)
	cells := []any{textCell(st.gridBold, r.Line.Indicator.Code), textCell(st.gridCenter, r.Line.Sub), textCell(st.gridText, label), none, none, empty, none,
		textCell(st.gridText, class), textCell(st.gridText, explanation), textCell(st.gridText, action)}
	texts := []wrapped{{label, bilanWidths[2], false}, {class, bilanWidths[7], false}, {explanation, bilanWidths[8], false}, {action, bilanWidths[9], false}}
	var err error
	figure := func(i int, v float64, unit cpog.Unit) {
		if err == nil {
			cells[i], err = st.valueIn(v, unit, lookGrid)
		}
	}
	if r.Target.OK {
		figure(3, r.Target.V, u)
	}
	switch ref := r.Reference; {
	case ref.Valid && ref.Band:
		cells[4] = textCell(st.gridCenter, bandText(ref, u))
		texts = append(texts, wrapped{bandText(ref, u), bilanWidths[4], false})
	case ref.Valid:
		figure(4, computed(ref.Value), u)
	}
	if r.Actual.OK {
		figure(5, r.Actual.V, u)
	}
	if a := achievementRate(r.Achievement); a.OK {
		figure(6, a.V, cpog.UnitPercent)
	}
	return cells, rowHeight(texts...), err
}

// writeBilanItems lists the livrables and local actions done, or late on
// the day of the export, with their follow-up.
func writeBilanItems(w *bilanSheetWriter, b cpog.Bilan) error {
	st := w.st
	var rows [][]any
	var heights []float64
	for _, f := range b.Fiches {
		for _, it := range f.Items {
			listed, late := b.Reported(it)
			if !listed {
				continue
			}
			fu := it.FollowUp
			lateText := ""
			if late {
				lateText = "oui"
			}
			label, status := Neutralise(it.Label), fu.Status.Symbol()+" "+fu.Status.Label()
			pilot, comment, evidence := Neutralise(fu.Pilot), Neutralise(fu.Comment), Neutralise(fu.Evidence)
			heights = append(heights, rowHeight(wrapped{label, bilanWidths[2], false}, wrapped{status, bilanWidths[3], false},
				wrapped{pilot, bilanWidths[6] + bilanWidths[7], false}, wrapped{comment, bilanWidths[8], false}, wrapped{evidence, bilanWidths[9], false}))
			rows = append(rows, []any{
				textCell(st.gridCenter, fmt.Sprintf("%02d", it.Key.Fiche)), textCell(st.gridCenter, it.Key.N), textCell(st.gridText, label),
				textCell(st.gridText, status), textCell(st.gridCenter, dueText(fu.Due)), textCell(st.gridCenter, lateText),
				textCell(st.gridText, pilot), excelize.Cell{StyleID: st.gridText},
				textCell(st.gridText, comment), textCell(st.gridText, evidence),
			})
		}
	}
	title := "Livrables et actions locales réalisés ou en retard au " + cpog.FormatDate(b.Today)
	if len(rows) == 0 {
		title += " : aucun"
	}
	if err := w.add([]any{textCell(st.bold, title)}, excelize.RowOpts{Height: 20}); err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	if err := w.sw.MergeCell(cellName(7, w.row), cellName(8, w.row)); err != nil {
		return err
	}
	if err := w.header(bilanItemHeader); err != nil {
		return err
	}
	for i, r := range rows {
		if err := w.sw.MergeCell(cellName(7, w.row), cellName(8, w.row)); err != nil {
			return err
		}
		if err := w.add(r, excelize.RowOpts{Height: heights[i]}); err != nil {
			return err
		}
	}
	return nil
}

// dueText is a due month as a table shows it, "06/2026", or "".
func dueText(due string) string {
	if strings.TrimSpace(due) == "" {
		return ""
	}
	return cpog.FormatDue(due)
}
