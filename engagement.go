package cpog

import (
	"fmt"
	"strings"
)

// The other half of a CPOG: each fiche's tables « Actions à conduire par
// la caisse (ou par l'État) et échéances » list engagements (n), actions
// (n.m) and livrables (n.m.k). They belong to the referential like the
// indicators; a Caf follows them in its plan d'actions.

// Side is who carries an engagement: the caisse (the branch, hence each
// Caf's plan d'actions) or the État.
type Side string

// Sides of the fiches' tables.
const (
	SideCaisse Side = "caisse"
	SideEtat   Side = "etat"
)

// Label is the French name of the side, as the tables title it.
func (s Side) Label() string {
	if s == SideEtat {
		return "État"
	}
	return "caisse"
}

// Engagement is one numbered engagement of a fiche's table.
type Engagement struct {
	Fiche int
	Side  Side
	N     string // "1"
	// Printed is the number as the COG's text prints it, when cpog
	// numbers it otherwise (a misprint, a duplicate); empty when the same.
	Printed string
	Label   string
	Actions []Action
}

// Action is an action n.m of an engagement.
type Action struct {
	N         string // "1.2"
	Label     string
	Livrables []Livrable
}

// Livrable is a deliverable n.m.k of an action.
type Livrable struct {
	N       string // "1.2.3"
	Printed string
	Label   string
	// EachCaf is set when the livrable's own wording puts the work on
	// every Caf ("dans chaque Caf", "100 % des Caf…").
	EachCaf bool
}

// EngagementNote is a remark of the transcription of a fiche's tables: a
// number printed twice, a cell that may belong to the row above.
type EngagementNote struct {
	Fiche int
	Text  string
}

// EngagementsOf returns the engagements of fiche n on one side, in the
// COG's order.
func (r *Referential) EngagementsOf(fiche int, side Side) []*Engagement {
	var out []*Engagement
	for i := range r.Engagements {
		if e := &r.Engagements[i]; e.Fiche == fiche && e.Side == side {
			out = append(out, e)
		}
	}
	return out
}

// validateEngagements checks the numbering of the tables: each engagement
// of a fiche and side once, every action numbered after its engagement,
// every livrable after its action, labels present.
func (r *Referential) validateEngagements() error {
	seen := map[string]bool{}
	for _, e := range r.Engagements {
		if _, ok := r.Fiche(e.Fiche); !ok {
			return fmt.Errorf("engagement %s : fiche %d inconnue", e.N, e.Fiche)
		}
		if e.Side != SideCaisse && e.Side != SideEtat {
			return fmt.Errorf("fiche %d engagement %s : côté %q inconnu", e.Fiche, e.N, e.Side)
		}
		where := fmt.Sprintf("fiche %d (%s)", e.Fiche, e.Side.Label())
		if err := checkNumber(seen, where, e.N, "", e.Label); err != nil {
			return err
		}
		for _, a := range e.Actions {
			if err := checkNumber(seen, where, a.N, e.N, a.Label); err != nil {
				return err
			}
			for _, l := range a.Livrables {
				if err := checkNumber(seen, where, l.N, a.N, l.Label); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// checkNumber checks one number of a table: unique in its fiche and side,
// and one part longer than its parent's, which it starts with.
func checkNumber(seen map[string]bool, where, n, parent, label string) error {
	key := where + " " + n
	if seen[key] {
		return fmt.Errorf("%s : numéro %s en double", where, n)
	}
	if strings.TrimSpace(label) == "" {
		return fmt.Errorf("%s : %s sans libellé", where, n)
	}
	own := n
	if parent != "" {
		var ok bool
		if own, ok = strings.CutPrefix(n, parent+"."); !ok {
			return fmt.Errorf("%s : %s ne se range pas sous %s", where, n, parent)
		}
	}
	if own == "" || strings.Contains(own, ".") {
		return fmt.Errorf("%s : numéro %s mal formé", where, n)
	}
	seen[key] = true
	return nil
}
