package exchange

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/cnaf-tools/cpog"
)

// bom makes Excel read a CSV as UTF-8 instead of the Windows code page.
const bom = "\ufeff"

// WriteCSV writes the CPOG as a CSV for French Excel: UTF-8 with a BOM, ';'
// between fields, decimal commas, one row per indicator, sub-indicator and
// year with the columns of the workbook's « Données » sheet, the bilan's
// actual, taux d'atteinte, class, explanation and corrective action
// included. Rates are in percent (86 for 86 %). Text cells that a spreadsheet would take for a formula are
// neutralised.
func WriteCSV(w io.Writer, d Document) error {
	if err := d.check(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(bom)
	cw := csv.NewWriter(bw)
	cw.Comma = ';'
	cw.UseCRLF = true
	cw.Write(tableHeader)
	rec := make([]string, len(tableHeader))
	for _, r := range d.rows() {
		csvRow(rec, r)
		cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}

func csvRow(rec []string, r row) {
	ev, u := r.Ev, r.Ind.Unit
	num := func(o cpog.Opt) string {
		if !o.OK {
			return ""
		}
		return decimalComma(o.V)
	}
	national := ""
	if ev.HasNat {
		if ev.National.Kind == cpog.TargetValue {
			national = decimalComma(ev.National.Value)
		} else {
			national = csvText(ev.National.Raw)
		}
	}
	reference := ""
	switch {
	case ev.Reference.Valid && ev.Reference.Band:
		reference = bandText(ev.Reference, u)
	case ev.Reference.Valid:
		reference = decimalComma(computed(ev.Reference.Value))
	}
	gap := ""
	if ev.Gap.Valid {
		gap = decimalComma(computed(ev.Gap.Value))
	}
	rec[0] = strconv.Itoa(r.Ind.Fiche)
	rec[1] = r.Ind.Code
	rec[2] = r.Line.Sub
	rec[3] = csvText(lineLabel(r.Line))
	rec[4] = u.Label()
	rec[5] = strconv.Itoa(ev.Key.Year)
	rec[colNational] = national
	rec[colReference] = reference
	rec[colLocal] = num(ev.Local)
	rec[colCnaf] = num(ev.Cnaf)
	rec[colGap] = gap
	rec[colClass] = classText(ev.Gap)
	rec[colStatus] = statusText(ev.Target.Status)
	rec[colComment] = csvText(ev.Target.Comment)
	rec[colActual] = num(ev.Actual)
	rec[colRate] = num(achievementRate(r.Ach))
	rec[colAchievement] = achievementText(r.Ach)
	rec[colExplanation] = csvText(ev.Target.Explanation)
	rec[colAction] = csvText(ev.Target.Action)
}
