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
		var err error
		id, err = db.applyTx(ctx, tx, cafCode, ch)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("save change: %w", err)
	}
	return id, nil
}

func (db *DB) applyTx(ctx context.Context, tx *sql.Tx, cafCode string, ch cpog.Change) (int64, error) {
	cid, err := db.contractID(ctx, tx, cafCode)
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO change_set(contract_id, at, actor, kind, summary, comment, undoes) VALUES (?, ?, ?, ?, ?, ?, NULL)`,
		cid, db.now(), string(ch.Actor), ch.Kind, ch.Summary, ch.Comment)
	if err != nil {
		return 0, err
	}
	changeID, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	now := db.now()
	for _, e := range ch.Edits {
		oldV, oldT, err := readField(ctx, tx, cid, e)
		if err != nil {
			return 0, fmt.Errorf("%s %d %s: %w", e.Key.LineKey, e.Key.Year, e.Field, err)
		}
		if err := writeField(ctx, tx, cid, e, now); err != nil {
			return 0, fmt.Errorf("%s %d %s: %w", e.Key.LineKey, e.Key.Year, e.Field, err)
		}
		var newT any
		if e.Field.IsText() {
			newT = e.Text
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO event(change_id, code, sub, year, field, old_value, new_value, old_text, new_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			changeID, e.Key.Code, e.Key.Sub, e.Key.Year, string(e.Field), nullable(oldV), nullable(e.Value), oldT, newT); err != nil {
			return 0, err
		}
	}
	return changeID, nil
}

// readField returns a field's current value, for the history.
func readField(ctx context.Context, tx *sql.Tx, cid int64, e cpog.Edit) (cpog.Opt, any, error) {
	var q string
	args := []any{cid, e.Key.Code, e.Key.Sub, e.Key.Year}
	switch e.Field {
	case cpog.FieldProposed, cpog.FieldCounter, cpog.FieldAgreed, cpog.FieldStatus, cpog.FieldComment:
		q = fmt.Sprintf("SELECT %s FROM target WHERE contract_id = ? AND code = ? AND sub = ? AND year = ?", e.Field)
	case cpog.FieldActual:
		q = "SELECT value FROM actual WHERE contract_id = ? AND code = ? AND sub = ? AND year = ?"
	case cpog.FieldBaseline:
		q, args = "SELECT value FROM baseline WHERE contract_id = ? AND code = ? AND sub = ?", args[:3]
	case cpog.FieldMode:
		q, args = "SELECT mode FROM contract_indicator WHERE contract_id = ? AND code = ?", args[:2]
	case cpog.FieldWeight:
		q, args = "SELECT weight FROM contract WHERE id = ?", args[:1]
	default:
		return cpog.None, nil, fmt.Errorf("unknown field %q", e.Field)
	}
	if e.Field.IsText() {
		var s sql.NullString
		err := tx.QueryRowContext(ctx, q, args...).Scan(&s)
		if err == sql.ErrNoRows || (err == nil && !s.Valid) {
			return cpog.None, nil, nil
		}
		return cpog.None, s.String, err
	}
	var v sql.NullFloat64
	err := tx.QueryRowContext(ctx, q, args...).Scan(&v)
	if err == sql.ErrNoRows {
		return cpog.None, nil, nil
	}
	return opt(v), nil, err
}

func writeField(ctx context.Context, tx *sql.Tx, cid int64, e cpog.Edit, now string) error {
	var err error
	k := e.Key
	switch e.Field {
	case cpog.FieldProposed, cpog.FieldCounter, cpog.FieldAgreed, cpog.FieldStatus, cpog.FieldComment:
		var val any = nullable(e.Value)
		if e.Field.IsText() {
			val = e.Text
		}
		if e.Field == cpog.FieldStatus && !cpog.Status(e.Text).Valid() {
			return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("statut inconnu : %q", e.Text))
		}
		_, err = tx.ExecContext(ctx, fmt.Sprintf(`INSERT INTO target(contract_id, code, sub, year, %[1]s, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT(contract_id, code, sub, year) DO UPDATE SET %[1]s = excluded.%[1]s, updated_at = excluded.updated_at`, e.Field),
			cid, k.Code, k.Sub, k.Year, val, now)
	case cpog.FieldActual:
		if e.Value.OK {
			_, err = tx.ExecContext(ctx, `INSERT INTO actual(contract_id, code, sub, year, value) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT(contract_id, code, sub, year) DO UPDATE SET value = excluded.value`, cid, k.Code, k.Sub, k.Year, e.Value.V)
		} else {
			_, err = tx.ExecContext(ctx, "DELETE FROM actual WHERE contract_id = ? AND code = ? AND sub = ? AND year = ?", cid, k.Code, k.Sub, k.Year)
		}
	case cpog.FieldBaseline:
		if e.Value.OK {
			_, err = tx.ExecContext(ctx, `INSERT INTO baseline(contract_id, code, sub, value) VALUES (?, ?, ?, ?)
				ON CONFLICT(contract_id, code, sub) DO UPDATE SET value = excluded.value`, cid, k.Code, k.Sub, e.Value.V)
		} else {
			_, err = tx.ExecContext(ctx, "DELETE FROM baseline WHERE contract_id = ? AND code = ? AND sub = ?", cid, k.Code, k.Sub)
		}
	case cpog.FieldMode:
		if e.Text == "" {
			_, err = tx.ExecContext(ctx, "DELETE FROM contract_indicator WHERE contract_id = ? AND code = ?", cid, k.Code)
			break
		}
		if !cpog.Mode(e.Text).Valid() {
			return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("mode inconnu : %q", e.Text))
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO contract_indicator(contract_id, code, mode) VALUES (?, ?, ?)
			ON CONFLICT(contract_id, code) DO UPDATE SET mode = excluded.mode`, cid, k.Code, e.Text)
	case cpog.FieldWeight:
		if err := cpog.ValidateWeight(e.Value.V); err != nil || !e.Value.OK {
			return cpog.Errorf(cpog.EInvalid, "poids invalide")
		}
		_, err = tx.ExecContext(ctx, "UPDATE contract SET weight = ? WHERE id = ?", e.Value.V, cid)
	default:
		return fmt.Errorf("unknown field %q", e.Field)
	}
	return err
}

// Undo compensates the latest step of the Caf's history that is not itself
// an undo and was not undone yet, by appending a step that restores every
// field it changed. It returns that new step's summary.
func (db *DB) Undo(ctx context.Context, cafCode string) (string, error) {
	var summary string
	err := db.tx(ctx, func(tx *sql.Tx) error {
		cid, err := db.contractID(ctx, tx, cafCode)
		if err != nil {
			return err
		}
		var target int64
		var targetSummary string
		err = tx.QueryRowContext(ctx, `SELECT id, summary FROM change_set c WHERE contract_id = ? AND undoes IS NULL
			AND NOT EXISTS (SELECT 1 FROM change_set u WHERE u.undoes = c.id) ORDER BY id DESC LIMIT 1`, cid).Scan(&target, &targetSummary)
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
			ch.Edits = append(ch.Edits, cpog.Edit{Key: e.Key, Field: e.Field, Value: e.Old, Text: e.OldText})
		}
		// the batched writer: undoing an import is a thousand edits
		_, err = db.applyBulkTx(ctx, tx, cafCode, ch, target)
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
		e.code, e.sub, e.year, e.field, e.old_value, e.new_value, coalesce(e.old_text, ''), coalesce(e.new_text, '')
		FROM event e JOIN change_set c ON c.id = e.change_id `+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cpog.Event
	for rows.Next() {
		var e cpog.Event
		var at, actor, field string
		var oldV, newV sql.NullFloat64
		if err := rows.Scan(&e.ChangeID, &at, &actor, &e.Kind, &e.Summary, &e.Comment, &e.Undoes,
			&e.Key.Code, &e.Key.Sub, &e.Key.Year, &field, &oldV, &newV, &e.OldText, &e.NewText); err != nil {
			return nil, err
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		e.Actor, e.Field, e.Old, e.New = cpog.Actor(actor), cpog.Field(field), opt(oldV), opt(newV)
		out = append(out, e)
	}
	return out, rows.Err()
}
