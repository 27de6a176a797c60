package store_test

import (
	"reflect"
	"testing"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/seed"
	"github.com/cnaf-tools/cpog/store"
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
	if got := contract().LocalActionsIn(8, cpog.SideCaisse)["3"]; len(got) != 1 || got[0] != lk {
		t.Fatalf("local actions %v", got)
	}
	ch, err = cpog.RemoveLocalAction(ref, contract(), lk)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Apply(ctx, "91", ch); err != nil {
		t.Fatal(err)
	}
	if got := contract().LocalActionsIn(8, cpog.SideCaisse)["3"]; len(got) != 0 {
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
	// the local action's addition, then the follow-up
	if _, err := db.Undo(ctx, "91"); err != nil {
		t.Fatal(err)
	}
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

// TestContractParts: each part reads the same Caf, contract and rows as
// Contract, and nothing of the other part.
func TestContractParts(t *testing.T) {
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
	plan, err := db.ContractParts(ctx, "91", store.Plan)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Caf != full.Caf || plan.RefID != full.RefID || plan.Weight != full.Weight || !reflect.DeepEqual(plan.FollowUps, full.FollowUps) {
		t.Errorf("the plan %+v\nContract %+v", plan, full)
	}
	if plan.FollowUps[k].Status != cpog.FollowDone {
		t.Errorf("follow-up %+v", plan.FollowUps[k])
	}
	if len(full.Targets) == 0 || len(plan.Targets) != 0 {
		t.Errorf("targets: %d in Contract, %d in the plan (want some, none)", len(full.Targets), len(plan.Targets))
	}
	figures, err := db.ContractParts(ctx, "91", store.Figures)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(figures.Targets, full.Targets) || !reflect.DeepEqual(figures.Modes, full.Modes) ||
		!reflect.DeepEqual(figures.Baselines, full.Baselines) || !reflect.DeepEqual(figures.Actuals, full.Actuals) ||
		!reflect.DeepEqual(figures.ShareKeys, full.ShareKeys) || figures.Weight != full.Weight {
		t.Errorf("the figures %+v\nContract %+v", figures, full)
	}
	if len(figures.FollowUps) != 0 {
		t.Errorf("the figures carry %d follow-ups", len(figures.FollowUps))
	}
	whole, err := db.ContractParts(ctx, "91", store.Whole)
	if err != nil || !reflect.DeepEqual(whole, full) {
		t.Errorf("Whole is not Contract (%v)", err)
	}
	if _, err := db.ContractParts(ctx, "69", store.Plan); err == nil {
		t.Error("the plan of a Caf without a contract: no error")
	}
}
