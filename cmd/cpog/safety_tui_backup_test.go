//go:build !windows

package main

import (
	"os"
	"path/filepath"
	"testing"
)

// Issue 12, failure 2, as it was found: with the interface open, `cpog
// backup same/cpog.db --force` through a symlinked folder replaced the
// live database, and the interface's next saves (each shown
// « enregistré ») left it permanently corrupt; --force onto its -wal gave
// the interface I/O errors. Both are refused, and the interface's saves
// land whole.
func TestBackupOntoTheOpenDatabaseIsRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "cpog.db")
	copyFixture(t, "caf-91-2", db)
	symlinkOrSkip(t, ".", filepath.Join(dir, "same"))
	v := startVT(t, db, 120, 40, nil)
	v.waitText("Caf de l'Essonne (91)", "Fiche 1 ·", "année 2023")
	for _, dest := range []string{filepath.Join(dir, "same", "cpog.db"), db + "-wal"} {
		r := e2eRun(t, db, "backup", dest, "--force")
		if r.code != 1 {
			t.Errorf("backup %s --force with the interface open: exit %d\n%s%s", filepath.Base(dest), r.code, r.stdout, r.stderr)
		}
		checkFrench(t, []string{"backup"}, r.stderr, "base de données de cpog")
	}
	// the director goes on typing
	v.send("l", "jjjjj")
	v.waitText("COG-01-06 ·")
	for _, val := range []string{"8", "9"} {
		v.send("e")
		v.waitText("Proposition Caf 2023 · COG-01-06")
		v.send(keyCtrlU, val, keyEnter)
		v.waitRow("01-06", " "+val+" ", "brouillon")
	}
	v.send("q")
	if code := v.waitExit(); code != 0 {
		t.Fatalf("q: exit %d", code)
	}
	e2eCheckDB(t, db)
	if r := e2eGap(t, db)["COG-01-06//2023"]; r.Local == nil || *r.Local != 9 {
		t.Errorf("the interface's last save: %+v, want 9", r)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatal(err)
	}
}
