package cpog

import (
	"math"
	"strings"
	"testing"
)

// fuzzSeeds are the examples of number_test.go, typed for a unit index into
// Units().
var fuzzSeeds = []struct {
	text string
	unit Unit
}{
	{"4 500", UnitCount},
	{"22,5", UnitPercent},
	{"22,5 %", UnitPercent},
	{"16 j", UnitDays},
	{"25,5 j", UnitDays},
	{"+ 14 M", UnitHours},
	{"+ 14 M", UnitCount},
	{"375 M", UnitEuros},
	{"375 M€", UnitEuros},
	{"12 k€", UnitEuros},
	{"1,5 Md", UnitEuros},
	{"-0,15 %", UnitPercent},
	{"12 050", UnitCount},
	{"0,5", UnitRatio},
	{"160,4 €", UnitEuros},
	{"8 h", UnitHours},
	{"1 234 567,5", UnitCount},
	{"4\u00a0500", UnitCount},
	{"22,5\u202f%", UnitPercent},
	{"\u22120,15 %", UnitPercent},
	{"-12", UnitOther},
	{"", UnitCount},
	{"abc", UnitCount},
	{"12,", UnitCount},
	{"1 00", UnitCount},
	{"22 %", UnitCount},
	{"16 j", UnitPercent},
	{"150 %", UnitPercent},
	{"-3", UnitCount},
	{"-2 j", UnitDays},
	{"NaN", UnitOther},
	{"Inf", UnitOther},
	{"1e309", UnitCount},
	{strings.Repeat("9", 400), UnitCount},
	{strings.Repeat("9", 305) + " M", UnitCount},
}

func unitIndex(u Unit) uint8 {
	for i, k := range Units() {
		if k == u {
			return uint8(i)
		}
	}
	panic("unknown unit " + string(u))
}

// FuzzParseValue checks that ParseValue never panics and that whatever it
// accepts is a finite number that cpog writes and reads back exactly (the
// ranges are CheckFigure's, see TestCheckFigure).
func FuzzParseValue(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s.text, unitIndex(s.unit))
	}
	f.Fuzz(func(t *testing.T, text string, ui uint8) {
		units := Units()
		u := units[int(ui)%len(units)]
		v, err := ParseValue(text, u)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ParseValue(%q, %s): empty error message", text, u)
			}
			if v != 0 {
				t.Fatalf("ParseValue(%q, %s) = %v with error %v", text, u, v, err)
			}
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseValue(%q, %s) = %v, not finite", text, u, v)
		}
		out := FormatValue(v, u)
		back, err := ParseValue(out, u)
		if err != nil {
			t.Fatalf("ParseValue(%q, %s) = %v, written %q, which reads back with error %v", text, u, v, out, err)
		}
		if back != v {
			t.Fatalf("ParseValue(%q, %s) = %v, written %q, read back %v", text, u, v, out, back)
		}
		// The spaces of Word and of French typography read the same.
		for _, sp := range []string{"\u00a0", "\u202f"} {
			alt := strings.ReplaceAll(text, " ", sp)
			if w, err := ParseValue(alt, u); err != nil || w != v {
				t.Fatalf("ParseValue(%q, %s) = %v, %v; with ordinary spaces it is %v", alt, u, w, err, v)
			}
		}
	})
}

// FuzzParseNationalTarget checks that reading a COG target never panics and
// that what it accepts is consistent: finite numbers, ordered band bounds, a
// normalized raw text that reads the same again.
func FuzzParseNationalTarget(f *testing.F) {
	seeds := []struct {
		raw  string
		unit Unit
	}{
		{"43 %/57 %", UnitPercent},
		{"43%/57%", UnitPercent},
		{"57 %/43 %", UnitPercent},
		{"- 5 % par rapport à 2021", UnitPercent},
		{"- 25 % par rapport a 2021", UnitPercent},
		{"+ 14 M", UnitHours},
		{"+ 30 M", UnitCount},
		{"16 j", UnitDays},
		{"- 0,15 %", UnitPercent},
		{"154,0", UnitEuros},
		{"375 M", UnitEuros},
		{"8 300", UnitCount},
		{"10 j/20 j", UnitDays},
		{"par rapport à 2021", UnitPercent},
		{"", UnitPercent},
	}
	for _, s := range seeds {
		f.Add(s.raw, unitIndex(s.unit))
	}
	f.Fuzz(func(t *testing.T, raw string, ui uint8) {
		units := Units()
		u := units[int(ui)%len(units)]
		nt, err := ParseNationalTarget(raw, u, "2022")
		if err != nil {
			return
		}
		for _, x := range []float64{nt.Value, nt.Min, nt.Max} {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("ParseNationalTarget(%q, %s) = %+v, not finite", raw, u, nt)
			}
		}
		switch nt.Kind {
		case TargetBand:
			if nt.Min > nt.Max || nt.Single() {
				t.Fatalf("ParseNationalTarget(%q, %s) = %+v, a bad band", raw, u, nt)
			}
		case TargetValue, TargetIncrement, TargetRelative:
			if !nt.Single() || nt.Min != 0 || nt.Max != 0 {
				t.Fatalf("ParseNationalTarget(%q, %s) = %+v, a single value with bounds", raw, u, nt)
			}
		default:
			t.Fatalf("ParseNationalTarget(%q, %s) = %+v, unknown kind", raw, u, nt)
		}
		again, err := ParseNationalTarget(nt.Raw, u, "2022")
		if err != nil || again != nt {
			t.Fatalf("ParseNationalTarget(%q) = %+v, but its raw text %q reads %+v, %v", raw, nt, nt.Raw, again, err)
		}
	})
}
