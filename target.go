package cpog

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// TargetKind tells how a national target is expressed in the COG.
type TargetKind string

// Kinds of national target.
const (
	// TargetValue is a plain value: "16 j", "4 500", "22,5 %".
	TargetValue TargetKind = "value"
	// TargetBand is a range to stay in: "43 %/57 %".
	TargetBand TargetKind = "band"
	// TargetIncrement is a rise over a base level: "+ 14 M".
	TargetIncrement TargetKind = "increment"
	// TargetRelative is a change against a reference year: "- 5 % par
	// rapport à 2021".
	TargetRelative TargetKind = "relative"
)

// NationalTarget is the branch's target for one year, kept both as printed
// in the COG and as numbers.
type NationalTarget struct {
	Raw        string
	Kind       TargetKind
	Value      float64 // the value; for a band, unused
	Min, Max   float64 // the band's bounds
	RelativeTo string  // what an increment or relative target is measured from
}

// Single reports whether the target is one number (a band is not).
func (t NationalTarget) Single() bool { return t.Kind != TargetBand }

// relativeRe is compiled on first use: the referential is compiled in, so
// few starts parse a target's text.
var relativeRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(.*?)\s*par\s+rapport\s+(?:à|a)\s+(.+)$`)
})

// ParseNationalTarget reads a national target as printed in the COG's
// tables. relativeTo names the base of an increment ("+ 14 M"), which the
// tables do not print.
func ParseNationalTarget(raw string, unit Unit, relativeTo string) (NationalTarget, error) {
	text := strings.Join(strings.Fields(normalizeNumber(raw)), " ")
	t := NationalTarget{Raw: text, Kind: TargetValue}
	if m := relativeRe().FindStringSubmatch(text); m != nil {
		v, err := parseSigned(m[1], unit)
		if err != nil {
			return t, fmt.Errorf("cible %q : %w", raw, err)
		}
		t.Kind, t.Value, t.RelativeTo = TargetRelative, v, strings.TrimSpace(m[2])
		return t, nil
	}
	if lo, hi, ok := strings.Cut(text, "/"); ok {
		min, err := ParseValue(lo, unit)
		if err != nil {
			return t, fmt.Errorf("cible %q : %w", raw, err)
		}
		max, err := ParseValue(hi, unit)
		if err != nil {
			return t, fmt.Errorf("cible %q : %w", raw, err)
		}
		if min > max {
			return t, fmt.Errorf("cible %q : borne basse au-dessus de la borne haute", raw)
		}
		t.Kind, t.Min, t.Max = TargetBand, min, max
		return t, nil
	}
	if strings.HasPrefix(text, "+") {
		v, err := ParseValue(text, unit)
		if err != nil {
			return t, fmt.Errorf("cible %q : %w", raw, err)
		}
		t.Kind, t.Value, t.RelativeTo = TargetIncrement, v, relativeTo
		return t, nil
	}
	v, err := parseSigned(text, unit)
	if err != nil {
		return t, fmt.Errorf("cible %q : %w", raw, err)
	}
	t.Value = v
	return t, nil
}

// parseSigned reads a value that may be a signed change ("- 5 %") even for
// units whose plain values cannot be negative.
func parseSigned(s string, unit Unit) (float64, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "-") {
		v, err := ParseValue(strings.TrimSpace(s[1:]), unit)
		return -v, err
	}
	return ParseValue(s, unit)
}

// Format writes the target for a table cell: the printed text, which is
// what the director compares with the COG on paper.
func (t NationalTarget) Format() string { return t.Raw }
