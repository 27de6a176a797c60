package cpog

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The Caf's plan d'actions: its follow-up of the COG's livrables (caisse
// side) and of the État's engagements (for information), and the actions
// it adds itself under an engagement (actions locales).

// ItemKey identifies an item of a fiche's tables, or a local action: the
// fiche, the side and the number ("3.1.1"; "2.L1" for the first local
// action under engagement 2).
type ItemKey struct {
	Fiche int
	Side  Side
	N     string
}

// String writes the key as messages cite it: "fiche 8 · 3.1.1", "fiche 10
// · État 1".
func (k ItemKey) String() string {
	if k.Side == SideEtat {
		return fmt.Sprintf("fiche %d · État %s", k.Fiche, k.N)
	}
	return fmt.Sprintf("fiche %d · %s", k.Fiche, k.N)
}

// CompareItemKeys orders items as the COG prints them: by fiche, the
// caisse's side before the État's, then by number part by part ("2.10"
// after "2.9"), a local action ("2.L1") after its engagement's actions.
func CompareItemKeys(a, b ItemKey) int {
	if a.Fiche != b.Fiche {
		return a.Fiche - b.Fiche
	}
	if a.Side != b.Side {
		if a.Side == SideCaisse {
			return -1
		}
		return 1
	}
	pa, pb := strings.Split(a.N, "."), strings.Split(b.N, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if c := comparePart(pa[i], pb[i]); c != 0 {
			return c
		}
	}
	return len(pa) - len(pb)
}

// comparePart compares one part of a number: numbers as numbers, before
// a local action's "L1".
func comparePart(a, b string) int {
	na, errA := strconv.Atoi(a)
	nb, errB := strconv.Atoi(b)
	switch {
	case errA == nil && errB == nil:
		return na - nb
	case errA == nil:
		return -1
	case errB == nil:
		return 1
	}
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// IsZero reports whether the key names nothing.
func (k ItemKey) IsZero() bool { return k.Fiche == 0 }

// localMark separates an engagement's number from a local action's
// sequence: "2.L1".
const localMark = ".L"

// IsLocal reports whether the key is a local action's.
func (k ItemKey) IsLocal() bool { return strings.Contains(k.N, localMark) }

// Action is the number of the action a livrable belongs to ("3.1" of
// "3.1.1"), "" for engagements, actions and local actions.
func (k ItemKey) Action() string {
	if k.IsLocal() || strings.Count(k.N, ".") != 2 {
		return ""
	}
	return k.N[:strings.LastIndex(k.N, ".")]
}

// Engagement is the number of the engagement the item belongs to.
func (k ItemKey) Engagement() string {
	n, _, _ := strings.Cut(k.N, ".")
	return n
}

// FollowStatus is where an item of the plan d'actions stands.
type FollowStatus string

// Statuses of the follow-up.
const (
	FollowNone  FollowStatus = ""
	FollowTodo  FollowStatus = "todo"
	FollowDoing FollowStatus = "doing"
	FollowDone  FollowStatus = "done"
	FollowNA    FollowStatus = "na"
)

// FollowStatuses lists the statuses a user chooses from.
func FollowStatuses() []FollowStatus {
	return []FollowStatus{FollowTodo, FollowDoing, FollowDone, FollowNA}
}

// Label is the French name of the status.
func (s FollowStatus) Label() string {
	switch s {
	case FollowTodo:
		return "à faire"
	case FollowDoing:
		return "en cours"
	case FollowDone:
		return "réalisé"
	case FollowNA:
		return "sans objet"
	}
	return "non suivi"
}

// Symbol carries the status without colour.
func (s FollowStatus) Symbol() string {
	switch s {
	case FollowTodo:
		return "○"
	case FollowDoing:
		return "◐"
	case FollowDone:
		return "●"
	case FollowNA:
		return "–"
	}
	return "·"
}

// ParseFollowStatus reads a status as typed: its French name ("en cours",
// "réalisé"…) or its code ("doing", "done"…), accents and case ignored.
func ParseFollowStatus(text string) (FollowStatus, error) {
	f := key(text)
	for _, s := range FollowStatuses() {
		if f == string(s) {
			return s, nil
		}
	}
	for _, s := range FollowStatuses() {
		if f == key(s.Label()) {
			return s, nil
		}
	}
	switch f {
	case "afaire", "todo":
		return FollowTodo, nil
	case "fait", "termine":
		return FollowDone, nil
	}
	return "", Errorf(EInvalid, fmt.Sprintf("statut inconnu : %s (attendu : à faire, en cours, réalisé ou sans objet)", quoteText(text)))
}

// FollowUp is the Caf's follow-up of an item. For a local action, Label
// is the action's own wording (empty: the action was removed).
type FollowUp struct {
	Label    string
	Status   FollowStatus
	Due      string // the month it is due, "2026-06"; "" when not set
	Pilot    string // a name or a service
	Comment  string
	Evidence string // a file path, a URL or a text: where the proof is
}

// Late reports whether the item is due in a month gone by and is neither
// done nor without object.
func (f FollowUp) Late(today time.Time) bool {
	if f.Due == "" || f.Status == FollowDone || f.Status == FollowNA {
		return false
	}
	due, err := time.Parse("2006-01", f.Due)
	if err != nil {
		return false
	}
	return today.After(due.AddDate(0, 1, 0).Add(-time.Nanosecond))
}

// ParseDue reads a due month as typed: "2026-06", "06/2026", "6/2026";
// empty clears it.
func ParseDue(text string) (string, error) {
	s := strings.TrimSpace(text)
	if s == "" {
		return "", nil
	}
	for _, layout := range []string{"2006-01", "01/2006", "1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 2000 || t.Year() > 2100 {
				break
			}
			return t.Format("2006-01"), nil
		}
	}
	return "", Errorf(EInvalid, fmt.Sprintf("échéance illisible : %s (attendu : MM/AAAA, ex. 06/2026)", quoteText(text)))
}

// FormatDue writes a due month for a table: "06/2026".
func FormatDue(due string) string {
	t, err := time.Parse("2006-01", due)
	if err != nil {
		return due
	}
	return t.Format("01/2006")
}

// Item is one row of a fiche's plan d'actions, as the interface and the
// documents list it: an engagement, an action, a livrable or a local
// action, with its wording and its follow-up.
type Item struct {
	Key     ItemKey
	Level   int // 0 engagement, 1 action or local action, 2 livrable
	Label   string
	EachCaf bool
	Local   bool
	// Followed is set on what the Caf follows: livrables, local actions,
	// and the État's engagements (for information).
	Followed bool
	FollowUp FollowUp
}

// PlanItems lists a fiche's plan d'actions on one side, in the COG's
// order: each engagement, its actions and their livrables, then the
// Caf's local actions under the engagement.
func PlanItems(r *Referential, c *Contract, fiche int, side Side) []Item {
	var out []Item
	locals := c.LocalActionsIn(fiche, side)
	for _, e := range r.EngagementsOf(fiche, side) {
		ek := ItemKey{Fiche: fiche, Side: side, N: e.N}
		out = append(out, Item{Key: ek, Level: 0, Label: e.Label, Followed: side == SideEtat, FollowUp: c.FollowUps[ek]})
		for _, a := range e.Actions {
			out = append(out, Item{Key: ItemKey{Fiche: fiche, Side: side, N: a.N}, Level: 1, Label: a.Label})
			for _, l := range a.Livrables {
				lk := ItemKey{Fiche: fiche, Side: side, N: l.N}
				out = append(out, Item{Key: lk, Level: 2, Label: l.Label, EachCaf: l.EachCaf, Followed: true, FollowUp: c.FollowUps[lk]})
			}
		}
		for _, lk := range locals[e.N] {
			f := c.FollowUps[lk]
			out = append(out, Item{Key: lk, Level: 1, Label: f.Label, Local: true, Followed: true, FollowUp: f})
		}
	}
	return out
}

// LocalActionsIn lists the local actions of a fiche's side by the number of
// their engagement, each list in the order they were added: one pass over
// the follow-ups for a whole fiche.
func (c *Contract) LocalActionsIn(fiche int, side Side) map[string][]ItemKey {
	out := map[string][]ItemKey{}
	for k, f := range c.FollowUps {
		if k.Fiche != fiche || k.Side != side || f.Label == "" {
			continue
		}
		if n, _, ok := strings.Cut(k.N, localMark); ok {
			out[n] = append(out[n], k)
		}
	}
	seq := func(k ItemKey) int {
		_, s, _ := strings.Cut(k.N, localMark)
		n, _ := strconv.Atoi(s)
		return n
	}
	for _, keys := range out {
		slices.SortFunc(keys, func(a, b ItemKey) int { return seq(a) - seq(b) })
	}
	return out
}

// PlanTally counts the followed items of a list by status, and those late.
type PlanTally struct {
	Done, Doing, Todo, NA, None, Late int
}

// Add sums two tallies.
func (t PlanTally) Add(o PlanTally) PlanTally {
	return PlanTally{Done: t.Done + o.Done, Doing: t.Doing + o.Doing, Todo: t.Todo + o.Todo, NA: t.NA + o.NA, None: t.None + o.None, Late: t.Late + o.Late}
}

// Total is the number of items tallied.
func (t PlanTally) Total() int { return t.Done + t.Doing + t.Todo + t.NA + t.None }

// TallyPlan counts a fiche's livrables and local actions (the caisse side:
// what the Caf carries) by status, and those late on the day.
func TallyPlan(r *Referential, c *Contract, fiche int, today time.Time) PlanTally {
	var t PlanTally
	for _, it := range PlanItems(r, c, fiche, SideCaisse) {
		if !it.Followed {
			continue
		}
		switch it.FollowUp.Status {
		case FollowDone:
			t.Done++
		case FollowDoing:
			t.Doing++
		case FollowTodo:
			t.Todo++
		case FollowNA:
			t.NA++
		default:
			t.None++
		}
		if it.FollowUp.Late(today) {
			t.Late++
		}
	}
	return t
}
