package exchange

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog"
)

// Number formats of the workbook. Rates are stored as fractions (0.86 for
// 86 %) with a percent format, so that Excel computes with them as rates;
// gaps on rates are in points, stored as numbers with a " pt" format;
// delays carry " j", volumes a thousands separator. The codes use Excel's
// invariant syntax: a French Excel shows "86 %", "4 500", "22,5".

// cellValue is the number stored for a figure of a unit.
func cellValue(v float64, u cpog.Unit) float64 {
	if u == cpog.UnitPercent {
		return v / 100
	}
	return v
}

// decimals is how many decimals (at most two) a figure needs to be shown
// as it is.
func decimals(v float64) int {
	s := strconv.FormatFloat(cpog.Round(math.Abs(v), 2), 'f', -1, 64)
	_, frac, _ := strings.Cut(s, ".")
	return len(frac)
}

func fixed(dec int) string {
	if dec == 0 {
		return "0"
	}
	return "0." + strings.Repeat("0", dec)
}

// valueFormat is the format of a value (target, reference, actual).
func valueFormat(u cpog.Unit, dec int) string {
	switch u {
	case cpog.UnitPercent:
		return fixed(dec) + "%"
	case cpog.UnitDays:
		return fixed(dec) + `" j"`
	case cpog.UnitCount:
		return "#,##" + fixed(dec)
	case cpog.UnitHours:
		return "#,##" + fixed(dec) + `" h"`
	case cpog.UnitEuros:
		return "#,##" + fixed(dec) + `" €"`
	}
	return "#,##" + fixed(dec)
}

// gapFormat is the format of a gap: signed, in points for rates.
func gapFormat(u cpog.Unit, dec int) string {
	n := fixed(dec)
	suffix := ""
	switch u {
	case cpog.UnitPercent:
		suffix = `" pt"`
	case cpog.UnitDays:
		suffix = `" j"`
	case cpog.UnitHours:
		suffix = `" h"`
	case cpog.UnitEuros:
		suffix = `" €"`
	}
	if u.IsVolume() || u == cpog.UnitRatio {
		n = "#,##" + n
	}
	return "+" + n + suffix + ";-" + n + suffix + ";0" + suffix
}

// look is how a sheet lays out its cells: the « Données », « Synthèse »
// and « Historique » sheets are plain lists for filters and formulas;
// the sheets made to be printed (« CPOG », « Bilan », « Engagements »)
// draw a grid, align cells to the top of their wrapped rows and shrink a
// figure that does not fit its column rather than print "###".
type look int

const (
	lookPlain look = iota
	lookGrid
)

type styleKey struct {
	format string
	look   look
}

// xlsxStyles creates each style once per workbook.
type xlsxStyles struct {
	f                             *excelize.File
	byFormat                      map[styleKey]int
	header, bold, date, percent   int
	boldPercent, boldInt, comment int
	// the printed sheets': header cells, text cells (wrapped), bold text,
	// the rows that title an axis or a fiche, and centred text
	gridHeader, gridText, gridBold  int
	gridAxis, gridFiche, gridCenter int
	title                           int
	// gridIndent holds text cells indented by one and two levels
	gridIndent [3]int
}

var gridBorder = []excelize.Border{
	{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
	{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1},
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	s := &xlsxStyles{f: f, byFormat: map[styleKey]int{}}
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.header = mk(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    border,
	})
	s.bold = mk(&excelize.Style{Font: &excelize.Font{Bold: true}})
	dateFmt := "dd/mm/yyyy hh:mm"
	s.date = mk(&excelize.Style{CustomNumFmt: &dateFmt})
	pct := "0%"
	s.percent = mk(&excelize.Style{CustomNumFmt: &pct})
	s.boldPercent = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, CustomNumFmt: &pct})
	s.boldInt = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 1})
	s.comment = mk(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	s.gridHeader = mk(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    gridBorder,
	})
	s.gridText = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: gridBorder})
	s.gridBold = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: gridBorder})
	s.gridIndent[0] = s.gridText
	for i := 1; i < len(s.gridIndent); i++ {
		s.gridIndent[i] = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true, Indent: 2 * i}, Border: gridBorder})
	}
	s.gridCenter = mk(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}, Border: gridBorder})
	s.gridAxis = mk(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Size: 12},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C9D5E6"}},
		Alignment: &excelize.Alignment{Vertical: "center"},
		Border:    gridBorder,
	})
	s.gridFiche = mk(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEF2F7"}},
		Alignment: &excelize.Alignment{Vertical: "center"},
		Border:    gridBorder,
	})
	s.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	if err != nil {
		return nil, fmt.Errorf("styles: %w", err)
	}
	return s, nil
}

func (s *xlsxStyles) format(code string, lk look) (int, error) {
	k := styleKey{code, lk}
	if id, ok := s.byFormat[k]; ok {
		return id, nil
	}
	c := code
	st := &excelize.Style{CustomNumFmt: &c}
	if lk == lookGrid {
		st.Border = gridBorder
		st.Alignment = &excelize.Alignment{Horizontal: "right", Vertical: "top", ShrinkToFit: true}
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, fmt.Errorf("style %q: %w", code, err)
	}
	s.byFormat[k] = id
	return id, nil
}

// value is a numeric cell holding a figure of a unit.
func (s *xlsxStyles) value(v float64, u cpog.Unit) (excelize.Cell, error) {
	return s.valueIn(v, u, lookPlain)
}

func (s *xlsxStyles) valueIn(v float64, u cpog.Unit, lk look) (excelize.Cell, error) {
	if !isFinite(v) {
		return excelize.Cell{Value: noFigure}, nil
	}
	id, err := s.format(valueFormat(u, decimals(v)), lk)
	return excelize.Cell{StyleID: id, Value: cellValue(v, u)}, err
}

// gap is a numeric cell holding a gap, in points for rates.
func (s *xlsxStyles) gap(v float64, u cpog.Unit) (excelize.Cell, error) {
	if !isFinite(v) {
		return excelize.Cell{Value: noFigure}, nil
	}
	id, err := s.format(gapFormat(u, decimals(v)), lookPlain)
	return excelize.Cell{StyleID: id, Value: v}, err
}

// text is a text cell of a printed sheet in a style.
func textCell(style int, s string) excelize.Cell { return excelize.Cell{StyleID: style, Value: s} }
