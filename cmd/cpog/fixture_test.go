package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// A fixture is a database many tests start from, made once per run by the
// binary under test and copied for each test: the same dozen commands at
// the start of every such test cost the suite some four seconds of
// processes (issue 10). The tests of the commands themselves (caf set on a
// new database, the first run) still run them.
type fixture struct {
	steps [][]string
	once  sync.Once
	path  string
	err   error
}

// fixtures are made in fixtureDir, which TestMain creates and removes.
var (
	fixtureDir string
	fixtures   = map[string]*fixture{
		// Caf 91 chosen, weight 2,1 %: most CLI tests
		"caf-91": {steps: [][]string{{"caf", "set", "91", "--weight", "2,1"}}},
		// the same with a weight of 2 %: the end-to-end tests
		"caf-91-2": {steps: [][]string{{"caf", "set", "91", "--weight", "2"}}},
		// chosen without a weight: the interface's start
		"caf-91-sans-poids": {steps: [][]string{{"caf", "set", "91"}}},
		// a few figures: the safety tests (negotiated)
		"negotiated": {steps: [][]string{
			{"caf", "set", "91", "--weight", "2,1"},
			{"set", "COG-08-29", "2025", "14 j", "--comment", "accueil réorganisé"},
			{"set", "01-01", "2027", "180", "--actor", "cnaf"},
		}},
		// values in every status: the exchange tests (negotiate)
		"negotiate": {steps: [][]string{
			{"caf", "set", "91", "--weight", "2,1"},
			{"set", "08-29", "2025", "14 j", "--comment", "=1+1"},
			{"set", "08-29", "2026", "13"},
			{"set", "08-28", "2025", "85,6 %"},
			{"propose", "08-29"},
			{"set", "08-29", "2026", "12", "--actor", "cnaf", "--comment", "position de la Cnaf"},
			{"set", "01-01", "2025", "180,5"},
			{"agree", "01-01"},
			{"set", "08-23", "2024", "81 %", "--sub", "b"},
			{"set", "10-41", "2027", "9 875 000"},
			{"mode", "13-55", "same"},
			{"set", "13-55", "2025", "99,67 %"},
			{"agree", "13-55", "2025"},
		}},
	}
)

// startFrom copies the fixture name to the CLI's database.
func (c *cli) startFrom(name string) {
	c.t.Helper()
	copyFixture(c.t, name, c.db)
}

// copyFixture copies the fixture name to the database file dst, whose
// folder it creates.
func copyFixture(t testing.TB, name, dst string) {
	t.Helper()
	f, ok := fixtures[name]
	if !ok {
		t.Fatalf("no fixture %q", name)
	}
	f.once.Do(func() { f.path, f.err = f.make(e2eBin(t), filepath.Join(fixtureDir, name)) })
	if f.err != nil {
		t.Fatalf("fixture %s: %v", name, f.err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		t.Fatal(err)
	}
	copyFile(t, f.path, dst)
}

// copyFile copies a file, private to the user (a database, an export).
func copyFile(t testing.TB, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// make runs the steps on a new database in dir. cpog keeps its -wal file
// when it closes, emptied: the database file alone is then the whole
// database, which make checks before a test copies that file alone.
func (f *fixture) make(bin, dir string) (string, error) {
	if fixtureDir == "" {
		return "", fmt.Errorf("no fixture folder: TestMain (cli_test.go) makes it")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	db := filepath.Join(dir, "cpog.db")
	env := append(isolatedEnv(dir), "CPOG_DB="+db, oneProcessor)
	for _, args := range f.steps {
		cmd := exec.Command(bin, args...)
		cmd.Env, cmd.Dir = env, dir
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("cpog %s: %v: %s", strings.Join(args, " "), err, errb.String())
		}
	}
	if st, err := os.Stat(db + "-wal"); err == nil && st.Size() != 0 {
		return "", fmt.Errorf("the -wal file keeps %d bytes: the database file alone is not the database", st.Size())
	}
	return db, nil
}
