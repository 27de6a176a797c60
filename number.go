package cpog

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// ErrEmpty is returned when a value to parse is blank.
var ErrEmpty = errors.New("valeur vide")

// normalizeNumber maps the characters a French keyboard, a PDF or a
// spreadsheet may put in a number to the few the parser knows.
func normalizeNumber(s string) string {
	// strings.Map returns s itself when nothing changes: the common case
	// costs no allocation (building a Replacer at each call was most of the
	// cost of reading a figure).
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch r {
		case '\u00a0', // no-break space (Excel, Word)
			'\u202f', // narrow no-break space (French typography)
			'\u2009', // thin space
			'\t':
			return ' '
		case '\u2212', // minus sign
			'\u2013': // en dash typed as a minus
			return '-'
		}
		return r
	}, s))
}

// suffix is a unit mark typed after a number.
type suffix struct {
	text  string
	unit  Unit // the unit it belongs to; "" for a multiplier valid for volumes
	scale float64
}

// suffixes are tried longest first so that "M€" wins over "€".
var suffixes = []suffix{
	{"jours", UnitDays, 1},
	{"jour", UnitDays, 1},
	{"M€", UnitEuros, 1e6},
	{"k€", UnitEuros, 1e3},
	{"Md", "", 1e9},
	{"%", UnitPercent, 1},
	{"j", UnitDays, 1},
	{"€", UnitEuros, 1},
	{"h", UnitHours, 1},
	{"M", "", 1e6},
	{"k", "", 1e3},
}

// ParseValue reads a number as a director types or reads it ("4 500",
// "22,5", "22,5 %", "16 j", "+ 14 M", "375 M", "-0,15 %") and checks its
// unit mark against the indicator's unit. The decimal separator is the
// comma (a point is accepted too); spaces group thousands. Whether the
// number is plausible for an indicator is CheckFigure's question. Errors
// are in French, for the user.
func ParseValue(text string, unit Unit) (float64, error) {
	s := normalizeNumber(text)
	if s == "" {
		return 0, ErrEmpty
	}
	neg := false
	switch s[0] {
	case '+':
		s = strings.TrimSpace(s[1:])
	case '-':
		neg = true
		s = strings.TrimSpace(s[1:])
	}
	scale := 1.0
	for _, sf := range suffixes {
		if !strings.HasSuffix(s, sf.text) {
			continue
		}
		if sf.unit != "" && sf.unit != unit {
			return 0, fmt.Errorf("%s : l’unité « %s » ne convient pas à un indicateur en %s", quoteText(text), sf.text, unit.Label())
		}
		if sf.unit == "" && !unit.IsVolume() {
			return 0, fmt.Errorf("%s : le multiplicateur « %s » ne s’emploie que pour des volumes (nombre, heures, euros)", quoteText(text), sf.text)
		}
		scale = sf.scale
		s = strings.TrimSpace(strings.TrimSuffix(s, sf.text))
		break
	}
	v, err := parseDigits(s)
	if err != nil {
		return 0, fmt.Errorf("%s n’est pas un nombre : %w", quoteText(text), err)
	}
	v *= scale
	if neg {
		v = -v
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("%s : nombre hors limites", quoteText(text))
	}
	return v, nil
}

// maxQuoted is how many characters of a bad value a message cites: enough
// to recognise it, never a whole pasted page.
const maxQuoted = 40

// quoteText cites a typed text in a message: quoted with Go's escapes, so
// that control characters and invalid UTF-8 cannot reach a terminal raw,
// and cut to maxQuoted characters.
func quoteText(s string) string {
	if r := []rune(s); len(r) > maxQuoted {
		s = string(r[:maxQuoted]) + "…"
	}
	return strconv.Quote(s)
}

// runeText names a character in a message: itself when printable, its
// code point otherwise (an escape character must not reach a terminal).
func runeText(r rune) string {
	if unicode.IsPrint(r) {
		return string(r)
	}
	return fmt.Sprintf("U+%04X", r)
}

// parseDigits reads an unsigned French decimal: digit groups of three
// separated by single spaces, then an optional comma (or point) and decimals.
func parseDigits(s string) (float64, error) {
	if s == "" {
		return 0, errors.New("aucun chiffre")
	}
	intPart, frac := s, ""
	if i := strings.IndexAny(s, ",."); i >= 0 {
		intPart, frac = s[:i], s[i+1:]
		if frac == "" {
			return 0, errors.New("aucun chiffre après la virgule")
		}
		for _, r := range frac {
			if r < '0' || r > '9' {
				return 0, fmt.Errorf("caractère inattendu « %s » après la virgule", runeText(r))
			}
		}
	}
	intPart = strings.TrimSpace(intPart)
	if intPart == "" {
		return 0, errors.New("aucun chiffre avant la virgule")
	}
	groups := strings.Split(intPart, " ")
	var digits strings.Builder
	for i, g := range groups {
		if g == "" {
			return 0, errors.New("espaces en trop entre les chiffres")
		}
		for _, r := range g {
			if r < '0' || r > '9' {
				if unicode.IsLetter(r) {
					return 0, fmt.Errorf("lettre inattendue « %s »", runeText(r))
				}
				return 0, fmt.Errorf("caractère inattendu « %s »", runeText(r))
			}
		}
		if i > 0 && len(g) != 3 {
			return 0, errors.New("les milliers se séparent par groupes de trois chiffres (ex. 4 500)")
		}
		if i == 0 && len(groups) > 1 && len(g) > 3 {
			return 0, errors.New("les milliers se séparent par groupes de trois chiffres (ex. 4 500)")
		}
		digits.WriteString(g)
	}
	num := digits.String()
	if frac != "" {
		num += "." + frac
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, errors.New("nombre illisible")
	}
	return v, nil
}

// FormatNumber writes v the French way: thousands grouped by spaces, a
// decimal comma, and as many decimals as needed to read back exactly.
func FormatNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// FormatValue writes v with its unit mark as ParseValue reads it back
// exactly: "22,5 %", "16 j", "4 500", "160,4 €".
func FormatValue(v float64, unit Unit) string {
	n := FormatNumber(v)
	switch unit {
	case UnitPercent:
		return n + " %"
	case UnitDays:
		return n + " j"
	case UnitEuros:
		return n + " €"
	case UnitHours:
		return n + " h"
	}
	return n
}

// Round rounds v to the given number of decimals; it keeps computed figures
// (shares, paths, gaps) free of floating-point noise on screen and in files.
func Round(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	r := math.Round(v*p) / p
	if r == 0 {
		return 0 // no "-0"
	}
	return r
}

// volumeDecimals is how many decimals a computed volume shows: none for
// hundreds of places or hours, one below (a small Caf's quote-part of 1,1
// centre social), two for amounts under 1 000 € (a cost of 160,4 € per unit).
func volumeDecimals(v float64, unit Unit) int {
	switch {
	case unit == UnitEuros && math.Abs(v) < 1000:
		return 2
	case math.Abs(v) >= 100:
		return 0
	}
	return 1
}

// FormatCompact writes a computed value rounded for reading in a table
// column: two decimals at most for rates, delays, ratios and small amounts,
// whole units for large volumes, and millions abbreviated ("14,5 M") when
// they are very large.
func FormatCompact(v float64, unit Unit) string {
	if unit.IsVolume() {
		if math.Abs(v) >= 10e6 {
			return FormatNumber(Round(v/1e6, 1)) + " M"
		}
		return FormatNumber(Round(v, volumeDecimals(v, unit)))
	}
	n := FormatNumber(Round(v, 2))
	switch unit {
	case UnitPercent:
		return n + " %"
	case UnitDays:
		return n + " j"
	}
	return n
}

// FormatRise writes a rise with its sign, as the COG prints increments:
// "+28 000", "+14 M".
func FormatRise(v float64, unit Unit) string {
	if v < 0 {
		return FormatCompact(v, unit)
	}
	return "+" + FormatCompact(v, unit)
}

// FormatSigned writes a gap with an explicit sign ("+1", "−400", "0") in the
// gap's unit: points for rates, days for delays, units for volumes.
func FormatSigned(v float64, unit Unit) string {
	r := Round(v, 2)
	if unit.IsVolume() {
		r = Round(v, volumeDecimals(v, unit))
	}
	var s string
	if unit.IsVolume() && math.Abs(r) >= 10e6 {
		s = FormatNumber(Round(math.Abs(r)/1e6, 1)) + " M"
	} else {
		s = FormatNumber(math.Abs(r))
	}
	switch {
	case r > 0:
		s = "+" + s
	case r < 0:
		s = "−" + s
	}
	switch unit {
	case UnitPercent:
		return s + " pt"
	case UnitDays:
		return s + " j"
	}
	return s
}
