package cpog

import (
	"fmt"
	"unicode"
)

// CheckTypedText is CheckText for a text typed at the keyboard or on the
// command line: control characters are refused there too (an escape
// sequence pasted by accident, a line break that a one-line field cannot
// show), and so are the layout controls a terminal obeys (bidirectional
// overrides, line separators), which Printable would show as �. Texts that arrive in files keep theirs, shown with visible
// placeholders (Printable).
func CheckTypedText(name, s string) error {
	if err := CheckText(name, s); err != nil {
		return err
	}
	for _, r := range s {
		if unicode.IsControl(r) || obeyed(r) {
			return Errorf(EInvalid, fmt.Sprintf("%s : caractère de contrôle %s refusé", name, runeText(r)))
		}
	}
	return nil
}
