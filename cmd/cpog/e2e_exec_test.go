package main

// Helpers shared by the end-to-end tests (pty, kill, concurrency): they run
// the cpog binary that TestMain builds (cli_test.go) as a child process, the
// way a user or a script does. Set CPOG_E2E_BIN to another binary (a release
// build, say) to run the same tests against it.

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the driver the store uses, for the tests' own checks
)

// binEnv names a prebuilt cpog binary to test instead of TestMain's.
const binEnv = "CPOG_E2E_BIN"

// e2eBin is the program the end-to-end tests start.
func e2eBin(t testing.TB) string {
	t.Helper()
	if p := os.Getenv(binEnv); p != "" {
		return p
	}
	if cpogBin == "" {
		t.Fatal("no cpog binary: TestMain (cli_test.go) builds it")
	}
	return cpogBin
}

// e2eEnv is a child's whole environment for the functional tests: userEnv
// on one processor (oneProcessor).
func e2eEnv(t testing.TB, dbPath string, extra ...string) []string {
	t.Helper()
	return userEnv(t, dbPath, append([]string{oneProcessor}, extra...)...)
}

// oneProcessor runs a child's Go code on one processor. The suite starts
// cpog some six hundred times on a 2-core machine while the other
// packages' tests run: with a processor each, the runtime of every child
// spins on the second core at each goroutine it wakes: a sixth of a short
// command's CPU, and of the suite's time (issue 10). cpog does
// nothing in parallel that a test could miss this way; the performance
// tests and benchmarks measure the default, as directors run it.
const oneProcessor = "GOMAXPROCS=1"

// userEnv is a child's whole environment: nothing of the developer's own
// (no NO_COLOR, no real data directory), a fresh HOME and data directory,
// and the database given.
func userEnv(t testing.TB, dbPath string, extra ...string) []string {
	t.Helper()
	dir := t.TempDir()
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + dir,
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"CPOG_DB=" + dbPath,
		"TERM=xterm-256color",
		"LANG=C.UTF-8",
		"TZ=UTC",
	}
	// keep what the Go tooling and the OS need (coverage of the child's
	// run, the temporary directory)
	for _, k := range []string{"GOCOVERDIR", "TMPDIR", "SYSTEMROOT"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	return append(env, extra...)
}

// e2eResult is what a finished command left.
type e2eResult struct {
	code           int
	stdout, stderr string
}

// e2eRun runs one cpog command to its end (at most a minute) on a database.
func e2eRun(t testing.TB, dbPath string, args ...string) e2eResult {
	t.Helper()
	return e2eRunEnv(t, dbPath, nil, args...)
}

// e2eRunEnv is e2eRun with variables added to the child's environment.
func e2eRunEnv(t testing.TB, dbPath string, env []string, args ...string) e2eResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, e2eBin(t), args...)
	cmd.Env = e2eEnv(t, dbPath, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	res := e2eResult{code: cmd.ProcessState.ExitCode(), stdout: out.String(), stderr: errb.String()}
	if err != nil && cmd.ProcessState == nil {
		t.Fatalf("cpog %s: %v", strings.Join(args, " "), err)
	}
	if ctx.Err() != nil {
		t.Fatalf("cpog %s: still running after a minute\nstderr: %s", strings.Join(args, " "), res.stderr)
	}
	return res
}

// e2eMust runs a command that must succeed.
func e2eMust(t testing.TB, dbPath string, args ...string) string {
	t.Helper()
	r := e2eRun(t, dbPath, args...)
	if r.code != 0 {
		t.Fatalf("cpog %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// e2eHas reports whether this cpog knows a command: backup, import and
// doctor arrive with the exchange package, and the tests use them as soon
// as they exist. It reads the command list of `cpog --help`.
func e2eHas(t testing.TB, name string) bool {
	t.Helper()
	e2eCommandsOnce.Do(func() {
		out := e2eMust(t, filepath.Join(t.TempDir(), "probe.db"), "--help")
		_, list, _ := strings.Cut(out, "Commandes :")
		e2eCommands = map[string]bool{}
		for _, line := range strings.Split(list, "\n") {
			if f := strings.Fields(line); len(f) > 0 && strings.HasPrefix(line, "  ") {
				e2eCommands[f[0]] = true
			}
		}
	})
	return e2eCommands[name]
}

var (
	e2eCommandsOnce sync.Once
	e2eCommands     map[string]bool
)

// e2eGap reads `cpog gap --json`, keyed by "CODE/sub/year".
func e2eGap(t testing.TB, dbPath string) map[string]gapJSON {
	t.Helper()
	var rows []gapJSON
	if err := json.Unmarshal([]byte(e2eMust(t, dbPath, "gap", "--json")), &rows); err != nil {
		t.Fatalf("gap --json: %v", err)
	}
	out := make(map[string]gapJSON, len(rows))
	for _, r := range rows {
		out[e2eGapKey(r.Code, r.Sub, r.Year)] = r
	}
	return out
}

func e2eGapKey(code string, sub *string, year int) string {
	s := ""
	if sub != nil {
		s = *sub
	}
	return fmt.Sprintf("%s/%s/%d", code, s, year)
}

// e2eCheckDB proves a database sound: `cpog doctor` when this cpog has
// it, and in any case SQLite's own integrity and foreign key checks, read
// through a connection of the test's own.
func e2eCheckDB(t testing.TB, dbPath string) {
	t.Helper()
	if e2eHas(t, "doctor") {
		if r := e2eRun(t, dbPath, "doctor"); r.code != 0 {
			t.Errorf("cpog doctor: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
		}
	}
	e2eIntegrity(t, dbPath)
}

// integrity runs PRAGMA integrity_check and foreign_key_check on a file.
func e2eIntegrity(t testing.TB, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Errorf("%s: integrity_check = %q, %v", filepath.Base(path), res, err)
	}
	rows, err := db.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatalf("%s: foreign_key_check: %v", filepath.Base(path), err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Errorf("%s: foreign_key_check reports violations", filepath.Base(path))
	}
}
