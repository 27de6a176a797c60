package exchange

import "strings"

// Neutralise defuses text that a spreadsheet would run as a formula: a cell
// starting with =, +, -, @, a tab, a carriage return (or a line feed, which
// the CSV writes for it) gets a leading apostrophe, the OWASP advice
// against CSV injection. Comments come from
// whoever typed them (or from a file received from someone else); a comment
// "=HYPERLINK(…)" must stay text when the director opens the export.
//
// A text whose leading apostrophes are followed by such a character gets
// one more, so that Unneutralise gives every text back exactly: the tool's
// own CSV and workbook are imported back.
func Neutralise(s string) string {
	if formulaStart(strings.TrimLeft(s, "'")) {
		return "'" + s
	}
	return s
}

// Unneutralise is the inverse of Neutralise: the text of a cell as it was
// before the export defused it.
func Unneutralise(s string) string {
	if strings.HasPrefix(s, "'") && formulaStart(strings.TrimLeft(s, "'")) {
		return s[1:]
	}
	return s
}

func formulaStart(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\n':
		return true
	}
	return false
}

// csvText is a text as the CSV writes it: defused, its line ends line
// feeds (the CSV writer drops a carriage return, which would join two
// lines of a comment; a CSV reader gives line feeds back).
func csvText(s string) string {
	return Neutralise(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s))
}
