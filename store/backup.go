package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/internal/safefile"
)

// Backup writes a consistent copy of the database to path with VACUUM INTO:
// SQLite copies one snapshot of a read transaction, so the copy is whole
// even while the interface or another command writes. A backup is only
// worth something if it can be restored: the database is first checked
// (quick_check), and the copy, made in a temporary file of the
// destination's folder (mode 0600), is checked whole (integrity_check)
// before it takes the destination's name; a damaged database never
// replaces a good backup. An existing path is refused unless force; the
// database itself and its -wal, -shm and -journal files, or anything that
// is not a regular file, are refused even then (see safefile.Write, which
// also removes the temporary file on error or when ctx is cancelled).
func (db *DB) Backup(ctx context.Context, path string, force bool) error {
	if err := db.quickCheck(ctx); err != nil {
		return err
	}
	opts := safefile.Options{Force: force, Protect: safefile.Companions(db.path)}
	return safefile.Write(ctx, path, opts, func(tmp *os.File) error {
		// VACUUM INTO accepts an existing file only when it is empty,
		// which the temporary file is; it keeps the file's mode 0600.
		if _, err := db.db.ExecContext(ctx, "VACUUM INTO ?", tmp.Name()); err != nil {
			return fmt.Errorf("backup: %w", db.formatError(err))
		}
		return checkCopy(ctx, tmp.Name())
	})
}

// quickCheck refuses to back up a database SQLite finds damaged.
func (db *DB) quickCheck(ctx context.Context) error {
	lines, err := db.pragmaLines(ctx, "PRAGMA quick_check")
	if err != nil {
		return fmt.Errorf("backup: %w", db.formatError(err))
	}
	if len(lines) != 1 || lines[0] != "ok" {
		return &cpog.Error{Code: cpog.ECorrupt,
			Message: "la base est endommagée : aucune sauvegarde n’a été écrite (une sauvegarde existante est gardée telle quelle) ; lancez « cpog doctor »",
			Cause:   fmt.Errorf("quick_check: %s", firstLines(lines, 3))}
	}
	return nil
}

// checkCopy runs integrity_check on a finished copy, read as it is on disk
// (immutable: nothing is written beside it).
func checkCopy(ctx context.Context, path string) error {
	ro, err := sql.Open("sqlite", dsn(path, DefaultBusyTimeout, true, false)+"&immutable=1")
	if err != nil {
		return fmt.Errorf("backup: check the copy: %w", err)
	}
	defer ro.Close()
	rows, err := ro.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return &cpog.Error{Code: cpog.ECorrupt, Message: "la copie de la base est illisible : aucune sauvegarde n’a été écrite ; lancez « cpog doctor »", Cause: err}
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return fmt.Errorf("backup: check the copy: %w", err)
		}
		lines = append(lines, s)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("backup: check the copy: %w", FormatError(err))
	}
	if len(lines) != 1 || lines[0] != "ok" {
		return &cpog.Error{Code: cpog.ECorrupt,
			Message: "la copie de la base est endommagée : aucune sauvegarde n’a été écrite ; lancez « cpog doctor »",
			Cause:   fmt.Errorf("integrity_check: %s", firstLines(lines, 3))}
	}
	return nil
}
