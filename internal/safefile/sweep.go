package safefile

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// staleAfter is how long a temporary file must have been left unchanged
// before sweep may remove it: a writer that is alive changes it all along.
const staleAfter = 2 * time.Minute

// sweep removes the temporary files of a destination left by a cpog that
// was killed (SIGKILL, a power cut) before it could remove them: each can
// be as large as the database. One is removed only when the process that
// made it is gone and it has not changed for a while, so that a cpog
// still writing, even on another machine sharing the folder, keeps its
// own.
func sweep(dir, base string) {
	prefix := "." + base + ".cpog-"
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		// SQLite's journal of a killed VACUUM INTO goes with its file
		stem := name
		for _, sfx := range []string{"-journal", "-wal", "-shm"} {
			stem = strings.TrimSuffix(stem, sfx)
		}
		rest, ok := strings.CutPrefix(stem, prefix)
		if !ok || !strings.HasSuffix(stem, ".tmp") || !e.Type().IsRegular() {
			continue
		}
		pidText, _, _ := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid == os.Getpid() || alive(pid) {
			continue
		}
		if fi, err := e.Info(); err != nil || time.Since(fi.ModTime()) < staleAfter {
			continue
		}
		os.Remove(filepath.Join(dir, name))
	}
}
