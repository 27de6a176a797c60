package cpog

import "fmt"

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
	}
	return string(f)
}

// IsText reports whether the field holds text rather than a number.
func (f Field) IsText() bool {
	return f == FieldStatus || f == FieldComment || f == FieldMode
}

// Edit sets one field. Numbers go in Value (None clears), text in Text.
type Edit struct {
	Key   TargetKey
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
}

// SetValue is the change for a value typed by the Caf (its proposal) or
// the Cnaf (a counter-proposal). A Caf figure reopens an agreed year as a
// draft; a Cnaf figure marks the year countered.
func SetValue(c *Contract, key TargetKey, v float64, actor Actor, comment string) Change {
	t := c.Targets[key]
	ch := Change{Actor: actor, Kind: "set", Comment: comment}
	switch actor {
	case ActorCnaf:
		ch.Summary = fmt.Sprintf("%s %d : position Cnaf %s", key.LineKey, key.Year, FormatNumber(v))
		ch.Edits = append(ch.Edits, Edit{Key: key, Field: FieldCounter, Value: Some(v)})
		if t.Status != StatusCountered {
			ch.Edits = append(ch.Edits, Edit{Key: key, Field: FieldStatus, Text: string(StatusCountered)})
		}
	default:
		ch.Actor = ActorCaf
		ch.Summary = fmt.Sprintf("%s %d : proposition Caf %s", key.LineKey, key.Year, FormatNumber(v))
		ch.Edits = append(ch.Edits, Edit{Key: key, Field: FieldProposed, Value: Some(v)})
		if t.Status != StatusDraft {
			ch.Edits = append(ch.Edits, Edit{Key: key, Field: FieldStatus, Text: string(StatusDraft)})
		}
		if t.Agreed.OK {
			ch.Edits = append(ch.Edits, Edit{Key: key, Field: FieldAgreed, Value: None})
		}
	}
	if comment != "" && comment != t.Comment {
		ch.Edits = append(ch.Edits, Edit{Key: key, Field: FieldComment, Text: comment})
	}
	return ch
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

// Agree validates years of the lines: the agreed figure is the latest
// position on the table, the Cnaf's counter-proposal when the year stands
// countered, otherwise the Caf's proposal.
func Agree(c *Contract, lines []Line, years []int) (Change, error) {
	ch := Change{Actor: ActorCaf, Kind: "agree"}
	for _, l := range lines {
		for _, y := range years {
			k := TargetKey{LineKey: l.Key(), Year: y}
			t := c.Targets[k]
			if t.Status == StatusAgreed {
				continue
			}
			v := t.Proposed
			if t.Status == StatusCountered && t.Counter.OK {
				v = t.Counter
			}
			if !v.OK {
				continue
			}
			ch.Edits = append(ch.Edits,
				Edit{Key: k, Field: FieldAgreed, Value: v},
				Edit{Key: k, Field: FieldStatus, Text: string(StatusAgreed)})
		}
	}
	if len(ch.Edits) == 0 {
		return ch, Errorf(EInvalid, "rien à valider : aucune valeur proposée ou contre-proposée non encore validée")
	}
	ch.Summary = fmt.Sprintf("%s : validé", lines[0].Indicator.Code)
	return ch, nil
}

// SetMode changes an indicator's mode de déclinaison in the contract.
func SetMode(ind *Indicator, m Mode) Change {
	return Change{
		Actor: ActorCaf, Kind: "mode",
		Summary: fmt.Sprintf("%s : mode %s", ind.Code, m.Label()),
		Edits:   []Edit{{Key: TargetKey{LineKey: LineKey{Code: ind.Code}}, Field: FieldMode, Text: string(m)}},
	}
}

// SetActual records the réalisé of a line for a year.
func SetActual(key TargetKey, v float64) Change {
	return Change{
		Actor: ActorCaf, Kind: "actual",
		Summary: fmt.Sprintf("%s %d : réalisé %s", key.LineKey, key.Year, FormatNumber(v)),
		Edits:   []Edit{{Key: key, Field: FieldActual, Value: Some(v)}},
	}
}

// SetBaseline records the Caf's own level in the contract's baseline year.
func SetBaseline(k LineKey, v float64) Change {
	return Change{
		Actor: ActorCaf, Kind: "baseline",
		Summary: fmt.Sprintf("%s : valeur de référence %s", k, FormatNumber(v)),
		Edits:   []Edit{{Key: TargetKey{LineKey: k}, Field: FieldBaseline, Value: Some(v)}},
	}
}
