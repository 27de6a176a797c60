// Package storetest gives the tests of other packages a database file to
// work on. Creating one runs every migration and installs the referential,
// some 20 ms; a test binary does it once and each test gets a copy, a real
// SQLite file of its own.
package storetest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/cnaf-tools/cpog/store"
)

// template is the file store.Open makes on a new path, read once per test
// binary and never written: the tests share it as they share a constant.
var template = sync.OnceValues(func() ([]byte, error) {
	dir, err := os.MkdirTemp("", "cpog-storetest-")
	if err != nil {
		return nil, fmt.Errorf("storetest: %w", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "cpog.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		return nil, fmt.Errorf("storetest: %w", err)
	}
	if err := db.Close(); err != nil {
		return nil, fmt.Errorf("storetest: %w", err)
	}
	// cpog keeps its -wal file, emptied: the database file alone is then
	// the whole database, which is all a copy takes
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() != 0 {
		return nil, fmt.Errorf("storetest: the -wal file keeps %d bytes", st.Size())
	}
	return os.ReadFile(path)
})

// NewFile writes at path the database store.Open makes on a new file
// (schema, referential, Caf list, no contract) and returns path.
func NewFile(t testing.TB, path string) string {
	t.Helper()
	raw, err := template()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatalf("storetest: %v", err)
	}
	return path
}
