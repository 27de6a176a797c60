package tui

import (
	"github.com/cnaf-tools/cpog"
)

// Table cells shared by the screens. The figures themselves (references,
// gaps, achievement) come from the root package; these only fit them into
// narrow columns.

func unitShort(u cpog.Unit) string {
	switch u {
	case cpog.UnitPercent:
		return "%"
	case cpog.UnitDays:
		return "j"
	case cpog.UnitCount:
		return "nb"
	case cpog.UnitEuros:
		return "€"
	case cpog.UnitHours:
		return "h"
	case cpog.UnitRatio:
		return "r"
	}
	return "·"
}

// nationalShort writes a national target in a few cells.
func nationalShort(ev cpog.Evaluation, u cpog.Unit) string {
	if !ev.HasNat {
		return "—"
	}
	t := ev.National
	switch t.Kind {
	case cpog.TargetBand:
		return cpog.FormatNumber(t.Min) + "–" + cpog.FormatCompact(t.Max, u)
	case cpog.TargetRelative:
		return cpog.FormatCompact(t.Value, u) + "*"
	case cpog.TargetIncrement:
		return "+" + cpog.FormatCompact(t.Value, u)
	}
	return cpog.FormatCompact(t.Value, u)
}

// gapCell writes a gap with its symbol, so that it reads without colour.
func gapCell(g cpog.Gap, u cpog.Unit) string {
	if !g.Valid {
		return g.Class.Symbol()
	}
	return cpog.FormatSigned(g.Value, u) + " " + g.Class.Symbol()
}

// achievementText writes a taux d'atteinte with its symbol: "96 % ~".
func achievementText(a cpog.Achievement) string {
	if a.Valid && a.Class != cpog.SansRealise {
		return cpog.FormatNumber(cpog.Round(a.Rate, 0)) + " % " + a.Class.Symbol()
	}
	return a.Class.Symbol()
}

// lineLabel is how a table names a line: its short code ("08-23 a") and
// its label ("a. Courriels").
func lineLabel(l cpog.Line) (code, label string) {
	code, label = l.Indicator.ShortCode(), l.Indicator.Label
	if l.Sub != "" {
		code += " " + l.Sub
		label = l.Sub + ". " + l.Label
	}
	return code, label
}
