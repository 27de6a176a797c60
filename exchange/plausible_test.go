package exchange_test

import (
	"testing"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
)

// plausible is a document whose contract keeps only the figures an import
// accepts (cpog.CheckFigure): seedComplete's sample values are uniform
// across units, and some exceed what a Caf may carry; an exchange file
// holding them is refused.
func plausible(t testing.TB, d exchange.Document) exchange.Document {
	t.Helper()
	c := *d.Contract
	c.Targets = make(map[cpog.TargetKey]cpog.Target, len(d.Contract.Targets))
	c.Actuals = make(map[cpog.TargetKey]float64, len(d.Contract.Actuals))
	ok := func(k cpog.TargetKey, o cpog.Opt) bool {
		ind, err := d.Ref.Lookup(k.Code)
		if err != nil {
			return false
		}
		l, err := ind.Line(k.Sub)
		return err == nil && (!o.OK || cpog.CheckFigure(l, k.Year, o.V) == nil)
	}
	for k, tg := range d.Contract.Targets {
		if ok(k, tg.Proposed) && ok(k, tg.Counter) && ok(k, tg.Agreed) {
			c.Targets[k] = tg
		}
	}
	for k, v := range d.Contract.Actuals {
		if ok(k, cpog.Some(v)) {
			c.Actuals[k] = v
		}
	}
	d.Contract = &c
	return d
}
