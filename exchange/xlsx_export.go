package exchange

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog"
)

// Sheet names of the workbook.
const (
	SheetCPOG        = "CPOG"
	SheetDonnees     = "Données"
	SheetSynthese    = "Synthèse"
	SheetEngagements = "Engagements"
	SheetHistorique  = "Historique"
)

// BilanSheet is the name of the sheet of a year's bilan annuel: « Bilan
// 2025 ».
func BilanSheet(year int) string { return fmt.Sprintf("Bilan %d", year) }

// WriteXLSX writes the CPOG as an Excel workbook: « CPOG » (the contract
// laid out as the annex, set up for printing), « Données » (one row per
// indicator, sub-indicator and year, as the CSV, in an Excel table for
// filters), « Synthèse » (progress and gap verdicts per fiche), « Bilan
// YYYY » (the bilan annuel of the document's year), « Engagements » (the
// plan d'actions) and « Historique » (the event log). Headers are frozen,
// figures are numeric cells with number formats (rates as fractions with a
// percent format, see xlsx_styles.go), and the document properties name
// the Caf, the referential and the export date. The same document gives
// the same bytes.
func WriteXLSX(w io.Writer, d Document) error {
	if err := d.check(); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(newOrderedZip)
	if err := writeWorkbook(f, d); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	return nil
}

func writeWorkbook(f *excelize.File, d Document) error {
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetCPOG); err != nil {
		return err
	}
	bilan := BilanSheet(d.bilanYear())
	sheets := []struct {
		name  string
		write func(*excelize.File, *xlsxStyles, Document) error
	}{
		{SheetCPOG, writeAnnexSheet},
		{SheetDonnees, writeDataSheet},
		{SheetSynthese, writeSyntheseSheet},
		{bilan, writeBilanSheet},
		{SheetEngagements, writePlanSheet},
		{SheetHistorique, writeHistorySheet},
		{SheetBaseline, writeBaselineSheet},
	}
	for _, sh := range sheets[1:] {
		if _, err := f.NewSheet(sh.name); err != nil {
			return err
		}
	}
	// hidden before any sheet is streamed: hiding reads every sheet
	if err := f.SetSheetVisible(SheetBaseline, false, true); err != nil {
		return err
	}
	for _, sh := range sheets {
		if err := sh.write(f, st, d); err != nil {
			return fmt.Errorf("feuille %s: %w", sh.name, err)
		}
	}
	// The first sheet is the active one of a new workbook: setting it
	// again would make excelize parse back every streamed sheet.
	return setProperties(f, d)
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// newSheetWriter opens a stream on a sheet with its column widths, a frozen
// header row and the header itself, set up to print with its header on
// every page under the title.
func newSheetWriter(f *excelize.File, st *xlsxStyles, d Document, sheet, title string, header []string, widths []float64) (*excelize.StreamWriter, error) {
	if err := printSetup(f, d, sheet, 1, title); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return nil, err
	}
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	return sw, sw.SetRow("A1", cells, excelize.RowOpts{Height: 30})
}

var dataWidths = []float64{6, 11, 8, 70, 8, 7, 16, 14, 13, 13, 11, 14, 15, 45, 13, 11, 15, 45, 45}

// writeDataSheet writes the long table, as an Excel table so that every
// column has its filter button.
func writeDataSheet(f *excelize.File, st *xlsxStyles, d Document) error {
	sw, err := newSheetWriter(f, st, d, SheetDonnees, "Données par ligne et par année", tableHeader, dataWidths)
	if err != nil {
		return err
	}
	rows := d.rows()
	cells := make([]any, len(tableHeader))
	for i, r := range rows {
		if err := xlsxRow(cells, st, r); err != nil {
			return err
		}
		if err := sw.SetRow(cellName(1, i+2), cells); err != nil {
			return err
		}
	}
	noStripes := false
	if err := sw.AddTable(&excelize.Table{
		Range: "A1:" + cellName(len(tableHeader), len(rows)+1), Name: "Donnees",
		StyleName: "TableStyleLight1", ShowRowStripes: &noStripes,
	}); err != nil {
		return err
	}
	return sw.Flush()
}

func xlsxRow(cells []any, st *xlsxStyles, r row) error {
	ev, u := r.Ev, r.Ind.Unit
	clear(cells)
	var err error
	num := func(col int, o cpog.Opt) {
		if o.OK && err == nil {
			cells[col], err = st.value(o.V, u)
		}
	}
	cells[0] = r.Ind.Fiche
	cells[1] = r.Ind.Code
	if r.Line.Sub != "" {
		cells[2] = r.Line.Sub
	}
	cells[3] = lineLabel(r.Line)
	cells[4] = u.Label()
	cells[5] = ev.Key.Year
	if ev.HasNat {
		if ev.National.Kind == cpog.TargetValue {
			num(colNational, cpog.Some(ev.National.Value))
		} else {
			cells[colNational] = ev.National.Raw
		}
	}
	switch {
	case ev.Reference.Valid && ev.Reference.Band:
		cells[colReference] = bandText(ev.Reference, u)
	case ev.Reference.Valid:
		num(colReference, cpog.Some(computed(ev.Reference.Value)))
	}
	num(colLocal, ev.Local)
	num(colCnaf, ev.Cnaf)
	if ev.Gap.Valid && err == nil {
		cells[colGap], err = st.gap(computed(ev.Gap.Value), u)
	}
	if s := classText(ev.Gap); s != "" {
		cells[colClass] = s
	}
	if s := statusText(ev.Target.Status); s != "" {
		cells[colStatus] = s
	}
	num(colActual, ev.Actual)
	if a := achievementRate(r.Ach); a.OK && err == nil {
		// a taux d'atteinte is a rate whatever the indicator's unit
		cells[colRate], err = st.value(a.V, cpog.UnitPercent)
	}
	if s := achievementText(r.Ach); s != "" {
		cells[colAchievement] = s
	}
	texts := []struct {
		col int
		s   string
	}{{colComment, ev.Target.Comment}, {colExplanation, ev.Target.Explanation}, {colAction, ev.Target.Action}}
	for _, t := range texts {
		if t.s != "" {
			cells[t.col] = Neutralise(t.s)
		}
	}
	return err
}

var syntheseHeader = []string{
	"Axe", "Fiche", "Titre", "Indicateurs", "Négociables", "Validés", "Avancement",
	"✓ Au niveau", "~ Proche", "✗ En retrait", "— Sans objet",
}

func writeSyntheseSheet(f *excelize.File, st *xlsxStyles, d Document) error {
	sw, err := newSheetWriter(f, st, d, SheetSynthese, "Synthèse de la négociation", syntheseHeader, []float64{6, 7, 80, 12, 12, 10, 12, 12, 10, 12, 12})
	if err != nil {
		return err
	}
	per, total := d.synthese()
	line := func(t tally, pct, intStyle int) []any {
		out := []any{t.Indicators, t.Negotiable, t.Agreed, excelize.Cell{StyleID: pct, Value: t.Progress()}}
		for _, c := range cpog.GapClasses() {
			out = append(out, t.Classes[c])
		}
		if intStyle != 0 {
			for i, v := range out {
				if _, ok := v.(int); ok {
					out[i] = excelize.Cell{StyleID: intStyle, Value: v}
				}
			}
		}
		return out
	}
	r := 2
	for _, ft := range per {
		cells := append([]any{ft.Fiche.Axis, ft.Fiche.N, ft.Fiche.Title}, line(ft.tally, st.percent, 0)...)
		if err := sw.SetRow(cellName(1, r), cells); err != nil {
			return err
		}
		r++
	}
	cells := append([]any{nil, nil, excelize.Cell{StyleID: st.bold, Value: "Ensemble de la " + d.Ref.Title}}, line(total, st.boldPercent, st.boldInt)...)
	if err := sw.SetRow(cellName(1, r), cells); err != nil {
		return err
	}
	note := fmt.Sprintf("Avancement : indicateurs négociables validés pour toute la période. Écarts : chaque indicateur, sous-indicateur et année de %d à %d, comparés à la référence de la Branche pour la Caf.",
		d.Ref.FirstYear(), d.Ref.LastYear())
	if d.AgreedOnly {
		note += " Export limité aux valeurs validées."
	}
	if err := sw.SetRow(cellName(1, r+2), []any{nil, nil, note}); err != nil {
		return err
	}
	return sw.Flush()
}

var historyHeader = []string{
	"Date", "Étape", "Acteur", "Nature", "Résumé", "Commentaire", "Code", "Sous-indicateur",
	"Année", "Champ", "Avant", "Après", "Annule l’étape",
}

func writeHistorySheet(f *excelize.File, st *xlsxStyles, d Document) error {
	sw, err := newSheetWriter(f, st, d, SheetHistorique, "Historique", historyHeader, []float64{17, 7, 7, 12, 50, 35, 11, 8, 7, 20, 14, 14, 9})
	if err != nil {
		return err
	}
	units := unitsByCode(d.Ref)
	loc := d.ExportedAt.Location()
	cells := make([]any, len(historyHeader))
	for i, e := range d.History {
		clear(cells)
		cells[0] = excelize.Cell{StyleID: st.date, Value: e.At.In(loc)}
		cells[1] = e.ChangeID
		cells[2] = actorLabel(e.Actor)
		cells[3] = cpog.KindLabel(e.Kind)
		cells[4] = Neutralise(e.Summary)
		if e.Comment != "" {
			cells[5] = Neutralise(e.Comment)
		}
		if e.Key.Code != "" {
			cells[6] = e.Key.Code
		}
		if e.Key.Sub != "" {
			cells[7] = e.Key.Sub
		}
		if e.Key.Year != 0 {
			cells[8] = e.Key.Year
		}
		cells[9] = e.Field.Label()
		u := units[e.Key.Code]
		if e.Field == cpog.FieldWeight {
			u = cpog.UnitPercent
		}
		for j, side := range []struct {
			v    cpog.Opt
			text string
		}{{e.Old, e.OldText}, {e.New, e.NewText}} {
			switch {
			case e.Field.IsText():
				if s := fieldText(e.Field, side.text); s != "" {
					cells[10+j] = Neutralise(s)
				}
			case side.v.OK:
				if cells[10+j], err = st.value(side.v.V, u); err != nil {
					return err
				}
			}
		}
		if e.Undoes != 0 {
			cells[12] = e.Undoes
		}
		if err := sw.SetRow(cellName(1, i+2), cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func unitsByCode(r *cpog.Referential) map[string]cpog.Unit {
	out := make(map[string]cpog.Unit, len(r.Indicators))
	for _, ind := range r.Indicators {
		out[ind.Code] = ind.Unit
	}
	return out
}

// fieldText is a text field's value as people read it: a status or a mode
// by its French name.
func fieldText(f cpog.Field, s string) string {
	switch f {
	case cpog.FieldStatus:
		return statusText(cpog.Status(s))
	case cpog.FieldMode:
		if s == "" {
			return ""
		}
		return cpog.Mode(s).Label()
	}
	return s
}

func actorLabel(a cpog.Actor) string {
	if a == cpog.ActorCnaf {
		return "Cnaf"
	}
	return "Caf"
}

func setProperties(f *excelize.File, d Document) error {
	c := d.Contract
	at := d.ExportedAt.UTC().Format(time.RFC3339)
	scope := "toutes les valeurs avec leur statut"
	if d.AgreedOnly {
		scope = "valeurs validées seulement"
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:       "CPOG " + c.Caf.Label(),
		Subject:     fmt.Sprintf("%s (révision %d)", d.Ref.Title, d.Ref.Revision),
		Creator:     "cpog",
		Description: fmt.Sprintf("CPOG de la %s sur la %s, exporté le %s : %s.", c.Caf.Label(), d.Ref.Title, cpog.FormatDate(d.ExportedAt), scope),
		Keywords:    "CPOG; " + d.Ref.Title + "; Caf " + c.Caf.Code,
		Category:    "CPOG",
		Language:    "fr-FR",
		Created:     at,
		Modified:    at,
	}); err != nil {
		return fmt.Errorf("propriétés: %w", err)
	}
	for _, p := range []excelize.CustomProperty{
		{Name: "Caf", Value: c.Caf.Code},
		{Name: "Référentiel", Value: d.Ref.ID},
		{Name: "Révision du référentiel", Value: strconv.Itoa(d.Ref.Revision)},
		{Name: "Date d’export", Value: at},
		{Name: "Valeurs validées seulement", Value: d.AgreedOnly},
	} {
		if err := f.SetCustomProps(p); err != nil {
			return fmt.Errorf("propriétés: %w", err)
		}
	}
	return nil
}
