//go:build unix

package main

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// padDatabase makes the database large enough (20 MB, 40 MB under the long
// tests) for a backup to take a while, with a setting no cpog reads.
func padDatabase(t testing.TB, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n := 2
	if os.Getenv(tortureEnv) != "" {
		n = 4
	}
	for i := range n {
		if _, err := db.Exec("INSERT INTO setting(key, value) VALUES (?, hex(randomblob(5000000)))", fmt.Sprintf("test.pad.%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
}

// Issue 12: an interrupted backup (SIGTERM, SIGHUP, SIGKILL) left a 0-byte
// file under the destination name, which blocked a retry and opened as an
// empty "new" database, and hidden temporary files as large as the
// database. Now the destination is never empty: absent, or the old file,
// or the whole new copy; INT, TERM and HUP leave no temporary file; one
// left by SIGKILL is removed by the next backup to that name.
func TestBackupInterruptedLeavesNoTrace(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiated(c)
	padDatabase(t, c.db)
	before := dump(t, c.db, historyTables...)
	out := filepath.Join(c.dir, "sauvegardes")
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	// how long a whole backup takes here
	start := time.Now()
	c.ok("backup", filepath.Join(out, "mesure.db"))
	span := time.Since(start)
	good := filepath.Join(out, "bonne.db")
	c.ok("backup", good)

	rng := rand.New(rand.NewPCG(12, uint64(time.Now().UnixNano())))
	n := 1 // each signal at one random moment, during both kinds of backup
	if os.Getenv(tortureEnv) != "" {
		n = 12
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGKILL} {
		for i := range n {
			delay := time.Duration(rng.Int64N(int64(span)))
			fresh := filepath.Join(out, fmt.Sprintf("neuve-%d-%d.db", sig, i))
			for _, args := range [][]string{{"backup", fresh}, {"backup", good, "--force"}} {
				cmd := exec.Command(cpogBin, args...)
				cmd.Env, cmd.Dir = c.env, c.dir
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.Sleep(delay)
				_ = cmd.Process.Signal(sig)
				done := make(chan error, 1)
				go func() { done <- cmd.Wait() }()
				select {
				case <-done:
				case <-time.After(20 * time.Second):
					_ = cmd.Process.Kill()
					t.Fatalf("%v after %v: cpog %q still running 20 s later", sig, delay, args)
				}
				for _, dest := range []string{fresh, good} {
					fi, err := os.Stat(dest)
					if dest == fresh && os.IsNotExist(err) {
						continue
					}
					if err != nil || fi.Size() == 0 || !integrityOK(t, dest) {
						t.Errorf("%v after %v during %q: %s is not a whole database (%v)", sig, delay, args, filepath.Base(dest), err)
					}
				}
				if left := tempLeft(t, out); sig != syscall.SIGKILL && len(left) != 0 {
					t.Errorf("%v after %v during %q: temporary files left: %v", sig, delay, args, left)
				}
			}
		}
	}
	// temporary files left by SIGKILL: once old, the next backup to the
	// same name removes them
	for _, name := range tempLeft(t, out) {
		old := time.Now().Add(-time.Hour)
		os.Chtimes(filepath.Join(out, name), old, old)
	}
	c.ok("backup", good, "--force")
	for i := range n {
		c.run("backup", filepath.Join(out, fmt.Sprintf("neuve-%d-%d.db", syscall.SIGKILL, i)), "--force")
	}
	if left := tempLeft(t, out); len(left) != 0 {
		t.Errorf("temporary files of killed backups not removed by the next ones: %v", left)
	}
	c.checkIntact(before)
}
