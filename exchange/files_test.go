package exchange_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/cnaf-tools/cpog/exchange"
)

func TestCreateFileModeAndNoOverwrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := exchange.CreateFile(path, false, write("one")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	err := exchange.CreateFile(path, false, write("two"))
	if err == nil || !strings.Contains(err.Error(), "existe déjà") || !strings.Contains(err.Error(), "--force") {
		t.Errorf("second write without force: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "one" {
		t.Errorf("file overwritten without force: %q", b)
	}
	// A failed forced write leaves the old file whole, and no temporary.
	boom := errors.New("boom")
	if err := exchange.CreateFile(path, true, func(w io.Writer) error { io.WriteString(w, "half"); return boom }); !errors.Is(err, boom) {
		t.Errorf("failed write: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "one" {
		t.Errorf("failed forced write damaged the file: %q", b)
	}
	if err := exchange.CreateFile(path, true, write("three")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "three" {
		t.Errorf("forced write: %q", b)
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode after forced write %v, want 0600", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left in the directory: %v", entries)
	}
	// A failed new file is removed.
	if err := exchange.CreateFile(filepath.Join(dir, "new.csv"), false, func(io.Writer) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("failed new file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.csv")); !os.IsNotExist(err) {
		t.Errorf("failed new file left behind: %v", err)
	}
}

func TestExportFileDefaultName(t *testing.T) {
	db := openDB(t)
	seedNegotiation(t, db)
	dir := t.TempDir()
	for _, f := range exchange.Formats() {
		path, err := exchange.ExportFile(context.Background(), db, dir, exchange.ExportOptions{Format: f, Now: exportDay})
		if err != nil {
			t.Fatal(err)
		}
		want := filepath.Join(dir, "cpog-91-2026-11-22."+string(f))
		switch {
		case f == exchange.ActualsTemplate:
			want = filepath.Join(dir, "cpog-91-realises-2026-2026-11-22.csv")
		case f.Bilan():
			// the bilan due next after 22 November 2026 is 2026's, and a
			// bilan names its year, apart from the annex in .html or .md
			want = filepath.Join(dir, "cpog-91-bilan-2026-2026-11-22."+f.Ext())
		}
		if path != want {
			t.Errorf("path %q, want %q", path, want)
		}
		if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", path, err)
		}
	}
}
