package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/cnaf-tools/cpog"
)

// The referential's second half in the database: the fiches' tables of
// engagements, actions and livrables, and the remarks of their
// transcription, so that the database describes itself (sqlite3) and
// doctor can compare them with the embedded ones.

func insertCommitments(ctx context.Context, tx *sql.Tx, r *cpog.Referential) error {
	var rows []any
	pos := 0
	row := func(e cpog.Engagement, n, printed string, level int, label string, eachCaf bool) {
		pos++
		each := 0
		if eachCaf {
			each = 1
		}
		rows = append(rows, r.ID, e.Fiche, string(e.Side), n, printed, level, label, each, pos)
	}
	for _, e := range r.Engagements {
		row(e, e.N, e.Printed, 0, e.Label, false)
		for _, a := range e.Actions {
			row(e, a.N, "", 1, a.Label, false)
			for _, l := range a.Livrables {
				row(e, l.N, l.Printed, 2, l.Label, l.EachCaf)
			}
		}
	}
	if err := insertRows(ctx, tx, "commitment(ref_id, fiche, side, n, printed, level, label, each_caf, pos)", 9, rows); err != nil {
		return fmt.Errorf("engagements: %w", err)
	}
	var notes []any
	for i, n := range r.EngagementNotes {
		notes = append(notes, r.ID, n.Fiche, i, n.Text)
	}
	if err := insertRows(ctx, tx, "commitment_note(ref_id, fiche, pos, text)", 4, notes); err != nil {
		return fmt.Errorf("engagement notes: %w", err)
	}
	return nil
}

// loadCommitments reads the tables back into the referential, in the
// order they were installed.
func (db *DB) loadCommitments(ctx context.Context, r *cpog.Referential) error {
	rows, err := db.db.QueryContext(ctx, "SELECT fiche, side, n, printed, level, label, each_caf FROM commitment WHERE ref_id = ? ORDER BY pos", r.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var fiche, level, each int
		var side, n, printed, label string
		if err := rows.Scan(&fiche, &side, &n, &printed, &level, &label, &each); err != nil {
			return err
		}
		switch level {
		case 0:
			r.Engagements = append(r.Engagements, cpog.Engagement{Fiche: fiche, Side: cpog.Side(side), N: n, Printed: printed, Label: label})
		case 1:
			if len(r.Engagements) == 0 {
				return fmt.Errorf("action %s before any engagement", n)
			}
			e := &r.Engagements[len(r.Engagements)-1]
			e.Actions = append(e.Actions, cpog.Action{N: n, Label: label})
		case 2:
			if len(r.Engagements) == 0 || len(r.Engagements[len(r.Engagements)-1].Actions) == 0 {
				return fmt.Errorf("livrable %s before any action", n)
			}
			e := &r.Engagements[len(r.Engagements)-1]
			a := &e.Actions[len(e.Actions)-1]
			a.Livrables = append(a.Livrables, cpog.Livrable{N: n, Printed: printed, Label: label, EachCaf: each == 1})
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	notes, err := db.db.QueryContext(ctx, "SELECT fiche, text FROM commitment_note WHERE ref_id = ? ORDER BY pos", r.ID)
	if err != nil {
		return err
	}
	defer notes.Close()
	for notes.Next() {
		var n cpog.EngagementNote
		if err := notes.Scan(&n.Fiche, &n.Text); err != nil {
			return err
		}
		r.EngagementNotes = append(r.EngagementNotes, n)
	}
	return notes.Err()
}

// compareCommitments lists, in French, how the installed tables of
// engagements differ from the embedded ones.
func compareCommitments(want, got *cpog.Referential) []string {
	var out []string
	if len(want.Engagements) != len(got.Engagements) {
		return []string{fmt.Sprintf("%d engagements installés, %d attendus", len(got.Engagements), len(want.Engagements))}
	}
	for i := range want.Engagements {
		w, g := &want.Engagements[i], &got.Engagements[i]
		where := fmt.Sprintf("fiche %d (%s) engagement %s", w.Fiche, w.Side.Label(), w.N)
		if w.Fiche != g.Fiche || w.Side != g.Side || w.N != g.N || w.Printed != g.Printed || w.Label != g.Label || len(w.Actions) != len(g.Actions) {
			out = append(out, where+" différent")
			continue
		}
		for j := range w.Actions {
			wa, ga := &w.Actions[j], &g.Actions[j]
			if wa.N != ga.N || wa.Label != ga.Label || len(wa.Livrables) != len(ga.Livrables) {
				out = append(out, fmt.Sprintf("%s : action %s différente", where, wa.N))
				continue
			}
			for k := range wa.Livrables {
				if wa.Livrables[k] != ga.Livrables[k] {
					out = append(out, fmt.Sprintf("%s : livrable %s différent", where, wa.Livrables[k].N))
				}
			}
		}
	}
	return out
}
