package exchange

import (
	"fmt"
	"math"

	"github.com/cnaf-tools/cpog"
)

// The "annexe CPOG" is the part of the contract the caisse and the Cnaf
// sign: per fiche, for each year the national target, the caisse's
// reference (what the branch expects of it, by the mode de déclinaison)
// and its agreed target; then the engagements it signs up to with its
// actions locales, the synthèse, the days of the dialogue de gestion and
// the signature block. Markdown and HTML render the same model; every
// figure and text in it is already set in French typography.

type annexModel struct {
	Caf        string // "Caf de l'Essonne (91)"
	Caisse     string // "Caf de l'Essonne", "CCSS de la Lozère"
	Kind       string // "Caf", "CCSS", "CSS": the caisse's column
	RefTitle   string
	Revision   int
	Date       string
	AgreedOnly bool
	Weight     string // the caisse's weight in the branch, "2,1 %"
	Years      []int
	Axes       []annexAxis
	Plan       []annexPlanFiche
	Synthese   []annexTally
	Total      annexTally
	Agreements []annexAgreement
	Signatures []string
	// NoPlanTable is said of a fiche without a table of engagements.
	NoPlanTable string
	// RunningHead is printed at the top of every page.
	RunningHead string
}

type annexAxis struct {
	N      int
	Title  string
	Fiches []annexFiche
}

type annexFiche struct {
	N      int
	Title  string
	Rows   []annexRow
	Layout tableLayout
}

type annexRow struct {
	Code  string
	Label string
	Mode  string // the mode de déclinaison in words, with its key or start
	Cells []annexCell
}

type annexCell struct {
	National  string
	Reference string
	Local     string
	Agreed    bool
	Status    string // the status of a figure not agreed yet
}

type annexTally struct {
	Label                       string
	Negotiable, Agreed          int
	Progress                    string
	AuNiveau, Proche, EnRetrait int
	SansObjet                   int
}

// annexAgreement is one day of the dialogue de gestion: the line-years
// agreed that day.
type annexAgreement struct {
	Day   string // "20 novembre 2026"; "" for agreements recorded without their day
	Lines int
}

func buildAnnex(d Document) annexModel {
	c := d.view()
	m := annexModel{
		Caf: c.Caf.Label(), Caisse: caisseName(c.Caf), RefTitle: d.Ref.Title, Revision: d.Ref.Revision,
		Date: cpog.FormatDate(d.ExportedAt), AgreedOnly: d.AgreedOnly, Years: d.Ref.Years,
		Weight:     figure(cpog.FormatValue(c.Weight, cpog.UnitPercent)),
		Signatures: signatories(c.Caf), NoPlanTable: noPlanTable,
		Kind: kindOf(c.Caf), RunningHead: "Annexe au CPOG — " + c.Caf.Label(),
	}
	for _, a := range d.Ref.Axes {
		ax := annexAxis{N: a.N, Title: prose(a.Title)}
		for _, f := range d.Ref.Fiches {
			inds := d.Ref.IndicatorsOf(f.N)
			if f.Axis != a.N || len(inds) == 0 {
				continue
			}
			af := annexFiche{N: f.N, Title: prose(f.Title)}
			for _, ind := range inds {
				for _, l := range ind.Lines() {
					af.Rows = append(af.Rows, annexLine(d, c, l))
				}
			}
			af.Layout = annexLayout(af.Rows, kindOf(c.Caf))
			ax.Fiches = append(ax.Fiches, af)
		}
		if len(ax.Fiches) > 0 {
			m.Axes = append(m.Axes, ax)
		}
	}
	m.Plan = annexPlan(d.Ref, c)
	per, total := d.synthese()
	for _, ft := range per {
		m.Synthese = append(m.Synthese, annexTallyOf(fmt.Sprintf("%02d %s", ft.Fiche.N, prose(ft.Fiche.Title)), ft.tally))
	}
	m.Total = annexTallyOf("Ensemble de la "+d.Ref.Title, total)
	m.Agreements = agreementDays(d.Ref, c)
	return m
}

func annexLine(d Document, c *cpog.Contract, l cpog.Line) annexRow {
	ind := l.Indicator
	code := ind.Code
	if l.Sub != "" {
		code += " " + l.Sub
	}
	r := annexRow{Code: code, Label: prose(lineLabel(l))}
	for i, y := range d.Ref.Years {
		ev := cpog.Evaluate(d.Ref, c, l, y)
		if i == 0 {
			r.Mode = modeText(ev, c, l)
		}
		cell := annexCell{National: "—", Reference: referenceText(ev.Reference, ind.Unit), Local: "—"}
		if ev.HasNat {
			cell.National = figure(ev.National.Raw)
		}
		t := ev.Target
		switch {
		case t.IsAgreed():
			cell.Local, cell.Agreed = exactFigure(t.Agreed.V, ind), true
		case ev.Local.OK:
			cell.Local = exactFigure(ev.Local.V, ind)
			cell.Status = statusText(t.Status)
		}
		r.Cells = append(r.Cells, cell)
	}
	return r
}

// referenceText writes the caisse's reference for a document: as every
// table of cpog writes it, except that a volume is never abbreviated. A
// table on screen may read "10,1 M"; beside the caisse's own figure on the
// page it signs, the quota reads in full, 10 080 000.
func referenceText(r cpog.Reference, u cpog.Unit) string {
	if r.Valid && !r.Band && u.IsVolume() && math.Abs(r.Value) >= 10e6 {
		s := cpog.FormatNumber(cpog.Round(r.Value, 0))
		if r.Kind == cpog.TargetIncrement && r.Value >= 0 {
			s = "+" + s
		}
		return figure(s)
	}
	return figure(r.Format(u))
}

// kindOf is the caisse's kind as a column names it.
func kindOf(c cpog.Caf) string {
	if c.Kind.Valid() {
		return string(c.Kind)
	}
	return string(cpog.KindCaf)
}

// exactFigure writes a figure the caisse typed or agreed, every digit
// kept (a signed figure is never rounded), with its sign where the
// indicator's figures are rises ("+546 000").
//
// Volumes are written without their unit, as the national target and the
// reference beside them are: a column reads "7 875 000,5" under "375 M",
// never "7 875 000,5 €" beside "7 875 000".
func exactFigure(v float64, ind *cpog.Indicator) string {
	s := cpog.FormatValue(v, ind.Unit)
	if ind.Unit.IsVolume() {
		s = cpog.FormatNumber(v)
	}
	if ind.Increments() && v >= 0 {
		s = "+" + s
	}
	return figure(s)
}

// modeText names the mode de déclinaison in words, with what the
// reference is made from: the share key of a quote-part, the start of a
// trajectory.
func modeText(ev cpog.Evaluation, c *cpog.Contract, l cpog.Line) string {
	label := ev.Mode.Label()
	if !ev.ModeFits {
		return label + " (ne convient pas à l’indicateur : pas de référence)"
	}
	switch ev.Mode {
	case cpog.ModeShare:
		return label + ", clé " + figure(cpog.FormatValue(ev.ShareKey, cpog.UnitPercent))
	case cpog.ModePath:
		base, ok := c.Baselines[l.Key()]
		if !ok {
			return label + " (sans valeur de départ : pas de référence)"
		}
		return fmt.Sprintf("%s depuis %s en %d", label, figure(cpog.FormatValue(base, l.Indicator.Unit)), c.BaselineYear)
	case cpog.ModeFree:
		return label + " (sans référence)"
	}
	return label
}

func annexTallyOf(label string, t tally) annexTally {
	return annexTally{
		Label: label, Negotiable: t.Negotiable, Agreed: t.Agreed,
		Progress: figure(fmt.Sprintf("%.0f %%", t.Progress()*100)),
		AuNiveau: t.Classes[cpog.AuNiveau], Proche: t.Classes[cpog.Proche],
		EnRetrait: t.Classes[cpog.EnRetrait], SansObjet: t.Classes[cpog.SansObjet],
	}
}
