//go:build !windows

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog/store"
	"github.com/cnaf-tools/cpog/tui"
)

// The measures of PERFORMANCE.md. They run only when asked, on a release
// build (stripped, -trimpath), because they time things and CI machines
// are too noisy for timings to pass or fail a build:
//
//	CPOG_PERF=1 go test -run TestPerf -count=1 -v ./cmd/cpog/
//
// CPOG_PERF_BIN measures another binary instead of building one.
//
// scripts/perf-report runs them and writes PERFORMANCE.md; CPOG_PERF_OUT
// names the file the Markdown table goes to.

const perfStarts = 20

// Targets of the issues "Prove it in a real terminal" and "Open as fast as
// less".
const (
	targetStartExisting = 20 * time.Millisecond // in the pty that answers queries
	targetStartFirstRun = 100 * time.Millisecond
	targetLessRatio     = 2.0 // in that pty and in tmux
	targetVersion       = 8 * time.Millisecond
	targetPeakRSS       = 40 << 20
	targetBinarySize    = 20 << 20
)

func TestPerfReport(t *testing.T) {
	if os.Getenv("CPOG_PERF") == "" {
		t.Skip("mesures de performance : CPOG_PERF=1 go test -run TestPerf -v ./cmd/cpog/ (ou scripts/perf-report)")
	}
	ptyAvailable(t)
	dir := t.TempDir()
	bin := os.Getenv("CPOG_PERF_BIN") // another build to compare, as is
	built := bin == ""
	if built {
		bin = buildRelease(t, dir)
	}
	t.Setenv(binEnv, bin) // every helper starts this binary
	if out := e2eMust(t, filepath.Join(dir, "v.db"), "version"); built && !strings.Contains(out, "cpog perf-test (0000000000") {
		t.Errorf("cpog version = %q: the -X version information is not printed", out)
	}
	fi, err := os.Stat(bin)
	if err != nil {
		t.Fatal(err)
	}

	// an existing database with a Caf and a few figures
	db := filepath.Join(dir, "cpog.db")
	e2eMust(t, db, "caf", "set", "91", "--weight", "2")
	for _, s := range [][]string{{"08-29", "2025", "14 j"}, {"01-01", "2025", "120"}, {"08-22", "2025", "88 %"}} {
		e2eMust(t, db, append([]string{"set"}, s...)...)
	}
	e2eMust(t, db, "agree", "08-29")

	// the interface session below starts from the state a director has
	// before any start: the starts save where the interface was closed
	session := filepath.Join(dir, "session.db")
	copyFile(t, db, session)
	list := filepath.Join(dir, "indicateurs.txt")
	if err := os.WriteFile(list, []byte(e2eMust(t, db, "indicators")), 0o600); err != nil {
		t.Fatal(err)
	}

	const w, h = 120, 40
	terms := perfTerminals(t, bin, db, list, w, h)

	firstFrame := func(ls []string) bool {
		return strings.Contains(ls[1], "Bienvenue dans cpog") && strings.Contains(strings.Join(ls, "\n"), "Caf sur 101") && strings.Contains(ls[h-1], "quitter")
	}
	firstRun, _ := perfStartups(t, func(i int) *exec.Cmd {
		cmd := exec.Command(bin)
		cmd.Env = userEnv(t, filepath.Join(dir, fmt.Sprintf("first-%02d", i), "cpog.db"))
		return cmd
	}, w, h, firstFrame, keyCtrlC)

	// what a process of this binary costs before any screen: start, runtime,
	// database opened, a contract read
	versionTimes := perfRuns(t, bin, db, "version")
	cafTimes := perfRuns(t, bin, db, "caf")

	rss := perfSessionRSS(t, session, w, h)
	inits := perfInits(t, bin, db)
	inproc := perfInProcess(t, db, w, h)

	r := perfResult{
		terms: terms, firstRun: firstRun,
		version: versionTimes, caf: cafTimes, rss: rss, size: fi.Size(), inits: inits, inproc: inproc,
		goos: runtime.GOOS, goarch: runtime.GOARCH,
	}
	md := r.markdown()
	t.Log("\n" + md)
	if out := os.Getenv("CPOG_PERF_OUT"); out != "" {
		if err := os.WriteFile(out, []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// buildRelease builds cpog as scripts/release does, for this machine.
func buildRelease(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "cpog")
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	cmd := exec.Command(goTool, "build", "-trimpath",
		"-ldflags", "-s -w -X main.version=perf-test -X main.commit=0000000000000000 -X main.date=2026-01-01T00:00:00Z",
		"-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startSample is one start measured in a terminal: when the process was
// started, and how long after it the first byte of output and the output
// completing the first full screen came.
type startSample struct {
	full, first time.Duration
	at          time.Time
}

// perfStartups starts a program perfStarts times in a w×h pty whose
// terminal answers queries, and returns, for each start, the time from the
// start of the process to the moment the output completing frame was read
// (frame looks at the screen's rows), and to its first byte.
func perfStartups(t *testing.T, newCmd func(int) *exec.Cmd, w, h int, frame func([]string) bool, quit string) (frames, firsts []time.Duration) {
	t.Helper()
	for _, s := range perfStartupsIn(t, newCmd, w, h, frame, quit, true) {
		frames, firsts = append(frames, s.full), append(firsts, s.first)
	}
	return frames, firsts
}

// perfStartupsIn is perfStartups in a terminal that answers queries or not;
// newCmd gets 0 for the unmeasured start that warms the page cache, then
// 1…perfStarts.
func perfStartupsIn(t *testing.T, newCmd func(int) *exec.Cmd, w, h int, frame func([]string) bool, quit string, answer bool) []startSample {
	t.Helper()
	var out []startSample
	for i := -1; i < perfStarts; i++ {
		got := make(chan time.Duration, 1)
		var first time.Duration
		v := startCmdVTAnswering(t, newCmd(i+1), w, h, func(v *vterm) {
			if first == 0 {
				first = time.Since(v.started)
			}
			if len(got) == 0 && frame(v.linesLocked()) {
				got <- time.Since(v.started)
			}
		}, answer)
		var d time.Duration
		select {
		case d = <-got:
		case <-time.After(waitTimeout):
			t.Fatalf("%s: no full frame after %v\n%s", v.cmd.Path, waitTimeout, v.dump())
		}
		v.send(quit)
		v.waitExit()
		if i >= 0 {
			v.mu.Lock()
			out = append(out, startSample{full: d, first: first, at: v.started})
			v.mu.Unlock()
		}
	}
	return out
}

// perfRuns times a command that needs no terminal, perfStarts times.
func perfRuns(t *testing.T, bin, db string, args ...string) []time.Duration {
	t.Helper()
	var out []time.Duration
	for i := -1; i < perfStarts; i++ {
		cmd := exec.Command(bin, args...)
		cmd.Env = userEnv(t, db)
		start := time.Now()
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("cpog %v: %v\n%s", args, err, b)
		}
		if i >= 0 {
			out = append(out, time.Since(start))
		}
	}
	return out
}

// perfSessionRSS runs a whole session in the interface (every screen, a
// search, edits, resizes) and returns the process's peak resident memory
// as the kernel accounted it (VmHWM).
func perfSessionRSS(t *testing.T, db string, w, h int) int64 {
	t.Helper()
	v := startVT(t, db, w, h, nil)
	v.waitText("validés", "Fiche 1 ·")
	for range 15 { // every fiche
		v.send("j")
	}
	v.send("k", "k", "k", "k", "k", "k", "k", "l")
	v.waitText("Fiche 9 ·")
	v.send(keyEnter)
	v.waitText("COG-09-", "cible nationale", "Trajectoire")
	v.esc("Axes et fiches")
	v.send("s")
	v.waitText("Synthèse")
	v.esc("Axes et fiches")
	v.send("/", "08-30", keyEnter)
	v.waitText("→ COG-")
	v.send("]", "e", keyCtrlU, "12 j", keyEnter)
	v.waitText("enregistré")
	v.send("?")
	v.waitText("Aide")
	v.esc("Axes et fiches")
	v.resize(200, 60)
	v.waitFor("the 200×60 frame", func(s string) bool { return len(strings.Split(s, "\n")) == 60 && strings.Contains(s, "Fiche 8 ·") })
	v.resize(w, h)
	v.waitFor("the 120×40 frame", func(s string) bool { return strings.Contains(s, "Fiche 8 ·") })
	v.send("u")
	v.waitText("annulation")
	// read before it quits, while /proc still has it: the rusage that
	// wait4 returns is no use here, since Linux folds into a child's
	// ru_maxrss the peak of the memory it shared with its parent before
	// exec (the test process, far bigger than cpog)
	peak, procErr := vmHWM(v.cmd.Process.Pid)
	v.send("q")
	if code := v.waitExit(); code != 0 {
		t.Fatalf("session: exit %d", code)
	}
	if procErr == nil {
		return peak
	}
	t.Logf("no /proc here (%v): peak memory from rusage, which may count the test process too", procErr)
	ru, ok := v.cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Fatal("no rusage on this system")
	}
	return maxRSSBytes(ru)
}

// vmHWM reads a process's peak resident set size from /proc (Linux).
func vmHWM(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			var kb int64
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kb); err != nil {
				return 0, err
			}
			return kb * 1024, nil
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
}

type perfResult struct {
	terms                  []terminalRun // the answering pty first
	firstRun, version, caf []time.Duration
	rss, size              int64
	goos, goarch           string
	inits                  initCost
	inproc                 inProcess
}

// copyFile copies a closed database file.
// inProcess is the interface's own work at start, timed inside this
// process (medians): what is left of a start-up beyond it is process
// start, terminal I/O and the renderer's pace.
type inProcess struct {
	open, load, render time.Duration
}

// perfInProcess opens the database, runs the interface's start commands
// (loading the referential, the Caf list and the contract) and renders
// its first w×h frame, perfStarts times.
func perfInProcess(t *testing.T, path string, w, h int) inProcess {
	t.Helper()
	ctx := context.Background()
	var opens, loads, renders []time.Duration
	for range perfStarts {
		start := time.Now()
		db, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		opened := time.Now()
		var m tea.Model = tui.New(ctx, tuiPort{db}, tui.Options{Dark: true})
		m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		var run func(tea.Cmd)
		run = func(cmd tea.Cmd) {
			if cmd == nil {
				return
			}
			switch msg := cmd().(type) {
			case nil:
			case tea.BatchMsg:
				for _, c := range msg {
					run(c)
				}
			default:
				var next tea.Cmd
				m, next = m.Update(msg)
				run(next)
			}
		}
		run(m.Init())
		loaded := time.Now()
		frame := m.View().Content
		done := time.Now()
		if !strings.Contains(frame, "Fiche 1 ·") {
			t.Fatalf("in-process start: not the main screen\n%s", frame)
		}
		db.Close()
		opens, loads, renders = append(opens, opened.Sub(start)), append(loads, loaded.Sub(opened)), append(renders, done.Sub(loaded))
	}
	return inProcess{median(opens), median(loads), median(renders)}
}

// initCost is what the packages' initialisation costs at every start, from
// GODEBUG=inittrace=1 (the median of perfStarts runs of `cpog version`).
type initCost struct {
	total time.Duration
	top   []pkgInit // the three costliest packages, in the median run
}

type pkgInit struct {
	pkg  string
	cost time.Duration
}

// perfInits runs `cpog version` with the runtime's init trace.
func perfInits(t *testing.T, bin, db string) initCost {
	t.Helper()
	var runs []initCost
	for range perfStarts {
		cmd := exec.Command(bin, "version")
		cmd.Env = append(userEnv(t, db), "GODEBUG=inittrace=1")
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("cpog version: %v", err)
		}
		var c initCost
		for _, l := range strings.Split(stderr.String(), "\n") {
			// init github.com/xuri/excelize/v2 @5.2 ms, 2.6 ms clock, 1339024 bytes, 21403 allocs
			f := strings.Fields(l)
			if len(f) < 7 || f[0] != "init" || f[6] != "clock," {
				continue
			}
			d, err := time.ParseDuration(f[4] + "ms")
			if err != nil {
				continue
			}
			c.total += d
			c.top = append(c.top, pkgInit{f[1], d})
		}
		slices.SortFunc(c.top, func(a, b pkgInit) int { return int(b.cost - a.cost) })
		c.top = c.top[:min(3, len(c.top))]
		runs = append(runs, c)
	}
	slices.SortFunc(runs, func(a, b initCost) int { return int(a.total - b.total) })
	return runs[len(runs)/2]
}
