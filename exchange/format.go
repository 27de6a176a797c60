package exchange

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/cnaf-tools/cpog"
)

// Format is a file format cpog writes.
type Format string

// Formats of export.
const (
	XLSX     Format = "xlsx"
	CSV      Format = "csv"
	JSON     Format = "json"
	Markdown Format = "md"
	HTML     Format = "html"
	// BilanHTML and BilanMarkdown are the bilan annuel of a year, to print
	// or to read.
	BilanHTML     Format = "bilan"
	BilanMarkdown Format = "bilan-md"
	// ActualsTemplate is the sheet to collect the bilan's actuals in: a
	// CSV, or a workbook when the file's name ends in .xlsx.
	ActualsTemplate Format = "actuals-template"
)

// Formats lists the export formats in the order the interface offers them.
func Formats() []Format {
	return []Format{XLSX, CSV, JSON, Markdown, HTML, BilanHTML, BilanMarkdown, ActualsTemplate}
}

// ParseFormat reads a format name as typed after --format.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case XLSX, CSV, JSON, Markdown, HTML, BilanHTML, BilanMarkdown, ActualsTemplate:
		return f, nil
	case "markdown":
		return Markdown, nil
	case "htm":
		return HTML, nil
	}
	return "", fmt.Errorf("format inconnu : %q (attendu : xlsx, csv, json, md, html, bilan, bilan-md ou actuals-template)", cpog.Cite(s))
}

// FormatOfPath guesses the format from a file name's extension: ".html"
// and ".md" are the annex's (the bilan is asked for by name).
func FormatOfPath(path string) (Format, bool) {
	ext := strings.TrimPrefix(filepath.Ext(path), ".")
	if ext == "" {
		return "", false
	}
	f, err := ParseFormat(ext)
	return f, err == nil
}

// Binary reports whether the format cannot go to a terminal.
func (f Format) Binary() bool { return f == XLSX }

// Label is the French name of the format, for the export dialog.
func (f Format) Label() string {
	switch f {
	case XLSX:
		return "classeur Excel (.xlsx)"
	case CSV:
		return "CSV pour Excel (.csv)"
	case JSON:
		return "fichier d’échange JSON (.json)"
	case Markdown:
		return "annexe CPOG en Markdown (.md)"
	case HTML:
		return "annexe CPOG imprimable (.html)"
	case BilanHTML:
		return "bilan annuel imprimable (.html)"
	case BilanMarkdown:
		return "bilan annuel en Markdown (.md)"
	case ActualsTemplate:
		return "modèle de saisie des réalisés (.csv, ou .xlsx selon le nom)"
	}
	return string(f)
}

// Ext is the extension of the format's files, without its dot.
func (f Format) Ext() string {
	switch f {
	case BilanHTML:
		return "html"
	case BilanMarkdown:
		return "md"
	case ActualsTemplate:
		return "csv"
	}
	return string(f)
}

// Bilan reports whether the format writes the bilan annuel of a year.
func (f Format) Bilan() bool { return f == BilanHTML || f == BilanMarkdown }

// Yearly reports whether the format's file is about one year (the bilan,
// the actuals to collect), so that its name says which.
func (f Format) Yearly() bool { return f.Bilan() || f == ActualsTemplate }

// FileName is the name an export gets when the user gives none:
// "cpog-91-2026-11-22.xlsx", the Caf and the day, so that successive exports
// sort by date. A bilan is named with its year before the day, which sets
// it apart from the annex (both .html): "cpog-91-bilan-2025-2026-11-22.html";
// a zero year leaves it out. The actuals template is named the same way,
// "cpog-91-realises-2025-2026-11-22.csv". Other formats ignore year.
func FileName(cafCode string, f Format, year int, day time.Time) string {
	if !f.Yearly() {
		return fmt.Sprintf("cpog-%s-%s.%s", cafCode, day.Format("2006-01-02"), f.Ext())
	}
	what := "bilan"
	if f == ActualsTemplate {
		what = "realises"
	}
	if year == 0 {
		return fmt.Sprintf("cpog-%s-%s-%s.%s", cafCode, what, day.Format("2006-01-02"), f.Ext())
	}
	return fmt.Sprintf("cpog-%s-%s-%d-%s.%s", cafCode, what, year, day.Format("2006-01-02"), f.Ext())
}
