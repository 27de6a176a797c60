package store

import (
	"context"
	"database/sql"
	"fmt"

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
		now := db.now()
		if create != nil {
			res, err := tx.ExecContext(ctx, `INSERT INTO contract(caf_code, ref_id, weight, baseline_year, created_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT(caf_code, ref_id) DO NOTHING`, caf.Code, ref, create.Weight, create.BaselineYear, now)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				cid, err := db.contractID(ctx, tx, caf.Code)
				if err != nil {
					return err
				}
				if err := recordCreation(ctx, tx, cid, create.Weight, now); err != nil {
					return err
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO setting(key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value <> excluded.value`, settingCaf, caf.Code); err != nil {
			return err
		}
		if len(ch.Edits) == 0 {
			return nil
		}
		cid, err := db.contractID(ctx, tx, caf.Code)
		if err != nil {
			return err
		}
		id, err = applyTx(ctx, tx, cid, ch, 0, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("save import: %w", err)
	}
	return id, nil
}
