package cpog

import "testing"

// TestKindLabelNamesEveryKind: every kind of step the domain writes has a
// French name in the history, the code never shown as it is stored.
func TestKindLabelNamesEveryKind(t *testing.T) {
	for kind, want := range map[string]string{
		"set": "saisie", "propose": "proposition", "agree": "accord Caf–Cnaf", "mode": "mode",
		"import": "import", "undo": "annulation", "actual": "réalisé", "baseline": "valeur de départ",
		"weight": "poids", "share_key": "clé de répartition", "comment": "commentaire",
		"explanation": "explication de l’écart", "action": "action corrective",
		"follow_up": "suivi du plan d’actions", "local_action": "action locale", "contract": "création du contrat",
	} {
		if got := KindLabel(kind); got != want {
			t.Errorf("KindLabel(%q) = %q, want %q", kind, got, want)
		}
	}
	r := planReferential()
	c := NewContract(Caf{Code: "91"}, r.ID, 2, 2022)
	l := r.Indicators[0].Lines()[0]
	var kinds []string
	for _, f := range []Field{FieldComment, FieldExplanation, FieldAction} {
		ch, err := SetTargetText(c, l, r.Years[0], f, "texte")
		if err != nil {
			t.Fatal(err)
		}
		kinds = append(kinds, ch.Kind)
	}
	ch, _, err := AddLocalAction(r, c, ItemKey{Fiche: 8, Side: SideCaisse, N: "1"}, FollowUp{Label: "former"})
	if err != nil {
		t.Fatal(err)
	}
	kinds = append(kinds, ch.Kind)
	ch, err = SetFollowUp(r, c, ItemKey{Fiche: 8, Side: SideCaisse, N: "1.1.1"}, FollowUp{Status: FollowDone})
	if err != nil {
		t.Fatal(err)
	}
	kinds = append(kinds, ch.Kind)
	for _, k := range kinds {
		if KindLabel(k) == k {
			t.Errorf("the kind %q of a change has no French name", k)
		}
	}
}
