//go:build !windows

package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// exchangeFile writes, from a database of its own, an exchange file of the
// Caf 91 with proposals for 2023 on fiche 1; without `cpog import` yet, it
// returns the same values as `cpog set` commands.
func exchangeFile(t *testing.T, dir string, values map[string]string) (path string, sets [][]string) {
	t.Helper()
	for code, v := range values {
		sets = append(sets, []string{"set", code, "2023", v})
	}
	if !e2eHas(t, "import") || !e2eHas(t, "export") {
		return "", sets
	}
	other := filepath.Join(dir, "autre-poste.db")
	copyFixture(t, "caf-91-2", other)
	for _, s := range sets {
		e2eMust(t, other, s...)
	}
	path = filepath.Join(dir, "cpog-91.json")
	e2eMust(t, other, "export", "--format", "json", "-o", path)
	return path, nil
}

// TestE2EConcurrentTUIImportBackup opens the interface on a database and,
// while the director types in it, imports an exchange file from the
// command line, writes more values from another process and takes
// backups: the interface shows the imported values by itself (it watches
// the database) and on Ctrl+R, no write is lost, every backup is sound.
func TestE2EConcurrentTUIImportBackup(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "cpog.db")
	copyFixture(t, "caf-91-2", db)
	imported := map[string]string{"01-01": "777", "01-02": "61 %", "01-03": "63 %", "01-04": "555", "01-05": "333"}
	file, sets := exchangeFile(t, dir, imported)

	v := startVT(t, db, 120, 40, nil)
	v.waitText("Caf de l'Essonne (91)", "Fiche 1 ·", "année 2023")
	v.waitRow("01-01", "4 500", "90", "—")

	hasBackup := e2eHas(t, "backup")
	var wg sync.WaitGroup
	// if the test stops early, the writers still end before its cleanup
	defer wg.Wait()
	results := make(chan string, 64) // failures, reported by the test goroutine
	run := func(name string, args ...string) {
		if r := e2eRun(t, db, args...); r.code != 0 {
			results <- fmt.Sprintf("%s: cpog %s: exit %d\n%s%s", name, strings.Join(args, " "), r.code, r.stdout, r.stderr)
		}
	}
	// the import (or its values one by one)
	wg.Add(1)
	go func() {
		defer wg.Done()
		if file != "" {
			run("import", "import", file)
		}
		for _, s := range sets {
			run("set", s...)
		}
	}()
	// another process writing value after value
	wg.Add(1)
	go func() {
		defer wg.Done()
		for n := 11; n <= 20; n++ {
			run("set loop", "set", "08-29", "2024", strconv.Itoa(n))
		}
	}()
	// backups taken meanwhile
	var backups []string
	for i := range 4 {
		backups = append(backups, filepath.Join(dir, fmt.Sprintf("sauvegarde-%d.db", i)))
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, b := range backups {
			if hasBackup {
				run("backup", "backup", b)
				continue
			}
			if err := vacuumInto(db, b); err != nil {
				results <- "backup: " + err.Error()
			}
		}
	}()
	// and the director types two values in the interface meanwhile
	v.send("l", "jjjjj")
	v.waitText("COG-01-06 ·")
	v.send("e")
	v.waitText("Proposition Caf 2023 · COG-01-06")
	v.send(keyCtrlU, "8", keyEnter)
	v.waitRow("01-06", " 8 ", "brouillon")
	v.send("j")
	v.waitText("COG-01-07 ·")
	v.send("e")
	v.waitText("Proposition Caf 2023 · COG-01-07")
	v.send(keyCtrlU, "91 %", keyEnter)
	v.waitRow("01-07", "91 %", "brouillon")

	wg.Wait()
	close(results)
	for f := range results {
		t.Error(f)
	}
	if t.Failed() {
		t.FailNow()
	}

	// the interface shows what the other processes wrote, by itself
	for code, val := range imported {
		v.waitRow(code, val, "brouillon")
	}
	// Ctrl+R re-reads the base: "base relue". The watcher may still be
	// catching up with the last writes and replace that message with its
	// own, so try again until the base is quiet.
	relu := false
	for range 5 {
		v.send(keyCtrlR)
		if relu = v.tryWaitText(3*time.Second, "base relue"); relu {
			break
		}
	}
	if !relu {
		t.Fatalf("ctrl+r: no \"base relue\"\n%s", v.dump())
	}

	// a write from outside while nobody touches the keyboard: the
	// interface notices it on its own (it polls the database)
	e2eMust(t, db, "set", "01-09", "2023", "44")
	v.waitRow("01-09", "44", "brouillon")
	v.waitText("la base a changé (autre programme) : valeurs relues")

	// a write from outside, then Ctrl+R: the value is on screen
	e2eMust(t, db, "set", "01-10", "2023", "7,5")
	v.send(keyCtrlR)
	v.waitRow("01-10", "7,5", "brouillon")
	v.waitFor("a reload message", func(s string) bool {
		return strings.Contains(s, "base relue") || strings.Contains(s, "valeurs relues")
	})

	v.send("q")
	if code := v.waitExit(); code != 0 {
		t.Fatalf("q: exit %d", code)
	}

	// no write lost
	rows := e2eGap(t, db)
	want := map[string]float64{
		"COG-01-01//2023": 777, "COG-01-02//2023": 61, "COG-01-03//2023": 63, "COG-01-04//2023": 555, "COG-01-05//2023": 333,
		"COG-01-06//2023": 8, "COG-01-07//2023": 91, "COG-01-09//2023": 44, "COG-01-10//2023": 7.5, "COG-08-29//2024": 20,
	}
	for k, w := range want {
		if r := rows[k]; r.Local == nil || *r.Local != w {
			t.Errorf("%s = %+v, want local %v", k, r, w)
		}
	}
	e2eCheckDB(t, db)
	checkHistoryMatches(t, db)
	// every backup is a sound database of its own
	for _, b := range backups {
		e2eIntegrity(t, b)
		checkHistoryMatches(t, b)
		if e2eHas(t, "doctor") {
			if r := e2eRun(t, b, "doctor"); r.code != 0 {
				t.Errorf("doctor on %s: exit %d\n%s%s", filepath.Base(b), r.code, r.stdout, r.stderr)
			}
		}
	}
}

// vacuumInto takes a backup without `cpog backup`: SQLite's VACUUM INTO,
// a consistent copy read in one transaction.
func vacuumInto(src, dst string) error {
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(src)+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec("VACUUM INTO ?", dst)
	return err
}

// TestE2EBusyDatabase holds the database's write lock from another
// connection longer than the busy timeout (shortened to 300 ms through
// CPOG_BUSY_TIMEOUT_MS): `cpog set` and an edit in the interface each fail
// after the timeout with a French message saying the base is busy, not a
// crash; once the lock is released the command line writes again and the
// interface saves the value it kept (ctrl+s).
func TestE2EBusyDatabase(t *testing.T) {
	t.Parallel()
	const timeout = 300 * time.Millisecond
	busyEnv := []string{busyTimeoutEnv + "=300"}
	db := filepath.Join(t.TempDir(), "cpog.db")
	copyFixture(t, "caf-91-2", db)
	v := startVT(t, db, 120, 40, busyEnv)
	v.waitText("Caf de l'Essonne (91)", "Fiche 1 ·")

	// another program holds the write lock
	ctx := context.Background()
	locker, err := sql.Open("sqlite", "file:"+filepath.ToSlash(db)+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer locker.Close()
	conn, err := locker.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	locked := true
	release := func() {
		if locked {
			if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
				t.Fatal(err)
			}
			locked = false
		}
	}
	defer release()

	// the command line and the interface both try to write meanwhile
	type outcome struct {
		r    e2eResult
		took time.Duration
	}
	done := make(chan outcome, 1)
	var wg sync.WaitGroup
	defer wg.Wait() // if the test stops early, the command still ends first
	wg.Add(1)
	go func() {
		defer wg.Done()
		start := time.Now()
		r := e2eRunEnv(t, db, busyEnv, "set", "01-01", "2023", "95")
		done <- outcome{r, time.Since(start)}
	}()
	v.send("l", "e")
	v.waitText("Proposition Caf 2023 · COG-01-01")
	v.send(keyCtrlU, "96", keyEnter)

	o := <-done
	if o.r.code != 1 {
		t.Errorf("cpog set on a locked base: exit %d, want 1\n%s%s", o.r.code, o.r.stdout, o.r.stderr)
	}
	if !strings.HasPrefix(o.r.stderr, "cpog : la base est occupée par un autre programme cpog depuis plus de 0,3 s") {
		t.Errorf("cpog set on a locked base: stderr %q, want a French message saying the base is busy", o.r.stderr)
	}
	for _, bad := range []string{"panic", "goroutine", "SQLITE_BUSY", "database is locked"} {
		if strings.Contains(o.r.stderr, bad) {
			t.Errorf("cpog set on a locked base: stderr shows %q:\n%s", bad, o.r.stderr)
		}
	}
	if o.took < timeout {
		t.Errorf("cpog set gave up after %v: it should wait the busy timeout (%v)", o.took, timeout)
	}
	s := v.waitText("✗ ", "la base est occupée")
	if strings.Contains(s, "SQLITE_BUSY") || strings.Contains(s, "database is locked") {
		t.Errorf("the interface shows the driver's error:\n%s", s)
	}

	// the interface kept the value: once the lock is released, ctrl+s
	// saves it without retyping (raw mode: the terminal's XOFF does not
	// swallow ctrl+s); the command line writes again too
	v.waitText("ctrl+s pour réessayer")
	release()
	e2eMust(t, db, "set", "01-02", "2023", "57 %")
	v.send(keyCtrlS)
	v.waitRow("01-01", "96", "brouillon")
	v.send("q")
	if code := v.waitExit(); code != 0 {
		t.Fatalf("q: exit %d", code)
	}
	rows := e2eGap(t, db)
	if r := rows["COG-01-01//2023"]; r.Local == nil || *r.Local != 96 {
		t.Errorf("01-01 2023 = %+v, want 96 (the refused write is not there, the later one is)", r)
	}
	if r := rows["COG-01-02//2023"]; r.Local == nil || *r.Local != 57 {
		t.Errorf("01-02 2023 = %+v, want 57", r)
	}
	e2eCheckDB(t, db)
}
