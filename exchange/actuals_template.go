package exchange

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog"
)

// The actuals template is what a Caf sends round its services to collect
// the bilan's actuals: one row per indicator and sub-indicator for the
// bilan's year, with an empty « réalisé » column to fill. Its columns are
// those of an actuals file (actuals_import.go), the label and unit being
// for the reader: filled in a spreadsheet, it imports back as it is, a
// row left empty saying nothing.

// SheetActuals is the template workbook's sheet, the one an actuals
// import reads first.
const SheetActuals = "Réalisés"

var templateHeader = []string{"code", "sous-indicateur", "libellé", "unité", "année", "réalisé"}

// templateRow is one line of the template.
type templateRow struct {
	line cpog.Line
	year int
}

func (d Document) templateRows() []templateRow {
	year := d.bilanYear()
	var out []templateRow
	for i := range d.Ref.Indicators {
		for _, l := range d.Ref.Indicators[i].Lines() {
			out = append(out, templateRow{line: l, year: year})
		}
	}
	return out
}

// WriteActualsTemplate writes the template as a CSV for French Excel
// (UTF-8 with a BOM, ';', CRLF), as the CSV export.
func WriteActualsTemplate(w io.Writer, d Document) error {
	if err := d.check(); err != nil {
		return fmt.Errorf("modèle des réalisés: %w", err)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(bom)
	cw := csv.NewWriter(bw)
	cw.Comma = ';'
	cw.UseCRLF = true
	cw.Write(templateHeader)
	for _, r := range d.templateRows() {
		l := r.line
		cw.Write([]string{l.Indicator.Code, l.Sub, Neutralise(lineLabel(l)), l.Indicator.Unit.Label(), strconv.Itoa(r.year), ""})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("modèle des réalisés: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("modèle des réalisés: %w", err)
	}
	return nil
}

// WriteActualsTemplateXLSX writes the template as a workbook of one sheet,
// « Réalisés », the column to fill shaded.
func WriteActualsTemplateXLSX(w io.Writer, d Document) error {
	if err := d.check(); err != nil {
		return fmt.Errorf("modèle des réalisés: %w", err)
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(newOrderedZip)
	if err := writeTemplateWorkbook(f, d); err != nil {
		return fmt.Errorf("modèle des réalisés: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("modèle des réalisés: %w", err)
	}
	return nil
}

func writeTemplateWorkbook(f *excelize.File, d Document) error {
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	fill, err := f.NewStyle(&excelize.Style{
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}},
		Border: gridBorder,
	})
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetActuals); err != nil {
		return err
	}
	year := d.bilanYear()
	sw, err := newSheetWriter(f, st, d, SheetActuals, fmt.Sprintf("Réalisés %d à saisir", year), templateHeader, []float64{12, 15, 80, 9, 8, 16})
	if err != nil {
		return err
	}
	for i, r := range d.templateRows() {
		l := r.line
		var sub any
		if l.Sub != "" {
			sub = l.Sub
		}
		cells := []any{l.Indicator.Code, sub, Neutralise(lineLabel(l)), l.Indicator.Unit.Label(), r.year, excelize.Cell{StyleID: fill}}
		if err := sw.SetRow(cellName(1, i+2), cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	at := d.ExportedAt.UTC().Format("2006-01-02T15:04:05Z")
	return f.SetDocProps(&excelize.DocProperties{
		Title:   fmt.Sprintf("Réalisés %d · %s", year, d.Contract.Caf.Label()),
		Subject: fmt.Sprintf("%s (révision %d)", d.Ref.Title, d.Ref.Revision),
		Creator: "cpog", Language: "fr-FR", Created: at, Modified: at,
		Description: fmt.Sprintf("Modèle de saisie des réalisés %d : remplissez la colonne « réalisé » (dans l’unité de l’indicateur : 86 pour 86 %%, 15,5 pour 15,5 jours), puis « cpog import ».", year),
	})
}
