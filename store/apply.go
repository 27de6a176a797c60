package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// applyTx is the one writer of changes: a typed value, an import and an
// undo all go through it, inside their caller's transaction. It appends the
// step (undoes is the step it compensates, or 0), reads once the rows the
// edits touch, applies the edits to them in memory in order (each event
// keeps the value before it), then writes each changed row once and the
// events in batches: an import of a whole contract, or its undo, is a
// thousand edits, and three statements per edit would cost most of its
// time. now is the transaction's one reading of the clock.
func applyTx(ctx context.Context, tx *sql.Tx, cid int64, ch cpog.Change, undoes int64, now string) (int64, error) {
	changeID, err := insertChangeSet(ctx, tx, cid, ch, undoes, now)
	if err != nil {
		return 0, err
	}
	st, err := loadState(ctx, tx, cid, ch.Edits)
	if err != nil {
		return 0, err
	}
	events := make([]any, 0, len(ch.Edits)*eventColumns)
	for _, e := range ch.Edits {
		oldV, oldT, err := st.apply(e)
		if err != nil {
			return 0, fmt.Errorf("%s %d %s: %w", e.Key.LineKey, e.Key.Year, e.Field, err)
		}
		var newT any
		if e.Field.IsText() {
			newT = e.Text
		}
		events = append(events, changeID, e.Key.Code, e.Key.Sub, e.Key.Year, itemText(e.Item), string(e.Field), nullable(oldV), nullable(e.Value), oldT, newT)
	}
	if err := st.write(ctx, tx, cid, now); err != nil {
		return 0, err
	}
	if err := insertEvents(ctx, tx, events); err != nil {
		return 0, err
	}
	return changeID, nil
}

// targetRow is a row of the target table as applyTx changes it.
type targetRow struct {
	stored                    bool // in the table, or created by an earlier edit
	proposed, counter, agreed cpog.Opt
	status                    string
	text                      map[cpog.Field]string // comment, agreed_on, explanation, action
}

// targetTexts are the text columns of the target table, in the order
// loadState reads them.
var targetTexts = [...]cpog.Field{cpog.FieldComment, cpog.FieldAgreedOn, cpog.FieldExplanation, cpog.FieldAction}

// contractState is the part of a contract's rows a change touches.
type contractState struct {
	targets     keyed[cpog.TargetKey, *targetRow]
	actuals     keyed[cpog.TargetKey, float64]
	baselines   keyed[cpog.LineKey, float64]
	modes       keyed[string, string]
	shareKeys   keyed[string, float64]
	items       keyed[cpog.ItemKey, *itemRow]
	weight      float64
	weightDirty bool
}

// maxCodeFilter bounds the codes a load names in its query, as SQLite
// bounds a statement's parameters: a change naming more indicators than
// the referential has (55) reads the whole contract instead.
const maxCodeFilter = 200

// loadState reads the rows of the contract that the edits touch: for each
// table an edit writes, the rows of the indicators it names. A typed value
// reads a few target rows, not the whole contract.
func loadState(ctx context.Context, tx *sql.Tx, cid int64, edits []cpog.Edit) (*contractState, error) {
	st := &contractState{}
	var targetCodes, actualCodes, baselineCodes, modeCodes, keyCodes codeSet
	var fiches []int
	weight := false
	for _, e := range edits {
		if e.Field.IsItem() {
			if !slices.Contains(fiches, e.Item.Fiche) {
				fiches = append(fiches, e.Item.Fiche)
			}
			continue
		}
		switch e.Field {
		case cpog.FieldActual:
			actualCodes.add(e.Key.Code)
		case cpog.FieldBaseline:
			baselineCodes.add(e.Key.Code)
		case cpog.FieldMode:
			modeCodes.add(e.Key.Code)
		case cpog.FieldShareKey:
			keyCodes.add(e.Key.Code)
		case cpog.FieldWeight:
			weight = true
		default:
			targetCodes.add(e.Key.Code)
		}
	}
	if weight {
		if err := tx.QueryRowContext(ctx, "SELECT weight FROM contract WHERE id = ?", cid).Scan(&st.weight); err != nil {
			return nil, err
		}
	}
	err := scanContractRows(ctx, tx, "SELECT code, sub, year, proposed, counter, agreed, status, comment, agreed_on, explanation, action FROM target", cid, targetCodes, func(rows *sql.Rows) error {
		var k cpog.TargetKey
		var p, c, a sql.NullFloat64
		var texts [len(targetTexts)]string
		t := &targetRow{stored: true}
		if err := rows.Scan(&k.Code, &k.Sub, &k.Year, &p, &c, &a, &t.status, &texts[0], &texts[1], &texts[2], &texts[3]); err != nil {
			return err
		}
		t.proposed, t.counter, t.agreed = opt(p), opt(c), opt(a)
		t.text = make(map[cpog.Field]string, len(targetTexts))
		for i, f := range targetTexts {
			t.text[f] = texts[i]
		}
		st.targets.put(k, t)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = scanContractRows(ctx, tx, "SELECT code, sub, year, value FROM actual", cid, actualCodes, func(rows *sql.Rows) error {
		var k cpog.TargetKey
		var v float64
		if err := rows.Scan(&k.Code, &k.Sub, &k.Year, &v); err != nil {
			return err
		}
		st.actuals.put(k, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = scanContractRows(ctx, tx, "SELECT code, sub, value FROM baseline", cid, baselineCodes, func(rows *sql.Rows) error {
		var k cpog.LineKey
		var v float64
		if err := rows.Scan(&k.Code, &k.Sub, &v); err != nil {
			return err
		}
		st.baselines.put(k, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = scanContractRows(ctx, tx, "SELECT code, mode FROM contract_indicator", cid, modeCodes, func(rows *sql.Rows) error {
		var code, mode string
		if err := rows.Scan(&code, &mode); err != nil {
			return err
		}
		st.modes.put(code, mode)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := st.loadItems(ctx, tx, cid, fiches); err != nil {
		return nil, err
	}
	err = scanContractRows(ctx, tx, "SELECT code, share_key FROM contract_share_key", cid, keyCodes, func(rows *sql.Rows) error {
		var code string
		var k float64
		if err := rows.Scan(&code, &k); err != nil {
			return err
		}
		st.shareKeys.put(code, k)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}

// codeSet is the distinct indicator codes of a change's edits.
type codeSet struct {
	list []string
	seen map[string]bool
}

func (s *codeSet) add(code string) {
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	if !s.seen[code] {
		s.seen[code] = true
		s.list = append(s.list, code)
	}
}

// scanContractRows runs a query on the contract's rows of the given codes
// (none: no query) and scans each row.
func scanContractRows(ctx context.Context, tx *sql.Tx, query string, cid int64, codes codeSet, scan func(*sql.Rows) error) error {
	if len(codes.list) == 0 {
		return nil
	}
	query += " WHERE contract_id = ?"
	args := []any{cid}
	if len(codes.list) <= maxCodeFilter {
		query += " AND code IN (?" + strings.Repeat(", ?", len(codes.list)-1) + ")"
		for _, c := range codes.list {
			args = append(args, c)
		}
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// apply changes the rows in memory and returns the value before, as the
// row held it: no value (NULL) when the row is absent.
func (st *contractState) apply(e cpog.Edit) (cpog.Opt, any, error) {
	k := e.Key
	switch e.Field {
	case cpog.FieldProposed, cpog.FieldCounter, cpog.FieldAgreed, cpog.FieldStatus, cpog.FieldComment,
		cpog.FieldAgreedOn, cpog.FieldExplanation, cpog.FieldAction:
		if e.Field == cpog.FieldStatus && !cpog.Status(e.Text).Valid() {
			return cpog.None, nil, cpog.Errorf(cpog.EInvalid, fmt.Sprintf("statut inconnu : %q", cpog.Cite(e.Text)))
		}
		t, ok := st.targets.vals[k]
		if !ok {
			t = &targetRow{text: map[cpog.Field]string{}}
			st.targets.put(k, t)
		}
		st.targets.touch(k)
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
		default:
			oldT, t.text[e.Field] = t.text[e.Field], e.Text
		}
		if !t.stored {
			oldV, oldT = cpog.None, nil
			t.stored = true
		}
		return oldV, oldT, nil
	case cpog.FieldActual:
		old, had := st.actuals.set(k, e.Value.V, e.Value.OK)
		return cpog.Opt{V: old, OK: had}, nil, nil
	case cpog.FieldBaseline:
		old, had := st.baselines.set(k.LineKey, e.Value.V, e.Value.OK)
		return cpog.Opt{V: old, OK: had}, nil, nil
	case cpog.FieldMode:
		if e.Text != "" && !cpog.Mode(e.Text).Valid() {
			return cpog.None, nil, cpog.Errorf(cpog.EInvalid, fmt.Sprintf("mode inconnu : %q", cpog.Cite(e.Text)))
		}
		old, had := st.modes.set(k.Code, e.Text, e.Text != "")
		if !had {
			return cpog.None, nil, nil
		}
		return cpog.None, old, nil
	case cpog.FieldItemLabel, cpog.FieldItemStatus, cpog.FieldItemDue, cpog.FieldItemPilot, cpog.FieldItemComment, cpog.FieldItemEvidence:
		return st.applyItem(e)
	case cpog.FieldShareKey:
		if e.Value.OK && cpog.ValidateWeight(e.Value.V) != nil {
			return cpog.None, nil, cpog.Errorf(cpog.EInvalid, "clé de répartition invalide")
		}
		old, had := st.shareKeys.set(k.Code, e.Value.V, e.Value.OK)
		return cpog.Opt{V: old, OK: had}, nil, nil
	case cpog.FieldWeight:
		if err := cpog.ValidateWeight(e.Value.V); err != nil || !e.Value.OK {
			return cpog.None, nil, cpog.Errorf(cpog.EInvalid, "poids invalide")
		}
		old := st.weight
		st.weight, st.weightDirty = e.Value.V, true
		return cpog.Some(old), nil, nil
	}
	return cpog.None, nil, fmt.Errorf("unknown field %q", e.Field)
}

// lazyStmt is prepared on its second use: most changes write a row or
// two, imports and undos hundreds with the same statement.
type lazyStmt struct {
	tx    *sql.Tx
	query string
	used  bool
	stmt  *sql.Stmt
}

func (s *lazyStmt) exec(ctx context.Context, args ...any) error {
	if !s.used {
		s.used = true
		_, err := s.tx.ExecContext(ctx, s.query, args...)
		return err
	}
	if s.stmt == nil {
		st, err := s.tx.PrepareContext(ctx, s.query)
		if err != nil {
			return err
		}
		s.stmt = st
	}
	_, err := s.stmt.ExecContext(ctx, args...)
	return err
}

func (s *lazyStmt) close() {
	if s.stmt != nil {
		s.stmt.Close()
	}
}

// write stores each changed row once.
func (st *contractState) write(ctx context.Context, tx *sql.Tx, cid int64, now string) error {
	stmt := func(q string) *lazyStmt { return &lazyStmt{tx: tx, query: q} }
	upsertTarget := stmt(`INSERT INTO target(contract_id, code, sub, year, proposed, counter, agreed, status, comment, agreed_on, explanation, action, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(contract_id, code, sub, year) DO UPDATE SET proposed = excluded.proposed, counter = excluded.counter,
		agreed = excluded.agreed, status = excluded.status, comment = excluded.comment, agreed_on = excluded.agreed_on,
		explanation = excluded.explanation, action = excluded.action, updated_at = excluded.updated_at`)
	upsertActual := stmt(`INSERT INTO actual(contract_id, code, sub, year, value) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(contract_id, code, sub, year) DO UPDATE SET value = excluded.value`)
	deleteActual := stmt("DELETE FROM actual WHERE contract_id = ? AND code = ? AND sub = ? AND year = ?")
	upsertBaseline := stmt(`INSERT INTO baseline(contract_id, code, sub, value) VALUES (?, ?, ?, ?)
		ON CONFLICT(contract_id, code, sub) DO UPDATE SET value = excluded.value`)
	deleteBaseline := stmt("DELETE FROM baseline WHERE contract_id = ? AND code = ? AND sub = ?")
	upsertMode := stmt(`INSERT INTO contract_indicator(contract_id, code, mode) VALUES (?, ?, ?)
		ON CONFLICT(contract_id, code) DO UPDATE SET mode = excluded.mode`)
	deleteMode := stmt("DELETE FROM contract_indicator WHERE contract_id = ? AND code = ?")
	upsertKey := stmt(`INSERT INTO contract_share_key(contract_id, code, share_key) VALUES (?, ?, ?)
		ON CONFLICT(contract_id, code) DO UPDATE SET share_key = excluded.share_key`)
	deleteKey := stmt("DELETE FROM contract_share_key WHERE contract_id = ? AND code = ?")
	for _, s := range []*lazyStmt{upsertTarget, upsertActual, deleteActual, upsertBaseline, deleteBaseline, upsertMode, deleteMode, upsertKey, deleteKey} {
		defer s.close()
	}

	for _, k := range st.targets.dirty {
		t := st.targets.vals[k]
		if err := upsertTarget.exec(ctx, cid, k.Code, k.Sub, k.Year, nullable(t.proposed), nullable(t.counter), nullable(t.agreed), t.status,
			t.text[cpog.FieldComment], t.text[cpog.FieldAgreedOn], t.text[cpog.FieldExplanation], t.text[cpog.FieldAction], now); err != nil {
			return fmt.Errorf("%s %d: %w", k.LineKey, k.Year, err)
		}
	}
	for _, k := range st.actuals.dirty {
		var err error
		if v, ok := st.actuals.vals[k]; ok {
			err = upsertActual.exec(ctx, cid, k.Code, k.Sub, k.Year, v)
		} else {
			err = deleteActual.exec(ctx, cid, k.Code, k.Sub, k.Year)
		}
		if err != nil {
			return fmt.Errorf("%s %d: %w", k.LineKey, k.Year, err)
		}
	}
	for _, k := range st.baselines.dirty {
		var err error
		if v, ok := st.baselines.vals[k]; ok {
			err = upsertBaseline.exec(ctx, cid, k.Code, k.Sub, v)
		} else {
			err = deleteBaseline.exec(ctx, cid, k.Code, k.Sub)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	for _, code := range st.modes.dirty {
		var err error
		if m, ok := st.modes.vals[code]; ok {
			err = upsertMode.exec(ctx, cid, code, m)
		} else {
			err = deleteMode.exec(ctx, cid, code)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", code, err)
		}
	}
	for _, code := range st.shareKeys.dirty {
		var err error
		if k, ok := st.shareKeys.vals[code]; ok {
			err = upsertKey.exec(ctx, cid, code, k)
		} else {
			err = deleteKey.exec(ctx, cid, code)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", code, err)
		}
	}
	if err := st.writeItems(ctx, tx, cid, now); err != nil {
		return err
	}
	if st.weightDirty {
		if _, err := tx.ExecContext(ctx, "UPDATE contract SET weight = ? WHERE id = ?", st.weight, cid); err != nil {
			return err
		}
	}
	return nil
}

// eventColumns are the values of one event row, as insertRows takes them.
const eventColumns = 10

func insertEvents(ctx context.Context, tx *sql.Tx, values []any) error {
	return insertRows(ctx, tx, "event(change_id, code, sub, year, item, field, old_value, new_value, old_text, new_text)", eventColumns, values)
}
