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

// Targets of the issue "Prove it in a real terminal".
const (
	targetStartExisting = 25 * time.Millisecond
	targetStartFirstRun = 150 * time.Millisecond
	targetLessRatio     = 2.0
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

	const w, h = 120, 40
	mainFrame := func(ls []string) bool {
		return strings.Contains(ls[0], "validés") && strings.Contains(ls[1], "Fiche 1 ·") && strings.Contains(ls[h-1], "q quitter")
	}
	existing, existingFirst := perfStartups(t, func(i int) *exec.Cmd {
		cmd := exec.Command(bin)
		cmd.Env = e2eEnv(t, db)
		return cmd
	}, w, h, mainFrame, keyCtrlC)

	firstFrame := func(ls []string) bool {
		return strings.Contains(ls[1], "Bienvenue dans cpog") && strings.Contains(strings.Join(ls, "\n"), "Caf sur 101") && strings.Contains(ls[h-1], "quitter")
	}
	firstRun, _ := perfStartups(t, func(i int) *exec.Cmd {
		cmd := exec.Command(bin)
		cmd.Env = e2eEnv(t, filepath.Join(dir, fmt.Sprintf("first-%02d", i), "cpog.db"))
		return cmd
	}, w, h, firstFrame, keyCtrlC)

	// less showing the same indicator list, in the same terminal
	var lessTimes []time.Duration
	lessPath, lessErr := exec.LookPath("less")
	if lessErr == nil {
		list := filepath.Join(dir, "indicateurs.txt")
		if err := os.WriteFile(list, []byte(e2eMust(t, db, "indicators")), 0o600); err != nil {
			t.Fatal(err)
		}
		lessFrame := func(ls []string) bool {
			return strings.Contains(ls[0], "n°") && strings.Contains(ls[0], "code") && strings.Contains(ls[h-2], "COG-08-35") && strings.Contains(ls[h-1], "indicateurs.txt")
		}
		lessTimes, _ = perfStartups(t, func(int) *exec.Cmd {
			cmd := exec.Command(lessPath, "-S", list)
			cmd.Env = e2eEnv(t, db, "LESS=", "LESSOPEN=", "LESSHISTFILE=-")
			return cmd
		}, w, h, lessFrame, "q")
	} else {
		t.Logf("less is not installed: no comparison (%v)", lessErr)
	}

	// what a process of this binary costs before any screen: start, runtime,
	// database opened, a contract read
	versionTimes := perfRuns(t, bin, db, "version")
	cafTimes := perfRuns(t, bin, db, "caf")

	rss := perfSessionRSS(t, db, w, h)
	inits := perfInits(t, bin, db)
	inproc := perfInProcess(t, db, w, h)

	r := perfResult{
		existing: existing, existingFirst: existingFirst, firstRun: firstRun, less: lessTimes,
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

// perfStartups starts a program perfStarts times in a w×h pty and returns,
// for each start, the time from the start of the process to the moment the
// output completing frame was read (frame looks at the screen's rows).
//
// It also returns when the first byte of output came: what the program
// writes before its first frame (terminal modes, queries) says when it was
// ready to talk to the terminal.
func perfStartups(t *testing.T, newCmd func(int) *exec.Cmd, w, h int, frame func([]string) bool, quit string) (frames, firsts []time.Duration) {
	t.Helper()
	// one start to warm the page cache, not counted
	var out []time.Duration
	for i := -1; i < perfStarts; i++ {
		got := make(chan time.Duration, 1)
		var first time.Duration
		var v *vterm
		v = startCmdVT(t, newCmd(i+1), w, h, func(v *vterm) {
			if first == 0 {
				first = time.Since(v.started)
			}
			if len(got) == 0 && frame(v.linesLocked()) {
				got <- time.Since(v.started)
			}
		})
		var d time.Duration
		select {
		case d = <-got:
		case <-time.After(waitTimeout):
			t.Fatalf("%s: no full frame after %v\n%s", v.cmd.Path, waitTimeout, v.dump())
		}
		v.send(quit)
		v.waitExit()
		if i >= 0 {
			out = append(out, d)
			v.mu.Lock()
			firsts = append(firsts, first)
			v.mu.Unlock()
		}
	}
	return out, firsts
}

// perfRuns times a command that needs no terminal, perfStarts times.
func perfRuns(t *testing.T, bin, db string, args ...string) []time.Duration {
	t.Helper()
	var out []time.Duration
	for i := -1; i < perfStarts; i++ {
		cmd := exec.Command(bin, args...)
		cmd.Env = e2eEnv(t, db)
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
	existing, firstRun, less, version, caf []time.Duration
	existingFirst                          []time.Duration // first byte of output
	rss, size                              int64
	goos, goarch                           string
	inits                                  initCost
	inproc                                 inProcess
}

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
		cmd.Env = append(e2eEnv(t, db), "GODEBUG=inittrace=1")
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

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/1e6) }

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

func met(ok bool) string {
	if ok {
		return "met"
	}
	return "**not met**"
}

func spread(ds []time.Duration) string {
	if len(ds) == 0 {
		return ""
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return fmt.Sprintf("min %s, max %s", ms(s[0]), ms(s[len(s)-1]))
}

func (r perfResult) markdown() string {
	var b strings.Builder
	ex, fr, ls := median(r.existing), median(r.firstRun), median(r.less)
	targets := []struct {
		name string
		ok   bool
	}{
		{fmt.Sprintf("start-up ≤ %s", ms(targetStartExisting)), ex <= targetStartExisting},
		{"start-up within 2× of less", len(r.less) > 0 && float64(ex)/float64(ls) <= targetLessRatio},
		{fmt.Sprintf("first run ≤ %s", ms(targetStartFirstRun)), fr <= targetStartFirstRun},
		{fmt.Sprintf("peak memory ≤ %s", mb(targetPeakRSS)), r.rss <= targetPeakRSS},
		{fmt.Sprintf("binary ≤ %s", mb(targetBinarySize)), r.size <= targetBinarySize},
	}
	var good, bad []string
	for _, tg := range targets {
		if tg.ok {
			good = append(good, tg.name)
		} else {
			bad = append(bad, tg.name)
		}
	}
	fmt.Fprintf(&b, "**%d of %d targets met** (%s).", len(good), len(targets), strings.Join(good, ", "))
	if len(bad) > 0 {
		fmt.Fprintf(&b, " **Not met: %s**; why is said below the table.", strings.Join(bad, ", "))
	}
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "| measure | median of %d | spread | target | |\n|---|---|---|---|---|\n", perfStarts)
	fmt.Fprintf(&b, "| start-up to the first full frame, existing database | %s | %s | ≤ %s | %s |\n", ms(ex), spread(r.existing), ms(targetStartExisting), met(ex <= targetStartExisting))
	if len(r.less) > 0 {
		ratio := float64(ex) / float64(ls)
		fmt.Fprintf(&b, "| `less -S` showing the `cpog indicators` list, same pty | %s | %s | | |\n", ms(ls), spread(r.less))
		fmt.Fprintf(&b, "| cpog start-up ÷ less start-up | %.1f× | | ≤ %.0f× | %s |\n", ratio, targetLessRatio, met(ratio <= targetLessRatio))
	} else {
		fmt.Fprintf(&b, "| `less` comparison | not measured: less is not installed | | ≤ %.0f× | **not measured** |\n", targetLessRatio)
	}
	fmt.Fprintf(&b, "| first run to the Caf picker (creates the database, installs the referential) | %s | %s | ≤ %s | %s |\n", ms(fr), spread(r.firstRun), ms(targetStartFirstRun), met(fr <= targetStartFirstRun))
	fmt.Fprintf(&b, "| `cpog version` (process start, no database, no terminal) | %s | %s | | |\n", ms(median(r.version)), spread(r.version))
	fmt.Fprintf(&b, "| `cpog caf` (process start, database opened, contract read) | %s | %s | | |\n", ms(median(r.caf)), spread(r.caf))
	fmt.Fprintf(&b, "| peak memory of a TUI session (VmHWM: peak resident set) | %s | one session | ≤ %s | %s |\n", mb(r.rss), mb(targetPeakRSS), met(r.rss <= targetPeakRSS))
	fmt.Fprintf(&b, "| release binary %s/%s (`-trimpath -ldflags \"-s -w\"`) | %s | %d bytes | ≤ %s | %s |\n", r.goos, r.goarch, mb(r.size), r.size, mb(targetBinarySize), met(r.size <= targetBinarySize))
	var tops []string
	for _, p := range r.inits.top {
		tops = append(tops, fmt.Sprintf("%s %s", p.pkg, ms(p.cost)))
	}
	fmt.Fprintf(&b, "| first byte of output (terminal set-up), existing database | %s | %s | | |\n", ms(median(r.existingFirst)), spread(r.existingFirst))
	fmt.Fprintf(&b, "| inside the process: open the database / load referential and contract / render the first %d×%d frame | %s / %s / %s | | | |\n",
		120, 40, ms(r.inproc.open), ms(r.inproc.load), ms(r.inproc.render))
	fmt.Fprintf(&b, "| package initialisation at every start (`GODEBUG=inittrace=1`) | %s | costliest: %s | | |\n", ms(r.inits.total), strings.Join(tops, ", "))
	b.WriteString(r.notMet())
	fmt.Fprintf(&b, "\nRaw start-up samples (ms), existing database: %s\n", samples(r.existing))
	fmt.Fprintf(&b, "\nRaw start-up samples (ms), first run: %s\n", samples(r.firstRun))
	if len(r.less) > 0 {
		fmt.Fprintf(&b, "\nRaw start-up samples (ms), less: %s\n", samples(r.less))
	}
	return b.String()
}

func samples(ds []time.Duration) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = fmt.Sprintf("%.1f", float64(d)/1e6)
	}
	return strings.Join(parts, " ")
}

// notMet says, for each target missed, where the time or the bytes go,
// from the figures just measured.
func (r perfResult) notMet() string {
	var b strings.Builder
	ex, fr, ls := median(r.existing), median(r.firstRun), median(r.less)
	ver, caf := median(r.version), median(r.caf)
	if ex > targetStartExisting {
		fmt.Fprintf(&b, "\n**Start-up on an existing database: %s against a target of %s, not met.** ", ms(ex), ms(targetStartExisting))
		fmt.Fprintf(&b, "Where the time goes, from the medians above: a cpog process that only prints its version takes %s "+
			"(the kernel maps a %s binary, the Go runtime starts, the packages initialise: %s, the costliest being %s, "+
			"linked in for the exports); one that opens the database and reads the contract (`cpog caf`) takes %s. "+
			"The interface writes its first byte %s after the start and its full first frame %s later: bubbletea v2 buffers "+
			"all its output, its terminal queries included, and writes it only on its renderer's ticks, 120 a second (tea.WithFPS(120)), the "+
			"first one 8.3 ms after the interface starts running. The interface's own work is small: loading the referential and "+
			"the contract and rendering the %d×%d frame take %s and %s when timed inside one process. The fastest of "+
			"the %d starts took %s.\n",
			ms(ver), mb(r.size), ms(r.inits.total), topName(r.inits), ms(caf),
			ms(median(r.existingFirst)), ms(max(0, ex-median(r.existingFirst))), 120, 40,
			ms(r.inproc.load), ms(r.inproc.render), perfStarts, ms(slices.Min(r.existing)))
	}
	if len(r.less) > 0 && float64(ex)/float64(ls) > targetLessRatio {
		goal := time.Duration(float64(ls) * targetLessRatio)
		fmt.Fprintf(&b, "\n**Within 2× of less: %.1f×, not met.** less is a small C program that reads a text file and draws it; it "+
			"shows the list in %s, so the target asks cpog for a first frame within %s. cpog is a Go program with SQLite and the "+
			"exports linked in: its process start alone (`cpog version`) takes %s", float64(ex)/float64(ls), ms(ls), ms(goal), ms(ver))
		if ver >= goal {
			b.WriteString(", more than that budget before it opens a database or draws anything.\n")
		} else {
			fmt.Fprintf(&b, ", which leaves %s to open the database and draw, less than the renderer's first tick (8.3 ms).\n", ms(goal-ver))
		}
	}
	if fr > targetStartFirstRun {
		fmt.Fprintf(&b, "\n**First run: %s against %s, not met.** The first run creates the file, migrates the schema and installs the referential "+
			"(55 indicators, their targets, the 101 Caf) in one transaction written with synchronous FULL: its fsyncs are the disk's time, "+
			"which on this shared machine varies widely (fastest start %s).\n", ms(fr), ms(targetStartFirstRun), ms(slices.Min(r.firstRun)))
	}
	if r.rss > targetPeakRSS {
		fmt.Fprintf(&b, "\n**Peak memory: %s against %s, not met.**\n", mb(r.rss), mb(targetPeakRSS))
	}
	if r.size > targetBinarySize {
		fmt.Fprintf(&b, "\n**Binary size: %s against %s, not met.**\n", mb(r.size), mb(targetBinarySize))
	}
	return b.String()
}

func topName(c initCost) string {
	if len(c.top) == 0 {
		return "unknown"
	}
	return fmt.Sprintf("%s (%s)", c.top[0].pkg, ms(c.top[0].cost))
}
