package cpog

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lowers s and strips its accents and typographic quotes so that
// "delai" finds "Délai" and "l'Ardeche" finds "l’Ardèche".
//
// ASCII needs none of that: files name their columns, modes and statuses
// in ASCII, and an import folds such a name for each of its thousand rows.
// French text takes a rune-by-rune path: the search folds some five hundred
// labels at each key typed.
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(strings.TrimSpace(s))
	}
	if out, ok := foldLatin(s); ok {
		return strings.TrimSpace(out)
	}
	return foldAny(s)
}

// foldAny is Fold for any text: decompose, drop the combining marks,
// recompose, then replace the quotes and ligatures and lower.
func foldAny(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.NewReplacer("’", "'", "‘", "'", "œ", "oe", "Œ", "oe", "æ", "ae").Replace(out)
	return strings.ToLower(strings.TrimSpace(out))
}

// latinEnd bounds the runes foldLatin folds alone: the Latin letters
// (Latin-1, Extended-A and B), whose canonical decompositions are a letter
// and combining marks, so that folding each rune apart is folding the
// whole (TestFoldLatinIsFoldAny checks each of them).
const latinEnd = 0x250

// foldLatin is foldAny, untrimmed, rune by rune, for text of the Latin
// letters, punctuation and symbols; ok is false for anything else
// (combining marks, other scripts, invalid UTF-8), which foldAny handles.
func foldLatin(s string) (string, bool) {
	if !utf8.ValidString(s) {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(s))
	var enc [utf8.UTFMax]byte
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		case r == '’' || r == '‘':
			b.WriteByte('\'')
			continue
		case r >= latinEnd && !foldsToItself(r):
			return "", false
		}
		base := r
		if d := norm.NFD.Properties(enc[:utf8.EncodeRune(enc[:], r)]).Decomposition(); d != nil {
			first, n := utf8.DecodeRune(d)
			for _, m := range string(d[n:]) {
				if !unicode.Is(unicode.Mn, m) {
					return "", false
				}
			}
			base = first
		}
		switch base {
		case 'œ', 'Œ':
			b.WriteString("oe")
		case 'æ':
			b.WriteString("ae")
		default:
			b.WriteRune(unicode.ToLower(base))
		}
	}
	return b.String(), true
}

// foldsToItself reports the punctuation and symbols of French text beyond
// the Latin letters that Fold leaves as they are: dashes, ellipsis, the
// narrow no-break space French puts before « : ; ! ? », the euro sign.
func foldsToItself(r rune) bool {
	switch r {
	case '–', '—', '…', '\u202f', '€', '•', '“', '”', '„', '‹', '›', '‰', '′', '″':
		return true
	}
	return false
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
