package exchange

import (
	"math"

	"github.com/cnaf-tools/cpog"
)

// Every figure cpog stores today is finite and bounded (cpog.CheckFigure),
// but a database written by an older cpog may hold an infinity, which no
// file format can carry (JSON has none, a spreadsheet shows an error). An
// export must still be written: such a figure is shown as missing, a
// computed one (a gap from a 305-digit figure) as noFigure.

// noFigure stands for a figure that is not a number.
const noFigure = "—"

func isFinite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }

func finiteOpt(o cpog.Opt) cpog.Opt {
	if o.OK && !isFinite(o.V) {
		return cpog.None
	}
	return o
}

// finiteContract is c without the figures that are not finite numbers; c
// itself is returned when it has none, the usual case.
func finiteContract(c *cpog.Contract) *cpog.Contract {
	if contractFinite(c) {
		return c
	}
	cp := *c
	cp.Targets = make(map[cpog.TargetKey]cpog.Target, len(c.Targets))
	for k, t := range c.Targets {
		t.Proposed, t.Counter, t.Agreed = finiteOpt(t.Proposed), finiteOpt(t.Counter), finiteOpt(t.Agreed)
		cp.Targets[k] = t
	}
	cp.Actuals = keepFinite(c.Actuals)
	cp.Baselines = keepFinite(c.Baselines)
	cp.ShareKeys = keepFinite(c.ShareKeys)
	return &cp
}

func contractFinite(c *cpog.Contract) bool {
	for _, t := range c.Targets {
		for _, o := range []cpog.Opt{t.Proposed, t.Counter, t.Agreed} {
			if o.OK && !isFinite(o.V) {
				return false
			}
		}
	}
	return allFinite(c.Actuals) && allFinite(c.Baselines) && allFinite(c.ShareKeys) && isFinite(c.Weight)
}

func allFinite[K comparable](m map[K]float64) bool {
	for _, v := range m {
		if !isFinite(v) {
			return false
		}
	}
	return true
}

func keepFinite[K comparable](m map[K]float64) map[K]float64 {
	out := make(map[K]float64, len(m))
	for k, v := range m {
		if isFinite(v) {
			out[k] = v
		}
	}
	return out
}

// finiteEvents is the history with its infinite values shown as missing.
func finiteEvents(evs []cpog.Event) []cpog.Event {
	for i := range evs {
		evs[i].Old, evs[i].New = finiteOpt(evs[i].Old), finiteOpt(evs[i].New)
	}
	return evs
}
