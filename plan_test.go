package cpog

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// planReferential is a fiche with one engagement of two actions, the
// first with two livrables, the second with one, and an État engagement.
func planReferential() *Referential {
	r := testReferential()
	r.Engagements = []Engagement{
		{Fiche: 8, Side: SideCaisse, N: "1", Label: "Servir mieux", Actions: []Action{
			{N: "1.1", Label: "Réduire les délais", Livrables: []Livrable{{N: "1.1.1", Label: "Plan de production"}, {N: "1.1.2", Label: "Plan local dans chaque Caf", EachCaf: true}}},
			{N: "1.2", Label: "Accueillir", Livrables: []Livrable{{N: "1.2.1", Label: "Rendez-vous"}}},
		}},
		{Fiche: 8, Side: SideEtat, N: "1", Label: "Simplifier les textes"},
	}
	return r
}

func TestPlanItemsAndFollowUp(t *testing.T) {
	r := planReferential()
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	c := NewContract(essonne(), r.ID, 2, 2022)
	items := PlanItems(r, c, 8, SideCaisse)
	var got []string
	for _, it := range items {
		got = append(got, it.Key.N)
	}
	if strings.Join(got, " ") != "1 1.1 1.1.1 1.1.2 1.2 1.2.1" {
		t.Fatalf("items %v", got)
	}
	if items[0].Followed || items[1].Followed || !items[2].Followed || !items[3].EachCaf {
		t.Errorf("the Caf follows its livrables: %+v", items)
	}
	if etat := PlanItems(r, c, 8, SideEtat); len(etat) != 1 || !etat[0].Followed {
		t.Errorf("the État's engagements are followed for information: %+v", etat)
	}

	// an action is followed through its livrables
	if _, err := FindItem(r, c, ItemKey{Fiche: 8, Side: SideCaisse, N: "1.1"}); err == nil || !strings.Contains(err.Error(), "se suit par ses livrables") {
		t.Errorf("following an action: %v", err)
	}
	if _, err := FindItem(r, c, ItemKey{Fiche: 8, Side: SideCaisse, N: "9.9.9"}); ErrorCode(err) != ENotFound {
		t.Errorf("unknown livrable: %v", err)
	}
	if _, err := FindItem(r, c, ItemKey{Fiche: 42, Side: SideCaisse, N: "1"}); err == nil || !strings.Contains(err.Error(), "fiche inconnue") {
		t.Errorf("unknown fiche: %v", err)
	}

	k := ItemKey{Fiche: 8, Side: SideCaisse, N: "1.1.2"}
	f := FollowUp{Status: FollowDoing, Due: "2026-06", Pilot: "M. Martin"}
	ch, err := SetFollowUp(r, c, k, f)
	if err != nil || len(ch.Edits) != 3 {
		t.Fatalf("SetFollowUp: %+v, %v", ch, err)
	}
	c.FollowUps[k] = f
	if ch, _ := SetFollowUp(r, c, k, f); len(ch.Edits) != 0 {
		t.Errorf("the same follow-up again: %d edits, want none", len(ch.Edits))
	}
	for _, bad := range []FollowUp{{Status: "fini"}, {Due: "juin"}, {Pilot: "\x1b[31mrouge"}, {Comment: "ligne\nsuivante"}, {Evidence: string([]byte{0xff})}} {
		if _, err := SetFollowUp(r, c, k, bad); err == nil {
			t.Errorf("follow-up %+v accepted", bad)
		}
	}

	// local actions: numbered after the engagement, never reusing a number
	eng := ItemKey{Fiche: 8, Side: SideCaisse, N: "1"}
	ch, lk, err := AddLocalAction(r, c, eng, FollowUp{Label: "Former l’accueil"})
	if err != nil || lk.N != "1.L1" || !lk.IsLocal() || lk.Engagement() != "1" {
		t.Fatalf("first local action: %v %v", lk, err)
	}
	c.FollowUps[lk] = FollowUp{Label: "Former l’accueil"}
	c.FollowUps[ItemKey{Fiche: 8, Side: SideCaisse, N: "1.L2"}] = FollowUp{} // removed
	if _, lk3, _ := AddLocalAction(r, c, eng, FollowUp{Label: "Autre"}); lk3.N != "1.L3" {
		t.Errorf("after a removed 1.L2: %s, want 1.L3", lk3.N)
	}
	if _, _, err := AddLocalAction(r, c, eng, FollowUp{Label: " "}); err == nil {
		t.Error("a local action without a label is refused")
	}
	if _, _, err := AddLocalAction(r, c, ItemKey{Fiche: 8, Side: SideCaisse, N: "7"}, FollowUp{Label: "x"}); ErrorCode(err) != ENotFound {
		t.Errorf("under an unknown engagement: %v", err)
	}
	for _, e := range r.EngagementsOf(8, SideEtat) {
		if _, _, err := AddLocalAction(r, c, ItemKey{Fiche: 8, Side: SideEtat, N: e.N}, FollowUp{Label: "x"}); ErrorCode(err) != EInvalid {
			t.Errorf("under the État's engagement %s: %v, want refused", e.N, err)
		}
	}
	if len(r.EngagementsOf(8, SideEtat)) == 0 {
		t.Error("the test referential has no État engagement to refuse")
	}
	if items := PlanItems(r, c, 8, SideCaisse); items[len(items)-1].Key != lk || !items[len(items)-1].Local {
		t.Errorf("the local action closes its engagement's items: %+v", items[len(items)-1])
	}
	if _, err := RemoveLocalAction(r, c, k); err == nil {
		t.Error("a livrable of the COG cannot be removed")
	}
	ch, err = RemoveLocalAction(r, c, lk)
	if err != nil || len(ch.Edits) != 1 || ch.Edits[0].Field != FieldItemLabel || ch.Edits[0].Text != "" {
		t.Errorf("RemoveLocalAction: %+v %v", ch, err)
	}
}

func TestLateAndDue(t *testing.T) {
	today := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		f    FollowUp
		late bool
	}{
		{FollowUp{Due: "2026-11", Status: FollowDoing}, true},
		{FollowUp{Due: "2026-12", Status: FollowDoing}, false}, // due this month
		{FollowUp{Due: "2027-01", Status: FollowTodo}, false},
		{FollowUp{Due: "2026-11", Status: FollowDone}, false},
		{FollowUp{Due: "2026-11", Status: FollowNA}, false},
		{FollowUp{Due: "2026-11"}, true},
		{FollowUp{Status: FollowTodo}, false},
	} {
		if got := tt.f.Late(today); got != tt.late {
			t.Errorf("%+v late on 3 December 2026: %v, want %v", tt.f, got, tt.late)
		}
	}
	for text, want := range map[string]string{"06/2026": "2026-06", "6/2026": "2026-06", "2026-06": "2026-06", "": ""} {
		if got, err := ParseDue(text); err != nil || got != want {
			t.Errorf("ParseDue(%q) = %q, %v", text, got, err)
		}
	}
	for _, bad := range []string{"juin 2026", "13/2026", "06/1850", "2026"} {
		if _, err := ParseDue(bad); err == nil {
			t.Errorf("ParseDue(%q) accepted", bad)
		}
	}
	if FormatDue("2026-06") != "06/2026" {
		t.Errorf("FormatDue = %q", FormatDue("2026-06"))
	}
	for text, want := range map[string]FollowStatus{"en cours": FollowDoing, "réalisé": FollowDone, "REALISE": FollowDone, "à faire": FollowTodo, "sans objet": FollowNA, "doing": FollowDoing} {
		if got, err := ParseFollowStatus(text); err != nil || got != want {
			t.Errorf("ParseFollowStatus(%q) = %q, %v", text, got, err)
		}
	}
}

func TestTallyPlan(t *testing.T) {
	r := planReferential()
	c := NewContract(essonne(), r.ID, 2, 2022)
	c.FollowUps[ItemKey{Fiche: 8, Side: SideCaisse, N: "1.1.1"}] = FollowUp{Status: FollowDone}
	c.FollowUps[ItemKey{Fiche: 8, Side: SideCaisse, N: "1.1.2"}] = FollowUp{Status: FollowDoing, Due: "2026-01"}
	c.FollowUps[ItemKey{Fiche: 8, Side: SideCaisse, N: "1.L1"}] = FollowUp{Label: "x", Status: FollowTodo}
	c.FollowUps[ItemKey{Fiche: 8, Side: SideEtat, N: "1"}] = FollowUp{Status: FollowDone} // not the Caf's
	got := TallyPlan(r, c, 8, time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC))
	want := PlanTally{Done: 1, Doing: 1, Todo: 1, None: 1, Late: 1}
	if got != want || got.Total() != 4 {
		t.Errorf("TallyPlan = %+v, want %+v", got, want)
	}
}

func TestCheckTypedText(t *testing.T) {
	for _, ok := range []string{"", "réorganisation de l’accueil", "漢字 🙂"} {
		if err := CheckTypedText("commentaire", ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"\x1b]52;c;SGVsbG8=\x07", "a\nb", "tab\there", string([]byte{'a', 0xc3}), strings.Repeat("é", MaxText+1),
		"accueil \u202eenilno", "ligne\u2028suivante", "\u2066isolé\u2069", "\u200fmarque"} {
		err := CheckTypedText("commentaire", bad)
		if err == nil || ErrorCode(err) != EInvalid || strings.ContainsAny(err.Error(), "\x1b\x07\n") {
			t.Errorf("%.20q: %v", bad, err)
		}
	}
}

// TestLocalActionsInOrderAdded: local actions are listed in the order they
// were added (1.L2 before 1.L10), under their own engagement only, without
// the removed ones; PlanItems agrees with LocalActionsIn.
func TestLocalActionsInOrderAdded(t *testing.T) {
	r := planReferential()
	c := NewContract(Caf{Code: "91"}, r.ID, 2, 2022)
	var want []ItemKey
	for _, n := range []int{10, 2, 1, 11, 3} {
		k := ItemKey{Fiche: 8, Side: SideCaisse, N: fmt.Sprintf("1.L%d", n)}
		c.FollowUps[k] = FollowUp{Label: fmt.Sprintf("action %d", n)}
	}
	for _, n := range []int{1, 2, 3, 10, 11} {
		want = append(want, ItemKey{Fiche: 8, Side: SideCaisse, N: fmt.Sprintf("1.L%d", n)})
	}
	c.FollowUps[ItemKey{Fiche: 8, Side: SideCaisse, N: "1.L4"}] = FollowUp{}                           // removed
	c.FollowUps[ItemKey{Fiche: 8, Side: SideCaisse, N: "11.L1"}] = FollowUp{Label: "autre engagement"} // not under 1
	c.FollowUps[ItemKey{Fiche: 8, Side: SideEtat, N: "1.L1"}] = FollowUp{Label: "autre côté"}
	c.FollowUps[ItemKey{Fiche: 8, Side: SideCaisse, N: "1.1.1"}] = FollowUp{Status: FollowDone}
	if got := c.LocalActionsIn(8, SideCaisse)["1"]; !slices.Equal(got, want) {
		t.Errorf("LocalActionsIn: %v, want %v", got, want)
	}
	if got := c.LocalActionsIn(8, SideCaisse)["11"]; len(got) != 1 || got[0].N != "11.L1" {
		t.Errorf("engagement 11: %v", got)
	}
	var listed []ItemKey
	for _, it := range PlanItems(r, c, 8, SideCaisse) {
		if it.Local && it.Key.Engagement() == "1" {
			listed = append(listed, it.Key)
		}
	}
	if !slices.Equal(listed, want) {
		t.Errorf("PlanItems lists %v, want %v", listed, want)
	}
}

func TestItemKeyAction(t *testing.T) {
	for n, want := range map[string]string{"3.1.1": "3.1", "12.4.10": "12.4", "3.1": "", "3": "", "3.L1": "", "3.L1.2": ""} {
		if got := (ItemKey{Fiche: 8, Side: SideCaisse, N: n}).Action(); got != want {
			t.Errorf("Action of %s = %q, want %q", n, got, want)
		}
	}
}
