package cpog

import (
	"fmt"
	"strconv"
	"strings"
)

// FindItem returns the item of the referential a key names, or the local
// action of the contract, with an error in French when there is none or
// when it is not followed (an action n.m: its livrables are).
func FindItem(r *Referential, c *Contract, k ItemKey) (Item, error) {
	if _, ok := r.Fiche(k.Fiche); !ok {
		return Item{}, Errorf(ENotFound, fmt.Sprintf("fiche inconnue : %d (de 1 à %d)", k.Fiche, len(r.Fiches)))
	}
	for _, it := range PlanItems(r, c, k.Fiche, k.Side) {
		if it.Key != k {
			continue
		}
		if !it.Followed {
			what := "l’engagement"
			if it.Level == 1 {
				what = "l’action"
			}
			return it, Errorf(EInvalid, fmt.Sprintf("%s : %s se suit par ses livrables", k, what))
		}
		return it, nil
	}
	return Item{}, Errorf(ENotFound, fmt.Sprintf("%s : pas de livrable ni d’action locale de ce numéro", k))
}

// CheckFileFollowUp checks a follow-up read from a file against the
// referential: a livrable of the caisse side, an engagement of the État
// side, or a local action numbered under an engagement of the caisse
// ("2.L1", its label empty once removed). Texts from files may hold what
// a keyboard cannot type (line breaks): they are bounded, not refused.
func CheckFileFollowUp(r *Referential, k ItemKey, f FollowUp) error {
	if _, ok := r.Fiche(k.Fiche); !ok {
		return Errorf(ENotFound, fmt.Sprintf("fiche inconnue : %d (de 1 à %d)", k.Fiche, len(r.Fiches)))
	}
	if k.Side != SideCaisse && k.Side != SideEtat {
		return Errorf(EInvalid, fmt.Sprintf("côté inconnu : %s (caisse ou etat)", quoteText(string(k.Side))))
	}
	if k.IsLocal() {
		eng, seq, _ := strings.Cut(k.N, localMark)
		n, err := strconv.Atoi(seq)
		found := false
		for _, e := range r.EngagementsOf(k.Fiche, SideCaisse) {
			found = found || e.N == eng
		}
		if k.Side != SideCaisse || !found || err != nil || n < 1 || strconv.Itoa(n) != seq {
			return Errorf(ENotFound, fmt.Sprintf("%s : pas d’engagement de la caisse sous lequel numéroter cette action locale", k))
		}
	} else {
		it, err := FindItem(r, &Contract{}, k)
		if err != nil {
			return err
		}
		if it.Local {
			return Errorf(EInvalid, fmt.Sprintf("%s : numéro d’action locale mal formé", k))
		}
		if f.Label != "" {
			return Errorf(EInvalid, fmt.Sprintf("%s : un livrable de la COG garde le libellé de la COG (libellé à laisser vide)", k))
		}
	}
	if f.Status != FollowNone {
		// a file writes the code, as it writes the due month
		st, err := ParseFollowStatus(string(f.Status))
		if err != nil {
			return err
		}
		if st != f.Status {
			return Errorf(EInvalid, fmt.Sprintf("avancement %s : un fichier écrit son code (todo, doing, done ou na)", quoteText(string(f.Status))))
		}
	}
	if f.Due != "" {
		if due, err := ParseDue(f.Due); err != nil || due != f.Due {
			return Errorf(EInvalid, fmt.Sprintf("échéance illisible : %s (attendu : AAAA-MM, ex. 2026-06)", quoteText(f.Due)))
		}
	}
	for _, t := range []struct{ name, text string }{{"libellé", f.Label}, {"pilote", f.Pilot}, {"commentaire", f.Comment}, {"preuve", f.Evidence}} {
		if err := CheckText(t.name, t.text); err != nil {
			return err
		}
	}
	return nil
}

// SetFollowUp is the change that makes an item's follow-up next: the
// fields that differ, and only those. For a referential item the label is
// the COG's and stays so.
func SetFollowUp(r *Referential, c *Contract, k ItemKey, next FollowUp) (Change, error) {
	it, err := FindItem(r, c, k)
	if err != nil {
		return Change{}, err
	}
	if !it.Local {
		next.Label = ""
	}
	if err := checkFollowUp(c.FollowUps[k], next, it.Local); err != nil {
		return Change{}, err
	}
	ch := Change{Actor: ActorCaf, Kind: "follow_up"}
	ch.Edits = followEdits(k, c.FollowUps[k], next)
	ch.Summary = fmt.Sprintf("%s : %s", k, describeFollow(ch.Edits))
	return ch, nil
}

// AddLocalAction adds an action of the Caf's own under an engagement of
// the caisse side, numbered after the engagement ("2.L1", "2.L2"…).
func AddLocalAction(r *Referential, c *Contract, engagement ItemKey, f FollowUp) (Change, ItemKey, error) {
	found := false
	for _, e := range r.EngagementsOf(engagement.Fiche, engagement.Side) {
		found = found || e.N == engagement.N
	}
	if !found || engagement.IsLocal() {
		return Change{}, ItemKey{}, Errorf(ENotFound, fmt.Sprintf("%s : pas d’engagement de ce numéro", engagement))
	}
	// the exchange file carries local actions of the caisse side only
	// (CheckFileFollowUp): one under the État's would not survive it
	if engagement.Side != SideCaisse {
		return Change{}, ItemKey{}, Errorf(EInvalid, fmt.Sprintf("%s : un engagement de l’État ; les actions locales de la Caf se rangent sous ceux de la caisse", engagement))
	}
	if err := checkFollowUp(FollowUp{}, f, true); err != nil {
		return Change{}, ItemKey{}, err
	}
	seq := 1
	prefix := engagement.N + localMark
	for k := range c.FollowUps {
		if k.Fiche == engagement.Fiche && k.Side == engagement.Side && strings.HasPrefix(k.N, prefix) {
			if n, err := strconv.Atoi(strings.TrimPrefix(k.N, prefix)); err == nil && n >= seq {
				seq = n + 1 // a removed action's number is not given again
			}
		}
	}
	k := ItemKey{Fiche: engagement.Fiche, Side: engagement.Side, N: prefix + strconv.Itoa(seq)}
	ch := Change{Actor: ActorCaf, Kind: "local_action", Summary: fmt.Sprintf("%s : action locale « %s »", k, f.Label)}
	ch.Edits = followEdits(k, FollowUp{}, f)
	return ch, k, nil
}

// RemoveLocalAction removes a local action: its wording is emptied, the
// rest kept for the history; undo brings it back.
func RemoveLocalAction(r *Referential, c *Contract, k ItemKey) (Change, error) {
	it, err := FindItem(r, c, k)
	if err != nil {
		return Change{}, err
	}
	if !it.Local {
		return Change{}, Errorf(EInvalid, fmt.Sprintf("%s est un livrable de la COG : seules les actions locales se retirent", k))
	}
	return Change{Actor: ActorCaf, Kind: "local_action", Summary: fmt.Sprintf("%s : action locale retirée", k),
		Edits: []Edit{{Item: k, Field: FieldItemLabel, Text: ""}}}, nil
}

func checkFollowUp(cur, f FollowUp, local bool) error {
	if local && strings.TrimSpace(f.Label) == "" {
		return Errorf(EInvalid, "une action locale a un libellé")
	}
	if f.Status != FollowNone {
		if _, err := ParseFollowStatus(string(f.Status)); err != nil {
			return err
		}
	}
	if f.Due != "" {
		if _, err := ParseDue(f.Due); err != nil {
			return err
		}
	}
	// a text typed is checked as typed; one kept as it was (from a file,
	// line breaks and all) only as a file's
	for _, t := range []struct{ name, text, was string }{{"libellé", f.Label, cur.Label}, {"pilote", f.Pilot, cur.Pilot},
		{"commentaire", f.Comment, cur.Comment}, {"preuve", f.Evidence, cur.Evidence}} {
		check := CheckTypedText
		if t.text == t.was {
			check = CheckText
		}
		if err := check(t.name, t.text); err != nil {
			return err
		}
	}
	return nil
}

// followEdits compares two follow-ups field by field.
func followEdits(k ItemKey, cur, next FollowUp) []Edit {
	var out []Edit
	for _, f := range []struct {
		field     Field
		old, text string
	}{
		{FieldItemLabel, cur.Label, next.Label},
		{FieldItemStatus, string(cur.Status), string(next.Status)},
		{FieldItemDue, cur.Due, next.Due},
		{FieldItemPilot, cur.Pilot, next.Pilot},
		{FieldItemComment, cur.Comment, next.Comment},
		{FieldItemEvidence, cur.Evidence, next.Evidence},
	} {
		if f.old != f.text {
			out = append(out, Edit{Item: k, Field: f.field, Text: f.text})
		}
	}
	return out
}

// describeFollow says what edits of a follow-up set: "avancement en
// cours · échéance 06/2026 · pilote DRS".
func describeFollow(edits []Edit) string {
	var parts []string
	for _, e := range edits {
		v := e.Text
		switch e.Field {
		case FieldItemStatus:
			v = FollowStatus(v).Label()
		case FieldItemDue:
			v = FormatDue(v)
		}
		if v == "" {
			v = "—"
		}
		parts = append(parts, e.Field.Label()+" "+v)
	}
	if len(parts) == 0 {
		return "suivi inchangé"
	}
	return strings.Join(parts, " · ")
}
