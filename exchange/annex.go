package exchange

import (
	"fmt"

	"github.com/cnaf-tools/cpog"
)

// The "annexe CPOG" is the part of the contract the Caf and the Cnaf sign:
// per fiche, the agreed local targets beside the national ones, the totals
// of the synthèse and the signature block. Markdown and HTML render the
// same model.

type annexModel struct {
	Caf        string
	RefTitle   string
	Revision   int
	Date       string
	AgreedOnly bool
	Years      []int
	Axes       []annexAxis
	Synthese   []annexTally
	Total      annexTally
	Signatures []string
}

type annexAxis struct {
	N      int
	Title  string
	Fiches []annexFiche
}

type annexFiche struct {
	N     int
	Title string
	Rows  []annexRow
}

type annexRow struct {
	Code  string
	Label string
	Info  bool // a national indicator, shown for information
	Cells []annexCell
}

type annexCell struct {
	National string
	Local    string
	Status   string // the status of a figure not agreed yet; "" when agreed or empty
}

type annexTally struct {
	Label                       string
	Negotiable, Agreed          int
	Progress                    string
	AuNiveau, Proche, EnRetrait int
	SansObjet                   int
}

// Signatories of a CPOG.
var signatories = []string{
	"Le directeur de la Caf",
	"Le président du conseil d’administration de la Caf",
	"Le directeur général de la Cnaf",
}

func buildAnnex(d Document) annexModel {
	c := d.view()
	m := annexModel{
		Caf: c.Caf.Label(), RefTitle: d.Ref.Title, Revision: d.Ref.Revision,
		Date: cpog.FormatDate(d.ExportedAt), AgreedOnly: d.AgreedOnly, Years: d.Ref.Years,
		Signatures: signatories,
	}
	for _, a := range d.Ref.Axes {
		ax := annexAxis{N: a.N, Title: a.Title}
		for _, f := range d.Ref.Fiches {
			inds := d.Ref.IndicatorsOf(f.N)
			if f.Axis != a.N || len(inds) == 0 {
				continue
			}
			af := annexFiche{N: f.N, Title: f.Title}
			for _, ind := range inds {
				for _, l := range ind.Lines() {
					af.Rows = append(af.Rows, annexLine(d, c, l))
				}
			}
			ax.Fiches = append(ax.Fiches, af)
		}
		if len(ax.Fiches) > 0 {
			m.Axes = append(m.Axes, ax)
		}
	}
	per, total := d.synthese()
	for _, ft := range per {
		m.Synthese = append(m.Synthese, annexTallyOf(fmt.Sprintf("%02d %s", ft.Fiche.N, ft.Fiche.Title), ft.tally))
	}
	m.Total = annexTallyOf("Ensemble de la "+d.Ref.Title, total)
	return m
}

func annexLine(d Document, c *cpog.Contract, l cpog.Line) annexRow {
	ind := l.Indicator
	code := ind.Code
	if l.Sub != "" {
		code += " " + l.Sub
	}
	r := annexRow{Code: code, Label: lineLabel(l), Info: !c.Negotiable(ind)}
	for _, y := range d.Ref.Years {
		ev := cpog.Evaluate(d.Ref, c, l, y)
		cell := annexCell{National: "—", Local: "—"}
		if ev.HasNat {
			cell.National = ev.National.Raw
		}
		t := ev.Target
		switch {
		case t.Status == cpog.StatusAgreed && t.Agreed.OK:
			cell.Local = cpog.FormatValue(t.Agreed.V, ind.Unit)
		case ev.Local.OK:
			cell.Local = cpog.FormatValue(ev.Local.V, ind.Unit)
			cell.Status = statusText(t.Status)
		}
		r.Cells = append(r.Cells, cell)
	}
	return r
}

func annexTallyOf(label string, t tally) annexTally {
	return annexTally{
		Label: label, Negotiable: t.Negotiable, Agreed: t.Agreed,
		Progress: fmt.Sprintf("%.0f %%", t.Progress()*100),
		AuNiveau: t.Classes[cpog.AuNiveau], Proche: t.Classes[cpog.Proche],
		EnRetrait: t.Classes[cpog.EnRetrait], SansObjet: t.Classes[cpog.SansObjet],
	}
}
