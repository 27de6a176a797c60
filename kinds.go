package cpog

import (
	"fmt"
)

// Unit is what an indicator counts. It decides how a value is typed, shown
// and compared (points for rates, days for delays, relative gaps for volumes).
type Unit string

// Units of measure an indicator can have.
const (
	UnitPercent Unit = "percent"
	UnitCount   Unit = "count"
	UnitDays    Unit = "days"
	UnitEuros   Unit = "euros"
	UnitHours   Unit = "hours"
	UnitRatio   Unit = "ratio"
	UnitOther   Unit = "other"
)

// Units lists every unit, in a stable order.
func Units() []Unit {
	return []Unit{UnitPercent, UnitCount, UnitDays, UnitEuros, UnitHours, UnitRatio, UnitOther}
}

// Valid reports whether u is one of the known units.
func (u Unit) Valid() bool {
	for _, k := range Units() {
		if u == k {
			return true
		}
	}
	return false
}

// Label is the short French name of the unit, as shown in tables.
func (u Unit) Label() string {
	switch u {
	case UnitPercent:
		return "%"
	case UnitCount:
		return "nombre"
	case UnitDays:
		return "jours"
	case UnitEuros:
		return "euros"
	case UnitHours:
		return "heures"
	case UnitRatio:
		return "ratio"
	default:
		return "autre"
	}
}

// IsVolume reports whether targets in this unit are volumes that a Caf
// carries in proportion to its weight, and whose gaps are judged relative to
// the reference rather than in absolute points.
func (u Unit) IsVolume() bool {
	switch u {
	case UnitCount, UnitEuros, UnitHours:
		return true
	}
	return false
}

// Direction says which way an indicator improves.
type Direction string

// Directions an indicator can have.
const (
	HigherIsBetter Direction = "higher"
	LowerIsBetter  Direction = "lower"
	Band           Direction = "band"
)

// Valid reports whether d is a known direction.
func (d Direction) Valid() bool {
	return d == HigherIsBetter || d == LowerIsBetter || d == Band
}

// Label is the French description of the direction.
func (d Direction) Label() string {
	switch d {
	case HigherIsBetter:
		return "plus haut est mieux"
	case LowerIsBetter:
		return "plus bas est mieux"
	case Band:
		return "dans la fourchette"
	}
	return string(d)
}

// Symbol is a one-character hint of the direction for narrow columns.
func (d Direction) Symbol() string {
	switch d {
	case HigherIsBetter:
		return "↑"
	case LowerIsBetter:
		return "↓"
	case Band:
		return "↔"
	}
	return "?"
}

// Mode is the mode de déclinaison: how a national target becomes the
// reference this Caf is compared against.
type Mode string

// Modes of declination, see DESIGN.md "Gap semantics".
const (
	ModeSame     Mode = "same"
	ModeShare    Mode = "share"
	ModePath     Mode = "path"
	ModeFree     Mode = "free"
	ModeNational Mode = "national"
)

// Modes lists every mode in the order the interface cycles through them.
func Modes() []Mode {
	return []Mode{ModeSame, ModeShare, ModePath, ModeFree, ModeNational}
}

// Valid reports whether m is a known mode.
func (m Mode) Valid() bool {
	for _, k := range Modes() {
		if m == k {
			return true
		}
	}
	return false
}

// Label is the French name of the mode, as the user reads it everywhere.
func (m Mode) Label() string {
	switch m {
	case ModeSame:
		return "cible nationale"
	case ModeShare:
		return "quote-part"
	case ModePath:
		return "trajectoire"
	case ModeFree:
		return "libre"
	case ModeNational:
		return "pour information"
	}
	return string(m)
}

// Describe says in a line how the mode makes the Caf's reference.
func (m Mode) Describe() string {
	switch m {
	case ModeSame:
		return "la cible nationale elle-même (taux, délais, ratios)"
	case ModeShare:
		return "la part de la Caf dans le volume national, selon sa clé de répartition"
	case ModePath:
		return "une ligne droite de la valeur de départ à la cible finale, sans jamais prévoir de recul"
	case ModeFree:
		return "pas de référence : la cible de la Caf n’est pas comparée"
	case ModeNational:
		return "indicateur de la Branche, montré pour information et non négocié"
	}
	return ""
}

// ParseMode reads a mode from its French name as the user reads it
// ("quote-part", "trajectoire", "cible nationale", "libre", "pour
// information") or from its code name in files ("share", "path"…),
// case, accents, spaces and hyphens ignored.
func ParseMode(s string) (Mode, error) {
	k := key(s)
	for _, m := range Modes() {
		if k == string(m) {
			return m, nil
		}
	}
	for _, m := range Modes() {
		if k == key(m.Label()) {
			return m, nil
		}
	}
	switch k {
	case "information", "national", "nationale":
		return ModeNational, nil
	case "quotepart":
		return ModeShare, nil
	}
	return "", Errorf(EInvalid, fmt.Sprintf("mode de déclinaison inconnu : %s (attendu : cible-nationale, quote-part, trajectoire, libre ou pour-information)", quoteText(s)))
}

// Status is where a local target stands in the negotiation.
type Status string

// Statuses of a local target, from first draft to agreement.
const (
	StatusNone      Status = ""
	StatusDraft     Status = "draft"
	StatusProposed  Status = "proposed"
	StatusCountered Status = "countered"
	StatusAgreed    Status = "agreed"
)

// Valid reports whether s is a known status (the empty status means "nothing
// typed yet").
func (s Status) Valid() bool {
	switch s {
	case StatusNone, StatusDraft, StatusProposed, StatusCountered, StatusAgreed:
		return true
	}
	return false
}

// Label is the French name of the status.
func (s Status) Label() string {
	switch s {
	case StatusDraft:
		return "brouillon"
	case StatusProposed:
		return "proposé"
	case StatusCountered:
		return "contre-proposé"
	case StatusAgreed:
		return "validé"
	}
	return "—"
}

// rank orders statuses so that an indicator's status is its least advanced
// year's.
func (s Status) rank() int {
	switch s {
	case StatusDraft:
		return 1
	case StatusProposed:
		return 2
	case StatusCountered:
		return 3
	case StatusAgreed:
		return 4
	}
	return 0
}

// Actor is who made a change: the Caf or the Cnaf.
type Actor string

// Actors of the negotiation.
const (
	ActorCaf  Actor = "caf"
	ActorCnaf Actor = "cnaf"
	// ActorBoth is the two parties together: an agreement reached in a
	// dialogue de gestion, which neither side records alone.
	ActorBoth Actor = "caf_cnaf"
)

// Label is how the history names the actor.
func (a Actor) Label() string {
	switch a {
	case ActorCnaf:
		return "Cnaf"
	case ActorBoth:
		return "accord Caf–Cnaf"
	}
	return "Caf"
}

// ParseActor reads an actor name.
func ParseActor(s string) (Actor, error) {
	switch Actor(s) {
	case ActorCaf, ActorCnaf:
		return Actor(s), nil
	}
	return "", fmt.Errorf("acteur inconnu : %q (attendu : caf ou cnaf)", Cite(s))
}

// Short is the status in at most ten cells, for table columns.
func (s Status) Short() string {
	if s == StatusCountered {
		return "contre-pr."
	}
	return s.Label()
}
