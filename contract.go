package cpog

// Opt is a number that may be missing. A missing target is not a zero.
type Opt struct {
	V  float64
	OK bool
}

// Some wraps a present number.
func Some(v float64) Opt { return Opt{V: v, OK: true} }

// None is the missing number.
var None = Opt{}

// Ptr returns a pointer to the value, nil when missing; it is the JSON shape
// of an optional number.
func (o Opt) Ptr() *float64 {
	if !o.OK {
		return nil
	}
	v := o.V
	return &v
}

// TargetKey identifies one line of one year.
type TargetKey struct {
	LineKey
	Year int
}

// Target is the Caf's local target for one line and year, as negotiated.
type Target struct {
	Proposed Opt // the Caf's latest proposal
	Counter  Opt // the Cnaf's latest position
	Agreed   Opt // the agreed figure, once agreed
	// AgreedOn is the day of the dialogue de gestion where both parties
	// agreed, "2026-12-03"; empty until then.
	AgreedOn string
	Status   Status
	Comment  string
	// Explanation and Action are the bilan annuel's: why the actual
	// misses the target, and what the Caf will do about it.
	Explanation string
	Action      string
}

// Local is the figure the Caf stands on: the agreed value once agreed,
// otherwise its latest proposal.
func (t Target) Local() Opt {
	if t.IsAgreed() {
		return t.Agreed
	}
	return t.Proposed
}

// IsAgreed reports whether the Caf and the Cnaf agreed a figure: the
// status says so and the figure is there.
func (t Target) IsAgreed() bool { return t.Status == StatusAgreed && t.Agreed.OK }

// Contract is a Caf's CPOG: its weight in the branch, how each indicator is
// declined, its baselines, its targets and its actuals, and its plan
// d'actions.
type Contract struct {
	Caf          Caf
	RefID        string
	Weight       float64 // share of the branch, in percent
	BaselineYear int
	Modes        map[string]Mode // overrides of the referential's default, by indicator code
	// ShareKeys are the Caf's share of the branch for single indicators
	// (its share of children under 3 for EAJE places, of RSA households
	// for COG-09-36), in percent; the weight stands for the others.
	ShareKeys map[string]float64
	Baselines map[LineKey]float64
	Targets   map[TargetKey]Target
	Actuals   map[TargetKey]float64
	// FollowUps are the Caf's follow-up of the items of its plan
	// d'actions, and its local actions (whose keys end in ".L1"…).
	FollowUps map[ItemKey]FollowUp
}

// NewContract returns an empty contract for a Caf.
func NewContract(caf Caf, refID string, weight float64, baselineYear int) *Contract {
	return &Contract{
		Caf: caf, RefID: refID, Weight: weight, BaselineYear: baselineYear,
		Modes:     map[string]Mode{},
		ShareKeys: map[string]float64{},
		Baselines: map[LineKey]float64{},
		Targets:   map[TargetKey]Target{},
		Actuals:   map[TargetKey]float64{},
		FollowUps: map[ItemKey]FollowUp{},
	}
}

// ModeOf is the mode the contract applies to an indicator.
func (c *Contract) ModeOf(ind *Indicator) Mode {
	if m, ok := c.Modes[ind.Code]; ok && m.Valid() {
		return m
	}
	return ind.Mode
}

// ShareKey is the Caf's share of the branch for an indicator's volumes, in
// percent: the indicator's own key when one is set, else the weight.
func (c *Contract) ShareKey(ind *Indicator) float64 {
	if k, ok := c.ShareKeys[ind.Code]; ok {
		return k
	}
	return c.Weight
}

// Target returns the local target of a line and year (zero when none).
func (c *Contract) Target(k LineKey, year int) Target {
	return c.Targets[TargetKey{LineKey: k, Year: year}]
}

// Negotiable reports whether the indicator is negotiated in this contract:
// national indicators are shown for information unless the user changed
// their mode.
func (c *Contract) Negotiable(ind *Indicator) bool { return c.ModeOf(ind) != ModeNational }

// LineStatus is the status of a line over the period: its least advanced
// year among those with a national target or a local figure.
func (c *Contract) LineStatus(l Line, years []int) Status {
	var out Status
	first := true
	for _, y := range years {
		t := c.Target(l.Key(), y)
		_, hasNat := l.Targets[y]
		if !hasNat && !t.Proposed.OK && !t.Agreed.OK && t.Status == StatusNone {
			continue
		}
		if first || t.Status.rank() < out.rank() {
			out = t.Status
			first = false
		}
	}
	return out
}

// IndicatorStatus is the least advanced status of the indicator's lines.
func (c *Contract) IndicatorStatus(ind *Indicator, years []int) Status {
	var out Status
	for i, l := range ind.Lines() {
		s := c.LineStatus(l, years)
		if i == 0 || s.rank() < out.rank() {
			out = s
		}
	}
	return out
}

// Progress counts the negotiable cells of a list of indicators — each
// line and year that has a national target, on the indicators negotiated
// in this contract — and how many of them are agreed. An agreement is
// reached year by year, so it is counted year by year.
func (c *Contract) Progress(inds []*Indicator, years []int) (agreed, negotiable int) {
	for _, ind := range inds {
		if !c.Negotiable(ind) {
			continue
		}
		for _, l := range ind.Lines() {
			for _, y := range years {
				if _, ok := l.Targets[y]; !ok {
					continue
				}
				negotiable++
				if c.Target(l.Key(), y).Status == StatusAgreed {
					agreed++
				}
			}
		}
	}
	return agreed, negotiable
}

// Format writes the number for a table cell, "—" when missing.
func (o Opt) Format(u Unit) string {
	if !o.OK {
		return "—"
	}
	return FormatCompact(o.V, u)
}

// FormatFor writes a figure of the indicator for a table cell: with its
// sign when the indicator's figures are rises ("+28 000").
func (o Opt) FormatFor(ind *Indicator) string {
	if o.OK && ind.Increments() {
		return FormatRise(o.V, ind.Unit)
	}
	return o.Format(ind.Unit)
}
