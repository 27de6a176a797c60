package cpog

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestValidateWeight(t *testing.T) {
	tests := []struct {
		w  float64
		ok bool
	}{
		{2, true},
		{2.24, true},
		{0.01, true},
		{100, true},
		{math.SmallestNonzeroFloat64, true},
		{0, false},
		{math.Copysign(0, -1), false},
		{-2, false},
		{-0.01, false},
		{100.0001, false},
		{math.NaN(), false},
		{math.Inf(1), false},
		{math.Inf(-1), false},
	}
	for _, tt := range tests {
		err := ValidateWeight(tt.w)
		if (err == nil) != tt.ok {
			t.Errorf("ValidateWeight(%v) = %v, want ok=%v", tt.w, err, tt.ok)
			continue
		}
		if err != nil {
			if ErrorCode(err) != EInvalid {
				t.Errorf("ValidateWeight(%v) code %q, want %q", tt.w, ErrorCode(err), EInvalid)
			}
			var e *Error
			if !errors.As(err, &e) || e.Message == "" {
				t.Errorf("ValidateWeight(%v) = %v, want a French *Error", tt.w, err)
			}
		}
	}
}

// TestParseWeight: the weight is typed as a percentage, with or without
// its mark, a decimal comma or point; the wording of refusals is French.
func TestParseWeight(t *testing.T) {
	for _, tt := range []struct {
		text string
		want float64
		err  string
	}{
		{"0,2", 0.2, ""},
		{"0,2 %", 0.2, ""},
		{"0.2", 0.2, ""},
		{" 2,1% ", 2.1, ""},
		{"100", 100, ""},
		{"", 0, "poids vide"},
		{"0", 0, "strictement positif"},
		{"-1", 0, "strictement positif"},
		{"101", 0, "au plus 100"},
		{"2 j", 0, "poids : "},
		{"deux", 0, "n’est pas un nombre"},
	} {
		got, err := ParseWeight(tt.text)
		switch {
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("ParseWeight(%q) = %v, %v; want %v", tt.text, got, err, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err) || ErrorCode(err) != EInvalid):
			t.Errorf("ParseWeight(%q) = %v, %v; want an error saying %q", tt.text, got, err, tt.err)
		}
	}
}

func TestSetWeight(t *testing.T) {
	ch, err := SetWeight(0.2)
	if err != nil || ch.Kind != "weight" || len(ch.Edits) != 1 || ch.Edits[0].Field != FieldWeight || ch.Edits[0].Value != Some(0.2) {
		t.Fatalf("SetWeight(0,2) = %+v, %v", ch, err)
	}
	if ch.Summary != "poids de la Caf : 0,2 %" {
		t.Errorf("summary %q", ch.Summary)
	}
	if _, err := SetWeight(0); err == nil {
		t.Error("a zero weight is refused")
	}
}
