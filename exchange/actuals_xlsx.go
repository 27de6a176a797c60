package exchange

import (
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog"
)

// actualsSheetNames are the sheet names read first when a workbook has
// several sheets; otherwise its first sheet is read.
var actualsSheetNames = []string{"realises", "realise", "actuals", "reels"}

// decodeActualsXLSX reads the actuals sheet of a workbook, a row at a time
// (see workbook), once its dimensions are known to be within bounds
// (checkXLSXBounds). Numeric cells are taken as numbers; a cell with a
// percent format holds a fraction (0.86 for 86 %), the way Excel stores
// rates, and is converted to percent.
func decodeActualsXLSX(body []byte, ref *cpog.Referential, ps *problems) (out map[cpog.TargetKey]float64) {
	defer func() {
		// a file from anyone: a crash in its reading must become a
		// message, not take the interface down
		if r := recover(); r != nil {
			ps.whole("classeur XLSX illisible")
			out = nil
		}
	}()
	if err := checkXLSXBounds(body); err != nil {
		ps.whole("%v", err)
		return nil
	}
	wb, err := openWorkbook(body)
	if err != nil {
		ps.whole("archive zip qui n’est pas un classeur Excel .xlsx lisible : attendu un classeur XLSX, un CSV ou un fichier d’échange JSON")
		return nil
	}
	if len(wb.sheets) == 0 {
		ps.whole("classeur sans feuille")
		return nil
	}
	sheet := wb.sheets[0]
	for _, s := range wb.sheets {
		for _, n := range actualsSheetNames {
			if cpog.Fold(s.name) == n {
				sheet = s
			}
		}
	}
	name := cpog.Cite(sheet.name)
	var h header
	haveHeader := false
	out = map[cpog.TargetKey]float64{}
	seen := seenKeys{}
	n := 0
	var texts []string
	err = wb.eachRow(sheet, func(row int, cells []xlsxCell) error {
		texts = texts[:0]
		for _, c := range cells {
			texts = append(texts, c.text)
		}
		if blank(texts) {
			return nil
		}
		loc := func(col int) Problem {
			cell, _ := excelize.CoordinatesToCellName(col+1, row)
			return Problem{Sheet: name, Cell: cell}
		}
		if !haveHeader {
			haveHeader = true
			var ok bool
			if h, ok = readHeader(texts, ref, loc, ps); !ok {
				return errStop
			}
			return nil
		}
		n++
		// readActualRow keeps no reference to the row's cells
		r := rawRow{cells: texts, loc: loc, where: fmt.Sprintf("ligne %d", row)}
		if vi := h.pos[colValue]; vi >= 0 && vi < len(cells) {
			r.numeric = numericCell(cells[vi])
		}
		readActualRow(ref, h, r, seen, out, ps)
		return nil
	})
	switch {
	case errors.Is(err, errStop):
		return nil
	case err != nil:
		var tl *errXLSXBounds
		if errors.As(err, &tl) {
			ps.whole("%v", err)
		} else {
			ps.whole("feuille « %s » illisible", name)
		}
		return nil
	case !haveHeader:
		ps.whole("feuille « %s » vide", name)
	case n == 0:
		ps.whole("aucune ligne de données après l’en-tête %s", expectedHeader)
	case len(out) == 0 && ps.empty():
		ps.whole("%s", noActuals)
	}
	return out
}

// errStop ends the reading of a sheet whose problems are reported.
var errStop = errors.New("stop")

// numericCell returns the number a cell holds when it is a number (not text
// such as "22,5 %", which ParseValue reads), in percent when the cell has a
// percent format (see spreadsheetNumber).
func numericCell(c xlsxCell) *float64 {
	if !c.numeric {
		return nil
	}
	v, ok := spreadsheetNumber(c.text, c.percent)
	if !ok {
		return nil
	}
	return &v
}
