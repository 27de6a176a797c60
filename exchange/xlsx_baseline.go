package exchange

import (
	"errors"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog"
)

// The workbook carries the Caf's figures twice, in the « CPOG » sheet and
// in the « Données » sheet, so that a director prints the one and filters
// the other. A user edits one of them; the import must know which. The
// hidden sheet « Export cpog » keeps the figures as exported: a sheet
// whose figure differs from it is the one edited. Without it (a sheet
// copied to another workbook) two sheets that disagree are refused.

// SheetBaseline is the hidden sheet of the figures as exported.
const SheetBaseline = "Export cpog"

var baselineHeader = []string{"Code", "Sous-indicateur", "Année", "Cible locale exportée"}

func writeBaselineSheet(f *excelize.File, st *xlsxStyles, d Document) error {
	sw, err := f.NewStreamWriter(SheetBaseline)
	if err != nil {
		return err
	}
	cells := make([]any, len(baselineHeader))
	for i, h := range baselineHeader {
		cells[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	r := 2
	for _, row := range d.rows() {
		// the figure as the line's unit says it (86 for 86 %), plain: it
		// is read back, never shown
		if !row.Ev.Local.OK || !isFinite(row.Ev.Local.V) {
			continue
		}
		var sub any
		if row.Line.Sub != "" {
			sub = row.Line.Sub
		}
		if err := sw.SetRow(cellName(1, r), []any{row.Ind.Code, sub, row.Ev.Key.Year, row.Ev.Local.V}); err != nil {
			return err
		}
		r++
	}
	return sw.Flush()
}

// readBaseline reads the figures as exported; nil when the workbook has
// no such sheet, or it cannot be read whole.
func readBaseline(wb *workbook, ref *cpog.Referential) map[cpog.TargetKey]float64 {
	var sheet *workbookSheet
	for i := range wb.sheets {
		if wb.sheets[i].name == SheetBaseline {
			sheet = &wb.sheets[i]
		}
	}
	if sheet == nil {
		return nil
	}
	out := map[cpog.TargetKey]float64{}
	header := true
	bad := errors.New("baseline")
	err := wb.eachRow(*sheet, func(_ int, cells []xlsxCell) error {
		if header {
			header = false
			return nil
		}
		if len(cells) < 4 {
			return bad
		}
		l, err := resolveLine(ref, cells[0].text, cells[1].text, "")
		if err != nil {
			return bad
		}
		year, err := parseYear(cells[2].text)
		v, ok := spreadsheetNumber(cells[3].text, false)
		if err != nil || !ok {
			return bad
		}
		out[cpog.TargetKey{LineKey: l.Key(), Year: year}] = v
		return nil
	})
	if err != nil {
		return nil
	}
	return out
}
