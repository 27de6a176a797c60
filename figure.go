package cpog

import (
	"errors"
	"fmt"
	"math"
)

// MaxFigure bounds every figure in absolute value: the COG's largest is
// 480 M €, and beyond a thousand billion a number is a typing accident
// whose gaps and percentages would overflow.
const MaxFigure = 1e12

// MaxDelay is the longest delay a Caf may state, in days.
const MaxDelay = 365

// ParseFigure reads a figure typed for a line and a year (a proposal, a
// counter-proposal, an actual; for a baseline, the baseline year) and
// checks it is plausible for that line. Errors are in French.
func ParseFigure(l Line, year int, text string) (float64, error) {
	v, err := ParseValue(text, l.Indicator.Unit)
	if err != nil {
		return 0, err
	}
	if err := CheckFigure(l, year, v); err != nil {
		return 0, err
	}
	return v, nil
}

// CheckFigure refuses, in French, a figure the line cannot take in a year:
// a proportion outside 0–100 %, a change outside ±100 %, a delay outside
// 0–365 days, a negative volume (a net change or a rise excepted), a
// unit cost or ratio that is not positive, and for a volume the branch
// shares out, more than the whole branch's figure that year. Typed values,
// command-line values and every import go through it.
func CheckFigure(l Line, year int, v float64) error {
	ind := l.Indicator
	err := figureRange(ind, v)
	if err == nil && ind.Measure.Shared() {
		if nt, ok := l.Targets[year]; ok && nt.Kind != TargetBand && nt.Value > 0 && v > nt.Value {
			err = fmt.Errorf("plus que la cible nationale %d (%s) : une Caf ne peut pas porter plus que toute la Branche", year, nt.Raw)
		}
	}
	if err != nil {
		return Errorf(EInvalid, fmt.Sprintf("%s : %s", quoteFigure(v, ind.Unit), err))
	}
	return nil
}

func figureRange(ind *Indicator, v float64) error {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > MaxFigure:
		return errors.New("nombre hors limites")
	case ind.Unit == UnitPercent && ind.IsChange():
		if v < -100 || v > 100 {
			return errors.New("une évolution doit être comprise entre -100 % et 100 %")
		}
	case ind.Unit == UnitPercent:
		if v < 0 || v > 100 {
			return errors.New("un taux doit être compris entre 0 % et 100 %")
		}
	case ind.Unit == UnitDays:
		if v < 0 || v > MaxDelay {
			return fmt.Errorf("un délai doit être compris entre 0 et %d jours", MaxDelay)
		}
	case ind.Measure.Shared():
		if v < 0 && ind.Measure != MeasureNetChange && !ind.Increments() {
			return fmt.Errorf("un %s ne peut pas être négatif", volumeNoun(ind.Unit))
		}
	case ind.Unit == UnitRatio || ind.Unit.IsVolume():
		// levels in a volume unit are unit costs
		if v <= 0 {
			return fmt.Errorf("un %s doit être strictement positif", levelNoun(ind.Unit))
		}
	}
	return nil
}

func volumeNoun(u Unit) string {
	switch u {
	case UnitHours:
		return "nombre d’heures"
	case UnitEuros:
		return "montant"
	}
	return "nombre"
}

func levelNoun(u Unit) string {
	if u == UnitRatio {
		return "ratio"
	}
	return "coût unitaire"
}

// quoteFigure cites a figure in a message, short even when it is absurd.
func quoteFigure(v float64, u Unit) string {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > MaxFigure {
		return "le nombre"
	}
	return FormatValue(v, u)
}

// FarFromReference reports whether a figure of a shared volume is more
// than ten times its reference or less than a tenth of it: most likely a
// national figure typed for a local one, or a slip of three zeros. The
// interface asks for a confirmation, the command line warns.
func FarFromReference(ind *Indicator, ref Reference, v float64) bool {
	if !ind.Measure.Shared() || !ref.Valid || ref.Band || ref.Value <= 0 || v <= 0 {
		return false
	}
	return v > 10*ref.Value || v < ref.Value/10
}
