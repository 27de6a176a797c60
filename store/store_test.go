package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/seed"
	"github.com/cnaf-tools/cpog/store"
	"github.com/cnaf-tools/cpog/store/storetest"
)

// fixedNow is the clock of the tests: a time in Paris, stored in UTC.
var fixedNow = time.Date(2025, 3, 14, 10, 26, 53, 500_000_000, time.FixedZone("CET", 3600))

const fixedNowText = "2025-03-14T09:26:53.5Z"

var ctx = context.Background()

// open opens (creating) a store and closes it at the end of the test.
func open(t testing.TB, path string) *store.DB {
	t.Helper()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	db.Now = func() time.Time { return fixedNow }
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// newStore opens a new store in a temporary directory with the Essonne
// chosen at a weight of 2,1 %.
func newStore(t testing.TB) (*store.DB, string) {
	t.Helper()
	path := storetest.NewFile(t, filepath.Join(t.TempDir(), "cpog.db"))
	db := open(t, path)
	if _, err := db.SelectCaf(ctx, "91", cpog.Some(2.1)); err != nil {
		t.Fatalf("SelectCaf: %v", err)
	}
	return db, path
}

// rawDB opens a second, plain database/sql connection on the file, as
// another program would.
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return db
}

// dump reads every row of the given tables (all tables, the schema and the
// user_version when none is given) with typed values, so that NULL, ” and
// 0 differ.
func dump(t testing.TB, path string, tables ...string) map[string][]string {
	t.Helper()
	db := rawDB(t, path)
	defer db.Close()
	out := map[string][]string{}
	if len(tables) == 0 {
		var v int
		if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
			t.Fatalf("dump: %v", err)
		}
		out["user_version"] = []string{fmt.Sprint(v)}
		out["sqlite_master"] = queryRows(t, db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
		rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
		if err != nil {
			t.Fatalf("dump: %v", err)
		}
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				t.Fatalf("dump: %v", err)
			}
			tables = append(tables, name)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
		if len(tables) == 0 {
			t.Fatalf("dump: no table in %s", path)
		}
	}
	for _, table := range tables {
		var ncol int
		if err := db.QueryRow("SELECT count(*) FROM pragma_table_info(?)", table).Scan(&ncol); err != nil || ncol == 0 {
			t.Fatalf("dump: table %s: %d columns, %v", table, ncol, err)
		}
		order := make([]string, ncol)
		for i := range order {
			order[i] = fmt.Sprint(i + 1)
		}
		out[table] = queryRows(t, db, "SELECT * FROM "+table+" ORDER BY "+strings.Join(order, ", "))
	}
	return out
}

func queryRows(t testing.TB, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			parts[i] = fmt.Sprintf("%T(%v)", v, v)
		}
		out = append(out, strings.Join(parts, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// sameDump reports the first difference between two dumps.
func sameDump(t testing.TB, what string, before, after map[string][]string) {
	t.Helper()
	names := map[string]bool{}
	for k := range before {
		names[k] = true
	}
	for k := range after {
		names[k] = true
	}
	sorted := make([]string, 0, len(names))
	for k := range names {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		b, a := before[k], after[k]
		if reflect.DeepEqual(b, a) {
			continue
		}
		for i := 0; i < max(len(a), len(b)); i++ {
			var rb, ra string
			if i < len(b) {
				rb = b[i]
			}
			if i < len(a) {
				ra = a[i]
			}
			if rb != ra {
				t.Errorf("%s: table %s changed (%d rows → %d), row %d:\n before %s\n after  %s", what, k, len(b), len(a), i, rb, ra)
				break
			}
		}
	}
}

func count(t testing.TB, path, table string) int {
	t.Helper()
	db := rawDB(t, path)
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// fileState is the bytes of the database file and which of its companion
// files exist.
type fileState struct {
	main     []byte
	wal, shm bool
	journal  bool
}

func stateOf(t testing.TB, path string) fileState {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	exists := func(p string) bool {
		_, err := os.Stat(p)
		return err == nil
	}
	return fileState{main: b, wal: exists(path + "-wal"), shm: exists(path + "-shm"), journal: exists(path + "-journal")}
}

func sameState(t testing.TB, what string, before, after fileState) {
	t.Helper()
	if !bytes.Equal(before.main, after.main) {
		t.Errorf("%s: the database file changed (%d bytes → %d)", what, len(before.main), len(after.main))
	}
	if before.wal != after.wal || before.shm != after.shm || before.journal != after.journal {
		t.Errorf("%s: companion files changed: -wal %v → %v, -shm %v → %v, -journal %v → %v",
			what, before.wal, after.wal, before.shm, after.shm, before.journal, after.journal)
	}
}

// walCommits counts the committed transactions in a WAL file (frames whose
// "database size after commit" is set and whose salts are current).
func walCommits(t testing.TB, path string) int {
	t.Helper()
	b, err := os.ReadFile(path + "-wal")
	if err != nil {
		t.Fatalf("read WAL: %v", err)
	}
	if len(b) < 32 {
		t.Fatalf("WAL of %d bytes", len(b))
	}
	be := binary.BigEndian
	if magic := be.Uint32(b[0:]); magic&^1 != 0x377f0682 {
		t.Fatalf("not a WAL file: magic %#x", magic)
	}
	pageSize := int(be.Uint32(b[8:]))
	salt1, salt2 := be.Uint32(b[16:]), be.Uint32(b[20:])
	n := 0
	for off := 32; off+24+pageSize <= len(b); off += 24 + pageSize {
		if be.Uint32(b[off+8:]) != salt1 || be.Uint32(b[off+12:]) != salt2 {
			break
		}
		if be.Uint32(b[off+4:]) != 0 {
			n++
		}
	}
	return n
}

// lineOf is a line of the embedded referential.
func lineOf(t testing.TB, k cpog.LineKey) cpog.Line {
	t.Helper()
	ref, err := seed.Referential()
	if err != nil {
		t.Fatal(err)
	}
	ind, err := ref.Lookup(k.Code)
	if err != nil {
		t.Fatal(err)
	}
	l, err := ind.Line(k.Sub)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want a %q error", code)
	}
	if got := cpog.ErrorCode(err); got != code {
		t.Fatalf("error code %q, want %q (error: %v)", got, code, err)
	}
}

func TestOpenInstallsReferentialOnceInOneTransaction(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpog.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	// While the store is open the WAL holds every transaction since the
	// file was created: one per migration, then the installation, whole.
	if got, want := walCommits(t, path), store.SchemaVersion()+1; got != want {
		t.Errorf("first Open committed %d transactions, want %d (one per migration, one for the referential and the Caf list)", got, want)
	}
	for table, want := range map[string]int{"referential": 1, "axis": 3, "fiche": 16, "indicator": 55, "caf": 101, "contract": 0, "change_set": 0, "event": 0, "setting": 0} {
		if got := count(t, path, table); got != want {
			t.Errorf("%s: %d rows after the first Open, want %d", table, got, want)
		}
	}
	var checksum string
	raw := rawDB(t, path)
	if err := raw.QueryRow("SELECT checksum FROM referential").Scan(&checksum); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if checksum != seed.Checksum() {
		t.Errorf("installed checksum %q, want %q", checksum, seed.Checksum())
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// The WAL is kept for the next command, empty: the database file alone
	// is the whole database.
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() != 0 {
		t.Errorf("Close did not leave an empty WAL (stat: %v)", err)
	}

	before := stateOf(t, path)
	dumpBefore := dump(t, path)
	if len(dumpBefore["national_target"]) < 55*5-20 || len(dumpBefore["caf"]) != 101 {
		t.Fatalf("dump too small: %d national targets, %d Caf", len(dumpBefore["national_target"]), len(dumpBefore["caf"]))
	}

	// A witness connection sees data_version change if anyone commits.
	witness := rawDB(t, path)
	defer witness.Close()
	conn, err := witness.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var v1, v2 int64
	if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v1); err != nil {
		t.Fatal(err)
	}
	db2, err := store.Open(ctx, path)
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	if _, err := db2.Referential(ctx); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v2); err != nil {
		t.Fatal(err)
	}
	if v1 != v2 {
		t.Errorf("data_version %d → %d: the second Open wrote to the database", v1, v2)
	}
	// The witness closes first: the last connection to close decides
	// whether the WAL is kept, and the witness is not cpog's.
	conn.Close()
	witness.Close()
	if err := db2.Close(); err != nil {
		t.Fatal(err)
	}

	sameState(t, "second Open", before, stateOf(t, path))
	sameDump(t, "second Open", dumpBefore, dump(t, path))
}

// newerSchema makes a database that claims a schema this cpog does not know.
func newerSchemaWAL(t *testing.T, path string) {
	t.Helper()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SelectCaf(ctx, "91", cpog.Some(2.1)); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, path)
	if _, err := raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion()+1)); err != nil {
		t.Fatal(err)
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}
}

func newerSchemaRollback(t *testing.T, path string) {
	t.Helper()
	raw := rawDB(t, path)
	for _, q := range []string{"PRAGMA journal_mode = DELETE", "CREATE TABLE future(x TEXT)", "INSERT INTO future VALUES ('données')", "PRAGMA user_version = 42"} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}
}

// newerSchemaWALInUse leaves the newer version in the WAL of a connection
// still open, not yet in the file's header: Open must not trust the header.
func newerSchemaWALInUse(t *testing.T, path string) {
	t.Helper()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, path)
	t.Cleanup(func() { raw.Close() })
	for _, q := range []string{"PRAGMA wal_autocheckpoint = 0", fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion()+1)} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Fatalf("no WAL beside the database: %v", err)
	}
}

func TestOpenRefusesNewerSchemaAndLeavesFileUntouched(t *testing.T) {
	for name, make := range map[string]func(*testing.T, string){"wal": newerSchemaWAL, "rollback-journal": newerSchemaRollback, "wal-in-use": newerSchemaWALInUse} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "cpog.db")
			make(t, path)
			before := stateOf(t, path)
			entries := func() []string {
				es, err := os.ReadDir(dir)
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, e := range es {
					out = append(out, e.Name())
				}
				return out
			}
			filesBefore := entries()
			for i := 0; i < 2; i++ {
				db, err := store.Open(ctx, path)
				if err == nil {
					db.Close()
					t.Fatal("Open accepted a database from a newer cpog")
				}
				wantCode(t, err, cpog.ESchema)
				if !strings.Contains(err.Error(), "plus récente") {
					t.Errorf("message %q does not tell the user the database is newer", err)
				}
			}
			sameState(t, "refused Open", before, stateOf(t, path))
			if got := entries(); !reflect.DeepEqual(got, filesBefore) {
				t.Errorf("directory %v → %v", filesBefore, got)
			}
		})
	}
}

func TestOpenFileModes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permissions")
	}
	dir := filepath.Join(t.TempDir(), "new", "cpog")
	path := filepath.Join(dir, "cpog.db")
	db := open(t, path)
	if _, err := db.SelectCaf(ctx, "91", cpog.None); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{
		dir:               0o700 | os.ModeDir,
		filepath.Dir(dir): 0o700 | os.ModeDir,
		path:              0o600,
		path + "-wal":     0o600,
		path + "-shm":     0o600,
	} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if fi.Mode() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode(), want)
		}
	}
}

func TestOpenPathWithURICharacters(t *testing.T) {
	name := "CPOG #2 ?v=1 100%"
	if runtime.GOOS == "windows" {
		name = "CPOG #2 100%"
	}
	dir := filepath.Join(t.TempDir(), name)
	path := filepath.Join(dir, "cpog.db")
	db := open(t, path)
	cafs, err := db.Cafs(ctx)
	if err != nil || len(cafs) != 101 {
		t.Fatalf("Cafs: %d, %v", len(cafs), err)
	}
	if got := db.Path(); got != path {
		t.Errorf("Path() = %q, want %q", got, path)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Size() == 0 {
		t.Fatalf("the database is not at %s (stat: %v)", path, err)
	}
	es, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].Name() != name {
		var names []string
		for _, e := range es {
			names = append(names, e.Name())
		}
		t.Errorf("files next to the database's folder: %q, want only %q", names, name)
	}
}

func TestOpenPragmas(t *testing.T) {
	db, path := newStore(t)
	raw := db.RawForTest()
	for pragma, want := range map[string]string{
		"journal_mode": "wal",
		"foreign_keys": "1",
		"synchronous":  "2", // FULL
		"busy_timeout": "5000",
	} {
		var got string
		if err := raw.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
	// journal_mode is in the file: any program sees it.
	other := rawDB(t, path)
	defer other.Close()
	var jm string
	if err := other.QueryRow("PRAGMA journal_mode").Scan(&jm); err != nil || jm != "wal" {
		t.Errorf("journal_mode seen by another connection: %q, %v", jm, err)
	}
	// Foreign keys are enforced on the store's connection.
	if _, err := raw.ExecContext(ctx, "INSERT INTO target(contract_id, code, year, updated_at) VALUES (999, 'COG-01-01', 2025, 'x')"); err == nil ||
		!strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Errorf("insert with an unknown contract: %v, want a FOREIGN KEY error", err)
	}
}

// holdWriteLock takes the write lock from another connection and releases
// it after d.
func holdWriteLock(t *testing.T, path string, d time.Duration) <-chan struct{} {
	t.Helper()
	other := rawDB(t, path)
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		time.Sleep(d)
		_, _ = conn.ExecContext(ctx, "ROLLBACK")
		conn.Close()
		other.Close()
	}()
	return done
}

func TestBusyTimeoutWaitsForAnotherWriter(t *testing.T) {
	t.Parallel()
	db, path := newStore(t)
	c, err := db.Contract(ctx, "91")
	if err != nil {
		t.Fatal(err)
	}
	key := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}
	done := holdWriteLock(t, path, 400*time.Millisecond)
	start := time.Now()
	if _, err := db.Apply(ctx, "91", cpog.SetValue(c, lineOf(t, key.LineKey), key.Year, 14, cpog.ActorCaf, "")); err != nil {
		t.Fatalf("Apply while another program writes for 400 ms: %v", err)
	}
	if el := time.Since(start); el < 300*time.Millisecond {
		t.Errorf("Apply returned after %v while the lock was held for 400 ms", el)
	}
	<-done
}

// TestBusyTimeoutGivesUp: a write waits the busy timeout the store was
// opened with (shortened here from the default 5 s), then fails with the
// French message, leaving the database as it was.
func TestBusyTimeoutGivesUp(t *testing.T) {
	t.Parallel()
	const timeout = 300 * time.Millisecond
	path := filepath.Join(t.TempDir(), "cpog.db")
	db, err := store.OpenWith(ctx, path, store.Options{BusyTimeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	var pragma int
	if err := db.RawForTest().QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&pragma); err != nil || pragma != 300 {
		t.Fatalf("PRAGMA busy_timeout = %d (%v), want 300", pragma, err)
	}
	if _, err := db.SelectCaf(ctx, "91", cpog.Some(2.1)); err != nil {
		t.Fatal(err)
	}
	c, err := db.Contract(ctx, "91")
	if err != nil {
		t.Fatal(err)
	}
	before := dump(t, path, "target", "change_set", "event")
	key := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}
	const held = time.Second
	done := holdWriteLock(t, path, held)
	start := time.Now()
	_, err = db.Apply(ctx, "91", cpog.SetValue(c, lineOf(t, key.LineKey), key.Year, 14, cpog.ActorCaf, ""))
	el := time.Since(start)
	wantCode(t, err, cpog.EConflict)
	if el < timeout || el > held-200*time.Millisecond {
		t.Errorf("gave up after %v, want about %v (the lock is held for %v)", el, timeout, held)
	}
	if !strings.Contains(err.Error(), "occupée par un autre programme cpog depuis plus de 0,3 s") {
		t.Errorf("message %q is not the French busy message with the timeout", err)
	}
	<-done
	sameDump(t, "busy Apply", before, dump(t, path, "target", "change_set", "event"))
}

func TestReferentialMatchesSeed(t *testing.T) {
	db, _ := newStore(t)
	got, err := db.Referential(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := seed.Referential()
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Indicators) != 55 || len(got.Fiches) != 16 || len(got.Axes) != 3 {
		t.Fatalf("loaded %d indicators, %d fiches, %d axes", len(got.Indicators), len(got.Fiches), len(got.Axes))
	}
	if reflect.DeepEqual(got, want) {
		return
	}
	// go-cmp is not a requirement of the module: say where they differ.
	if !reflect.DeepEqual(got.Axes, want.Axes) || !reflect.DeepEqual(got.Fiches, want.Fiches) || !reflect.DeepEqual(got.Years, want.Years) {
		t.Errorf("axes, fiches or years differ:\n got %+v %+v %v\nwant %+v %+v %v", got.Axes, got.Fiches, got.Years, want.Axes, want.Fiches, want.Years)
	}
	if got.ID != want.ID || got.Title != want.Title || got.Revision != want.Revision || got.Signed != want.Signed {
		t.Errorf("header: got %q %q %d %q, want %q %q %d %q", got.ID, got.Title, got.Revision, got.Signed, want.ID, want.Title, want.Revision, want.Signed)
	}
	for i := range min(len(got.Indicators), len(want.Indicators)) {
		if !reflect.DeepEqual(got.Indicators[i], want.Indicators[i]) {
			t.Errorf("indicator %d differs:\n got %#v\nwant %#v", i, got.Indicators[i], want.Indicators[i])
		}
	}
}

func TestCafs(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "cpog.db"))
	cafs, err := db.Cafs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := seed.Cafs()
	if err != nil {
		t.Fatal(err)
	}
	if len(cafs) != 101 || !reflect.DeepEqual(cafs, want) {
		t.Fatalf("Cafs() = %d entries, want the 101 of the seed in order", len(cafs))
	}
	if cafs[0].Code != "01" || cafs[19].Code != "2A" || cafs[20].Code != "2B" || cafs[100].Code != "976" {
		t.Errorf("order: %s %s %s %s", cafs[0].Code, cafs[19].Code, cafs[20].Code, cafs[100].Code)
	}
	for in, want := range map[string]string{"1": "01", "2a": "2A", " 91 ": "91", "974": "974"} {
		c, err := db.Caf(ctx, in)
		if err != nil || c.Code != want {
			t.Errorf("Caf(%q) = %q, %v; want %q", in, c.Code, err, want)
		}
	}
	c, err := db.Caf(ctx, "48")
	if err != nil || c.Kind != cpog.KindCCSS {
		t.Errorf("Caf(48) = %+v, %v; want a CCSS", c, err)
	}
	_, err = db.Caf(ctx, "00")
	wantCode(t, err, cpog.ENotFound)
}

func TestSelectCafWeight(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpog.db")
	db := open(t, path)
	empty := dump(t, path)
	for _, w := range []float64{0, -1, 101, math.NaN(), math.Inf(1)} {
		_, err := db.SelectCaf(ctx, "91", cpog.Some(w))
		wantCode(t, err, cpog.EInvalid)
	}
	_, err := db.SelectCaf(ctx, "00", cpog.Some(2))
	wantCode(t, err, cpog.ENotFound)
	sameDump(t, "refused weights on a new database", empty, dump(t, path))
	if _, ok, err := db.CurrentCaf(ctx); ok || err != nil {
		t.Fatalf("a refused SelectCaf chose a Caf (err %v)", err)
	}
	_, err = db.Contract(ctx, "91")
	wantCode(t, err, cpog.ENotFound)
	if !strings.Contains(err.Error(), "cpog caf set 91") {
		t.Errorf("message %q does not say how to choose the Caf", err)
	}
	_, err = db.Contract(ctx, "00")
	wantCode(t, err, cpog.ENotFound)
	if !strings.Contains(err.Error(), "Caf inconnue") {
		t.Errorf("message %q does not say the Caf is unknown", err)
	}

	caf, err := db.SelectCaf(ctx, "91", cpog.Some(2.1))
	if err != nil || caf.Name != "Caf de l'Essonne" {
		t.Fatalf("SelectCaf(91, 2,1) = %+v, %v", caf, err)
	}
	if code, ok, err := db.CurrentCaf(ctx); code != "91" || !ok || err != nil {
		t.Errorf("CurrentCaf() = %q, %v, %v", code, ok, err)
	}
	c, err := db.Contract(ctx, "91")
	if err != nil {
		t.Fatal(err)
	}
	if c.Weight != 2.1 || c.BaselineYear != 2022 || c.RefID == "" || c.Caf.Code != "91" {
		t.Errorf("contract: weight %v, baseline year %d, referential %q, Caf %q", c.Weight, c.BaselineYear, c.RefID, c.Caf.Code)
	}
	// the contract's creation is the first step of its history: the
	// weight it starts with, from nothing, which undo cannot take back
	h, err := db.History(ctx, "91", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 1 || h[0].Kind != "contract" || h[0].Field != cpog.FieldWeight || h[0].Old.OK || h[0].New != cpog.Some(2.1) {
		t.Errorf("creating a contract: history %+v, want its weight", h)
	}
	if _, err := db.Undo(ctx, "91"); err == nil || !strings.Contains(err.Error(), "rien à annuler") {
		t.Errorf("undo of a creation: %v, want « rien à annuler »", err)
	}

	chosen := dump(t, path)
	for _, w := range []float64{0, -1, 101} {
		_, err := db.SelectCaf(ctx, "91", cpog.Some(w))
		wantCode(t, err, cpog.EInvalid)
	}
	sameDump(t, "refused weights on an existing contract", chosen, dump(t, path))

	// A new weight on an existing contract is a step of the history; the
	// same weight again, or no weight, is none.
	if _, err := db.SelectCaf(ctx, "91", cpog.Some(3)); err != nil {
		t.Fatal(err)
	}
	for _, w := range []cpog.Opt{cpog.Some(3), cpog.None} {
		if _, err := db.SelectCaf(ctx, "91", w); err != nil {
			t.Fatal(err)
		}
	}
	c, _ = db.Contract(ctx, "91")
	if c.Weight != 3 {
		t.Errorf("weight %v, want 3", c.Weight)
	}
	h, err = db.History(ctx, "91", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 2 || h[1].Field != cpog.FieldWeight || h[1].Old != cpog.Some(2.1) || h[1].New != cpog.Some(3) || h[1].Kind != "weight" {
		t.Errorf("history after a weight change: %+v", h)
	}

	// Choosing another Caf keeps the first one's contract.
	if _, err := db.SelectCaf(ctx, "2a", cpog.None); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := db.CurrentCaf(ctx); code != "2A" {
		t.Errorf("CurrentCaf() = %q, want 2A", code)
	}
	c2, err := db.Contract(ctx, "2A")
	if err != nil || c2.Weight != cpog.DefaultWeight {
		t.Errorf("contract of 2A: %+v, %v", c2, err)
	}
	if n := count(t, path, "contract"); n != 2 {
		t.Errorf("%d contracts, want 2", n)
	}
}

func TestApplyContractRoundTrip(t *testing.T) {
	db, _ := newStore(t)
	k := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}
	ks := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-23", Sub: "b"}, Year: 2024}
	base := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-01-01"}}
	steps := []struct {
		name  string
		edit  cpog.Edit
		check func(*cpog.Contract) bool
		old   any // the old value the history records: cpog.Opt or string
	}{
		{"proposed", cpog.Edit{Key: k, Field: cpog.FieldProposed, Value: cpog.Some(14.5)},
			func(c *cpog.Contract) bool { return c.Targets[k].Proposed == cpog.Some(14.5) }, cpog.None},
		{"proposed on a sub-indicator", cpog.Edit{Key: ks, Field: cpog.FieldProposed, Value: cpog.Some(81)},
			func(c *cpog.Contract) bool {
				return c.Targets[ks].Proposed == cpog.Some(81) && c.Targets[cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-23", Sub: "a"}, Year: 2024}] == cpog.Target{}
			}, cpog.None},
		{"proposed again", cpog.Edit{Key: k, Field: cpog.FieldProposed, Value: cpog.Some(14)},
			func(c *cpog.Contract) bool { return c.Targets[k].Proposed == cpog.Some(14) }, cpog.Some(14.5)},
		{"counter", cpog.Edit{Key: k, Field: cpog.FieldCounter, Value: cpog.Some(13)},
			func(c *cpog.Contract) bool {
				return c.Targets[k].Counter == cpog.Some(13) && c.Targets[k].Proposed == cpog.Some(14)
			}, cpog.None},
		{"agreed", cpog.Edit{Key: k, Field: cpog.FieldAgreed, Value: cpog.Some(13.5)},
			func(c *cpog.Contract) bool { return c.Targets[k].Agreed == cpog.Some(13.5) }, cpog.None},
		{"status", cpog.Edit{Key: k, Field: cpog.FieldStatus, Text: string(cpog.StatusAgreed)},
			func(c *cpog.Contract) bool {
				return c.Targets[k].Status == cpog.StatusAgreed && c.Targets[k].Local() == cpog.Some(13.5)
			}, ""},
		{"comment", cpog.Edit{Key: k, Field: cpog.FieldComment, Text: "accord « de principe » ; l’équipe d’accueil renforcée"},
			func(c *cpog.Contract) bool {
				return c.Targets[k].Comment == "accord « de principe » ; l’équipe d’accueil renforcée"
			}, ""},
		{"agreed cleared", cpog.Edit{Key: k, Field: cpog.FieldAgreed, Value: cpog.None},
			func(c *cpog.Contract) bool { return !c.Targets[k].Agreed.OK && c.Targets[k].Counter == cpog.Some(13) }, cpog.Some(13.5)},
		{"actual", cpog.Edit{Key: k, Field: cpog.FieldActual, Value: cpog.Some(15.25)},
			func(c *cpog.Contract) bool { v, ok := c.Actuals[k]; return ok && v == 15.25 }, cpog.None},
		{"actual changed", cpog.Edit{Key: k, Field: cpog.FieldActual, Value: cpog.Some(14.75)},
			func(c *cpog.Contract) bool { return c.Actuals[k] == 14.75 }, cpog.Some(15.25)},
		{"actual cleared", cpog.Edit{Key: k, Field: cpog.FieldActual, Value: cpog.None},
			func(c *cpog.Contract) bool { _, ok := c.Actuals[k]; return !ok }, cpog.Some(14.75)},
		{"baseline", cpog.Edit{Key: base, Field: cpog.FieldBaseline, Value: cpog.Some(120)},
			func(c *cpog.Contract) bool { return c.Baselines[base.LineKey] == 120 }, cpog.None},
		{"baseline cleared", cpog.Edit{Key: base, Field: cpog.FieldBaseline, Value: cpog.None},
			func(c *cpog.Contract) bool { _, ok := c.Baselines[base.LineKey]; return !ok }, cpog.Some(120.0)},
		{"mode", cpog.Edit{Key: base, Field: cpog.FieldMode, Text: string(cpog.ModePath)},
			func(c *cpog.Contract) bool { return c.Modes["COG-01-01"] == cpog.ModePath }, ""},
		{"mode changed", cpog.Edit{Key: base, Field: cpog.FieldMode, Text: string(cpog.ModeFree)},
			func(c *cpog.Contract) bool { return c.Modes["COG-01-01"] == cpog.ModeFree }, "path"},
		{"mode back to the referential's", cpog.Edit{Key: base, Field: cpog.FieldMode, Text: ""},
			func(c *cpog.Contract) bool { _, ok := c.Modes["COG-01-01"]; return !ok && len(c.Modes) == 0 }, "free"},
		{"weight", cpog.Edit{Field: cpog.FieldWeight, Value: cpog.Some(3.25)},
			func(c *cpog.Contract) bool { return c.Weight == 3.25 }, cpog.Some(2.1)},
	}
	for i, s := range steps {
		id, err := db.Apply(ctx, "91", cpog.Change{Actor: cpog.ActorCaf, Kind: "test", Summary: s.name, Edits: []cpog.Edit{s.edit}})
		if err != nil {
			t.Fatalf("%s: Apply: %v", s.name, err)
		}
		// step 1 is the contract's creation
		if id != int64(i+2) {
			t.Errorf("%s: step id %d, want %d", s.name, id, i+2)
		}
		c, err := db.Contract(ctx, "91")
		if err != nil {
			t.Fatal(err)
		}
		if !s.check(c) {
			t.Errorf("%s: contract after the round trip: weight %v, targets %+v, actuals %v, baselines %v, modes %v",
				s.name, c.Weight, c.Targets, c.Actuals, c.Baselines, c.Modes)
		}
		h, err := db.History(ctx, "91", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(h) != i+2 {
			t.Fatalf("%s: %d events, want %d", s.name, len(h), i+2)
		}
		e := h[i+1]
		if e.ChangeID != id || e.Field != s.edit.Field || e.Key != s.edit.Key || e.Summary != s.name || e.Actor != cpog.ActorCaf {
			t.Errorf("%s: event %+v", s.name, e)
		}
		if s.edit.Field.IsText() {
			if e.NewText != s.edit.Text || e.OldText != s.old {
				t.Errorf("%s: event text %q → %q, want %q → %q", s.name, e.OldText, e.NewText, s.old, s.edit.Text)
			}
		} else if e.New != s.edit.Value || e.Old != s.old {
			t.Errorf("%s: event value %+v → %+v, want %+v → %+v", s.name, e.Old, e.New, s.old, s.edit.Value)
		}
	}
	// The history filtered by indicator keeps its events only.
	h, err := db.History(ctx, "91", "COG-01-01")
	if err != nil || len(h) != 5 {
		t.Errorf("History(COG-01-01): %d events, %v; want 5", len(h), err)
	}
}

func TestApplyRefusesInvalidEdits(t *testing.T) {
	db, path := newStore(t)
	k := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}
	before := dump(t, path)
	for name, ch := range map[string]cpog.Change{
		"no edit":     {Actor: cpog.ActorCaf, Kind: "set"},
		"bad mode":    {Edits: []cpog.Edit{{Key: k, Field: cpog.FieldMode, Text: "bogus"}}},
		"zero weight": {Edits: []cpog.Edit{{Field: cpog.FieldWeight, Value: cpog.Some(0)}}},
		"no weight":   {Edits: []cpog.Edit{{Field: cpog.FieldWeight, Value: cpog.None}}},
		"big weight":  {Edits: []cpog.Edit{{Field: cpog.FieldWeight, Value: cpog.Some(100.5)}}},
	} {
		_, err := db.Apply(ctx, "91", ch)
		if cpog.ErrorCode(err) != cpog.EInvalid {
			t.Errorf("%s: error %v (code %q), want an invalid-input error", name, err, cpog.ErrorCode(err))
		}
	}
	_, err := db.Apply(ctx, "75", cpog.Change{Edits: []cpog.Edit{{Key: k, Field: cpog.FieldProposed, Value: cpog.Some(1)}}})
	wantCode(t, err, cpog.ENotFound)
	sameDump(t, "refused edits", before, dump(t, path))
}

func TestApplyIsAtomic(t *testing.T) {
	db, path := newStore(t)
	k := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}
	if _, err := db.Apply(ctx, "91", cpog.Change{Edits: []cpog.Edit{{Key: k, Field: cpog.FieldProposed, Value: cpog.Some(15)}}}); err != nil {
		t.Fatal(err)
	}
	before := dump(t, path)
	for name, edits := range map[string][]cpog.Edit{
		"bogus status second": {
			{Key: k, Field: cpog.FieldProposed, Value: cpog.Some(14)},
			{Key: k, Field: cpog.FieldStatus, Text: "bogus"},
		},
		"bogus status third": {
			{Key: k, Field: cpog.FieldProposed, Value: cpog.Some(14)},
			{Key: cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-01-01"}, Year: 2026}, Field: cpog.FieldActual, Value: cpog.Some(170)},
			{Key: k, Field: cpog.FieldStatus, Text: "bogus"},
		},
		"unknown field": {
			{Key: k, Field: cpog.FieldComment, Text: "ne doit pas rester"},
			{Key: k, Field: "nope", Value: cpog.Some(1)},
		},
	} {
		_, err := db.Apply(ctx, "91", cpog.Change{Actor: cpog.ActorCaf, Kind: "set", Summary: name, Edits: edits})
		if err == nil {
			t.Fatalf("%s: Apply accepted a change with an invalid edit", name)
		}
		if name != "unknown field" && cpog.ErrorCode(err) != cpog.EInvalid {
			t.Errorf("%s: code %q, want invalid (%v)", name, cpog.ErrorCode(err), err)
		}
		sameDump(t, name, before, dump(t, path))
	}
	c, err := db.Contract(ctx, "91")
	if err != nil || c.Targets[k].Proposed != cpog.Some(15) || c.Targets[k].Comment != "" || len(c.Actuals) != 0 {
		t.Errorf("contract after failed changes: %+v, %v", c.Targets[k], err)
	}
	// The store still works after a rolled-back change.
	// steps 1 and 2: the contract's creation and the first value
	if id, err := db.Apply(ctx, "91", cpog.Change{Edits: []cpog.Edit{{Key: k, Field: cpog.FieldProposed, Value: cpog.Some(14)}}}); err != nil || id != 3 {
		t.Errorf("Apply after a failed change: id %d, %v; want id 3", id, err)
	}
}

func TestUndoAppendsCompensatingSteps(t *testing.T) {
	db, path := newStore(t)
	k := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}
	_, err := db.Undo(ctx, "91")
	wantCode(t, err, cpog.EInvalid)

	apply := func(v float64, comment string) {
		t.Helper()
		c, err := db.Contract(ctx, "91")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Apply(ctx, "91", cpog.SetValue(c, lineOf(t, k.LineKey), k.Year, v, cpog.ActorCaf, comment)); err != nil {
			t.Fatal(err)
		}
	}
	target := func() cpog.Target {
		t.Helper()
		c, err := db.Contract(ctx, "91")
		if err != nil {
			t.Fatal(err)
		}
		return c.Targets[k]
	}
	counts := func() (int, int) { return count(t, path, "change_set"), count(t, path, "event") }
	history := func() map[string][]string { return dump(t, path, "change_set", "event") }
	grew := func(step string, before, after map[string][]string) {
		t.Helper()
		for _, table := range []string{"change_set", "event"} {
			b, a := before[table], after[table]
			if len(a) <= len(b) || !reflect.DeepEqual(a[:len(b)], b) {
				t.Errorf("%s: %s rows were not only appended:\n before %q\n after  %q", step, table, b, a)
			}
		}
	}

	// step 1 is the contract's creation, with its weight
	apply(14, "")            // step 2: proposed 14 + status draft
	apply(13, "après débat") // step 3: proposed 13 + comment
	if got := target(); got.Proposed != cpog.Some(13) || got.Status != cpog.StatusDraft || got.Comment != "après débat" {
		t.Fatalf("target before undo: %+v", got)
	}
	if cs, ev := counts(); cs != 3 || ev != 5 {
		t.Fatalf("%d steps, %d events before undo; want 3, 5", cs, ev)
	}

	h0 := history()
	summary, err := db.Undo(ctx, "91")
	if err != nil {
		t.Fatal(err)
	}
	if summary != "annulation : COG-08-29 2025 : proposition Caf 13 j" {
		t.Errorf("undo summary %q", summary)
	}
	if got := target(); got != (cpog.Target{Proposed: cpog.Some(14), Status: cpog.StatusDraft}) {
		t.Errorf("target after the first undo: %+v, want proposed 14, draft, no comment", got)
	}
	h1 := history()
	grew("first undo", h0, h1)
	if cs, ev := counts(); cs != 4 || ev != 7 {
		t.Errorf("%d steps, %d events after one undo; want 4, 7", cs, ev)
	}

	if _, err := db.Undo(ctx, "91"); err != nil {
		t.Fatal(err)
	}
	if got := target(); got != (cpog.Target{}) {
		t.Errorf("target after undoing both steps: %+v, want nothing", got)
	}
	h2 := history()
	grew("second undo", h1, h2)
	if cs, ev := counts(); cs != 5 || ev != 9 {
		t.Errorf("%d steps, %d events after two undos; want 5, 9", cs, ev)
	}

	ev, err := db.History(ctx, "91", "COG-08-29")
	if err != nil {
		t.Fatal(err)
	}
	undoes := map[int64]int64{}
	for _, e := range ev {
		undoes[e.ChangeID] = e.Undoes
		if e.ChangeID > 3 && (e.Kind != "undo" || e.Actor != cpog.ActorCaf) {
			t.Errorf("compensating event %+v", e)
		}
	}
	if !reflect.DeepEqual(undoes, map[int64]int64{2: 0, 3: 0, 4: 3, 5: 2}) {
		t.Errorf("undoes links %v, want step 4 undoing 3 and step 5 undoing 2", undoes)
	}

	_, err = db.Undo(ctx, "91")
	wantCode(t, err, cpog.EInvalid)
	if !strings.Contains(err.Error(), "rien à annuler") {
		t.Errorf("message %q", err)
	}
	sameDump(t, "undo with nothing left", h2, history())

	// A new step after the undos is the next one undone.
	apply(12, "")
	if _, err := db.Undo(ctx, "91"); err != nil {
		t.Fatal(err)
	}
	if got := target(); got.Proposed.OK || got.Status != cpog.StatusNone {
		t.Errorf("target after undoing the new step: %+v", got)
	}
}

func TestUndoRestoresEveryKindOfField(t *testing.T) {
	db, path := newStore(t)
	k := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-01-01"}, Year: 2026}
	setup := cpog.Change{Actor: cpog.ActorCaf, Kind: "setup", Summary: "setup", Edits: []cpog.Edit{
		{Key: k, Field: cpog.FieldProposed, Value: cpog.Some(170)},
		{Key: k, Field: cpog.FieldStatus, Text: "proposed"},
		{Key: k, Field: cpog.FieldActual, Value: cpog.Some(160)},
		{Key: cpog.TargetKey{LineKey: k.LineKey}, Field: cpog.FieldBaseline, Value: cpog.Some(100)},
		{Key: cpog.TargetKey{LineKey: k.LineKey}, Field: cpog.FieldMode, Text: "path"},
	}}
	if _, err := db.Apply(ctx, "91", setup); err != nil {
		t.Fatal(err)
	}
	before, err := db.Contract(ctx, "91")
	if err != nil {
		t.Fatal(err)
	}
	snapshot := dump(t, path, "target", "actual", "baseline", "contract_indicator", "contract")
	// One step that changes everything, one field twice.
	all := cpog.Change{Actor: cpog.ActorCnaf, Kind: "mix", Summary: "mix", Edits: []cpog.Edit{
		{Key: k, Field: cpog.FieldCounter, Value: cpog.Some(180)},
		{Key: k, Field: cpog.FieldProposed, Value: cpog.Some(175)},
		{Key: k, Field: cpog.FieldProposed, Value: cpog.Some(176)},
		{Key: k, Field: cpog.FieldAgreed, Value: cpog.Some(178)},
		{Key: k, Field: cpog.FieldStatus, Text: "agreed"},
		{Key: k, Field: cpog.FieldComment, Text: "arbitrage"},
		{Key: k, Field: cpog.FieldActual, Value: cpog.None},
		{Key: cpog.TargetKey{LineKey: k.LineKey}, Field: cpog.FieldBaseline, Value: cpog.Some(90)},
		{Key: cpog.TargetKey{LineKey: k.LineKey}, Field: cpog.FieldMode, Text: ""},
		{Field: cpog.FieldWeight, Value: cpog.Some(4)},
		{Key: cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-23", Sub: "c"}, Year: 2027}, Field: cpog.FieldProposed, Value: cpog.Some(92)},
	}}
	if _, err := db.Apply(ctx, "91", all); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Undo(ctx, "91"); err != nil {
		t.Fatal(err)
	}
	after, err := db.Contract(ctx, "91")
	if err != nil {
		t.Fatal(err)
	}
	// The undo leaves an empty row for a target that had none; its figures
	// are those of no target.
	sk := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-23", Sub: "c"}, Year: 2027}
	if got, ok := after.Targets[sk]; ok && got != (cpog.Target{}) {
		t.Errorf("undone new target: %+v", got)
	}
	delete(after.Targets, sk)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("undo did not restore the contract:\nbefore %+v\nafter  %+v", before, after)
	}
	got := dump(t, path, "target", "actual", "baseline", "contract_indicator", "contract")
	for _, table := range []string{"actual", "baseline", "contract_indicator", "contract"} {
		if !reflect.DeepEqual(snapshot[table], got[table]) {
			t.Errorf("%s after undo:\n %q\nwant %q", table, got[table], snapshot[table])
		}
	}
}

func TestHistoryIsAppendOnly(t *testing.T) {
	db, path := newStore(t)
	c, err := db.Contract(ctx, "91")
	if err != nil {
		t.Fatal(err)
	}
	k := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}
	if _, err := db.Apply(ctx, "91", cpog.SetValue(c, lineOf(t, k.LineKey), k.Year, 14, cpog.ActorCaf, "")); err != nil {
		t.Fatal(err)
	}
	before := dump(t, path, "change_set", "event")
	other := rawDB(t, path)
	defer other.Close()
	for _, q := range []string{
		"UPDATE event SET new_value = 99",
		"DELETE FROM event",
		"UPDATE change_set SET summary = 'réécrit'",
		"DELETE FROM change_set",
	} {
		_, err := other.Exec(q)
		if err == nil || !strings.Contains(err.Error(), "history is append-only") {
			t.Errorf("%s: %v, want the append-only trigger to refuse it", q, err)
		}
	}
	// Appending stays possible, through the store or not.
	if _, err := other.Exec("INSERT INTO change_set(contract_id, at, actor, kind) VALUES (1, 'x', 'caf', 'note')"); err != nil {
		t.Errorf("append refused: %v", err)
	}
	after := dump(t, path, "change_set", "event")
	if !reflect.DeepEqual(after["event"], before["event"]) || !reflect.DeepEqual(after["change_set"][:2], before["change_set"]) || len(after["change_set"]) != 3 {
		t.Errorf("history changed:\n before %q\n after  %q", before, after)
	}
}

func TestTimestampsUseTheInjectedClock(t *testing.T) {
	db, path := newStore(t) // newStore sets db.Now to fixedNow
	k := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}
	c, err := db.Contract(ctx, "91")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Apply(ctx, "91", cpog.SetValue(c, lineOf(t, k.LineKey), k.Year, 14, cpog.ActorCaf, "")); err != nil {
		t.Fatal(err)
	}
	later := fixedNow.Add(36*time.Hour + time.Millisecond)
	db.Now = func() time.Time { return later }
	if _, err := db.Undo(ctx, "91"); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, path)
	defer raw.Close()
	for q, want := range map[string][]string{
		"SELECT at FROM change_set ORDER BY id":                    {"string(" + fixedNowText + ")", "string(" + fixedNowText + ")", "string(2025-03-15T21:26:53.501Z)"},
		"SELECT created_at FROM contract":                          {"string(" + fixedNowText + ")"},
		"SELECT updated_at FROM target":                            {"string(2025-03-15T21:26:53.501Z)"},
		"SELECT count(*) FROM referential WHERE installed_at = ''": {"int64(0)"},
	} {
		if got := queryRows(t, raw, q); !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %q, want %q", q, got, want)
		}
	}
	h, err := db.History(ctx, "91", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 5 || !h[0].At.Equal(fixedNow) || !h[4].At.Equal(later) || h[0].At.Location() != time.UTC {
		t.Errorf("history times: %v", h)
	}
}

// TestCloseLeavesWholeDatabaseInFile: Close keeps the WAL for the next
// command but empties it, so the database file copied alone (what a user
// does to save or send it) holds every change.
func TestCloseLeavesWholeDatabaseInFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpog.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SelectCaf(ctx, "91", cpog.Some(2.1)); err != nil {
		t.Fatal(err)
	}
	c0, err := db.Contract(ctx, "91")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Apply(ctx, "91", cpog.SetValue(c0, lineOf(t, cpog.LineKey{Code: "COG-08-29"}), 2025, 14, cpog.ActorCaf, "")); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() != 0 {
		t.Fatalf("Close did not leave an empty WAL (stat: %v)", err)
	}
	copied := filepath.Join(t.TempDir(), "copie.db")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copied, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	if n := count(t, copied, "target"); n != 1 {
		t.Errorf("the copied file holds %d targets, want 1", n)
	}
	db2, err := store.Open(ctx, copied)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	c, err := db2.Contract(ctx, "91")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Targets[cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}].Proposed; got != cpog.Some(14) {
		t.Errorf("copied proposal %+v, want 14", got)
	}
}

// TestReferentialFromTablesWhenNotEmbedded: the compiled-in referential
// stands in for the tables only when the installed one has its checksum;
// a database installed from other data files is read from its tables.
func TestReferentialFromTablesWhenNotEmbedded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpog.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, path)
	for _, q := range []string{
		"UPDATE indicator SET label = 'Délai (autre référentiel)' WHERE code = 'COG-08-29'",
		"UPDATE referential SET checksum = 'autre'",
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	db = open(t, path)
	r, err := db.Referential(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ind, err := r.Lookup("08-29")
	if err != nil {
		t.Fatal(err)
	}
	if ind.Label != "Délai (autre référentiel)" {
		t.Errorf("label %q: the referential was not read from the tables", ind.Label)
	}
}
