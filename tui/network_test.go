package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/cnaf-tools/cpog"
)

// withNetwork loads three synthetic Caf contracts into the network dataset:
// clearly made-up figures, chosen so that each column has something to show.
func withNetwork(t testing.TB, hs *harness) {
	t.Helper()
	ctx := context.Background()
	cafs, err := hs.db.Cafs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]cpog.Caf{}
	for _, c := range cafs {
		byCode[c.Code] = c
	}
	var ms []cpog.NetworkMember
	for i, spec := range []struct {
		code   string
		weight float64
		delay  float64 // COG-08-29 2025
		places float64 // COG-01-01 2025
	}{
		{"13", 3, 14, 250},
		{"59", 4, 17, 200},
		{"69", 3, 15, 240},
	} {
		c := cpog.NewContract(byCode[spec.code], "cog-2023-2027", spec.weight, 2022)
		c.Targets[cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}] = cpog.Target{Proposed: cpog.Some(spec.delay), Status: cpog.StatusProposed}
		c.Targets[cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-01-01"}, Year: 2025}] = cpog.Target{Agreed: cpog.Some(spec.places), Proposed: cpog.Some(spec.places), Status: cpog.StatusAgreed}
		// fiche 8's livrables: 13 has done 3, 59 one (and one late), 69 two
		for _, n := range []string{"1.1.1", "1.1.2", "1.2.1"}[:map[string]int{"13": 3, "59": 1, "69": 2}[spec.code]] {
			c.FollowUps[cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: n}] = cpog.FollowUp{Status: cpog.FollowDone}
		}
		if spec.code == "59" {
			c.FollowUps[cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "2.1.1"}] = cpog.FollowUp{Status: cpog.FollowDoing, Due: "2026-01"}
		}
		ms = append(ms, cpog.NetworkMember{Contract: c, Source: spec.code + ".json", ExportedAt: fixedNow().Add(time.Duration(i) * time.Minute)})
	}
	if _, err := hs.db.PutNetworkMembers(ctx, ms); err != nil {
		t.Fatal(err)
	}
}

func TestNetworkScreen(t *testing.T) {
	hs := negotiated(t, 120, 40)
	withNetwork(t, hs)
	hs.keys("<esc>", "r")
	n, _ := hs.m.screens[screenNetwork].(networkScreen)
	if hs.m.active != screenNetwork || !n.loaded {
		t.Fatal("r opens the Réseau screen and loads the network")
	}
	var delay, places cpog.NetworkRow
	for i, l := range n.lines {
		switch l.Indicator.Code {
		case "COG-08-29":
			delay = n.rows[2025][i]
		case "COG-01-01":
			places = n.rows[2025][i]
		}
	}
	// delays: weighted mean (3×14 + 4×17 + 3×15) / 10 = 15.5 days against 15
	if delay.Method != cpog.MethodWeightedMean || !delay.Aggregate.OK || delay.Aggregate.V != 15.5 || delay.Gap.Value != -0.5 || delay.Cafs != 3 || delay.WeightCovered != 10 {
		t.Errorf("COG-08-29 2025 = %+v", delay)
	}
	if delay.Behind != "59" {
		t.Errorf("furthest behind on delays = %q, want 59 (17 j against 15)", delay.Behind)
	}
	// places: sum 690 against 8 200, shortfall 7 510
	if places.Method != cpog.MethodSum || places.Aggregate.V != 690 || places.Shortfall.V != 7510 {
		t.Errorf("COG-01-01 2025 = %+v", places)
	}
	for _, prof := range []struct {
		name string
		p    colorprofile.Profile
	}{{"ansi", colorprofile.ANSI}, {"nocolor", colorprofile.NoTTY}} {
		t.Run(prof.name, func(t *testing.T) {
			golden.RequireEqual(t, hs.screen(prof.p))
		})
	}
	if out := hs.plain(); !strings.Contains(out, "3 Caf chargées") {
		t.Errorf("the screen says how many Caf are loaded:\n%s", out)
	}
}

func BenchmarkRenderNetwork(b *testing.B) {
	hs := negotiated(b, 120, 40)
	withNetwork(b, hs)
	hs.keys("<esc>", "r")
	b.ReportAllocs()
	for b.Loop() {
		_ = hs.m.View()
	}
}

// TestNetworkPlan: v shows the network's plan d'actions per fiche: the
// share of livrables réalisés and the Caf furthest behind.
func TestNetworkPlan(t *testing.T) {
	hs := negotiated(t, 120, 40)
	withNetwork(t, hs)
	hs.keys("<esc>", "r", "v")
	n, _ := hs.m.screens[screenNetwork].(networkScreen)
	if !n.plan {
		t.Fatal("v shows the plan d'actions")
	}
	var f8 cpog.NetworkPlanRow
	for _, r := range n.planRows {
		if r.Fiche == 8 {
			f8 = r
		}
	}
	// 25 livrables × 3 Caf; 6 réalisés; 59 is behind (1 réalisé, 1 late)
	if f8.Livrables != 25 || f8.Done != 6 || f8.Late != 1 || f8.Behind != "59" || f8.BehindDone != 1 {
		t.Errorf("fiche 8: %+v", f8)
	}
	golden.RequireEqual(t, hs.screen(colorprofile.NoTTY))
	hs.keys("v")
	if n, _ := hs.m.screens[screenNetwork].(networkScreen); n.plan {
		t.Error("v again goes back to the indicators")
	}
}

// TestNetworkPlanOwnCountIsLivrables: the Caf's own « x/25 réalisés » counts
// the COG's livrables as the network's columns do: a local action done
// adds nothing to it, a livrable done adds one.
func TestNetworkPlanOwnCountIsLivrables(t *testing.T) {
	hs := negotiated(t, 120, 40)
	withNetwork(t, hs)
	ctx := context.Background()
	ref := hs.m.st.ref
	ch, lk, err := cpog.AddLocalAction(ref, hs.contract(), cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "1"}, cpog.FollowUp{Label: "former l’accueil", Status: cpog.FollowDone})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hs.db.Apply(ctx, "91", ch); err != nil {
		t.Fatal(err)
	}
	ch, err = cpog.SetFollowUp(ref, hs.contract(), cpog.ItemKey{Fiche: 8, Side: cpog.SideCaisse, N: "1.1.1"}, cpog.FollowUp{Status: cpog.FollowDone})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hs.db.Apply(ctx, "91", ch); err != nil {
		t.Fatal(err)
	}
	hs.keys("<ctrl+r>", "<esc>", "r", "v")
	if hs.contract().FollowUps[lk].Status != cpog.FollowDone {
		t.Fatal("the local action is not done")
	}
	var row string
	for _, l := range strings.Split(hs.plain(), "\n") {
		if strings.Contains(l, "08 Sécuriser") {
			row = l
		}
	}
	if !strings.Contains(row, "1/25 réalisés") {
		t.Errorf("fiche 8's own count, want 1/25 réalisés (the livrable, not the local action):\n%s", row)
	}
}
