package safefile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// An export interrupted by a signal (its context cancelled) while it
// writes leaves neither the destination nor a temporary file, even when
// the writer does not look at the context.
func TestWriteCancelledLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "export.csv")
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	var tmp string
	done := make(chan error)
	go func() {
		done <- Write(ctx, dest, Options{}, func(f *os.File) error {
			tmp = f.Name()
			f.WriteString("une partie")
			close(started)
			time.Sleep(200 * time.Millisecond) // a long write, deaf to ctx
			_, err := f.WriteString(" et la suite")
			return err
		})
	}()
	<-started
	cancel()
	time.Sleep(50 * time.Millisecond)
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the temporary file outlived the cancellation: %v", err)
	}
	if err := <-done; err == nil || !strings.Contains(err.Error(), "interrompu") {
		t.Errorf("cancelled write: %v", err)
	}
	if left := entries(t, dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// A failed write never leaves an empty or partial destination, and keeps
// an existing one whole.
func TestWriteFailureKeepsTheOldFile(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "sauvegarde.db")
	if err := os.WriteFile(dest, []byte("ancienne"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	for _, force := range []bool{false, true} {
		err := Write(context.Background(), dest, Options{Force: force}, func(f *os.File) error {
			f.WriteString("moitié")
			return boom
		})
		if force && !errors.Is(err, boom) || !force && (err == nil || !strings.Contains(err.Error(), "existe déjà")) {
			t.Errorf("force %v: %v", force, err)
		}
		if b, _ := os.ReadFile(dest); string(b) != "ancienne" {
			t.Errorf("force %v: destination now %q", force, b)
		}
	}
	// nothing produced: refused, nothing left under the new name
	fresh := filepath.Join(dir, "vide.db")
	if err := Write(context.Background(), fresh, Options{}, func(*os.File) error { return nil }); err == nil {
		t.Error("an empty result was given the destination's name")
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("left behind: %v", got)
	}
}

// The protected files are refused by identity and by where a name would
// land, whatever the spelling of the path.
func TestWriteRefusesProtectedFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cpog.db")
	if err := os.WriteFile(db, []byte("SQLite format 3\x00"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "d"), 0o700)
	protect := Companions(db)
	sep := string(filepath.Separator)
	dests := []string{db, dir + sep + "d" + sep + ".." + sep + "cpog.db", db + "-wal", db + "-journal", filepath.Join(dir, "CPOG.DB-SHM")}
	if os.Symlink(dir, filepath.Join(t.TempDir(), "x")) == nil {
		link := filepath.Join(t.TempDir(), "same")
		os.Symlink(dir, link)
		dests = append(dests, filepath.Join(link, "cpog.db"), filepath.Join(link, "cpog.db-wal"))
	}
	for _, d := range dests {
		err := Write(context.Background(), d, Options{Force: true, Protect: protect}, func(f *os.File) error {
			_, err := f.WriteString("csv")
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "base de données de cpog") {
			t.Errorf("%s: %v", d, err)
		}
	}
	if b, _ := os.ReadFile(db); string(b) != "SQLite format 3\x00" {
		t.Errorf("the database was replaced: %q", b)
	}
	if got := entries(t, dir); len(got) != 2 {
		t.Errorf("files in the folder: %v", got)
	}
}

// A temporary file left by a killed cpog is removed by the next write to
// the same name once it is old; a live writer's, or a recent one, is kept.
func TestSweepRemovesOnlyStaleTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	dead := filepath.Join(dir, ".b.db.cpog-999999999-1.tmp")
	deadJournal := dead + "-journal"
	mine := filepath.Join(dir, ".b.db.cpog-"+strconv.Itoa(os.Getpid())+"-2.tmp")
	recent := filepath.Join(dir, ".b.db.cpog-999999998-3.tmp")
	other := filepath.Join(dir, ".a.db.cpog-999999999-4.tmp")
	for _, p := range []string{dead, deadJournal, mine, recent, other} {
		os.WriteFile(p, []byte("x"), 0o600)
	}
	old := time.Now().Add(-time.Hour)
	for _, p := range []string{dead, deadJournal, mine, other} {
		os.Chtimes(p, old, old)
	}
	sweep(dir, "b.db")
	for p, want := range map[string]bool{dead: false, deadJournal: false, mine: true, recent: true, other: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s: present %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}
