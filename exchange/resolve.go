package exchange

import (
	"fmt"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// resolveLine finds the line a file names by an indicator code (in any form
// Referential.Lookup accepts, or "COG-08-23 a" with its sub-indicator) and
// a sub-indicator key. subWhere says where the user gives the key, for the
// message when it is missing.
func resolveLine(ref *cpog.Referential, code, sub, subWhere string) (cpog.Line, error) {
	code = strings.TrimSpace(code)
	sub = strings.ToLower(strings.TrimSpace(sub))
	if code == "" {
		return cpog.Line{}, fmt.Errorf("code d’indicateur manquant")
	}
	ind, err := lookup(ref, code)
	if err != nil {
		head, tail, ok := strings.Cut(code, " ")
		if !ok || sub != "" {
			return cpog.Line{}, fmt.Errorf("indicateur inconnu : « %s » (exemples de codes : COG-08-29, 08-29)", cpog.Cite(code))
		}
		if ind, err = lookup(ref, head); err != nil {
			return cpog.Line{}, fmt.Errorf("indicateur inconnu : « %s » (exemples de codes : COG-08-29, 08-29)", cpog.Cite(code))
		}
		sub = strings.ToLower(strings.TrimSpace(tail))
	}
	if sub == "" && len(ind.Subs) > 0 {
		keys := make([]string, len(ind.Subs))
		for i, s := range ind.Subs {
			keys[i] = s.Key
		}
		return cpog.Line{}, fmt.Errorf("code ambigu : l’indicateur %s se décline en sous-indicateurs (%s), précisez lequel %s",
			ind.Code, strings.Join(keys, ", "), subWhere)
	}
	l, err := ind.Line(sub)
	if err != nil {
		return cpog.Line{}, err
	}
	return l, nil
}

// lookup is Referential.Lookup with a fast path for the canonical code,
// which is what files written by cpog hold, one lookup per row.
func lookup(ref *cpog.Referential, code string) (*cpog.Indicator, error) {
	for i := range ref.Indicators {
		if ref.Indicators[i].Code == code {
			return &ref.Indicators[i], nil
		}
	}
	return ref.Lookup(code)
}

// checkYear refuses a year outside the referential's period.
func checkYear(ref *cpog.Referential, y int) error {
	if !ref.HasYear(y) {
		return fmt.Errorf("année %d hors de la période du référentiel (%d à %d)", y, ref.FirstYear(), ref.LastYear())
	}
	return nil
}

// seenKeys detects a line and year given twice.
type seenKeys map[cpog.TargetKey]string

// dup records where k was met and returns where it was met before, if it was.
func (s seenKeys) dup(k cpog.TargetKey, where string) (string, bool) {
	if prev, ok := s[k]; ok {
		return prev, true
	}
	s[k] = where
	return "", false
}

func keyText(k cpog.TargetKey) string {
	if k.Year == 0 {
		return k.LineKey.String()
	}
	return fmt.Sprintf("%s %d", k.LineKey, k.Year)
}
