package exchange

import (
	_ "embed"
	"fmt"
	"io"
)

//go:embed bilan.html.tmpl
var bilanHTMLSource string

// WriteBilanHTML writes the bilan annuel of d.BilanYear as one
// self-contained HTML file (styles and charts inline, no script, no
// external resource) laid out for printing on A4 in landscape: the
// synthèse first, then one table per fiche with a small chart per line,
// and the livrables réalisés or late.
func WriteBilanHTML(w io.Writer, d Document) error {
	if err := d.check(); err != nil {
		return fmt.Errorf("export bilan html: %w", err)
	}
	bilan, err := parseDocument("bilan", bilanHTMLSource)
	if err != nil {
		return fmt.Errorf("export bilan html: %w", err)
	}
	if err := executeHTML(w, bilan, buildBilan(d)); err != nil {
		return fmt.Errorf("export bilan html: %w", err)
	}
	return nil
}
