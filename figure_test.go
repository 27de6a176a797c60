package cpog

import (
	"math"
	"strings"
	"testing"
)

// TestCheckFigure: the plausibility bounds of every kind of indicator, the
// same for typed values, command-line values and imports.
func TestCheckFigure(t *testing.T) {
	r := testReferential()
	tests := []struct {
		code string
		sub  string
		year int
		v    float64
		err  string // "" when accepted; else a part of the French refusal
	}{
		// proportions: 0–100 %
		{"COG-08-24", "", 2025, 50, ""},
		{"COG-08-24", "", 2025, 0, ""},
		{"COG-08-24", "", 2025, 100, ""},
		{"COG-08-24", "", 2025, -5, "entre 0 % et 100 %"},
		{"COG-08-24", "", 2025, 100.5, "entre 0 % et 100 %"},
		{"COG-08-23", "b", 2025, 120, "entre 0 % et 100 %"},
		{"COG-12-52", "", 2025, 50, ""},
		{"COG-12-52", "", 2025, 120, "entre 0 % et 100 %"},
		// changes against a year, or falls: −100 … +100 %
		{"COG-12-53", "", 2025, -25, ""},
		{"COG-12-53", "", 2025, -100, ""},
		{"COG-12-53", "", 2025, 10, ""},
		{"COG-12-53", "", 2025, -101, "entre -100 % et 100 %"},
		{"COG-11-44", "", 2025, -0.2, ""},
		// delays: 0–365 days
		{"COG-08-29", "", 2025, 0, ""},
		{"COG-08-29", "", 2025, 365, ""},
		{"COG-08-29", "", 2025, 366, "entre 0 et 365 jours"},
		{"COG-08-29", "", 2025, 99999999, "entre 0 et 365 jours"},
		{"COG-08-29", "", 2025, -1, "entre 0 et 365 jours"},
		// shared volumes: not negative, at most the national figure
		{"COG-08-34", "", 2025, 330000, ""},
		{"COG-08-34", "", 2025, 330001, "plus que la cible nationale 2025"},
		{"COG-08-34", "", 2025, 375e6, "plus que la cible nationale"},
		{"COG-08-34", "", 2025, -1, "ne peut pas être négatif"},
		{"COG-08-34", "", 2022, 500000, ""}, // a baseline: no national figure that year
		{"COG-01-09", "", 2023, 1e6, ""},    // no national target that year
		{"COG-10-41", "", 2023, 375e6, ""},
		{"COG-10-41", "", 2023, -1, "montant ne peut pas être négatif"},
		// net changes and rises may be negative
		{"COG-01-01", "", 2027, -50, ""},
		{"COG-01-01", "", 2027, 8300, ""},
		{"COG-01-01", "", 2027, 8301, "plus que la cible nationale 2027"},
		{"COG-02-13", "", 2023, -1000, ""},
		{"COG-02-13", "", 2023, 14e6, ""},
		{"COG-02-13", "", 2023, 14e6 + 1, "plus que la cible nationale 2023 (+ 14 M)"},
		// unit costs and ratios: positive
		{"COG-12-48", "", 2025, 150, ""},
		{"COG-12-48", "", 2025, 0, "coût unitaire doit être strictement positif"},
		{"COG-12-48", "", 2025, -1, "strictement positif"},
		{"COG-12-51", "", 2025, 14, ""},
		{"COG-12-51", "", 2025, 0, "ratio doit être strictement positif"},
		// finite and not absurd, whatever the unit
		{"COG-12-51", "", 2025, math.NaN(), "hors limites"},
		{"COG-12-51", "", 2025, math.Inf(1), "hors limites"},
		{"COG-12-53", "", 2025, math.Inf(-1), "hors limites"},
		{"COG-01-01", "", 2023, -1e305, "hors limites"},
		{"COG-12-51", "", 2025, 1e13, "hors limites"},
	}
	for _, tt := range tests {
		l := mustLine(t, r, tt.code, tt.sub)
		// national targets printed as the COG prints them, for messages
		for y, nt := range l.Targets {
			if nt.Raw == "" && nt.Kind == TargetIncrement {
				nt.Raw = "+ " + FormatNumber(nt.Value/1e6) + " M"
				l.Targets[y] = nt
			}
		}
		err := CheckFigure(l, tt.year, tt.v)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s %d %v: refused: %v", l.Key(), tt.year, tt.v, err)
		case tt.err != "" && err == nil:
			t.Errorf("%s %d %v: accepted, want %q", l.Key(), tt.year, tt.v, tt.err)
		case tt.err != "" && (!strings.Contains(err.Error(), tt.err) || ErrorCode(err) != EInvalid):
			t.Errorf("%s %d %v: %v, want %q", l.Key(), tt.year, tt.v, err, tt.err)
		}
	}
}

// TestParseFigure: typed text goes through the unit marks, then the bounds;
// a message never quotes more than a few dozen characters of it.
func TestParseFigure(t *testing.T) {
	r := testReferential()
	delay := mustLine(t, r, "COG-08-29", "")
	if v, err := ParseFigure(delay, 2025, "14 j"); err != nil || v != 14 {
		t.Errorf("14 j = %v, %v", v, err)
	}
	if _, err := ParseFigure(delay, 2025, "99 999 999 j"); err == nil || !strings.Contains(err.Error(), "365") {
		t.Errorf("99 999 999 j: %v", err)
	}
	huge := strings.Repeat("9", 305)
	_, err := ParseFigure(mustLine(t, r, "COG-12-51", ""), 2025, huge)
	if err == nil || !strings.Contains(err.Error(), "hors limites") {
		t.Fatalf("a 305-digit number: %v", err)
	}
	if len([]rune(err.Error())) > 120 {
		t.Errorf("the message quotes the whole value (%d characters): %s", len([]rune(err.Error())), err)
	}
	_, err = ParseFigure(delay, 2025, "1\x1b]52;c;SGVsbG8=\x07")
	if err == nil || strings.ContainsAny(err.Error(), "\x1b\x07") {
		t.Errorf("control characters must not reach the message raw: %q", err)
	}
}

// TestFarFromReference: a shared volume more than ten times its reference,
// or less than a tenth of it, asks for a confirmation.
func TestFarFromReference(t *testing.T) {
	r := testReferential()
	places, _ := r.Lookup("COG-01-01")
	rate, _ := r.Lookup("COG-08-22")
	ref := Reference{Valid: true, Value: 174}
	for _, tt := range []struct {
		ind  *Indicator
		ref  Reference
		v    float64
		want bool
	}{
		{places, ref, 174, false},
		{places, ref, 1740, false},
		{places, ref, 1741, true},
		{places, ref, 17.4, false},
		{places, ref, 17, true},
		{places, ref, 8300, true}, // the national figure typed for the Caf's
		{places, ref, 0, false},
		{places, Reference{}, 8300, false},
		{rate, Reference{Valid: true, Value: 87}, 8.7, false}, // rates are judged by their bounds
	} {
		if got := FarFromReference(tt.ind, tt.ref, tt.v); got != tt.want {
			t.Errorf("%s %v against %v: %v, want %v", tt.ind.Code, tt.v, tt.ref.Value, got, tt.want)
		}
	}
}
