//go:build !windows

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A start measured in one terminal: cpog on the existing database and less
// on the same list, each perfStarts times.
type terminalRun struct {
	name       string // how PERFORMANCE.md names the terminal
	cpog, less []time.Duration
	first      []time.Duration // cpog's first byte of output
	steps      stepTimes       // cpog's own steps, from its start-up trace
}

// The steps cpog notes in its start-up trace (startup_trace.go), in order,
// and what PERFORMANCE.md calls them.
var traceSteps = []struct{ name, label string }{
	{"main", "process start, Go runtime and package initialisation (until main)"},
	{"store", "command line read, database opened"},
	{"loaded", "referential, Caf list, contract and position read"},
	{"painted", "first frame rendered and written"},
	{"renderer", "bubbletea's first write (its renderer's first tick)"},
}

// stepTimes holds, for each step, its time from the start of the process
// (as the measure saw it start) in each run.
type stepTimes map[string][]time.Duration

// readTrace reads a trace file that cpog wrote and adds each step's time
// since started to st.
// cpog writes the file as it exits, which in tmux may come after the
// measure saw it leave the screen: readTrace waits for it a while. A build
// older than the trace (CPOG_PERF_BIN) writes none: its steps stay unknown.
func (st stepTimes) readTrace(t *testing.T, path string, started time.Time) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	b, err := os.ReadFile(path)
	for (err != nil || !strings.HasSuffix(string(b), "\n")) && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
		b, err = os.ReadFile(path)
	}
	if err != nil {
		t.Logf("no start-up trace: %v", err)
		return
	}
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		name, ns, ok := strings.Cut(l, " ")
		n, err := strconv.ParseInt(ns, 10, 64)
		if !ok || err != nil {
			t.Fatalf("start-up trace: line %q", l)
		}
		st[name] = append(st[name], time.Unix(0, n).Sub(started))
	}
}

// perfTerminals measures the start on an existing database, and less on
// the same list, in the three terminals of PERFORMANCE.md.
func perfTerminals(t *testing.T, bin, db, list string, w, h int) []terminalRun {
	t.Helper()
	mainFrame := func(ls []string) bool {
		return strings.Contains(ls[0], "validés") && strings.Contains(ls[1], "Fiche 1 ·") && strings.Contains(ls[h-1], "q quitter")
	}
	lessFrame := func(ls []string) bool {
		return strings.Contains(ls[0], "n°") && strings.Contains(ls[0], "code") && strings.Contains(ls[h-2], "COG-08-35") && strings.Contains(ls[h-1], "indicateurs.txt")
	}
	lessPath, lessErr := exec.LookPath("less")
	if lessErr != nil {
		t.Logf("less is not installed: no comparison (%v)", lessErr)
	}
	lessEnv := []string{"LESS=", "LESSOPEN=", "LESSHISTFILE=-"}
	traces := t.TempDir()
	tracePath := func(term string, i int) string { return filepath.Join(traces, fmt.Sprintf("%s-%02d", term, i)) }

	var runs []terminalRun
	for _, pty := range []struct {
		key, name string
		answer    bool
	}{
		{"pty", "pty whose terminal emulator answers every query", true},
		{"mute", "pty that answers no query", false},
	} {
		r := terminalRun{name: pty.name, steps: stepTimes{}}
		samples := perfStartupsIn(t, func(i int) *exec.Cmd {
			cmd := exec.Command(bin)
			cmd.Env = userEnv(t, db, startupTraceEnv+"="+tracePath(pty.key, i))
			return cmd
		}, w, h, mainFrame, keyCtrlC, pty.answer)
		for i, s := range samples {
			r.cpog, r.first = append(r.cpog, s.full), append(r.first, s.first)
			r.steps.readTrace(t, tracePath(pty.key, i+1), s.at)
		}
		if lessErr == nil {
			for _, s := range perfStartupsIn(t, func(int) *exec.Cmd {
				cmd := exec.Command(lessPath, "-S", list)
				cmd.Env = userEnv(t, db, lessEnv...)
				return cmd
			}, w, h, lessFrame, "q", pty.answer) {
				r.less = append(r.less, s.full)
			}
		}
		runs = append(runs, r)
	}

	if _, err := exec.LookPath("tmux"); err != nil {
		t.Logf("tmux is not installed: no measure in tmux (%v)", err)
		return runs
	}
	tp := startTmux(t, w, h)
	r := terminalRun{name: "tmux (a client attached in the pty above; the clock starts at the command that starts the program in the pane)", steps: stepTimes{}}
	for i := -1; i < perfStarts; i++ {
		trace := tracePath("tmux", i+1)
		s := tp.start([]string{bin}, []string{"CPOG_DB=" + db, startupTraceEnv + "=" + trace}, mainFrame, "C-c")
		if i >= 0 {
			r.cpog, r.first = append(r.cpog, s.full), append(r.first, s.first)
			r.steps.readTrace(t, trace, s.at)
		}
	}
	if lessErr == nil {
		for i := -1; i < perfStarts; i++ {
			s := tp.start([]string{lessPath, "-S", list}, lessEnv, lessFrame, "q")
			if i >= 0 {
				r.less = append(r.less, s.full)
			}
		}
	}
	return append(runs, r)
}
