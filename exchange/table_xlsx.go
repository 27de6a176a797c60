package exchange

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// The workbook cpog exports comes back with its « CPOG » sheet (the annex
// layout, or the long table of older exports) and its « Données » sheet
// (the long table); either may have been deleted. The other sheets
// (« Synthèse », « Bilan », « Engagements », « Historique ») are for
// reading: an import ignores them.

// ownSheets finds the sheets of a workbook exported by cpog.
func ownSheets(wb *workbook) (annex, data *workbookSheet) {
	for i := range wb.sheets {
		switch headerKey(wb.sheets[i].name) {
		case "cpog":
			annex = &wb.sheets[i]
		case "donnees":
			data = &wb.sheets[i]
		}
	}
	return annex, data
}

// isOwnWorkbook reports whether a workbook is one cpog exported: it has a
// « CPOG » or a « Données » sheet. Only its structure is read.
func isOwnWorkbook(body []byte) bool {
	wb, _, err := openPackage(body)
	if err != nil {
		return false
	}
	annex, data := ownSheets(wb)
	return annex != nil || data != nil
}

// ownSheetParts are the parts of the sheets an import of the tool's
// workbook reads: the others (a long « Historique ») are never expanded.
func ownSheetParts(body []byte) map[string]bool {
	read := map[string]bool{}
	wb, _, err := openPackage(body)
	if err != nil {
		return nil
	}
	annex, data := ownSheets(wb)
	for _, s := range wb.sheets {
		if annex != nil && s == *annex || data != nil && s == *data || s.name == SheetBaseline {
			read[strings.ToLower(s.file)] = true
		}
	}
	return read
}

// decodeTableXLSX reads the « CPOG » and « Données » sheets, a row at a
// time, once the workbook is known to be within bounds, and the figures as
// exported (xlsx_baseline.go).
func decodeTableXLSX(body []byte, ref *cpog.Referential, ps *problems) (annex, data *lineReader, baseline map[cpog.TargetKey]float64) {
	defer func() {
		// a file from anyone: a crash in its reading must become a
		// message, not take the interface down
		if r := recover(); r != nil {
			ps.whole("classeur XLSX illisible")
			annex, data, baseline = nil, nil, nil
		}
	}()
	if err := checkSheetBounds(body, ownSheetParts(body)); err != nil {
		var tl *errXLSXBounds
		if errors.As(err, &tl) {
			ps.whole("%s", tl.workbookMessage())
		} else {
			ps.whole("%v", err)
		}
		return nil, nil, nil
	}
	wb, err := openWorkbook(body)
	if err != nil {
		ps.whole("archive zip qui n’est pas un classeur Excel .xlsx lisible")
		return nil, nil, nil
	}
	annexSheet, dataSheet := ownSheets(wb)
	if annexSheet != nil {
		annex = newLineReader(ref, ps)
		annex.readSheet(wb, *annexSheet, true)
	}
	if dataSheet != nil {
		data = newLineReader(ref, ps)
		data.readSheet(wb, *dataSheet, false)
	}
	if annexSheet != nil && dataSheet != nil {
		baseline = readBaseline(wb, ref)
	}
	return annex, data, baseline
}

// readSheet reads a sheet of the tool's workbook: the long table, or when
// annexOK and its header says so, the annex layout.
func (lr *lineReader) readSheet(wb *workbook, sheet workbookSheet, annexOK bool) {
	name := cpog.Cite(sheet.name)
	const (
		start = iota
		annexBelow
		annexRows
		longRows
	)
	state := start
	var top []tableCell
	var locTop func(int) Problem
	var annex annexHeader
	var long longHeader
	err := wb.eachRow(sheet, func(row int, cells []xlsxCell) error {
		tc := sheetCells(cells)
		loc := func(col int) Problem { return Problem{Sheet: name, Cell: cellName(col+1, row)} }
		at := fmt.Sprintf("feuille « %s », ligne %d", name, row)
		switch state {
		case start:
			if allBlank(tc) {
				return nil
			}
			if annexOK && isAnnexHeader(tc) {
				top, locTop, state = tc, loc, annexBelow
				return nil
			}
			texts := make([]string, len(tc))
			for i, c := range tc {
				texts[i] = c.text
			}
			var ok bool
			if long, ok = readTableHeader(texts, loc, lr.ps); !ok {
				return errStop
			}
			state = longRows
		case annexBelow:
			var ok bool
			if annex, ok = readAnnexHeader(lr.ref, top, tc, locTop, loc, lr.ps); !ok {
				return errStop
			}
			state = annexRows
		case annexRows:
			lr.annexRow(annex, tc, loc, at)
		case longRows:
			lr.tableRow(long, tc, loc, at)
		}
		return nil
	})
	var tl *errXLSXBounds
	switch {
	case errors.Is(err, errStop):
	case errors.As(err, &tl):
		lr.ps.whole("%s", tl.workbookMessage())
	case err != nil:
		lr.ps.whole("feuille « %s » illisible", name)
	case state == start:
		lr.ps.whole("feuille « %s » vide", name)
	case state == annexBelow:
		lr.ps.whole("feuille « %s » : la ligne sous les années manque (attendu : %s)", name, annexExpected)
	case lr.rows == 0 && lr.ps.empty():
		lr.ps.whole("feuille « %s » : aucune ligne d’indicateur après l’en-tête", name)
	}
}

// sheetCells turns a row of a sheet into cells: texts as they are, number
// cells as numbers in the unit they show (see spreadsheetNumber).
func sheetCells(cells []xlsxCell) []tableCell {
	out := make([]tableCell, len(cells))
	nums := make([]float64, len(cells))
	for i, c := range cells {
		out[i].text = c.text
		if !c.numeric {
			continue
		}
		if v, ok := spreadsheetNumber(c.text, c.percent); ok {
			nums[i] = v
			out[i].num = &nums[i]
		}
	}
	return out
}
