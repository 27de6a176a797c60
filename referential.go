package cpog

import (
	"fmt"
	"sort"
	"strings"
)

// Referential is a COG: its axes, fiches and result indicators with their
// national targets. A revision number grows with each avenant.
type Referential struct {
	ID         string
	Title      string
	Revision   int
	Signed     string
	Years      []int
	Axes       []Axis
	Fiches     []Fiche
	Indicators []Indicator
	// Engagements are the fiches' tables of engagements, actions and
	// livrables, caisse side and État side, in the COG's order.
	Engagements     []Engagement
	EngagementNotes []EngagementNote
}

// Axis is one of the three parts of the COG.
type Axis struct {
	N     int
	Title string
}

// Fiche is a fiche thématique.
type Fiche struct {
	N     int
	Axis  int
	Title string
}

// Indicator is a result indicator of the COG. Its national targets are per
// year; an indicator with sub-indicators carries its targets on them instead.
type Indicator struct {
	N         int
	Code      string
	Aliases   []string
	Fiche     int
	Label     string
	Unit      Unit
	Direction Direction
	Mode      Mode
	Measure   Measure
	Notes     string
	Targets   map[int]NationalTarget
	Subs      []SubIndicator
}

// SubIndicator is one line of an indicator measured per channel (or per
// other breakdown), with its own key as printed ("a", "b", "c").
type SubIndicator struct {
	Key     string
	Label   string
	Targets map[int]NationalTarget
}

// Line is one negotiable line of an indicator: the indicator itself, or one
// of its sub-indicators. Most of the product works line by line.
type Line struct {
	Indicator *Indicator
	Sub       string // "" for the indicator itself
	Label     string
	Targets   map[int]NationalTarget
}

// Key identifies a line in maps and in the store.
func (l Line) Key() LineKey { return LineKey{Code: l.Indicator.Code, Sub: l.Sub} }

// LineKey identifies an indicator or one of its sub-indicators.
type LineKey struct {
	Code string
	Sub  string
}

// String writes the key as users type it: "COG-08-23" or "COG-08-23 a".
func (k LineKey) String() string {
	if k.Sub == "" {
		return k.Code
	}
	return k.Code + " " + k.Sub
}

// Lines returns the negotiable lines of the indicator: itself when it has no
// sub-indicator, otherwise one line per sub-indicator.
func (ind *Indicator) Lines() []Line {
	if len(ind.Subs) == 0 {
		return []Line{{Indicator: ind, Label: ind.Label, Targets: ind.Targets}}
	}
	out := make([]Line, 0, len(ind.Subs))
	for _, s := range ind.Subs {
		out = append(out, Line{Indicator: ind, Sub: s.Key, Label: s.Label, Targets: s.Targets})
	}
	return out
}

// Line returns the line of the indicator for a sub-indicator key ("" for the
// indicator itself).
func (ind *Indicator) Line(sub string) (Line, error) {
	for _, l := range ind.Lines() {
		if l.Sub == sub {
			return l, nil
		}
	}
	if sub == "" {
		keys := make([]string, 0, len(ind.Subs))
		for _, s := range ind.Subs {
			keys = append(keys, s.Key)
		}
		return Line{}, fmt.Errorf("l’indicateur %s se décline en sous-indicateurs : précisez lequel (%s)", ind.Code, strings.Join(keys, ", "))
	}
	return Line{}, fmt.Errorf("l’indicateur %s n’a pas de sous-indicateur %q", ind.Code, Cite(sub))
}

// ShortCode is the code without its "COG-" prefix, as people say it: "08-29".
func (ind *Indicator) ShortCode() string { return strings.TrimPrefix(ind.Code, "COG-") }

// Fiche returns the fiche numbered n.
func (r *Referential) Fiche(n int) (Fiche, bool) {
	for _, f := range r.Fiches {
		if f.N == n {
			return f, true
		}
	}
	return Fiche{}, false
}

// Axis returns the axis numbered n.
func (r *Referential) Axis(n int) (Axis, bool) {
	for _, a := range r.Axes {
		if a.N == n {
			return a, true
		}
	}
	return Axis{}, false
}

// AxisOf returns the axis number of an indicator, through its fiche.
func (r *Referential) AxisOf(ind *Indicator) int {
	f, _ := r.Fiche(ind.Fiche)
	return f.Axis
}

// IndicatorsOf returns the indicators of fiche n, in referential order.
func (r *Referential) IndicatorsOf(fiche int) []*Indicator {
	var out []*Indicator
	for i := range r.Indicators {
		if r.Indicators[i].Fiche == fiche {
			out = append(out, &r.Indicators[i])
		}
	}
	return out
}

// HasYear reports whether y is one of the referential's years.
func (r *Referential) HasYear(y int) bool {
	for _, v := range r.Years {
		if v == y {
			return true
		}
	}
	return false
}

// FirstYear and LastYear bound the referential's period.
func (r *Referential) FirstYear() int { return r.Years[0] }

// LastYear is the final year of the period, the end of every trajectory.
func (r *Referential) LastYear() int { return r.Years[len(r.Years)-1] }

// Lookup finds an indicator by any of the ways a user names it: its code
// ("COG-08-29"), an alias from Annexe 4, the code without prefix ("08-29"),
// or its number ("29"), case-insensitively.
func (r *Referential) Lookup(code string) (*Indicator, error) {
	raw := strings.ToUpper(strings.TrimSpace(code))
	q := raw
	if q == "" {
		return nil, Errorf(EInvalid, "code d’indicateur vide")
	}
	if !strings.HasPrefix(q, "COG-") {
		if strings.Count(q, "-") == 1 {
			q = "COG-" + q
		}
	}
	for i := range r.Indicators {
		ind := &r.Indicators[i]
		if ind.Code == q || fmt.Sprint(ind.N) == q {
			return ind, nil
		}
	}
	for i := range r.Indicators {
		for _, a := range r.Indicators[i].Aliases {
			if a := strings.ToUpper(a); a == q || a == raw {
				return &r.Indicators[i], nil
			}
		}
	}
	return nil, &Error{Code: ENotFound, Message: fmt.Sprintf("indicateur inconnu : %q (exemples de codes : COG-08-29, 08-29)", Cite(code))}
}

// checkNational applies to a national target the bounds of the Caf's
// figures: a target outside them is a transcription error.
func checkNational(ind *Indicator, t NationalTarget) error {
	if t.Kind == TargetBand {
		if err := figureRange(ind, t.Min); err != nil {
			return err
		}
		return figureRange(ind, t.Max)
	}
	return figureRange(ind, t.Value)
}

// Validate checks the referential's internal consistency: every indicator in
// an existing fiche, codes unique, targets only in the period, units and
// directions known. The seed calls it before anything is installed.
func (r *Referential) Validate() error {
	if r.ID == "" || len(r.Years) == 0 {
		return fmt.Errorf("référentiel sans identifiant ou sans années")
	}
	if !sort.IntsAreSorted(r.Years) {
		return fmt.Errorf("référentiel %s : années non triées", r.ID)
	}
	for _, f := range r.Fiches {
		if _, ok := r.Axis(f.Axis); !ok {
			return fmt.Errorf("fiche %d : axe %d inconnu", f.N, f.Axis)
		}
	}
	seen := map[string]bool{}
	for i := range r.Indicators {
		ind := &r.Indicators[i]
		if seen[ind.Code] {
			return fmt.Errorf("indicateur %s en double", ind.Code)
		}
		seen[ind.Code] = true
		if _, ok := r.Fiche(ind.Fiche); !ok {
			return fmt.Errorf("%s : fiche %d inconnue", ind.Code, ind.Fiche)
		}
		if !ind.Unit.Valid() || !ind.Direction.Valid() || !ind.Mode.Valid() || !ind.Measure.Valid() {
			return fmt.Errorf("%s : unité, sens, mode ou mesure inconnu", ind.Code)
		}
		if ind.Measure.Shared() && !ind.Unit.IsVolume() {
			return fmt.Errorf("%s : un volume partagé se compte en nombre, heures ou euros", ind.Code)
		}
		if !ModeFits(ind, ind.Mode) {
			return fmt.Errorf("%s : le mode %s ne convient pas à l’indicateur", ind.Code, ind.Mode)
		}
		if len(ind.Subs) > 0 && len(ind.Targets) > 0 {
			return fmt.Errorf("%s : cibles à la fois sur l’indicateur et sur ses sous-indicateurs", ind.Code)
		}
		for _, l := range ind.Lines() {
			for y, t := range l.Targets {
				if !r.HasYear(y) {
					return fmt.Errorf("%s : cible pour %d, hors de la période", l.Key(), y)
				}
				if err := checkNational(ind, t); err != nil {
					return fmt.Errorf("%s %d : cible nationale %q : %w", l.Key(), y, t.Raw, err)
				}
			}
		}
	}
	for i := range r.Indicators {
		for _, a := range r.Indicators[i].Aliases {
			if seen[a] {
				return fmt.Errorf("%s : l’alias %s est déjà le code d’un autre indicateur", r.Indicators[i].Code, a)
			}
		}
	}
	return r.validateEngagements()
}
