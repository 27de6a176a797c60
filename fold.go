package cpog

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lowers s and strips its accents and typographic quotes so that
// "delai" finds "Délai" and "l'Ardeche" finds "l’Ardèche".
//
// ASCII needs none of that: files name their columns, modes and statuses
// in ASCII, and an import folds such a name for each of its thousand rows.
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(strings.TrimSpace(s))
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.NewReplacer("’", "'", "‘", "'", "œ", "oe", "Œ", "oe", "æ", "ae").Replace(out)
	return strings.ToLower(strings.TrimSpace(out))
}

// key folds s and drops its spaces, hyphens and underscores: how a mode or
// a status is recognised however it is typed.
func key(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '_' {
			return -1
		}
		return r
	}, Fold(s))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
