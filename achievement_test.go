package cpog

import (
	"math"
	"testing"
)

func TestComputeAchievement(t *testing.T) {
	val := func(v float64) Reference { return Reference{Valid: true, Value: v} }
	band := Reference{Valid: true, Band: true, Min: 43, Max: 57, Value: 50}
	for _, tc := range []struct {
		name   string
		unit   Unit
		dir    Direction
		target Reference
		actual Opt
		valid  bool
		rate   float64
		class  AchievementClass
	}{
		// higher is better: actual ÷ target
		{"rate met", UnitPercent, HigherIsBetter, val(87), Some(87), true, 100, Atteint},
		{"rate beyond", UnitPercent, HigherIsBetter, val(80), Some(88), true, 110, Atteint},
		{"rate 1 point short", UnitPercent, HigherIsBetter, val(80), Some(79), true, 98.75, ProcheA},
		{"rate 2 points short", UnitPercent, HigherIsBetter, val(80), Some(78), true, 97.5, NonAtteint},
		{"volume 4 % short", UnitCount, HigherIsBetter, val(1000), Some(960), true, 96, ProcheA},
		{"volume 6 % short", UnitCount, HigherIsBetter, val(1000), Some(940), true, 94, NonAtteint},
		{"hours beyond, capped", UnitHours, HigherIsBetter, val(100), Some(500), true, MaxAchievementRate, Atteint},
		{"euros met", UnitEuros, HigherIsBetter, val(375e6), Some(375e6), true, 100, Atteint},
		{"ratio short", UnitRatio, HigherIsBetter, val(460.2), Some(414.18), true, 90, NonAtteint},
		// lower is better: target ÷ actual
		{"delay met", UnitDays, LowerIsBetter, val(15), Some(15), true, 100, Atteint},
		{"delay better", UnitDays, LowerIsBetter, val(15), Some(12), true, 125, Atteint},
		{"delay one day late", UnitDays, LowerIsBetter, val(15), Some(16), true, 93.75, ProcheA},
		{"delay two days late", UnitDays, LowerIsBetter, val(16), Some(20), true, 80, NonAtteint},
		{"delay of zero", UnitDays, LowerIsBetter, val(15), Some(0), true, MaxAchievementRate, Atteint},
		{"cost above", UnitEuros, LowerIsBetter, val(160), Some(200), true, 80, NonAtteint},
		{"rate lower met", UnitPercent, LowerIsBetter, val(25.8), Some(24), true, 107.5, Atteint},
		// a band: 100 % inside, the nearer bound's ratio outside
		{"band inside", UnitPercent, Band, band, Some(50), true, 100, Atteint},
		{"band at bound", UnitPercent, Band, band, Some(43), true, 100, Atteint},
		{"band below by 1", UnitPercent, Band, band, Some(42), true, 42.0 / 43 * 100, ProcheA},
		{"band above by 3", UnitPercent, Band, band, Some(60), true, 57.0 / 60 * 100, NonAtteint},
		// a band indicator with one agreed figure: any distance is a gap,
		// so the rate is the smaller over the larger, on either side
		{"band figure met", UnitPercent, Band, val(50), Some(50), true, 100, Atteint},
		{"band figure exceeded", UnitPercent, Band, val(50), Some(61), true, 50.0 / 61 * 100, NonAtteint},
		{"band figure short", UnitPercent, Band, val(50), Some(40), true, 80, NonAtteint},
		// negative targets (a fall of energy use): no ratio, only the class
		{"fall achieved", UnitPercent, LowerIsBetter, val(-5), Some(-7), false, 0, Atteint},
		{"fall missed by 0,5", UnitPercent, LowerIsBetter, val(-5), Some(-4.5), false, 0, ProcheA},
		{"fall missed", UnitPercent, LowerIsBetter, val(-10), Some(-3), false, 0, NonAtteint},
		// no actual, or nothing to compare with: no rate and never zero
		{"no actual", UnitPercent, HigherIsBetter, val(87), None, false, 0, SansRealise},
		{"no target", UnitPercent, HigherIsBetter, Reference{}, Some(87), false, 0, SansRealise},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := ComputeAchievement(tc.unit, tc.dir, tc.target, tc.actual)
			if a.Valid != tc.valid || a.Class != tc.class || (tc.valid && math.Abs(a.Rate-tc.rate) > 1e-6) {
				t.Errorf("got valid=%v rate=%v class=%s, want valid=%v rate=%v class=%s", a.Valid, a.Rate, a.Class, tc.valid, tc.rate, tc.class)
			}
			if !tc.valid && a.Rate != 0 {
				t.Errorf("an invalid rate must not carry a number, got %v", a.Rate)
			}
		})
	}
}

func TestAchievementForUsesTheCafTargetThenTheReference(t *testing.T) {
	ind := &Indicator{Code: "COG-X-1", Unit: UnitDays, Direction: LowerIsBetter, Mode: ModeSame,
		Targets: map[int]NationalTarget{2025: {Kind: TargetValue, Value: 15, Raw: "15 j"}}}
	r := &Referential{Years: []int{2023, 2024, 2025, 2026, 2027}}
	c := NewContract(Caf{Code: "91"}, "x", 2, 2022)
	l := ind.Lines()[0]
	k := TargetKey{LineKey: l.Key(), Year: 2025}
	c.Actuals[k] = 15
	// no Caf target: against the reference (15 j) → 100 %
	if a := AchievementFor(Evaluate(r, c, l, 2025), ind.Unit, ind.Direction); a.Rate != 100 || a.Class != Atteint {
		t.Errorf("against the reference: %+v", a)
	}
	// an agreed Caf target of 12 j: 15 j achieved is 80 %
	c.Targets[k] = Target{Proposed: Some(12), Agreed: Some(12), Status: StatusAgreed}
	if a := AchievementFor(Evaluate(r, c, l, 2025), ind.Unit, ind.Direction); a.Rate != 80 || a.Class != NonAtteint {
		t.Errorf("against the agreed target: %+v", a)
	}
	delete(c.Actuals, k)
	if a := AchievementFor(Evaluate(r, c, l, 2025), ind.Unit, ind.Direction); a.Valid || a.Class != SansRealise {
		t.Errorf("no actual: %+v", a)
	}
}
