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
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.NewReplacer("’", "'", "‘", "'", "œ", "oe", "Œ", "oe", "æ", "ae").Replace(out)
	return strings.ToLower(strings.TrimSpace(out))
}
