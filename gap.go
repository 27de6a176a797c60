package cpog

import "math"

// Reference is what the branch expects of this Caf for a line and year: a
// value, or a band for band targets. It is missing when the mode gives none
// (free, national) or the data it needs is missing.
type Reference struct {
	Valid    bool
	Value    float64
	Band     bool
	Min, Max float64
}

// ReferenceInput is what a reference is computed from.
type ReferenceInput struct {
	Mode         Mode
	Targets      map[int]NationalTarget // the line's national targets
	Year         int
	LastYear     int     // end of the period, where a path arrives
	Weight       float64 // the Caf's share of the branch, in percent
	Baseline     Opt     // the Caf's own level in BaselineYear
	BaselineYear int
}

// ComputeReference applies the mode de déclinaison (see DESIGN.md):
// same → the national target; share → national × weight; path → a straight
// line from the baseline to the final national target; free and national →
// none.
func ComputeReference(in ReferenceInput) Reference {
	switch in.Mode {
	case ModeSame:
		nt, ok := in.Targets[in.Year]
		if !ok {
			return Reference{}
		}
		return fromTarget(nt, 1)
	case ModeShare:
		nt, ok := in.Targets[in.Year]
		if !ok || ValidateWeight(in.Weight) != nil {
			return Reference{}
		}
		return fromTarget(nt, in.Weight/100)
	case ModePath:
		final, ok := in.Targets[in.LastYear]
		// a path aims at a level: an increment or a change "par rapport à"
		// a year is not one
		if !ok || final.Kind != TargetValue || !in.Baseline.OK || in.BaselineYear >= in.LastYear {
			return Reference{}
		}
		if in.Year <= in.BaselineYear {
			return Reference{Valid: true, Value: in.Baseline.V}
		}
		frac := float64(in.Year-in.BaselineYear) / float64(in.LastYear-in.BaselineYear)
		if frac > 1 {
			frac = 1
		}
		return Reference{Valid: true, Value: in.Baseline.V + (final.Value-in.Baseline.V)*frac}
	}
	return Reference{}
}

func fromTarget(nt NationalTarget, scale float64) Reference {
	if nt.Kind == TargetBand {
		return Reference{Valid: true, Band: true, Min: nt.Min * scale, Max: nt.Max * scale, Value: (nt.Min + nt.Max) / 2 * scale}
	}
	return Reference{Valid: true, Value: nt.Value * scale}
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
// 1 point for rates, 1 day for delays, 5 % of the reference otherwise.
func Tolerance(unit Unit, ref Reference) float64 {
	switch unit {
	case UnitPercent, UnitDays:
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
	Key       TargetKey
	National  NationalTarget
	HasNat    bool
	Mode      Mode
	Reference Reference
	Local     Opt
	Cnaf      Opt
	Target    Target
	Gap       Gap
	Actual    Opt
}

// Evaluate computes the reference, the local figure and the gap of a line
// for a year in a contract. It is the one place every screen, command and
// file gets these figures from.
func Evaluate(r *Referential, c *Contract, l Line, year int) Evaluation {
	key := TargetKey{LineKey: l.Key(), Year: year}
	nt, hasNat := l.Targets[year]
	mode := c.ModeOf(l.Indicator)
	base, hasBase := c.Baselines[l.Key()]
	ref := ComputeReference(ReferenceInput{
		Mode: mode, Targets: l.Targets, Year: year, LastYear: r.LastYear(),
		Weight: c.Weight, Baseline: Opt{V: base, OK: hasBase}, BaselineYear: c.BaselineYear,
	})
	t := c.Targets[key]
	ev := Evaluation{Key: key, National: nt, HasNat: hasNat, Mode: mode, Reference: ref, Local: t.Local(), Cnaf: t.Counter, Target: t}
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
// "43–57 %" for a band.
func (r Reference) Format(u Unit) string {
	switch {
	case !r.Valid:
		return "—"
	case r.Band:
		return FormatNumber(Round(r.Min, 2)) + "–" + FormatCompact(r.Max, u)
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
