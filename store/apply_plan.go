package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// The plan d'actions as applyTx changes it: one row of plan_item per item
// the Caf follows, a local action included.

// itemRow is a row of the plan_item table.
type itemRow struct {
	stored bool
	text   map[cpog.Field]string
}

// itemText writes an item's key in the event table's item column: "8
// caisse 3.1.1"; "" for the events of the other fields.
func itemText(k cpog.ItemKey) string {
	if k.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %s", k.Fiche, k.Side, k.N)
}

func parseItemText(s string) cpog.ItemKey {
	parts := strings.Fields(s)
	if len(parts) != 3 {
		return cpog.ItemKey{}
	}
	fiche, _ := strconv.Atoi(parts[0])
	return cpog.ItemKey{Fiche: fiche, Side: cpog.Side(parts[1]), N: parts[2]}
}

// itemColumns are plan_item's text columns, by field.
var itemColumns = [...]struct {
	field  cpog.Field
	column string
}{
	{cpog.FieldItemLabel, "label"}, {cpog.FieldItemStatus, "status"}, {cpog.FieldItemDue, "due"},
	{cpog.FieldItemPilot, "pilot"}, {cpog.FieldItemComment, "comment"}, {cpog.FieldItemEvidence, "evidence"},
}

// loadItems reads the plan items of the fiches a change touches.
func (st *contractState) loadItems(ctx context.Context, tx *sql.Tx, cid int64, fiches []int) error {
	if len(fiches) == 0 {
		return nil
	}
	args := []any{cid}
	for _, f := range fiches {
		args = append(args, f)
	}
	rows, err := tx.QueryContext(ctx, `SELECT fiche, side, n, label, status, due, pilot, comment, evidence FROM plan_item
		WHERE contract_id = ? AND fiche IN (?`+strings.Repeat(", ?", len(fiches)-1)+")", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k cpog.ItemKey
		var side string
		var vals [len(itemColumns)]string
		if err := rows.Scan(&k.Fiche, &side, &k.N, &vals[0], &vals[1], &vals[2], &vals[3], &vals[4], &vals[5]); err != nil {
			return err
		}
		k.Side = cpog.Side(side)
		r := &itemRow{stored: true, text: make(map[cpog.Field]string, len(itemColumns))}
		for i, c := range itemColumns {
			r.text[c.field] = vals[i]
		}
		st.items.put(k, r)
	}
	return rows.Err()
}

// applyItem changes a plan item's field in memory and returns the text
// before (none when the row is new).
func (st *contractState) applyItem(e cpog.Edit) (cpog.Opt, any, error) {
	if e.Item.IsZero() || (e.Item.Side != cpog.SideCaisse && e.Item.Side != cpog.SideEtat) || e.Item.N == "" {
		return cpog.None, nil, fmt.Errorf("no item for %s", e.Field)
	}
	if e.Field == cpog.FieldItemStatus && e.Text != "" {
		if s, err := cpog.ParseFollowStatus(e.Text); err != nil || string(s) != e.Text {
			return cpog.None, nil, cpog.Errorf(cpog.EInvalid, fmt.Sprintf("avancement inconnu : %q", e.Text))
		}
	}
	r, ok := st.items.vals[e.Item]
	if !ok {
		r = &itemRow{text: map[cpog.Field]string{}}
		st.items.put(e.Item, r)
	}
	st.items.touch(e.Item)
	var old any = r.text[e.Field]
	if !r.stored {
		old = nil
		r.stored = true
	}
	r.text[e.Field] = e.Text
	return cpog.None, old, nil
}

func (st *contractState) writeItems(ctx context.Context, tx *sql.Tx, cid int64, now string) error {
	if len(st.items.dirty) == 0 {
		return nil
	}
	upsert := &lazyStmt{tx: tx, query: `INSERT INTO plan_item(contract_id, fiche, side, n, label, status, due, pilot, comment, evidence, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(contract_id, fiche, side, n) DO UPDATE SET label = excluded.label, status = excluded.status, due = excluded.due,
		pilot = excluded.pilot, comment = excluded.comment, evidence = excluded.evidence, updated_at = excluded.updated_at`}
	defer upsert.close()
	for _, k := range st.items.dirty {
		r := st.items.vals[k]
		t := r.text
		if err := upsert.exec(ctx, cid, k.Fiche, string(k.Side), k.N, t[cpog.FieldItemLabel], t[cpog.FieldItemStatus], t[cpog.FieldItemDue],
			t[cpog.FieldItemPilot], t[cpog.FieldItemComment], t[cpog.FieldItemEvidence], now); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	return nil
}

// loadPlan reads a contract's plan d'actions.
func (db *DB) loadPlan(ctx context.Context, id int64, c *cpog.Contract) error {
	// A map grown row by row rehashes itself some ten times on the way to
	// a followed plan's few hundred items: a quarter of the load.
	var n int
	if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM plan_item WHERE contract_id = ?", id).Scan(&n); err != nil {
		return err
	}
	c.FollowUps = make(map[cpog.ItemKey]cpog.FollowUp, n)
	rows, err := db.db.QueryContext(ctx, "SELECT fiche, side, n, label, status, due, pilot, comment, evidence FROM plan_item WHERE contract_id = ?", id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k cpog.ItemKey
		var side, status string
		var f cpog.FollowUp
		if err := rows.Scan(&k.Fiche, &side, &k.N, &f.Label, &status, &f.Due, &f.Pilot, &f.Comment, &f.Evidence); err != nil {
			return err
		}
		k.Side, f.Status = cpog.Side(side), cpog.FollowStatus(status)
		c.FollowUps[k] = f
	}
	return rows.Err()
}
