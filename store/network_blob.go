package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/gob"
	"errors"
	"fmt"

	"github.com/cnaf-tools/cpog"
)

// A network member's contract is stored as one value (network_member.
// contract): a version byte, then the gob encoding of networkContract.
// gob decodes a Caf's few hundred targets in a tenth of a millisecond,
// where reading them as rows cost most of a network import.
const networkContractV1 = 1

// networkContract is what the network keeps of a Caf's contract. Its
// fields are part of the stored format: add fields, never rename them.
type networkContract struct {
	Modes     map[string]string // only the Caf's own choices
	Baselines []networkBaseline
	Targets   []networkTarget
}

type networkBaseline struct {
	Code, Sub string
	Value     float64
}

type networkTarget struct {
	Code, Sub                          string
	Year                               int
	Proposed, Counter, Agreed          float64
	HasProposed, HasCounter, HasAgreed bool
	Status                             string
}

// encodeNetworkContract encodes the modes (those that differ from the
// referential's defaults: ModeOf falls back to the default), baselines and
// targets of a contract.
func encodeNetworkContract(c *cpog.Contract, defaults map[string]cpog.Mode) ([]byte, error) {
	nc := networkContract{Modes: map[string]string{}}
	for code, m := range c.Modes {
		if d, ok := defaults[code]; !ok || d != m {
			nc.Modes[code] = string(m)
		}
	}
	for k, v := range c.Baselines {
		nc.Baselines = append(nc.Baselines, networkBaseline{Code: k.Code, Sub: k.Sub, Value: v})
	}
	nc.Targets = make([]networkTarget, 0, len(c.Targets))
	for k, t := range c.Targets {
		nc.Targets = append(nc.Targets, networkTarget{
			Code: k.Code, Sub: k.Sub, Year: k.Year,
			Proposed: t.Proposed.V, HasProposed: t.Proposed.OK,
			Counter: t.Counter.V, HasCounter: t.Counter.OK,
			Agreed: t.Agreed.V, HasAgreed: t.Agreed.OK,
			Status: string(t.Status),
		})
	}
	var buf bytes.Buffer
	buf.WriteByte(networkContractV1)
	if err := gob.NewEncoder(&buf).Encode(&nc); err != nil {
		return nil, fmt.Errorf("encode network contract: %w", err)
	}
	return buf.Bytes(), nil
}

// decodeNetworkContract fills c's modes, baselines and targets.
func decodeNetworkContract(b []byte, c *cpog.Contract) error {
	if len(b) == 0 || b[0] != networkContractV1 {
		return errors.New("contrat du réseau dans un format inconnu : réimportez les fichiers (cpog network import --replace)")
	}
	var nc networkContract
	if err := gob.NewDecoder(bytes.NewReader(b[1:])).Decode(&nc); err != nil {
		return fmt.Errorf("contrat du réseau illisible (%v) : réimportez les fichiers (cpog network import --replace)", err)
	}
	for code, m := range nc.Modes {
		c.Modes[code] = cpog.Mode(m)
	}
	for _, bl := range nc.Baselines {
		c.Baselines[cpog.LineKey{Code: bl.Code, Sub: bl.Sub}] = bl.Value
	}
	for _, t := range nc.Targets {
		c.Targets[cpog.TargetKey{LineKey: cpog.LineKey{Code: t.Code, Sub: t.Sub}, Year: t.Year}] = cpog.Target{
			Proposed: cpog.Opt{V: t.Proposed, OK: t.HasProposed},
			Counter:  cpog.Opt{V: t.Counter, OK: t.HasCounter},
			Agreed:   cpog.Opt{V: t.Agreed, OK: t.HasAgreed},
			Status:   cpog.Status(t.Status),
		}
	}
	return nil
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
		b, err := encodeNetworkContract(c, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE network_member SET contract = ? WHERE caf_code = ?", b, code); err != nil {
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
	member := func(code string) (*cpog.Contract, error) {
		c, ok := members[code]
		if !ok {
			return nil, fmt.Errorf("network row of Caf %s without its member", code)
		}
		return c, nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT caf_code, code, mode FROM network_mode")
	if err != nil {
		return err
	}
	for rows.Next() {
		var caf, code, mode string
		if err := rows.Scan(&caf, &code, &mode); err != nil {
			rows.Close()
			return err
		}
		c, err := member(caf)
		if err != nil {
			rows.Close()
			return err
		}
		c.Modes[code] = cpog.Mode(mode)
	}
	rows.Close()
	rows, err = tx.QueryContext(ctx, "SELECT caf_code, code, sub, value FROM network_baseline")
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
		c, err := member(caf)
		if err != nil {
			rows.Close()
			return err
		}
		c.Baselines[k] = v
	}
	rows.Close()
	rows, err = tx.QueryContext(ctx, "SELECT caf_code, code, sub, year, proposed, counter, agreed, status FROM network_target")
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
		c, err := member(caf)
		if err != nil {
			return err
		}
		c.Targets[k] = cpog.Target{Proposed: opt(p), Counter: opt(cn), Agreed: opt(a), Status: cpog.Status(status)}
	}
	return rows.Err()
}
