package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// ApplyImport writes an import as one undoable step and makes its Caf the
// one in use, all in one transaction, so that a failed import leaves the
// database exactly as it was. When create is not nil and the Caf has no
// contract yet (a fresh database receiving a colleague's file), the
// contract is created first with create's weight and baseline year. With
// no edit it only creates and selects. It returns the step's id (0 when
// nothing was edited).
func (db *DB) ApplyImport(ctx context.Context, cafCode string, create *cpog.Contract, ch cpog.Change) (int64, error) {
	caf, err := db.Caf(ctx, cafCode)
	if err != nil {
		return 0, err
	}
	if create != nil {
		if err := cpog.ValidateWeight(create.Weight); err != nil {
			return 0, err
		}
	}
	ref, err := db.currentRefID(ctx)
	if err != nil {
		return 0, err
	}
	var id int64
	err = db.tx(ctx, func(tx *sql.Tx) error {
		if create != nil {
			if _, err := tx.ExecContext(ctx, `INSERT INTO contract(caf_code, ref_id, weight, baseline_year, created_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT(caf_code, ref_id) DO NOTHING`, caf.Code, ref, create.Weight, create.BaselineYear, db.now()); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO setting(key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value <> excluded.value`, settingCaf, caf.Code); err != nil {
			return err
		}
		if len(ch.Edits) == 0 {
			return nil
		}
		var err error
		id, err = db.applyBulkTx(ctx, tx, caf.Code, ch, 0)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("save import: %w", err)
	}
	return id, nil
}

// applyBulkTx writes a change as applyTx does (same rows, same events, same
// checks) but with a handful of prepared statements instead of three
// statements per edit: an import of a whole contract is a thousand edits,
// and parsing three thousand statements would cost most of its time. The
// contract's rows are read once, the edits applied in memory in order (each
// event keeps the value before it), then each changed row is written once
// and the events in batches. The parity with applyTx is tested. undoes is
// the step the change compensates, or 0.
func (db *DB) applyBulkTx(ctx context.Context, tx *sql.Tx, cafCode string, ch cpog.Change, undoes int64) (int64, error) {
	cid, err := db.contractID(ctx, tx, cafCode)
	if err != nil {
		return 0, err
	}
	var und any
	if undoes != 0 {
		und = undoes
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO change_set(contract_id, at, actor, kind, summary, comment, undoes) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		cid, db.now(), string(ch.Actor), ch.Kind, ch.Summary, ch.Comment, und)
	if err != nil {
		return 0, err
	}
	changeID, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	st, err := loadBulkState(ctx, tx, cid)
	if err != nil {
		return 0, err
	}
	events := make([]any, 0, len(ch.Edits)*9)
	for _, e := range ch.Edits {
		oldV, oldT, err := st.apply(e)
		if err != nil {
			return 0, fmt.Errorf("%s %d %s: %w", e.Key.LineKey, e.Key.Year, e.Field, err)
		}
		var newT any
		if e.Field.IsText() {
			newT = e.Text
		}
		events = append(events, changeID, e.Key.Code, e.Key.Sub, e.Key.Year, string(e.Field), nullable(oldV), nullable(e.Value), oldT, newT)
	}
	if err := st.write(ctx, tx, cid, db.now()); err != nil {
		return 0, err
	}
	if err := insertEvents(ctx, tx, events); err != nil {
		return 0, err
	}
	return changeID, nil
}

type bulkTarget struct {
	exists                    bool
	proposed, counter, agreed cpog.Opt
	status, comment           string
}

// bulkState is a contract's rows as applyBulkTx changes them, with the
// keys it changed in the order it changed them.
type bulkState struct {
	targets   map[cpog.TargetKey]*bulkTarget
	actuals   map[cpog.TargetKey]float64
	baselines map[cpog.LineKey]float64
	modes     map[string]string
	weight    float64

	dirtyTargets, dirtyActuals []cpog.TargetKey
	dirtyBaselines             []cpog.LineKey
	dirtyModes                 []string
	dirtyWeight                bool
	seen                       map[any]bool
}

func loadBulkState(ctx context.Context, tx *sql.Tx, cid int64) (*bulkState, error) {
	st := &bulkState{
		targets: map[cpog.TargetKey]*bulkTarget{}, actuals: map[cpog.TargetKey]float64{},
		baselines: map[cpog.LineKey]float64{}, modes: map[string]string{}, seen: map[any]bool{},
	}
	if err := tx.QueryRowContext(ctx, "SELECT weight FROM contract WHERE id = ?", cid).Scan(&st.weight); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, "SELECT code, sub, year, proposed, counter, agreed, status, comment FROM target WHERE contract_id = ?", cid)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var k cpog.TargetKey
		var p, c, a sql.NullFloat64
		t := &bulkTarget{exists: true}
		if err := rows.Scan(&k.Code, &k.Sub, &k.Year, &p, &c, &a, &t.status, &t.comment); err != nil {
			rows.Close()
			return nil, err
		}
		t.proposed, t.counter, t.agreed = opt(p), opt(c), opt(a)
		st.targets[k] = t
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, "SELECT code, sub, year, value FROM actual WHERE contract_id = ?", cid)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var k cpog.TargetKey
		var v float64
		if err := rows.Scan(&k.Code, &k.Sub, &k.Year, &v); err != nil {
			rows.Close()
			return nil, err
		}
		st.actuals[k] = v
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, "SELECT code, sub, value FROM baseline WHERE contract_id = ?", cid)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var k cpog.LineKey
		var v float64
		if err := rows.Scan(&k.Code, &k.Sub, &v); err != nil {
			rows.Close()
			return nil, err
		}
		st.baselines[k] = v
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, "SELECT code, mode FROM contract_indicator WHERE contract_id = ?", cid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var code, mode string
		if err := rows.Scan(&code, &mode); err != nil {
			return nil, err
		}
		st.modes[code] = mode
	}
	return st, rows.Err()
}

// mark records that a row changed, once, in order.
func (st *bulkState) mark(kind string, k any) bool {
	id := [2]any{kind, k}
	if st.seen[id] {
		return false
	}
	st.seen[id] = true
	return true
}

// apply changes the in-memory rows and returns the value before, as
// readField would have read it: no value (NULL) when the row is absent.
func (st *bulkState) apply(e cpog.Edit) (cpog.Opt, any, error) {
	k := e.Key
	switch e.Field {
	case cpog.FieldProposed, cpog.FieldCounter, cpog.FieldAgreed, cpog.FieldStatus, cpog.FieldComment:
		if e.Field == cpog.FieldStatus && !cpog.Status(e.Text).Valid() {
			return cpog.None, nil, cpog.Errorf(cpog.EInvalid, fmt.Sprintf("statut inconnu : %q", e.Text))
		}
		t, ok := st.targets[k]
		if !ok {
			t = &bulkTarget{}
			st.targets[k] = t
		}
		var oldV cpog.Opt
		var oldT any
		switch e.Field {
		case cpog.FieldProposed:
			oldV, t.proposed = t.proposed, e.Value
		case cpog.FieldCounter:
			oldV, t.counter = t.counter, e.Value
		case cpog.FieldAgreed:
			oldV, t.agreed = t.agreed, e.Value
		case cpog.FieldStatus:
			oldT, t.status = t.status, e.Text
		case cpog.FieldComment:
			oldT, t.comment = t.comment, e.Text
		}
		if !t.exists {
			oldV, oldT = cpog.None, nil
			t.exists = true
		}
		if st.mark("target", k) {
			st.dirtyTargets = append(st.dirtyTargets, k)
		}
		return oldV, oldT, nil
	case cpog.FieldActual:
		old, had := st.actuals[k]
		if e.Value.OK {
			st.actuals[k] = e.Value.V
		} else {
			delete(st.actuals, k)
		}
		if st.mark("actual", k) {
			st.dirtyActuals = append(st.dirtyActuals, k)
		}
		return cpog.Opt{V: old, OK: had}, nil, nil
	case cpog.FieldBaseline:
		old, had := st.baselines[k.LineKey]
		if e.Value.OK {
			st.baselines[k.LineKey] = e.Value.V
		} else {
			delete(st.baselines, k.LineKey)
		}
		if st.mark("baseline", k.LineKey) {
			st.dirtyBaselines = append(st.dirtyBaselines, k.LineKey)
		}
		return cpog.Opt{V: old, OK: had}, nil, nil
	case cpog.FieldMode:
		if e.Text != "" && !cpog.Mode(e.Text).Valid() {
			return cpog.None, nil, cpog.Errorf(cpog.EInvalid, fmt.Sprintf("mode inconnu : %q", e.Text))
		}
		var oldT any
		if m, had := st.modes[k.Code]; had {
			oldT = m
		}
		if e.Text == "" {
			delete(st.modes, k.Code)
		} else {
			st.modes[k.Code] = e.Text
		}
		if st.mark("mode", k.Code) {
			st.dirtyModes = append(st.dirtyModes, k.Code)
		}
		return cpog.None, oldT, nil
	case cpog.FieldWeight:
		if err := cpog.ValidateWeight(e.Value.V); err != nil || !e.Value.OK {
			return cpog.None, nil, cpog.Errorf(cpog.EInvalid, "poids invalide")
		}
		old := st.weight
		st.weight, st.dirtyWeight = e.Value.V, true
		return cpog.Some(old), nil, nil
	}
	return cpog.None, nil, fmt.Errorf("unknown field %q", e.Field)
}

// write stores each changed row once.
func (st *bulkState) write(ctx context.Context, tx *sql.Tx, cid int64, now string) error {
	if len(st.dirtyTargets) > 0 {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO target(contract_id, code, sub, year, proposed, counter, agreed, status, comment, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(contract_id, code, sub, year) DO UPDATE SET proposed = excluded.proposed, counter = excluded.counter,
			agreed = excluded.agreed, status = excluded.status, comment = excluded.comment, updated_at = excluded.updated_at`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, k := range st.dirtyTargets {
			t := st.targets[k]
			if _, err := stmt.ExecContext(ctx, cid, k.Code, k.Sub, k.Year, nullable(t.proposed), nullable(t.counter), nullable(t.agreed), t.status, t.comment, now); err != nil {
				return fmt.Errorf("%s %d: %w", k.LineKey, k.Year, err)
			}
		}
	}
	if len(st.dirtyActuals) > 0 {
		upsert, err := tx.PrepareContext(ctx, `INSERT INTO actual(contract_id, code, sub, year, value) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT(contract_id, code, sub, year) DO UPDATE SET value = excluded.value`)
		if err != nil {
			return err
		}
		defer upsert.Close()
		for _, k := range st.dirtyActuals {
			var err error
			if v, ok := st.actuals[k]; ok {
				_, err = upsert.ExecContext(ctx, cid, k.Code, k.Sub, k.Year, v)
			} else {
				_, err = tx.ExecContext(ctx, "DELETE FROM actual WHERE contract_id = ? AND code = ? AND sub = ? AND year = ?", cid, k.Code, k.Sub, k.Year)
			}
			if err != nil {
				return fmt.Errorf("%s %d: %w", k.LineKey, k.Year, err)
			}
		}
	}
	for _, k := range st.dirtyBaselines {
		var err error
		if v, ok := st.baselines[k]; ok {
			_, err = tx.ExecContext(ctx, `INSERT INTO baseline(contract_id, code, sub, value) VALUES (?, ?, ?, ?)
				ON CONFLICT(contract_id, code, sub) DO UPDATE SET value = excluded.value`, cid, k.Code, k.Sub, v)
		} else {
			_, err = tx.ExecContext(ctx, "DELETE FROM baseline WHERE contract_id = ? AND code = ? AND sub = ?", cid, k.Code, k.Sub)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	for _, code := range st.dirtyModes {
		var err error
		if m, ok := st.modes[code]; ok {
			_, err = tx.ExecContext(ctx, `INSERT INTO contract_indicator(contract_id, code, mode) VALUES (?, ?, ?)
				ON CONFLICT(contract_id, code) DO UPDATE SET mode = excluded.mode`, cid, code, m)
		} else {
			_, err = tx.ExecContext(ctx, "DELETE FROM contract_indicator WHERE contract_id = ? AND code = ?", cid, code)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", code, err)
		}
	}
	if st.dirtyWeight {
		if _, err := tx.ExecContext(ctx, "UPDATE contract SET weight = ? WHERE id = ?", st.weight, cid); err != nil {
			return err
		}
	}
	return nil
}

// eventBatch is how many events one INSERT carries: 9 parameters each,
// well under SQLite's limit on bound parameters.
const eventBatch = 100

// insertEvents inserts events given as flat rows of 9 values.
func insertEvents(ctx context.Context, tx *sql.Tx, values []any) error {
	const cols = 9
	head := "INSERT INTO event(change_id, code, sub, year, field, old_value, new_value, old_text, new_text) VALUES "
	row := "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
	var full *sql.Stmt
	for len(values) > 0 {
		n := min(len(values)/cols, eventBatch)
		q := head + strings.Repeat(row+", ", n-1) + row
		var err error
		if n == eventBatch {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, q); err != nil {
					return err
				}
				defer full.Close()
			}
			_, err = full.ExecContext(ctx, values[:n*cols]...)
		} else {
			_, err = tx.ExecContext(ctx, q, values[:n*cols]...)
		}
		if err != nil {
			return err
		}
		values = values[n*cols:]
	}
	return nil
}
