package cpog

import (
	"fmt"
	"strings"
	"time"
)

// Field names what an edit changes. Target fields are per line and year;
// mode is per indicator; baseline per line; weight per contract.
type Field string

// Fields an edit can change.
const (
	FieldProposed Field = "proposed"
	FieldCounter  Field = "counter"
	FieldAgreed   Field = "agreed"
	FieldStatus   Field = "status"
	FieldComment  Field = "comment"
	FieldActual   Field = "actual"
	FieldBaseline Field = "baseline"
	FieldMode     Field = "mode"
	FieldWeight   Field = "weight"
	// FieldAgreedOn is the date of the dialogue de gestion where a target
	// was agreed, "2026-12-03".
	FieldAgreedOn Field = "agreed_on"
	// FieldShareKey is an indicator's own share key, in percent (empty:
	// the Caf's weight).
	FieldShareKey Field = "share_key"
	// FieldExplanation explains, in the bilan annuel, a gap between an
	// actual and its target; FieldAction states the corrective action.
	FieldExplanation Field = "explanation"
	FieldAction      Field = "action"
	// The follow-up of an item of the plan d'actions (Edit.Item): its
	// wording (local actions only; empty removes the action), status, due
	// month, pilot, comment and evidence.
	FieldItemLabel    Field = "item_label"
	FieldItemStatus   Field = "item_status"
	FieldItemDue      Field = "item_due"
	FieldItemPilot    Field = "item_pilot"
	FieldItemComment  Field = "item_comment"
	FieldItemEvidence Field = "item_evidence"
)

// Label is the French name of the field in the history.
func (f Field) Label() string {
	switch f {
	case FieldProposed:
		return "proposition Caf"
	case FieldCounter:
		return "position Cnaf"
	case FieldAgreed:
		return "valeur validée"
	case FieldStatus:
		return "statut"
	case FieldComment:
		return "commentaire"
	case FieldActual:
		return "réalisé"
	case FieldBaseline:
		return "valeur de référence"
	case FieldMode:
		return "mode de déclinaison"
	case FieldWeight:
		return "poids"
	case FieldAgreedOn:
		return "date de l’accord"
	case FieldShareKey:
		return "clé de répartition"
	case FieldExplanation:
		return "explication de l’écart"
	case FieldAction:
		return "action corrective"
	case FieldItemLabel:
		return "libellé"
	case FieldItemStatus:
		return "avancement"
	case FieldItemDue:
		return "échéance"
	case FieldItemPilot:
		return "pilote"
	case FieldItemComment:
		return "commentaire"
	case FieldItemEvidence:
		return "preuve"
	}
	return string(f)
}

// IsText reports whether the field holds text rather than a number.
func (f Field) IsText() bool {
	switch f {
	case FieldStatus, FieldComment, FieldMode, FieldAgreedOn, FieldExplanation, FieldAction:
		return true
	}
	return f.IsItem()
}

// IsItem reports whether the field is of an item of the plan d'actions.
func (f Field) IsItem() bool {
	switch f {
	case FieldItemLabel, FieldItemStatus, FieldItemDue, FieldItemPilot, FieldItemComment, FieldItemEvidence:
		return true
	}
	return false
}

// IsTargetText reports whether the field is text of a target row (a line
// and year), as its comment is.
func (f Field) IsTargetText() bool {
	switch f {
	case FieldComment, FieldAgreedOn, FieldExplanation, FieldAction:
		return true
	}
	return false
}

// Edit sets one field. Numbers go in Value (None clears), text in Text.
// A field of the plan d'actions is keyed by Item, the others by Key.
type Edit struct {
	Key   TargetKey
	Item  ItemKey
	Field Field
	Value Opt
	Text  string
}

// Change is one undoable step of the negotiation, applied atomically with
// its history.
type Change struct {
	Actor   Actor
	Kind    string // "set", "propose", "agree", "mode", "import", "undo", …
	Summary string // French, for the history
	Comment string
	Edits   []Edit
	// Source is set for a change imported from a file.
	Source Source
}

// SetValue is the change for a value typed by the Caf (its proposal) or
// the Cnaf (a counter-proposal) for a line and year. A Caf figure reopens
// an agreed year as a draft; a Cnaf figure marks the year countered. A
// value that changes nothing gives a change without edits.
func SetValue(c *Contract, l Line, year int, v float64, actor Actor, comment string) Change {
	key := TargetKey{LineKey: l.Key(), Year: year}
	t := c.Targets[key]
	ch := Change{Actor: actor, Kind: "set", Comment: comment}
	figure := FormatValue(v, l.Indicator.Unit)
	switch actor {
	case ActorCnaf:
		ch.Summary = fmt.Sprintf("%s %d : position Cnaf %s", key.LineKey, year, figure)
		if t.Counter != Some(v) {
			ch.Edits = append(ch.Edits, Edit{Key: key, Field: FieldCounter, Value: Some(v)})
		}
		if len(ch.Edits) > 0 && t.Status != StatusCountered {
			ch.Edits = append(ch.Edits, Edit{Key: key, Field: FieldStatus, Text: string(StatusCountered)})
		}
	default:
		ch.Actor = ActorCaf
		ch.Summary = fmt.Sprintf("%s %d : proposition Caf %s", key.LineKey, year, figure)
		if t.Proposed != Some(v) || t.Status == StatusAgreed {
			ch.Edits = append(ch.Edits, Edit{Key: key, Field: FieldProposed, Value: Some(v)})
			if t.Status != StatusDraft {
				ch.Edits = append(ch.Edits, Edit{Key: key, Field: FieldStatus, Text: string(StatusDraft)})
			}
			if t.Agreed.OK {
				ch.Edits = append(ch.Edits, Edit{Key: key, Field: FieldAgreed, Value: None})
			}
			if t.AgreedOn != "" {
				ch.Edits = append(ch.Edits, Edit{Key: key, Field: FieldAgreedOn, Text: ""})
			}
		}
	}
	if comment != "" && comment != t.Comment {
		ch.Edits = append(ch.Edits, Edit{Key: key, Field: FieldComment, Text: comment})
	}
	return ch
}

// SetTargetText is the change of a text of a line and year: its comment,
// or for the bilan annuel the explanation of its gap and the corrective
// action (empty clears). Text that a field cannot hold is refused.
func SetTargetText(c *Contract, l Line, year int, field Field, text string) (Change, error) {
	key := TargetKey{LineKey: l.Key(), Year: year}
	t := c.Targets[key]
	var cur string
	switch field {
	case FieldComment:
		cur = t.Comment
	case FieldExplanation:
		cur = t.Explanation
	case FieldAction:
		cur = t.Action
	default:
		return Change{}, Errorf(EInvalid, fmt.Sprintf("champ %s : pas un texte de cible", field))
	}
	if err := CheckTypedText(field.Label(), text); err != nil {
		return Change{}, err
	}
	ch := Change{Actor: ActorCaf, Kind: string(field), Summary: fmt.Sprintf("%s %d : %s", key.LineKey, year, field.Label())}
	if cur != text {
		ch.Edits = []Edit{{Key: key, Field: field, Text: text}}
	}
	return ch, nil
}

// Propose marks every year of the lines that has a Caf figure as proposed
// to the Cnaf. Agreed years stay agreed.
func Propose(c *Contract, lines []Line, years []int) (Change, error) {
	ch := Change{Actor: ActorCaf, Kind: "propose"}
	for _, l := range lines {
		for _, y := range years {
			k := TargetKey{LineKey: l.Key(), Year: y}
			t := c.Targets[k]
			if !t.Proposed.OK || t.Status == StatusProposed || t.Status == StatusAgreed {
				continue
			}
			ch.Edits = append(ch.Edits, Edit{Key: k, Field: FieldStatus, Text: string(StatusProposed)})
		}
	}
	if len(ch.Edits) == 0 {
		return ch, Errorf(EInvalid, "rien à proposer : saisissez d’abord une valeur (e)")
	}
	ch.Summary = fmt.Sprintf("%s : proposé à la Cnaf", lines[0].Indicator.Code)
	return ch, nil
}

// Agree records the agreement of both parties, reached in a dialogue de
// gestion on the given day, on years of the lines: the agreed figure is
// the latest position on the table, the Cnaf's counter-proposal when the
// year stands countered, otherwise the Caf's proposal.
func Agree(c *Contract, lines []Line, years []int, on time.Time) (Change, error) {
	day := on.Format(time.DateOnly)
	ch := Change{Actor: ActorBoth, Kind: "agree"}
	var agreed []string
	for _, l := range lines {
		for _, y := range years {
			k := TargetKey{LineKey: l.Key(), Year: y}
			v, ok := AgreeableValue(c.Targets[k])
			if !ok {
				continue
			}
			ch.Edits = append(ch.Edits,
				Edit{Key: k, Field: FieldAgreed, Value: v},
				Edit{Key: k, Field: FieldAgreedOn, Text: day},
				Edit{Key: k, Field: FieldStatus, Text: string(StatusAgreed)})
			agreed = append(agreed, fmt.Sprintf("%s %d : %s", l.Key(), y, FormatValue(v.V, l.Indicator.Unit)))
		}
	}
	if len(ch.Edits) == 0 {
		return ch, Errorf(EInvalid, "rien à valider : aucune valeur proposée ou contre-proposée non encore validée")
	}
	ch.Summary = fmt.Sprintf("accord Caf–Cnaf du %s : %s", FormatDate(on), strings.Join(agreed, " ; "))
	return ch, nil
}

// AgreeableValue is the figure an agreement on a target would record: the
// Cnaf's position when the year stands countered, else the Caf's
// proposal; false when there is none, or it is agreed already.
func AgreeableValue(t Target) (Opt, bool) {
	if t.Status == StatusAgreed {
		return None, false
	}
	v := t.Proposed
	if t.Status == StatusCountered && t.Counter.OK {
		v = t.Counter
	}
	return v, v.OK
}

// SetMode changes an indicator's mode de déclinaison in the contract; a
// mode that does not fit the indicator is refused.
func SetMode(ind *Indicator, m Mode) (Change, error) {
	if err := CheckMode(ind, m); err != nil {
		return Change{}, err
	}
	return Change{
		Actor: ActorCaf, Kind: "mode",
		Summary: fmt.Sprintf("%s : mode %s", ind.Code, m.Label()),
		Edits:   []Edit{{Key: TargetKey{LineKey: LineKey{Code: ind.Code}}, Field: FieldMode, Text: string(m)}},
	}, nil
}

// SetShareKey sets an indicator's own share key, in percent; None gives
// the indicator back the Caf's weight.
func SetShareKey(c *Contract, ind *Indicator, k Opt) (Change, error) {
	if !ind.Measure.Shared() {
		return Change{}, Errorf(EInvalid, fmt.Sprintf("%s : une clé de répartition ne sert qu’aux volumes partagés (places, heures, euros…)", ind.Code))
	}
	if k.OK {
		if err := validateShare(k.V, "la clé de répartition"); err != nil {
			return Change{}, err
		}
	}
	ch := Change{Actor: ActorCaf, Kind: "share_key"}
	if k.OK {
		ch.Summary = fmt.Sprintf("%s : clé de répartition %s %%", ind.Code, FormatNumber(k.V))
	} else {
		ch.Summary = fmt.Sprintf("%s : clé de répartition = poids de la Caf", ind.Code)
	}
	old, had := c.ShareKeys[ind.Code]
	if had != k.OK || (k.OK && old != k.V) {
		ch.Edits = []Edit{{Key: TargetKey{LineKey: LineKey{Code: ind.Code}}, Field: FieldShareKey, Value: k}}
	}
	return ch, nil
}

// SetActual records the réalisé of a line for a year.
func SetActual(c *Contract, l Line, year int, v float64) Change {
	key := TargetKey{LineKey: l.Key(), Year: year}
	ch := Change{Actor: ActorCaf, Kind: "actual",
		Summary: fmt.Sprintf("%s %d : réalisé %s", key.LineKey, year, FormatValue(v, l.Indicator.Unit))}
	if old, ok := c.Actuals[key]; !ok || old != v {
		ch.Edits = []Edit{{Key: key, Field: FieldActual, Value: Some(v)}}
	}
	return ch
}

// SetBaseline records the Caf's own level in the contract's baseline year.
func SetBaseline(c *Contract, l Line, v float64) Change {
	k := l.Key()
	ch := Change{Actor: ActorCaf, Kind: "baseline",
		Summary: fmt.Sprintf("%s : valeur de départ %d %s", k, c.BaselineYear, FormatValue(v, l.Indicator.Unit))}
	if old, ok := c.Baselines[k]; !ok || old != v {
		ch.Edits = []Edit{{Key: TargetKey{LineKey: k}, Field: FieldBaseline, Value: Some(v)}}
	}
	return ch
}
