package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"math"

	"github.com/cnaf-tools/cpog"
)

// setNetworkRowsAside is migration 3's Go step. Schema 3 moved the
// network's rows (schema 2) into one value per Caf, which schema 4 turns
// back into rows of the same columns; so the rows of a database of schema
// 2 are put aside under other names, for migration 4 to take back, rather
// than encoded into values only to be decoded at once.
func setNetworkRowsAside(ctx context.Context, tx *sql.Tx) error {
	for _, t := range []string{"network_mode", "network_baseline", "network_target"} {
		if _, err := tx.ExecContext(ctx, "ALTER TABLE "+t+" RENAME TO "+t+"_v2"); err != nil {
			return err
		}
	}
	return nil
}

// migrateNetworkRows is migration 4's Go step: the rows of schema 2 put
// aside by migration 3, or else each member's value of schema 3, go into
// the tables of schema 4; then the value's column is dropped. Rows whose
// status or mode the tables would refuse are left out, and a member whose
// value cannot be read is removed: the network is a copy of exchange
// files, which `cpog network import` brings back, and a migration that
// fails would leave cpog unable to open the database at all.
func migrateNetworkRows(ctx context.Context, tx *sql.Tx) error {
	var aside int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'network_target_v2'").Scan(&aside); err != nil {
		return err
	}
	if aside > 0 {
		for _, q := range []string{
			`INSERT INTO network_mode(caf_code, code, mode) SELECT caf_code, code, mode FROM network_mode_v2
				WHERE mode IN ('same', 'share', 'path', 'free', 'national')`,
			`INSERT INTO network_baseline(caf_code, code, sub, value) SELECT caf_code, code, sub, value FROM network_baseline_v2`,
			`INSERT INTO network_target(caf_code, code, sub, year, proposed, counter, agreed, status)
				SELECT caf_code, code, sub, year, proposed, counter, agreed, status FROM network_target_v2
				WHERE status IN ('', 'draft', 'proposed', 'countered', 'agreed')`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		for _, t := range []string{"network_mode_v2", "network_baseline_v2", "network_target_v2"} {
			if _, err := tx.ExecContext(ctx, "DROP TABLE "+t); err != nil {
				return err
			}
		}
	}
	type value struct {
		caf string
		b   []byte
	}
	var values []value
	rows, err := tx.QueryContext(ctx, "SELECT caf_code, contract FROM network_member WHERE contract IS NOT NULL ORDER BY caf_code")
	if err != nil {
		return err
	}
	for rows.Next() {
		var v value
		if err := rows.Scan(&v.caf, &v.b); err != nil {
			rows.Close()
			return err
		}
		values = append(values, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	out := newNetworkRows(0, 0, 0)
	for _, v := range values {
		c := cpog.NewContract(cpog.Caf{Code: v.caf}, "", 0, 0)
		if decodeNetworkContractV1(v.b, c) != nil || !validNetworkContract(c) {
			if _, err := tx.ExecContext(ctx, "DELETE FROM network_member WHERE caf_code = ?", v.caf); err != nil {
				return err
			}
			continue
		}
		// the value holds only the Caf's own modes: no defaults to leave out
		out.add(c, nil)
	}
	if err := out.insert(ctx, tx); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "ALTER TABLE network_member DROP COLUMN contract")
	return err
}

// validNetworkContract reports whether the tables of schema 4 accept a
// decoded value's statuses and modes.
func validNetworkContract(c *cpog.Contract) bool {
	for _, m := range c.Modes {
		if !m.Valid() {
			return false
		}
	}
	for _, t := range c.Targets {
		if !t.Status.Valid() {
			return false
		}
	}
	return true
}

// decodeNetworkContractV1 reads a member's value as schema 3 stored it,
// into c's modes, baselines and targets. It exists only for migration 4.
// The format, after its version byte (1):
//
//	modes:     count, then per mode: code, mode
//	baselines: count, then per baseline: code, sub, value
//	targets:   count, then per target: code, sub, year, flags, the values
//	           the flags announce (proposed 1, counter 2, agreed 4), status
//
// Counts and years are unsigned varints, strings a varint length and their
// bytes, values IEEE 754 doubles, little-endian.
func decodeNetworkContractV1(b []byte, c *cpog.Contract) error {
	r := &valueReader{b: b}
	if r.byte() != 1 {
		return errNetworkValue
	}
	for n := r.count(2); n > 0 && r.err == nil; n-- {
		code := r.str()
		c.Modes[code] = cpog.Mode(r.str())
	}
	for n := r.count(10); n > 0 && r.err == nil; n-- {
		k := cpog.LineKey{Code: r.str(), Sub: r.str()}
		c.Baselines[k] = r.float()
	}
	for n := r.count(5); n > 0 && r.err == nil; n-- {
		k := cpog.TargetKey{LineKey: cpog.LineKey{Code: r.str(), Sub: r.str()}, Year: int(r.uvarint())}
		flags := r.byte()
		var t cpog.Target
		for i, o := range []*cpog.Opt{&t.Proposed, &t.Counter, &t.Agreed} {
			if flags&(1<<i) != 0 {
				*o = cpog.Some(r.float())
			}
		}
		t.Status = cpog.Status(r.str())
		c.Targets[k] = t
	}
	if r.err == nil && len(r.b) != 0 {
		return errNetworkValue
	}
	return r.err
}

var errNetworkValue = errors.New("unreadable network value")

// valueReader reads the format above; its first error sticks.
type valueReader struct {
	b   []byte
	err error
}

func (r *valueReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errNetworkValue
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a number of items each at least min bytes long, so that a
// damaged count cannot make the reader loop past what the value holds.
func (r *valueReader) count(min int) int {
	n := r.uvarint()
	if r.err == nil && n > uint64(len(r.b)/min) {
		r.err = errNetworkValue
		return 0
	}
	return int(n)
}

func (r *valueReader) str() string {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = errNetworkValue
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *valueReader) byte() byte {
	if r.err != nil || len(r.b) < 1 {
		r.err = errNetworkValue
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *valueReader) float() float64 {
	if r.err != nil || len(r.b) < 8 {
		r.err = errNetworkValue
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.b))
	r.b = r.b[8:]
	return v
}
