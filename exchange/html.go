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

//go:embed document.css.tmpl
var documentCSSSource string

// parseDocument parses a printable document's template with the style
// sheet the annex and the bilan share. It is parsed at each export rather
// than at package initialisation, which every start of cpog would pay for
// an export few make.
func parseDocument(name, source string) (*template.Template, error) {
	t, err := template.New(name).Parse(documentCSSSource)
	if err != nil {
		return nil, err
	}
	return t.Parse(source)
}

// executeHTML writes a document through a buffer.
func executeHTML(w io.Writer, t *template.Template, model any) error {
	bw := bufio.NewWriter(w)
	if err := t.Execute(bw, model); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteHTML writes the annexe CPOG as one self-contained HTML file (styles
// inline, no script, no external resource) laid out for printing on A4 in
// landscape: every table within the page's width, page numbers, headings
// kept with their tables and the signature block with the synthèse.
func WriteHTML(w io.Writer, d Document) error {
	if err := d.check(); err != nil {
		return fmt.Errorf("export html: %w", err)
	}
	annex, err := parseDocument("annex", annexHTMLSource)
	if err != nil {
		return fmt.Errorf("export html: %w", err)
	}
	if err := executeHTML(w, annex, buildAnnex(d)); err != nil {
		return fmt.Errorf("export html: %w", err)
	}
	return nil
}
