package exchange

import (
	"errors"
	"time"

	"github.com/cnaf-tools/cpog"
)

// Document is what an export writes: one Caf's contract on the referential
// it declines, its history, and the moment of the export.
type Document struct {
	Ref        *cpog.Referential
	Contract   *cpog.Contract
	History    []cpog.Event
	ExportedAt time.Time
	// AgreedOnly keeps only the targets whose status is agreed (with all
	// their fields); the other years show the national target alone.
	AgreedOnly bool
	// Actor is who issues a JSON exchange file (the Caf unless a Cnaf user
	// sends counter-proposals); an import records its changes under it.
	Actor cpog.Actor
	// BilanYear is the year of the bilan annuel the export carries;
	// BilanDue the day it is due (zero: the COG's 15 March).
	BilanYear int
	BilanDue  cpog.DueDay
}

func (d Document) check() error {
	if d.Ref == nil || d.Contract == nil || len(d.Ref.Years) == 0 {
		return errors.New("document incomplet : référentiel ou contrat manquant")
	}
	return nil
}

// bilanYear is the year of the bilan the document carries: BilanYear, or
// for a document built without it the next one due on the export's day.
func (d Document) bilanYear() int {
	if d.BilanYear != 0 {
		return d.BilanYear
	}
	return bilanYear(d.Ref, ExportOptions{Now: d.ExportedAt, BilanDue: d.BilanDue})
}

// view is the contract as the export shows it.
func (d Document) view() *cpog.Contract {
	if !d.AgreedOnly {
		return d.Contract
	}
	c := *d.Contract
	c.Targets = make(map[cpog.TargetKey]cpog.Target, len(d.Contract.Targets))
	for k, t := range d.Contract.Targets {
		if t.Status == cpog.StatusAgreed {
			c.Targets[k] = t
		}
	}
	return &c
}

func (d Document) actor() cpog.Actor {
	if d.Actor == cpog.ActorCnaf {
		return cpog.ActorCnaf
	}
	return cpog.ActorCaf
}

// row is one line of one year as the tables show it.
type row struct {
	Ind  *cpog.Indicator
	Line cpog.Line
	Ev   cpog.Evaluation
	// Ach is the taux d'atteinte of the year's actual, as the bilan
	// reads it.
	Ach cpog.Achievement
}

// rows lists every line of every indicator for every year, in referential
// order, with the figures cpog.Evaluate gives.
func (d Document) rows() []row {
	c := d.view()
	out := make([]row, 0, len(d.Ref.Indicators)*len(d.Ref.Years))
	for i := range d.Ref.Indicators {
		ind := &d.Ref.Indicators[i]
		for _, l := range ind.Lines() {
			for _, y := range d.Ref.Years {
				ev := cpog.Evaluate(d.Ref, c, l, y)
				out = append(out, row{Ind: ind, Line: l, Ev: ev, Ach: cpog.AchievementFor(ev, ind.Unit, ind.Direction)})
			}
		}
	}
	return out
}

// lineLabel names a line in a table: the indicator's label, followed by the
// sub-indicator's for a line of an indicator measured per channel.
func lineLabel(l cpog.Line) string {
	if l.Sub == "" {
		return l.Indicator.Label
	}
	return l.Indicator.Label + " — " + l.Sub + ". " + l.Label
}

// tally is the synthèse of a set of indicators: how many are negotiated and
// agreed over the period, and the verdict on each line and year.
type tally struct {
	Indicators, Negotiable, Agreed int
	Classes                        map[cpog.GapClass]int
}

// Progress is the share of negotiable indicators agreed, from 0 to 1.
func (t tally) Progress() float64 {
	if t.Negotiable == 0 {
		return 0
	}
	return float64(t.Agreed) / float64(t.Negotiable)
}

// ficheTally is one fiche's line of the synthèse.
type ficheTally struct {
	Fiche cpog.Fiche
	tally
}

// synthese counts, per fiche and for the whole COG, the progress of the
// negotiation (as the interface's synthèse does) and the gap classes of
// every line over the whole period.
func (d Document) synthese() ([]ficheTally, tally) {
	c := d.view()
	count := func(inds []*cpog.Indicator) tally {
		t := tally{Indicators: len(inds), Classes: map[cpog.GapClass]int{}}
		t.Agreed, t.Negotiable = c.Progress(inds, d.Ref.Years)
		for _, ind := range inds {
			for _, l := range ind.Lines() {
				for _, y := range d.Ref.Years {
					t.Classes[cpog.Evaluate(d.Ref, c, l, y).Gap.Class]++
				}
			}
		}
		return t
	}
	var per []ficheTally
	var all []*cpog.Indicator
	for _, f := range d.Ref.Fiches {
		inds := d.Ref.IndicatorsOf(f.N)
		if len(inds) == 0 {
			continue
		}
		all = append(all, inds...)
		per = append(per, ficheTally{Fiche: f, tally: count(inds)})
	}
	return per, count(all)
}
