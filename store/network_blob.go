package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/cnaf-tools/cpog"
)

// A network member's contract is stored as one value (network_member.
// contract): a Caf's few hundred targets are decoded in a few dozen
// microseconds, where reading them as rows cost most of a network import.
// The format, after its version byte:
//
//	modes:     count, then per mode: code, mode
//	baselines: count, then per baseline: code, sub, value
//	targets:   count, then per target: code, sub, year, flags, the values
//	           the flags announce (proposed 1, counter 2, agreed 4), status
//
// Counts and years are unsigned varints, strings a varint length and their
// bytes, values IEEE 754 doubles, little-endian. (encoding/gob would do,
// but its package initialisation costs every start of cpog half a
// millisecond.)
const networkContractV1 = 1

// encodeNetworkContract encodes the modes (those that differ from the
// referential's defaults: ModeOf falls back to the default), baselines and
// targets of a contract.
func encodeNetworkContract(c *cpog.Contract, defaults map[string]cpog.Mode) []byte {
	b := make([]byte, 0, 64+40*len(c.Targets))
	b = append(b, networkContractV1)
	var modes []string
	for code, m := range c.Modes {
		if d, ok := defaults[code]; !ok || d != m {
			modes = append(modes, code, string(m))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(modes)/2))
	for _, s := range modes {
		b = appendString(b, s)
	}
	b = binary.AppendUvarint(b, uint64(len(c.Baselines)))
	for k, v := range c.Baselines {
		b = appendString(b, k.Code)
		b = appendString(b, k.Sub)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	b = binary.AppendUvarint(b, uint64(len(c.Targets)))
	for k, t := range c.Targets {
		b = appendString(b, k.Code)
		b = appendString(b, k.Sub)
		b = binary.AppendUvarint(b, uint64(k.Year))
		var flags byte
		for i, o := range []cpog.Opt{t.Proposed, t.Counter, t.Agreed} {
			if o.OK {
				flags |= 1 << i
			}
		}
		b = append(b, flags)
		for _, o := range []cpog.Opt{t.Proposed, t.Counter, t.Agreed} {
			if o.OK {
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(o.V))
			}
		}
		b = appendString(b, string(t.Status))
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// errNetworkContract is the message for a stored value this cpog cannot
// read: the network is a copy of files, which can be imported again.
var errNetworkContract = errors.New("contrat du réseau illisible : réimportez les fichiers (cpog network import --replace)")

// contractReader reads the format above; its first error sticks.
type contractReader struct {
	b   []byte
	err error
}

func (r *contractReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errNetworkContract
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a number of items each at least min bytes long, so that a
// damaged count cannot make the reader allocate more than the value holds.
func (r *contractReader) count(min int) int {
	n := r.uvarint()
	if r.err == nil && n > uint64(len(r.b)/min) {
		r.err = errNetworkContract
		return 0
	}
	return int(n)
}

func (r *contractReader) str() string {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = errNetworkContract
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *contractReader) byte() byte {
	if r.err != nil || len(r.b) < 1 {
		r.err = errNetworkContract
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *contractReader) float() float64 {
	if r.err != nil || len(r.b) < 8 {
		r.err = errNetworkContract
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.b))
	r.b = r.b[8:]
	return v
}

// decodeNetworkContract fills c's modes, baselines and targets.
func decodeNetworkContract(b []byte, c *cpog.Contract) error {
	r := &contractReader{b: b}
	if r.byte() != networkContractV1 {
		return errNetworkContract
	}
	for n := r.count(2); n > 0 && r.err == nil; n-- {
		code := r.str()
		c.Modes[code] = cpog.Mode(r.str())
	}
	for n := r.count(10); n > 0 && r.err == nil; n-- {
		k := cpog.LineKey{Code: r.str(), Sub: r.str()}
		c.Baselines[k] = r.float()
	}
	n := r.count(5)
	if r.err == nil && len(c.Targets) == 0 {
		c.Targets = make(map[cpog.TargetKey]cpog.Target, n)
	}
	for ; n > 0 && r.err == nil; n-- {
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
		r.err = errNetworkContract
	}
	return r.err
}

// migrateNetworkContracts moves a network stored as rows (schema 2) into
// one value per Caf (schema 3) and drops the rows' tables.
func migrateNetworkContracts(ctx context.Context, tx *sql.Tx) error {
	members := map[string]*cpog.Contract{}
	rows, err := tx.QueryContext(ctx, "SELECT caf_code FROM network_member")
	if err != nil {
		return err
	}
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			rows.Close()
			return err
		}
		members[code] = cpog.NewContract(cpog.Caf{Code: code}, "", 0, 0)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if err := loadNetworkRowsV2(ctx, tx, members); err != nil {
		return err
	}
	for code, c := range members {
		// the rows hold only the Caf's own modes: nothing to leave out
		if _, err := tx.ExecContext(ctx, "UPDATE network_member SET contract = ? WHERE caf_code = ?", encodeNetworkContract(c, nil), code); err != nil {
			return err
		}
	}
	for _, t := range []string{"network_target", "network_baseline", "network_mode"} {
		if _, err := tx.ExecContext(ctx, "DROP TABLE "+t); err != nil {
			return err
		}
	}
	return nil
}

// loadNetworkRowsV2 reads the network's rows as schema 2 stored them.
func loadNetworkRowsV2(ctx context.Context, tx *sql.Tx, members map[string]*cpog.Contract) error {
	// read scans one row and returns its Caf and what the row sets in that
	// Caf's contract, whose member must exist
	eachRow := func(query string, read func(rows *sql.Rows) (string, func(*cpog.Contract), error)) error {
		rows, err := tx.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			caf, set, err := read(rows)
			if err != nil {
				return err
			}
			c, ok := members[caf]
			if !ok {
				return fmt.Errorf("network row of Caf %s without its member", caf)
			}
			set(c)
		}
		return rows.Err()
	}
	err := eachRow("SELECT caf_code, code, mode FROM network_mode", func(rows *sql.Rows) (string, func(*cpog.Contract), error) {
		var caf, code, mode string
		err := rows.Scan(&caf, &code, &mode)
		return caf, func(c *cpog.Contract) { c.Modes[code] = cpog.Mode(mode) }, err
	})
	if err != nil {
		return err
	}
	err = eachRow("SELECT caf_code, code, sub, value FROM network_baseline", func(rows *sql.Rows) (string, func(*cpog.Contract), error) {
		var caf string
		var k cpog.LineKey
		var v float64
		err := rows.Scan(&caf, &k.Code, &k.Sub, &v)
		return caf, func(c *cpog.Contract) { c.Baselines[k] = v }, err
	})
	if err != nil {
		return err
	}
	return eachRow("SELECT caf_code, code, sub, year, proposed, counter, agreed, status FROM network_target", func(rows *sql.Rows) (string, func(*cpog.Contract), error) {
		var caf, status string
		var k cpog.TargetKey
		var p, cn, a sql.NullFloat64
		err := rows.Scan(&caf, &k.Code, &k.Sub, &k.Year, &p, &cn, &a, &status)
		return caf, func(c *cpog.Contract) {
			c.Targets[k] = cpog.Target{Proposed: opt(p), Counter: opt(cn), Agreed: opt(a), Status: cpog.Status(status)}
		}, err
	})
}
