package cpog

import (
	"errors"
	"fmt"
)

// DefaultWeight is the weight given to a Caf chosen without one: about a
// hundred-and-first of the branch, to be corrected by the user.
const DefaultWeight = 1.0

// ValidateWeight checks a Caf's weight, its share of the branch in percent.
// A zero or negative weight would silently give zero volume references.
func ValidateWeight(w float64) error { return validateShare(w, "le poids de la Caf") }

func validateShare(w float64, what string) error {
	if !(w > 0) || w > 100 {
		return Errorf(EInvalid, fmt.Sprintf("%s doit être un pourcentage strictement positif et au plus 100 (reçu : %s)", what, quoteFigure(w, UnitPercent)))
	}
	return nil
}

// ParseWeight reads a Caf's weight in the branch as a user types it, in
// percent, with or without its mark: "2,1", "2,1 %", "0.2".
func ParseWeight(text string) (float64, error) {
	return parseShare(text, "poids", "le poids de la Caf")
}

// ParseShareKey reads an indicator's share key as ParseWeight reads the
// weight.
func ParseShareKey(text string) (float64, error) {
	return parseShare(text, "clé de répartition", "la clé de répartition")
}

func parseShare(text, name, what string) (float64, error) {
	v, err := ParseValue(text, UnitPercent)
	switch {
	case errors.Is(err, ErrEmpty):
		return 0, Errorf(EInvalid, name+" vide : indiquez une part de la Branche, en % (ex. 2,1)")
	case err != nil:
		return 0, Errorf(EInvalid, name+" : "+err.Error())
	}
	return v, validateShare(v, what)
}

// SetWeight is the change of the Caf's weight in the branch.
func SetWeight(w float64) (Change, error) {
	if err := ValidateWeight(w); err != nil {
		return Change{}, err
	}
	return Change{
		Actor: ActorCaf, Kind: "weight",
		Summary: fmt.Sprintf("poids de la Caf : %s %%", FormatNumber(w)),
		Edits:   []Edit{{Field: FieldWeight, Value: Some(w)}},
	}, nil
}
