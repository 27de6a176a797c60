package store_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/store"
)

func checksByName(t *testing.T, db *store.DB) map[string]store.Check {
	t.Helper()
	checks, err := db.Checks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.Check{}
	for _, c := range checks {
		out[c.Name] = c
	}
	return out
}

func failing(m map[string]store.Check) []string {
	var out []string
	for name, c := range m {
		if !c.OK {
			out = append(out, name+" : "+c.Detail)
		}
	}
	return out
}

// TestBackupWhileAnotherConnectionWrites takes backups while a second
// store on the same file keeps writing: each backup must be a valid
// database that passes every check, with a consistent history.
func TestBackupWhileAnotherConnectionWrites(t *testing.T) {
	bg := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "cpog.db")
	db := exOpen(t, path)
	if _, err := db.SelectCaf(bg, "91", cpog.Some(2.1)); err != nil {
		t.Fatal(err)
	}
	writer := exOpen(t, path)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var writes int
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			k := exKey("COG-08-29", "", 2023+i%5)
			ch := cpog.Change{Actor: cpog.ActorCaf, Kind: "set", Summary: "saisie", Edits: []cpog.Edit{
				{Key: k, Field: cpog.FieldProposed, Value: cpog.Some(float64(10 + i%7))},
				{Key: k, Field: cpog.FieldStatus, Text: "draft"},
			}}
			if _, err := writer.Apply(bg, "91", ch); err != nil {
				t.Errorf("concurrent write: %v", err)
				return
			}
			writes++
		}
	}()
	for i := range 5 {
		time.Sleep(20 * time.Millisecond)
		out := filepath.Join(dir, "backup", "b"+string(rune('0'+i))+".db")
		if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := db.Backup(bg, out, false); err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		if fi, err := os.Stat(out); err != nil || runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
			t.Errorf("backup %d: %v, mode %v", i, err, fi.Mode().Perm())
		}
	}
	close(stop)
	wg.Wait()
	if writes == 0 {
		t.Fatal("the writer wrote nothing during the backups")
	}
	for i := range 5 {
		out := filepath.Join(dir, "backup", "b"+string(rune('0'+i))+".db")
		b := exOpen(t, out)
		if bad := failing(checksByName(t, b)); len(bad) > 0 {
			t.Errorf("backup %d fails its checks: %v", i, bad)
		}
		// Every step of the copy is whole: as many events as two per step.
		hist, err := b.History(bg, "91", "")
		if err != nil {
			t.Fatal(err)
		}
		steps := map[int64]int{}
		for _, e := range hist {
			steps[e.ChangeID]++
		}
		for id, n := range steps {
			if n != 2 && id != hist[0].ChangeID {
				t.Errorf("backup %d: step %d has %d events", i, id, n)
			}
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "backup"))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestBackupRefusesExistingFileUnlessForced(t *testing.T) {
	bg := context.Background()
	dir := t.TempDir()
	db := exOpen(t, filepath.Join(dir, "cpog.db"))
	out := filepath.Join(dir, "copie.db")
	if err := os.WriteFile(out, []byte("à garder"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := db.Backup(bg, out, false)
	if err == nil || !strings.Contains(err.Error(), "existe déjà") {
		t.Fatalf("backup over an existing file: %v", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "à garder" {
		t.Fatal("existing file changed")
	}
	if err := db.Backup(bg, out, true); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(out); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("forced backup mode %v", fi.Mode().Perm())
	}
	if bad := failing(checksByName(t, exOpen(t, out))); len(bad) > 0 {
		t.Errorf("forced backup fails its checks: %v", bad)
	}
	if err := db.Backup(bg, db.Path(), true); err == nil {
		t.Error("backup over the database itself accepted")
	}
}

// networkMember is a sound member of the network dataset, for the damage
// done to its rows.
const networkMember = `INSERT INTO network_member VALUES ('69', 'cog-2023-2027', 3.4, 2022, 'cpog-69.json', '2026-03-01T11:00:00Z', '2026-03-02T08:00:00Z');
INSERT INTO network_target VALUES ('69', 'COG-08-29', '', 2025, 14, NULL, NULL, 'proposed');`

func TestChecksFindDamage(t *testing.T) {
	tests := []struct {
		name   string
		sql    string
		check  string
		detail string // what the check says, when given
	}{
		{"national target changed", "UPDATE national_target SET value = 17, raw = '17 j' WHERE code = 'COG-08-29' AND year = 2025",
			"référentiel installé conforme au référentiel intégré", ""},
		{"checksum changed", "UPDATE referential SET checksum = 'abc'", "empreinte du référentiel", ""},
		{"dangling row", "INSERT INTO baseline(contract_id, code, sub, value) VALUES (999, 'COG-01-01', '', 1)",
			"clés étrangères (foreign_key_check)", ""},
		{"network target of an unknown indicator", networkMember + "INSERT INTO network_target VALUES ('69', 'COG-99-99', '', 2025, 1, NULL, NULL, 'proposed')",
			"réseau conforme au référentiel", "Caf 69 : cible COG-99-99 2025 (statut « proposed ») hors du référentiel"},
		{"network target outside the period", networkMember + "INSERT INTO network_target VALUES ('69', 'COG-08-29', '', 2031, 14, NULL, NULL, 'proposed')",
			"réseau conforme au référentiel", ""},
		{"network baseline of an unknown sub-indicator", networkMember + "INSERT INTO network_baseline VALUES ('69', 'COG-08-23', 'z', 80)",
			"réseau conforme au référentiel", "valeur de référence de COG-08-23 z"},
		{"network mode of an unknown indicator", networkMember + "INSERT INTO network_mode VALUES ('69', 'COG-99-99', 'path')",
			"réseau conforme au référentiel", ""},
		{"network member on another referential", "INSERT INTO referential VALUES ('cog-2028-2032', 'COG 2028-2032', 1, '', 2028, 2032, 'x', '2020-01-01T00:00:00Z');" +
			strings.Replace(networkMember, "'cog-2023-2027'", "'cog-2028-2032'", 1), "réseau conforme au référentiel", "établie sur le référentiel cog-2028-2032"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "cpog.db")
			db := exOpen(t, path)
			if bad := failing(checksByName(t, db)); len(bad) > 0 {
				t.Fatalf("a new database fails its checks: %v", bad)
			}
			raw, err := openRaw(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := raw.Exec("PRAGMA foreign_keys = OFF"); err != nil {
				t.Fatal(err)
			}
			if _, err := raw.Exec(tt.sql); err != nil {
				t.Fatal(err)
			}
			raw.Close()
			got := checksByName(t, db)
			if c := got[tt.check]; c.OK || !strings.Contains(c.Detail, tt.detail) {
				t.Errorf("check %q after damage: %+v, want it failing and saying %q", tt.check, c, tt.detail)
			}
			if bad := failing(got); len(bad) != 1 {
				t.Errorf("failing checks %v, want only %q", bad, tt.check)
			}
		})
	}
}
