package exchange

import (
	"strings"
	"unicode"

	"github.com/cnaf-tools/cpog"
)

// French typography for the printed documents (the annex and the bilan).
// The interface and the files meant for spreadsheets keep plain spaces,
// which any terminal and any parser reads; a document a director signs
// follows the printer's rules so that a figure is never split across two
// lines and "75 %" never reads "75%":
//   - thousands are grouped by a narrow no-break space (U+202F): 8 300;
//   - "%" follows its number after a narrow no-break space: 75 %;
//   - any other unit mark (j, €, h, M, pt) and the number after a sign
//     ("+ 14 M") are held by a no-break space (U+00A0).
const (
	narrowNBSP = "\u202f"
	nbsp       = "\u00a0"
)

// figure sets a formatted figure, or a national target as the COG prints
// it ("43 %/57 %", "- 5 % par rapport à 2021"), in French typography.
// Spaces between words stay breakable: a long relative target may wrap
// after "par".
func figure(s string) string {
	if !strings.ContainsAny(s, " \u00a0\u202f%") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range rs {
		var prev, next rune
		if i > 0 {
			prev = rs[i-1]
		}
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch {
		case r == '%' && unicode.IsDigit(prev):
			b.WriteString(narrowNBSP + "%")
		case !isSpace(r):
			b.WriteRune(r)
		case next == '%' || unicode.IsDigit(prev) && unicode.IsDigit(next):
			b.WriteString(narrowNBSP)
		case unicode.IsDigit(prev) && next != 0 && !isWordStart(rs[i+1:]):
			// a unit mark after its number: "16 j", "375 M€", "+1 pt"
			b.WriteString(nbsp)
		case strings.ContainsRune("+-−", prev) && unicode.IsDigit(next):
			b.WriteString(nbsp)
		default:
			b.WriteRune(' ')
		}
	}
	return b.String()
}

func isSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }

// isWordStart reports whether what follows a number is a word of running
// text ("par rapport") rather than a unit mark ("j", "M€", "pt").
func isWordStart(rest []rune) bool {
	n := 0
	for _, r := range rest {
		if !unicode.IsLetter(r) {
			break
		}
		n++
	}
	if n == 0 {
		return false
	}
	switch string(rest[:n]) {
	case "j", "h", "M", "k", "Md", "pt", "pts", "jours", "heures":
		return false
	}
	return true
}

// prose sets French typography in running text (labels of the COG,
// comments): a percent sign after a number gets its narrow no-break space
// ("100% des Caf" reads "100 % des Caf"), and the thousands of a number
// written "10 000" are held together; nothing else is touched. A group of
// more than three digits before a space is not a number's start ("en 2023
// 125 places" keeps its space).
func prose(s string) string {
	if !needsProse(s) {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + 4)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '%' && i > 0 && unicode.IsDigit(rs[i-1]):
			b.WriteString(narrowNBSP + "%")
		case isSpace(r) && i > 0 && unicode.IsDigit(rs[i-1]) && i+1 < len(rs) && rs[i+1] == '%':
			b.WriteString(narrowNBSP + "%")
			i++
		case r == ' ' && thousandsAt(rs, i):
			b.WriteString(narrowNBSP)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// needsProse reports whether prose has anything to do: a percent sign,
// or a space between two digits. Most labels have neither, and cost a scan.
func needsProse(s string) bool {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '%':
			return true
		case s[i] == ' ' && i > 0 && i+1 < len(s) && isDigitByte(s[i-1]) && isDigitByte(s[i+1]):
			return true
		}
	}
	return false
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

// thousandsAt reports whether the space at i separates the thousands of a
// number: one to three digits (the number's start, or a group already
// seen) before it, exactly three digits after it.
func thousandsAt(rs []rune, i int) bool {
	after := 0
	for j := i + 1; j < len(rs) && unicode.IsDigit(rs[j]); j++ {
		after++
	}
	if after != 3 {
		return false
	}
	before := 0
	j := i - 1
	for ; j >= 0 && unicode.IsDigit(rs[j]); j-- {
		before++
	}
	if before == 0 || before > 3 {
		return false
	}
	// not the digits of a word such as "COG2"
	return j < 0 || !unicode.IsLetter(rs[j])
}

// text is a text from the contract (a comment, a pilot's name, an
// explanation: typed, or read from a file) as a document shows it: its
// lines one under the other (a line break of a file is kept as one, never
// as markup; HTML shows it with white-space: pre-line, Markdown with
// <br>), every other control character made visible, its typography set.
func text(s string) string {
	if s == "" {
		return ""
	}
	s = strings.TrimSpace(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s))
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = prose(cpog.Printable(l))
	}
	return strings.Join(lines, "\n")
}
