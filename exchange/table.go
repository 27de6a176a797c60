package exchange

import (
	"strconv"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// tableHeader is the header of the workbook's « Données » sheet and of the
// CSV: one row per indicator (or sub-indicator) and year. The bilan's
// columns come last, so that files written before them keep their columns'
// places.
var tableHeader = []string{
	"Fiche", "Code", "Sous-indicateur", "Libellé", "Unité", "Année",
	"Cible nationale", "Référence Caf", "Cible locale", "Position Cnaf",
	"Écart", "Appréciation", "Statut", "Commentaire",
	"Réalisé", "Taux d’atteinte", "Classe", "Explication", "Action corrective",
}

// Column positions in tableHeader, for the writers' number formats.
const (
	colNational = 6 + iota
	colReference
	colLocal
	colCnaf
	colGap
	colClass
	colStatus
	colComment
	colActual
	colRate
	colAchievement
	colExplanation
	colAction
)

// computed rounds a computed figure (a quote-part, a path, a gap) to six
// decimals, as `cpog gap --json` does, so that files do not carry
// floating-point noise; typed figures are written as they are.
func computed(v float64) float64 { return cpog.Round(v, 6) }

// decimalComma writes a number the way French Excel reads it from a CSV:
// no grouping, a decimal comma, every significant digit.
func decimalComma(v float64) string {
	if !isFinite(v) {
		return noFigure
	}
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// bandText writes a band reference ("43 % à 57 %"), which no single number
// can hold.
func bandText(r cpog.Reference, u cpog.Unit) string {
	return cpog.FormatCompact(r.Min, u) + " à " + cpog.FormatCompact(r.Max, u)
}

// statusText is the status as a table shows it: empty when nothing was
// typed yet.
func statusText(s cpog.Status) string {
	if s == cpog.StatusNone {
		return ""
	}
	return s.Label()
}

// achievementText is the bilan's verdict on an actual, empty without one.
func achievementText(a cpog.Achievement) string {
	if a.Class == cpog.SansRealise {
		return ""
	}
	return a.Class.Symbol() + " " + a.Class.Label()
}

// achievementRate is the taux d'atteinte as files write it, in percent
// with two decimals, as `cpog bilan --json` does.
func achievementRate(a cpog.Achievement) cpog.Opt {
	if !a.Valid {
		return cpog.None
	}
	return cpog.Some(cpog.Round(a.Rate, 2))
}

// classText is the verdict on a gap, empty when there is no gap.
func classText(g cpog.Gap) string {
	if !g.Valid {
		return ""
	}
	return g.Class.Symbol() + " " + g.Class.Label()
}
