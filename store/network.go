package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
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
	err = db.tx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		existing, err := networkExportDates(ctx, tx)
		if err != nil {
			return err
		}
		var put []cpog.NetworkMember
		for i, m := range ms {
			code := m.Contract.Caf.Code
			if winner[code] != i {
				continue
			}
			if prev, ok := existing[code]; ok && prev.After(m.ExportedAt) {
				continue
			}
			put = append(put, m)
			stored[i] = true
		}
		return writeNetworkMembers(ctx, tx, put, now, defaults)
	})
	if err != nil {
		return nil, fmt.Errorf("store network: %w", err)
	}
	return stored, nil
}

// writeNetworkMembers replaces the members of the given Caf (one member
// per Caf), their rows deleted with them (ON DELETE CASCADE). Each table's
// rows are inserted many per statement and in key order, the order the
// table keeps them in: a network is a hundred Caf of hundreds of targets.
func writeNetworkMembers(ctx context.Context, tx *sql.Tx, ms []cpog.NetworkMember, now string, defaults map[string]cpog.Mode) error {
	if len(ms) == 0 {
		return nil
	}
	ms = slices.Clone(ms)
	slices.SortFunc(ms, func(a, b cpog.NetworkMember) int { return strings.Compare(a.Contract.Caf.Code, b.Contract.Caf.Code) })
	// the rows' values are made ready on another processor while SQLite
	// deletes the old rows, a row at a time
	built := make(chan *networkRows, 1)
	go func() { built <- buildNetworkRows(ms, defaults) }()
	codes := make([]any, len(ms))
	members := make([]any, 0, 7*len(ms))
	for i, m := range ms {
		c := m.Contract
		codes[i] = c.Caf.Code
		members = append(members, c.Caf.Code, c.RefID, c.Weight, c.BaselineYear, m.Source, m.ExportedAt.UTC().Format(time.RFC3339Nano), now)
	}
	var err error
	for len(codes) > 0 && err == nil {
		n := min(len(codes), maxRowsPerInsert)
		_, err = tx.ExecContext(ctx, "DELETE FROM network_member WHERE caf_code IN (?"+strings.Repeat(", ?", n-1)+")", codes[:n]...)
		codes = codes[n:]
	}
	if err == nil {
		err = insertRows(ctx, tx, "network_member(caf_code, ref_id, weight, baseline_year, source, exported_at, imported_at)", 7, members)
	}
	rows := <-built
	if err != nil {
		return err
	}
	return rows.insert(ctx, tx)
}

func buildNetworkRows(ms []cpog.NetworkMember, defaults map[string]cpog.Mode) *networkRows {
	var nModes, nBaselines, nTargets, nFollow int
	for _, m := range ms {
		nModes += len(m.Contract.Modes)
		nBaselines += len(m.Contract.Baselines)
		nTargets += len(m.Contract.Targets)
		nFollow += len(m.Contract.FollowUps)
	}
	rows := newNetworkRows(nModes, nBaselines, nTargets)
	rows.followUps = make([]any, 0, 5*nFollow)
	for _, m := range ms {
		rows.add(m.Contract, defaults)
	}
	return rows
}

// networkRows are the values of the three tables' rows, as insertRows
// takes them.
type networkRows struct {
	modes, baselines, targets, followUps []any
	// the codes, years and statuses already put in an interface: a
	// network repeats a few hundred of them tens of thousands of times,
	// and boxing each anew would be as many allocations
	strs map[string]any
	ints map[int64]any
}

func newNetworkRows(modes, baselines, targets int) *networkRows {
	return &networkRows{
		modes:     make([]any, 0, 3*modes),
		baselines: make([]any, 0, 4*baselines),
		targets:   make([]any, 0, 8*targets),
		strs:      map[string]any{},
		ints:      map[int64]any{},
	}
}

func (r *networkRows) str(s string) any {
	b, ok := r.strs[s]
	if !ok {
		b = s
		r.strs[s] = b
	}
	return b
}

// int boxes an int64, which the driver takes as it is (an int it would
// convert, and box again).
func (r *networkRows) int(n int) any {
	b, ok := r.ints[int64(n)]
	if !ok {
		b = int64(n)
		r.ints[int64(n)] = b
	}
	return b
}

// add appends a contract's rows in key order. A mode equal to the
// referential's default says nothing: only the Caf's own choices are
// stored (ModeOf falls back to the default).
func (r *networkRows) add(c *cpog.Contract, defaults map[string]cpog.Mode) {
	caf := any(c.Caf.Code)
	for _, code := range slices.Sorted(maps.Keys(c.Modes)) {
		if m := c.Modes[code]; defaults[code] != m {
			r.modes = append(r.modes, caf, r.str(code), r.str(string(m)))
		}
	}
	for _, k := range slices.SortedFunc(maps.Keys(c.Baselines), compareLines) {
		r.baselines = append(r.baselines, caf, r.str(k.Code), r.str(k.Sub), c.Baselines[k])
	}
	keys := slices.SortedFunc(maps.Keys(c.Targets), func(a, b cpog.TargetKey) int {
		if a.LineKey != b.LineKey {
			return compareLines(a.LineKey, b.LineKey)
		}
		return cmp.Compare(a.Year, b.Year)
	})
	for _, k := range keys {
		t := c.Targets[k]
		r.targets = append(r.targets, caf, r.str(k.Code), r.str(k.Sub), r.int(k.Year),
			nullable(t.Proposed), nullable(t.Counter), nullable(t.Agreed), r.str(string(t.Status)))
	}
	// the COG's livrables only: a local action is the Caf's own
	for _, k := range slices.SortedFunc(maps.Keys(c.FollowUps), compareFollowKeys) {
		if k.Side != cpog.SideCaisse || k.IsLocal() {
			continue
		}
		f := c.FollowUps[k]
		r.followUps = append(r.followUps, caf, r.int(k.Fiche), r.str(k.N), r.str(string(f.Status)), r.str(f.Due))
	}
}

// compareFollowKeys is the table's key order (fiche, then n as text).
func compareFollowKeys(a, b cpog.ItemKey) int {
	if a.Fiche != b.Fiche {
		return cmp.Compare(a.Fiche, b.Fiche)
	}
	if a.Side != b.Side {
		return strings.Compare(string(a.Side), string(b.Side))
	}
	return strings.Compare(a.N, b.N)
}

func (r *networkRows) insert(ctx context.Context, tx *sql.Tx) error {
	if err := insertRows(ctx, tx, "network_mode(caf_code, code, mode)", 3, r.modes); err != nil {
		return err
	}
	if err := insertRows(ctx, tx, "network_baseline(caf_code, code, sub, value)", 4, r.baselines); err != nil {
		return err
	}
	if err := insertRows(ctx, tx, "network_target(caf_code, code, sub, year, proposed, counter, agreed, status)", 8, r.targets); err != nil {
		return err
	}
	return insertRows(ctx, tx, "network_follow_up(caf_code, fiche, n, status, due)", 5, r.followUps)
}

func compareLines(a, b cpog.LineKey) int {
	if a.Code != b.Code {
		return strings.Compare(a.Code, b.Code)
	}
	return strings.Compare(a.Sub, b.Sub)
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
// département order: one query per table.
func (db *DB) NetworkMembers(ctx context.Context) ([]cpog.NetworkMember, error) {
	cafs, err := db.Cafs(ctx)
	if err != nil {
		return nil, err
	}
	byCode := map[string]cpog.Caf{}
	for _, c := range cafs {
		byCode[c.Code] = c
	}
	members := map[string]*cpog.NetworkMember{}
	err = db.eachRow(ctx, "SELECT caf_code, ref_id, weight, baseline_year, source, exported_at FROM network_member", func(rows *sql.Rows) error {
		var code, refID, source, exported string
		var weight float64
		var by int
		if err := rows.Scan(&code, &refID, &weight, &by, &source, &exported); err != nil {
			return err
		}
		at, _ := time.Parse(time.RFC3339Nano, exported)
		members[code] = &cpog.NetworkMember{Contract: cpog.NewContract(byCode[code], refID, weight, by), Source: source, ExportedAt: at}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load network: %w", db.formatError(err))
	}
	if err := db.loadNetworkRows(ctx, members); err != nil {
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

// loadNetworkRows reads the three tables into the members' contracts. Each
// table comes in key order, Caf after Caf: the member is looked up only
// when the Caf changes.
func (db *DB) loadNetworkRows(ctx context.Context, members map[string]*cpog.NetworkMember) error {
	// each contract's targets in a map of the right size, not grown
	// target after target
	err := db.eachRow(ctx, "SELECT caf_code, count(*) FROM network_target GROUP BY caf_code", func(rows *sql.Rows) error {
		var code string
		var n int
		if err := rows.Scan(&code, &n); err != nil {
			return err
		}
		if m, ok := members[code]; ok {
			m.Contract.Targets = make(map[cpog.TargetKey]cpog.Target, n)
		}
		return nil
	})
	if err != nil {
		return err
	}
	var cur *cpog.Contract
	var curCode string
	contract := func(code string) (*cpog.Contract, error) {
		if cur == nil || code != curCode {
			m, ok := members[code]
			if !ok {
				return nil, fmt.Errorf("network row of Caf %s without its member", code)
			}
			cur, curCode = m.Contract, code
		}
		return cur, nil
	}
	err = db.eachRow(ctx, "SELECT caf_code, code, mode FROM network_mode", func(rows *sql.Rows) error {
		var caf, code, mode string
		if err := rows.Scan(&caf, &code, &mode); err != nil {
			return err
		}
		c, err := contract(caf)
		if err != nil {
			return err
		}
		c.Modes[code] = cpog.Mode(mode)
		return nil
	})
	if err != nil {
		return err
	}
	err = db.eachRow(ctx, "SELECT caf_code, code, sub, value FROM network_baseline", func(rows *sql.Rows) error {
		var caf string
		var k cpog.LineKey
		var v float64
		if err := rows.Scan(&caf, &k.Code, &k.Sub, &v); err != nil {
			return err
		}
		c, err := contract(caf)
		if err != nil {
			return err
		}
		c.Baselines[k] = v
		return nil
	})
	if err != nil {
		return err
	}
	err = db.eachRow(ctx, "SELECT caf_code, fiche, n, status, due FROM network_follow_up", func(rows *sql.Rows) error {
		var caf, n, status, due string
		var fiche int64
		if err := rows.Scan(&caf, &fiche, &n, &status, &due); err != nil {
			return err
		}
		c, err := contract(caf)
		if err != nil {
			return err
		}
		c.FollowUps[cpog.ItemKey{Fiche: int(fiche), Side: cpog.SideCaisse, N: n}] = cpog.FollowUp{Status: cpog.FollowStatus(status), Due: due}
		return nil
	})
	if err != nil {
		return err
	}
	return db.eachRow(ctx, "SELECT caf_code, code, sub, year, proposed, counter, agreed, status FROM network_target", func(rows *sql.Rows) error {
		var caf, status string
		var k cpog.TargetKey
		var year int64 // into an int database/sql would go through text
		var p, cn, a sql.NullFloat64
		if err := rows.Scan(&caf, &k.Code, &k.Sub, &year, &p, &cn, &a, &status); err != nil {
			return err
		}
		c, err := contract(caf)
		if err != nil {
			return err
		}
		k.Year = int(year)
		c.Targets[k] = cpog.Target{Proposed: opt(p), Counter: opt(cn), Agreed: opt(a), Status: cpog.Status(status)}
		return nil
	})
}

// eachRow runs a query outside any transaction and scans each row.
func (db *DB) eachRow(ctx context.Context, query string, scan func(*sql.Rows) error) error {
	rows, err := db.db.QueryContext(ctx, query)
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

// ClearNetwork empties the network dataset.
func (db *DB) ClearNetwork(ctx context.Context) error {
	return db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM network_member")
		return err
	})
}
