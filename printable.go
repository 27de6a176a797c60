package cpog

import (
	"strings"
	"unicode/utf8"
)

// Text from outside (a comment of an imported file, a file name, an
// actor's name, a value typed on the command line) reaches the user's
// terminal through the history, a dry run, an error or the interface. A
// terminal obeys control characters instead of showing them: an escape
// sequence can write the clipboard (OSC 52), clear the screen, move the
// cursor, change colours; a line break or a bidirectional override can
// make a line say something else. Printable and Cite make such text
// visible and inert.

// Printable returns s with every character a terminal would obey replaced
// by a visible placeholder: the C0 controls, line breaks and tabs included
// (␛ for escape, ␊ for a line feed: the control pictures of Unicode), DEL
// (␡), the C1 controls, the line and paragraph separators and the
// bidirectional controls (�), and each byte of invalid UTF-8 (�). Every
// escape sequence starts with a control character, so none survives.
func Printable(s string) string {
	if plainASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			b.WriteRune(utf8.RuneError)
			i++
			continue
		}
		b.WriteString(visible(r, s[i:i+n]))
		i += n
	}
	return b.String()
}

// PrintableLines is Printable for a text of several lines, such as an
// error listing problems: its line feeds are kept, every other control
// character is made visible.
func PrintableLines(s string) string {
	if plainASCII(strings.ReplaceAll(s, "\n", "")) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Printable(l)
	}
	return strings.Join(lines, "\n")
}

// maxCited is how many characters of a value a message cites: enough to
// recognise it, never a whole pasted page.
const maxCited = 80

// Cite is s as a message may quote it: Printable, and cut to 80
// characters followed by "…".
func Cite(s string) string {
	cut := s
	if utf8.RuneCountInString(s) > maxCited {
		n, i := 0, 0
		for i = range s {
			if n == maxCited {
				break
			}
			n++
		}
		cut = s[:i] + "…"
	}
	return Printable(cut)
}

// CitePath is Cite for a file's path: when it is too long, its end is
// kept, where the file's name is.
func CitePath(p string) string {
	if utf8.RuneCountInString(p) <= maxCited {
		return Printable(p)
	}
	r := []rune(p)
	return Printable("…" + string(r[len(r)-maxCited+1:]))
}

func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// visible is the placeholder of a rune, or its own text.
func visible(r rune, text string) string {
	switch {
	case r < 0x20:
		return string(rune(0x2400 + r)) // ␀ … ␟, ␛ for escape
	case r == 0x7f:
		return "\u2421" // ␡
	case obeyed(r):
		return "\ufffd"
	}
	return text
}

// obeyed reports the runes beyond the C0 controls that a terminal or a
// text layout obeys rather than shows: a label holding one could reorder
// or break what is printed around it.
func obeyed(r rune) bool {
	return r >= 0x80 && r <= 0x9f || // C1 controls, CSI and OSC among them
		r == 0x2028 || r == 0x2029 || // line and paragraph separators
		r == 0x061c || r == 0x200e || r == 0x200f || // bidirectional marks
		r >= 0x202a && r <= 0x202e || // bidirectional embeddings and overrides
		r >= 0x2066 && r <= 0x2069 // bidirectional isolates
}
