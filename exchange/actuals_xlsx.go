package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog"
)

// actualsSheetNames are the sheet names read first when a workbook has
// several sheets; otherwise its first sheet is read.
var actualsSheetNames = []string{"realises", "realise", "actuals", "reels"}

// decodeActualsXLSX reads the actuals sheet of a workbook. Numeric cells are
// taken as numbers; a cell with a percent format holds a fraction (0.86 for
// 86 %), the way Excel stores rates, and is converted to percent.
func decodeActualsXLSX(body []byte, ref *cpog.Referential, ps *problems) (out map[cpog.TargetKey]float64) {
	defer func() {
		// excelize parses a file from anyone: a crash in it must become
		// a message, not take the interface down.
		if r := recover(); r != nil {
			ps.whole("classeur XLSX illisible (%v)", r)
			out = nil
		}
	}()
	if err := checkXLSXBounds(body); err != nil {
		ps.whole("%v", err)
		return nil
	}
	// UnzipXMLSizeLimit above every part's size: excelize keeps each part
	// in memory instead of a temporary file that a signal would leave in
	// $TMPDIR (checkXLSXBounds bounds them all).
	f, err := excelize.OpenReader(bytes.NewReader(body), excelize.Options{UnzipSizeLimit: maxXLSXTotal + 1, UnzipXMLSizeLimit: maxXLSXTotal + 1})
	switch {
	case errors.Is(err, excelize.ErrWorkbookPassword), err != nil && strings.Contains(err.Error(), "password"):
		ps.whole("classeur protégé par un mot de passe : enregistrez-en une copie sans mot de passe")
		return nil
	case err != nil:
		ps.whole("archive zip qui n’est pas un classeur Excel .xlsx lisible : attendu un classeur XLSX, un CSV ou un fichier d’échange JSON")
		return nil
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		ps.whole("classeur sans feuille")
		return nil
	}
	sheet := sheets[0]
	for _, s := range sheets {
		for _, n := range actualsSheetNames {
			if cpog.Fold(s) == n {
				sheet = s
			}
		}
	}
	// the rows are read as a stream, one at a time
	rows, err := f.Rows(sheet)
	if err != nil {
		ps.whole("feuille « %s » illisible", cpog.Cite(sheet))
		return nil
	}
	defer rows.Close()
	cellLoc := func(row int) func(int) Problem {
		return func(col int) Problem {
			name, _ := excelize.CoordinatesToCellName(col+1, row+1)
			return Problem{Sheet: sheet, Cell: name}
		}
	}
	var h header
	haveHeader := false
	out = map[cpog.TargetKey]float64{}
	seen := seenKeys{}
	n := 0
	for i := 0; rows.Next(); i++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			ps.whole("feuille « %s » illisible", cpog.Cite(sheet))
			return nil
		}
		if blank(cells) {
			continue
		}
		if !haveHeader {
			haveHeader = true
			var ok bool
			if h, ok = readHeader(cells, ref, cellLoc(i), ps); !ok {
				return nil
			}
			continue
		}
		n++
		r := rawRow{cells: cells, loc: cellLoc(i), where: fmt.Sprintf("ligne %d", i+1)}
		if vi := h.pos[colValue]; vi < len(cells) {
			r.numeric = numericCell(f, sheet, vi, i, cells[vi])
		}
		readActualRow(ref, h, r, seen, out, ps)
	}
	if err := rows.Error(); err != nil {
		ps.whole("feuille « %s » illisible", cpog.Cite(sheet))
		return nil
	}
	if !haveHeader {
		ps.whole("feuille « %s » vide", cpog.Cite(sheet))
	} else if n == 0 {
		ps.whole("aucune ligne de données après l’en-tête %s", expectedHeader)
	}
	return out
}

// numericCell returns the number a cell holds when it is a number (not text
// such as "22,5 %", which ParseValue reads), in percent when the cell has a
// percent format.
func numericCell(f *excelize.File, sheet string, col, row int, raw string) *float64 {
	name, err := excelize.CoordinatesToCellName(col+1, row+1)
	if err != nil {
		return nil
	}
	if t, err := f.GetCellType(sheet, name); err != nil || (t != excelize.CellTypeNumber && t != excelize.CellTypeUnset) {
		return nil
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil {
		return nil
	}
	if percentFormat(f, sheet, name) {
		v *= 100
	}
	return &v
}

// percentFormat reports whether a cell shows its number as a percentage:
// the built-in formats 9 and 10, or a custom format with an unquoted %.
func percentFormat(f *excelize.File, sheet, cell string) bool {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil || id == 0 {
		return false
	}
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	if st.NumFmt == 9 || st.NumFmt == 10 {
		return true
	}
	if st.CustomNumFmt == nil {
		return false
	}
	quoted := false
	for _, r := range *st.CustomNumFmt {
		switch {
		case r == '"':
			quoted = !quoted
		case r == '%' && !quoted:
			return true
		}
	}
	return false
}
