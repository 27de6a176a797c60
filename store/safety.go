package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/seed"
)

// Check is the outcome of one verification of the database.
type Check struct {
	Name   string // French, e.g. "intégrité de la base"
	OK     bool
	Detail string // French; what was found
}

// Checks verifies the database for `cpog doctor`: SQLite's integrity and
// foreign keys, the schema version, the referential's checksum against the
// embedded one, the installed referential against the embedded one figure
// by figure, the Caf in use, and the network dataset against the
// referential. It reports every check; err is only for a database that
// cannot be read at all.
func (db *DB) Checks(ctx context.Context) ([]Check, error) {
	var out []Check
	integrity, err := db.pragmaLines(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, fmt.Errorf("integrity_check: %w", db.formatError(err))
	}
	if len(integrity) == 1 && integrity[0] == "ok" {
		out = append(out, Check{Name: "intégrité de la base (integrity_check)", OK: true, Detail: "ok"})
	} else {
		out = append(out, Check{Name: "intégrité de la base (integrity_check)", Detail: firstLines(integrity, 5)})
	}
	fk, err := db.foreignKeyProblems(ctx)
	if err != nil {
		return nil, fmt.Errorf("foreign_key_check: %w", db.formatError(err))
	}
	out = append(out, Check{Name: "clés étrangères (foreign_key_check)", OK: len(fk) == 0, Detail: orOK(fk)})

	var v int
	if err := db.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return nil, fmt.Errorf("user_version: %w", db.formatError(err))
	}
	out = append(out, Check{Name: "version du schéma", OK: v == SchemaVersion(),
		Detail: fmt.Sprintf("schéma %d, cette version de cpog écrit le schéma %d", v, SchemaVersion())})

	out = append(out, db.checksumCheck(ctx), db.referentialCheck(ctx), db.currentCafCheck(ctx), db.networkCheck(ctx))
	return out, nil
}

func (db *DB) pragmaLines(ctx context.Context, q string) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (db *DB) foreignKeyProblems(ctx context.Context) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var table, parent string
		var rowid, fkid any
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("%s (ligne %v) renvoie à une ligne absente de %s", table, rowid, parent))
	}
	return out, rows.Err()
}

func (db *DB) checksumCheck(ctx context.Context) Check {
	c := Check{Name: "empreinte du référentiel"}
	var id, sum string
	err := db.db.QueryRowContext(ctx, "SELECT id, checksum FROM referential ORDER BY installed_at DESC LIMIT 1").Scan(&id, &sum)
	if err != nil {
		c.Detail = fmt.Sprintf("référentiel illisible : %v", db.formatError(err))
		return c
	}
	want := seed.Checksum()
	c.OK = sum == want
	if c.OK {
		c.Detail = fmt.Sprintf("%s, identique au référentiel intégré (%s…)", id, want[:12])
	} else {
		c.Detail = fmt.Sprintf("%s installé avec l’empreinte %s…, le référentiel intégré a l’empreinte %s…", id, prefix(sum, 12), want[:12])
	}
	return c
}

func prefix(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// referentialCheck re-derives the installed referential from its tables
// and compares it with the embedded one, figure by figure.
func (db *DB) referentialCheck(ctx context.Context) Check {
	c := Check{Name: "référentiel installé conforme au référentiel intégré"}
	want, err := seed.Referential()
	if err != nil {
		c.Detail = fmt.Sprintf("référentiel intégré illisible : %v", err)
		return c
	}
	got, err := db.installedReferential(ctx)
	if err != nil {
		c.Detail = fmt.Sprintf("référentiel installé illisible : %v", err)
		return c
	}
	diffs := append(compareReferentials(want, got, true), compareCommitments(want, got)...)
	c.OK = len(diffs) == 0
	if c.OK {
		items := 0
		for _, e := range got.Engagements {
			items++
			for _, a := range e.Actions {
				items += 1 + len(a.Livrables)
			}
		}
		c.Detail = fmt.Sprintf("%d indicateurs, cibles nationales identiques ; %d engagements, actions et livrables identiques", len(got.Indicators), items)
	} else {
		c.Detail = firstLines(diffs, 5)
	}
	return c
}

func (db *DB) currentCafCheck(ctx context.Context) Check {
	c := Check{Name: "Caf en cours"}
	code, ok, err := db.CurrentCaf(ctx)
	switch {
	case err != nil:
		c.Detail = err.Error()
	case !ok:
		c.OK, c.Detail = true, "aucune Caf choisie pour l’instant"
	default:
		if _, err := db.Contract(ctx, code); err != nil {
			c.Detail = fmt.Sprintf("Caf %s choisie mais son contrat est illisible : %v", code, err)
		} else {
			c.OK, c.Detail = true, fmt.Sprintf("Caf %s, contrat présent", code)
		}
	}
	return c
}

// compareReferentials lists, in French, how got differs from want: in
// every figure a contract is judged by, and when measures is set in the
// measure of each indicator too (an earlier cpog did not record them).
func compareReferentials(want, got *cpog.Referential, measures bool) []string {
	var out []string
	diff := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if want.ID != got.ID || want.Revision != got.Revision {
		diff("référentiel %s révision %d installé, %s révision %d intégré", got.ID, got.Revision, want.ID, want.Revision)
	}
	if !slices.Equal(want.Years, got.Years) {
		diff("années %v installées, %v attendues", got.Years, want.Years)
	}
	if !slices.Equal(want.Axes, got.Axes) {
		diff("axes différents")
	}
	if !slices.Equal(want.Fiches, got.Fiches) {
		diff("fiches différentes")
	}
	gotInd := map[string]*cpog.Indicator{}
	for i := range got.Indicators {
		gotInd[got.Indicators[i].Code] = &got.Indicators[i]
	}
	if len(got.Indicators) != len(want.Indicators) {
		diff("%d indicateurs installés, %d attendus", len(got.Indicators), len(want.Indicators))
	}
	for i := range want.Indicators {
		w := &want.Indicators[i]
		g, ok := gotInd[w.Code]
		if !ok {
			diff("%s absent", w.Code)
			continue
		}
		if w.N != g.N || w.Fiche != g.Fiche || w.Label != g.Label || w.Unit != g.Unit || w.Direction != g.Direction || w.Mode != g.Mode {
			diff("%s : description différente", w.Code)
		}
		if measures && w.Measure != g.Measure {
			diff("%s : mesure %s installée, %s attendue", w.Code, g.Measure, w.Measure)
		}
		wa, ga := slices.Sorted(slices.Values(w.Aliases)), slices.Sorted(slices.Values(g.Aliases))
		if !slices.Equal(wa, ga) {
			diff("%s : alias différents", w.Code)
		}
		wl, gl := w.Lines(), g.Lines()
		if len(wl) != len(gl) {
			diff("%s : %d lignes installées, %d attendues", w.Code, len(gl), len(wl))
			continue
		}
		for j := range wl {
			if wl[j].Sub != gl[j].Sub || wl[j].Label != gl[j].Label {
				diff("%s : sous-indicateur %q différent", w.Code, wl[j].Sub)
			}
			for _, y := range want.Years {
				wt, wok := wl[j].Targets[y]
				gt, gok := gl[j].Targets[y]
				if wok != gok || wt != gt {
					diff("%s %d : cible nationale %q installée, %q attendue", wl[j].Key(), y, gt.Raw, wt.Raw)
				}
			}
		}
	}
	return out
}

func firstLines(lines []string, n int) string {
	if len(lines) <= n {
		return strings.Join(lines, " ; ")
	}
	return strings.Join(lines[:n], " ; ") + fmt.Sprintf(" ; … et %d autres", len(lines)-n)
}

func orOK(lines []string) string {
	if len(lines) == 0 {
		return "ok"
	}
	return firstLines(lines, 5)
}
