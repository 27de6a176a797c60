package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/cnaf-tools/cpog/internal/safefile"
)

// maxBackupCandidates bounds the files NewestGoodBackup opens: a folder
// of a thousand old backups must not make doctor slow.
const maxBackupCandidates = 20

// NewestGoodBackup looks beside the database at path for the newest file
// that is a sound cpog database of a schema this cpog reads (a backup
// that can be restored): SQLite's header, integrity_check, the history's
// tables. It reads each candidate without writing anything beside it.
func NewestGoodBackup(ctx context.Context, path string) (string, time.Time, bool) {
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return "", time.Time{}, false
	}
	self := safefile.Companions(path)
	type candidate struct {
		path string
		mod  time.Time
	}
	var cands []candidate
	for _, e := range entries {
		p := filepath.Join(filepath.Dir(path), e.Name())
		if !e.Type().IsRegular() || strings.HasSuffix(e.Name(), ".tmp") || slices.ContainsFunc(self, func(s string) bool { return sameFile(s, p) }) {
			continue
		}
		fi, err := e.Info()
		if err != nil || fi.Size() < 512 {
			continue
		}
		if h, ok := readHeader(p); ok && h.version >= 1 && h.version <= SchemaVersion() {
			cands = append(cands, candidate{p, fi.ModTime()})
		}
	}
	slices.SortFunc(cands, func(a, b candidate) int { return b.mod.Compare(a.mod) })
	for i, c := range cands {
		if i == maxBackupCandidates {
			break
		}
		if soundCopy(ctx, c.path) {
			return c.path, c.mod, true
		}
	}
	return "", time.Time{}, false
}

func sameFile(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// soundCopy reports whether a file is a whole cpog database.
func soundCopy(ctx context.Context, path string) bool {
	if checkCopy(ctx, path) != nil {
		return false
	}
	ro, err := sql.Open("sqlite", dsn(path, DefaultBusyTimeout, true, false)+"&immutable=1")
	if err != nil {
		return false
	}
	defer ro.Close()
	var n int
	err = ro.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('change_set', 'event', 'contract', 'referential')").Scan(&n)
	return err == nil && n == 4
}
