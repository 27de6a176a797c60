package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnaf-tools/cpog/store/storetest"
)

// engagementOut is what a script reads of `cpog engagements --json`.
type engagementOut struct {
	Fiche   int    `json:"fiche"`
	N       string `json:"n"`
	Label   string `json:"label"`
	Side    string `json:"side"`
	Actions []struct {
		N         string `json:"n"`
		Label     string `json:"label"`
		Livrables []struct {
			N       string `json:"n"`
			Label   string `json:"label"`
			EachCaf bool   `json:"each_caf"`
			Status  string `json:"status"`
			Due     string `json:"due"`
			Pilot   string `json:"pilot"`
			Comment string `json:"comment"`
			Late    bool   `json:"late"`
		} `json:"livrables"`
	} `json:"actions"`
	LocalActions []struct {
		N      string `json:"n"`
		Label  string `json:"label"`
		Status string `json:"status"`
		Due    string `json:"due"`
		Pilot  string `json:"pilot"`
	} `json:"local_actions"`
	FollowUp *struct {
		Status  string `json:"status"`
		Comment string `json:"comment"`
	} `json:"follow_up"`
}

// TestPlanCommands: the plan d'actions from the command line — listing,
// following a livrable, the Caf's local actions — with the JSON a script
// reads, French refusals, and undo.
func TestPlanCommands(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.startFrom("caf-91")

	var es []engagementOut
	c.jsonOut(&es, "engagements", "--fiche", "8", "--json")
	sides := map[string]int{}
	var livrables int
	for _, e := range es {
		sides[e.Side]++
		if e.Fiche != 8 {
			t.Errorf("--fiche 8 lists fiche %d", e.Fiche)
		}
		for _, a := range e.Actions {
			livrables += len(a.Livrables)
		}
	}
	// fiche 8 prints 4 engagements of the caisse with 25 livrables, and no table of the État
	if sides["caisse"] != 4 || sides["etat"] != 0 || livrables != 25 {
		t.Errorf("fiche 8: %v engagements, %d livrables; want caisse 4, État 0, 25 livrables", sides, livrables)
	}
	l := es[2].Actions[0].Livrables[0]
	if es[2].N != "3" || l.N != "3.1.1" || !l.EachCaf || l.Status != "none" || l.Late || !strings.HasPrefix(l.Label, "Déclinaison formalisée du socle de service") {
		t.Errorf("livrable 3.1.1 as listed: %+v", l)
	}

	out := c.ok("livrable", "8", "3.1.1", "--status", "en-cours", "--due", "01/2020", "--pilot", "Direction du service", "--comment", "socle rédigé")
	if !strings.Contains(out, "fiche 8 · 3.1.1") {
		t.Errorf("livrable: %q", out)
	}
	c.jsonOut(&es, "engagements", "--fiche", "8", "--json")
	l = es[2].Actions[0].Livrables[0]
	if l.Status != "doing" || l.Due != "2020-01" || l.Pilot != "Direction du service" || l.Comment != "socle rédigé" || !l.Late {
		t.Errorf("followed livrable: %+v (a due month of 2020 not done is late)", l)
	}
	if out := c.ok("engagements", "--fiche", "8"); !strings.Contains(out, "◐ en cours · échéance 01/2020 · EN RETARD · pilote : Direction du service") {
		t.Errorf("engagements text:\n%s", out)
	}
	if out := c.ok("livrable", "8", "3.1.1", "--status", "en cours"); !strings.Contains(out, "inchangé") {
		t.Errorf("the same status again: %q", out)
	}

	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"livrable", "8", "3.1.1", "--status", "fini"}, "statut inconnu"},
		{[]string{"livrable", "8", "3.1.1", "--due", "juin"}, "échéance"},
		{[]string{"livrable", "8", "3.1", "--status", "réalisé"}, "se suit par ses livrables"},
		{[]string{"livrable", "8", "9.9.9", "--status", "réalisé"}, "9.9.9"},
		{[]string{"livrable", "42", "1.1.1"}, "fiche inconnue"},
		{[]string{"livrable", "8", "3.1.1", "--pilot", "a\x1b[31mb"}, "caractère de contrôle"},
		{[]string{"action-locale", "add", "8", "3", " "}, "libellé"},
		{[]string{"action-locale", "set", "8", "3.1.1", "--status", "réalisé"}, "n’est pas une action locale"},
		{[]string{"action-locale", "rm", "8", "3.1.1"}, "action"},
	} {
		r := c.run(tc.args...)
		if r.code == 0 || !strings.Contains(r.stderr, tc.msg) {
			t.Errorf("cpog %q: exit %d, stderr %q, want a refusal saying %q", tc.args, r.code, r.stderr, tc.msg)
		}
	}

	c.ok("action-locale", "add", "8", "3", "Former l’accueil au socle", "--pilot", "RH", "--due", "2027-09")
	c.ok("action-locale", "set", "8", "3.L1", "--status", "réalisé")
	c.jsonOut(&es, "engagements", "--fiche", "8", "--json")
	if la := es[2].LocalActions; len(la) != 1 || la[0].N != "3.L1" || la[0].Label != "Former l’accueil au socle" || la[0].Status != "done" || la[0].Pilot != "RH" || la[0].Due != "2027-09" {
		t.Errorf("local actions of engagement 3: %+v", la)
	}
	c.ok("action-locale", "rm", "8", "3.L1")
	c.jsonOut(&es, "engagements", "--fiche", "8", "--json")
	if la := es[2].LocalActions; len(la) != 0 {
		t.Errorf("after rm: %+v", la)
	}
	c.ok("undo")
	c.jsonOut(&es, "engagements", "--fiche", "8", "--json")
	if la := es[2].LocalActions; len(la) != 1 || la[0].Status != "done" {
		t.Errorf("undo of rm gives back the local action: %+v", la)
	}

	// the État's engagements are followed for information
	c.ok("livrable", "3", "1", "--etat", "--comment", "décret attendu")
	c.jsonOut(&es, "engagements", "--fiche", "3", "--json")
	etat := 0
	for _, e := range es {
		if e.Side == "etat" {
			etat++
			if e.FollowUp == nil || e.FollowUp.Comment != "décret attendu" {
				t.Errorf("État engagement 1 of fiche 3: %+v", e.FollowUp)
			}
		}
	}
	if etat != 1 {
		t.Errorf("fiche 3 has %d engagements of the État, want 1", etat)
	}
	if out := c.ok("history"); !strings.Contains(out, "fiche 8 · 3.1.1") || !strings.Contains(out, "fiche 3 · État 1") {
		t.Errorf("history does not name the items:\n%s", out)
	}
}

// bilanOut is a row of `cpog bilan --json`.
type bilanOut struct {
	Code        string   `json:"code"`
	Sub         *string  `json:"sub"`
	Year        int      `json:"year"`
	Target      *float64 `json:"target"`
	Agreed      bool     `json:"agreed"`
	Reference   *float64 `json:"reference"`
	Actual      *float64 `json:"actual"`
	Achievement *float64 `json:"achievement"`
	Class       string   `json:"class"`
	Explanation string   `json:"explanation"`
	Action      string   `json:"action"`
}

// TestBilanCommands: the bilan annuel from the command line, its two
// texts, and the day it is due.
func TestBilanCommands(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.startFrom("caf-91")
	c.ok("set", "08-29", "2025", "15")
	c.ok("actual", "08-29", "2025", "17")
	c.ok("explain", "08-29", "2025", "pic de demandes après la réforme")
	c.ok("action", "08-29", "2025", "renfort de deux gestionnaires")
	c.ok("set", "08-23", "2025", "82", "--sub", "a")
	c.ok("agree", "08-23", "2025", "--sub", "a", "--date", "03/12/2026")
	c.ok("actual", "08-23", "2025", "83", "--sub", "a")

	var rows []bilanOut
	c.jsonOut(&rows, "bilan", "--year", "2025", "--json")
	got := map[string]bilanOut{}
	for _, r := range rows {
		if r.Year != 2025 {
			t.Errorf("--year 2025 gives a row of %d", r.Year)
		}
		k := r.Code
		if r.Sub != nil {
			k += " " + *r.Sub
		}
		got[k] = r
	}
	if len(rows) != 57 {
		t.Errorf("%d rows, want one per line of the COG (57)", len(rows))
	}
	if r := got["COG-08-29"]; !sameNum(r.Target, num(15)) || !sameNum(r.Actual, num(17)) || !sameNum(r.Achievement, num(88.24)) ||
		r.Class != "non_atteint" || r.Explanation != "pic de demandes après la réforme" || r.Action != "renfort de deux gestionnaires" || !sameNum(r.Reference, num(15)) {
		t.Errorf("COG-08-29: %+v", r)
	}
	if r := got["COG-08-23 a"]; !r.Agreed || !sameNum(r.Target, num(82)) || r.Class != "atteint" || !sameNum(r.Achievement, num(101.22)) {
		t.Errorf("COG-08-23 a: %+v", r)
	}
	if r := got["COG-01-01"]; r.Class != "sans_realise" || r.Actual != nil || r.Achievement != nil {
		t.Errorf("a line without actual: %+v", r)
	}
	out := c.ok("bilan", "--year", "2025")
	for _, want := range []string{"Bilan annuel 2025 · à rendre le 15 mars 2026", "COG-08-29", "pic de demandes après la réforme · renfort de deux gestionnaires", "✗ non atteint"} {
		if !strings.Contains(out, want) {
			t.Errorf("bilan text lacks %q:\n%s", want, out)
		}
	}
	if r := c.run("explain", "08-29", "2025", "a\nb"); r.code == 0 || !strings.Contains(r.stderr, "caractère de contrôle") {
		t.Errorf("a line break in an explanation: %d %q", r.code, r.stderr)
	}
	if r := c.run("bilan", "--year", "2031"); r.code == 0 || !strings.Contains(r.stderr, "année invalide") {
		t.Errorf("bilan of 2031: %d %q", r.code, r.stderr)
	}

	if out := c.ok("bilan", "echeance", "31/03"); !strings.Contains(out, "bilan dû le 31 mars") {
		t.Errorf("echeance: %q", out)
	}
	if out := c.ok("bilan", "--year", "2025"); !strings.Contains(out, "à rendre le 31 mars 2026") {
		t.Errorf("the due day set is not used:\n%s", out)
	}
	if r := c.run("bilan", "echeance", "29/02"); r.code == 0 || !strings.Contains(r.stderr, "n’existe pas tous les ans") {
		t.Errorf("29/02: %d %q", r.code, r.stderr)
	}
}

// TestNetworkPlanCommand: Caf export their plan d'actions in their
// exchange files; the network shows, per fiche, the share of livrables
// réalisés and the Caf furthest behind.
func TestNetworkPlanCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, spec := range []struct {
		code string
		done []string
	}{{"13", []string{"1.1.1", "1.1.2"}}, {"59", nil}, {"69", []string{"1.1.1"}}} {
		c := newCLI(t)
		c.ok("caf", "set", spec.code)
		for _, n := range spec.done {
			c.ok("livrable", "8", n, "--status", "réalisé")
		}
		if spec.code == "59" {
			c.ok("livrable", "8", "2.1.1", "--status", "en cours", "--due", "2020-01")
		}
		c.ok("export", "--format", "json", "-o", filepath.Join(dir, spec.code+".json"))
	}
	c := newCLI(t)
	c.ok("network", "import", dir)
	var rows []struct {
		Fiche      int     `json:"fiche"`
		Livrables  int     `json:"livrables"`
		Cafs       int     `json:"cafs"`
		Done       int     `json:"done"`
		Late       int     `json:"late"`
		Share      float64 `json:"share"`
		Behind     *string `json:"behind"`
		BehindDone int     `json:"behind_done"`
	}
	c.jsonOut(&rows, "network", "plan", "--json")
	if len(rows) != 16 {
		t.Fatalf("%d fiches, want 16", len(rows))
	}
	f8 := rows[7]
	if f8.Fiche != 8 || f8.Livrables != 25 || f8.Cafs != 3 || f8.Done != 3 || f8.Late != 1 || f8.Share != 4 || f8.Behind == nil || *f8.Behind != "59" || f8.BehindDone != 0 {
		t.Errorf("fiche 8: %+v", f8)
	}
	if rows[0].Behind != nil {
		t.Errorf("fiche 1, every Caf at the same point, names %q", *rows[0].Behind)
	}
	if out := c.ok("network", "plan"); !strings.Contains(out, "3 Caf dans le réseau") || !strings.Contains(out, "59 (0/25)") {
		t.Errorf("network plan:\n%s", out)
	}
}

// TestBilanDueWithoutCaf: the bilan's due day is the database's setting,
// set and read before any Caf is chosen.
func TestBilanDueWithoutCaf(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	if err := os.MkdirAll(filepath.Dir(c.db), 0o700); err != nil {
		t.Fatal(err)
	}
	storetest.NewFile(t, c.db)
	if out := c.ok("bilan", "echeance", "31/03"); !strings.Contains(out, "bilan dû le 31 mars") {
		t.Errorf("bilan echeance 31/03: %q", out)
	}
	if out := c.ok("bilan", "echeance"); !strings.Contains(out, "31 mars") {
		t.Errorf("bilan echeance: %q", out)
	}
}
