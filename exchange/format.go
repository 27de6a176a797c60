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
	// ActualsTemplate is the sheet to collect the bilan's actuals in: a
	// CSV, or a workbook when the file's name ends in .xlsx.
	ActualsTemplate Format = "actuals-template"
)

// Formats lists the export formats in the order the interface offers them.
func Formats() []Format { return []Format{XLSX, CSV, JSON, Markdown, HTML, ActualsTemplate} }

// ParseFormat reads a format name as typed after --format.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case XLSX, CSV, JSON, Markdown, HTML, ActualsTemplate:
		return f, nil
	case "markdown":
		return Markdown, nil
	case "htm":
		return HTML, nil
	}
	return "", fmt.Errorf("format inconnu : %q (attendu : xlsx, csv, json, md, html ou actuals-template)", cpog.Cite(s))
}

// FormatOfPath guesses the format from a file name's extension.
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
	case ActualsTemplate:
		return "modèle de saisie des réalisés (.csv, ou .xlsx selon le nom)"
	}
	return string(f)
}

// Ext is the extension of the format's files (without the dot).
func (f Format) Ext() string {
	if f == ActualsTemplate {
		return "csv"
	}
	return string(f)
}

// DefaultFileName is the name an export gets when the user gives none:
// "cpog-91-2026-11-22.xlsx", the Caf and the day, so that successive exports
// sort by date.
func DefaultFileName(cafCode string, f Format, day time.Time) string {
	if f == ActualsTemplate {
		return fmt.Sprintf("cpog-%s-%s-realises.%s", cafCode, day.Format("2006-01-02"), f.Ext())
	}
	return fmt.Sprintf("cpog-%s-%s.%s", cafCode, day.Format("2006-01-02"), f.Ext())
}
