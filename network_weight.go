package cpog

import "fmt"

// networkWeightSlack absorbs the rounding of weights given to two
// decimals: a hundred and one of them may add up to a little over 100.
const networkWeightSlack = 0.5

// CheckNetworkWeight flags a network whose members' weights add up to more
// than the whole branch: a weight typed in per mille, or the same Caf
// counted twice. Every aggregate weighted by them would be wrong.
func CheckNetworkWeight(total float64) error {
	if total > 100+networkWeightSlack {
		return Errorf(EInvalid, fmt.Sprintf("les poids des Caf du réseau font %s %% de la Branche, plus que 100 %%", FormatNumber(Round(total, 2))))
	}
	return nil
}
