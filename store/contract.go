package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/cnaf-tools/cpog"
)

const settingCaf = "caf"

// CurrentCaf returns the code of the Caf in use, and false when none was
// chosen yet (first run).
func (db *DB) CurrentCaf(ctx context.Context) (string, bool, error) {
	var code string
	err := db.db.QueryRowContext(ctx, "SELECT value FROM setting WHERE key = ?", settingCaf).Scan(&code)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read current Caf: %w", db.formatError(err))
	}
	return code, true, nil
}

// SelectCaf makes a Caf the one in use, creating its contract on the
// installed referential if needed. A weight, when given, is set too (and
// recorded in the history when it changes an existing contract).
func (db *DB) SelectCaf(ctx context.Context, code string, weight cpog.Opt) (cpog.Caf, error) {
	caf, err := db.Caf(ctx, code)
	if err != nil {
		return caf, err
	}
	if weight.OK {
		if err := cpog.ValidateWeight(weight.V); err != nil {
			return caf, err
		}
	}
	ref, err := db.currentRefID(ctx)
	if err != nil {
		return caf, err
	}
	var firstYear int
	if err := db.db.QueryRowContext(ctx, "SELECT first_year FROM referential WHERE id = ?", ref).Scan(&firstYear); err != nil {
		return caf, fmt.Errorf("select Caf: %w", db.formatError(err))
	}
	err = db.tx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		w := cpog.DefaultWeight
		if weight.OK {
			w = weight.V
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO contract(caf_code, ref_id, weight, baseline_year, created_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT(caf_code, ref_id) DO NOTHING`, caf.Code, ref, w, firstYear-1, now)
		if err != nil {
			return err
		}
		cid, err := db.contractID(ctx, tx, caf.Code)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			if err := recordCreation(ctx, tx, cid, w, now); err != nil {
				return err
			}
		} else if weight.OK {
			var cur float64
			if err := tx.QueryRowContext(ctx, "SELECT weight FROM contract WHERE id = ?", cid).Scan(&cur); err != nil {
				return err
			}
			if cur != weight.V {
				ch, err := cpog.SetWeight(weight.V)
				if err != nil {
					return err
				}
				if _, err := applyTx(ctx, tx, cid, ch, 0, now); err != nil {
					return err
				}
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, settingCaf, caf.Code)
		return err
	})
	if err != nil {
		return caf, fmt.Errorf("select Caf: %w", err)
	}
	return caf, nil
}

// kindCreation is the history step of a contract's creation: it records
// the weight the contract starts with (first run included), and cannot be
// undone.
const kindCreation = "contract"

// recordCreation writes the first step of a new contract's history: its
// weight, from nothing.
func recordCreation(ctx context.Context, tx *sql.Tx, cid int64, w float64, now string) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO change_set(contract_id, at, actor, kind, summary, comment, undoes) VALUES (?, ?, ?, ?, ?, '', NULL)`,
		cid, now, string(cpog.ActorCaf), kindCreation, fmt.Sprintf("contrat créé, poids de la Caf : %s %%", cpog.FormatNumber(w)))
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	return insertEvents(ctx, tx, []any{id, "", "", 0, "", string(cpog.FieldWeight), nil, w, nil, nil})
}

func (db *DB) currentRefID(ctx context.Context) (string, error) {
	var id string
	if err := db.db.QueryRowContext(ctx, "SELECT id FROM referential ORDER BY installed_at DESC LIMIT 1").Scan(&id); err != nil {
		return "", fmt.Errorf("find referential: %w", db.formatError(err))
	}
	return id, nil
}

func (db *DB) contractID(ctx context.Context, q querier, cafCode string) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT c.id FROM contract c JOIN referential r ON r.id = c.ref_id
		WHERE c.caf_code = ? ORDER BY r.installed_at DESC LIMIT 1`, cafCode).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, noContract(cafCode)
	}
	if err != nil {
		return 0, db.formatError(err)
	}
	return id, nil
}

func noContract(cafCode string) error {
	return cpog.Errorf(cpog.ENotFound, fmt.Sprintf("aucun CPOG pour la Caf %s : choisissez-la d’abord (cpog caf set %s)", cafCode, cafCode))
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Contract loads a Caf's CPOG with all its targets, modes, baselines and
// actuals, in five queries: the Caf and its contract on the referential in
// force in one, then one per kind of row.
func (db *DB) Contract(ctx context.Context, cafCode string) (*cpog.Contract, error) {
	return db.ContractParts(ctx, cafCode, Whole)
}

// Part names what of a contract ContractParts reads beyond the Caf and
// the contract itself.
type Part uint8

const (
	// Figures are the targets, modes, share keys, baselines and actuals.
	Figures Part = 1 << iota
	// Plan is the plan d'actions: follow-ups and actions locales.
	Plan
	// Whole is all of it, as Contract reads it.
	Whole = Figures | Plan
)

// ContractParts is Contract reading only the parts named, the others left
// empty: for the listings that show one half of a CPOG (cpog gap the
// figures, cpog engagements the plan), whose time is mostly the process's
// start and the rows read. A change must start from a Whole contract.
func (db *DB) ContractParts(ctx context.Context, cafCode string, parts Part) (*cpog.Contract, error) {
	c, id, err := db.contractHeader(ctx, cafCode)
	if err != nil {
		return nil, err
	}
	if parts&Figures != 0 {
		if err := db.loadContractRows(ctx, id, c); err != nil {
			return nil, fmt.Errorf("load contract: %w", db.formatError(err))
		}
	}
	if parts&Plan != 0 {
		if err := db.loadPlan(ctx, id, c); err != nil {
			return nil, fmt.Errorf("load contract: %w", db.formatError(err))
		}
	}
	return c, nil
}

// contractHeader reads the Caf and its contract on the referential in
// force, without the contract's rows.
func (db *DB) contractHeader(ctx context.Context, cafCode string) (*cpog.Contract, int64, error) {
	caf := cpog.Caf{Code: cpog.NormalizeCafCode(cafCode)}
	var kind string
	var id sql.NullInt64
	var refID sql.NullString
	var weight sql.NullFloat64
	var baselineYear sql.NullInt64
	err := db.db.QueryRowContext(ctx, `SELECT caf.departement, caf.kind, caf.name, c.id, c.ref_id, c.weight, c.baseline_year
		FROM caf LEFT JOIN (SELECT c.* FROM contract c JOIN referential r ON r.id = c.ref_id
			WHERE c.caf_code = ? ORDER BY r.installed_at DESC LIMIT 1) c ON c.caf_code = caf.code
		WHERE caf.code = ?`, caf.Code, caf.Code).
		Scan(&caf.Departement, &kind, &caf.Name, &id, &refID, &weight, &baselineYear)
	if err == sql.ErrNoRows {
		return nil, 0, unknownCaf(cafCode)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("load contract: %w", db.formatError(err))
	}
	caf.Kind = cpog.CafKind(kind)
	if !id.Valid {
		return nil, 0, noContract(caf.Code)
	}
	return cpog.NewContract(caf, refID.String, weight.Float64, int(baselineYear.Int64)), id.Int64, nil
}

func (db *DB) loadContractRows(ctx context.Context, id int64, c *cpog.Contract) error {
	rows, err := db.db.QueryContext(ctx, "SELECT code, mode FROM contract_indicator WHERE contract_id = ?", id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var code, mode string
		if err := rows.Scan(&code, &mode); err != nil {
			rows.Close()
			return err
		}
		c.Modes[code] = cpog.Mode(mode)
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, "SELECT code, share_key FROM contract_share_key WHERE contract_id = ?", id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var code string
		var k float64
		if err := rows.Scan(&code, &k); err != nil {
			rows.Close()
			return err
		}
		c.ShareKeys[code] = k
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, "SELECT code, sub, value FROM baseline WHERE contract_id = ?", id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var k cpog.LineKey
		var v float64
		if err := rows.Scan(&k.Code, &k.Sub, &v); err != nil {
			rows.Close()
			return err
		}
		c.Baselines[k] = v
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, "SELECT code, sub, year, value FROM actual WHERE contract_id = ?", id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var k cpog.TargetKey
		var v float64
		if err := rows.Scan(&k.Code, &k.Sub, &k.Year, &v); err != nil {
			rows.Close()
			return err
		}
		c.Actuals[k] = v
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, "SELECT code, sub, year, proposed, counter, agreed, status, comment, agreed_on, explanation, action FROM target WHERE contract_id = ?", id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k cpog.TargetKey
		var p, cn, a sql.NullFloat64
		var t cpog.Target
		var status string
		if err := rows.Scan(&k.Code, &k.Sub, &k.Year, &p, &cn, &a, &status, &t.Comment, &t.AgreedOn, &t.Explanation, &t.Action); err != nil {
			return err
		}
		t.Proposed, t.Counter, t.Agreed, t.Status = opt(p), opt(cn), opt(a), cpog.Status(status)
		c.Targets[k] = t
	}
	return rows.Err()
}

func opt(n sql.NullFloat64) cpog.Opt { return cpog.Opt{V: n.Float64, OK: n.Valid} }

func nullable(o cpog.Opt) any {
	if !o.OK {
		return nil
	}
	return o.V
}
