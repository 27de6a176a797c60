package exchange

import (
	"fmt"
	"html/template"
	"math"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// The printable bilan annuel: the synthèse first (per fiche and for the
// whole COG, the lines by class of achievement and the livrables), then
// per fiche the table of its lines — target, reference, réalisé, taux
// d'atteinte and class, the explanation of the gap and the corrective
// action, and in HTML a small chart of the line over the COG's years —
// and the livrables and actions locales réalisés or late, with their
// comments. The figures come from cpog.BilanOf, the one computation the
// interface and `cpog bilan` show.

type bilanModel struct {
	Caf         string
	Caisse      string
	Kind        string
	RefTitle    string
	Revision    int
	Year        int
	Due         string // the day the bilan is due, "15 mars 2026"
	Date        string // the day it was written
	AgreedOnly  bool
	Synthese    []bilanTally
	Total       bilanTally
	Fiches      []bilanFiche
	NoPlanTable string
	RunningHead string
}

type bilanTally struct {
	Label                                    string
	Lines, Atteint, Proche, NonAtteint, Sans int
	Followed, Done, Doing, Late              int
}

type bilanFiche struct {
	N      int
	Title  string
	Rows   []bilanLine
	Items  []bilanItem
	Counts bilanTally
	// NoTable is set for a fiche whose tables of engagements are empty.
	NoTable bool
	Layout  tableLayout
}

type bilanLine struct {
	Code, Label, Mode string
	Target            string
	Agreed            bool   // the target is agreed: set bold
	TargetNote        string // the status of a target not agreed; "référence" when the actual is compared with it
	Reference         string
	Actual            string
	Rate              string
	Class             string // "✓ atteint"
	ClassCSS          string // ok, near, miss, none
	Explanation       string // lines separated by "\n"
	Action            string
	Trend             template.HTML
}

// bilanItem is a livrable or an action locale réalisé or late.
type bilanItem struct {
	N       string
	Label   string // lines separated by "\n"
	Local   bool
	EachCaf bool
	State   string // "réalisé", "en retard"
	Late    bool
	Due     string
	Pilot   string
	Comment string
}

// Fixed widths of the bilan's tables, in millimetres: the chart and the
// two texts.
const (
	trendMM = 34
	textMM  = 40
)

func buildBilan(d Document) bilanModel {
	c := d.view()
	year := d.bilanYear()
	due := d.BilanDue.OrDefault()
	b := cpog.BilanOf(d.Ref, c, year, d.ExportedAt)
	m := bilanModel{
		Caf: c.Caf.Label(), Caisse: caisseName(c.Caf), Kind: kindOf(c.Caf), RefTitle: d.Ref.Title, Revision: d.Ref.Revision,
		Year: year, Due: cpog.FormatDate(due.DueOf(year)), Date: cpog.FormatDate(d.ExportedAt), AgreedOnly: d.AgreedOnly,
		NoPlanTable: noPlanTable, RunningHead: fmt.Sprintf("Bilan annuel %d — %s", year, c.Caf.Label()),
	}
	for _, f := range b.Fiches {
		bf := bilanFiche{N: f.Fiche.N, Title: prose(f.Fiche.Title),
			Counts:  bilanTallyOf(fmt.Sprintf("%02d %s", f.Fiche.N, prose(f.Fiche.Title)), f.Counts),
			NoTable: len(d.Ref.EngagementsOf(f.Fiche.N, cpog.SideCaisse)) == 0}
		for _, r := range f.Rows {
			bf.Rows = append(bf.Rows, bilanLineOf(d, c, r))
		}
		for _, it := range f.Items {
			if item, ok := bilanItemOf(b, it); ok {
				bf.Items = append(bf.Items, item)
			}
		}
		bf.Layout = bilanLayout(bf.Rows)
		m.Synthese = append(m.Synthese, bf.Counts)
		m.Fiches = append(m.Fiches, bf)
	}
	m.Total = bilanTallyOf("Ensemble de la "+d.Ref.Title, b.Total)
	return m
}

func bilanTallyOf(label string, c cpog.BilanCounts) bilanTally {
	return bilanTally{Label: label, Lines: c.Lines(),
		Atteint: c.Classes[cpog.Atteint], Proche: c.Classes[cpog.ProcheA], NonAtteint: c.Classes[cpog.NonAtteint], Sans: c.Classes[cpog.SansRealise],
		Followed: c.Livrables.Total(), Done: c.Livrables.Done, Doing: c.Livrables.Doing, Late: c.Livrables.Late}
}

func bilanLineOf(d Document, c *cpog.Contract, r cpog.BilanRow) bilanLine {
	ind := r.Line.Indicator
	code := ind.Code
	if r.Line.Sub != "" {
		code += " " + r.Line.Sub
	}
	ev := cpog.Evaluate(d.Ref, c, r.Line, r.Year)
	l := bilanLine{Code: code, Label: prose(lineLabel(r.Line)), Mode: modeText(ev, c, r.Line),
		Target: "—", Reference: referenceText(r.Reference, ind.Unit), Actual: "—", Rate: "—",
		Class:       r.Achievement.Class.Symbol() + " " + r.Achievement.Class.Label(),
		ClassCSS:    achievementCSS(r.Achievement.Class),
		Explanation: text(r.Explanation), Action: text(r.Action),
		Trend: trendSVG(d, c, r.Line, r.Year)}
	switch {
	case r.Target.OK:
		l.Target, l.Agreed = exactFigure(r.Target.V, ind), r.Agreed
		if !r.Agreed {
			l.TargetNote = statusText(ev.Target.Status)
		}
	case r.Achievement.HasGap:
		l.TargetNote = "comparé à la réf."
	}
	if r.Actual.OK {
		l.Actual = exactFigure(r.Actual.V, ind)
	}
	if r.Achievement.Valid {
		l.Rate = figure(cpog.FormatNumber(math.Min(cpog.Round(r.Achievement.Rate, 1), cpog.MaxAchievementRate)) + " %")
	}
	return l
}

func achievementCSS(c cpog.AchievementClass) string {
	switch c {
	case cpog.Atteint:
		return "ok"
	case cpog.ProcheA:
		return "near"
	case cpog.NonAtteint:
		return "miss"
	}
	return "none"
}

// bilanItemOf keeps a livrable or action locale the bilan reports: réalisé,
// or late on the day the bilan is written.
func bilanItemOf(b cpog.Bilan, it cpog.Item) (bilanItem, bool) {
	f := it.FollowUp
	listed, late := b.Reported(it)
	if !listed {
		return bilanItem{}, false
	}
	item := bilanItem{N: it.Key.N, Local: it.Local, EachCaf: it.EachCaf, State: f.Status.Label(), Late: late,
		Pilot: text(f.Pilot), Comment: text(f.Comment)}
	if it.Local {
		item.Label = text(it.Label)
	} else {
		item.Label = prose(it.Label)
	}
	if late {
		item.State = "en retard (" + f.Status.Label() + ")"
	}
	if f.Due != "" {
		item.Due = cpog.FormatDue(f.Due)
	}
	return item, true
}

// bilanLayout sizes a fiche's table of the bilan: the code and the figures
// as wide as their widest, the chart and the texts fixed, the label the
// rest.
func bilanLayout(rows []bilanLine) tableLayout {
	heads := []string{"Cible", "Réf.", "Réalisé", "Atteinte", "Classe"}
	l := tableLayout{Code: textWidth("Code") + cellPadCh, Cols: make([]float64, len(heads))}
	for i, h := range heads {
		l.Cols[i] = headFactor*textWidth(h) + cellPadCh
	}
	for _, r := range rows {
		l.Code = math.Max(l.Code, textWidth(r.Code)+cellPadCh)
		w := []float64{1.08 * unbreakableWidth(r.Target), unbreakableWidth(r.Reference), unbreakableWidth(r.Actual), unbreakableWidth(r.Rate), textWidth(r.Class)}
		if r.TargetNote != "" {
			w[0] = math.Max(w[0], 0.85*unbreakableWidth(strings.ReplaceAll(r.TargetNote, "-", "- ")))
		}
		for i := range w {
			l.Cols[i] = math.Max(l.Cols[i], w[i]+cellPadCh)
		}
	}
	l.FontSize = fitFont(l.Code+sum(l.Cols), trendMM+2*textMM)
	return l
}
