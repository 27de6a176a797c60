package exchange_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
	"github.com/cnaf-tools/cpog/store"
)

// seedPlan follows two livrables and an État engagement, adds two local
// actions and removes one, and writes the bilan's texts of a target.
func seedPlan(t testing.TB, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	ref, err := db.Referential(ctx)
	if err != nil {
		t.Fatal(err)
	}
	follow := func(k cpog.ItemKey, f cpog.FollowUp) {
		ch, err := cpog.SetFollowUp(ref, contractOf(t, db), k, f)
		if err != nil {
			t.Fatal(err)
		}
		apply(t, db, ch)
	}
	follow(cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "3.1.1"}, cpog.FollowUp{Status: cpog.FollowDoing, Due: "2026-06", Pilot: "Direction du service"})
	// a comment from a file may hold a line break, which no keyboard input gives
	apply(t, db, cpog.Change{Actor: cpog.ActorCaf, Kind: "import", Summary: "import", Edits: []cpog.Edit{
		{Item: cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "3.1.1"}, Field: cpog.FieldItemComment, Text: "socle rédigé\nà valider"}}})
	follow(cpog.ItemKey{Fiche: 10, Side: cpog.SideCaisse, N: "1.1.1"}, cpog.FollowUp{Status: cpog.FollowDone, Evidence: "https://intranet/caf91/rapport.pdf"})
	follow(cpog.ItemKey{Fiche: 3, Side: cpog.SideEtat, N: "1"}, cpog.FollowUp{Comment: "décret attendu"})
	eng := cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "3"}
	for _, label := range []string{"Former l’accueil", "Action abandonnée"} {
		ch, _, err := cpog.AddLocalAction(ref, contractOf(t, db), eng, cpog.FollowUp{Label: label, Status: cpog.FollowTodo, Due: "2027-09"})
		if err != nil {
			t.Fatal(err)
		}
		apply(t, db, ch)
	}
	ch, err := cpog.RemoveLocalAction(ref, contractOf(t, db), cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "3.L2"})
	if err != nil {
		t.Fatal(err)
	}
	apply(t, db, ch)
	l := lineOf(t, "COG-08-29", "")
	for _, f := range []struct {
		field cpog.Field
		text  string
	}{{cpog.FieldExplanation, "pic de demandes"}, {cpog.FieldAction, "renfort"}} {
		ch, err := cpog.SetTargetText(contractOf(t, db), l, 2025, f.field, f.text)
		if err != nil {
			t.Fatal(err)
		}
		apply(t, db, ch)
	}
}

// TestJSONCarriesThePlan: version 3 carries the plan d'actions and the
// bilan's texts; an import gives them back exactly, a removed local
// action included, and the same file again changes nothing.
func TestJSONCarriesThePlan(t *testing.T) {
	ctx := context.Background()
	src := openDB(t)
	seedNegotiation(t, src)
	seedPlan(t, src)
	data := exportJSON(t, src)
	if !bytes.Contains(data, []byte(`"version": 3`)) || !bytes.Contains(data, []byte(`"follow_ups": [`)) {
		t.Fatalf("not a version 3 file with follow-ups:\n%s", data)
	}

	dst := openDB(t)
	seedNegotiation(t, dst)
	// the destination knows the local action that the source removed
	ref, _ := dst.Referential(ctx)
	ch, _, err := cpog.AddLocalAction(ref, contractOf(t, dst), cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "3"}, cpog.FollowUp{Label: "x"})
	if err != nil {
		t.Fatal(err)
	}
	apply(t, dst, ch)
	ch, _, err = cpog.AddLocalAction(ref, contractOf(t, dst), cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "3"}, cpog.FollowUp{Label: "Action abandonnée"})
	if err != nil {
		t.Fatal(err)
	}
	apply(t, dst, ch)
	if _, err := exchange.Import(ctx, dst, "cpog-91.json", data, exchange.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	a, b := contractOf(t, src), contractOf(t, dst)
	if diff := cmp.Diff(a.FollowUps, b.FollowUps); diff != "" {
		t.Errorf("follow-ups differ (-source +imported):\n%s", diff)
	}
	if got := b.FollowUps[cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "3.L2"}]; got.Label != "" {
		t.Errorf("the local action removed at the source stays: %+v", got)
	}
	k := key("COG-08-29", "", 2025)
	if tg := b.Targets[k]; tg.Explanation != "pic de demandes" || tg.Action != "renfort" {
		t.Errorf("bilan texts not imported: %+v", tg)
	}
	rep, err := exchange.Import(ctx, dst, "cpog-91.json", data, exchange.ImportOptions{})
	if err != nil || len(rep.Change.Edits) != 0 {
		t.Errorf("the same file again: %d edits, %v", len(rep.Change.Edits), err)
	}
}

// TestJSONPlanProblems: every follow-up is checked against the
// referential, with its line; a version 2 file cannot carry any.
func TestJSONPlanProblems(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	seedNegotiation(t, db)
	seedPlan(t, db)
	ref, err := db.Referential(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		edit func(f map[string]any)
		want string
	}{
		{"unknown livrable", func(f map[string]any) { followUpOf(f, "3.1.1")["n"] = "9.9.9" }, "pas de livrable"},
		{"an action", func(f map[string]any) { followUpOf(f, "3.1.1")["n"] = "3.1" }, "se suit par ses livrables"},
		{"bad status", func(f map[string]any) { followUpOf(f, "3.1.1")["status"] = "fini" }, "statut inconnu"},
		{"a status's label, not its code", func(f map[string]any) { followUpOf(f, "3.1.1")["status"] = "en cours" }, "un fichier écrit son code"},
		{"bad due", func(f map[string]any) { followUpOf(f, "3.1.1")["due"] = "06/2026" }, "échéance illisible"},
		{"label on a livrable", func(f map[string]any) { followUpOf(f, "3.1.1")["label"] = "autre" }, "garde le libellé de la COG"},
		{"local under no engagement", func(f map[string]any) { followUpOf(f, "3.L1")["n"] = "9.L1" }, "pas d’engagement de la caisse"},
		{"bad side", func(f map[string]any) { followUpOf(f, "3.1.1")["side"] = "cnaf" }, "côté inconnu"},
		{"duplicate", func(f map[string]any) {
			fs := f["follow_ups"].([]any)
			f["follow_ups"] = append(fs, fs[0])
		}, "en double"},
		{"version 2", func(f map[string]any) { f["version"] = 2 }, "champ « follow_ups » de la version 3"},
	} {
		var f map[string]any
		dec := json.NewDecoder(bytes.NewReader(exportJSON(t, db)))
		dec.UseNumber()
		if err := dec.Decode(&f); err != nil {
			t.Fatal(err)
		}
		tc.edit(f)
		_, err := exchange.DecodeExchange("plan.json", resign(t, f), ref)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "ligne ") {
			t.Errorf("%s: %v, want a line saying %q", tc.name, err, tc.want)
		}
	}
}

// followUpOf is the follow-up of fiche 8's item n in a decoded file
// (seedPlan's livrable 3.1.1 and local action 3.L1).
func followUpOf(f map[string]any, n string) map[string]any {
	for _, fu := range f["follow_ups"].([]any) {
		m := fu.(map[string]any)
		if m["fiche"] == json.Number("8") && m["n"] == n {
			return m
		}
	}
	panic("no follow-up " + n + " of fiche 8 in the file")
}
