package exchange

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog"
)

// The « Engagements » sheet is the plan d'actions: per fiche, the caisse's
// engagements, their actions and livrables (and whether each livrable
// falls on every Caf), the Caf's follow-up of each livrable (status, due
// month, pilot, comment, evidence, late or not on the day of the export),
// its actions locales under their engagement, then the État's engagements
// it follows for information. It is for reading and printing; the JSON
// exchange file carries the follow-up from one cpog to another.

var planHeader = []string{
	"Fiche", "Côté", "N°", "Niveau", "Libellé", "Chaque Caf", "Avancement", "Échéance", "En retard",
	"Pilote", "Commentaire", "Preuve",
}

var planWidths = []float64{6, 8, 8, 12, 60, 8, 12, 10, 9, 16, 36, 26}

func writePlanSheet(f *excelize.File, st *xlsxStyles, d Document) error {
	sw, err := newSheetWriter(f, st, d, SheetEngagements, "Plan d’actions", planHeader, planWidths)
	if err != nil {
		return err
	}
	c := d.view()
	r := 2
	for _, fi := range d.Ref.Fiches {
		for _, side := range []cpog.Side{cpog.SideCaisse, cpog.SideEtat} {
			for _, it := range cpog.PlanItems(d.Ref, c, fi.N, side) {
				cells, h := planRow(st, d, it)
				if err := sw.SetRow(cellName(1, r), cells, excelize.RowOpts{Height: h}); err != nil {
					return err
				}
				r++
			}
		}
	}
	if r == 2 {
		if err := sw.SetRow("A2", []any{nil, nil, nil, nil, "Le référentiel ne contient aucun engagement."}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// planLevels name an item's level in the tables.
var planLevels = []string{"Engagement", "Action", "Livrable"}

// planRow is an item's row and its height.
func planRow(st *xlsxStyles, d Document, it cpog.Item) ([]any, float64) {
	style := st.gridText
	if it.Level == 0 {
		style = st.gridBold
	}
	level := planLevels[min(max(it.Level, 0), len(planLevels)-1)]
	if it.Local {
		level = "Action locale"
	}
	label := Neutralise(it.Label)
	// indented by level, so that the tables read as the COG prints them
	labelStyle := st.gridIndent[min(max(it.Level, 0), len(st.gridIndent)-1)]
	if it.Level == 0 {
		labelStyle = st.gridBold
	}
	cells := []any{
		textCell(st.gridCenter, fmt.Sprintf("%02d", it.Key.Fiche)), textCell(st.gridCenter, it.Key.Side.Label()), textCell(st.gridCenter, it.Key.N),
		textCell(style, level), textCell(labelStyle, label), textCell(st.gridCenter, ""),
	}
	if it.EachCaf {
		cells[5] = textCell(st.gridCenter, "oui")
	}
	fu := it.FollowUp
	followed := []string{"", "", "", "", "", ""}
	if it.Followed {
		status := ""
		if fu.Status != cpog.FollowNone {
			status = fu.Status.Symbol() + " " + fu.Status.Label()
		}
		late := ""
		if fu.Late(d.ExportedAt) {
			late = "oui"
		}
		followed = []string{status, dueText(fu.Due), late, Neutralise(fu.Pilot), Neutralise(fu.Comment), Neutralise(fu.Evidence)}
	}
	// an indent level is about two characters wide
	texts := []wrapped{{level, planWidths[3], it.Level == 0}, {label, planWidths[4] - 4*float64(it.Level), it.Level == 0}}
	for i, s := range followed {
		style := st.gridText
		if i == 1 || i == 2 {
			style = st.gridCenter
		}
		cells = append(cells, textCell(style, s))
		texts = append(texts, wrapped{s, planWidths[6+i], false})
	}
	return cells, rowHeight(texts...)
}
