//go:build !windows

package main

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmuxPerf starts programs in the pane of a tmux server of its own, as a
// director inside tmux does, and reads the screen a person would see: a
// tmux client attached in a pseudo-terminal drawn by the terminal emulator
// of the other measures. tmux answers the programs' queries itself, and
// inside the pane TERM and TMUX are tmux's own. A control mode client
// (tmux -C) types the commands, without a process per command.
type tmuxPerf struct {
	t      *testing.T
	ctl    io.Writer
	client *vterm
	w, h   int
	starts int // programs started in the pane so far
}

// startTmux starts the server, its control client and the attached client,
// or skips the test when tmux is not installed.
func startTmux(t *testing.T, w, h int) *tmuxPerf {
	t.Helper()
	bin, err := exec.LookPath("tmux")
	if err != nil {
		t.Skipf("tmux n’est pas installé (%v) : pas de mesure dans tmux", err)
	}
	sock := filepath.Join(t.TempDir(), "tmux.sock")
	env := append(userEnv(t, filepath.Join(t.TempDir(), "unused.db")), "SHELL=/bin/sh")
	cmd := exec.Command(bin, "-S", sock, "-f", "/dev/null", "-C",
		"new-session", "-s", "perf", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "sleep 100000")
	cmd.Env = env
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("tmux: %v", err)
	}
	// the control client's own output is not the measure: read and dropped,
	// so that tmux never waits on it
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
		}
	}()
	t.Cleanup(func() {
		_, _ = io.WriteString(in, "kill-server\n")
		_ = in.Close()
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(waitTimeout):
			_ = cmd.Process.Kill()
		}
	})
	// the control client creates the session in its own time: attaching
	// before it exists ends the client at once ("no sessions")
	deadline := time.Now().Add(waitTimeout)
	for {
		has := exec.Command(bin, "-S", sock, "has-session", "-t", "perf")
		has.Env = env
		if has.Run() == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("tmux: no session perf after %v", waitTimeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
	tp := &tmuxPerf{t: t, ctl: in, w: w, h: h}
	// the pane keeps its place when its program ends, and has the whole
	// window: no status line
	tp.command("set -g remain-on-exit on")
	tp.command("set -g status off")
	tp.command(fmt.Sprintf("refresh-client -C %dx%d", w, h))
	attach := exec.Command(bin, "-S", sock, "attach", "-t", "perf")
	attach.Env = env
	tp.client = startCmdVT(t, attach, w, h, nil)
	tp.command("respawn-pane -k -t perf true")
	tp.client.waitText(paneDead)
	return tp
}

func (tp *tmuxPerf) command(c string) {
	tp.t.Helper()
	if _, err := io.WriteString(tp.ctl, c+"\n"); err != nil {
		tp.t.Fatalf("tmux %s: %v", c, err)
	}
}

// start runs argv in the pane (ending what ran there) with env added to
// the server's environment, and returns the time from the command to the
// moment the attached client's screen showed frame, and to the client's
// first byte of output after the command. quit is then typed (tmux key
// names) until the program ends; after a second it is ended.
//
// About one start in a hundred, the attached client's screen stops short
// of a whole frame and stays so (seen with less, at any start of a series:
// the last column and the first cells of the top line missing); that
// start is said in the log and made again, once.
func (tp *tmuxPerf) start(argv []string, env []string, frame func([]string) bool, quit string) startSample {
	tp.t.Helper()
	if s, ok := tp.startOnce(argv, env, frame, quit); ok {
		return s
	}
	tp.t.Logf("tmux: %v (start %d): no full frame after %v, started again; the screen was:\n%s", argv, tp.starts, waitTimeout, tp.client.dump())
	tp.end(frame)
	s, ok := tp.startOnce(argv, env, frame, quit)
	if !ok {
		tp.t.Fatalf("tmux: %v (start %d): no full frame after %v, twice\n%s", argv, tp.starts, waitTimeout, tp.client.dump())
	}
	return s
}

func (tp *tmuxPerf) startOnce(argv []string, env []string, frame func([]string) bool, quit string) (startSample, bool) {
	tp.t.Helper()
	v := tp.client
	var b strings.Builder
	b.WriteString("respawn-pane -k -t perf")
	for _, e := range env {
		b.WriteString(" -e " + tmuxQuote(e))
	}
	for _, a := range argv {
		b.WriteString(" " + tmuxQuote(a))
	}
	got := make(chan time.Duration, 1)
	var first time.Duration
	v.mu.Lock()
	start := time.Now()
	v.onOutput = func(v *vterm) {
		if first == 0 {
			first = time.Since(start)
		}
		if len(got) == 0 && frame(v.linesLocked()) {
			got <- time.Since(start)
		}
	}
	v.mu.Unlock()
	tp.starts++
	tp.command(b.String())
	var full time.Duration
	select {
	case full = <-got:
	case <-time.After(waitTimeout):
	}
	v.mu.Lock()
	v.onOutput = nil
	s := startSample{full: full, first: first, at: start}
	v.mu.Unlock()
	if full == 0 {
		return s, false
	}
	// the next start begins once this program has ended, so that its
	// last screen cannot count as the next one's
	for range 5 {
		tp.command("send-keys -t perf " + quit)
		if v.tryWaitText(200*time.Millisecond, paneDead) {
			return s, true
		}
	}
	tp.end(frame)
	return s, true
}

// end ends the pane's program and waits until tmux says so.
func (tp *tmuxPerf) end(frame func([]string) bool) {
	tp.t.Helper()
	v := tp.client
	tp.command("respawn-pane -k -t perf true")
	if !v.tryWaitText(2*time.Second, paneDead) {
		// seen rarely: tmux leaves the pane blank; the next start still
		// begins on a screen without this frame
		v.waitFor("the frame gone", func(string) bool { return !frame(v.lines()) })
	}
}

// paneDead is what tmux writes in a pane whose program has ended.
const paneDead = "Pane is dead"

// tmuxQuote quotes a word for tmux's command parser.
func tmuxQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
