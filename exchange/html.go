package exchange

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
)

//go:embed annex.html.tmpl
var annexHTMLSource string

// WriteHTML writes the annexe CPOG as one self-contained HTML file (styles
// inline, no script, no external resource) laid out for printing on A4 in
// landscape, with the signature block on the last page.
func WriteHTML(w io.Writer, d Document) error {
	if err := d.check(); err != nil {
		return fmt.Errorf("export html: %w", err)
	}
	// Parsed here rather than at package initialisation, which every start
	// of cpog would pay for an export few make.
	annex, err := template.New("annex").Parse(annexHTMLSource)
	if err != nil {
		return fmt.Errorf("export html: %w", err)
	}
	bw := bufio.NewWriter(w)
	if err := annex.Execute(bw, buildAnnex(d)); err != nil {
		return fmt.Errorf("export html: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export html: %w", err)
	}
	return nil
}
