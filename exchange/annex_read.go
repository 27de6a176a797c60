package exchange

import (
	"fmt"
	"math"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// The workbook's « CPOG » sheet, read back: one row per line, each year a
// group of columns under the year (xlsx_annex.go). Its header is two rows:
// the code and the years above, the groups' columns below (« Nationale »,
// « Référence », « Caf », « Statut »). Only « Caf » is read; the others
// are cpog's. A column belongs to the year written above it or, in a
// merged group, to the nearest year on its left: a year's « Caf » column
// found twice, or without a year, means the groups were cut, and the
// sheet is refused rather than read into the wrong year.

// annexHeader is the « CPOG » sheet's header.
type annexHeader struct {
	roles   []role
	headers []string
	// years gives the year of each « Caf » column, in the sheet's order
	years []annexYearColumn
}

type annexYearColumn struct{ col, year int }

// annexHeaderKeys are the names of a year's columns.
var annexHeaderKeys = map[string]role{
	"nationale": roleIgnored, "cible nationale": roleIgnored,
	"reference": roleIgnored, "reference caf": roleIgnored,
	"statut": roleIgnored,
	"caf":    roleLocal, "cible locale": roleLocal, "proposition caf": roleLocal, "cible caf": roleLocal,
}

const annexExpected = "Nationale, Référence, Caf, Statut"

// annexYear reads a year written above a group.
func annexYear(c tableCell) (int, bool) {
	if c.num != nil {
		v := *c.num
		if v == math.Trunc(v) && v >= 1900 && v <= 2200 {
			return int(v), true
		}
		return 0, false
	}
	y, err := parseYear(strings.TrimSpace(c.text))
	return y, err == nil && y >= 1900 && y <= 2200
}

// isAnnexHeader reports whether a sheet's first row is the annex layout's:
// years above groups, no « Année » column.
func isAnnexHeader(top []tableCell) bool {
	years := false
	for _, c := range top {
		switch k := headerKey(c.text); {
		case k == "annee" || k == "year":
			return false
		default:
			if _, ok := annexYear(c); ok {
				years = true
			}
		}
	}
	return years
}

// readAnnexHeader reads the two header rows.
func readAnnexHeader(ref *cpog.Referential, top, below []tableCell, locTop, locBelow func(int) Problem, ps *problems) (annexHeader, bool) {
	width := max(len(top), len(below))
	cell := func(cells []tableCell, i int) tableCell {
		if i < len(cells) {
			return cells[i]
		}
		return tableCell{}
	}
	lay := annexHeader{roles: make([]role, width), headers: make([]string, width)}
	ok := true
	fail := func(p Problem, msg string, args ...any) {
		p.Message = fmt.Sprintf(msg, args...)
		ps.add(p)
		ok = false
	}
	code := -1
	groupYear, groupCol := 0, -1
	yearCols := map[int]int{}     // year → column of its header
	localCols := map[int]string{} // year → cell of its « Caf » header
	for i := range width {
		t, b := cell(top, i), cell(below, i)
		if headerKey(t.text) == "code" || headerKey(b.text) == "code" {
			if code >= 0 {
				fail(locTop(i), "colonne « Code » en double")
			}
			code = i
			lay.roles[i], lay.headers[i] = roleCode, "Code"
			continue
		}
		if y, isYear := annexYear(t); isYear {
			if err := checkYear(ref, y); err != nil {
				fail(locTop(i), "%v", err)
			}
			if prev, dup := yearCols[y]; dup {
				fail(locTop(i), "année %d en double dans l’en-tête (déjà colonne %s)", y, columnName(prev))
			}
			yearCols[y] = i
			groupYear, groupCol = y, i
		}
		name := strings.TrimSpace(b.text)
		ro, known := annexHeaderKeys[headerKey(name)]
		switch {
		case groupCol < 0:
			// before the first year: code, label and the like
			if known && ro.importable() {
				fail(locBelow(i), "colonne « %s » sans année au-dessus : l’en-tête des années a été modifié (attendu : l’année au-dessus de chaque groupe %s)", cpog.Cite(name), annexExpected)
			}
			lay.roles[i] = roleIgnored
		case name == "" && b.num == nil:
			lay.roles[i] = roleUnnamed
		case !known:
			fail(locBelow(i), "colonne inconnue « %s » sous l’année %d (attendu : %s)", cpog.Cite(cellText(b)), groupYear, annexExpected)
		case ro == roleLocal:
			here := locBelow(i).Cell
			if prev, dup := localCols[groupYear]; dup {
				fail(locBelow(i), "deux colonnes « Caf » pour l’année %d (%s et %s) : une année de l’en-tête a sans doute été effacée ; rétablissez l’en-tête exporté", groupYear, prev, here)
			}
			localCols[groupYear] = here
			lay.roles[i], lay.headers[i] = roleLocal, fmt.Sprintf("%s %d", name, groupYear)
			lay.years = append(lay.years, annexYearColumn{col: i, year: groupYear})
		default:
			lay.roles[i] = roleIgnored
		}
	}
	switch {
	case code < 0:
		fail(locTop(0), "en-tête incomplet, colonne « Code » absente : chaque ligne doit dire son indicateur")
	case len(lay.years) == 0 && ok:
		fail(locBelow(0), "en-tête incomplet : la ligne sous les années doit nommer les colonnes de chaque année (%s)", annexExpected)
	}
	return lay, ok
}

// annexRow reads one row of the « CPOG » sheet: a line, its figure for
// each year. Rows without a code (an axis, a fiche, the note) are titles.
func (lr *lineReader) annexRow(lay annexHeader, cells []tableCell, loc func(int) Problem, at string) {
	r, l, ok := lr.dataRow(lay.roles, lay.headers, cells, loc, at)
	if !ok {
		return
	}
	if prev, dup := lr.seenLines[l.Key()]; dup {
		lr.ps.add(r.report(r.col(roleCode), "%s en double (déjà %s)", l.Key(), prev))
		return
	}
	lr.seenLines[l.Key()] = at
	for _, yc := range lay.years {
		lr.values(r, l, yc.year, map[role]int{roleLocal: yc.col})
	}
	lr.rows++
}

// columnName is a column's letters: 0 is "A".
func columnName(i int) string {
	name := cellName(i+1, 1)
	return strings.TrimSuffix(name, "1")
}
