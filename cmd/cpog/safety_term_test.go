//go:build !windows

package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// Issue 12, item 8: TERM=dumb still got full-screen escape sequences. In a
// real terminal that says it is dumb, the interface refuses, points to
// the commands, and writes no escape sequence.
func TestDumbTerminalIsRefused(t *testing.T) {
	ptyAvailable(t)
	t.Parallel()
	db := filepath.Join(t.TempDir(), "cpog.db")
	cmd := exec.Command(e2eBin(t))
	cmd.Env = append(e2eEnv(t, db), "TERM=dumb")
	ptm, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		t.Fatal(err)
	}
	defer ptm.Close()
	var out bytes.Buffer
	done := make(chan struct{})
	go func() {
		io.Copy(&out, ptm) // ends with EIO once cpog is gone
		close(done)
	}()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case <-exited:
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("cpog with TERM=dumb still running; it wrote %q", out.String())
	}
	<-done
	got := out.String()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Errorf("exit %d, want 1; output %q", code, got)
	}
	if strings.Contains(got, "\x1b") {
		t.Errorf("escape sequences written to a dumb terminal: %q", got)
	}
	if !strings.Contains(got, "TERM=dumb") || !strings.Contains(got, "cpog --help") {
		t.Errorf("the refusal does not explain itself: %q", got)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a refused interface created the database")
	}
}
