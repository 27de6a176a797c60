package cpog

import "fmt"

// baselineSpan is how far before the period a baseline year may be: the
// years of the previous COG (2018-2022 for 2023-2027), whose figures a
// Caf may start its trajectories from.
const baselineSpan = 5

// CheckBaselineYear refuses, in French, a baseline year that is not one
// of the years before the referential's period: a trajectory starts from
// a level already measured, and a year such as -5 or 2 147 483 647 would
// make every path of the contract meaningless for good.
func CheckBaselineYear(r *Referential, y int) error {
	first := r.FirstYear()
	if y >= first-baselineSpan && y < first {
		return nil
	}
	return Errorf(EInvalid, fmt.Sprintf("année de référence %d invalide : une année avant la période de la COG, de %d à %d", y, first-baselineSpan, first-1))
}
