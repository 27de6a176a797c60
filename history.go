package cpog

import "time"

// Event is one field changed by one step of the history, with the step's
// metadata. The history is append-only: an undo is a later step whose
// Undoes names the step it compensates.
type Event struct {
	ChangeID int64
	At       time.Time
	Actor    Actor
	Kind     string
	Summary  string
	Comment  string
	Undoes   int64  // 0 when the step is not an undo
	Source   Source // where an imported step came from
	Key      TargetKey
	Item     ItemKey // for a field of the plan d'actions
	Field    Field
	Old, New Opt
	OldText  string
	NewText  string
}

// Describe writes the event for the history panel: "2025 proposition Caf :
// — → 14".
func (e Event) Describe(unit Unit) string {
	old, nw := e.OldText, e.NewText
	if !e.Field.IsText() {
		old, nw = formatOpt(e.Old, unit), formatOpt(e.New, unit)
	}
	if e.Field == FieldStatus {
		old, nw = Status(old).Label(), Status(nw).Label()
	}
	if old == "" {
		old = "—"
	}
	if nw == "" {
		nw = "—"
	}
	return e.Field.Label() + " : " + old + " → " + nw
}

func formatOpt(o Opt, unit Unit) string {
	if !o.OK {
		return "—"
	}
	return FormatValue(o.V, unit)
}

// KindLabel is the French name of a kind of step of the history.
func KindLabel(kind string) string {
	switch kind {
	case "set":
		return "saisie"
	case "propose":
		return "proposition"
	case "agree":
		return "accord Caf–Cnaf"
	case "mode":
		return "mode"
	case "import":
		return "import"
	case "undo":
		return "annulation"
	case "actual":
		return "réalisé"
	case "baseline":
		return "valeur de départ"
	case "weight":
		return "poids"
	case "share_key":
		return "clé de répartition"
	case "comment":
		return "commentaire"
	case "explanation":
		return "explication de l’écart"
	case "action":
		return "action corrective"
	case "follow_up":
		return "suivi du plan d’actions"
	case "local_action":
		return "action locale"
	case "contract":
		return "création du contrat"
	}
	return kind
}
