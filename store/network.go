package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/cnaf-tools/cpog"
)

// NetworkMember is one Caf's contract in the network dataset, with where it
// came from.
type NetworkMember struct {
	Contract   *cpog.Contract
	Source     string
	ExportedAt time.Time
}

// PutNetworkMembers stores Caf's contracts in the network dataset, all in
// one transaction (one durable commit for a hundred files). For each Caf
// the newest file wins, whether it came before or in the same batch; it
// reports, per member, whether it was stored.
func (db *DB) PutNetworkMembers(ctx context.Context, ms []NetworkMember) ([]bool, error) {
	stored := make([]bool, len(ms))
	defaults, err := db.defaultModes(ctx)
	if err != nil {
		return nil, fmt.Errorf("store network: %w", err)
	}
	err = db.tx(ctx, func(tx *sql.Tx) error {
		for i, m := range ms {
			ok, err := putNetworkMember(ctx, tx, m, db.now(), defaults)
			if err != nil {
				return fmt.Errorf("%s: %w", m.Source, err)
			}
			if ok {
				// an earlier member of the batch for the same Caf was replaced
				for j := 0; j < i; j++ {
					if ms[j].Contract.Caf.Code == m.Contract.Caf.Code {
						stored[j] = false
					}
				}
			}
			stored[i] = ok
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store network: %w", err)
	}
	return stored, nil
}

func putNetworkMember(ctx context.Context, tx *sql.Tx, m NetworkMember, now string, defaults map[string]cpog.Mode) (bool, error) {
	c := m.Contract
	var prev string
	err := tx.QueryRowContext(ctx, "SELECT exported_at FROM network_member WHERE caf_code = ?", c.Caf.Code).Scan(&prev)
	switch {
	case err == sql.ErrNoRows:
	case err != nil:
		return false, err
	default:
		if t, perr := time.Parse(time.RFC3339Nano, prev); perr == nil && t.After(m.ExportedAt) {
			return false, nil
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM network_member WHERE caf_code = ?", c.Caf.Code); err != nil {
			return false, err
		}
	}
	return true, insertNetworkMember(ctx, tx, m, now, defaults)
}

func insertNetworkMember(ctx context.Context, tx *sql.Tx, m NetworkMember, now string, defaults map[string]cpog.Mode) error {
	c := m.Contract
	if _, err := tx.ExecContext(ctx, `INSERT INTO network_member(caf_code, ref_id, weight, baseline_year, source, exported_at, imported_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, c.Caf.Code, c.RefID, c.Weight, c.BaselineYear, m.Source,
		m.ExportedAt.UTC().Format(time.RFC3339Nano), now); err != nil {
		return err
	}
	// a mode equal to the referential's default says nothing: only the
	// Caf's own choices are stored (ModeOf falls back to the default)
	var modeArgs []any
	for code, mode := range c.Modes {
		if d, ok := defaults[code]; ok && d == mode {
			continue
		}
		modeArgs = append(modeArgs, c.Caf.Code, code, string(mode))
	}
	if err := insertRows(ctx, tx, "INSERT INTO network_mode(caf_code, code, mode) VALUES ", 3, modeArgs); err != nil {
		return err
	}
	var baseArgs []any
	for k, v := range c.Baselines {
		baseArgs = append(baseArgs, c.Caf.Code, k.Code, k.Sub, v)
	}
	if err := insertRows(ctx, tx, "INSERT INTO network_baseline(caf_code, code, sub, value) VALUES ", 4, baseArgs); err != nil {
		return err
	}
	targetArgs := make([]any, 0, 8*len(c.Targets))
	for k, t := range c.Targets {
		targetArgs = append(targetArgs, c.Caf.Code, k.Code, k.Sub, k.Year, nullable(t.Proposed), nullable(t.Counter), nullable(t.Agreed), string(t.Status))
	}
	return insertRows(ctx, tx, "INSERT INTO network_target(caf_code, code, sub, year, proposed, counter, agreed, status) VALUES ", 8, targetArgs)
}

// insertRows inserts rows of width values each, many rows per statement: a
// network is a hundred Caf of hundreds of targets, and one statement per
// row cost most of an import's time.
func insertRows(ctx context.Context, tx *sql.Tx, head string, width int, args []any) error {
	const perStmt = 100
	rowSQL := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + "), "
	for start := 0; start < len(args); start += perStmt * width {
		end := min(start+perStmt*width, len(args))
		n := (end - start) / width
		if _, err := tx.ExecContext(ctx, head+strings.TrimSuffix(strings.Repeat(rowSQL, n), ", "), args[start:end]...); err != nil {
			return err
		}
	}
	return nil
}

// defaultModes are the referential's modes de déclinaison, by code.
func (db *DB) defaultModes(ctx context.Context) (map[string]cpog.Mode, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT code, mode FROM indicator")
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	out := map[string]cpog.Mode{}
	for rows.Next() {
		var code, mode string
		if err := rows.Scan(&code, &mode); err != nil {
			return nil, err
		}
		out[code] = cpog.Mode(mode)
	}
	return out, rows.Err()
}

// NetworkMembers loads the network dataset, one contract per Caf, in
// département order.
func (db *DB) NetworkMembers(ctx context.Context) ([]NetworkMember, error) {
	cafs, err := db.Cafs(ctx)
	if err != nil {
		return nil, err
	}
	byCode := map[string]cpog.Caf{}
	for _, c := range cafs {
		byCode[c.Code] = c
	}
	rows, err := db.db.QueryContext(ctx, "SELECT caf_code, ref_id, weight, baseline_year, source, exported_at FROM network_member")
	if err != nil {
		return nil, fmt.Errorf("load network: %w", FormatError(err))
	}
	members := map[string]*NetworkMember{}
	for rows.Next() {
		var code, refID, source, exported string
		var weight float64
		var by int
		if err := rows.Scan(&code, &refID, &weight, &by, &source, &exported); err != nil {
			rows.Close()
			return nil, fmt.Errorf("load network: %w", err)
		}
		at, _ := time.Parse(time.RFC3339Nano, exported)
		members[code] = &NetworkMember{Contract: cpog.NewContract(byCode[code], refID, weight, by), Source: source, ExportedAt: at}
	}
	rows.Close()
	if err := db.loadNetworkRows(ctx, members); err != nil {
		return nil, fmt.Errorf("load network: %w", FormatError(err))
	}
	out := make([]NetworkMember, 0, len(members))
	for _, c := range cafs {
		if m, ok := members[c.Code]; ok {
			out = append(out, *m)
		}
	}
	return out, nil
}

func (db *DB) loadNetworkRows(ctx context.Context, members map[string]*NetworkMember) error {
	rows, err := db.db.QueryContext(ctx, "SELECT caf_code, code, mode FROM network_mode")
	if err != nil {
		return err
	}
	for rows.Next() {
		var caf, code, mode string
		if err := rows.Scan(&caf, &code, &mode); err != nil {
			rows.Close()
			return err
		}
		members[caf].Contract.Modes[code] = cpog.Mode(mode)
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, "SELECT caf_code, code, sub, value FROM network_baseline")
	if err != nil {
		return err
	}
	for rows.Next() {
		var caf string
		var k cpog.LineKey
		var v float64
		if err := rows.Scan(&caf, &k.Code, &k.Sub, &v); err != nil {
			rows.Close()
			return err
		}
		members[caf].Contract.Baselines[k] = v
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, "SELECT caf_code, code, sub, year, proposed, counter, agreed, status FROM network_target")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var caf, status string
		var k cpog.TargetKey
		var p, cn, a sql.NullFloat64
		if err := rows.Scan(&caf, &k.Code, &k.Sub, &k.Year, &p, &cn, &a, &status); err != nil {
			return err
		}
		members[caf].Contract.Targets[k] = cpog.Target{Proposed: opt(p), Counter: opt(cn), Agreed: opt(a), Status: cpog.Status(status)}
	}
	return rows.Err()
}

// ClearNetwork empties the network dataset.
func (db *DB) ClearNetwork(ctx context.Context) error {
	return db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM network_member")
		return err
	})
}
