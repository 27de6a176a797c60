//go:build !windows

package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestE2ECtrlCAtFirstFrame: the first frame is on the screen before
// bubbletea runs; a ctrl+c typed as soon as it shows (a key: the terminal
// is raw by then) must end cpog the way q does and give the terminal back
// (main screen).
func TestE2ECtrlCAtFirstFrame(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "cpog.db")
	copyFixture(t, "caf-91-sans-poids", db)
	for i := range 5 {
		framed := make(chan struct{})
		cmd := exec.Command(e2eBin(t))
		cmd.Env = e2eEnv(t, db)
		v := startCmdVT(t, cmd, 120, 40, func(v *vterm) {
			select {
			case <-framed:
			default:
				if strings.Contains(v.linesLocked()[1], "Fiche 1 ·") {
					close(framed)
				}
			}
		})
		select {
		case <-framed:
		case <-time.After(waitTimeout):
			t.Fatalf("start %d: no first frame\n%s", i, v.dump())
		}
		v.send(keyCtrlC)
		if code := v.waitExit(); code != 0 {
			t.Fatalf("start %d: exit %d after ctrl+c\n%s", i, code, v.dump())
		}
		if v.altScreen() {
			t.Fatalf("start %d: the terminal is left in the alternate screen\n%s", i, v.dump())
		}
	}
}

// TestE2EFirstFrameWithoutAnswers: in a terminal that answers none of the
// program's queries (background colour, modes, capabilities), the first
// frame still comes at once, and the keys work.
func TestE2EFirstFrameWithoutAnswers(t *testing.T) {
	t.Parallel()
	ptyAvailable(t)
	db := filepath.Join(t.TempDir(), "cpog.db")
	copyFixture(t, "caf-91-sans-poids", db)
	cmd := exec.Command(e2eBin(t))
	cmd.Env = e2eEnv(t, db)
	v := startCmdVTAnswering(t, cmd, 120, 40, nil, false)
	v.waitText("validés", "Fiche 1 ·", "q quitter")
	v.send("s")
	v.waitText("Synthèse")
	v.send("q")
	if code := v.waitExit(); code != 0 {
		t.Fatalf("exit %d\n%s", code, v.dump())
	}
}

// TestE2EKeysTypedAtTheFirstFrame: the first frame shows before bubbletea
// takes the terminal. Keys typed the moment it shows (here, written the
// moment its first bytes are read) must reach the interface as typed: the
// terminal is already raw then, so it neither echoes them over the frame
// nor turns Enter into ctrl+j, which left the search open with its answer
// unchosen.
func TestE2EKeysTypedAtTheFirstFrame(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "cpog.db")
	copyFixture(t, "caf-91-sans-poids", db)
	for i := range 3 {
		cmd := exec.Command(e2eBin(t))
		cmd.Env = e2eEnv(t, db)
		typed := false
		var cooked bool
		var readErr error
		v := startCmdVT(t, cmd, 120, 40, func(v *vterm) {
			if typed {
				return
			}
			typed = true
			tio, err := unix.IoctlGetTermios(int(v.ptm.Fd()), ioctlGetTermios)
			readErr = err
			cooked = err == nil && tio.Lflag&(unix.ICANON|unix.ECHO) != 0
			_, _ = v.ptm.Write([]byte("/08-29" + keyEnter))
		})
		v.waitText("→ COG-08-29")
		if readErr != nil {
			t.Fatalf("start %d: the terminal's modes at the first frame: %v", i, readErr)
		}
		if cooked {
			t.Errorf("start %d: the terminal still echoes and waits for lines when the first frame shows", i)
		}
		v.send("q")
		if code := v.waitExit(); code != 0 {
			t.Fatalf("start %d: exit %d\n%s", i, code, v.dump())
		}
		// the shell gets its terminal back as it was: lines and echo
		if tio, err := unix.IoctlGetTermios(int(v.ptm.Fd()), ioctlGetTermios); err != nil || tio.Lflag&(unix.ICANON|unix.ECHO) != unix.ICANON|unix.ECHO {
			t.Errorf("start %d: after q the terminal is left raw (%v)", i, err)
		}
	}
}
