package store

import (
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// copyFile copies a file as it is on disk at this moment.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestOpenAfterKillWithHotJournal opens a database left as a process killed
// in the middle of a write leaves it: the database file and its rollback
// journal (the first run writes in rollback mode until it switches to WAL).
// cpog must roll the journal back and open the database, not refuse it as
// read-only at every start, as it did when a kill landed there (found by
// cmd/cpog's TestKillDuringFirstRun).
func TestOpenAfterKillWithHotJournal(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "live.db")
	live, err := sql.Open("sqlite", "file:"+filepath.ToSlash(src)+"?_pragma=journal_mode(DELETE)&_pragma=cache_size(-64)")
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	tx, err := live.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	// enough to spill the small cache: the journal and some pages are
	// written to disk before any commit
	for _, q := range []string{
		"CREATE TABLE filler(b BLOB)",
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 400) INSERT INTO filler SELECT randomblob(1000) FROM n",
	} {
		if _, err := tx.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	// the files as a kill at this moment would leave them
	crashed := filepath.Join(dir, "crashed.db")
	copyFile(t, src, crashed)
	copyFile(t, src+"-journal", crashed+"-journal")

	db, err := Open(context.Background(), crashed)
	if err != nil {
		t.Fatalf("open after a kill in the middle of a write: %v", err)
	}
	defer db.Close()
	ref, err := db.Referential(context.Background())
	if err != nil || len(ref.Indicators) != 55 {
		t.Fatalf("referential after recovery: %v indicators, %v", ref, err)
	}
	if _, err := os.Stat(crashed + "-journal"); err == nil {
		t.Error("the hot journal should have been rolled back")
	}
	var n int
	if err := db.db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'filler'").Scan(&n); err != nil || n != 0 {
		t.Errorf("the uncommitted table is there after recovery (%d, %v)", n, err)
	}
}
