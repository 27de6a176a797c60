package cpog

import "math"

// Reference is what the branch expects of this Caf for a line and year: a
// value, or a band for band targets. It is missing when the mode gives none
// (free, national), does not fit the indicator, or lacks the data it needs.
type Reference struct {
	Valid    bool
	Value    float64 // what gaps are measured from; whole for whole things
	Band     bool
	Min, Max float64
	// Kind is the kind of the national target the reference comes from:
	// a rise for increments, a change for targets relative to a year.
	Kind TargetKind
	// Exact is the reference before rounding to a whole number (a Caf's
	// quota of 1,8 structures is shown as 2, and 1,8 in the detail).
	Exact float64
	// Held is set when a trajectory holds the Caf's baseline: its own
	// level is already better than the final target, and a path towards
	// it would plan a worsening.
	Held bool
}

// ReferenceInput is what a reference is computed from.
type ReferenceInput struct {
	Mode      Mode
	Indicator *Indicator
	Targets   map[int]NationalTarget // the line's national targets
	Year      int
	LastYear  int     // end of the period, where a path arrives
	Key       float64 // the Caf's share key (its weight by default), in percent
	// Baseline is the Caf's own level in BaselineYear, start of a path.
	Baseline     Opt
	BaselineYear int
}

// ComputeReference applies the mode de déclinaison (see DESIGN.md):
// same → the national target; share → national × share key, whole for
// whole things; path → a straight line from the baseline to the final
// target (the national level, or the Caf's quota of a volume) that never
// plans a worsening; free and national → none. A mode that does not fit
// the indicator gives none.
func ComputeReference(in ReferenceInput) Reference {
	ind := in.Indicator
	if !ModeFits(ind, in.Mode) {
		return Reference{}
	}
	var ref Reference
	switch in.Mode {
	case ModeSame:
		nt, ok := in.Targets[in.Year]
		if !ok {
			return Reference{}
		}
		ref = fromTarget(nt, 1)
	case ModeShare:
		nt, ok := in.Targets[in.Year]
		if !ok || ValidateWeight(in.Key) != nil {
			return Reference{}
		}
		ref = fromTarget(nt, in.Key/100)
	case ModePath:
		var ok bool
		if ref, ok = pathReference(in); !ok {
			return Reference{}
		}
	default:
		return Reference{}
	}
	ref.Exact = ref.Value
	if ind.Whole() && !ref.Band {
		ref.Value = math.Round(ref.Value)
	}
	return ref
}

// pathReference is the trajectory's point for the year.
func pathReference(in ReferenceInput) (Reference, bool) {
	final, ok := in.Targets[in.LastYear]
	if !ok || final.Kind != TargetValue || !in.Baseline.OK || in.BaselineYear >= in.LastYear {
		return Reference{}, false
	}
	end := final.Value
	if in.Indicator.Measure.Shared() {
		if ValidateWeight(in.Key) != nil {
			return Reference{}, false
		}
		end *= in.Key / 100
	}
	start := in.Baseline.V
	better := start > end
	if in.Indicator.Direction == LowerIsBetter {
		better = start < end
	}
	if better || in.Year <= in.BaselineYear {
		return Reference{Valid: true, Value: start, Kind: TargetValue, Held: better}, true
	}
	frac := min(1, float64(in.Year-in.BaselineYear)/float64(in.LastYear-in.BaselineYear))
	return Reference{Valid: true, Value: start + (end-start)*frac, Kind: TargetValue}, true
}

func fromTarget(nt NationalTarget, scale float64) Reference {
	if nt.Kind == TargetBand {
		return Reference{Valid: true, Band: true, Min: nt.Min * scale, Max: nt.Max * scale, Value: (nt.Min + nt.Max) / 2 * scale, Kind: TargetBand}
	}
	return Reference{Valid: true, Value: nt.Value * scale, Kind: nt.Kind}
}

// GapClass is the verdict on a gap.
type GapClass string

// Gap classes, as written in JSON and files.
const (
	AuNiveau  GapClass = "au_niveau"
	Proche    GapClass = "proche"
	EnRetrait GapClass = "en_retrait"
	SansObjet GapClass = "sans_objet"
)

// Symbol carries the class's meaning without colour.
func (c GapClass) Symbol() string {
	switch c {
	case AuNiveau:
		return "✓"
	case Proche:
		return "~"
	case EnRetrait:
		return "✗"
	}
	return "—"
}

// Label is the French name of the class.
func (c GapClass) Label() string {
	switch c {
	case AuNiveau:
		return "au niveau"
	case Proche:
		return "proche"
	case EnRetrait:
		return "en retrait"
	}
	return "sans objet"
}

// GapClasses lists the classes in the order the synthèse shows them.
func GapClasses() []GapClass { return []GapClass{AuNiveau, Proche, EnRetrait, SansObjet} }

// Gap is the distance between a local figure and the reference, signed so
// that a positive gap is always more ambitious than the branch.
type Gap struct {
	Valid      bool
	Value      float64 // in the unit: points for rates, days, units for volumes
	Percent    float64 // relative to the reference, for volumes and ratios
	HasPercent bool
	Class      GapClass
}

// eps absorbs floating-point noise so that a gap of exactly the tolerance
// is "proche" and a met target is never "en retrait" by 1e-15.
const eps = 1e-9

// Tolerance is how far behind a gap may be and still count as "proche":
// for rates the smaller of 1 point and 10 % of the reference (a point is
// nothing on 87 %, and a lot on 1,1 %), 1 day for delays, 5 % of the
// reference otherwise.
func Tolerance(unit Unit, ref Reference) float64 {
	switch unit {
	case UnitPercent:
		return math.Min(1, 0.1*math.Abs(ref.Value))
	case UnitDays:
		return 1
	}
	return 0.05 * math.Abs(ref.Value)
}

// ComputeGap compares a local figure with the reference.
func ComputeGap(unit Unit, dir Direction, ref Reference, local Opt) Gap {
	if !ref.Valid || !local.OK {
		return Gap{Class: SansObjet}
	}
	var g float64
	switch {
	case ref.Band:
		switch {
		case local.V < ref.Min:
			g = -(ref.Min - local.V)
		case local.V > ref.Max:
			g = -(local.V - ref.Max)
		}
	case dir == LowerIsBetter:
		g = ref.Value - local.V
	case dir == Band:
		g = -math.Abs(local.V - ref.Value)
	default:
		g = local.V - ref.Value
	}
	// Noise grows with the figures compared: a quote-part of 375 M € is a
	// few 1e-9 off its exact value, so the threshold is relative to them.
	if math.Abs(g) < eps*math.Max(1, math.Max(math.Abs(ref.Value), math.Abs(local.V))) {
		g = 0
	}
	out := Gap{Valid: true, Value: g}
	if unit != UnitPercent && unit != UnitDays && ref.Value != 0 {
		out.Percent = g / math.Abs(ref.Value) * 100
		out.HasPercent = true
	}
	tol := Tolerance(unit, ref)
	switch {
	case g >= 0:
		out.Class = AuNiveau
	case -g <= tol+eps*math.Max(1, tol):
		out.Class = Proche
	default:
		out.Class = EnRetrait
	}
	return out
}

// Evaluation is everything the product shows about one line and year.
type Evaluation struct {
	Key      TargetKey
	National NationalTarget
	HasNat   bool
	Mode     Mode
	// ModeFits is false when the contract holds a mode that does not fit
	// the indicator (set before cpog refused them): no reference then.
	ModeFits bool
	// ShareKey is the Caf's share of the branch used for this line, in
	// percent: the indicator's own key, else the Caf's weight.
	ShareKey  float64
	Reference Reference
	Local     Opt
	Cnaf      Opt
	Target    Target
	Gap       Gap
	Actual    Opt
}

// ReferenceFor is the reference a mode would give a line of the contract
// for a year: Evaluate's, and the mode chooser's for the modes not chosen.
func ReferenceFor(r *Referential, c *Contract, l Line, year int, m Mode) Reference {
	base, hasBase := c.Baselines[l.Key()]
	return ComputeReference(ReferenceInput{
		Mode: m, Indicator: l.Indicator, Targets: l.Targets, Year: year, LastYear: r.LastYear(),
		Key: c.ShareKey(l.Indicator), Baseline: Opt{V: base, OK: hasBase}, BaselineYear: c.BaselineYear,
	})
}

// Evaluate computes the reference, the local figure and the gap of a line
// for a year in a contract. It is the one place every screen, command and
// file gets these figures from.
func Evaluate(r *Referential, c *Contract, l Line, year int) Evaluation {
	key := TargetKey{LineKey: l.Key(), Year: year}
	nt, hasNat := l.Targets[year]
	mode := c.ModeOf(l.Indicator)
	shareKey := c.ShareKey(l.Indicator)
	ref := ReferenceFor(r, c, l, year, mode)
	t := c.Targets[key]
	ev := Evaluation{Key: key, National: nt, HasNat: hasNat, Mode: mode, ModeFits: ModeFits(l.Indicator, mode), ShareKey: shareKey,
		Reference: ref, Local: t.Local(), Cnaf: t.Counter, Target: t}
	if a, ok := c.Actuals[key]; ok {
		ev.Actual = Some(a)
	}
	if hasNat {
		ev.Gap = ComputeGap(l.Indicator.Unit, l.Indicator.Direction, ref, ev.Local)
	} else {
		ev.Gap = Gap{Class: SansObjet}
	}
	return ev
}

// Format writes the reference for a table cell: "—" when there is none,
// "43–57 %" for a band, "+28 000" for a rise.
func (r Reference) Format(u Unit) string {
	switch {
	case !r.Valid:
		return "—"
	case r.Band:
		return FormatNumber(Round(r.Min, 2)) + "–" + FormatCompact(r.Max, u)
	case r.Kind == TargetIncrement:
		return FormatRise(r.Value, u)
	}
	return FormatCompact(r.Value, u)
}

// Format writes the gap with its sign, or "—" when there is none.
func (g Gap) Format(u Unit) string {
	if !g.Valid {
		return "—"
	}
	return FormatSigned(g.Value, u)
}
