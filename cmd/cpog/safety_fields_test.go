package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/seed"
)

// Issue 12, item 3: every imported field is checked. baseline_year was
// never checked (−5 and 2 147 483 647 were accepted, poisoning the
// contract for good), an exported_at in the future was taken, an
// indicator could get two modes under two of its names.
func TestImportedFieldsAreChecked(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	before := negotiated(c)
	for _, tc := range []struct {
		name, want string
		edit       func(map[string]any)
	}{
		{"annee-negative.json", "année de référence -5 invalide", func(d map[string]any) { d["baseline_year"] = -5 }},
		{"annee-enorme.json", "année de référence 2147483647 invalide", func(d map[string]any) { d["baseline_year"] = 2147483647 }},
		{"annee-dans-la-periode.json", "année de référence 2024 invalide", func(d map[string]any) { d["baseline_year"] = 2024 }},
		{"date-9999.json", "date d’export dans le futur", func(d map[string]any) { d["exported_at"] = "9999-12-31T23:59:59Z" }},
		{"deux-modes.json", "a deux modes", func(d map[string]any) {
			d["modes"] = map[string]any{"COG-08-29": "same", "08-29": "free"}
		}},
		{"poids-nul.json", "poids", func(d map[string]any) { d["weight"] = 0 }},
		{"poids-trop.json", "poids", func(d map[string]any) { d["weight"] = 101 }},
		{"sous-indicateur.json", "sous-indicateur", func(d map[string]any) {
			d["targets"].([]any)[0].(map[string]any)["sub"] = "z"
		}},
		{"valeur-absurde.json", "hors limites", func(d map[string]any) {
			d["targets"].([]any)[0].(map[string]any)["proposal"] = 1e305
		}},
	} {
		doc := exportedDoc(c)
		tc.edit(doc)
		file := c.writeDoc(tc.name, doc)
		for _, dry := range []bool{true, false} {
			args := []string{"import", file}
			if dry {
				args = append(args, "--dry-run")
			}
			c.mustRefuse(tc.want, args...)
		}
	}
	c.checkIntact(before)
	// into a fresh database, where the file's baseline year would start
	// the contract
	fresh := newCLI(t)
	for _, y := range []int{-5, 2147483647} {
		doc := exportedDoc(c)
		doc["baseline_year"] = y
		fresh.mustRefuse(fmt.Sprintf("année de référence %d invalide", y), "import", c.writeDoc("neuve.json", doc))
	}
	if r := fresh.run("caf"); r.code == 0 {
		t.Errorf("a refused import chose a Caf: %s", r.stdout)
	}
}

// Issue 12: a network file dated 9999 shadowed every later file of its
// Caf; network weights adding up to 202 % were accepted.
func TestNetworkDatesAndWeightsAreChecked(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiated(c)
	ref, _ := seed.Referential()
	cafs, _ := seed.Cafs()
	dir := filepath.Join(c.dir, "reseau")
	os.Mkdir(dir, 0o700)
	future := cpog.NewContract(cafs[0], ref.ID, 1, 2022)
	writeExchange(t, filepath.Join(dir, "a-futur.json"), ref, future, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC))
	r := c.run("network", "import", dir)
	if r.code != 1 || !strings.Contains(r.stderr, "a-futur.json") || !strings.Contains(r.stderr, "dans le futur") {
		t.Errorf("a file dated 9999: exit %d, %q", r.code, r.stderr)
	}
	os.Remove(filepath.Join(dir, "a-futur.json"))
	// two Caf weighing 100 % each, and a third 2 %: 202 %
	for i := range 2 {
		ct := cpog.NewContract(cafs[i+1], ref.ID, 100, 2022)
		writeExchange(t, filepath.Join(dir, fmt.Sprintf("caf-%d.json", i)), ref, ct, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	}
	later := cpog.NewContract(cafs[0], ref.ID, 2, 2022)
	writeExchange(t, filepath.Join(dir, "b-plus-tard.json"), ref, later, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	r = c.run("network", "import", dir)
	if r.code != 0 || !strings.Contains(r.stdout, "3 fichier(s) chargé(s)") {
		t.Errorf("network import: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "attention") || !strings.Contains(r.stderr, "202 %") || !strings.Contains(r.stderr, "plus que 100 %") {
		t.Errorf("network weights of 202 %% not flagged: %q", r.stderr)
	}
}
