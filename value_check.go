package cpog

import (
	"fmt"
	"math"
)

// CheckValue applies to a number that arrives already parsed (a JSON number,
// a numeric spreadsheet cell) the checks ParseValue applies to typed text:
// finite, and in the range its unit allows. The message is in French.
func CheckValue(v float64, unit Unit) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("nombre hors limites")
	}
	if err := checkRange(v, unit); err != nil {
		return fmt.Errorf("%s : %w", FormatValue(v, unit), err)
	}
	return nil
}
