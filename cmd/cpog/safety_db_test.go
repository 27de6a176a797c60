package main

import (
	"crypto/sha256"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// fileSum is a file's SHA-256, to prove it untouched byte for byte.
func fileSum(t testing.TB, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// execSQL runs statements on a database through a connection of the
// test's own.
func execSQL(t testing.TB, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// corruptIndex removes one entry of the index change_set_contract, as a
// torn write would, through an imposter table: a table declared on the
// index's own b-tree (SQLite's imposter technique, by writable_schema).
// integrity_check then reports « row N missing from index
// change_set_contract », the corruption the attack left.
func corruptIndex(t testing.TB, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	var root int
	if err := db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = 'change_set_contract'").Scan(&root); err != nil {
		t.Fatal(err)
	}
	db.Close()
	execSQL(t, path, "PRAGMA writable_schema = ON",
		"INSERT INTO sqlite_schema(type, name, tbl_name, rootpage, sql) VALUES ('table', 'imposter', 'imposter', "+strconv.Itoa(root)+", 'CREATE TABLE imposter(a, b, c, PRIMARY KEY(a, b, c)) WITHOUT ROWID')")
	execSQL(t, path, "DELETE FROM imposter WHERE c = (SELECT max(c) FROM imposter)",
		"PRAGMA writable_schema = ON", "DELETE FROM sqlite_schema WHERE name = 'imposter'", "PRAGMA wal_checkpoint(TRUNCATE)")
}

// Issue 12: a database with PRAGMA user_version = -1 made every command
// panic (index out of range [-1]), doctor included.
func TestNegativeSchemaVersionRefusedUntouched(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiated(c)
	execSQL(t, c.db, "PRAGMA user_version = -1", "PRAGMA wal_checkpoint(TRUNCATE)")
	sum := fileSum(t, c.db)
	for _, args := range [][]string{{"doctor"}, {"gap", "--json"}, {"history"}, {"caf", "set", "91"},
		{"backup", filepath.Join(c.dir, "s.db")}, {"export", "-o", filepath.Join(c.dir, "e.csv")}, {"indicators"}} {
		r := c.mustRefuse("numéro de schéma inconnu", args...)
		if strings.Contains(r.stderr, "panic") || strings.Contains(r.stdout, "panic") {
			t.Errorf("cpog %q panicked", args)
		}
	}
	if fileSum(t, c.db) != sum {
		t.Error("the database was modified")
	}
}

// Issue 12: a mistyped --db silently created a seeded database, which
// doctor called healthy and backup copied, exit 0.
func TestMissingDatabaseIsNotCreated(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	typo := filepath.Join(c.dir, "data", "cpgo.db")
	for _, args := range [][]string{{"doctor"}, {"backup", filepath.Join(c.dir, "s.db")}, {"gap"}, {"history"},
		{"export", "-o", filepath.Join(c.dir, "e.csv")}, {"undo"}, {"set", "08-29", "2025", "14"}, {"network", "gap"}, {"caf"}} {
		c.mustRefuse("base introuvable", append([]string{"--db", typo}, args...)...)
	}
	for _, p := range []string{typo, filepath.Join(c.dir, "s.db"), filepath.Join(c.dir, "e.csv")} {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s was created", filepath.Base(p))
		}
	}
	// the national referential and the list of the Caf need no database
	c.ok("--db", typo, "indicators")
	c.ok("--db", typo, "cafs")
	if _, err := os.Lstat(typo); err == nil {
		t.Error("indicators or cafs created the database")
	}
	// the commands that start a negotiation create it
	c.ok("--db", typo, "caf", "set", "91")
	c.ok("--db", typo, "doctor")
}

// Issue 12: an existing empty 0644 file given as --db was filled at 0644.
func TestEmptyFileBecomesAPrivateDatabase(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes on Windows")
	}
	t.Parallel()
	c := newCLI(t)
	empty := filepath.Join(c.dir, "vide.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(empty, 0o644)
	c.ok("--db", empty, "caf", "set", "91")
	if fi, err := os.Stat(empty); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 (%v)", fi.Mode().Perm(), err)
	}
}

// Issue 12: a corrupt database was backed up with exit 0, over a good
// backup. Now the backup is refused and the good one kept; doctor names it.
func TestCorruptDatabaseNotBackedUpOverAGoodBackup(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiated(c)
	good := filepath.Join(filepath.Dir(c.db), "cpog-sauvegarde.db")
	c.ok("backup", good)
	goodSum := fileSum(t, good)
	corruptIndex(t, c.db)
	r := c.mustRefuse("endommagée", "backup", good, "--force")
	if !strings.Contains(r.stderr, "doctor") {
		t.Errorf("backup of a corrupt database: %q does not point to doctor", r.stderr)
	}
	c.mustRefuse("endommagée", "backup", filepath.Join(c.dir, "neuve.db"))
	if fileSum(t, good) != goodSum {
		t.Error("the good backup was replaced")
	}
	if _, err := os.Stat(filepath.Join(c.dir, "neuve.db")); err == nil {
		t.Error("a copy of the corrupt database was written")
	}
	d := c.run("doctor")
	if d.code != 1 || !strings.Contains(d.stdout, "change_set_contract") || !strings.Contains(d.stdout, "cpog-sauvegarde.db") {
		t.Errorf("doctor on the corrupt database: exit %d\n%s%s", d.code, d.stdout, d.stderr)
	}
	checkFrench(t, []string{"doctor"}, d.stderr, "vérification")
}
