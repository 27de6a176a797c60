package exchange

// Neutralise defuses text that a spreadsheet would run as a formula: a cell
// starting with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, the OWASP advice against CSV injection. Comments come from
// whoever typed them (or from a file received from someone else); a comment
// "=HYPERLINK(…)" must stay text when the director opens the export.
func Neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
