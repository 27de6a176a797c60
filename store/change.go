package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/cnaf-tools/cpog"
)

// Apply writes a change and its history in one transaction: either every
// edit and every event is stored, or none. It returns the step's id.
func (db *DB) Apply(ctx context.Context, cafCode string, ch cpog.Change) (int64, error) {
	if len(ch.Edits) == 0 {
		return 0, cpog.Errorf(cpog.EInvalid, "aucune modification à enregistrer")
	}
	var id int64
	err := db.tx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		cid, err := db.contractID(ctx, tx, cafCode)
		if err != nil {
			return err
		}
		id, err = applyTx(ctx, tx, cid, ch, 0, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("save change: %w", err)
	}
	return id, nil
}

// Undo compensates the latest step of the Caf's history that is not itself
// an undo and was not undone yet, by appending a step that restores every
// field it changed. It returns that new step's summary.
func (db *DB) Undo(ctx context.Context, cafCode string) (string, error) {
	var summary string
	err := db.tx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		cid, err := db.contractID(ctx, tx, cafCode)
		if err != nil {
			return err
		}
		var target int64
		var targetSummary string
		err = tx.QueryRowContext(ctx, `SELECT id, summary FROM change_set c WHERE contract_id = ? AND undoes IS NULL AND kind <> ?
			AND NOT EXISTS (SELECT 1 FROM change_set u WHERE u.undoes = c.id) ORDER BY id DESC LIMIT 1`, cid, kindCreation).Scan(&target, &targetSummary)
		if err == sql.ErrNoRows {
			return cpog.Errorf(cpog.EInvalid, "rien à annuler")
		}
		if err != nil {
			return err
		}
		events, err := queryEvents(ctx, tx, "WHERE e.change_id = ? ORDER BY e.id DESC", target)
		if err != nil {
			return err
		}
		summary = "annulation : " + targetSummary
		ch := cpog.Change{Actor: cpog.ActorCaf, Kind: "undo", Summary: summary}
		for _, e := range events {
			ch.Edits = append(ch.Edits, cpog.Edit{Key: e.Key, Item: e.Item, Field: e.Field, Value: e.Old, Text: e.OldText})
		}
		_, err = applyTx(ctx, tx, cid, ch, target, now)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("undo: %w", err)
	}
	return summary, nil
}

// History lists the events of a Caf's contract, oldest first; code, when
// not empty, keeps one indicator's.
func (db *DB) History(ctx context.Context, cafCode, code string) ([]cpog.Event, error) {
	cid, err := db.contractID(ctx, db.db, cafCode)
	if err != nil {
		return nil, err
	}
	where, args := "WHERE c.contract_id = ?", []any{cid}
	if code != "" {
		where += " AND e.code = ?"
		args = append(args, code)
	}
	ev, err := queryEvents(ctx, db.db, where+" ORDER BY e.id", args...)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", db.formatError(err))
	}
	return ev, nil
}

func queryEvents(ctx context.Context, q querier, tail string, args ...any) ([]cpog.Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.at, c.actor, c.kind, c.summary, c.comment, coalesce(c.undoes, 0),
		c.source_file, c.source_digest, c.declared_actor,
		e.code, e.sub, e.year, e.item, e.field, e.old_value, e.new_value, coalesce(e.old_text, ''), coalesce(e.new_text, '')
		FROM event e JOIN change_set c ON c.id = e.change_id `+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cpog.Event
	for rows.Next() {
		var e cpog.Event
		var at, actor, item, field, declared string
		var oldV, newV sql.NullFloat64
		if err := rows.Scan(&e.ChangeID, &at, &actor, &e.Kind, &e.Summary, &e.Comment, &e.Undoes,
			&e.Source.File, &e.Source.Digest, &declared,
			&e.Key.Code, &e.Key.Sub, &e.Key.Year, &item, &field, &oldV, &newV, &e.OldText, &e.NewText); err != nil {
			return nil, err
		}
		e.Item = parseItemText(item)
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		e.Actor, e.Field, e.Old, e.New = cpog.Actor(actor), cpog.Field(field), opt(oldV), opt(newV)
		e.Source.Actor = cpog.Actor(declared)
		out = append(out, e)
	}
	return out, rows.Err()
}
