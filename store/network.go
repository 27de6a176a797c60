package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/cnaf-tools/cpog"
)

// PutNetworkMembers stores Caf's contracts in the network dataset, all in
// one transaction (one durable commit for a hundred files). For each Caf
// the newest file wins, whether it came before or in the same batch (of
// two files exported at the same time, the later given); it reports, per
// member, whether it was stored.
func (db *DB) PutNetworkMembers(ctx context.Context, ms []cpog.NetworkMember) ([]bool, error) {
	stored := make([]bool, len(ms))
	defaults, err := db.defaultModes(ctx)
	if err != nil {
		return nil, fmt.Errorf("store network: %w", err)
	}
	// the newest of the batch for each Caf
	winner := map[string]int{}
	for i, m := range ms {
		if j, ok := winner[m.Contract.Caf.Code]; !ok || !ms[j].ExportedAt.After(m.ExportedAt) {
			winner[m.Contract.Caf.Code] = i
		}
	}
	// encoded before the transaction, which stays short
	blobs := make([][]byte, len(ms))
	for i, m := range ms {
		if winner[m.Contract.Caf.Code] != i {
			continue
		}
		blobs[i] = encodeNetworkContract(m.Contract, defaults)
	}
	now := db.now()
	err = db.tx(ctx, func(tx *sql.Tx) error {
		existing, err := networkExportDates(ctx, tx)
		if err != nil {
			return err
		}
		for i, m := range ms {
			c := m.Contract
			if blobs[i] == nil {
				continue
			}
			if prev, ok := existing[c.Caf.Code]; ok && prev.After(m.ExportedAt) {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO network_member(caf_code, ref_id, weight, baseline_year, source, exported_at, imported_at, contract)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.Caf.Code, c.RefID, c.Weight, c.BaselineYear, m.Source,
				m.ExportedAt.UTC().Format(time.RFC3339Nano), now, blobs[i]); err != nil {
				return fmt.Errorf("%s: %w", m.Source, err)
			}
			stored[i] = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store network: %w", err)
	}
	return stored, nil
}

// networkExportDates are the export dates of the files in the network
// dataset, by Caf.
func networkExportDates(ctx context.Context, tx *sql.Tx) (map[string]time.Time, error) {
	rows, err := tx.QueryContext(ctx, "SELECT caf_code, exported_at FROM network_member")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var code, at string
		if err := rows.Scan(&code, &at); err != nil {
			return nil, err
		}
		t, err := time.Parse(time.RFC3339Nano, at)
		if err != nil {
			t = time.Time{} // unreadable: any file replaces it
		}
		out[code] = t
	}
	return out, rows.Err()
}

// defaultModes are the referential's modes de déclinaison, by code.
func (db *DB) defaultModes(ctx context.Context) (map[string]cpog.Mode, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT code, mode FROM indicator")
	if err != nil {
		return nil, db.formatError(err)
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
func (db *DB) NetworkMembers(ctx context.Context) ([]cpog.NetworkMember, error) {
	cafs, err := db.Cafs(ctx)
	if err != nil {
		return nil, err
	}
	byCode := map[string]cpog.Caf{}
	for _, c := range cafs {
		byCode[c.Code] = c
	}
	rows, err := db.db.QueryContext(ctx, "SELECT caf_code, ref_id, weight, baseline_year, source, exported_at, contract FROM network_member")
	if err != nil {
		return nil, fmt.Errorf("load network: %w", db.formatError(err))
	}
	defer rows.Close()
	members := map[string]*cpog.NetworkMember{}
	for rows.Next() {
		var code, refID, source, exported string
		var weight float64
		var by int
		var blob []byte
		if err := rows.Scan(&code, &refID, &weight, &by, &source, &exported, &blob); err != nil {
			return nil, fmt.Errorf("load network: %w", err)
		}
		at, _ := time.Parse(time.RFC3339Nano, exported)
		m := &cpog.NetworkMember{Contract: cpog.NewContract(byCode[code], refID, weight, by), Source: source, ExportedAt: at}
		if err := decodeNetworkContract(blob, m.Contract); err != nil {
			return nil, fmt.Errorf("load network: Caf %s : %w", code, err)
		}
		members[code] = m
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load network: %w", db.formatError(err))
	}
	out := make([]cpog.NetworkMember, 0, len(members))
	for _, c := range cafs {
		if m, ok := members[c.Code]; ok {
			out = append(out, *m)
		}
	}
	return out, nil
}

// ClearNetwork empties the network dataset.
func (db *DB) ClearNetwork(ctx context.Context) error {
	return db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM network_member")
		return err
	})
}
