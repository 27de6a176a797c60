package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/seed"
)

// install puts the embedded referential and Caf list in the database, in one
// transaction, the first time; afterwards it costs one query.
func (db *DB) install(ctx context.Context) error {
	// The embedded files already installed and current, as the checksum
	// shows: done, without parsing the referential.
	var latest string
	err := db.db.QueryRowContext(ctx, "SELECT checksum FROM referential ORDER BY installed_at DESC LIMIT 1").Scan(&latest)
	if err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("install referential: %w", db.formatError(err))
	}
	if latest == seed.Checksum() {
		db.embedded = true
		return nil
	}
	var n int
	if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM referential WHERE checksum = ?", seed.Checksum()).Scan(&n); err != nil {
		return fmt.Errorf("install referential: %w", db.formatError(err))
	}
	if n > 0 {
		return nil
	}
	ref, err := seed.Referential()
	if err != nil {
		return fmt.Errorf("install referential: %w", err)
	}
	if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM referential WHERE id = ?", ref.ID).Scan(&n); err != nil {
		return fmt.Errorf("install referential: %w", db.formatError(err))
	}
	upgrade := n > 0
	if upgrade {
		// The same COG, installed by an earlier cpog that recorded less
		// of it (no measures, no engagements): its rows are brought up to this one's,
		// with the Caf list, only if every figure a contract is judged by
		// is the same. A changed national target or default mode is a new
		// revision, never slipped under a signed contract; any other
		// difference is doctor's to report, not to repair silently.
		var older bool
		if err := db.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM indicator WHERE ref_id = ? AND measure = '')
			OR NOT EXISTS (SELECT 1 FROM commitment WHERE ref_id = ?)`, ref.ID, ref.ID).Scan(&older); err != nil {
			return fmt.Errorf("install referential: %w", db.formatError(err))
		}
		if !older {
			return nil
		}
		got, err := db.installedReferential(ctx)
		if err != nil {
			return err
		}
		if len(compareReferentials(ref, got, false)) > 0 {
			return nil
		}
	}
	cafs, err := seed.Cafs()
	if err != nil {
		return fmt.Errorf("install Caf list: %w", err)
	}
	err = db.tx(ctx, func(tx *sql.Tx) error {
		if upgrade {
			if err := deleteReferentialRows(ctx, tx, ref.ID); err != nil {
				return fmt.Errorf("upgrade referential: %w", err)
			}
		}
		if err := insertReferential(ctx, tx, ref, seed.Checksum(), db.now()); err != nil {
			return fmt.Errorf("install referential: %w", err)
		}
		for _, c := range cafs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO caf(code, departement, kind, name) VALUES (?, ?, ?, ?)
				ON CONFLICT(code) DO UPDATE SET departement = excluded.departement, kind = excluded.kind, name = excluded.name`,
				c.Code, c.Departement, string(c.Kind), c.Name); err != nil {
				return fmt.Errorf("install Caf %s: %w", c.Code, err)
			}
		}
		return nil
	})
	db.embedded = err == nil
	return err
}

// deleteReferentialRows removes a referential's description before it is
// written again, children first; the referential's own row stays, for the
// contracts that refer to it.
func deleteReferentialRows(ctx context.Context, tx *sql.Tx, id string) error {
	for _, table := range []string{"commitment_note", "commitment", "national_target", "sub_indicator", "indicator_alias", "indicator", "fiche", "axis"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE ref_id = ?", id); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
	}
	return nil
}

func insertReferential(ctx context.Context, tx *sql.Tx, r *cpog.Referential, checksum, now string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO referential(id, title, revision, signed, first_year, last_year, checksum, installed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET title = excluded.title, revision = excluded.revision, signed = excluded.signed,
			checksum = excluded.checksum`, r.ID, r.Title, r.Revision, r.Signed, r.FirstYear(), r.LastYear(), checksum, now); err != nil {
		return err
	}
	for _, a := range r.Axes {
		if _, err := tx.ExecContext(ctx, "INSERT INTO axis(ref_id, n, title) VALUES (?, ?, ?)", r.ID, a.N, a.Title); err != nil {
			return err
		}
	}
	for _, f := range r.Fiches {
		if _, err := tx.ExecContext(ctx, "INSERT INTO fiche(ref_id, n, axis, title) VALUES (?, ?, ?, ?)", r.ID, f.N, f.Axis, f.Title); err != nil {
			return err
		}
	}
	indStmt, err := tx.PrepareContext(ctx, `INSERT INTO indicator(ref_id, code, n, fiche, label, unit, direction, mode, measure, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer indStmt.Close()
	tgtStmt, err := tx.PrepareContext(ctx, `INSERT INTO national_target(ref_id, code, sub, year, raw, kind, value, min, max, relative_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer tgtStmt.Close()
	for i := range r.Indicators {
		ind := &r.Indicators[i]
		if _, err := indStmt.ExecContext(ctx, r.ID, ind.Code, ind.N, ind.Fiche, ind.Label, string(ind.Unit), string(ind.Direction), string(ind.Mode), string(ind.Measure), ind.Notes); err != nil {
			return fmt.Errorf("%s: %w", ind.Code, err)
		}
		for _, a := range ind.Aliases {
			if _, err := tx.ExecContext(ctx, "INSERT INTO indicator_alias(ref_id, alias, code) VALUES (?, ?, ?)", r.ID, a, ind.Code); err != nil {
				return fmt.Errorf("%s alias %s: %w", ind.Code, a, err)
			}
		}
		for pos, s := range ind.Subs {
			if _, err := tx.ExecContext(ctx, "INSERT INTO sub_indicator(ref_id, code, key, pos, label) VALUES (?, ?, ?, ?, ?)", r.ID, ind.Code, s.Key, pos, s.Label); err != nil {
				return fmt.Errorf("%s sub %s: %w", ind.Code, s.Key, err)
			}
		}
		for _, l := range ind.Lines() {
			for y, t := range l.Targets {
				var v, lo, hi any
				if t.Kind == cpog.TargetBand {
					lo, hi = t.Min, t.Max
				} else {
					v = t.Value
				}
				if _, err := tgtStmt.ExecContext(ctx, r.ID, ind.Code, l.Sub, y, t.Raw, string(t.Kind), v, lo, hi, t.RelativeTo); err != nil {
					return fmt.Errorf("%s %d: %w", l.Key(), y, err)
				}
			}
		}
	}
	return insertCommitments(ctx, tx, r)
}

// Referential returns the referential in force (the COG 2023-2027). When
// it is the embedded one, as its checksum proved at Open, the copy compiled
// into the binary is returned: the figures the tables were filled with, in
// microseconds instead of seven queries at every command's start. doctor
// still reads the tables (installedReferential) and compares them with it.
func (db *DB) Referential(ctx context.Context) (*cpog.Referential, error) {
	if db.embedded {
		r, err := seed.Referential()
		if err != nil {
			return nil, fmt.Errorf("load referential: %w", err)
		}
		return r, nil
	}
	return db.installedReferential(ctx)
}

// installedReferential loads the referential in force from its tables.
func (db *DB) installedReferential(ctx context.Context) (*cpog.Referential, error) {
	r := &cpog.Referential{}
	var first, last int
	err := db.db.QueryRowContext(ctx, `SELECT id, title, revision, signed, first_year, last_year FROM referential ORDER BY installed_at DESC LIMIT 1`).
		Scan(&r.ID, &r.Title, &r.Revision, &r.Signed, &first, &last)
	if err != nil {
		return nil, fmt.Errorf("load referential: %w", db.formatError(err))
	}
	for y := first; y <= last; y++ {
		r.Years = append(r.Years, y)
	}
	if err := db.loadStructure(ctx, r); err != nil {
		return nil, fmt.Errorf("load referential: %w", db.formatError(err))
	}
	if err := db.loadCommitments(ctx, r); err != nil {
		return nil, fmt.Errorf("load referential: %w", db.formatError(err))
	}
	return r, nil
}

func (db *DB) loadStructure(ctx context.Context, r *cpog.Referential) error {
	rows, err := db.db.QueryContext(ctx, "SELECT n, title FROM axis WHERE ref_id = ? ORDER BY n", r.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var a cpog.Axis
		if err := rows.Scan(&a.N, &a.Title); err != nil {
			rows.Close()
			return err
		}
		r.Axes = append(r.Axes, a)
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, "SELECT n, axis, title FROM fiche WHERE ref_id = ? ORDER BY n", r.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var f cpog.Fiche
		if err := rows.Scan(&f.N, &f.Axis, &f.Title); err != nil {
			rows.Close()
			return err
		}
		r.Fiches = append(r.Fiches, f)
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, "SELECT code, n, fiche, label, unit, direction, mode, measure, notes FROM indicator WHERE ref_id = ? ORDER BY n", r.ID)
	if err != nil {
		return err
	}
	index := map[string]int{}
	for rows.Next() {
		var ind cpog.Indicator
		var unit, dir, mode, measure string
		if err := rows.Scan(&ind.Code, &ind.N, &ind.Fiche, &ind.Label, &unit, &dir, &mode, &measure, &ind.Notes); err != nil {
			rows.Close()
			return err
		}
		ind.Unit, ind.Direction, ind.Mode, ind.Measure = cpog.Unit(unit), cpog.Direction(dir), cpog.Mode(mode), cpog.Measure(measure)
		if ind.Measure == "" {
			// installed before measures were recorded
			ind.Measure = cpog.MeasureLevel
			if ind.Unit.IsVolume() {
				ind.Measure = cpog.MeasureVolume
			}
		}
		ind.Aliases = []string{}
		ind.Targets = map[int]cpog.NationalTarget{}
		index[ind.Code] = len(r.Indicators)
		r.Indicators = append(r.Indicators, ind)
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, "SELECT code, alias FROM indicator_alias WHERE ref_id = ? ORDER BY alias", r.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var code, alias string
		if err := rows.Scan(&code, &alias); err != nil {
			rows.Close()
			return err
		}
		ind := &r.Indicators[index[code]]
		ind.Aliases = append(ind.Aliases, alias)
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, "SELECT code, key, label FROM sub_indicator WHERE ref_id = ? ORDER BY code, pos", r.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var code string
		var s cpog.SubIndicator
		if err := rows.Scan(&code, &s.Key, &s.Label); err != nil {
			rows.Close()
			return err
		}
		s.Targets = map[int]cpog.NationalTarget{}
		ind := &r.Indicators[index[code]]
		ind.Subs = append(ind.Subs, s)
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, "SELECT code, sub, year, raw, kind, value, min, max, relative_to FROM national_target WHERE ref_id = ?", r.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var code, sub, kind string
		var year int
		var t cpog.NationalTarget
		var v, lo, hi sql.NullFloat64
		if err := rows.Scan(&code, &sub, &year, &t.Raw, &kind, &v, &lo, &hi, &t.RelativeTo); err != nil {
			return err
		}
		t.Kind, t.Value, t.Min, t.Max = cpog.TargetKind(kind), v.Float64, lo.Float64, hi.Float64
		ind := &r.Indicators[index[code]]
		if sub == "" {
			ind.Targets[year] = t
			continue
		}
		for i := range ind.Subs {
			if ind.Subs[i].Key == sub {
				ind.Subs[i].Targets[year] = t
			}
		}
	}
	for i := range r.Indicators {
		sort.Strings(r.Indicators[i].Aliases)
	}
	return rows.Err()
}

// Cafs lists the 101 Caf in département order.
func (db *DB) Cafs(ctx context.Context) ([]cpog.Caf, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT code, departement, kind, name FROM caf")
	if err != nil {
		return nil, fmt.Errorf("list Caf: %w", db.formatError(err))
	}
	defer rows.Close()
	var out []cpog.Caf
	for rows.Next() {
		var c cpog.Caf
		var kind string
		if err := rows.Scan(&c.Code, &c.Departement, &kind, &c.Name); err != nil {
			return nil, fmt.Errorf("list Caf: %w", err)
		}
		c.Kind = cpog.CafKind(kind)
		out = append(out, c)
	}
	cpog.SortCafs(out)
	return out, rows.Err()
}

// Caf returns the Caf with a département code ("91", "2A", "1" → "01").
func (db *DB) Caf(ctx context.Context, code string) (cpog.Caf, error) {
	c := cpog.Caf{Code: cpog.NormalizeCafCode(code)}
	var kind string
	err := db.db.QueryRowContext(ctx, "SELECT departement, kind, name FROM caf WHERE code = ?", c.Code).Scan(&c.Departement, &kind, &c.Name)
	if err == sql.ErrNoRows {
		return c, unknownCaf(code)
	}
	if err != nil {
		return c, fmt.Errorf("find Caf: %w", db.formatError(err))
	}
	c.Kind = cpog.CafKind(kind)
	return c, nil
}

func unknownCaf(code string) error {
	return cpog.Errorf(cpog.ENotFound, fmt.Sprintf("Caf inconnue : %q (un code de département : 01 … 95, 2A, 2B, 971 … 976)", cpog.Cite(code)))
}
