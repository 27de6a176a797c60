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
)

// Formats lists the export formats in the order the interface offers them.
func Formats() []Format { return []Format{XLSX, CSV, JSON, Markdown, HTML} }

// ParseFormat reads a format name as typed after --format.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case XLSX, CSV, JSON, Markdown, HTML:
		return f, nil
	case "markdown":
		return Markdown, nil
	case "htm":
		return HTML, nil
	}
	return "", fmt.Errorf("format inconnu : %q (attendu : xlsx, csv, json, md ou html)", cpog.Cite(s))
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
	}
	return string(f)
}

// DefaultFileName is the name an export gets when the user gives none:
// "cpog-91-2026-11-22.xlsx", the Caf and the day, so that successive exports
// sort by date.
func DefaultFileName(cafCode string, f Format, day time.Time) string {
	return fmt.Sprintf("cpog-%s-%s.%s", cafCode, day.Format("2006-01-02"), f)
}
