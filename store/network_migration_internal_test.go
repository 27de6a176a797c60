package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cnaf-tools/cpog"
)

// TestMigrateNetworkRowsToContracts: a network stored as rows by schema 2
// is the same network after the migration to one value per Caf, and the
// rows' tables are gone.
func TestMigrateNetworkRowsToContracts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cpog.db")
	raw, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	names := migrationNames()
	for _, name := range names[:2] {
		body, err := migrationFS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	// foreign keys are off on this connection: the Caf and the referential
	// are installed by Open, after the migration
	for _, q := range []string{
		"PRAGMA user_version = 2",
		`INSERT INTO network_member VALUES ('91', 'cog-2023-2027', 2.1, 2022, 'cpog-91.json', '2026-03-01T10:00:00Z', '2026-03-02T08:00:00Z')`,
		`INSERT INTO network_member VALUES ('69', 'cog-2023-2027', 3.4, 2022, 'cpog-69.json', '2026-03-01T11:00:00Z', '2026-03-02T08:00:00Z')`,
		`INSERT INTO network_mode VALUES ('91', 'COG-01-01', 'path')`,
		`INSERT INTO network_baseline VALUES ('91', 'COG-01-01', '', 120)`,
		`INSERT INTO network_target VALUES ('91', 'COG-08-29', '', 2025, 14, 13, NULL, 'countered')`,
		`INSERT INTO network_target VALUES ('91', 'COG-08-23', 'b', 2024, 81.5, NULL, 81.5, 'agreed')`,
		`INSERT INTO network_target VALUES ('91', 'COG-01-01', '', 2023, NULL, NULL, NULL, '')`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
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
	var tables int
	if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name IN ('network_target', 'network_baseline', 'network_mode')").Scan(&tables); err != nil || tables != 0 {
		t.Errorf("%d of the rows' tables left (%v)", tables, err)
	}
	checks, err := db.Checks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range checks {
		if !c.OK {
			t.Errorf("doctor after the migration: %s: %s", c.Name, c.Detail)
		}
	}
}

// TestNetworkContractRoundTrip: what the network stores of a contract is
// what it reads back, and an unreadable value is refused with a message
// that says what to do.
func TestNetworkContractRoundTrip(t *testing.T) {
	c := cpog.NewContract(cpog.Caf{Code: "2A"}, "cog-2023-2027", 0.35, 2022)
	c.Modes["COG-01-01"] = cpog.ModePath
	c.Modes["COG-08-29"] = cpog.ModeSame // the default: not stored
	c.Baselines[cpog.LineKey{Code: "COG-08-23", Sub: "c"}] = 88.5
	c.Targets[cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2027}] = cpog.Target{Proposed: cpog.Some(0), Agreed: cpog.Some(-1.5), Status: cpog.StatusAgreed}
	b := encodeNetworkContract(c, map[string]cpog.Mode{"COG-01-01": cpog.ModeShare, "COG-08-29": cpog.ModeSame})
	got := cpog.NewContract(c.Caf, c.RefID, c.Weight, c.BaselineYear)
	if err := decodeNetworkContract(b, got); err != nil {
		t.Fatal(err)
	}
	delete(c.Modes, "COG-08-29")
	if !reflect.DeepEqual(got, c) {
		t.Errorf("round trip\n got %+v\nwant %+v", got, c)
	}
	for _, bad := range [][]byte{nil, {}, {2}, {networkContractV1, 0xff, 0x00}, b[:len(b)-1], append(b, 0)} {
		if err := decodeNetworkContract(bad, cpog.NewContract(c.Caf, "", 1, 2022)); err == nil {
			t.Errorf("decoded %v", bad)
		}
	}
}

// FuzzDecodeNetworkContract: a damaged value is refused, never a panic
// nor a huge allocation, and what decodes encodes back to a value that
// decodes the same.
func FuzzDecodeNetworkContract(f *testing.F) {
	c := cpog.NewContract(cpog.Caf{Code: "91"}, "cog-2023-2027", 2.1, 2022)
	c.Modes["COG-01-01"] = cpog.ModePath
	c.Baselines[cpog.LineKey{Code: "COG-08-23", Sub: "a"}] = 80
	c.Targets[cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}] = cpog.Target{Proposed: cpog.Some(14), Counter: cpog.Some(13), Status: cpog.StatusCountered}
	f.Add(encodeNetworkContract(c, nil))
	f.Add([]byte{networkContractV1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		got := cpog.NewContract(cpog.Caf{Code: "91"}, "", 1, 2022)
		if decodeNetworkContract(b, got) != nil {
			return
		}
		again := cpog.NewContract(cpog.Caf{Code: "91"}, "", 1, 2022)
		if err := decodeNetworkContract(encodeNetworkContract(got, nil), again); err != nil {
			t.Fatalf("re-encoded value refused: %v", err)
		}
		if diff := cmp.Diff(got, again, cmpopts.EquateNaNs()); diff != "" {
			t.Fatalf("re-encoded value differs (-first +second):\n%s", diff)
		}
	})
}
