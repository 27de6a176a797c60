package exchange_test

import (
	"testing"
	"time"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
	"github.com/cnaf-tools/cpog/seed"
)

// The printed documents (annex and bilan) are tested on a fixed contract,
// built in memory so that the golden files change only when a document
// does: agreed values on two days of the dialogue de gestion (and one
// agreed before cpog kept the day), a countered and a draft figure, every
// kind of national target (value, band, rise, change against a year,
// sub-indicator), actuals in every class of achievement, explanations and
// corrective actions, livrables réalisés and late, actions locales, and
// texts as a file may bring them: markup, pipes, backslashes, line breaks.

// hostileText is a text as an imported file may hold it.
const hostileText = "<script>alert(\"x\")</script> | colonne \\| échappée\nseconde ligne & 75% des cas"

// docDay is the day the fixture's documents are written.
var docDay = time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)

// agreedFigure is a target the fixture agrees: the test of the printed
// annex looks for each, written as a director reads it (printed, with
// plain spaces): volumes in full, an increment with its sign.
type agreedFigure struct {
	code, sub string
	year      int
	value     float64
	on        string
	printed   string
}

var fixtureAgreed = []agreedFigure{
	{"COG-01-01", "", 2023, 140, "2024-03-12", "140"},
	{"COG-01-01", "", 2024, 205, "2024-03-12", "205"},
	{"COG-01-01", "", 2025, 254, "2024-03-12", "254"},
	{"COG-01-02", "", 2025, 57.5, "2024-03-12", "57,5 %"},
	{"COG-02-13", "", 2025, 550_000, "2025-11-20", "+550 000"}, // hours more than in 2022
	{"COG-02-14", "", 2025, 2_731, "2025-11-20", "2 731"},
	{"COG-08-22", "", 2025, 88, "2025-11-20", "88 %"},
	{"COG-08-23", "b", 2025, 82, "2025-11-20", "82 %"},
	{"COG-08-29", "", 2025, 15, "2024-03-12", "15 j"},
	{"COG-10-41", "", 2025, 7_875_000.5, "2025-11-20", "7 875 000,5"}, // euros, not « 7,9 M »
	{"COG-12-47", "", 2025, 474.1, "2025-11-20", "474,1"},
	{"COG-12-52", "", 2025, 50, "2025-11-20", "50 %"},
	{"COG-12-53", "", 2025, -15, "2025-11-20", "-15 %"},
	{"COG-04-15", "", 2025, 73, "", "73 %"}, // agreed before cpog kept the day
}

// fixtureDocument is the fixed contract of the caisse cafCode, as an
// export of docDay writes it, with the bilan of 2025.
func fixtureDocument(t testing.TB, cafCode string) exchange.Document {
	t.Helper()
	ref, err := seed.Referential()
	if err != nil {
		t.Fatal(err)
	}
	cafs, err := seed.Cafs()
	if err != nil {
		t.Fatal(err)
	}
	var caf cpog.Caf
	for _, c := range cafs {
		if c.Code == cafCode {
			caf = c
		}
	}
	if caf.Code == "" {
		t.Fatalf("no caisse %s", cafCode)
	}
	c := cpog.NewContract(caf, ref.ID, 2.1, 2022)
	tk := func(code, sub string, year int) cpog.TargetKey {
		return cpog.TargetKey{LineKey: cpog.LineKey{Code: code, Sub: sub}, Year: year}
	}
	for _, a := range fixtureAgreed {
		c.Targets[tk(a.code, a.sub, a.year)] = cpog.Target{Proposed: cpog.Some(a.value), Agreed: cpog.Some(a.value), AgreedOn: a.on, Status: cpog.StatusAgreed}
	}
	c.Targets[tk("COG-01-01", "", 2026)] = cpog.Target{Proposed: cpog.Some(229), Counter: cpog.Some(235), Status: cpog.StatusCountered}
	c.Targets[tk("COG-01-01", "", 2027)] = cpog.Target{Proposed: cpog.Some(250), Status: cpog.StatusDraft}
	c.Targets[tk("COG-08-29", "", 2026)] = cpog.Target{Proposed: cpog.Some(13), Counter: cpog.Some(12), Status: cpog.StatusCountered}
	c.Targets[tk("COG-08-28", "", 2025)] = cpog.Target{Proposed: cpog.Some(85.6), Status: cpog.StatusProposed}
	// the bilan's texts, one of them as a file may bring it
	set := func(code, sub string, year int, f func(*cpog.Target)) {
		t := c.Targets[tk(code, sub, year)]
		f(&t)
		c.Targets[tk(code, sub, year)] = t
	}
	set("COG-01-01", "", 2025, func(t *cpog.Target) {
		t.Explanation, t.Action = "Retard de livraison de deux EAJE", "Relance des porteurs de projet"
	})
	set("COG-10-41", "", 2025, func(t *cpog.Target) { t.Explanation, t.Action = hostileText, "Renfort du contrôle | ciblage" })
	// a share key of its own (the caisse's share of children under 3: its
	// quota of the 8 300 places of 2027 is 257), a path from the caisse's
	// own level
	c.ShareKeys["COG-01-01"] = 3.1
	c.Modes["COG-01-04"] = cpog.ModePath
	c.Baselines[cpog.LineKey{Code: "COG-01-04"}] = 18
	// actuals of the bilan's year (and one before) in every class
	for _, a := range []struct {
		code, sub string
		year      int
		v         float64
	}{
		{"COG-01-01", "", 2024, 210}, {"COG-01-01", "", 2025, 230}, // 90,6 %: non atteint
		{"COG-02-13", "", 2025, 540_000},                             // proche
		{"COG-08-22", "", 2025, 87.5},                                // proche
		{"COG-08-23", "b", 2025, 83},                                 // atteint
		{"COG-08-29", "", 2024, 15.5}, {"COG-08-29", "", 2025, 14.5}, // atteint, lower is better
		{"COG-10-41", "", 2025, 7_000_000}, // non atteint
		{"COG-12-52", "", 2025, 61},        // outside the band
		{"COG-12-53", "", 2025, -12},       // a fall: no rate, only a class
		{"COG-01-02", "", 2025, 58},        // atteint
		{"COG-01-03", "", 2025, 22.8},      // no target: compared with the reference
	} {
		c.Actuals[tk(a.code, a.sub, a.year)] = a.v
	}
	// the plan d'actions
	ik := func(fiche int, n string) cpog.ItemKey { return cpog.ItemKey{Fiche: fiche, Side: cpog.SideCaisse, N: n} }
	c.FollowUps[ik(1, "1.1.1")] = cpog.FollowUp{Status: cpog.FollowDone, Pilot: "Service petite enfance", Comment: "Carte des RPE publiée", Due: "2025-06"}
	c.FollowUps[ik(1, "1.1.2")] = cpog.FollowUp{Status: cpog.FollowDoing, Pilot: "Direction", Due: "2025-06", Comment: "en attente du prestataire"}
	c.FollowUps[ik(1, "2.2.1")] = cpog.FollowUp{Status: cpog.FollowDoing, Due: "2027-06"}
	c.FollowUps[ik(3, "1.1.1")] = cpog.FollowUp{Status: cpog.FollowDone, Comment: "Offre ouverte à 75% des jeunes"}
	c.FollowUps[ik(8, "3.1.1")] = cpog.FollowUp{Status: cpog.FollowDone, Comment: "Socle rédigé", Evidence: "intranet"}
	c.FollowUps[ik(8, "1.L1")] = cpog.FollowUp{Label: "Accueil <b>sans</b> rendez-vous | samedi\nmatin", Status: cpog.FollowTodo,
		Due: "2026-06", Pilot: "DRS | <script>x</script>", Comment: hostileText}
	c.FollowUps[ik(5, "1.L1")] = cpog.FollowUp{Label: "Plan local outre-mer", Status: cpog.FollowDone, Pilot: "Direction de l’action sociale", Due: "2026-03"}
	return exchange.Document{Ref: ref, Contract: c, ExportedAt: docDay, Actor: cpog.ActorCaf, BilanYear: 2025}
}
