// Package store keeps cpog's data in one SQLite file: it opens the database
// with the pragmas durability needs, migrates its schema, installs the
// embedded referential, and holds every query. Each change of a target is
// one transaction that also appends to the history.
package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/cnaf-tools/cpog"
	"modernc.org/sqlite"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DefaultBusyTimeout is how long a write waits for another process's lock
// before it fails with a clear message, unless Options says otherwise.
const DefaultBusyTimeout = 5 * time.Second

// Options tune how a database is opened. The zero value is what cpog uses.
type Options struct {
	// BusyTimeout replaces DefaultBusyTimeout when positive: tests and
	// operators shorten it so that a locked base is reported sooner.
	BusyTimeout time.Duration
	// MustExist refuses a database file that does not exist («base
	// introuvable») instead of creating it: only the commands that create
	// a Caf's contract may create a database.
	MustExist bool
}

func (o Options) busyTimeout() time.Duration {
	if o.BusyTimeout > 0 {
		return o.BusyTimeout
	}
	return DefaultBusyTimeout
}

// DB is an open cpog database.
type DB struct {
	db   *sql.DB
	path string
	busy time.Duration // the busy timeout in force

	// embedded is set by Open when the referential in force is the one
	// embedded in this binary (same checksum).
	embedded bool

	// Now is the clock used for timestamps; tests set it so that history
	// and golden files are deterministic.
	Now func() time.Time
}

// Path is the database file's path.
func (db *DB) Path() string { return db.path }

// dsn builds the modernc DSN. The pragmas are in the DSN so that every
// connection the pool opens gets them.
//
// journal_mode(WAL) is left out when the file is known to be in WAL mode
// already (walKnown): the mode is persistent, and setting it again costs
// every command a few hundred microseconds.
func dsn(path string, busy time.Duration, readOnly, walKnown bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	if readOnly {
		q.Add("mode", "ro")
	} else {
		if !walKnown {
			q.Add("_pragma", "journal_mode(WAL)")
		}
		q.Add("_pragma", "synchronous(FULL)")
		// With the WAL kept (persistWAL), the last Close checkpoints and
		// then truncates it to nothing when a size limit is set.
		q.Add("_pragma", fmt.Sprintf("journal_size_limit(%d)", walSizeLimit))
		q.Add("_txlock", "immediate")
	}
	// The path is part of a file: URI, where SQLite stops at '?' or '#'
	// and decodes '%': escape them, or a folder named "CPOG #2" would put
	// the database in a file named "CPOG ".
	p := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(path))
	return "file:" + p + "?" + q.Encode()
}

// Open opens (creating if needed) the database at path, migrates it, and
// installs the referential on first use. A database written by a newer cpog
// is refused and left untouched.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, opts Options) (*DB, error) {
	if path == "" {
		return nil, cpog.Errorf(cpog.EInvalid, "chemin de la base vide : indiquez un fichier (--db FICHIER)")
	}
	if err := checkPath(path, opts.MustExist); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, &cpog.Error{Code: cpog.EInvalid, Message: fmt.Sprintf("impossible de créer le dossier de la base %s : %s", cpog.CitePath(filepath.Dir(path)), systemReason(err)), Cause: err}
	}
	adoptEmpty(path)
	existed, err := prepareFile(path)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	var wal bool
	if existed {
		if wal, err = checkVersion(ctx, path); err != nil {
			return nil, err
		}
	}
	busy := opts.busyTimeout()
	sqldb, err := sql.Open("sqlite", dsn(path, busy, false, wal))
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	// One connection: cpog is one user's tool, and a single writer avoids
	// SQLITE_BUSY between our own connections.
	sqldb.SetMaxOpenConns(1)
	db := &DB{db: sqldb, path: path, busy: busy, Now: time.Now}
	if err := db.migrate(ctx); err != nil {
		sqldb.Close()
		return nil, err
	}
	if err := db.install(ctx); err != nil {
		sqldb.Close()
		return nil, err
	}
	if err := db.persistWAL(ctx); err != nil {
		sqldb.Close()
		return nil, err
	}
	return db, nil
}

// walSizeLimit bounds the WAL between checkpoints while cpog runs.
const walSizeLimit = 4 << 20

// persistWAL keeps the -wal and -shm files when the last connection
// closes, the WAL emptied: otherwise every command creates both files and
// deletes them on exit, a millisecond or more of each short command on a
// laptop's file system. An empty WAL holds nothing, so the database file
// alone still is the whole database, for readHeader and for a user who
// copies it.
func (db *DB) persistWAL(ctx context.Context) error {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("open store: %w", db.formatError(err))
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		fc, ok := dc.(sqlite.FileControl)
		if !ok {
			return fmt.Errorf("the SQLite driver has no file control")
		}
		_, err := fc.FileControlPersistWAL("main", 1)
		return err
	})
	if err != nil {
		return fmt.Errorf("open store: keep the WAL: %w", err)
	}
	return nil
}

// prepareFile creates the database file with mode 0600 before SQLite does,
// so that the figures of a negotiation are not readable by other accounts.
func prepareFile(path string) (existed bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return true, nil
	}
	if err != nil {
		return false, &cpog.Error{Code: cpog.EInvalid, Message: fmt.Sprintf("impossible de créer la base %s : %s", cpog.CitePath(path), systemReason(err)), Cause: err}
	}
	return false, f.Close()
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

// checkVersion reads the schema version without writing, so that a
// database from a newer cpog is not touched, not even by the WAL pragma. It
// also tells whether the file is known to be in WAL mode already.
func checkVersion(ctx context.Context, path string) (wal bool, err error) {
	if h, ok := readHeader(path); ok {
		return h.wal, refuseVersion(path, h.version)
	}
	d := dsn(path, DefaultBusyTimeout, true, false)
	switch {
	case exists(path + "-journal"):
		// A rollback journal left by a process killed in the middle of a
		// write (at first run, the switch to WAL): a read-only connection
		// cannot roll it back and would fail at every start. Rolling it
		// back only restores the last committed state, so read the
		// version through a read-write connection, which does it.
		d = strings.Replace(d, "mode=ro", "mode=rw", 1)
	case !exists(path + "-wal"):
		// Without a WAL or a journal to recover, the file is the whole
		// database: read it as immutable, or SQLite would leave a -wal and
		// a -shm beside a database it may have to refuse.
		d += "&immutable=1"
	}
	ro, err := sql.Open("sqlite", d)
	if err != nil {
		return false, fmt.Errorf("open store: %w", err)
	}
	defer ro.Close()
	var v int
	if err := ro.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return false, fmt.Errorf("open store: %w", FormatError(err))
	}
	return false, refuseVersion(path, v)
}

// sqliteMagic opens every SQLite database file's 100-byte header
// (https://sqlite.org/fileformat.html#the_database_header).
const sqliteMagic = "SQLite format 3\x00"

// fileHeader is what Open needs from the database header.
type fileHeader struct {
	version int  // user_version, at offset 60
	wal     bool // read and write format versions 2 (offsets 18, 19)
}

// readHeader reads the database header straight from the file, which
// spares every command a second connection and its schema parsing. It
// answers only when the file alone is the whole database: no rollback
// journal and no WAL with content beside it (either may hold a newer first
// page; cpog leaves an empty WAL after a clean close), and a header that is
// SQLite's. Otherwise SQLite reads the version itself, with its own error
// messages.
func readHeader(path string) (fileHeader, bool) {
	if exists(path + "-journal") {
		return fileHeader{}, false
	}
	if fi, err := os.Lstat(path + "-wal"); err == nil && fi.Size() != 0 || err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fileHeader{}, false
	}
	f, err := os.Open(path)
	if err != nil {
		return fileHeader{}, false
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil || string(h[:len(sqliteMagic)]) != sqliteMagic {
		return fileHeader{}, false
	}
	return fileHeader{
		version: int(int32(binary.BigEndian.Uint32(h[60:64]))),
		wal:     h[18] == 2 && h[19] == 2,
	}, true
}

// Close closes the database, checkpointing the WAL.
func (db *DB) Close() error {
	if err := db.db.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

func migrationNames() []string {
	names, _ := fs.Glob(migrationFS, "migrations/*.sql")
	sort.Strings(names)
	return names
}

// SchemaVersion is the schema version this cpog writes.
func SchemaVersion() int { return len(migrationNames()) }

// migrate runs each pending migration in its own transaction, bumping
// user_version in the same transaction.
func (db *DB) migrate(ctx context.Context) error {
	var v int
	if err := db.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", db.formatError(err))
	}
	names := migrationNames()
	if err := refuseVersion(db.path, v); err != nil {
		return err
	}
	if v == provenanceWasSix {
		var err error
		if v, err = db.renumberedProvenance(ctx, names); err != nil {
			return err
		}
	}
	for i := v; i < len(names); i++ {
		body, err := migrationFS.ReadFile(names[i])
		if err != nil {
			return fmt.Errorf("read migration %s: %w", names[i], err)
		}
		if err := db.runMigration(ctx, i+1, names[i], string(body)); err != nil {
			return err
		}
	}
	return nil
}

// provenanceWasSix is the schema a cpog left when the provenance of
// imported steps was migration 6: the plan d'actions then took number 6
// and the provenance 7, so that such a database, at 6, would skip the
// plan and add the provenance's columns a second time.
const provenanceWasSix = 6

// renumberedProvenance brings a database at schema 6 whose sixth migration
// was the provenance to schema 7 by running the plan's migration (0006):
// it then holds what migrations 1 to 7 make, in another order that
// changes nothing (separate tables and columns). A database at 6 with the
// plan is left at 6. It returns the schema reached.
func (db *DB) renumberedProvenance(ctx context.Context, names []string) (int, error) {
	var provenance, plan int
	err := db.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM pragma_table_info('change_set') WHERE name = 'source_file'),
		(SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'plan_item')`).Scan(&provenance, &plan)
	if err != nil {
		return 0, fmt.Errorf("read schema 6: %w", db.formatError(err))
	}
	if provenance == 0 || plan != 0 {
		return provenanceWasSix, nil
	}
	name := names[provenanceWasSix-1]
	body, err := migrationFS.ReadFile(name)
	if err != nil {
		return 0, fmt.Errorf("read migration %s: %w", name, err)
	}
	if err := db.runMigration(ctx, provenanceWasSix+1, name, string(body)); err != nil {
		return 0, err
	}
	return provenanceWasSix + 1, nil
}

// foreignKeysOff marks a migration that copies a table other tables refer
// to: SQLite's documented way of changing a table is to switch foreign keys
// off around the transaction (they cannot change inside one), then check
// them all before committing.
const foreignKeysOff = "-- cpog:foreign-keys-off"

// runMigration runs one migration in its own transaction, bumping
// user_version in the same transaction.
func (db *DB) runMigration(ctx context.Context, version int, name, body string) error {
	fkOff := strings.HasPrefix(body, foreignKeysOff)
	if fkOff {
		if _, err := db.db.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
		defer db.db.ExecContext(ctx, "PRAGMA foreign_keys = ON")
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		var broken int
		if fkOff {
			var err error
			if broken, err = foreignKeyProblemCount(ctx, tx); err != nil {
				return fmt.Errorf("migration %s: %w", name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, body); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if err := migrateData(ctx, tx, version); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if fkOff {
			// the migration must not break a reference that held; one
			// already broken is doctor's to report, not a reason to stay
			// on the old schema
			after, err := foreignKeyProblemCount(ctx, tx)
			if err != nil {
				return fmt.Errorf("migration %s: %w", name, err)
			}
			if after > broken {
				return fmt.Errorf("migration %s: %d foreign keys broken", name, after-broken)
			}
		}
		_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version))
		return err
	})
}

// foreignKeyProblemCount counts the rows foreign_key_check reports.
func foreignKeyProblemCount(ctx context.Context, tx *sql.Tx) (int, error) {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// migrateData is the part of a migration SQL cannot do, run after its
// SQL in the same transaction.
func migrateData(ctx context.Context, tx *sql.Tx, version int) error {
	switch version {
	case 3:
		return setNetworkRowsAside(ctx, tx)
	case 4:
		return migrateNetworkRows(ctx, tx)
	}
	return nil
}

// tx runs fn in a transaction, committing on success.
func (db *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.formatError(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return db.formatError(err)
	}
	if err := tx.Commit(); err != nil {
		return db.formatError(err)
	}
	return nil
}

func (db *DB) now() string { return db.Now().UTC().Format(time.RFC3339Nano) }

// FormatError turns driver errors the user can meet into French domain
// errors; others are returned as they are. A busy database is reported
// with DefaultBusyTimeout; a DB's own methods report the timeout it was
// opened with.
func FormatError(err error) error { return formatError(err, DefaultBusyTimeout) }

func (db *DB) formatError(err error) error { return formatError(err, db.busy) }

func formatError(err error, busy time.Duration) error {
	if err == nil {
		return nil
	}
	var de *cpog.Error
	if errors.As(err, &de) {
		return err
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked"):
		return &cpog.Error{Code: cpog.EConflict, Message: fmt.Sprintf("la base est occupée par un autre programme cpog depuis plus de %s s : réessayez dans un instant", cpog.FormatNumber(busy.Seconds())), Cause: err}
	case strings.Contains(msg, "file is not a database") || strings.Contains(msg, "SQLITE_NOTADB"):
		return &cpog.Error{Code: cpog.EInvalid, Message: "ce fichier n’est pas une base cpog (SQLite)", Cause: err}
	case strings.Contains(msg, "readonly") || strings.Contains(msg, "SQLITE_READONLY"):
		return &cpog.Error{Code: cpog.EConflict, Message: "la base est en lecture seule : vérifiez les droits du fichier", Cause: err}
	case strings.Contains(msg, "malformed") || strings.Contains(msg, "SQLITE_CORRUPT"):
		return &cpog.Error{Code: cpog.ECorrupt, Message: corruptMessage, Cause: err}
	case strings.Contains(msg, "database or disk is full") || strings.Contains(msg, "SQLITE_FULL"):
		return &cpog.Error{Code: cpog.EConflict, Message: "le disque est plein : libérez de la place ; rien n’a été enregistré", Cause: err}
	case strings.Contains(msg, "disk I/O error") || strings.Contains(msg, "SQLITE_IOERR"):
		return &cpog.Error{Code: cpog.EConflict, Message: "erreur d’entrée-sortie sur la base (disque, partage réseau, ou fichier remplacé pendant que cpog l’utilisait) : rien n’a été enregistré ; lancez « cpog doctor »", Cause: err}
	case strings.Contains(msg, "unable to open database file") || strings.Contains(msg, "SQLITE_CANTOPEN"):
		return &cpog.Error{Code: cpog.EInvalid, Message: "impossible d’ouvrir la base : vérifiez le chemin (--db) et les droits de son dossier", Cause: err}
	}
	return err
}

// corruptMessage is what a user reads when SQLite finds the file damaged.
const corruptMessage = "la base est endommagée : rien n’a été enregistré ; lancez « cpog doctor », qui indique la sauvegarde à restaurer"
