package cpog

import (
	"math"
	"testing"
)

func TestAggregateNetwork(t *testing.T) {
	years := []int{2023, 2024, 2025, 2026, 2027}
	places := &Indicator{Code: "COG-01-01", Unit: UnitCount, Direction: HigherIsBetter, Mode: ModeShare, Measure: MeasureNetChange,
		Targets: map[int]NationalTarget{2025: {Kind: TargetValue, Value: 1000, Raw: "1 000"}}}
	delay := &Indicator{Code: "COG-08-29", Unit: UnitDays, Direction: LowerIsBetter, Mode: ModeSame, Measure: MeasureLevel,
		Targets: map[int]NationalTarget{2025: {Kind: TargetValue, Value: 15, Raw: "15 j"}}}
	gender := &Indicator{Code: "COG-12-52", Unit: UnitPercent, Direction: Band, Mode: ModeNational, Measure: MeasureLevel,
		Targets: map[int]NationalTarget{2025: {Kind: TargetBand, Min: 43, Max: 57, Raw: "43 %/57 %"}}}
	r := &Referential{Years: years}
	mk := func(code string, weight float64, vals map[string]float64) *Contract {
		c := NewContract(Caf{Code: code}, "x", weight, 2022)
		for k, v := range vals {
			c.Targets[TargetKey{LineKey: LineKey{Code: k}, Year: 2025}] = Target{Proposed: Some(v), Status: StatusProposed}
		}
		return c
	}
	cs := []*Contract{
		mk("13", 20, map[string]float64{"COG-01-01": 250, "COG-08-29": 14, "COG-12-52": 40}),
		mk("59", 30, map[string]float64{"COG-01-01": 200, "COG-08-29": 17}),
		mk("69", 10, map[string]float64{"COG-01-01": 100, "COG-08-29": 15, "COG-12-52": 50}),
		mk("75", 40, nil), // reported nothing
	}

	got := AggregateNetwork(r, cs, places.Lines()[0], 2025)
	// sum 550 against 1 000: 450 short, 55 % covered; three Caf with 60 % of the weight
	if got.Method != MethodSum || got.Aggregate.V != 550 || got.Shortfall.V != 450 || got.Covered.V != 55 ||
		got.Cafs != 3 || got.WeightCovered != 60 || got.Gap.Value != -450 || got.Gap.Class != EnRetrait {
		t.Errorf("places: %+v", got)
	}
	// references: 13 → 200 (+25 %), 59 → 300 (−33 %), 69 → 100 (0): 59 is furthest behind
	if got.Behind != "59" {
		t.Errorf("places: furthest behind %q, want 59", got.Behind)
	}

	got = AggregateNetwork(r, cs, delay.Lines()[0], 2025)
	want := (20*14.0 + 30*17 + 10*15) / 60 // 15.666…
	if got.Method != MethodWeightedMean || math.Abs(got.Aggregate.V-want) > 1e-9 || got.Shortfall.OK || got.Covered.OK {
		t.Errorf("delay: %+v, want mean %v", got, want)
	}
	if math.Abs(got.Gap.Value-(15-want)) > 1e-9 || got.Gap.Class != Proche || got.Behind != "59" {
		t.Errorf("delay gap: %+v", got.Gap)
	}

	got = AggregateNetwork(r, cs, gender.Lines()[0], 2025)
	// (20×40 + 10×50) / 30 = 43,33 %: inside the band
	if math.Abs(got.Aggregate.V-1300.0/30) > 1e-9 || got.Gap.Class != AuNiveau || got.Cafs != 2 || got.WeightCovered != 30 {
		t.Errorf("band: %+v", got)
	}

	// a year without national target, and a network with no figure
	if got := AggregateNetwork(r, cs, places.Lines()[0], 2024); got.Gap.Class != SansObjet || got.Aggregate.OK {
		t.Errorf("no figure: %+v", got)
	}
}
