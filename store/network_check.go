package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/cnaf-tools/cpog"
)

// networkCheck verifies the network dataset for doctor: each member on the
// referential in force with a valid weight, and each row of its figures on
// an indicator, a sub-indicator and a year of that referential, with a
// known mode or status. SQL alone cannot say this (the rows do not carry
// the referential they decline), and a row outside it would silently be
// left out of every aggregate.
func (db *DB) networkCheck(ctx context.Context) Check {
	c := Check{Name: "réseau conforme au référentiel"}
	ref, err := db.Referential(ctx)
	if err != nil {
		c.Detail = fmt.Sprintf("référentiel illisible : %v", err)
		return c
	}
	codes := map[string]bool{}
	lines := map[cpog.LineKey]bool{}
	for i := range ref.Indicators {
		codes[ref.Indicators[i].Code] = true
		for _, l := range ref.Indicators[i].Lines() {
			lines[l.Key()] = true
		}
	}
	var problems []string
	var members, targets int
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	queries := []struct {
		sql  string
		scan func(*sql.Rows) error
	}{
		{"SELECT caf_code, ref_id, weight FROM network_member", func(rows *sql.Rows) error {
			var caf, refID string
			var w float64
			if err := rows.Scan(&caf, &refID, &w); err != nil {
				return err
			}
			members++
			if refID != ref.ID {
				fail("Caf %s : établie sur le référentiel %s, la base utilise %s", caf, refID, ref.ID)
			}
			if cpog.ValidateWeight(w) != nil {
				fail("Caf %s : poids %s invalide", caf, cpog.FormatNumber(w))
			}
			return nil
		}},
		{"SELECT caf_code, code, mode FROM network_mode", func(rows *sql.Rows) error {
			var caf, code, mode string
			if err := rows.Scan(&caf, &code, &mode); err != nil {
				return err
			}
			if !codes[code] || !cpog.Mode(mode).Valid() {
				fail("Caf %s : mode « %s » de l’indicateur %s hors du référentiel", caf, mode, code)
			}
			return nil
		}},
		{"SELECT caf_code, code, sub FROM network_baseline", func(rows *sql.Rows) error {
			var caf string
			var k cpog.LineKey
			if err := rows.Scan(&caf, &k.Code, &k.Sub); err != nil {
				return err
			}
			if !lines[k] {
				fail("Caf %s : valeur de référence de %s hors du référentiel", caf, k)
			}
			return nil
		}},
		{"SELECT caf_code, code, sub, year, status FROM network_target", func(rows *sql.Rows) error {
			var caf, status string
			var k cpog.TargetKey
			if err := rows.Scan(&caf, &k.Code, &k.Sub, &k.Year, &status); err != nil {
				return err
			}
			targets++
			if !lines[k.LineKey] || !ref.HasYear(k.Year) || !cpog.Status(status).Valid() {
				fail("Caf %s : cible %s %d (statut « %s ») hors du référentiel", caf, k.LineKey, k.Year, status)
			}
			return nil
		}},
		{"SELECT caf_code, fiche, n, status, due FROM network_follow_up", func(rows *sql.Rows) error {
			var caf, n, status, due string
			var fiche int
			if err := rows.Scan(&caf, &fiche, &n, &status, &due); err != nil {
				return err
			}
			k := cpog.ItemKey{Fiche: fiche, Side: cpog.SideCaisse, N: n}
			if err := cpog.CheckFileFollowUp(ref, k, cpog.FollowUp{Status: cpog.FollowStatus(status), Due: due}); err != nil || k.IsLocal() {
				fail("Caf %s : suivi du livrable %s hors du référentiel", caf, k)
			}
			return nil
		}},
	}
	for _, q := range queries {
		if err := db.eachRow(ctx, q.sql, q.scan); err != nil {
			c.Detail = fmt.Sprintf("réseau illisible : %v", db.formatError(err))
			return c
		}
	}
	c.OK = len(problems) == 0
	switch {
	case !c.OK:
		c.Detail = firstLines(problems, 5)
	case members == 0:
		c.Detail = "réseau vide"
	default:
		c.Detail = fmt.Sprintf("%d Caf, %d cibles, toutes sur des indicateurs et des années du référentiel", members, targets)
	}
	return c
}
