package cpog

import (
	"fmt"
	"unicode/utf8"
)

// MaxText bounds a free text of the negotiation (a comment, the
// explanation of a gap, a corrective action), in characters: a few pages,
// never a pasted file, which every history line, export and screen would
// carry.
const MaxText = 4000

// CheckText refuses, in French, a free text that is not UTF-8 (every file
// cpog writes declares UTF-8: a Latin-1 comment would be written raw into
// it) or that is longer than MaxText. what names the text ("commentaire").
func CheckText(what, s string) error {
	if !utf8.ValidString(s) {
		return Errorf(EInvalid, what+" : texte qui n’est pas en UTF-8 (caractères d’un autre encodage, Latin-1 ou Windows-1252 sans doute) ; retapez-le")
	}
	if n := utf8.RuneCountInString(s); n > MaxText {
		return Errorf(EInvalid, fmt.Sprintf("%s de %s caractères : au plus %s", what, FormatNumber(float64(n)), FormatNumber(MaxText)))
	}
	return nil
}
