package exchange

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// A row of the tool's own tables is read into what it says of one line and
// year: the figures and texts it holds. An empty cell says nothing (the
// database keeps its value); every value present is checked as a typed
// one would be, and located precisely for the messages.

// tableCell is one cell as read: its text (a CSV field, a cell's string or
// its raw number) and, for a spreadsheet's number cell, the number.
type tableCell struct {
	text string
	num  *float64
}

func (c tableCell) blank() bool { return c.num == nil && strings.TrimSpace(c.text) == "" }

// fileValue is one value a file gives: a figure or a text, and where.
type fileValue struct {
	ok    bool
	v     float64
	text  string
	where Problem // the cell, for a conflict between two sheets
}

// fileLine is what a file says of one line and year.
type fileLine struct {
	key  cpog.TargetKey
	line cpog.Line
	at   string // the row, for duplicates: "ligne 12"
	vals map[role]fileValue
}

// lineReader validates rows into fileLines, reporting every problem.
type lineReader struct {
	ref   *cpog.Referential
	ps    *problems
	seen  seenKeys
	lines map[cpog.TargetKey]*fileLine
	// seenLines finds a line given twice in a sheet with the years side
	// by side
	seenLines map[cpog.LineKey]string
	// rows counts the rows that name a line
	rows int
}

func newLineReader(ref *cpog.Referential, ps *problems) *lineReader {
	return &lineReader{ref: ref, ps: ps, seen: seenKeys{}, lines: map[cpog.TargetKey]*fileLine{}, seenLines: map[cpog.LineKey]string{}}
}

// rowCells is one data row: its cells by column, with each column's role
// and header, and how to locate a cell.
type rowCells struct {
	cells   []tableCell
	roles   []role
	headers []string
	loc     func(col int) Problem
	at      string
}

func (r rowCells) report(col int, msg string, args ...any) Problem {
	p := r.loc(col)
	p.Message = fmt.Sprintf(msg, args...)
	return p
}

func (r rowCells) cell(col int) tableCell {
	if col < 0 || col >= len(r.cells) {
		return tableCell{}
	}
	return r.cells[col]
}

// col is the first column of a role, -1 when there is none.
func (r rowCells) col(want role) int {
	for i, ro := range r.roles {
		if ro == want {
			return i
		}
	}
	return -1
}

// dataRow is a row of either table that names a line: blank rows, rows
// with a value under no header and rows without a known line are not (the
// last two reported).
func (lr *lineReader) dataRow(roles []role, headers []string, cells []tableCell, loc func(int) Problem, at string) (rowCells, cpog.Line, bool) {
	r := rowCells{cells: cells, roles: roles, headers: headers, loc: loc, at: at}
	if allBlank(cells) || !lr.unnamed(r) {
		return r, cpog.Line{}, false
	}
	l, ok := lr.keyed(r)
	return r, l, ok
}

// keyed reads the line a row names by its code and sub-indicator columns
// (or "COG-08-23 a" in the code column). ok is false when the row names
// no line and holds nothing to import (a title, a note), or when a problem
// was reported.
func (lr *lineReader) keyed(r rowCells) (cpog.Line, bool) {
	codeCol := r.col(roleCode)
	code := strings.TrimSpace(r.cell(codeCol).text)
	if code == "" {
		for i, ro := range r.roles {
			if ro.importable() && !r.cell(i).blank() {
				lr.ps.add(r.report(codeCol, "code d’indicateur manquant sur une ligne qui porte une valeur (« %s » : %s)", r.headers[i], cpog.Cite(cellText(r.cell(i)))))
				return cpog.Line{}, false
			}
		}
		return cpog.Line{}, false
	}
	l, err := resolveLine(lr.ref, code, r.cell(r.col(roleSub)).text, "dans la colonne Sous-indicateur")
	if err != nil {
		lr.ps.add(r.report(codeCol, "%v", err))
		return cpog.Line{}, false
	}
	return l, true
}

// unnamed refuses a value in a column without a header: it would be
// imported nowhere.
func (lr *lineReader) unnamed(r rowCells) bool {
	for i, ro := range r.roles {
		if ro == roleUnnamed && !r.cell(i).blank() {
			lr.ps.add(r.report(i, "valeur « %s » dans une colonne sans en-tête : nommez la colonne ou videz-la", cpog.Cite(cellText(r.cell(i)))))
			return false
		}
	}
	for i := len(r.roles); i < len(r.cells); i++ {
		if !r.cells[i].blank() {
			lr.ps.add(r.report(i, "valeur « %s » hors des colonnes de l’en-tête", cpog.Cite(cellText(r.cells[i]))))
			return false
		}
	}
	return true
}

// values reads the importable cells of a row for a line and year: the
// columns of the roles given (cols[role] = column).
func (lr *lineReader) values(r rowCells, l cpog.Line, year int, cols map[role]int) {
	k := cpog.TargetKey{LineKey: l.Key(), Year: year}
	if prev, dup := lr.seen.dup(k, r.at); dup {
		codeCol := max(r.col(roleCode), 0)
		lr.ps.add(r.report(codeCol, "%s en double (déjà %s)", keyText(k), prev))
		return
	}
	fl := &fileLine{key: k, line: l, at: r.at, vals: map[role]fileValue{}}
	ok := true
	for _, ro := range figureRoles {
		col, has := cols[ro]
		if !has || r.cell(col).blank() {
			continue
		}
		c := r.cell(col)
		v, err := cellFigure(l, year, c)
		if err != nil {
			lr.ps.add(r.report(col, "%s, colonne « %s » : %v", keyText(k), r.headers[col], err))
			ok = false
			continue
		}
		fl.vals[ro] = fileValue{ok: true, v: v, where: r.loc(col)}
	}
	for _, ro := range textRoles {
		col, has := cols[ro]
		if !has || r.cell(col).blank() {
			continue
		}
		s := Unneutralise(cellText(r.cell(col)))
		if err := cpog.CheckText(ro.label(), s); err != nil {
			lr.ps.add(r.report(col, "%s, colonne « %s » : %v", keyText(k), r.headers[col], err))
			ok = false
			continue
		}
		fl.vals[ro] = fileValue{ok: true, text: s, where: r.loc(col)}
	}
	if ok && len(fl.vals) > 0 {
		lr.lines[k] = fl
	}
}

// cellFigure reads a figure: a spreadsheet's number as it is, a text as
// typed in the interface ("22,5", "86 %", "4 500", "14 j"); either is
// checked against what the line allows that year.
func cellFigure(l cpog.Line, year int, c tableCell) (float64, error) {
	if c.num != nil {
		if err := cpog.CheckFigure(l, year, *c.num); err != nil {
			return 0, err
		}
		return *c.num, nil
	}
	return cpog.ParseFigure(l, year, strings.TrimSpace(c.text))
}

// cellText is a cell as a message cites it.
func cellText(c tableCell) string {
	if c.num != nil && c.text == "" {
		return strconv.FormatFloat(*c.num, 'g', -1, 64)
	}
	return c.text
}

// spreadsheetNumber is the number a spreadsheet's number cell holds, in
// the line's unit: a cell shown as a percentage holds a fraction (0.86 for
// 86 %). A spreadsheet stores a double with 17 digits: 85,6 % written as
// 0.856 reads back as 85.60000000000001, which is not what anyone typed;
// 15 significant digits give back every decimal a person types.
func spreadsheetNumber(raw string, percent bool) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	if percent {
		v *= 100
	}
	v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	return v, true
}

// sameFigure reports whether a file's figure is the database's: equal, or
// within a billionth of it, a difference no one can type or see.
func sameFigure(file float64, db cpog.Opt) bool {
	if !db.OK {
		return false
	}
	return file == db.V || math.Abs(file-db.V) <= 1e-9*math.Max(1, math.Abs(db.V))
}

// sameText reports whether a file's text is the database's, whatever the
// line ends: a CSV written with CRLF gives back a line feed alone.
func sameText(file, db string) bool {
	norm := strings.NewReplacer("\r\n", "\n", "\r", "\n")
	return file == db || norm.Replace(file) == norm.Replace(db)
}
