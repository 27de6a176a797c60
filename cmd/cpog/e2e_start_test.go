//go:build !windows

package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestE2ECtrlCAtFirstFrame: the first frame is on the screen before the
// program has put the terminal in raw mode, so a ctrl+c typed as soon as
// it shows is a SIGINT, not a key. It must still end cpog the way q does
// and give the terminal back (main screen).
func TestE2ECtrlCAtFirstFrame(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "cpog.db")
	e2eMust(t, db, "caf", "set", "91")
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
	e2eMust(t, db, "caf", "set", "91")
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
