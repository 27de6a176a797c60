package exchange

import (
	"time"

	"github.com/cnaf-tools/cpog"
)

// futureSlack is how far in the future an exchange file's date may be: a
// day covers clocks and time zones; beyond, the date is wrong, and a file
// of the year 9999 would shadow every later file of its Caf in the
// network.
const futureSlack = 24 * time.Hour

// readHead checks the members of an exchange file that describe it (its
// actor, its date) and its contract as a whole (weight, baseline year),
// and returns the contract they start.
func readHead(f *exchangeFile, lines memberLines, ref *cpog.Referential, ex *Exchange, ps *problems) *cpog.Contract {
	ex.Actor = cpog.ActorCaf
	if f.Actor != "" {
		a, err := cpog.ParseActor(f.Actor)
		if err != nil {
			ps.line(lines.member["actor"], "%v", err)
		}
		ex.Actor = a
	}
	if f.ExportedAt != "" {
		t, err := time.Parse(time.RFC3339, f.ExportedAt)
		switch {
		case err != nil:
			ps.line(lines.member["exported_at"], "date d’export illisible : « %s » (attendu : 2026-11-22T10:00:00Z)", cpog.Cite(f.ExportedAt))
		case t.After(time.Now().Add(futureSlack)):
			ps.line(lines.member["exported_at"], "date d’export dans le futur (%s) : l’horloge du poste qui a établi le fichier est sans doute déréglée ; exportez-le de nouveau", t.UTC().Format(time.DateOnly))
		}
		ex.ExportedAt = t
	}
	c := cpog.NewContract(cpog.Caf{Code: ex.Caf, Name: f.Caf.Name}, ref.ID, 0, f.BaselineYear)
	switch {
	case f.Weight == nil:
		ps.line(lines.member["weight"], "poids de la Caf absent (champ weight)")
	default:
		if err := cpog.ValidateWeight(*f.Weight); err != nil {
			ps.line(lines.member["weight"], "%v", err)
		}
		c.Weight = *f.Weight
	}
	if f.BaselineYear == 0 {
		ps.line(lines.member["baseline_year"], "année de référence absente (champ baseline_year)")
	} else if err := cpog.CheckBaselineYear(ref, f.BaselineYear); err != nil {
		ps.line(lines.member["baseline_year"], "%v", err)
	}
	return c
}
