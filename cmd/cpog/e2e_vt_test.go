//go:build !windows

package main

// A terminal for the end-to-end tests: cpog runs in a pseudo-terminal that
// the test opens (CI has no terminal of its own), and what it writes goes
// through a VT emulator (charmbracelet/x/vt) so that the test reads the
// screen a person would see, not a byte stream. The emulator also answers
// the queries the program sends (background colour, device attributes,
// modes), as a real terminal does.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// waitTimeout bounds every wait for the screen: generous, for a loaded
// 2-core machine running the race detector, yet a broken program fails.
const waitTimeout = 15 * time.Second

// Keys as a terminal sends them in its default (legacy) mode.
const (
	keyEnter     = "\r"
	keyEsc       = "\x1b"
	keyUp        = "\x1b[A"
	keyDown      = "\x1b[B"
	keyRight     = "\x1b[C"
	keyLeft      = "\x1b[D"
	keyBackspace = "\x7f"
	keyCtrlC     = "\x03"
	keyCtrlR     = "\x12"
	keyCtrlS     = "\x13"
	keyCtrlU     = "\x15" // clears an input before the cursor
)

// vterm is a program running in a pseudo-terminal, with its screen.
type vterm struct {
	t   testing.TB
	cmd *exec.Cmd
	ptm *os.File

	mu   sync.Mutex
	emu  *vt.Emulator
	w, h int
	// onOutput, when set, is called after each chunk of output is drawn,
	// with the lock held (the start-up measure uses it).
	onOutput func(*vterm)

	// mute drops the emulator's answers to the program's queries
	mute bool

	exited   chan struct{}
	waitErr  error
	readDone chan struct{}
	started  time.Time
}

// ptyAvailable skips the test when no pseudo-terminal can be opened here.
func ptyAvailable(t testing.TB) {
	t.Helper()
	ptm, tty, err := pty.Open()
	if err != nil {
		t.Skipf("pas de pseudo-terminal ici (pty.Open : %v) : test de bout en bout sauté", err)
	}
	tty.Close()
	ptm.Close()
}

// startVT starts cpog with args in a w×h pseudo-terminal on a database.
func startVT(t testing.TB, dbPath string, w, h int, env []string, args ...string) *vterm {
	t.Helper()
	ptyAvailable(t)
	cmd := exec.Command(e2eBin(t), args...)
	cmd.Env = append(e2eEnv(t, dbPath), env...)
	return startCmdVT(t, cmd, w, h, nil)
}

// startCmdVT starts any command in a w×h pseudo-terminal; onOutput, if not
// nil, is installed before the first byte is read.
func startCmdVT(t testing.TB, cmd *exec.Cmd, w, h int, onOutput func(*vterm)) *vterm {
	t.Helper()
	return startCmdVTAnswering(t, cmd, w, h, onOutput, true)
}

// startCmdVTAnswering is startCmdVT in a terminal that answers the
// program's queries or, with answer false, one that answers none of them.
func startCmdVTAnswering(t testing.TB, cmd *exec.Cmd, w, h int, onOutput func(*vterm), answer bool) *vterm {
	t.Helper()
	vtm := &vterm{t: t, cmd: cmd, emu: vt.NewEmulator(w, h), w: w, h: h, onOutput: onOutput,
		exited: make(chan struct{}), readDone: make(chan struct{}), mute: !answer}
	vtm.started = time.Now()
	ptm, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: uint16(h), Cols: uint16(w)})
	if err != nil {
		t.Fatalf("start %s in a pty: %v", cmd.Path, err)
	}
	vtm.ptm = ptm
	go vtm.readLoop()
	go vtm.replyLoop()
	go func() {
		vtm.waitErr = cmd.Wait()
		close(vtm.exited)
	}()
	t.Cleanup(vtm.close)
	return vtm
}

// readLoop draws everything the program writes.
func (v *vterm) readLoop() {
	defer close(v.readDone)
	buf := make([]byte, 64<<10)
	for {
		n, err := v.ptm.Read(buf)
		if n > 0 {
			v.mu.Lock()
			_, _ = v.emu.Write(buf[:n])
			if v.onOutput != nil {
				v.onOutput(v)
			}
			v.mu.Unlock()
		}
		if err != nil {
			return // EIO once the program and its terminal are gone
		}
	}
}

// replyLoop sends the emulator's answers to queries back to the program.
// It keeps draining even when the program is gone, so that the emulator
// never blocks on an answer nobody reads.
func (v *vterm) replyLoop() {
	buf := make([]byte, 4096)
	for {
		n, err := v.emu.Read(buf)
		if n > 0 && !v.mute {
			_, _ = v.ptm.Write(buf[:n])
		}
		if err != nil {
			return
		}
	}
}

func (v *vterm) close() {
	select {
	case <-v.exited:
	default:
		_ = v.cmd.Process.Kill()
		select {
		case <-v.exited:
		case <-time.After(waitTimeout):
			v.t.Errorf("%s did not die after SIGKILL", v.cmd.Path)
		}
	}
	_ = v.ptm.Close()
	select {
	case <-v.readDone:
	case <-time.After(waitTimeout):
	}
	// End replyLoop by closing the emulator's answer pipe: Emulator.Close
	// would race with the Read in progress (it sets a field Read reads).
	if c, ok := v.emu.InputPipe().(io.Closer); ok {
		_ = c.Close()
	}
}

// send types keys, as bytes a terminal sends.
func (v *vterm) send(keys ...string) {
	v.t.Helper()
	for _, k := range keys {
		if _, err := v.ptm.Write([]byte(k)); err != nil {
			v.t.Fatalf("type %q: %v", k, err)
		}
	}
}

// esc types Escape alone: followed at once by another byte it would read
// as Alt+that key, so the test then waits for its effect.
func (v *vterm) esc(until string) {
	v.t.Helper()
	v.send(keyEsc)
	v.waitText(until)
}

// lines is the screen, one string per row, exactly w cells each (a wide
// character counts its two cells).
func (v *vterm) lines() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.linesLocked()
}

func (v *vterm) linesLocked() []string {
	out := make([]string, v.h)
	for y := 0; y < v.h; y++ {
		var b strings.Builder
		for x := 0; x < v.w; x++ {
			c := v.emu.CellAt(x, y)
			switch {
			case c == nil:
				b.WriteByte(' ')
			case c.Width == 0 && c.Content == "":
				// the second half of a wide character
			case c.Content == "":
				b.WriteByte(' ')
			default:
				b.WriteString(c.Content)
			}
		}
		out[y] = b.String()
	}
	return out
}

// text is the screen as one string, rows trimmed on the right.
func (v *vterm) text() string {
	ls := v.lines()
	for i := range ls {
		ls[i] = strings.TrimRight(ls[i], " ")
	}
	return strings.Join(ls, "\n")
}

func (v *vterm) dump() string {
	return fmt.Sprintf("--- screen %d×%d ---\n%s\n---", v.w, v.h, v.text())
}

// waitFor polls the screen until ok holds; it fails the test, showing the
// screen, after waitTimeout.
func (v *vterm) waitFor(what string, ok func(screen string) bool) string {
	v.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		s := v.text()
		if ok(s) {
			return s
		}
		select {
		case <-v.exited:
			// one last look: the final frame may have landed just now
			if s := v.text(); ok(s) {
				return s
			}
			v.t.Fatalf("waiting for %s: cpog exited (%v)\n%s", what, v.waitErr, v.dump())
		default:
		}
		if time.Now().After(deadline) {
			v.t.Fatalf("waiting for %s: not on screen after %s\n%s", what, waitTimeout, v.dump())
		}
		time.Sleep(15 * time.Millisecond)
	}
}

// tryWaitText polls for at most d until every part is on the screen, and
// says whether they came.
func (v *vterm) tryWaitText(d time.Duration, parts ...string) bool {
	deadline := time.Now().Add(d)
	for {
		s := v.text()
		all := true
		for _, p := range parts {
			all = all && strings.Contains(s, p)
		}
		if all {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(15 * time.Millisecond)
	}
}

// waitText waits until every part is on the screen.
func (v *vterm) waitText(parts ...string) string {
	v.t.Helper()
	return v.waitFor(fmt.Sprintf("%q", parts), func(s string) bool {
		for _, p := range parts {
			if !strings.Contains(s, p) {
				return false
			}
		}
		return true
	})
}

// row returns the first screen row that contains every part, or "".
func (v *vterm) row(parts ...string) string {
	for _, l := range v.lines() {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(l, p)
		}
		if all {
			return l
		}
	}
	return ""
}

// waitRow waits for one row holding every part (a value on its
// indicator's row, not anywhere on the screen).
func (v *vterm) waitRow(parts ...string) string {
	v.t.Helper()
	var got string
	v.waitFor(fmt.Sprintf("a row with %q", parts), func(string) bool {
		got = v.row(parts...)
		return got != ""
	})
	return got
}

// resize changes the terminal's size, as a window manager does: the
// kernel sends SIGWINCH to the program.
func (v *vterm) resize(w, h int) {
	v.t.Helper()
	v.mu.Lock()
	v.emu.Resize(w, h)
	v.w, v.h = w, h
	v.mu.Unlock()
	if err := pty.Setsize(v.ptm, &pty.Winsize{Rows: uint16(h), Cols: uint16(w)}); err != nil {
		v.t.Fatalf("resize pty: %v", err)
	}
}

// waitExit waits for the program to end and returns its exit code.
func (v *vterm) waitExit() int {
	v.t.Helper()
	select {
	case <-v.exited:
	case <-time.After(waitTimeout):
		v.t.Fatalf("cpog still running %s after it was asked to quit\n%s", waitTimeout, v.dump())
	}
	<-v.readDone
	var ee *exec.ExitError
	if v.waitErr != nil && !errors.As(v.waitErr, &ee) {
		v.t.Fatalf("wait: %v", v.waitErr)
	}
	return v.cmd.ProcessState.ExitCode()
}

// altScreen reports whether the program is in the alternate screen.
func (v *vterm) altScreen() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.emu.IsAltScreen()
}
