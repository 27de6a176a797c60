package cpog

import "math"

// AchievementClass is the verdict of the bilan annuel on one line and year.
type AchievementClass string

// Achievement classes, as written in JSON and files.
const (
	Atteint     AchievementClass = "atteint"
	ProcheA     AchievementClass = "proche"
	NonAtteint  AchievementClass = "non_atteint"
	SansRealise AchievementClass = "sans_realise"
)

// Label is the French name of the class.
func (c AchievementClass) Label() string {
	switch c {
	case Atteint:
		return "atteint"
	case ProcheA:
		return "proche"
	case NonAtteint:
		return "non atteint"
	}
	return "sans réalisé"
}

// Symbol carries the class without colour.
func (c AchievementClass) Symbol() string {
	switch c {
	case Atteint:
		return "✓"
	case ProcheA:
		return "~"
	case NonAtteint:
		return "✗"
	}
	return "·"
}

// AchievementClasses lists the classes in display order.
func AchievementClasses() []AchievementClass {
	return []AchievementClass{Atteint, ProcheA, NonAtteint, SansRealise}
}

// MaxAchievementRate caps the taux d'atteinte: beyond twice the target the
// figure says nothing more, and a delay of zero would otherwise be infinite.
const MaxAchievementRate = 200

// Achievement is the taux d'atteinte of an actual against its target.
type Achievement struct {
	Valid   bool    // a rate could be computed (positive target and actual)
	Rate    float64 // percent, direction-aware: 100 means exactly on target
	HasGap  bool
	Gap     Gap // the actual's gap to the target, signed like every gap
	Class   AchievementClass
	Against Reference // the target the actual was compared with
}

// ComputeAchievement compares an actual with its target, the way the bilan
// annuel reads it: for higher-is-better indicators actual ÷ target, for
// lower-is-better ones target ÷ actual, for a band 100 % inside it and
// the nearer bound's ratio outside, for one figure of a band indicator
// the smaller of the two over the larger. Targets
// or actuals that are zero or negative (a reduction of −5 %) give no rate,
// only the class, which comes from the gap and its tolerance.
func ComputeAchievement(unit Unit, dir Direction, target Reference, actual Opt) Achievement {
	if !actual.OK || !target.Valid {
		return Achievement{Class: SansRealise, Against: target}
	}
	g := ComputeGap(unit, dir, target, actual)
	a := Achievement{HasGap: true, Gap: g, Against: target}
	switch g.Class {
	case AuNiveau:
		a.Class = Atteint
	case Proche:
		a.Class = ProcheA
	default:
		a.Class = NonAtteint
	}
	switch {
	case target.Band:
		if g.Value == 0 {
			a.Valid, a.Rate = true, 100
		} else if actual.V > 0 {
			bound := target.Min
			if actual.V > target.Max {
				bound = target.Max
			}
			a.Valid, a.Rate = true, math.Min(bound, actual.V)/math.Max(bound, actual.V)*100
		}
	case target.Value <= 0 || actual.V < 0:
		// no meaningful ratio
	case dir == Band:
		// one figure for an indicator read as a band: the gap counts any
		// distance, above as below, and so does the rate
		if math.Max(target.Value, actual.V) > 0 {
			a.Valid, a.Rate = true, math.Min(target.Value, actual.V)/math.Max(target.Value, actual.V)*100
		}
	case dir == LowerIsBetter:
		if actual.V == 0 {
			a.Valid, a.Rate = true, MaxAchievementRate
		} else {
			a.Valid, a.Rate = true, target.Value/actual.V*100
		}
	default:
		a.Valid, a.Rate = true, actual.V/target.Value*100
	}
	if a.Valid {
		a.Rate = math.Min(Round(a.Rate, 6), MaxAchievementRate)
	}
	return a
}

// AchievementFor is the taux d'atteinte of a line and year in a contract:
// the actual against the Caf's target (agreed, else proposed), or against
// the reference when the Caf has no target for that year.
func AchievementFor(ev Evaluation, unit Unit, dir Direction) Achievement {
	target := ev.Reference
	if ev.Local.OK {
		target = Reference{Valid: true, Value: ev.Local.V}
		if ev.Reference.Band {
			target = ev.Reference
		}
	}
	return ComputeAchievement(unit, dir, target, ev.Actual)
}
