package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// gapRowFull is a row of `cpog gap --json` with the fields that say what
// the reference is made of.
type gapRowFull struct {
	Code      string   `json:"code"`
	Sub       *string  `json:"sub"`
	Year      int      `json:"year"`
	Kind      *string  `json:"kind"`
	National  *float64 `json:"national"`
	BandMin   *float64 `json:"band_min"`
	BandMax   *float64 `json:"band_max"`
	Mode      string   `json:"mode"`
	Weight    float64  `json:"weight"`
	Reference *float64 `json:"reference"`
	Quota     *float64 `json:"quota"`
	Held      bool     `json:"held"`
	Gap       *float64 `json:"gap"`
	Class     string   `json:"class"`
}

func (c *cli) fullRow(code string, year int) gapRowFull {
	c.t.Helper()
	var rows []gapRowFull
	c.jsonOut(&rows, "gap", "--json")
	for _, r := range rows {
		if r.Code == code && r.Year == year && r.Sub == nil {
			return r
		}
	}
	c.t.Fatalf("gap --json: no row for %s %d", code, year)
	return gapRowFull{}
}

// TestFiguresCommands: every action of the interface on a figure has its
// command: the baseline, the actual, an indicator's share key, a comment,
// the dated agreement; unchanged values write nothing.
func TestFiguresCommands(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.ok("caf", "set", "48", "--weight", "0,2 %") // the CCSS de la Lozère
	if out := c.ok("caf"); !strings.Contains(out, "Caisse commune de sécurité sociale de la Lozère (48) · poids 0,2 %") {
		t.Errorf("caf: %q", out)
	}

	// baseline, then a trajectory that holds it: 8 j is better than 11 j
	if out := c.ok("baseline", "08-30", "8 j"); out != "COG-08-30 : valeur de départ 2022 8 j\n" {
		t.Errorf("baseline: %q", out)
	}
	if out := c.ok("mode", "08-30", "trajectoire"); out != "COG-08-30 : mode trajectoire\n" {
		t.Errorf("mode: %q", out)
	}
	r := c.fullRow("COG-08-30", 2026)
	if r.Mode != "path" || r.Reference == nil || *r.Reference != 8 || !r.Held {
		t.Errorf("COG-08-30 2026 on a path from 8 j: %+v, want the reference holding 8 j", r)
	}
	if out := c.ok("mode", "08-30", "path"); !strings.HasPrefix(out, "inchangé") {
		t.Errorf("the same mode again, by its file name: %q", out)
	}

	// quote-part of a whole thing: whole reference, exact quota beside it
	r = c.fullRow("COG-11-45", 2027)
	if r.Reference == nil || *r.Reference != 0 || r.Quota == nil || *r.Quota != 0.264 || r.Weight != 0.2 || r.Kind == nil || *r.Kind != "value" {
		t.Errorf("COG-11-45 2027 for a 0,2 %% Caf: %+v, want reference 0, quota 0,264", r)
	}
	if out := c.ok("weight", "11-45", "1,5"); out != "COG-11-45 : clé de répartition 1,5 %\n" {
		t.Errorf("weight: %q", out)
	}
	r = c.fullRow("COG-11-45", 2027)
	if r.Reference == nil || *r.Reference != 2 || r.Quota == nil || *r.Quota != 1.98 || r.Weight != 1.5 {
		t.Errorf("COG-11-45 2027 with a key of 1,5 %%: %+v, want reference 2, quota 1,98", r)
	}
	c.ok("weight", "11-45", "--reset")
	if r = c.fullRow("COG-11-45", 2027); r.Weight != 0.2 {
		t.Errorf("after --reset: key %v, want the weight 0,2", r.Weight)
	}

	// a band and a rise keep what they are
	r = c.fullRow("COG-12-52", 2025)
	if r.Kind == nil || *r.Kind != "band" || r.BandMin == nil || *r.BandMin != 43 || r.BandMax == nil || *r.BandMax != 57 {
		t.Errorf("COG-12-52: %+v, want a band 43–57", r)
	}
	r = c.fullRow("COG-02-13", 2023)
	if r.Kind == nil || *r.Kind != "increment" || r.Reference == nil || *r.Reference != 28000 {
		t.Errorf("COG-02-13 2023: %+v, want a rise of 28 000 (14 M × 0,2 %%)", r)
	}

	// actual, comment, far value warned about
	if out := c.ok("actual", "08-29", "2024", "15,5 j"); out != "COG-08-29 2024 : réalisé 15,5 j\n" {
		t.Errorf("actual: %q", out)
	}
	if out := c.ok("comment", "08-29", "2024", "réorganisation de l’accueil"); out != "COG-08-29 2024 : commentaire\n" {
		t.Errorf("comment: %q", out)
	}
	res := c.run("set", "08-34", "2025", "330 000")
	if res.code != 0 || !strings.Contains(res.stderr, "attention : 330 000 est loin de la référence de la Caf (660)") {
		t.Errorf("the national figure typed for the Caf's: exit %d, stderr %q, want a warning", res.code, res.stderr)
	}
	if out := c.ok("set", "08-34", "2025", "330 000"); !strings.HasPrefix(out, "inchangé : ") {
		t.Errorf("the same value again: %q", out)
	}

	// the agreement, dated, of both parties
	c.ok("set", "08-29", "2025", "14 j")
	if out := c.ok("agree", "08-29", "2025", "--date", "20/11/2026"); out != "accord Caf–Cnaf du 20 novembre 2026 : COG-08-29 2025 : 14 j\n" {
		t.Errorf("agree: %q", out)
	}
	var hist []struct {
		Actor, Kind, Field string
		New                any `json:"new"`
	}
	c.jsonOut(&hist, "history", "COG-08-29", "--json")
	var dated bool
	for _, h := range hist {
		if h.Kind == "agree" && h.Field == "agreed_on" && h.New == "2026-11-20" && h.Actor == "caf_cnaf" {
			dated = true
		}
	}
	if !dated {
		b, _ := json.Marshal(hist)
		t.Errorf("the history records the accord Caf–Cnaf and its day: %s", b)
	}
}

// TestHelpIsFrench: the options read in French, without Go's type names.
func TestHelpIsFrench(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	for _, cmd := range [][]string{{"--help"}, {"set", "--help"}, {"export", "--help"}, {"agree", "--help"}, {"weight", "--help"}} {
		out := c.ok(cmd...)
		for _, english := range []string{" string", " int ", "(default", "float"} {
			if strings.Contains(out, english) {
				t.Errorf("cpog %s: %q in\n%s", strings.Join(cmd, " "), english, out)
			}
		}
	}
	if out := c.ok("set", "--help"); !strings.Contains(out, "--actor ACTEUR") || !strings.Contains(out, "(défaut : caf)") || !strings.Contains(out, "--caf CODE") {
		t.Errorf("set --help:\n%s", out)
	}
}
