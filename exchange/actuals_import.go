package exchange

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// Actuals files have one row per line and year: columns code, year, value
// and, for indicators measured per channel, sub. French names are accepted
// (code;année;valeur;sous-indicateur), in any order, case and accents
// ignored.

type column int

const (
	colCode column = iota
	colYear
	colValue
	colSub
	nColumns
	// colSkip is a column read by people, not by the import: the label
	// and the unit of the actuals template (actuals_template.go)
	colSkip column = -1
)

var columnNames = map[string]column{
	"code": colCode, "indicateur": colCode, "code indicateur": colCode, "code de l'indicateur": colCode,
	"year": colYear, "annee": colYear,
	"value": colValue, "valeur": colValue, "realise": colValue, "actual": colValue,
	"sub": colSub, "sous-indicateur": colSub, "sous indicateur": colSub, "sous_indicateur": colSub, "sub-indicator": colSub,
	"libelle": colSkip, "label": colSkip, "unite": colSkip, "unit": colSkip,
}

const expectedHeader = "code;année;valeur[;sous-indicateur] (ou code;year;value[;sub])"

// header maps columns to their positions.
type header struct {
	pos   [nColumns]int
	width int
	comma bool // a CSV separated by commas, where a decimal comma splits a value
}

// readHeader reads the header row; loc locates a cell by its index for
// the messages.
func readHeader(cells []string, ref *cpog.Referential, loc func(i int) Problem, ps *problems) (header, bool) {
	h := header{width: len(cells)}
	for i := range h.pos {
		h.pos[i] = -1
	}
	for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
		cells = cells[:len(cells)-1]
	}
	if len(cells) > 0 {
		if _, err := lookup(ref, cells[0]); err == nil {
			p := loc(0)
			p.Message = "en-tête manquant : la première ligne doit nommer les colonnes " + expectedHeader
			ps.add(p)
			return h, false
		}
	}
	ok := true
	for i, c := range cells {
		name := cpog.Fold(strings.Trim(c, " \"'"))
		col, known := columnNames[name]
		switch {
		case name == "":
			p := loc(i)
			p.Message = "colonne sans nom dans l’en-tête (attendu : " + expectedHeader + ")"
			ps.add(p)
			ok = false
		case !known:
			p := loc(i)
			p.Message = fmt.Sprintf("colonne inconnue « %s » (attendu : %s)", cpog.Cite(strings.TrimSpace(c)), expectedHeader)
			ps.add(p)
			ok = false
		case col == colSkip:
		case h.pos[col] >= 0:
			p := loc(i)
			p.Message = fmt.Sprintf("colonne « %s » en double", cpog.Cite(strings.TrimSpace(c)))
			ps.add(p)
			ok = false
		default:
			h.pos[col] = i
		}
	}
	var missing []string
	for col, name := range []string{"code", "année", "valeur"} {
		if h.pos[col] < 0 {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 && ok {
		p := loc(0)
		p.Message = fmt.Sprintf("en-tête incomplet, il manque : %s (attendu : %s)", strings.Join(missing, ", "), expectedHeader)
		ps.add(p)
		ok = false
	}
	return h, ok
}

// rawRow is one data row as read, before validation.
type rawRow struct {
	cells []string
	// numeric holds the value of a numeric spreadsheet cell (already in
	// the indicator's unit), which needs no parsing.
	numeric *float64
	// loc locates cell i of the row; where names the row for duplicates.
	loc   func(i int) Problem
	where string
}

func (h header) cell(r rawRow, c column) string {
	i := h.pos[c]
	if i < 0 || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

// readActualRow validates one row and adds it to out.
func readActualRow(ref *cpog.Referential, h header, r rawRow, seen seenKeys, out map[cpog.TargetKey]float64, ps *problems) {
	report := func(c column, msg string, args ...any) {
		i := h.pos[c]
		if i < 0 {
			i = 0
		}
		p := r.loc(i)
		p.Message = fmt.Sprintf(msg, args...)
		ps.add(p)
	}
	for i := h.width; i < len(r.cells); i++ {
		if strings.TrimSpace(r.cells[i]) != "" {
			p := r.loc(i)
			p.Message = fmt.Sprintf("valeur « %s » hors des colonnes de l’en-tête", cpog.Cite(strings.TrimSpace(r.cells[i])))
			if h.comma {
				p.Message += " (un nombre à virgule dans un CSV séparé par des virgules doit être entre guillemets : \"22,5\")"
			}
			ps.add(p)
			return
		}
	}
	l, err := resolveLine(ref, h.cell(r, colCode), h.cell(r, colSub), "dans la colonne sous-indicateur")
	if err != nil {
		report(colCode, "%v", err)
		return
	}
	yearText := h.cell(r, colYear)
	year, err := parseYear(yearText)
	if err != nil {
		report(colYear, "%v", err)
		return
	}
	if err := checkYear(ref, year); err != nil {
		report(colYear, "%s : %v", l.Key(), err)
		return
	}
	k := cpog.TargetKey{LineKey: l.Key(), Year: year}
	if prev, dup := seen.dup(k, r.where); dup {
		report(colCode, "%s en double (déjà %s)", keyText(k), prev)
		return
	}
	var v float64
	switch text := h.cell(r, colValue); {
	case r.numeric != nil:
		v = *r.numeric
		if err := cpog.CheckFigure(l, year, v); err != nil {
			report(colValue, "%s : %v", keyText(k), err)
			return
		}
	case text == "":
		// a row left empty says nothing: the actuals template lists
		// every line, to be filled where the actual is known
		return
	default:
		v, err = cpog.ParseFigure(l, year, text)
		if err != nil {
			report(colValue, "%s : %v", keyText(k), err)
			return
		}
	}
	out[k] = v
}

func parseYear(s string) (int, error) {
	if s == "" {
		return 0, fmt.Errorf("année manquante")
	}
	if y, err := strconv.Atoi(s); err == nil {
		return y, nil
	}
	// A spreadsheet may hold the year as a number with decimals ("2025.0").
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1e6 {
		return int(f), nil
	}
	return 0, fmt.Errorf("année illisible : « %s »", cpog.Cite(s))
}
