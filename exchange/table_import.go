package exchange

import (
	"context"
	"fmt"
	"slices"

	"github.com/cnaf-tools/cpog"
)

// KindTable is the tool's own CSV or workbook, edited in a spreadsheet.
const KindTable Kind = "table"

// An import of the tool's own tables applies what a contrôleur de gestion
// changed in Excel, and nothing else. Each value the file holds is
// compared with the database:
//
//   - a Caf figure (« Cible locale », or « Caf » under a year) that differs
//     from the figure the Caf stands on (agreed, else proposed) is a new
//     proposal, as typed in the interface: an agreed year is reopened as a
//     draft, a countered one too;
//   - a Cnaf position that differs is a counter-proposal: the year stands
//     countered;
//   - a réalisé, a comment, an explanation or a corrective action that
//     differs replaces the database's;
//   - an empty cell leaves the database's value as it is: an import never
//     clears a figure or a text (use cpog or its commands for that);
//   - the computed columns (national target, reference, gap, status, taux
//     d'atteinte…) are cpog's: ignored.
//
// When the workbook's « CPOG » and « Données » sheets give two different
// Caf figures for a line and year, the one edited is the one that differs
// from the figure as exported (kept in the hidden sheet « Export cpog »);
// when both were edited, or the workbook no longer says what was
// exported, the import is refused.

// decodeTable reads the tool's own CSV or workbook into what it says of
// each line and year, the two sheets of a workbook reconciled.
func decodeTable(name string, body []byte, kind container, ref *cpog.Referential, cur *cpog.Contract) ([]*fileLine, error) {
	ps := &problems{file: name}
	var lines []*fileLine
	switch kind {
	case containerCSV:
		lines = sortedLines(ref, decodeTableCSV(body, ref, ps).lines)
	case containerXLSX:
		annex, data, baseline := decodeTableXLSX(body, ref, ps)
		if ps.empty() {
			lines = reconcile(ref, annex, data, baseline, ps)
		}
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	return lines, nil
}

// sortedLines lists the lines in the referential's order, so that messages
// and edits come in the contract's order.
func sortedLines(ref *cpog.Referential, m map[cpog.TargetKey]*fileLine) []*fileLine {
	order := map[cpog.LineKey]int{}
	for i := range ref.Indicators {
		for _, l := range ref.Indicators[i].Lines() {
			order[l.Key()] = len(order)
		}
	}
	out := make([]*fileLine, 0, len(m))
	for _, fl := range m {
		out = append(out, fl)
	}
	slices.SortFunc(out, func(a, b *fileLine) int {
		if d := order[a.key.LineKey] - order[b.key.LineKey]; d != 0 {
			return d
		}
		return a.key.Year - b.key.Year
	})
	return out
}

// reconcile joins the two sheets of a workbook: the « Données » sheet's
// values, and the « CPOG » sheet's Caf figures where they are the edit.
func reconcile(ref *cpog.Referential, annex, data *lineReader, baseline map[cpog.TargetKey]float64, ps *problems) []*fileLine {
	merged := map[cpog.TargetKey]*fileLine{}
	if data != nil {
		merged = data.lines
	}
	if annex == nil {
		return sortedLines(ref, merged)
	}
	for k, a := range annex.lines {
		av := a.vals[roleLocal]
		d, both := merged[k]
		if !both {
			merged[k] = a
			continue
		}
		dv, has := d.vals[roleLocal]
		if !has {
			d.vals[roleLocal] = av
			continue
		}
		if sameFigure(av.v, cpog.Some(dv.v)) {
			continue
		}
		base, known := baseline[k]
		switch {
		case known && sameFigure(dv.v, cpog.Some(base)):
			d.vals[roleLocal] = av // the « CPOG » sheet was edited
		case known && sameFigure(av.v, cpog.Some(base)):
			// the « Données » sheet was edited
		default:
			why := "le classeur ne dit plus laquelle a été modifiée"
			if known {
				why = "les deux ont été modifiées, différemment"
			}
			u := a.line.Indicator.Unit
			p := av.where
			p.Message = fmt.Sprintf("%s : %s dans la feuille « %s », %s dans la feuille « %s » (cellule %s) : les deux feuilles ne disent pas la même cible de la Caf et %s ; mettez la même valeur dans les deux feuilles, ou supprimez celle que vous n’avez pas modifiée",
				keyText(k), cpog.FormatValue(av.v, u), av.where.Sheet, cpog.FormatValue(dv.v, u), dv.where.Sheet, dv.where.Cell, why)
			ps.add(p)
		}
	}
	return sortedLines(ref, merged)
}

// nextContract is what the file says, as a contract holding only what
// changes (see cpog.Merge): each target a changed value touches, whole,
// and each changed actual.
func nextContract(cur *cpog.Contract, lines []*fileLine) *cpog.Contract {
	next := cpog.NewContract(cur.Caf, cur.RefID, 0, cur.BaselineYear)
	for _, fl := range lines {
		k := fl.key
		t := cur.Targets[k]
		changed := false
		if v, ok := fl.vals[roleLocal]; ok && !sameFigure(v.v, t.Local()) {
			t = withFigure(t, fl.line, k.Year, v.v, cpog.ActorCaf)
			changed = true
		}
		if v, ok := fl.vals[roleCnaf]; ok && !sameFigure(v.v, t.Counter) {
			t = withFigure(t, fl.line, k.Year, v.v, cpog.ActorCnaf)
			changed = true
		}
		for _, tx := range []struct {
			ro  role
			dst *string
		}{{roleComment, &t.Comment}, {roleExplanation, &t.Explanation}, {roleAction, &t.Action}} {
			if v, ok := fl.vals[tx.ro]; ok && !sameText(v.text, *tx.dst) {
				*tx.dst = v.text
				changed = true
			}
		}
		if changed {
			next.Targets[k] = t
		}
		if v, ok := fl.vals[roleActual]; ok {
			old, had := cur.Actuals[k]
			if !had || !sameFigure(v.v, cpog.Some(old)) {
				next.Actuals[k] = v.v
			}
		}
	}
	return next
}

// withFigure is a target after a figure typed by the Caf (its proposal)
// or the Cnaf (its position), by the interface's own rule (cpog.SetValue).
func withFigure(t cpog.Target, l cpog.Line, year int, v float64, actor cpog.Actor) cpog.Target {
	k := cpog.TargetKey{LineKey: l.Key(), Year: year}
	c := &cpog.Contract{Targets: map[cpog.TargetKey]cpog.Target{k: t}}
	for _, e := range cpog.SetValue(c, l, year, v, actor, "").Edits {
		switch e.Field {
		case cpog.FieldProposed:
			t.Proposed = e.Value
		case cpog.FieldCounter:
			t.Counter = e.Value
		case cpog.FieldAgreed:
			t.Agreed = e.Value
		case cpog.FieldAgreedOn:
			t.AgreedOn = e.Text
		case cpog.FieldStatus:
			t.Status = cpog.Status(e.Text)
		case cpog.FieldComment:
			t.Comment = e.Text
		}
	}
	return t
}

// importTable validates the tool's own CSV or workbook and applies what it
// changes as one undoable step.
func importTable(ctx context.Context, st Store, ref *cpog.Referential, src cpog.Source, body []byte, kind container, opts ImportOptions) (*ImportReport, error) {
	cur, err := currentContract(ctx, st, opts.Caf)
	if err != nil {
		return nil, err
	}
	lines, err := decodeTable(src.File, body, kind, ref, cur)
	if err != nil {
		return nil, err
	}
	rep := &ImportReport{File: src.File, Kind: KindTable, Caf: cur.Caf, DryRun: opts.DryRun}
	rep.Change = cpog.Change{
		Actor: cpog.ActorCaf, Kind: "import", Comment: "import de " + src.File,
		Edits:  cpog.Merge(ref, cur, nextContract(cur, lines)),
		Source: src,
	}
	rep.Change.Summary = fmt.Sprintf("import de %s : %s", src.File, plural(len(rep.Change.Edits), "modification", "modifications"))
	return applyImport(ctx, st, ref, cur, rep, opts)
}
