package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// The long table, one row per line and year: the tool's CSV and the
// workbook's « Données » sheet (and the « CPOG » sheet of the workbooks
// cpog wrote before the annex layout).

// longHeader is a long table's header: each column's role and header.
type longHeader struct {
	roles   []role
	headers []string
	cols    map[role]int
}

// readTableHeader reads the header row; loc locates a column.
func readTableHeader(cells []string, loc func(int) Problem, ps *problems) (longHeader, bool) {
	lay := longHeader{cols: map[role]int{}}
	for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
		cells = cells[:len(cells)-1]
	}
	ok := true
	for i, c := range cells {
		name := strings.TrimSpace(c)
		ro, known := tableColumns[headerKey(name)]
		switch {
		case name == "":
			ro = roleUnnamed
		case !known:
			p := loc(i)
			p.Message = fmt.Sprintf("colonne inconnue « %s » (colonnes lues : %s)", cpog.Cite(name), tableHeaderNames)
			ps.add(p)
			ok = false
		case ro != roleIgnored:
			if prev, dup := lay.cols[ro]; dup {
				p := loc(i)
				p.Message = fmt.Sprintf("colonne « %s » en double (déjà « %s »)", cpog.Cite(name), cpog.Cite(lay.headers[prev]))
				ps.add(p)
				ok = false
			}
			lay.cols[ro] = i
		}
		lay.roles = append(lay.roles, ro)
		lay.headers = append(lay.headers, cpog.Cite(name))
	}
	var missing []string
	for _, m := range []struct {
		ro   role
		name string
	}{{roleCode, "Code"}, {roleYear, "Année"}} {
		if _, has := lay.cols[m.ro]; !has {
			missing = append(missing, "« "+m.name+" »")
		}
	}
	if len(missing) > 0 {
		p := loc(0)
		p.Message = fmt.Sprintf("en-tête incomplet, colonne %s absente : chaque ligne doit dire son indicateur et son année (colonnes lues : %s)", strings.Join(missing, " et "), tableHeaderNames)
		ps.add(p)
		ok = false
	}
	return lay, ok
}

// tableRow reads one data row of a long table.
func (lr *lineReader) tableRow(lay longHeader, cells []tableCell, loc func(int) Problem, at string) {
	r, l, ok := lr.dataRow(lay.roles, lay.headers, cells, loc, at)
	if !ok {
		return
	}
	yc := lay.cols[roleYear]
	year, err := parseYear(strings.TrimSpace(r.cell(yc).text))
	if err == nil {
		err = checkYear(lr.ref, year)
	}
	if err != nil {
		lr.ps.add(r.report(yc, "%s : %v", l.Key(), err))
		return
	}
	lr.values(r, l, year, lay.cols)
	lr.rows++
}

func allBlank(cells []tableCell) bool {
	for _, c := range cells {
		if !c.blank() {
			return false
		}
	}
	return true
}

// csvHeader is the first record of a CSV and its separator.
func csvHeader(body []byte) ([]string, rune, bool) {
	sep, ok := separator(body)
	if !ok {
		return nil, 0, false
	}
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = sep
	r.FieldsPerRecord = -1
	for {
		rec, err := r.Read()
		if err != nil {
			return nil, 0, false
		}
		if !blank(rec) {
			return rec, sep, true
		}
	}
}

// decodeTableCSV reads the tool's own CSV (or one a spreadsheet saved from
// it: ';' or ',', with or without BOM, CRLF or LF).
func decodeTableCSV(body []byte, ref *cpog.Referential, ps *problems) *lineReader {
	lr := newLineReader(ref, ps)
	sep, _ := separator(body)
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = sep
	r.FieldsPerRecord = -1
	var lay longHeader
	haveHeader := false
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				ps.line(pe.Line, "CSV illisible : %s", csvMessage(pe))
				if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
					return lr
				}
				continue
			}
			ps.whole("CSV illisible : %v", err)
			return lr
		}
		line, _ := r.FieldPos(0)
		loc := func(col int) Problem { return Problem{Line: line, Column: col + 1} }
		if !haveHeader {
			if blank(rec) {
				continue
			}
			haveHeader = true
			var ok bool
			if lay, ok = readTableHeader(rec, loc, ps); !ok {
				return lr
			}
			continue
		}
		cells := make([]tableCell, len(rec))
		for i, s := range rec {
			cells[i] = tableCell{text: s}
		}
		lr.tableRow(lay, cells, loc, fmt.Sprintf("ligne %d", line))
	}
	if haveHeader && lr.rows == 0 && ps.empty() {
		ps.whole("aucune ligne de données après l’en-tête")
	}
	return lr
}
