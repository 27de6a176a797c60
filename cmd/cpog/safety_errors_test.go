package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corruptSchema overwrites the schema's page of a database (the first
// page, after its header) with noise: every statement then fails with
// SQLite's « database disk image is malformed ».
func corruptSchema(t testing.TB, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	for i := 100; i < 4096 && i < len(b); i++ {
		b[i] = byte(i*7 + 3)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Issue 12, item 8: many errors were English and technical (« read schema
// version: database disk image is malformed (11) », « encode JSON: … »).
// Every failure a user can cause is said in French; doctor adds the
// technical cause on a line of its own.
func TestUserCausedFailuresAreFrench(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiated(c)
	damaged := filepath.Join(c.dir, "abimee.db")
	corruptSchema(t, c.db, damaged)
	notDB := filepath.Join(c.dir, "notes.db")
	os.WriteFile(notDB, []byte(strings.Repeat("pas une base ", 100)), 0o600)
	missing := filepath.Join(c.dir, "absent", "x")
	for _, tc := range []struct {
		want string
		args []string
	}{
		{"endommagée", []string{"--db", damaged, "gap"}},
		{"endommagée", []string{"--db", damaged, "history"}},
		{"endommagée", []string{"--db", damaged, "backup", filepath.Join(c.dir, "s.db")}},
		{"endommagée", []string{"--db", damaged, "export", "-o", filepath.Join(c.dir, "e.csv")}},
		{"endommagée", []string{"--db", damaged, "doctor"}},
		{"pas une base cpog", []string{"--db", notDB, "gap"}},
		{"pas une base cpog", []string{"--db", notDB, "doctor"}},
		{"n’existe pas", []string{"export", "-o", missing + ".csv"}},
		{"n’existe pas", []string{"backup", missing + ".db"}},
		{"introuvable", []string{"import", missing + ".csv"}},
		{"dossier", []string{"import", c.dir}},
		{"acteur inconnu", []string{"set", "08-29", "2025", "14", "--actor", "dgfip"}},
	} {
		c.mustRefuse(tc.want, tc.args...)
	}
	d := c.run("--db", damaged, "doctor")
	if !strings.Contains(d.stdout, "cause technique : ") || !strings.Contains(d.stdout, "malformed") {
		t.Errorf("doctor does not give the technical cause on its own line:\n%s", d.stdout)
	}
	if strings.Contains(d.stderr, "malformed") {
		t.Errorf("doctor's message mixes the technical cause in: %q", d.stderr)
	}
}
