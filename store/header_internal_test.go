package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestReadHeader(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cpog.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// Close leaves an empty WAL, which holds nothing.
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() != 0 {
		t.Fatalf("no empty WAL after Close (stat: %v)", err)
	}
	h, ok := readHeader(path)
	if !ok || h.version != SchemaVersion() || !h.wal {
		t.Fatalf("readHeader(cpog database) = %+v, %v; want version %d in WAL mode", h, ok, SchemaVersion())
	}

	// Whatever readHeader cannot vouch for goes to SQLite.
	for name, prepare := range map[string]func(string) error{
		"text file":              func(p string) error { return os.WriteFile(p, []byte("objectifs;2025\n"), 0o600) },
		"empty file":             func(p string) error { return os.WriteFile(p, nil, 0o600) },
		"short file":             func(p string) error { return os.WriteFile(p, []byte("SQLite format 3\x00"), 0o600) },
		"WAL with frames beside": func(p string) error { return copyBeside(path, p, "-wal", make([]byte, 4096+32)) },
		"journal beside":         func(p string) error { return copyBeside(path, p, "-journal", nil) },
		"missing":                func(string) error { return nil },
	} {
		p := filepath.Join(t.TempDir(), "x.db")
		if err := prepare(p); err != nil {
			t.Fatal(err)
		}
		if h, ok := readHeader(p); ok {
			t.Errorf("%s: readHeader = %+v, true; want no answer", name, h)
		}
	}
}

// copyBeside copies the database at src to dst and puts a companion file
// (suffix "-wal" or "-journal") beside the copy.
func copyBeside(src, dst, suffix string, companion []byte) error {
	raw, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.WriteFile(dst, raw, 0o600); err != nil {
		return err
	}
	return os.WriteFile(dst+suffix, companion, 0o600)
}
