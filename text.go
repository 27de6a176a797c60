package cpog

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// MaxText bounds a text typed into a field (a comment, a pilot's name): a
// page, not a book pasted by accident.
const MaxText = 2000

// CheckText refuses, in French, a text a field cannot hold: invalid UTF-8,
// control characters (an escape sequence would reach the terminal, a line
// break would break a table), more than MaxText characters.
func CheckText(name, s string) error {
	if !utf8.ValidString(s) {
		return Errorf(EInvalid, name+" : texte illisible (il n’est pas en UTF-8)")
	}
	if n := utf8.RuneCountInString(s); n > MaxText {
		return Errorf(EInvalid, fmt.Sprintf("%s : %d caractères, au plus %d", name, n, MaxText))
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return Errorf(EInvalid, fmt.Sprintf("%s : caractère de contrôle %s refusé", name, runeText(r)))
		}
	}
	return nil
}
