package cpog

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// tenth and fifth are variables so that their sum is computed at run time,
// with the floating-point noise the compiler's exact constants would hide.
var tenth, fifth = 0.1, 0.2

// noisyPointThree is 0.1+0.2 as a float64 computes it: 0.30000000000000004.
func noisyPointThree() float64 { return tenth + fifth }

func TestParseValueAccepted(t *testing.T) {
	tests := []struct {
		text string
		unit Unit
		want float64
	}{
		// As a director types them.
		{"4 500", UnitCount, 4500},
		{"22,5", UnitPercent, 22.5},
		{"22,5 %", UnitPercent, 22.5},
		{"22,5%", UnitPercent, 22.5},
		{"80%", UnitPercent, 80},
		{"16 j", UnitDays, 16},
		{"16j", UnitDays, 16},
		{"25,5 j", UnitDays, 25.5},
		{"16 jours", UnitDays, 16},
		{"1 jour", UnitDays, 1},
		{"16", UnitDays, 16},
		{"0 j", UnitDays, 0},
		{"+ 14 M", UnitHours, 14000000},
		{"+ 14 M", UnitCount, 14000000},
		{"+14 M", UnitHours, 14000000},
		{"375 M", UnitEuros, 375000000},
		{"375 M€", UnitEuros, 375000000},
		{"12 k€", UnitEuros, 12000},
		{"12 k", UnitCount, 12000},
		{"1,5 Md", UnitEuros, 1500000000},
		{"160,4 €", UnitEuros, 160.4},
		{"160,4", UnitEuros, 160.4},
		{"154,0", UnitEuros, 154},
		{"8 h", UnitHours, 8},
		{"-0,15 %", UnitPercent, -0.15},
		{"- 0,15 %", UnitPercent, -0.15},
		{"+5 %", UnitPercent, 5},
		{"100 %", UnitPercent, 100},
		{"-100 %", UnitPercent, -100},
		{"12 050", UnitCount, 12050},
		{"1 234 567,5", UnitCount, 1234567.5},
		{"1 000 000", UnitCount, 1000000},
		{"4500", UnitCount, 4500},
		{"0,5", UnitCount, 0.5},
		{"0,5", UnitRatio, 0.5},
		{"460,2", UnitRatio, 460.2},
		{"12.5", UnitPercent, 12.5}, // a point is accepted as the decimal mark
		{"-12", UnitOther, -12},
		{"  4 500  ", UnitCount, 4500},
		{"\t4 500\t", UnitCount, 4500},
		// Spaces and signs from Word, Excel, PDF.
		{"4\u00a0500", UnitCount, 4500},
		{"4\u202f500", UnitCount, 4500},
		{"4\u2009500", UnitCount, 4500},
		{"22,5\u00a0%", UnitPercent, 22.5},
		{"22,5\u202f%", UnitPercent, 22.5},
		{"1\u202f234\u202f567,5", UnitCount, 1234567.5},
		{"\u22120,15 %", UnitPercent, -0.15},
		{"\u2212 0,15\u00a0%", UnitPercent, -0.15},
		{"\u20130,15 %", UnitPercent, -0.15}, // en dash typed as a minus
		{"+\u00a014\u00a0M", UnitHours, 14000000},
	}
	for _, tt := range tests {
		got, err := ParseValue(tt.text, tt.unit)
		if err != nil {
			t.Errorf("ParseValue(%q, %s) error: %v", tt.text, tt.unit, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseValue(%q, %s) = %v, want %v", tt.text, tt.unit, got, tt.want)
		}
	}
}

// TestParseValueRefused: what is not a number in the unit is refused; a
// number outside what an indicator allows is CheckFigure's refusal.
func TestParseValueRefused(t *testing.T) {
	tests := []struct {
		text string
		unit Unit
		want string // part of the French message
	}{
		{"abc", UnitCount, "n’est pas un nombre"},
		{"12,", UnitCount, "aucun chiffre après la virgule"},
		{",5", UnitCount, "aucun chiffre avant la virgule"},
		{"1 00", UnitCount, "groupes de trois chiffres"},
		{"1000 000", UnitCount, "groupes de trois chiffres"},
		{"4 5000", UnitCount, "groupes de trois chiffres"},
		{"1  000", UnitCount, "espaces en trop"},
		{"1,2,3", UnitCount, "après la virgule"},
		{"1.234,5", UnitCount, "après la virgule"},
		{"22 %", UnitCount, "ne convient pas"},
		{"16 j", UnitPercent, "ne convient pas"},
		{"16 h", UnitDays, "ne convient pas"},
		{"5 k€", UnitCount, "ne convient pas"},
		{"14 M", UnitPercent, "ne s’emploie que pour des volumes"},
		{"14 M", UnitRatio, "ne s’emploie que pour des volumes"},
		{"2 k", UnitDays, "ne s’emploie que pour des volumes"},
		// ranges are the line's: see TestCheckFigure
		{"NaN", UnitCount, "n’est pas un nombre"},
		{"nan", UnitOther, "n’est pas un nombre"},
		{"Inf", UnitCount, "n’est pas un nombre"},
		{"+Inf", UnitCount, "n’est pas un nombre"},
		{"-Inf", UnitOther, "n’est pas un nombre"},
		{"infinity", UnitOther, "n’est pas un nombre"},
		{"∞", UnitOther, "n’est pas un nombre"},
		{"1e309", UnitCount, "n’est pas un nombre"},
		{"1e5", UnitCount, "n’est pas un nombre"},
		{"0x10", UnitCount, "n’est pas un nombre"},
		{"1_000", UnitCount, "n’est pas un nombre"},
		{strings.Repeat("9", 400), UnitCount, "n’est pas un nombre"},
		{strings.Repeat("9", 400) + ",5", UnitOther, "n’est pas un nombre"},
		{strings.Repeat("9", 305) + " M", UnitCount, "hors limites"},
		{strings.Repeat("9", 300) + " Md", UnitEuros, "hors limites"},
		{"--5", UnitOther, "n’est pas un nombre"},
		{"+-5", UnitOther, "n’est pas un nombre"},
		{"5-", UnitOther, "n’est pas un nombre"},
		{"-", UnitOther, "n’est pas un nombre"},
		{"+", UnitOther, "n’est pas un nombre"},
		{"%", UnitPercent, "n’est pas un nombre"},
		{"j", UnitDays, "n’est pas un nombre"},
		{"16 j %", UnitPercent, "n’est pas un nombre"},
		{"16 km", UnitCount, "n’est pas un nombre"},
		{"—", UnitCount, "n’est pas un nombre"},
		{"١٢", UnitCount, "n’est pas un nombre"}, // Arabic-Indic digits
	}
	for _, tt := range tests {
		got, err := ParseValue(tt.text, tt.unit)
		if err == nil {
			t.Errorf("ParseValue(%q, %s) = %v, want an error", tt.text, tt.unit, got)
			continue
		}
		if got != 0 {
			t.Errorf("ParseValue(%q, %s) returned %v with its error, want 0", tt.text, tt.unit, got)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseValue(%q, %s) error %q, want it to say %q", tt.text, tt.unit, err, tt.want)
		}
	}
}

func TestParseValueEmpty(t *testing.T) {
	for _, text := range []string{"", " ", "   ", "\t", "\u00a0", "\u202f \u00a0"} {
		for _, u := range Units() {
			_, err := ParseValue(text, u)
			if !errors.Is(err, ErrEmpty) {
				t.Errorf("ParseValue(%q, %s) error = %v, want ErrEmpty", text, u, err)
			}
		}
	}
	if ErrEmpty.Error() != "valeur vide" {
		t.Errorf("ErrEmpty says %q, want a French message", ErrEmpty)
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{7, "7"},
		{999, "999"},
		{1000, "1 000"},
		{4500, "4 500"},
		{12050, "12 050"},
		{123456, "123 456"},
		{1234567.5, "1 234 567,5"},
		{14000000, "14 000 000"},
		{0.5, "0,5"},
		{22.5, "22,5"},
		{noisyPointThree(), "0,30000000000000004"}, // exact: it must read back
		{-0.15, "-0,15"},
		{-1234.5, "-1 234,5"},
		{-1000000, "-1 000 000"},
		{1e21, "1 000 000 000 000 000 000 000"}, // never an exponent
		{math.NaN(), "—"},
		{math.Inf(1), "—"},
		{math.Inf(-1), "—"},
	}
	for _, tt := range tests {
		if got := FormatNumber(tt.v); got != tt.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestFormatValue(t *testing.T) {
	tests := []struct {
		v    float64
		unit Unit
		want string
	}{
		{4500, UnitCount, "4 500"},
		{22.5, UnitPercent, "22,5 %"},
		{-0.15, UnitPercent, "-0,15 %"},
		{100, UnitPercent, "100 %"},
		{16, UnitDays, "16 j"},
		{25.5, UnitDays, "25,5 j"},
		{1234567.5, UnitCount, "1 234 567,5"},
		{375000000, UnitEuros, "375 000 000 €"},
		{160.4, UnitEuros, "160,4 €"},
		{14000000, UnitHours, "14 000 000 h"},
		{460.2, UnitRatio, "460,2"},
		{-1234.5, UnitOther, "-1 234,5"},
	}
	for _, tt := range tests {
		if got := FormatValue(tt.v, tt.unit); got != tt.want {
			t.Errorf("FormatValue(%v, %s) = %q, want %q", tt.v, tt.unit, got, tt.want)
		}
	}
}

func TestFormatSigned(t *testing.T) {
	tests := []struct {
		v    float64
		unit Unit
		want string
	}{
		{1, UnitPercent, "+1 pt"},
		{-3, UnitPercent, "−3 pt"},
		{0, UnitPercent, "0 pt"},
		{-0.004, UnitPercent, "0 pt"}, // rounds to zero: no sign, no "-0"
		{0.5, UnitPercent, "+0,5 pt"},
		{-1.25, UnitPercent, "−1,25 pt"},
		{noisyPointThree() - 0.3, UnitPercent, "0 pt"},
		{1, UnitDays, "+1 j"},
		{-2.5, UnitDays, "−2,5 j"},
		{-400, UnitCount, "−400"},
		{400, UnitCount, "+400"},
		{-0.4, UnitCount, "−0,4"},
		{1e-12, UnitCount, "0"},
		{12345.6, UnitEuros, "+12 346"},
		{-1234567, UnitEuros, "−1 234 567"},
		{-14500000, UnitHours, "−14,5 M"},
		{30000000, UnitHours, "+30 M"},
		{2.25, UnitRatio, "+2,25"},
		{-0.7, UnitRatio, "−0,7"},
	}
	for _, tt := range tests {
		if got := FormatSigned(tt.v, tt.unit); got != tt.want {
			t.Errorf("FormatSigned(%v, %s) = %q, want %q", tt.v, tt.unit, got, tt.want)
		}
	}
}

func TestFormatCompact(t *testing.T) {
	tests := []struct {
		v    float64
		unit Unit
		want string
	}{
		{14500000, UnitCount, "14,5 M"},
		{-12000000, UnitEuros, "-12 M"},
		{10000000, UnitHours, "10 M"},
		{9999999, UnitHours, "9 999 999"},
		{8400000.000000002, UnitEuros, "8 400 000"},
		{6600.000000000001, UnitCount, "6 600"},
		{113.71, UnitCount, "114"},
		{22.456, UnitPercent, "22,46 %"},
		{noisyPointThree(), UnitPercent, "0,3 %"},
		{-0.15, UnitPercent, "-0,15 %"},
		{15, UnitDays, "15 j"},
		{15.8, UnitDays, "15,8 j"},
		{460.25, UnitRatio, "460,25"},
		{-0.001, UnitRatio, "0"},
	}
	for _, tt := range tests {
		if got := FormatCompact(tt.v, tt.unit); got != tt.want {
			t.Errorf("FormatCompact(%v, %s) = %q, want %q", tt.v, tt.unit, got, tt.want)
		}
	}
}

func TestRound(t *testing.T) {
	tests := []struct {
		v    float64
		d    int
		want float64
	}{
		{noisyPointThree(), 2, 0.3},
		{2.345, 1, 2.3},
		{-0.4, 0, 0},
		{1234.5, 0, 1235},
		{-1234.5, 0, -1235},
	}
	for _, tt := range tests {
		got := Round(tt.v, tt.d)
		if got != tt.want || math.Signbit(got) != math.Signbit(tt.want) {
			t.Errorf("Round(%v, %d) = %v, want %v", tt.v, tt.d, got, tt.want)
		}
	}
}

// unitRange is the range of values a unit accepts, written out here rather
// than taken from the code under test.
func unitRange(u Unit) (lo, hi float64) {
	switch u {
	case UnitPercent:
		return -100, 100
	case UnitDays, UnitCount, UnitEuros, UnitHours, UnitRatio:
		return 0, math.MaxFloat64
	}
	return -math.MaxFloat64, math.MaxFloat64
}

// TestFormatParseRoundTrip checks that what cpog writes, cpog reads back
// exactly, for hand-picked and random values of every unit.
func TestFormatParseRoundTrip(t *testing.T) {
	type sample struct {
		v float64
		u Unit
	}
	var samples []sample
	for _, u := range Units() {
		lo, _ := unitRange(u)
		fixed := []float64{0, 0.5, 1, 22.5, noisyPointThree(), 1.0 / 3, 99.99, 100, 1e-7, math.SmallestNonzeroFloat64}
		if lo < 0 {
			fixed = append(fixed, -0.15, -1.0/3, -100, -math.SmallestNonzeroFloat64)
		}
		if u != UnitPercent {
			fixed = append(fixed, 4500, 12050, 1234567.5, 14e6, 375e6, 8400000.000000002, 1e15+0.5, 1e21, 1e300, math.MaxFloat64)
		}
		if u == UnitOther {
			fixed = append(fixed, -1234567.5, -math.MaxFloat64)
		}
		for _, v := range fixed {
			samples = append(samples, sample{v, u})
		}
	}
	rng := rand.New(rand.NewPCG(2023, 2027))
	for i := 0; i < 20000; i++ {
		u := Units()[rng.IntN(len(Units()))]
		var v float64
		switch u {
		case UnitPercent:
			v = rng.Float64()*200 - 100
		case UnitDays, UnitRatio:
			v = rng.Float64() * 500
		case UnitOther:
			v = (rng.Float64()*2 - 1) * math.Pow(10, float64(rng.IntN(20)))
		default:
			v = rng.Float64() * math.Pow(10, float64(rng.IntN(13)))
		}
		switch rng.IntN(4) { // values as people type them, with few decimals
		case 0:
			v = math.Round(v)
		case 1:
			v = math.Round(v*10) / 10
		case 2:
			v = math.Round(v*100) / 100
		}
		samples = append(samples, sample{v, u})
	}
	for _, s := range samples {
		text := FormatValue(s.v, s.u)
		got, err := ParseValue(text, s.u)
		if err != nil {
			t.Errorf("ParseValue(FormatValue(%v, %s) = %q) error: %v", s.v, s.u, text, err)
			continue
		}
		if got != s.v {
			t.Errorf("ParseValue(FormatValue(%v, %s) = %q) = %v, want it back exactly", s.v, s.u, text, got)
		}
	}
}

func TestParseNationalTarget(t *testing.T) {
	tests := []struct {
		raw        string
		unit       Unit
		relativeTo string
		want       NationalTarget
	}{
		{"16 j", UnitDays, "", NationalTarget{Raw: "16 j", Kind: TargetValue, Value: 16}},
		{"25,5 j", UnitDays, "", NationalTarget{Raw: "25,5 j", Kind: TargetValue, Value: 25.5}},
		{"4 500", UnitCount, "", NationalTarget{Raw: "4 500", Kind: TargetValue, Value: 4500}},
		{"80%", UnitPercent, "", NationalTarget{Raw: "80%", Kind: TargetValue, Value: 80}},
		{"22,5 %", UnitPercent, "", NationalTarget{Raw: "22,5 %", Kind: TargetValue, Value: 22.5}},
		{"154,0", UnitEuros, "", NationalTarget{Raw: "154,0", Kind: TargetValue, Value: 154}},
		{"375 M", UnitEuros, "", NationalTarget{Raw: "375 M", Kind: TargetValue, Value: 375e6}},
		{"- 0,15 %", UnitPercent, "", NationalTarget{Raw: "- 0,15 %", Kind: TargetValue, Value: -0.15}},
		{"\u2212 0,15\u00a0%", UnitPercent, "", NationalTarget{Raw: "- 0,15 %", Kind: TargetValue, Value: -0.15}},
		{"  8\u202f300  ", UnitCount, "", NationalTarget{Raw: "8 300", Kind: TargetValue, Value: 8300}},
		{"43 %/57 %", UnitPercent, "", NationalTarget{Raw: "43 %/57 %", Kind: TargetBand, Min: 43, Max: 57}},
		{"43%/57%", UnitPercent, "", NationalTarget{Raw: "43%/57%", Kind: TargetBand, Min: 43, Max: 57}},
		{"43\u00a0% / 57\u00a0%", UnitPercent, "", NationalTarget{Raw: "43 % / 57 %", Kind: TargetBand, Min: 43, Max: 57}},
		{"50 %/50 %", UnitPercent, "", NationalTarget{Raw: "50 %/50 %", Kind: TargetBand, Min: 50, Max: 50}},
		{"10 j/20 j", UnitDays, "", NationalTarget{Raw: "10 j/20 j", Kind: TargetBand, Min: 10, Max: 20}},
		{"+ 14 M", UnitHours, "2022", NationalTarget{Raw: "+ 14 M", Kind: TargetIncrement, Value: 14e6, RelativeTo: "2022"}},
		{"+ 30 M", UnitHours, "", NationalTarget{Raw: "+ 30 M", Kind: TargetIncrement, Value: 30e6}},
		{"+ 2 %", UnitPercent, "2022", NationalTarget{Raw: "+ 2 %", Kind: TargetIncrement, Value: 2, RelativeTo: "2022"}},
		{"- 5 % par rapport à 2021", UnitPercent, "", NationalTarget{Raw: "- 5 % par rapport à 2021", Kind: TargetRelative, Value: -5, RelativeTo: "2021"}},
		{"- 25 % par rapport à 2021", UnitPercent, "x", NationalTarget{Raw: "- 25 % par rapport à 2021", Kind: TargetRelative, Value: -25, RelativeTo: "2021"}},
		{"-5 %  par  rapport a 2021", UnitPercent, "", NationalTarget{Raw: "-5 % par rapport a 2021", Kind: TargetRelative, Value: -5, RelativeTo: "2021"}},
		{"+ 5 % par rapport à 2019", UnitPercent, "", NationalTarget{Raw: "+ 5 % par rapport à 2019", Kind: TargetRelative, Value: 5, RelativeTo: "2019"}},
		{"- 2 j par rapport à 2022", UnitDays, "", NationalTarget{Raw: "- 2 j par rapport à 2022", Kind: TargetRelative, Value: -2, RelativeTo: "2022"}},
	}
	for _, tt := range tests {
		got, err := ParseNationalTarget(tt.raw, tt.unit, tt.relativeTo)
		if err != nil {
			t.Errorf("ParseNationalTarget(%q, %s) error: %v", tt.raw, tt.unit, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseNationalTarget(%q, %s) = %+v, want %+v", tt.raw, tt.unit, got, tt.want)
		}
		if got.Single() != (tt.want.Kind != TargetBand) {
			t.Errorf("ParseNationalTarget(%q).Single() = %v", tt.raw, got.Single())
		}
		if got.Format() != tt.want.Raw {
			t.Errorf("ParseNationalTarget(%q).Format() = %q, want %q", tt.raw, got.Format(), tt.want.Raw)
		}
	}
}

func TestParseNationalTargetRefused(t *testing.T) {
	tests := []struct {
		raw  string
		unit Unit
	}{
		{"", UnitPercent},
		{"   ", UnitCount},
		{"—", UnitPercent}, // a dash means "no target": never a zero
		{"-", UnitPercent},
		{"abc", UnitCount},
		{"16 j", UnitPercent},
		{"22 %", UnitCount},
		{"57 %/43 %", UnitPercent},
		{"43 %/abc", UnitPercent},
		{"43 %/", UnitPercent},
		{"/57 %", UnitPercent},
		{"43 %/57 %/60 %", UnitPercent},
		{"+ 14 M", UnitPercent},
		{"par rapport à 2021", UnitPercent},
		{"- 5 % par rapport à", UnitPercent},
	}
	for _, tt := range tests {
		got, err := ParseNationalTarget(tt.raw, tt.unit, "")
		if err == nil {
			t.Errorf("ParseNationalTarget(%q, %s) = %+v, want an error", tt.raw, tt.unit, got)
			continue
		}
		if !strings.HasPrefix(err.Error(), "cible ") {
			t.Errorf("ParseNationalTarget(%q, %s) error %q, want it to name the target", tt.raw, tt.unit, err)
		}
	}
	if _, err := ParseNationalTarget("", UnitPercent, ""); !errors.Is(err, ErrEmpty) {
		t.Errorf("ParseNationalTarget(\"\") error = %v, want ErrEmpty in its chain", err)
	}
}

func TestFormatCompactSmallVolumes(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		u    Unit
		want string
	}{
		{160.4, UnitEuros, "160,4"},
		{158, UnitEuros, "158"},
		{1.134, UnitCount, "1,1"},
		{8.6, UnitCount, "8,6"},
		{99.96, UnitHours, "100"},
		{4500.4, UnitCount, "4 500"},
	} {
		if got := FormatCompact(tc.v, tc.u); got != tc.want {
			t.Errorf("FormatCompact(%v, %s) = %q, want %q", tc.v, tc.u, got, tc.want)
		}
	}
}
