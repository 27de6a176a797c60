package main

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Issue 12, failure 1: `cpog export --format csv -o cpog.db --force`
// replaced the database with a CSV.
func TestExportOntoTheDatabaseIsRefused(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	before := negotiated(c)
	dataDir := filepath.Dir(c.db)
	if err := os.Mkdir(filepath.Join(dataDir, "d"), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{
		c.db,
		filepath.Join(dataDir, "d") + string(filepath.Separator) + ".." + string(filepath.Separator) + "cpog.db",
		c.db + "-wal", c.db + "-shm",
		c.db + "-journal", // absent: where SQLite would look for it
	} {
		for _, format := range []string{"csv", "json", "xlsx"} {
			for _, force := range []bool{true, false} {
				args := []string{"export", "--format", format, "-o", out}
				if force {
					args = append(args, "--force")
				}
				c.mustRefuse("base de données de cpog", args...)
			}
		}
	}
	c.checkIntact(before)
	if _, err := os.Stat(c.db + "-journal"); err == nil {
		t.Error("an export created the database's -journal")
	}
}

// Issue 12, failure 2: the backup guard compared path strings; through a
// symlinked folder, `backup same/cpog.db --force` replaced the live
// database, and --force onto its -wal broke the open interface.
func TestBackupOntoTheDatabaseIsRefused(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	before := negotiated(c)
	dataDir := filepath.Dir(c.db)
	sep := string(filepath.Separator)
	if err := os.Mkdir(filepath.Join(dataDir, "d"), 0o700); err != nil {
		t.Fatal(err)
	}
	dests := []string{
		filepath.Join(dataDir, "d") + sep + ".." + sep + "cpog.db",
		c.db + "-wal", c.db + "-shm", c.db + "-journal",
	}
	if runtime.GOOS != "windows" {
		// a folder that is a symlink to the database's, and a file that
		// is a symlink to the database
		symlinkOrSkip(t, ".", filepath.Join(dataDir, "same"))
		symlinkOrSkip(t, c.db, filepath.Join(c.dir, "link.db"))
		// d2 is a symlink to d: "d2/../cpog.db" is the database, seen
		// through the system's resolution of "..", not the text's
		symlinkOrSkip(t, filepath.Join(dataDir, "d"), filepath.Join(c.dir, "d2"))
		dests = append(dests,
			filepath.Join(dataDir, "same", "cpog.db"),
			filepath.Join(dataDir, "same", "cpog.db-wal"),
			filepath.Join(c.dir, "link.db"),
			filepath.Join(c.dir, "d2")+sep+".."+sep+"cpog.db",
		)
	}
	for _, dest := range dests {
		c.mustRefuse("base de données de cpog", "backup", dest, "--force")
		c.mustRefuse("base de données de cpog", "backup", dest)
	}
	c.checkIntact(before)
	if left := tempLeft(t, dataDir); len(left) != 0 {
		t.Errorf("temporary files left beside the database: %v", left)
	}
}

// Issue 12: --force replaced special files; a folder is never a
// destination either.
func TestOutputsRefuseFoldersAndSpecialFiles(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	before := negotiated(c)
	folder := filepath.Join(c.dir, "dossier.db")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	c.mustRefuse("dossier", "backup", folder, "--force")
	if runtime.GOOS != "windows" {
		c.mustRefuse("périphérique", "backup", os.DevNull, "--force")
		c.mustRefuse("périphérique", "export", "--format", "csv", "-o", os.DevNull, "--force")
		symlinkOrSkip(t, os.DevNull, filepath.Join(c.dir, "null.csv"))
		c.mustRefuse("périphérique", "export", "-o", filepath.Join(c.dir, "null.csv"), "--force")
		if fi, err := os.Lstat(filepath.Join(c.dir, "null.csv")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the symlink to the null device was replaced: %v", err)
		}
	}
	c.checkIntact(before)
}
