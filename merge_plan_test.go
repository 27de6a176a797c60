package cpog

import (
	"slices"
	"strings"
	"testing"
)

// TestMergeCarriesBilanTextsAndPlan: an import's explanation, corrective
// action and follow-ups reach the database; what the file leaves out
// stays.
func TestMergeCarriesBilanTextsAndPlan(t *testing.T) {
	r := planReferential()
	cur := NewContract(essonne(), r.ID, 2, 2022)
	k := TargetKey{LineKey: LineKey{Code: "COG-08-29"}, Year: 2025}
	cur.Targets[k] = Target{Proposed: Some(15), Status: StatusDraft, Explanation: "ancienne", Action: "garder"}
	kept := ItemKey{Fiche: 8, Side: SideCaisse, N: "1.1.1"}
	cur.FollowUps[kept] = FollowUp{Status: FollowDone}
	next := NewContract(essonne(), r.ID, 2, 2022)
	next.Targets[k] = Target{Proposed: Some(15), Status: StatusDraft, Explanation: "nouvelle", Action: "garder"}
	l2, l1 := ItemKey{Fiche: 8, Side: SideCaisse, N: "1.2.1"}, ItemKey{Fiche: 8, Side: SideCaisse, N: "1.L1"}
	next.FollowUps[l1] = FollowUp{Label: "Former", Status: FollowTodo}
	next.FollowUps[l2] = FollowUp{Status: FollowDoing, Due: "2026-06"}
	got := Merge(r, cur, next)
	var fields []string
	for _, e := range got {
		where := e.Key.String()
		if !e.Item.IsZero() {
			where = e.Item.N
		}
		fields = append(fields, where+" "+string(e.Field)+"="+e.Text)
	}
	want := []string{
		"COG-08-29 explanation=nouvelle",
		"1.2.1 item_status=doing", "1.2.1 item_due=2026-06",
		"1.L1 item_label=Former", "1.L1 item_status=todo",
	}
	if !slices.Equal(fields, want) {
		t.Errorf("edits\n%q\nwant\n%q", fields, want)
	}
}

func TestCompareItemKeys(t *testing.T) {
	keys := []ItemKey{
		{Fiche: 8, Side: SideEtat, N: "1"}, {Fiche: 8, Side: SideCaisse, N: "2.L1"}, {Fiche: 8, Side: SideCaisse, N: "2.10.1"},
		{Fiche: 8, Side: SideCaisse, N: "2.9.1"}, {Fiche: 3, Side: SideCaisse, N: "4"}, {Fiche: 8, Side: SideCaisse, N: "2.L10"},
		{Fiche: 8, Side: SideCaisse, N: "2.L2"}, {Fiche: 8, Side: SideCaisse, N: "2"},
	}
	slices.SortFunc(keys, CompareItemKeys)
	var got []string
	for _, k := range keys {
		got = append(got, k.String())
	}
	want := "fiche 3 · 4|fiche 8 · 2|fiche 8 · 2.9.1|fiche 8 · 2.10.1|fiche 8 · 2.L1|fiche 8 · 2.L2|fiche 8 · 2.L10|fiche 8 · État 1"
	if strings.Join(got, "|") != want {
		t.Errorf("order %s", strings.Join(got, "|"))
	}
}
