package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"math"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cnaf-tools/cpog"
)

// oldSchema creates a database file with the first n migrations' SQL and
// the given statements, as an older cpog left it. Foreign keys are off on
// this connection: the Caf and the referential are installed by Open,
// after the migrations.
func oldSchema(t *testing.T, n int, stmts ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cpog.db")
	raw, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	for _, name := range migrationNames()[:n] {
		body, err := migrationFS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	for _, q := range stmts {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return path
}

// networkTableRows reads the network's tables of schema 4 as text, in key order.
func networkTableRows(t *testing.T, db *DB) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		"SELECT 'mode', caf_code, code, mode FROM network_mode",
		"SELECT 'baseline', caf_code, code, sub, quote(value) FROM network_baseline",
		"SELECT 'target', caf_code, code, sub, year, quote(proposed), quote(counter), quote(agreed), status FROM network_target",
	} {
		rows, err := db.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			line := ""
			for i, v := range vals {
				if i > 0 {
					line += " "
				}
				line += v.String
			}
			out = append(out, line)
		}
		rows.Close()
	}
	return out
}

// checkMigrated checks what every migrated network shares: the rows, the
// members, the tables and column of the older schemas gone, doctor clean.
func checkMigrated(t *testing.T, db *DB, wantRows []string) {
	t.Helper()
	ctx := context.Background()
	if got := networkTableRows(t, db); !reflect.DeepEqual(got, wantRows) {
		t.Errorf("network rows after the migration\n got %q\nwant %q", got, wantRows)
	}
	members, err := db.NetworkMembers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(members) != 2 || members[0].Contract.Caf.Code != "69" || members[1].Contract.Caf.Code != "91" {
		t.Fatalf("members %+v", members)
	}
	lyon, essonne := members[0].Contract, members[1].Contract
	if lyon.Weight != 3.4 || len(lyon.Targets) != 0 || len(lyon.Modes) != 0 || len(lyon.Baselines) != 0 {
		t.Errorf("Caf 69 after migration: %+v", lyon)
	}
	want := map[cpog.TargetKey]cpog.Target{
		{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}:           {Proposed: cpog.Some(14), Counter: cpog.Some(13), Status: cpog.StatusCountered},
		{LineKey: cpog.LineKey{Code: "COG-08-23", Sub: "b"}, Year: 2024}: {Proposed: cpog.Some(81.5), Agreed: cpog.Some(81.5), Status: cpog.StatusAgreed},
		{LineKey: cpog.LineKey{Code: "COG-01-01"}, Year: 2023}:           {},
	}
	if !reflect.DeepEqual(essonne.Targets, want) {
		t.Errorf("targets after migration\n got %+v\nwant %+v", essonne.Targets, want)
	}
	if essonne.Modes["COG-01-01"] != cpog.ModePath || essonne.Baselines[cpog.LineKey{Code: "COG-01-01"}] != 120 {
		t.Errorf("modes %v, baselines %v", essonne.Modes, essonne.Baselines)
	}
	if essonne.Weight != 2.1 || essonne.BaselineYear != 2022 || members[1].Source != "cpog-91.json" || members[1].ExportedAt.Hour() != 10 {
		t.Errorf("member 91: %+v", members[1])
	}
	var left int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name LIKE 'network_%_v2'
		OR (name = 'network_member' AND sql LIKE '%contract%')`).Scan(&left); err != nil || left != 0 {
		t.Errorf("%d tables or columns of the older schemas left (%v)", left, err)
	}
	checksPass(t, db, "after the migration")
}

var migratedRows = []string{
	"mode 91 COG-01-01 path",
	"baseline 91 COG-01-01  120.0",
	"target 91 COG-01-01  2023 NULL NULL NULL ",
	"target 91 COG-08-23 b 2024 81.5 NULL 81.5 agreed",
	"target 91 COG-08-29  2025 14.0 13.0 NULL countered",
}

// TestMigrateNetworkRowsOfSchema2: a network stored as rows by schema 2 is
// the same network in the rows of schema 4, through migration 3 (which
// puts the rows aside) and 4 (which takes them back).
func TestMigrateNetworkRowsOfSchema2(t *testing.T) {
	path := oldSchema(t, 2,
		"PRAGMA user_version = 2",
		`INSERT INTO network_member VALUES ('91', 'cog-2023-2027', 2.1, 2022, 'cpog-91.json', '2026-03-01T10:00:00Z', '2026-03-02T08:00:00Z')`,
		`INSERT INTO network_member VALUES ('69', 'cog-2023-2027', 3.4, 2022, 'cpog-69.json', '2026-03-01T11:00:00Z', '2026-03-02T08:00:00Z')`,
		`INSERT INTO network_mode VALUES ('91', 'COG-01-01', 'path')`,
		`INSERT INTO network_baseline VALUES ('91', 'COG-01-01', '', 120)`,
		`INSERT INTO network_target VALUES ('91', 'COG-08-29', '', 2025, 14, 13, NULL, 'countered')`,
		`INSERT INTO network_target VALUES ('91', 'COG-08-23', 'b', 2024, 81.5, NULL, 81.5, 'agreed')`,
		`INSERT INTO network_target VALUES ('91', 'COG-01-01', '', 2023, NULL, NULL, NULL, '')`,
		// schema 2 checked no status: the tables of schema 4 refuse it
		`INSERT INTO network_target VALUES ('91', 'COG-01-02', '', 2023, 1, NULL, NULL, 'signé')`,
	)
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkMigrated(t, db, migratedRows)
}

// v1Value builds by hand a member's value in the format of schema 3 (see
// decodeNetworkContractV1): modes as code, mode pairs; baselines as code,
// sub, value; targets as code, sub, year, then the optional proposed,
// counter and agreed (nil when absent) and the status.
func v1Value(modes [][2]string, baselines []struct {
	code, sub string
	v         float64
}, targets []struct {
	code, sub string
	year      int
	p, c, a   *float64
	status    string
}) []byte {
	str := func(b []byte, s string) []byte { return append(binary.AppendUvarint(b, uint64(len(s))), s...) }
	num := func(b []byte, v float64) []byte { return binary.LittleEndian.AppendUint64(b, math.Float64bits(v)) }
	b := []byte{1}
	b = binary.AppendUvarint(b, uint64(len(modes)))
	for _, m := range modes {
		b = str(str(b, m[0]), m[1])
	}
	b = binary.AppendUvarint(b, uint64(len(baselines)))
	for _, bl := range baselines {
		b = num(str(str(b, bl.code), bl.sub), bl.v)
	}
	b = binary.AppendUvarint(b, uint64(len(targets)))
	for _, tg := range targets {
		b = binary.AppendUvarint(str(str(b, tg.code), tg.sub), uint64(tg.year))
		var flags byte
		for i, v := range []*float64{tg.p, tg.c, tg.a} {
			if v != nil {
				flags |= 1 << i
			}
		}
		b = append(b, flags)
		for _, v := range []*float64{tg.p, tg.c, tg.a} {
			if v != nil {
				b = num(b, *v)
			}
		}
		b = str(b, tg.status)
	}
	return b
}

// TestMigrateNetworkValuesOfSchema3: a network of schema 3, one value per
// Caf, is the same network in the rows of schema 4; a member whose value
// cannot be read is removed (its file can be imported again) rather than
// leaving cpog unable to open the database.
func TestMigrateNetworkValuesOfSchema3(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	essonne := v1Value([][2]string{{"COG-01-01", "path"}},
		[]struct {
			code, sub string
			v         float64
		}{{"COG-01-01", "", 120}},
		[]struct {
			code, sub string
			year      int
			p, c, a   *float64
			status    string
		}{
			{"COG-08-29", "", 2025, f(14), f(13), nil, "countered"},
			{"COG-08-23", "b", 2024, f(81.5), nil, f(81.5), "agreed"},
			{"COG-01-01", "", 2023, nil, nil, nil, ""},
		})
	lyon := v1Value(nil, nil, nil)
	damaged := essonne[:len(essonne)-3]
	// schema 3 as the older cpog left it: the rows' tables of schema 2
	// dropped, one value per member
	path := oldSchema(t, 2, "DROP TABLE network_target", "DROP TABLE network_baseline", "DROP TABLE network_mode")
	raw, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	body, err := migrationFS.ReadFile(migrationNames()[2])
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{sql: string(body)},
		{sql: "PRAGMA user_version = 3"},
		{`INSERT INTO network_member VALUES ('91', 'cog-2023-2027', 2.1, 2022, 'cpog-91.json', '2026-03-01T10:00:00Z', '2026-03-02T08:00:00Z', ?)`, []any{essonne}},
		{`INSERT INTO network_member VALUES ('69', 'cog-2023-2027', 3.4, 2022, 'cpog-69.json', '2026-03-01T11:00:00Z', '2026-03-02T08:00:00Z', ?)`, []any{lyon}},
		{`INSERT INTO network_member VALUES ('75', 'cog-2023-2027', 5, 2022, 'cpog-75.json', '2026-03-01T11:00:00Z', '2026-03-02T08:00:00Z', ?)`, []any{damaged}},
	} {
		if _, err := raw.Exec(q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkMigrated(t, db, migratedRows)
}

// TestDecodeNetworkValueRefusesDamage: a damaged value is refused, never a
// panic nor a loop past its end.
func TestDecodeNetworkValueRefusesDamage(t *testing.T) {
	good := v1Value([][2]string{{"COG-01-01", "path"}}, nil, nil)
	for _, bad := range [][]byte{nil, {}, {2}, {1, 0xff, 0x00}, {1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, good[:len(good)-1], append(good, 0)} {
		if err := decodeNetworkContractV1(bad, cpog.NewContract(cpog.Caf{}, "", 1, 2022)); err == nil {
			t.Errorf("decoded %v", bad)
		}
	}
	c := cpog.NewContract(cpog.Caf{}, "", 1, 2022)
	if err := decodeNetworkContractV1(good, c); err != nil || c.Modes["COG-01-01"] != cpog.ModePath {
		t.Errorf("good value: %v, modes %v", err, c.Modes)
	}
}
