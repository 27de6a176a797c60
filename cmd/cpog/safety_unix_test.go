//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/seed"
)

// mkfifo makes a named pipe; opening it to read would wait for a writer.
func mkfifo(t testing.TB, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("pas de tube nommé ici (%v)", err)
	}
}

// quick runs a command that must end, refused, within a few seconds.
func (c *cli) quickRefusal(want string, args ...string) result {
	c.t.Helper()
	r := c.runWith(nil, c.env, 10*time.Second, args...)
	if r.code != 1 {
		c.t.Errorf("cpog %q: exit %d, want 1 (stderr %q)", args, r.code, r.stderr)
	}
	checkFrench(c.t, args, r.stderr, want)
	if r.elapsed > 5*time.Second {
		c.t.Errorf("cpog %q took %v", args, r.elapsed)
	}
	return r
}

// Issue 12, failure 3: `cpog import /dev/zero` (or a *.csv symlink to it)
// grew memory without bound; a FIFO hung forever. The file is now opened,
// the open file checked, and read through the limit.
func TestImportOfDevicesAndFIFOsIsRefused(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	before := negotiated(c)
	zero := filepath.Join(c.dir, "zero.csv")
	symlinkOrSkip(t, "/dev/zero", zero)
	fifo := filepath.Join(c.dir, "tube.json")
	mkfifo(t, fifo)
	c.quickRefusal("périphérique", "import", "/dev/zero")
	c.quickRefusal("périphérique", "import", zero)
	c.quickRefusal("périphérique", "import", "--dry-run", zero)
	c.quickRefusal("tube nommé", "import", fifo)
	c.quickRefusal("tube nommé", "import", "--dry-run", fifo)
	// a regular file beyond the limit, sparse so that the test is cheap
	big := filepath.Join(c.dir, "gros.csv")
	if err := os.WriteFile(big, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 25<<20); err != nil {
		t.Fatal(err)
	}
	c.quickRefusal("trop volumineux", "import", big)
	c.checkIntact(before)
}

// Issue 12, failure 5: `network import` read each file whole before
// checking it: a *.json symlink to /dev/zero was unbounded, a FIFO hung,
// two 400 MB files took 800 MB.
func TestNetworkImportOfDevicesFIFOsAndHugeFiles(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	before := negotiated(c)
	dir := filepath.Join(c.dir, "reseau")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	ref, _ := seed.Referential()
	cafs, _ := seed.Cafs()
	good := cpog.NewContract(cafs[0], ref.ID, 1.5, 2022)
	writeExchange(t, filepath.Join(dir, "a-bon.json"), ref, good, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	symlinkOrSkip(t, "/dev/zero", filepath.Join(dir, "b-zero.json"))
	mkfifo(t, filepath.Join(dir, "c-tube.json"))
	for _, n := range []string{"d-gros.json", "e-gros.json"} {
		p := filepath.Join(dir, n)
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, 400<<20); err != nil {
			t.Fatal(err)
		}
	}
	r := c.runMeasured(20*time.Second, "network", "import", dir)
	if r.code != 1 || r.elapsed > 10*time.Second {
		t.Errorf("network import: exit %d in %v, want 1 at once (stderr %q)", r.code, r.elapsed, r.stderr)
	}
	for _, want := range []string{"b-zero.json", "périphérique", "c-tube.json", "tube nommé", "d-gros.json", "e-gros.json", "trop volumineux"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("network import: stderr %q does not name %q", r.stderr, want)
		}
	}
	if !strings.Contains(r.stdout, "1 fichier(s) chargé(s), 4 rejeté(s)") {
		t.Errorf("network import: stdout %q", r.stdout)
	}
	if rss := r.peakRSS(t); rss > 150<<20 {
		t.Errorf("network import of two 400 MB files: peak memory %d MB", rss>>20)
	}
	c.checkIntact(before)
}

// Issue 12: `--db` on a FIFO hung; on a device it left -journal files
// beside it.
func TestDatabaseOnAFIFOOrADeviceIsRefused(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	fifo := filepath.Join(c.dir, "tube.db")
	mkfifo(t, fifo)
	dev := filepath.Join(c.dir, "null.db")
	symlinkOrSkip(t, os.DevNull, dev)
	_, journalBefore := os.Stat(os.DevNull + "-journal")
	for _, db := range []string{fifo, dev, os.DevNull} {
		for _, args := range [][]string{{"doctor"}, {"gap"}, {"caf", "set", "91"}, {"backup", filepath.Join(c.dir, "s.db")}} {
			c.quickRefusal("fichier ordinaire", append([]string{"--db", db}, args...)...)
		}
	}
	for _, suffix := range []string{"-journal", "-wal", "-shm"} {
		for _, p := range []string{fifo, dev} {
			if _, err := os.Lstat(p + suffix); err == nil {
				t.Errorf("%s left beside the --db", filepath.Base(p+suffix))
			}
		}
	}
	if _, err := os.Stat(os.DevNull + "-journal"); err == nil && journalBefore != nil {
		t.Errorf("%s-journal created", os.DevNull)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", err)
	}
}

// Issue 12: `--force` replaced special files: a FIFO as a destination is
// refused at once, and stays a FIFO.
func TestOutputsRefuseAFIFO(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	before := negotiated(c)
	fifo := filepath.Join(c.dir, "tube.csv")
	mkfifo(t, fifo)
	c.quickRefusal("tube nommé", "backup", fifo, "--force")
	c.quickRefusal("tube nommé", "export", "--format", "csv", "-o", fifo, "--force")
	c.quickRefusal("tube nommé", "export", "--format", "csv", "-o", fifo)
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", err)
	}
	c.checkIntact(before)
}
