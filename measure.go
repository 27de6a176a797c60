package cpog

import "fmt"

// Measure says what an indicator's figure is, beyond its unit. It decides
// which modes de déclinaison fit and which values a figure may take: a
// rate is the same for a Caf as for the branch, a volume is shared out.
type Measure string

// Measures of the COG's indicators.
const (
	// MeasureLevel is a rate, a delay, a ratio or a unit cost: a Caf can
	// be held to the national level itself.
	MeasureLevel Measure = "level"
	// MeasureVolume is a volume the branch shares out among the Caf:
	// places, hours, persons, euros recovered.
	MeasureVolume Measure = "volume"
	// MeasureNetChange is a shared volume counted net (places created
	// minus places closed): it may be negative.
	MeasureNetChange Measure = "net_change"
)

// Valid reports whether m is a known measure.
func (m Measure) Valid() bool {
	return m == MeasureLevel || m == MeasureVolume || m == MeasureNetChange
}

// Shared reports whether the measure is a volume the branch shares out.
func (m Measure) Shared() bool { return m == MeasureVolume || m == MeasureNetChange }

// Whole reports whether the indicator counts whole things (structures,
// centres, EAJE, places, persons, families): a Caf's reference is then a
// whole number, since no one can open 1,8 structures. In the COG every
// count is of whole things; hours and euros are not.
func (ind *Indicator) Whole() bool { return ind.Measure.Shared() && ind.Unit == UnitCount }

// hasKind reports whether any of the indicator's national targets is of
// the kind.
func (ind *Indicator) hasKind(k TargetKind) bool {
	for _, l := range ind.Lines() {
		for _, t := range l.Targets {
			if t.Kind == k {
				return true
			}
		}
	}
	return false
}

// Increments reports whether the indicator's targets are rises over a
// base ("+ 14 M" hours): the Caf's figures are rises too.
func (ind *Indicator) Increments() bool { return ind.hasKind(TargetIncrement) }

// IsChange reports whether the indicator is a rate of change (a target
// relative to a year, or a fall such as − 0,15 %) rather than a
// proportion: its figures may be negative.
func (ind *Indicator) IsChange() bool {
	if ind.Unit != UnitPercent {
		return false
	}
	for _, l := range ind.Lines() {
		for _, t := range l.Targets {
			if t.Kind == TargetRelative || (t.Kind == TargetValue && t.Value < 0) {
				return true
			}
		}
	}
	return false
}

// ModeFits reports whether a mode de déclinaison makes sense for the
// indicator: the national level itself only for levels (a Caf does not
// carry the national volume), a quote-part only for shared volumes (a
// share of a rate means nothing), a trajectory only towards a level (not
// a band, a rise or a change against a year). Free and for-information
// always fit.
func ModeFits(ind *Indicator, m Mode) bool {
	switch m {
	case ModeSame:
		return !ind.Measure.Shared()
	case ModeShare:
		return ind.Measure.Shared() && !ind.hasKind(TargetBand)
	case ModePath:
		return !ind.hasKind(TargetBand) && !ind.hasKind(TargetIncrement) && !ind.hasKind(TargetRelative)
	case ModeFree, ModeNational:
		return true
	}
	return false
}

// FitModes lists the modes that fit the indicator, in the order the
// interface offers them.
func FitModes(ind *Indicator) []Mode {
	var out []Mode
	for _, m := range Modes() {
		if ModeFits(ind, m) {
			out = append(out, m)
		}
	}
	return out
}

// CheckMode refuses, in French, a mode that does not fit the indicator.
func CheckMode(ind *Indicator, m Mode) error {
	if !m.Valid() {
		return Errorf(EInvalid, fmt.Sprintf("mode de déclinaison inconnu : %q", Cite(string(m))))
	}
	if ModeFits(ind, m) {
		return nil
	}
	why := "il ne convient pas à cet indicateur"
	switch m {
	case ModeSame:
		why = "la cible nationale est un volume de toute la Branche : une Caf en porte une quote-part"
	case ModeShare:
		why = "une quote-part ne se calcule que sur un volume (places, heures, euros…)"
	case ModePath:
		why = "une trajectoire va vers un niveau : pas vers une fourchette, une hausse ou une évolution par rapport à une année"
	}
	var names []string
	for _, f := range FitModes(ind) {
		names = append(names, f.Label())
	}
	return Errorf(EInvalid, fmt.Sprintf("%s : mode « %s » refusé, %s (modes possibles : %s)", ind.Code, m.Label(), why, joinFrench(names)))
}

// joinFrench writes a list as French prose: "a, b et c".
func joinFrench(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	out := items[0]
	for _, s := range items[1 : len(items)-1] {
		out += ", " + s
	}
	return out + " et " + items[len(items)-1]
}
