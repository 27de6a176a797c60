package cpog

import "slices"

// Merge returns the edits that make cur say what next says, for an import:
// next is a contract read from a file, where only what the file mentions is
// set. Every target present in next replaces the whole target of cur (its
// proposal, Cnaf position, agreed value, status and comment, a missing
// number clearing the field, its explanation and corrective action
// included); each follow-up of the plan d'actions present replaces cur's;
// actuals, baselines and modes present in next
// replace cur's; next's weight replaces cur's when it is set. What next does
// not mention is left as it is, so that a file carrying only the Cnaf's
// counter-proposals does not erase the rest of the contract.
//
// Edits come in referential order (weight, then per indicator its mode, per
// line its baseline and per year its target fields and actual), so that the
// history of an import reads like the contract. Keys of next that are not in
// the referential are ignored: the file formats reject them before.
func Merge(r *Referential, cur, next *Contract) []Edit {
	var out []Edit
	if next.Weight != 0 && next.Weight != cur.Weight {
		out = append(out, Edit{Field: FieldWeight, Value: Some(next.Weight)})
	}
	for i := range r.Indicators {
		ind := &r.Indicators[i]
		if m, ok := next.Modes[ind.Code]; ok && m.Valid() && m != cur.ModeOf(ind) {
			out = append(out, Edit{Key: TargetKey{LineKey: LineKey{Code: ind.Code}}, Field: FieldMode, Text: string(m)})
		}
		if k, ok := next.ShareKeys[ind.Code]; ok {
			if old, had := cur.ShareKeys[ind.Code]; !had || old != k {
				out = append(out, Edit{Key: TargetKey{LineKey: LineKey{Code: ind.Code}}, Field: FieldShareKey, Value: Some(k)})
			}
		}
		for _, l := range ind.Lines() {
			lk := l.Key()
			if v, ok := next.Baselines[lk]; ok {
				if old, had := cur.Baselines[lk]; !had || old != v {
					out = append(out, Edit{Key: TargetKey{LineKey: lk}, Field: FieldBaseline, Value: Some(v)})
				}
			}
			for _, y := range r.Years {
				k := TargetKey{LineKey: lk, Year: y}
				if t, ok := next.Targets[k]; ok {
					out = append(out, targetEdits(k, cur.Targets[k], t)...)
				}
				if v, ok := next.Actuals[k]; ok {
					if old, had := cur.Actuals[k]; !had || old != v {
						out = append(out, Edit{Key: k, Field: FieldActual, Value: Some(v)})
					}
				}
			}
		}
	}
	// the plan d'actions after the indicators, fiche by fiche in the
	// order of its tables
	keys := make([]ItemKey, 0, len(next.FollowUps))
	for k := range next.FollowUps {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, CompareItemKeys)
	for _, k := range keys {
		out = append(out, followEdits(k, cur.FollowUps[k], next.FollowUps[k])...)
	}
	return out
}

// targetEdits compares two states of one target field by field. The status
// comes last so that the history shows the figures before the verdict.
func targetEdits(k TargetKey, cur, next Target) []Edit {
	var out []Edit
	num := func(f Field, a, b Opt) {
		if a.OK != b.OK || (b.OK && a.V != b.V) {
			out = append(out, Edit{Key: k, Field: f, Value: b})
		}
	}
	num(FieldProposed, cur.Proposed, next.Proposed)
	num(FieldCounter, cur.Counter, next.Counter)
	num(FieldAgreed, cur.Agreed, next.Agreed)
	if cur.AgreedOn != next.AgreedOn {
		out = append(out, Edit{Key: k, Field: FieldAgreedOn, Text: next.AgreedOn})
	}
	if cur.Comment != next.Comment {
		out = append(out, Edit{Key: k, Field: FieldComment, Text: next.Comment})
	}
	if cur.Explanation != next.Explanation {
		out = append(out, Edit{Key: k, Field: FieldExplanation, Text: next.Explanation})
	}
	if cur.Action != next.Action {
		out = append(out, Edit{Key: k, Field: FieldAction, Text: next.Action})
	}
	if cur.Status != next.Status {
		out = append(out, Edit{Key: k, Field: FieldStatus, Text: string(next.Status)})
	}
	return out
}
