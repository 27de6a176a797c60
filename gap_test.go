package cpog

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// near compares computed figures, which float arithmetic may leave a few
// ulps away from the value worked out by hand.
func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func val(v float64) NationalTarget { return NationalTarget{Kind: TargetValue, Value: v} }
func band(lo, hi float64) NationalTarget {
	return NationalTarget{Kind: TargetBand, Min: lo, Max: hi}
}
func incr(v float64) NationalTarget { return NationalTarget{Kind: TargetIncrement, Value: v} }
func rel(v float64) NationalTarget  { return NationalTarget{Kind: TargetRelative, Value: v} }

// years maps consecutive years from 2023 to targets; a nil target leaves the
// year without a national target.
func years(ts ...*NationalTarget) map[int]NationalTarget {
	m := map[int]NationalTarget{}
	for i, t := range ts {
		if t != nil {
			m[2023+i] = *t
		}
	}
	return m
}

func p(t NationalTarget) *NationalTarget { return &t }

// every gives the same target for every year of the period.
func every(t NationalTarget) map[int]NationalTarget {
	return years(p(t), p(t), p(t), p(t), p(t))
}

func refValue(v float64) Reference { return Reference{Valid: true, Value: v} }
func refBand(lo, hi float64) Reference {
	return Reference{Valid: true, Band: true, Min: lo, Max: hi, Value: (lo + hi) / 2}
}

func sameReference(a, b Reference) bool {
	return a.Valid == b.Valid && a.Band == b.Band && a.Held == b.Held && near(a.Value, b.Value) && near(a.Min, b.Min) && near(a.Max, b.Max)
}

// Runtime variables, so that products and sums carry the noise of float
// arithmetic instead of being folded exactly by the compiler.
var (
	nat375M   = 375e6
	nat430M   = 430e6
	weight224 = 2.24
)

// indicator is a test indicator of a unit, direction and measure.
func indicator(u Unit, d Direction, m Measure, ts map[int]NationalTarget) *Indicator {
	return &Indicator{Code: "COG-99-99", Unit: u, Direction: d, Measure: m, Mode: ModeFree, Targets: ts}
}

// TestComputeReference covers every mode on every kind of indicator the
// COG has, the figures worked out by hand in the comments.
func TestComputeReference(t *testing.T) {
	rates := indicator(UnitPercent, HigherIsBetter, MeasureLevel, years(p(val(22)), p(val(22.5)), p(val(23)), p(val(23.5)), p(val(24))))
	delays := indicator(UnitDays, LowerIsBetter, MeasureLevel, years(p(val(16)), p(val(15)), p(val(15)), p(val(14)), p(val(13))))
	ratios := indicator(UnitRatio, LowerIsBetter, MeasureLevel, every(val(14)))
	costs := indicator(UnitEuros, LowerIsBetter, MeasureLevel, years(p(val(160.4)), p(val(160.4)), p(val(158)), p(val(156)), p(val(154))))
	bands := indicator(UnitPercent, Band, MeasureLevel, every(band(43, 57)))
	relative := indicator(UnitPercent, LowerIsBetter, MeasureLevel, years(p(rel(-5)), p(rel(-10)), p(rel(-15)), p(rel(-20)), p(rel(-25))))
	places := indicator(UnitCount, HigherIsBetter, MeasureNetChange, years(p(val(4500)), p(val(6600)), p(val(8200)), p(val(7400)), p(val(8300))))
	centres := indicator(UnitCount, HigherIsBetter, MeasureVolume, years(p(val(113)), p(val(117)), p(val(122)), p(val(127)), p(val(132))))
	gappy := indicator(UnitCount, HigherIsBetter, MeasureVolume, years(nil, nil, p(val(5500)), p(val(8100)), p(val(10000))))
	hours := indicator(UnitHours, HigherIsBetter, MeasureVolume, years(p(incr(14e6)), p(incr(23e6)), p(incr(26e6)), p(incr(28e6)), p(incr(30e6))))
	euros := indicator(UnitEuros, HigherIsBetter, MeasureVolume, years(p(val(375e6)), p(val(400e6)), p(val(430e6)), p(val(455e6)), p(val(480e6))))
	short := indicator(UnitPercent, HigherIsBetter, MeasureLevel, years(p(val(1)), p(val(2))))

	in := func(m Mode, ind *Indicator, year int) ReferenceInput {
		return ReferenceInput{Mode: m, Indicator: ind, Targets: ind.Targets, Year: year, LastYear: 2027, Key: 2, BaselineYear: 2022}
	}
	with := func(r ReferenceInput, fs ...func(*ReferenceInput)) ReferenceInput {
		for _, f := range fs {
			f(&r)
		}
		return r
	}
	key := func(k float64) func(*ReferenceInput) { return func(r *ReferenceInput) { r.Key = k } }
	baseline := func(v float64) func(*ReferenceInput) { return func(r *ReferenceInput) { r.Baseline = Some(v) } }
	since := func(y int) func(*ReferenceInput) { return func(r *ReferenceInput) { r.BaselineYear = y } }
	exact := func(v, e float64) Reference { return Reference{Valid: true, Value: v, Exact: e} }
	held := func(v float64) Reference { return Reference{Valid: true, Value: v, Held: true} }

	tests := []struct {
		name string
		in   ReferenceInput
		want Reference
	}{
		// same: the national level itself, for levels only.
		{"same rate", in(ModeSame, rates, 2024), refValue(22.5)},
		{"same delay", in(ModeSame, delays, 2027), refValue(13)},
		{"same ratio", in(ModeSame, ratios, 2025), refValue(14)},
		{"same unit cost", in(ModeSame, costs, 2025), refValue(158)},
		{"same relative", in(ModeSame, relative, 2025), refValue(-15)},
		{"same band", in(ModeSame, bands, 2025), refBand(43, 57)},
		{"same ignores the key", with(in(ModeSame, rates, 2025), key(0)), refValue(23)},
		{"same year outside the period", in(ModeSame, rates, 2028), Reference{}},
		{"same on a volume: the whole branch's, no Caf's", in(ModeSame, places, 2025), Reference{}},
		{"same on euros shared out", in(ModeSame, euros, 2025), Reference{}},

		// share: national × key / 100, whole for whole things, volumes only.
		{"share places", in(ModeShare, places, 2025), exact(164, 164)},                         // 8 200 × 2 %
		{"share places 2,1 %", with(in(ModeShare, places, 2027), key(2.1)), exact(174, 174.3)}, // 8 300 × 2,1 %
		{"share centres 0,2 %", with(in(ModeShare, centres, 2027), key(0.2)), exact(0, 0.264)}, // 132 × 0,2 %
		{"share centres 5 %", with(in(ModeShare, centres, 2027), key(5)), exact(7, 6.6)},
		{"share places 0,01 %", with(in(ModeShare, places, 2027), key(0.01)), exact(1, 0.83)},
		{"share increment", with(in(ModeShare, hours, 2023), key(1.5)), exact(210000, 210000)}, // + 14 M × 1,5 %
		{"share euros", with(in(ModeShare, euros, 2023), key(2.24)), exact(8400000, 8400000)},  // 375 M × 2,24 %
		{"share euros 2025", with(in(ModeShare, euros, 2025), key(2.24)), exact(9632000, 9632000)},
		{"share whole branch", with(in(ModeShare, places, 2025), key(100)), exact(8200, 8200)},
		{"share missing year", in(ModeShare, gappy, 2024), Reference{}},
		{"share of a rate", in(ModeShare, rates, 2025), Reference{}},
		{"share of a band", with(in(ModeShare, bands, 2025), key(50)), Reference{}},
		{"share of a unit cost", in(ModeShare, costs, 2025), Reference{}},
		{"share zero key", with(in(ModeShare, places, 2025), key(0)), Reference{}},
		{"share negative key", with(in(ModeShare, places, 2025), key(-2)), Reference{}},
		{"share key over 100", with(in(ModeShare, places, 2025), key(100.5)), Reference{}},
		{"share NaN key", with(in(ModeShare, places, 2025), key(math.NaN())), Reference{}},
		{"share infinite key", with(in(ModeShare, places, 2025), key(math.Inf(1))), Reference{}},

		// path: a straight line from the baseline (2022) to the final
		// target, the Caf's quota of it for volumes; never a worsening.
		{"path rate baseline year", with(in(ModePath, rates, 2022), baseline(20)), refValue(20)},
		{"path rate before baseline", with(in(ModePath, rates, 2021), baseline(20)), refValue(20)},
		{"path rate 2023", with(in(ModePath, rates, 2023), baseline(20)), refValue(20.8)}, // 20 + 4 × 1/5
		{"path rate 2025", with(in(ModePath, rates, 2025), baseline(20)), refValue(22.4)}, // 20 + 4 × 3/5
		{"path rate 2027", with(in(ModePath, rates, 2027), baseline(20)), refValue(24)},
		{"path rate after the end", with(in(ModePath, rates, 2030), baseline(20)), refValue(24)},
		{"path delay going down", with(in(ModePath, delays, 2025), baseline(20)), refValue(15.8)}, // 20 − 7 × 3/5
		{"path unit cost going down", with(in(ModePath, costs, 2027), baseline(170)), refValue(154)},
		{"path ratio at target", with(in(ModePath, ratios, 2024), baseline(14)), refValue(14)},
		{"path other baseline year", with(in(ModePath, rates, 2025), baseline(21), since(2024)), refValue(22)}, // 21 + 3 × 1/3
		// already better than the final target: the baseline holds
		{"path delay better than target", with(in(ModePath, delays, 2024), baseline(8)), held(8)},
		{"path delay better, last year", with(in(ModePath, delays, 2027), baseline(8)), held(8)},
		{"path rate better than target", with(in(ModePath, rates, 2026), baseline(30)), held(30)},
		{"path rate better, baseline year", with(in(ModePath, rates, 2022), baseline(30)), held(30)},
		// volumes: to the Caf's quota of the final target, whole
		{"path places to the quota", with(in(ModePath, places, 2027), baseline(100), key(2.1)), exact(174, 174.3)},        // 8 300 × 2,1 %
		{"path places 2025", with(in(ModePath, places, 2025), baseline(100), key(2.1)), exact(145, 144.58)},               // 100 + 74,3 × 3/5
		{"path places above the quota", with(in(ModePath, places, 2025), baseline(200), key(2.1)), held(200)},             // already beyond 174,3
		{"path centres of a small Caf", with(in(ModePath, centres, 2027), baseline(0), key(0.2)), exact(0, 0.264)},        // never 132
		{"path ignores the year's own target", with(in(ModePath, gappy, 2024), baseline(1000), key(100)), refValue(4600)}, // 1 000 + 9 000 × 2/5
		{"path euros", with(in(ModePath, euros, 2026), baseline(8e6), key(2)), exact(9280000, 9280000)},                   // 8 M + (9,6 M − 8 M) × 4/5
		// no path
		{"path without baseline", in(ModePath, rates, 2025), Reference{}},
		{"path without final target", with(in(ModePath, short, 2024), baseline(0)), Reference{}},
		{"path to a band", with(in(ModePath, bands, 2025), baseline(60)), Reference{}},
		{"path on rises", with(in(ModePath, hours, 2025), baseline(0)), Reference{}},
		{"path on a change against a year", with(in(ModePath, relative, 2025), baseline(-3)), Reference{}},
		{"path volume without a key", with(in(ModePath, places, 2025), baseline(100), key(0)), Reference{}},
		{"path baseline year at the end", with(in(ModePath, rates, 2025), baseline(20), since(2027)), Reference{}},
		{"path baseline year after the end", with(in(ModePath, rates, 2025), baseline(20), since(2028)), Reference{}},

		// free and national: no reference.
		{"free", in(ModeFree, rates, 2025), Reference{}},
		{"free with baseline", with(in(ModeFree, rates, 2025), baseline(20)), Reference{}},
		{"national", in(ModeNational, bands, 2025), Reference{}},
		{"national value", in(ModeNational, rates, 2025), Reference{}},
		{"unknown mode", in(Mode("bogus"), rates, 2025), Reference{}},
		{"empty mode", in(Mode(""), rates, 2025), Reference{}},
	}
	for _, tt := range tests {
		got := ComputeReference(tt.in)
		if !sameReference(got, tt.want) {
			t.Errorf("%s: ComputeReference = %+v, want %+v", tt.name, got, tt.want)
		}
		if tt.want.Exact != 0 && !near(got.Exact, tt.want.Exact) {
			t.Errorf("%s: exact quota %v, want %v", tt.name, got.Exact, tt.want.Exact)
		}
		if got.Held != tt.want.Held {
			t.Errorf("%s: held %v, want %v", tt.name, got.Held, tt.want.Held)
		}
	}
}

// TestModesFitTheUnit: the modes each kind of indicator may take.
func TestModesFitTheUnit(t *testing.T) {
	r := testReferential()
	for _, tt := range []struct {
		code string
		want []Mode
	}{
		{"COG-08-22", []Mode{ModeSame, ModePath, ModeFree, ModeNational}},  // rate
		{"COG-08-29", []Mode{ModeSame, ModePath, ModeFree, ModeNational}},  // delay
		{"COG-12-48", []Mode{ModeSame, ModePath, ModeFree, ModeNational}},  // unit cost in euros
		{"COG-12-51", []Mode{ModeSame, ModePath, ModeFree, ModeNational}},  // ratio
		{"COG-01-01", []Mode{ModeShare, ModePath, ModeFree, ModeNational}}, // places, net
		{"COG-10-41", []Mode{ModeShare, ModePath, ModeFree, ModeNational}}, // euros shared out
		{"COG-02-13", []Mode{ModeShare, ModeFree, ModeNational}},           // rises
		{"COG-12-52", []Mode{ModeSame, ModeFree, ModeNational}},            // band
		{"COG-12-53", []Mode{ModeSame, ModeFree, ModeNational}},            // change against 2021
	} {
		ind, err := r.Lookup(tt.code)
		if err != nil {
			t.Fatal(err)
		}
		if got := FitModes(ind); !slices.Equal(got, tt.want) {
			t.Errorf("%s: modes %v, want %v", tt.code, got, tt.want)
		}
		for _, m := range Modes() {
			err := CheckMode(ind, m)
			if fits := slices.Contains(tt.want, m); (err == nil) != fits {
				t.Errorf("%s %s: CheckMode = %v, fits %v", tt.code, m, err, fits)
			}
			if err != nil && !strings.Contains(err.Error(), "modes possibles") {
				t.Errorf("%s %s: the refusal names the modes that fit: %v", tt.code, m, err)
			}
		}
	}
}

func TestTolerance(t *testing.T) {
	tests := []struct {
		unit Unit
		ref  Reference
		want float64
	}{
		{UnitPercent, refValue(87), 1},
		{UnitPercent, refValue(10), 1},
		{UnitPercent, refValue(9), 0.9},    // 10 % of the reference below 10 %
		{UnitPercent, refValue(1.1), 0.11}, // COG-12-49 2025
		{UnitPercent, refValue(-15), 1},    // a change against a year
		{UnitPercent, refValue(-0.15), 0.015},
		{UnitPercent, refValue(0), 0},
		{UnitPercent, refBand(43, 57), 1},
		{UnitDays, refValue(15), 1},
		{UnitDays, refValue(250), 1},
		{UnitCount, refValue(6600), 330},
		{UnitCount, refBand(100, 200), 7.5},
		{UnitEuros, refValue(160.4), 8.02},
		{UnitEuros, refValue(-200), 10},
		{UnitHours, refValue(210000), 10500},
		{UnitRatio, refValue(14), 0.7},
		{UnitOther, refValue(-10), 0.5},
		{UnitCount, refValue(0), 0},
	}
	for _, tt := range tests {
		if got := Tolerance(tt.unit, tt.ref); !near(got, tt.want) {
			t.Errorf("Tolerance(%s, %+v) = %v, want %v", tt.unit, tt.ref, got, tt.want)
		}
	}
}

// noPct marks a gap with no relative percentage.
const noPct = math.MaxFloat64

func TestComputeGap(t *testing.T) {
	type tc struct {
		unit  Unit
		dir   Direction
		ref   Reference
		local float64
		gap   float64
		pct   float64 // noPct when the gap has none
		class GapClass
	}
	H, L, B := HigherIsBetter, LowerIsBetter, Band
	tests := []tc{
		// Rates, higher is better: points, tolerance 1 point.
		{UnitPercent, H, refValue(87), 88, 1, noPct, AuNiveau},
		{UnitPercent, H, refValue(87), 87, 0, noPct, AuNiveau},
		{UnitPercent, H, refValue(87), 86.5, -0.5, noPct, Proche},
		{UnitPercent, H, refValue(87), 86, -1, noPct, Proche},          // exactly 1 point behind
		{UnitPercent, H, refValue(87), 85.99, -1.01, noPct, EnRetrait}, // 1,01 behind
		{UnitPercent, H, refValue(22.5), 21.49, -1.01, noPct, EnRetrait},
		{UnitPercent, H, refValue(87.1), 86.1, -1, noPct, Proche}, // 86,1 − 87,1 is −1,0000000000000142
		{UnitPercent, H, refValue(noisyPointThree()), 0.3, 0, noPct, AuNiveau},
		{UnitPercent, H, refValue(10 + noisyPointThree()), 9.3, -1, noPct, Proche},
		{UnitPercent, H, refValue(87), 0, -87, noPct, EnRetrait},
		{UnitPercent, H, refValue(0), -0.5, -0.5, noPct, EnRetrait},
		// Small rates: the tolerance is 10 % of the reference.
		{UnitPercent, L, refValue(1.1), 2.05, -0.95, noPct, EnRetrait}, // COG-12-49: 2,05 % against 1,10 %
		{UnitPercent, L, refValue(1.5), 2.5, -1, noPct, EnRetrait},     // COG-10-40: 2,5 % against 1,5 %
		{UnitPercent, L, refValue(1.1), 1.2, -0.1, noPct, Proche},      // within 0,11 point
		{UnitPercent, L, refValue(1.1), 1.22, -0.12, noPct, EnRetrait},
		{UnitPercent, H, refValue(5), 4.5, -0.5, noPct, Proche}, // exactly 10 %
		{UnitPercent, H, refValue(5), 4.4, -0.6, noPct, EnRetrait},
		// Rates, lower is better: reference − local.
		{UnitPercent, L, refValue(23), 26, -3, noPct, EnRetrait},
		{UnitPercent, L, refValue(23), 24, -1, noPct, Proche},
		{UnitPercent, L, refValue(23), 24.01, -1.01, noPct, EnRetrait},
		{UnitPercent, L, refValue(23), 22, 1, noPct, AuNiveau},
		{UnitPercent, L, refValue(-15), -17, 2, noPct, AuNiveau}, // "- 15 % par rapport à 2021"
		{UnitPercent, L, refValue(-15), -14, -1, noPct, Proche},
		{UnitPercent, L, refValue(-15), -13.5, -1.5, noPct, EnRetrait},
		{UnitPercent, L, refValue(-0.15), -0.1, -0.05, noPct, EnRetrait}, // beyond 10 % of 0,15
		{UnitPercent, L, refValue(-0.15), -0.14, -0.01, noPct, Proche},
		{UnitPercent, L, refValue(noisyPointThree()), 0.3, 0, noPct, AuNiveau},
		// Rates in a band: 0 inside, distance to the nearer bound outside.
		{UnitPercent, B, refBand(43, 57), 50, 0, noPct, AuNiveau},
		{UnitPercent, B, refBand(43, 57), 43, 0, noPct, AuNiveau},
		{UnitPercent, B, refBand(43, 57), 57, 0, noPct, AuNiveau},
		{UnitPercent, B, refBand(43, 57), 42, -1, noPct, Proche},
		{UnitPercent, B, refBand(43, 57), 58, -1, noPct, Proche},
		{UnitPercent, B, refBand(43, 57), 57.5, -0.5, noPct, Proche},
		{UnitPercent, B, refBand(43, 57), 41.99, -1.01, noPct, EnRetrait},
		{UnitPercent, B, refBand(43, 57), 60, -3, noPct, EnRetrait},
		{UnitPercent, B, refBand(43, 57), 30, -13, noPct, EnRetrait},
		{UnitPercent, B, refBand(50, 50), 50, 0, noPct, AuNiveau},
		// A band target wins over the indicator's direction.
		{UnitPercent, H, refBand(43, 57), 60, -3, noPct, EnRetrait},
		{UnitPercent, L, refBand(43, 57), 40, -3, noPct, EnRetrait},
		{UnitPercent, H, refBand(43, 57), 44, 0, noPct, AuNiveau},
		// A band indicator against a single value: any distance is behind.
		{UnitPercent, B, refValue(50), 50, 0, noPct, AuNiveau},
		{UnitPercent, B, refValue(50), 51, -1, noPct, Proche},
		{UnitPercent, B, refValue(50), 49.5, -0.5, noPct, Proche},
		{UnitPercent, B, refValue(50), 48, -2, noPct, EnRetrait},
		{UnitPercent, B, refValue(50), 52.5, -2.5, noPct, EnRetrait},

		// Delays, lower is better: days, tolerance 1 day.
		{UnitDays, L, refValue(15), 14, 1, noPct, AuNiveau},
		{UnitDays, L, refValue(15), 15, 0, noPct, AuNiveau},
		{UnitDays, L, refValue(15), 16, -1, noPct, Proche},
		{UnitDays, L, refValue(15), 16.01, -1.01, noPct, EnRetrait},
		{UnitDays, L, refValue(15), 13, 2, noPct, AuNiveau},
		{UnitDays, L, refValue(25.5), 26.5, -1, noPct, Proche},
		{UnitDays, L, refValue(25.5), 26.6, -1.1, noPct, EnRetrait},
		{UnitDays, L, refValue(15.8), 16.8, -1, noPct, Proche}, // a path reference
		{UnitDays, H, refValue(10), 9, -1, noPct, Proche},
		{UnitDays, H, refValue(10), 12, 2, noPct, AuNiveau},
		{UnitDays, B, refBand(10, 20), 15, 0, noPct, AuNiveau},
		{UnitDays, B, refBand(10, 20), 21, -1, noPct, Proche},
		{UnitDays, B, refBand(10, 20), 9, -1, noPct, Proche},
		{UnitDays, B, refBand(10, 20), 22, -2, noPct, EnRetrait},
		{UnitDays, B, refValue(15), 16.5, -1.5, noPct, EnRetrait},

		// Counts: units, and % of the reference; tolerance 5 % of it.
		{UnitCount, H, refValue(6600), 6200, -400, -6.0606060606060606, EnRetrait},
		{UnitCount, H, refValue(6600), 6270, -330, -5, Proche}, // exactly 5 % behind
		{UnitCount, H, refValue(6600), 6269, -331, -5.015151515151515, EnRetrait},
		{UnitCount, H, refValue(6600), 6600, 0, 0, AuNiveau},
		{UnitCount, H, refValue(6600), 7000, 400, 6.0606060606060606, AuNiveau},
		{UnitCount, H, refValue(1000), 950, -50, -5, Proche},
		{UnitCount, H, refValue(1000), 949.99, -50.01, -5.001, EnRetrait},
		{UnitCount, H, refValue(164), 155.8, -8.2, -5, Proche},
		{UnitCount, H, refValue(164), 155.7, -8.3, -5.060975609756097, EnRetrait},
		{UnitCount, L, refValue(1000), 1050, -50, -5, Proche},
		{UnitCount, L, refValue(1000), 1050.01, -50.01, -5.001, EnRetrait},
		{UnitCount, L, refValue(1000), 900, 100, 10, AuNiveau},
		{UnitCount, B, refBand(100, 200), 150, 0, 0, AuNiveau},
		{UnitCount, B, refBand(100, 200), 205, -5, -3.3333333333333335, Proche},
		{UnitCount, B, refBand(100, 200), 207.5, -7.5, -5, Proche},
		{UnitCount, B, refBand(100, 200), 250, -50, -33.333333333333336, EnRetrait},
		{UnitCount, B, refBand(100, 200), 90, -10, -6.666666666666667, EnRetrait},
		{UnitCount, B, refValue(150), 140, -10, -6.666666666666667, EnRetrait},
		{UnitCount, H, refValue(0), 0, 0, noPct, AuNiveau},
		{UnitCount, H, refValue(0), 1, 1, noPct, AuNiveau},
		{UnitCount, L, refValue(0), 1, -1, noPct, EnRetrait},

		// Euros.
		{UnitEuros, H, refValue(nat375M * (weight224 / 100)), 8400000, 0, 0, AuNiveau}, // 375 M × 2,24 %
		{UnitEuros, H, refValue(nat430M * (weight224 / 100)), 9632000, 0, 0, AuNiveau}, // 430 M × 2,24 %
		{UnitEuros, H, refValue(8400000), 7980000, -420000, -5, Proche},
		{UnitEuros, H, refValue(8400000), 7979999, -420001, -5.000011904761905, EnRetrait},
		{UnitEuros, L, refValue(160.4), 158, 2.4, 1.4962593516209477, AuNiveau},
		{UnitEuros, L, refValue(160.4), 168.42, -8.02, -5, Proche},
		{UnitEuros, L, refValue(160.4), 168.43, -8.03, -5.006234413965087, EnRetrait},
		{UnitEuros, B, refBand(1000, 3000), 3100, -100, -5, Proche},

		// Hours (an increment's share).
		{UnitHours, H, refValue(210000), 200000, -10000, -4.761904761904762, Proche},
		{UnitHours, H, refValue(210000), 199500, -10500, -5, Proche},
		{UnitHours, H, refValue(210000), 199499, -10501, -5.000476190476191, EnRetrait},
		{UnitHours, H, refValue(210000), 250000, 40000, 19.047619047619047, AuNiveau},
		{UnitHours, L, refValue(210000), 220500, -10500, -5, Proche},

		// Ratios: tolerance 5 % of the reference.
		{UnitRatio, L, refValue(14), 14.7, -0.7, -5, Proche},
		{UnitRatio, L, refValue(14), 14.71, -0.71, -5.071428571428571, EnRetrait},
		{UnitRatio, L, refValue(14), 13, 1, 7.142857142857143, AuNiveau},
		{UnitRatio, H, refValue(460.2), 437.19, -23.01, -5, Proche},
		{UnitRatio, H, refValue(460.2), 437, -23.2, -5.041286397218601, EnRetrait},
		{UnitRatio, H, refValue(460.2), 488.4, 28.2, 6.127770534550195, AuNiveau},
		{UnitRatio, B, refBand(1, 2), 2.5, -0.5, -33.333333333333336, EnRetrait},
		{UnitRatio, B, refBand(1, 2), 2.05, -0.05, -3.3333333333333335, Proche},

		// Other units: relative to the size of a negative reference.
		{UnitOther, H, refValue(-10), -9, 1, 10, AuNiveau},
		{UnitOther, H, refValue(-10), -10.5, -0.5, -5, Proche},
		{UnitOther, H, refValue(-10), -10.6, -0.6, -6, EnRetrait},
	}
	for _, tt := range tests {
		g := ComputeGap(tt.unit, tt.dir, tt.ref, Some(tt.local))
		name := fmt.Sprintf("ComputeGap(%s, %s, %+v, %v)", tt.unit, tt.dir, tt.ref, tt.local)
		if !g.Valid {
			t.Errorf("%s is not valid", name)
			continue
		}
		if !near(g.Value, tt.gap) {
			t.Errorf("%s = %v, want %v", name, g.Value, tt.gap)
		}
		if tt.gap == 0 && g.Value != 0 {
			t.Errorf("%s = %v, want exactly 0", name, g.Value)
		}
		if g.Class != tt.class {
			t.Errorf("%s class %s, want %s", name, g.Class, tt.class)
		}
		if tt.pct == noPct {
			if g.HasPercent {
				t.Errorf("%s has a percentage %v, want none", name, g.Percent)
			}
		} else if !g.HasPercent || !near(g.Percent, tt.pct) {
			t.Errorf("%s percentage %v (%v), want %v", name, g.Percent, g.HasPercent, tt.pct)
		}
	}
}

func TestComputeGapSansObjet(t *testing.T) {
	for _, unit := range Units() {
		for _, dir := range []Direction{HigherIsBetter, LowerIsBetter, Band} {
			for _, c := range []struct {
				ref   Reference
				local Opt
			}{
				{Reference{}, Some(10)},
				{Reference{}, None},
				{refValue(10), None},
				{refBand(1, 2), None},
				{Reference{Valid: false, Value: 10}, Some(10)},
			} {
				g := ComputeGap(unit, dir, c.ref, c.local)
				if g.Valid || g.Class != SansObjet || g.Value != 0 || g.HasPercent {
					t.Errorf("ComputeGap(%s, %s, %+v, %+v) = %+v, want sans objet", unit, dir, c.ref, c.local, g)
				}
			}
		}
	}
}

// exactShare is national × weight / 100 computed exactly, then rounded once
// to a float64: the figure a director reads and types.
func exactShare(national float64, weightHundredths int64, factor *big.Rat) float64 {
	r := new(big.Rat).SetFloat64(national)
	r.Mul(r, big.NewRat(weightHundredths, 10000))
	if factor != nil {
		r.Mul(r, factor)
	}
	f, _ := r.Float64()
	return f
}

// TestGapNoiseDoesNotFlipClass types, for many national volumes and
// keys, the exact quote-part (au niveau), and exactly 5 % less (proche):
// the noise of national × key / 100 must never change the class. Counts
// are whole things, whose references are rounded: hours and euros carry
// the exact quota.
func TestGapNoiseDoesNotFlipClass(t *testing.T) {
	nationals := []float64{4500, 8300, 12050, 330000, 813958, 8e6, 14e6, 30e6, 375e6, 400e6, 430e6, 455e6, 480e6, 1.5e9}
	ninetyFive := big.NewRat(95, 100)
	for _, unit := range []Unit{UnitEuros, UnitHours} {
		for _, n := range nationals {
			ind := indicator(unit, HigherIsBetter, MeasureVolume, every(val(n)))
			for k := int64(1); k <= 2000; k++ { // keys 0,01 % … 20 %
				w, _ := strconv.ParseFloat(strconv.FormatFloat(float64(k)/100, 'f', 2, 64), 64)
				ref := ComputeReference(ReferenceInput{Mode: ModeShare, Indicator: ind, Targets: ind.Targets, Year: 2025, LastYear: 2027, Key: w})
				if !ref.Valid {
					t.Fatalf("no reference for %v × %v %%", n, w)
				}
				exact := exactShare(n, k, nil)
				g := ComputeGap(unit, HigherIsBetter, ref, Some(exact))
				if g.Class != AuNiveau || g.Value != 0 {
					t.Errorf("%s: national %v × %v %% = %v, local %v: gap %v %s, want 0 au niveau", unit, n, w, ref.Value, exact, g.Value, g.Class)
				}
				behind := exactShare(n, k, ninetyFive)
				g = ComputeGap(unit, HigherIsBetter, ref, Some(behind))
				if g.Class != Proche {
					t.Errorf("%s: national %v × %v %% = %v, local %v (5 %% less): %s, want proche", unit, n, w, ref.Value, behind, g.Class)
				}
			}
		}
	}
}

// TestGapRateBoundaries checks "exactly 1 point (or 1 day) behind is
// proche" for rates of 10 % and more, and delays, typed with one or two
// decimals (below 10 %, the tolerance is 10 % of the reference: see
// TestComputeGap).
func TestGapRateBoundaries(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5000; i++ {
		cents := int64(rng.IntN(19800)) - 9800 // −98,00 … 99,99
		ref := float64(cents) / 100
		typed := func(c int64) float64 {
			v, err := strconv.ParseFloat(strconv.FormatInt(c, 10)+"e-2", 64)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		if math.Abs(ref) >= 10 {
			// Rates, higher is better: local = ref − 1 point is proche,
			// ref − 1,01 is en retrait, ref is au niveau.
			if g := ComputeGap(UnitPercent, HigherIsBetter, refValue(ref), Some(typed(cents-100))); g.Class != Proche {
				t.Errorf("rate %v, local %v: %s (%v), want proche", ref, typed(cents-100), g.Class, g.Value)
			}
			if g := ComputeGap(UnitPercent, HigherIsBetter, refValue(ref), Some(typed(cents-101))); g.Class != EnRetrait {
				t.Errorf("rate %v, local %v: %s (%v), want en retrait", ref, typed(cents-101), g.Class, g.Value)
			}
		}
		if g := ComputeGap(UnitPercent, HigherIsBetter, refValue(ref), Some(typed(cents))); g.Class != AuNiveau || g.Value != 0 {
			t.Errorf("rate %v, local %v: %s (%v), want 0 au niveau", ref, ref, g.Class, g.Value)
		}
		// Delays, lower is better: local = ref + 1 day is proche.
		if cents >= 0 {
			if g := ComputeGap(UnitDays, LowerIsBetter, refValue(ref), Some(typed(cents+100))); g.Class != Proche {
				t.Errorf("delay %v, local %v: %s (%v), want proche", ref, typed(cents+100), g.Class, g.Value)
			}
			if g := ComputeGap(UnitDays, LowerIsBetter, refValue(ref), Some(typed(cents+101))); g.Class != EnRetrait {
				t.Errorf("delay %v, local %v: %s (%v), want en retrait", ref, typed(cents+101), g.Class, g.Value)
			}
		}
	}
}

func TestGapClassText(t *testing.T) {
	tests := []struct {
		c             GapClass
		symbol, label string
	}{
		{AuNiveau, "✓", "au niveau"},
		{Proche, "~", "proche"},
		{EnRetrait, "✗", "en retrait"},
		{SansObjet, "—", "sans objet"},
	}
	for _, tt := range tests {
		if tt.c.Symbol() != tt.symbol || tt.c.Label() != tt.label {
			t.Errorf("%s: %q %q, want %q %q", tt.c, tt.c.Symbol(), tt.c.Label(), tt.symbol, tt.label)
		}
	}
	if got := GapClasses(); len(got) != 4 || got[0] != AuNiveau || got[3] != SansObjet {
		t.Errorf("GapClasses() = %v", got)
	}
}

// testReferential is a small COG built by hand: a few indicators of every
// unit, direction and default mode, one with sub-indicators, one with years
// missing.
func testReferential() *Referential {
	return &Referential{
		ID: "cog-test", Title: "COG de test", Revision: 1,
		Years: []int{2023, 2024, 2025, 2026, 2027},
		Axes:  []Axis{{N: 1, Title: "Axe 1"}, {N: 2, Title: "Axe 2"}, {N: 3, Title: "Axe 3"}},
		Fiches: []Fiche{
			{N: 1, Axis: 1, Title: "Jeunes enfants"},
			{N: 2, Axis: 1, Title: "Loisirs"},
			{N: 8, Axis: 2, Title: "Relation de confiance"},
			{N: 10, Axis: 2, Title: "Fraude"},
			{N: 11, Axis: 3, Title: "Territoires"},
			{N: 12, Axis: 3, Title: "Pilotage"},
		},
		Indicators: []Indicator{
			{N: 1, Code: "COG-01-01", Fiche: 1, Label: "Places nouvelles", Unit: UnitCount, Direction: HigherIsBetter, Measure: MeasureNetChange, Mode: ModeShare,
				Targets: years(p(val(4500)), p(val(6600)), p(val(8200)), p(val(7400)), p(val(8300)))},
			{N: 3, Code: "COG-01-03", Fiche: 1, Label: "Taux d’enfants", Unit: UnitPercent, Direction: HigherIsBetter, Measure: MeasureLevel, Mode: ModeSame,
				Targets: years(p(val(22)), p(val(22.5)), p(val(23)), p(val(23.5)), p(val(24)))},
			{N: 9, Code: "COG-01-09", Fiche: 1, Label: "Places à partir de 2025", Unit: UnitCount, Direction: HigherIsBetter, Measure: MeasureVolume, Mode: ModeShare,
				Targets: years(nil, nil, p(val(5500)), p(val(8100)), p(val(10000)))},
			{N: 13, Code: "COG-02-13", Fiche: 2, Label: "Heures supplémentaires", Unit: UnitHours, Direction: HigherIsBetter, Measure: MeasureVolume, Mode: ModeShare,
				Targets: years(p(incr(14e6)), p(incr(23e6)), p(incr(26e6)), p(incr(28e6)), p(incr(30e6)))},
			{N: 22, Code: "COG-08-22", Fiche: 8, Label: "Taux de satisfaction global", Unit: UnitPercent, Direction: HigherIsBetter, Measure: MeasureLevel, Mode: ModeSame,
				Targets: years(p(val(85)), p(val(86)), p(val(87)), p(val(89)), p(val(91)))},
			{N: 23, Code: "COG-08-23", Fiche: 8, Label: "Satisfaction par canal", Unit: UnitPercent, Direction: HigherIsBetter, Measure: MeasureLevel, Mode: ModeSame,
				Subs: []SubIndicator{
					{Key: "a", Label: "accueil", Targets: years(p(val(75)), p(val(80)), p(val(83)), p(val(86)), p(val(90)))},
					{Key: "b", Label: "téléphone", Targets: years(p(val(76)), p(val(80)), p(val(81)), p(val(83)), p(val(85)))},
					{Key: "c", Label: "internet", Targets: years(p(val(82)), p(val(87)), p(val(90)), p(val(93)), p(val(93)))},
				}},
			{N: 24, Code: "COG-08-24", Fiche: 8, Label: "Taux de réitération", Unit: UnitPercent, Direction: LowerIsBetter, Measure: MeasureLevel, Mode: ModeSame,
				Targets: years(p(val(25.8)), p(val(24.5)), p(val(23)), p(val(21)), p(val(18)))},
			{N: 29, Code: "COG-08-29", Aliases: []string{"DELAI-PL", "DMD PL"}, Fiche: 8, Label: "Délai moyen de démarche PL", Unit: UnitDays, Direction: LowerIsBetter, Measure: MeasureLevel, Mode: ModeSame,
				Targets: years(p(val(16)), p(val(15)), p(val(15)), p(val(14)), p(val(13)))},
			{N: 34, Code: "COG-08-34", Fiche: 8, Label: "Rendez-vous des droits", Unit: UnitCount, Direction: HigherIsBetter, Measure: MeasureVolume, Mode: ModeShare,
				Targets: every(val(330000))},
			{N: 41, Code: "COG-10-41", Fiche: 10, Label: "Préjudice évité", Unit: UnitEuros, Direction: HigherIsBetter, Measure: MeasureVolume, Mode: ModeShare,
				Targets: years(p(val(375e6)), p(val(400e6)), p(val(430e6)), p(val(455e6)), p(val(480e6)))},
			{N: 44, Code: "COG-11-44", Fiche: 11, Label: "Évolution des effectifs", Unit: UnitPercent, Direction: LowerIsBetter, Measure: MeasureLevel, Mode: ModeNational,
				Targets: every(val(-0.15))},
			{N: 48, Code: "COG-12-48", Fiche: 12, Label: "Coût unitaire", Unit: UnitEuros, Direction: LowerIsBetter, Measure: MeasureLevel, Mode: ModeSame,
				Targets: years(p(val(160.4)), p(val(160.4)), p(val(158)), p(val(156)), p(val(154)))},
			{N: 51, Code: "COG-12-51", Fiche: 12, Label: "Ratio d’encadrement", Unit: UnitRatio, Direction: LowerIsBetter, Measure: MeasureLevel, Mode: ModeSame,
				Targets: every(val(14))},
			{N: 52, Code: "COG-12-52", Fiche: 12, Label: "Part des femmes", Unit: UnitPercent, Direction: Band, Measure: MeasureLevel, Mode: ModeNational,
				Targets: every(band(43, 57))},
			{N: 53, Code: "COG-12-53", Fiche: 12, Label: "Émissions de gaz à effet de serre", Unit: UnitPercent, Direction: LowerIsBetter, Measure: MeasureLevel, Mode: ModeSame,
				Targets: years(p(rel(-5)), p(rel(-10)), p(rel(-15)), p(rel(-20)), p(rel(-25)))},
			{N: 54, Code: "COG-13-54", Fiche: 12, Label: "Disponibilité du portail", Unit: UnitPercent, Direction: HigherIsBetter, Measure: MeasureLevel, Mode: ModeNational,
				Targets: every(val(99))},
		},
	}
}

func essonne() Caf {
	return Caf{Code: "91", Departement: "Essonne", Kind: KindCaf, Name: "Caf de l’Essonne"}
}

func mustLine(t *testing.T, r *Referential, code, sub string) Line {
	t.Helper()
	ind, err := r.Lookup(code)
	if err != nil {
		t.Fatal(err)
	}
	l, err := ind.Line(sub)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestEvaluate(t *testing.T) {
	r := testReferential()
	if err := r.Validate(); err != nil {
		t.Fatalf("test referential: %v", err)
	}
	proposed := func(v float64) Target { return Target{Proposed: Some(v), Status: StatusDraft} }
	type tc struct {
		name     string
		code     string
		sub      string
		year     int
		weight   float64 // 0 means the default 2 %
		mode     Mode    // override, "" for the referential's
		baseline Opt
		target   Target
		hasNat   bool
		wantMode Mode
		ref      Reference
		local    Opt
		gap      float64
		class    GapClass
	}
	tests := []tc{
		// same × higher / lower × percent, days, ratio, euros.
		{name: "same higher rate above", code: "COG-08-22", year: 2025, target: proposed(88), hasNat: true, wantMode: ModeSame, ref: refValue(87), local: Some(88), gap: 1, class: AuNiveau},
		{name: "same higher rate 1 point behind", code: "08-22", year: 2025, target: proposed(86), hasNat: true, wantMode: ModeSame, ref: refValue(87), local: Some(86), gap: -1, class: Proche},
		{name: "same lower rate", code: "COG-08-24", year: 2025, target: proposed(26), hasNat: true, wantMode: ModeSame, ref: refValue(23), local: Some(26), gap: -3, class: EnRetrait},
		{name: "same lower delay", code: "COG-08-29", year: 2025, target: proposed(14), hasNat: true, wantMode: ModeSame, ref: refValue(15), local: Some(14), gap: 1, class: AuNiveau},
		{name: "same lower delay agreed", code: "COG-08-29", year: 2026,
			target: Target{Proposed: Some(13), Counter: Some(15), Agreed: Some(15), Status: StatusAgreed},
			hasNat: true, wantMode: ModeSame, ref: refValue(14), local: Some(15), gap: -1, class: Proche},
		{name: "same lower relative", code: "COG-12-53", year: 2025, target: proposed(-17), hasNat: true, wantMode: ModeSame, ref: refValue(-15), local: Some(-17), gap: 2, class: AuNiveau},
		{name: "same lower ratio", code: "COG-12-51", year: 2024, target: proposed(14.7), hasNat: true, wantMode: ModeSame, ref: refValue(14), local: Some(14.7), gap: -0.7, class: Proche},
		{name: "same lower euros", code: "COG-12-48", year: 2025, target: proposed(150), hasNat: true, wantMode: ModeSame, ref: refValue(158), local: Some(150), gap: 8, class: AuNiveau},
		{name: "same no local figure", code: "COG-08-22", year: 2025, hasNat: true, wantMode: ModeSame, ref: refValue(87), class: SansObjet},

		// share × count, hours, euros.
		{name: "share count 5 % behind", code: "COG-01-01", year: 2025, target: proposed(155.8), hasNat: true, wantMode: ModeShare, ref: refValue(164), local: Some(155.8), gap: -8.2, class: Proche},
		{name: "share count behind", code: "COG-01-01", year: 2025, target: proposed(150), hasNat: true, wantMode: ModeShare, ref: refValue(164), local: Some(150), gap: -14, class: EnRetrait},
		{name: "share count design example", code: "COG-08-34", year: 2025, target: proposed(6200), hasNat: true, wantMode: ModeShare, ref: refValue(6600), local: Some(6200), gap: -400, class: EnRetrait},
		{name: "share hours increment", code: "COG-02-13", year: 2025, target: proposed(520000), hasNat: true, wantMode: ModeShare, ref: refValue(520000), local: Some(520000), gap: 0, class: AuNiveau},
		{name: "share euros at the quote-part", code: "COG-10-41", year: 2023, weight: 2.24, target: proposed(8400000), hasNat: true, wantMode: ModeShare, ref: refValue(8400000), local: Some(8400000), gap: 0, class: AuNiveau},
		{name: "share euros 2025", code: "COG-10-41", year: 2025, weight: 2.24, target: proposed(9632000), hasNat: true, wantMode: ModeShare, ref: refValue(9632000), local: Some(9632000), gap: 0, class: AuNiveau},
		{name: "share missing year", code: "COG-01-09", year: 2023, target: proposed(100), hasNat: false, wantMode: ModeShare, ref: Reference{}, local: Some(100), class: SansObjet},
		{name: "share present year", code: "COG-01-09", year: 2025, target: proposed(110), hasNat: true, wantMode: ModeShare, ref: refValue(110), local: Some(110), gap: 0, class: AuNiveau},
		{name: "share zero weight", code: "COG-01-01", year: 2025, weight: -1, target: proposed(164), hasNat: true, wantMode: ModeShare, ref: Reference{}, local: Some(164), class: SansObjet},
		{name: "share of a band does not fit", code: "COG-12-52", year: 2025, weight: 50, mode: ModeShare, target: proposed(30), hasNat: true, wantMode: ModeShare, ref: Reference{}, local: Some(30), class: SansObjet},
		{name: "share of a rate does not fit", code: "COG-08-24", year: 2025, mode: ModeShare, target: proposed(23), hasNat: true, wantMode: ModeShare, ref: Reference{}, local: Some(23), class: SansObjet},
		{name: "share places of a 2,1 % Caf, whole", code: "COG-01-01", year: 2027, weight: 2.1, target: proposed(174), hasNat: true, wantMode: ModeShare, ref: refValue(174), local: Some(174), gap: 0, class: AuNiveau},
		{name: "share rendez-vous of a 0,2 % Caf", code: "COG-08-34", year: 2025, weight: 0.2, target: proposed(650), hasNat: true, wantMode: ModeShare, ref: refValue(660), local: Some(650), gap: -10, class: Proche},

		// path × higher / lower.
		{name: "path higher rate", code: "COG-01-03", year: 2025, mode: ModePath, baseline: Some(20), target: proposed(22), hasNat: true, wantMode: ModePath, ref: refValue(22.4), local: Some(22), gap: -0.4, class: Proche},
		{name: "path higher rate on the path", code: "COG-01-03", year: 2025, mode: ModePath, baseline: Some(20), target: proposed(22.4), hasNat: true, wantMode: ModePath, ref: refValue(22.4), local: Some(22.4), gap: 0, class: AuNiveau},
		{name: "path lower delay", code: "COG-08-29", year: 2025, mode: ModePath, baseline: Some(20), target: proposed(15), hasNat: true, wantMode: ModePath, ref: refValue(15.8), local: Some(15), gap: 0.8, class: AuNiveau},
		{name: "path lower delay behind", code: "COG-08-29", year: 2025, mode: ModePath, baseline: Some(20), target: proposed(17), hasNat: true, wantMode: ModePath, ref: refValue(15.8), local: Some(17), gap: -1.2, class: EnRetrait},
		{name: "path last year", code: "COG-08-29", year: 2027, mode: ModePath, baseline: Some(20), target: proposed(13), hasNat: true, wantMode: ModePath, ref: refValue(13), local: Some(13), gap: 0, class: AuNiveau},
		{name: "path without baseline", code: "COG-01-03", year: 2025, mode: ModePath, target: proposed(22), hasNat: true, wantMode: ModePath, ref: Reference{}, local: Some(22), class: SansObjet},
		{name: "path to a band", code: "COG-12-52", year: 2025, mode: ModePath, baseline: Some(60), target: proposed(50), hasNat: true, wantMode: ModePath, ref: Reference{}, local: Some(50), class: SansObjet},
		{name: "path year without national target", code: "COG-01-09", year: 2024, mode: ModePath, baseline: Some(0), target: proposed(80), hasNat: false, wantMode: ModePath, ref: refValue(80), local: Some(80), class: SansObjet}, // 10 000 × 2 % × 2/5
		{name: "path places to the quota", code: "COG-01-01", year: 2027, weight: 2.1, mode: ModePath, baseline: Some(100), target: proposed(180), hasNat: true, wantMode: ModePath, ref: refValue(174), local: Some(180), gap: 6, class: AuNiveau},
		{name: "path holds a better delay", code: "COG-08-29", year: 2027, mode: ModePath, baseline: Some(8), target: proposed(11), hasNat: true, wantMode: ModePath, ref: Reference{Valid: true, Value: 8, Held: true}, local: Some(11), gap: -3, class: EnRetrait},
		{name: "path on rises does not fit", code: "COG-02-13", year: 2025, mode: ModePath, baseline: Some(0), target: proposed(520000), hasNat: true, wantMode: ModePath, ref: Reference{}, local: Some(520000), class: SansObjet},

		// free.
		{name: "free", code: "COG-08-22", year: 2025, mode: ModeFree, target: proposed(50), hasNat: true, wantMode: ModeFree, ref: Reference{}, local: Some(50), class: SansObjet},
		{name: "invalid override falls back", code: "COG-08-22", year: 2025, mode: Mode("bogus"), target: proposed(88), hasNat: true, wantMode: ModeSame, ref: refValue(87), local: Some(88), gap: 1, class: AuNiveau},

		// national, and national taken up by the user.
		{name: "national band", code: "COG-12-52", year: 2025, target: proposed(50), hasNat: true, wantMode: ModeNational, ref: Reference{}, local: Some(50), class: SansObjet},
		{name: "national lower", code: "COG-11-44", year: 2025, target: proposed(-0.2), hasNat: true, wantMode: ModeNational, ref: Reference{}, local: Some(-0.2), class: SansObjet},
		{name: "national higher", code: "COG-13-54", year: 2025, hasNat: true, wantMode: ModeNational, ref: Reference{}, class: SansObjet},
		{name: "band inside", code: "COG-12-52", year: 2025, mode: ModeSame, target: proposed(50), hasNat: true, wantMode: ModeSame, ref: refBand(43, 57), local: Some(50), gap: 0, class: AuNiveau},
		{name: "band just above", code: "COG-12-52", year: 2025, mode: ModeSame, target: proposed(58), hasNat: true, wantMode: ModeSame, ref: refBand(43, 57), local: Some(58), gap: -1, class: Proche},
		{name: "band just below", code: "COG-12-52", year: 2025, mode: ModeSame, target: proposed(42), hasNat: true, wantMode: ModeSame, ref: refBand(43, 57), local: Some(42), gap: -1, class: Proche},
		{name: "band far below", code: "COG-12-52", year: 2025, mode: ModeSame, target: proposed(40), hasNat: true, wantMode: ModeSame, ref: refBand(43, 57), local: Some(40), gap: -3, class: EnRetrait},
		{name: "national lower taken up", code: "COG-11-44", year: 2025, mode: ModeSame, target: proposed(-0.1), hasNat: true, wantMode: ModeSame, ref: refValue(-0.15), local: Some(-0.1), gap: -0.05, class: EnRetrait}, // 10 % of 0,15 is 0,015
		{name: "national lower taken up, near", code: "COG-11-44", year: 2025, mode: ModeSame, target: proposed(-0.14), hasNat: true, wantMode: ModeSame, ref: refValue(-0.15), local: Some(-0.14), gap: -0.01, class: Proche},

		// sub-indicators.
		{name: "sub a", code: "COG-08-23", sub: "a", year: 2025, target: proposed(84), hasNat: true, wantMode: ModeSame, ref: refValue(83), local: Some(84), gap: 1, class: AuNiveau},
		{name: "sub b", code: "COG-08-23", sub: "b", year: 2025, target: proposed(80), hasNat: true, wantMode: ModeSame, ref: refValue(81), local: Some(80), gap: -1, class: Proche},
		{name: "sub c", code: "COG-08-23", sub: "c", year: 2025, target: proposed(85), hasNat: true, wantMode: ModeSame, ref: refValue(90), local: Some(85), gap: -5, class: EnRetrait},
		{name: "sub c path", code: "COG-08-23", sub: "c", year: 2025, mode: ModePath, baseline: Some(78), target: proposed(85), hasNat: true, wantMode: ModePath, ref: refValue(87), local: Some(85), gap: -2, class: EnRetrait}, // 78 + 15 × 3/5
	}
	for _, tt := range tests {
		w := 2.0
		switch {
		case tt.weight < 0:
			w = 0
		case tt.weight > 0:
			w = tt.weight
		}
		c := NewContract(essonne(), r.ID, w, 2022)
		if tt.mode != "" {
			ind, _ := r.Lookup(tt.code)
			c.Modes[ind.Code] = tt.mode
		}
		l := mustLine(t, r, tt.code, tt.sub)
		if tt.baseline.OK {
			c.Baselines[l.Key()] = tt.baseline.V
		}
		key := TargetKey{LineKey: l.Key(), Year: tt.year}
		if tt.target != (Target{}) {
			c.Targets[key] = tt.target
		}
		ev := Evaluate(r, c, l, tt.year)
		if ev.Key != key {
			t.Errorf("%s: key %+v, want %+v", tt.name, ev.Key, key)
		}
		if ev.HasNat != tt.hasNat {
			t.Errorf("%s: HasNat %v, want %v", tt.name, ev.HasNat, tt.hasNat)
		}
		if tt.hasNat && ev.National != l.Targets[tt.year] {
			t.Errorf("%s: national %+v, want %+v", tt.name, ev.National, l.Targets[tt.year])
		}
		if ev.Mode != tt.wantMode {
			t.Errorf("%s: mode %s, want %s", tt.name, ev.Mode, tt.wantMode)
		}
		if !sameReference(ev.Reference, tt.ref) {
			t.Errorf("%s: reference %+v, want %+v", tt.name, ev.Reference, tt.ref)
		}
		if ev.Local != tt.local {
			t.Errorf("%s: local %+v, want %+v", tt.name, ev.Local, tt.local)
		}
		if ev.Target != tt.target {
			t.Errorf("%s: target %+v, want %+v", tt.name, ev.Target, tt.target)
		}
		if ev.Gap.Class != tt.class {
			t.Errorf("%s: class %s (gap %v), want %s", tt.name, ev.Gap.Class, ev.Gap.Value, tt.class)
		}
		if tt.class == SansObjet {
			if ev.Gap.Valid || ev.Gap.Value != 0 {
				t.Errorf("%s: sans objet gap %+v must not be a valid zero", tt.name, ev.Gap)
			}
		} else {
			if !ev.Gap.Valid || !near(ev.Gap.Value, tt.gap) {
				t.Errorf("%s: gap %+v, want %v", tt.name, ev.Gap, tt.gap)
			}
		}
		if ev.Actual.OK {
			t.Errorf("%s: actual %+v with no actual recorded", tt.name, ev.Actual)
		}
	}
}

func TestEvaluateActualAndCounter(t *testing.T) {
	r := testReferential()
	c := NewContract(essonne(), r.ID, 2, 2022)
	l := mustLine(t, r, "COG-08-22", "")
	key := TargetKey{LineKey: l.Key(), Year: 2025}
	c.Targets[key] = Target{Proposed: Some(86), Counter: Some(88), Status: StatusCountered, Comment: "à revoir"}
	c.Actuals[key] = 86.5
	ev := Evaluate(r, c, l, 2025)
	if ev.Actual != Some(86.5) {
		t.Errorf("actual %+v, want 86,5", ev.Actual)
	}
	if ev.Cnaf != Some(88) {
		t.Errorf("Cnaf %+v, want 88", ev.Cnaf)
	}
	if ev.Local != Some(86) {
		t.Errorf("local %+v, want the Caf's proposal 86 while countered", ev.Local)
	}
	if ev.Gap.Class != Proche || !near(ev.Gap.Value, -1) {
		t.Errorf("gap %+v, want −1 proche", ev.Gap)
	}
	// Another year keeps its own figures.
	if ev := Evaluate(r, c, l, 2026); ev.Actual.OK || ev.Local.OK || ev.Gap.Class != SansObjet {
		t.Errorf("2026: %+v, want nothing", ev)
	}
}

// TestEvaluateEveryLine runs Evaluate on every line of every indicator and
// year in every mode: nothing panics, sans objet is never a valid gap, and a
// year without a national target is always sans objet.
func TestEvaluateEveryLine(t *testing.T) {
	r := testReferential()
	for _, m := range Modes() {
		c := NewContract(essonne(), r.ID, 2, 2022)
		for i := range r.Indicators {
			ind := &r.Indicators[i]
			c.Modes[ind.Code] = m
			for _, l := range ind.Lines() {
				c.Baselines[l.Key()] = 10
				for _, y := range r.Years {
					c.Targets[TargetKey{LineKey: l.Key(), Year: y}] = Target{Proposed: Some(12), Status: StatusDraft}
				}
			}
		}
		for i := range r.Indicators {
			ind := &r.Indicators[i]
			for _, l := range ind.Lines() {
				for _, y := range append([]int{2022}, r.Years...) {
					ev := Evaluate(r, c, l, y)
					_, hasNat := l.Targets[y]
					if !hasNat && ev.Gap.Class != SansObjet {
						t.Errorf("%s %s %d: no national target but class %s", m, l.Key(), y, ev.Gap.Class)
					}
					if ev.Gap.Class == SansObjet && ev.Gap.Valid {
						t.Errorf("%s %s %d: valid sans objet gap", m, l.Key(), y)
					}
					if (m == ModeFree || m == ModeNational) && ev.Gap.Class != SansObjet {
						t.Errorf("%s %s %d: class %s, want sans objet", m, l.Key(), y, ev.Gap.Class)
					}
					if ev.Gap.Valid && (math.IsNaN(ev.Gap.Value) || math.IsInf(ev.Gap.Value, 0)) {
						t.Errorf("%s %s %d: gap %v", m, l.Key(), y, ev.Gap.Value)
					}
				}
			}
		}
	}
}
