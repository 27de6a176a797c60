package exchange

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog"
)

// The « CPOG » sheet is the workbook's first: the contract laid out as the
// annexe CPOG that a director puts in front of the Cnaf. One row per
// indicator or sub-indicator under its axis and fiche, the years side by
// side, each a group of four columns: the national target, the branch's
// reference for the Caf, the Caf's figure (agreed, else proposed) and its
// status. It is also read back by an import (annex_import.go), which finds
// its columns by their headers: the year above a group, the column's name
// below it.

// annexColumns are the columns of a year's group.
var annexColumns = []string{"Nationale", "Référence", "Caf", "Statut"}

// Positions in a year's group.
const (
	annexNational = iota
	annexReference
	annexCaf
	annexStatus
)

// annexFixed is the number of columns before the first year: code and
// indicator.
const annexFixed = 2

var annexWidths = []float64{12, 38}

var annexGroupWidths = []float64{9.5, 10, 9.5, 9}

func writeAnnexSheet(f *excelize.File, st *xlsxStyles, d Document) error {
	if err := printSetup(f, d, SheetCPOG, 2, "Annexe CPOG"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetCPOG)
	if err != nil {
		return err
	}
	years := d.Ref.Years
	last := annexFixed + len(years)*len(annexColumns)
	for i, wd := range annexWidths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	for y := range years {
		for j, wd := range annexGroupWidths {
			col := annexFixed + y*len(annexColumns) + j + 1
			if err := sw.SetColWidth(col, col, wd); err != nil {
				return err
			}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, XSplit: annexFixed, YSplit: 2, TopLeftCell: "C3", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "C3", ActiveCell: "C3", Pane: "bottomRight"}},
	}); err != nil {
		return err
	}
	if err := writeAnnexHeader(sw, st, years, last); err != nil {
		return err
	}
	c := d.view()
	r := 3
	heading := func(style int, label string) error {
		cells := make([]any, last)
		for i := range cells {
			cells[i] = excelize.Cell{StyleID: style}
		}
		cells[1] = textCell(style, label)
		if err := sw.SetRow(cellName(1, r), cells, excelize.RowOpts{Height: 20}); err != nil {
			return err
		}
		if err := sw.MergeCell(cellName(2, r), cellName(last, r)); err != nil {
			return err
		}
		r++
		return nil
	}
	for _, a := range d.Ref.Axes {
		axisDone := false
		for _, fi := range d.Ref.Fiches {
			inds := d.Ref.IndicatorsOf(fi.N)
			if fi.Axis != a.N || len(inds) == 0 {
				continue
			}
			if !axisDone {
				if err := heading(st.gridAxis, fmt.Sprintf("Axe %d · %s", a.N, a.Title)); err != nil {
					return err
				}
				axisDone = true
			}
			if err := heading(st.gridFiche, fmt.Sprintf("Fiche %02d · %s", fi.N, fi.Title)); err != nil {
				return err
			}
			for _, ind := range inds {
				for _, l := range ind.Lines() {
					cells, h, err := annexRowCells(st, d, c, l, last)
					if err != nil {
						return err
					}
					if err := sw.SetRow(cellName(1, r), cells, excelize.RowOpts{Height: h}); err != nil {
						return err
					}
					r++
				}
			}
		}
	}
	note := "Caf : la valeur validée, sinon la dernière proposition de la Caf, avec son statut. Référence : ce que la Branche attend de la Caf selon le mode de déclinaison de l’indicateur."
	if d.AgreedOnly {
		note += " Export limité aux valeurs validées."
	}
	if err := sw.SetRow(cellName(2, r+1), []any{note}); err != nil {
		return err
	}
	return sw.Flush()
}

// writeAnnexHeader writes the two header rows: code and indicator over
// both, each year over its group, the group's columns below.
func writeAnnexHeader(sw *excelize.StreamWriter, st *xlsxStyles, years []int, last int) error {
	top := make([]any, last)
	below := make([]any, last)
	for i := range top {
		top[i] = excelize.Cell{StyleID: st.gridHeader}
		below[i] = excelize.Cell{StyleID: st.gridHeader}
	}
	top[0], top[1] = textCell(st.gridHeader, "Code"), textCell(st.gridHeader, "Indicateur")
	for y, year := range years {
		first := annexFixed + y*len(annexColumns)
		// the year as a number: the header a spreadsheet shows and an
		// import reads back
		top[first] = excelize.Cell{StyleID: st.gridHeader, Value: year}
		for j, name := range annexColumns {
			below[first+j] = textCell(st.gridHeader, name)
		}
	}
	if err := sw.SetRow("A1", top, excelize.RowOpts{Height: 18}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", below, excelize.RowOpts{Height: 18}); err != nil {
		return err
	}
	for _, m := range [][2]string{{"A1", "A2"}, {"B1", "B2"}} {
		if err := sw.MergeCell(m[0], m[1]); err != nil {
			return err
		}
	}
	for y := range years {
		first := annexFixed + y*len(annexColumns) + 1
		if err := sw.MergeCell(cellName(first, 1), cellName(first+len(annexColumns)-1, 1)); err != nil {
			return err
		}
	}
	return nil
}

// annexRowCells is a line's row: its code and label, then each year's
// national target, reference, Caf figure and status; and its height.
func annexRowCells(st *xlsxStyles, d Document, c *cpog.Contract, l cpog.Line, last int) ([]any, float64, error) {
	ind := l.Indicator
	u := ind.Unit
	cells := make([]any, last)
	cells[0] = textCell(st.gridBold, l.Key().String())
	label := lineLabel(l)
	if !c.Negotiable(ind) {
		label += " (pour information)"
	}
	cells[1] = textCell(st.gridText, label)
	texts := []wrapped{{l.Key().String(), annexWidths[0], true}, {label, annexWidths[1], false}}
	none := textCell(st.gridCenter, noFigure)
	for y, year := range d.Ref.Years {
		ev := cpog.Evaluate(d.Ref, c, l, year)
		g := cells[annexFixed+y*len(annexColumns):][:len(annexColumns)]
		var err error
		switch {
		case !ev.HasNat:
			g[annexNational] = none
		case ev.National.Kind == cpog.TargetValue:
			g[annexNational], err = st.valueIn(ev.National.Value, u, lookGrid)
		default:
			g[annexNational] = textCell(st.gridCenter, ev.National.Raw)
			texts = append(texts, wrapped{ev.National.Raw, annexGroupWidths[annexNational], false})
		}
		if err != nil {
			return nil, 0, err
		}
		switch {
		case ev.Reference.Valid && ev.Reference.Band:
			band := bandText(ev.Reference, u)
			g[annexReference] = textCell(st.gridCenter, band)
			texts = append(texts, wrapped{band, annexGroupWidths[annexReference], false})
		case ev.Reference.Valid:
			g[annexReference], err = st.valueIn(computed(ev.Reference.Value), u, lookGrid)
		default:
			g[annexReference] = none
		}
		if err != nil {
			return nil, 0, err
		}
		g[annexCaf] = excelize.Cell{StyleID: st.gridText}
		if ev.Local.OK {
			if g[annexCaf], err = st.valueIn(ev.Local.V, u, lookGrid); err != nil {
				return nil, 0, err
			}
		}
		status := statusText(ev.Target.Status)
		g[annexStatus] = textCell(st.gridCenter, status)
		texts = append(texts, wrapped{status, annexGroupWidths[annexStatus], false})
	}
	return cells, rowHeight(texts...), nil
}
