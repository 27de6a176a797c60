package store_test

import (
	"reflect"
	"testing"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/seed"
)

// TestPlanFollowUp: the follow-up of a livrable, a local action added then
// removed, each one step of the history with its item, and undone.
func TestPlanFollowUp(t *testing.T) {
	db, path := newStore(t)
	ref, err := seed.Referential()
	if err != nil {
		t.Fatal(err)
	}
	contract := func() *cpog.Contract {
		t.Helper()
		c, err := db.Contract(ctx, "91")
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	k := cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "3.1.1"}
	want := cpog.FollowUp{Status: cpog.FollowDoing, Due: "2026-06", Pilot: "direction de la relation de service", Comment: "socle rédigé", Evidence: "intranet/socle.pdf"}
	ch, err := cpog.SetFollowUp(ref, contract(), k, want)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Apply(ctx, "91", ch); err != nil {
		t.Fatal(err)
	}
	if got := contract().FollowUps[k]; got != want {
		t.Fatalf("follow-up after Apply: %+v, want %+v", got, want)
	}
	ch, lk, err := cpog.AddLocalAction(ref, contract(), cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "3"}, cpog.FollowUp{Label: "former les agents d’accueil", Status: cpog.FollowTodo})
	if err != nil || lk.N != "3.L1" {
		t.Fatalf("AddLocalAction: %v, %v", lk, err)
	}
	if _, err := db.Apply(ctx, "91", ch); err != nil {
		t.Fatal(err)
	}
	if got := contract().LocalActionsOf(cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "3"}); len(got) != 1 || got[0] != lk {
		t.Fatalf("local actions %v", got)
	}
	ch, err = cpog.RemoveLocalAction(ref, contract(), lk)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Apply(ctx, "91", ch); err != nil {
		t.Fatal(err)
	}
	if got := contract().LocalActionsOf(cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "3"}); len(got) != 0 {
		t.Fatalf("removed local action still listed: %v", got)
	}
	h, err := db.History(ctx, "91", "")
	if err != nil {
		t.Fatal(err)
	}
	last := h[len(h)-1]
	if last.Item != lk || last.Field != cpog.FieldItemLabel || last.OldText != "former les agents d’accueil" || last.NewText != "" {
		t.Errorf("last event %+v", last)
	}
	// undo brings the local action back, then the follow-up away
	if _, err := db.Undo(ctx, "91"); err != nil {
		t.Fatal(err)
	}
	if got := contract().FollowUps[lk]; got.Label != "former les agents d’accueil" || got.Status != cpog.FollowTodo {
		t.Errorf("after undo: %+v", got)
	}
	db.Undo(ctx, "91")
	if _, err := db.Undo(ctx, "91"); err != nil {
		t.Fatal(err)
	}
	if got := contract().FollowUps[k]; got != (cpog.FollowUp{}) {
		t.Errorf("after undoing the follow-up: %+v", got)
	}
	if n := count(t, path, "plan_item"); n != 2 {
		t.Errorf("%d plan rows, want 2 (emptied, not deleted)", n)
	}
	// an unknown status is refused by the store too
	_, err = db.Apply(ctx, "91", cpog.Change{Actor: cpog.ActorCaf, Kind: "x", Edits: []cpog.Edit{{Item: k, Field: cpog.FieldItemStatus, Text: "fini"}}})
	wantCode(t, err, cpog.EInvalid)
}

// TestContractPlanIsTheContractsPlan: ContractPlan reads the same Caf,
// contract and plan d'actions as Contract, and none of the targets.
func TestContractPlanIsTheContractsPlan(t *testing.T) {
	db, _ := newStore(t)
	ref, err := seed.Referential()
	if err != nil {
		t.Fatal(err)
	}
	full, err := db.Contract(ctx, "91")
	if err != nil {
		t.Fatal(err)
	}
	k := cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "3.1.1"}
	ch, err := cpog.SetFollowUp(ref, full, k, cpog.FollowUp{Status: cpog.FollowDone, Due: "2025-12", Pilot: "accueil"})
	if err != nil {
		t.Fatal(err)
	}
	ch.Edits = append(ch.Edits, cpog.Edit{Key: cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}, Field: cpog.FieldProposed, Value: cpog.Some(14)})
	if _, err := db.Apply(ctx, "91", ch); err != nil {
		t.Fatal(err)
	}
	if full, err = db.Contract(ctx, "91"); err != nil {
		t.Fatal(err)
	}
	plan, err := db.ContractPlan(ctx, "91")
	if err != nil {
		t.Fatal(err)
	}
	if plan.Caf != full.Caf || plan.RefID != full.RefID || plan.Weight != full.Weight || !reflect.DeepEqual(plan.FollowUps, full.FollowUps) {
		t.Errorf("ContractPlan %+v\nContract %+v", plan, full)
	}
	if plan.FollowUps[k].Status != cpog.FollowDone {
		t.Errorf("follow-up %+v", plan.FollowUps[k])
	}
	if len(full.Targets) == 0 || len(plan.Targets) != 0 {
		t.Errorf("targets: %d in Contract, %d in ContractPlan (want some, none)", len(full.Targets), len(plan.Targets))
	}
	if _, err := db.ContractPlan(ctx, "69"); err == nil {
		t.Error("ContractPlan of a Caf without a contract: no error")
	}
}
