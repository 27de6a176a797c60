package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// negotiate gives Caf 91 values in every status, set through the CLI (the
// fixture of that name): a draft, a proposal, a Cnaf counter-proposal,
// agreed values, a changed mode, and a comment that a spreadsheet would
// take for a formula.
func negotiate(c *cli) {
	c.t.Helper()
	c.startFrom("negotiate")
}

func TestExchangeRoundTripCLI(t *testing.T) {
	t.Parallel()
	src := newCLI(t)
	negotiate(src)
	want := src.ok("gap", "--json")
	file := filepath.Join(src.dir, "cpog-91.json")
	src.ok("export", "--format", "json", "-o", file)

	dst := newCLI(t)
	out := dst.ok("import", file)
	if !strings.Contains(out, "modifications enregistrées pour la Caf de l'Essonne (91)") {
		t.Errorf("import output %q", out)
	}
	if got := dst.ok("gap", "--json"); got != want {
		t.Errorf("gap --json after export and import into a fresh database differs:\n%s\n---\n%s", got, want)
	}
	if hist := dst.ok("history"); !strings.Contains(hist, "import de cpog-91.json") {
		t.Errorf("history lacks the import:\n%s", hist)
	}
	// Importing again changes nothing; undo removes the whole import.
	if out := dst.ok("import", file); !strings.Contains(out, "rien à importer") {
		t.Errorf("second import: %q", out)
	}
	dst.ok("undo")
	empty := newCLI(t)
	empty.startFrom("caf-91")
	if got, want := dst.ok("gap", "--json"), empty.ok("gap", "--json"); got != want {
		t.Error("undo after an import did not bring back the empty contract")
	}
}

func TestExportCLI(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiate(c)
	out := c.ok("export")
	name := strings.TrimSpace(strings.TrimPrefix(strings.Split(out, " (")[0], "exporté :"))
	if !strings.HasPrefix(name, "cpog-91-") || !strings.HasSuffix(name, ".xlsx") {
		t.Fatalf("default export %q", out)
	}
	fi, err := os.Stat(filepath.Join(c.dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("export mode %v, want 0600", fi.Mode().Perm())
	}
	r := c.run("export")
	if r.code != 1 || !strings.Contains(r.stderr, "existe déjà") || !strings.Contains(r.stderr, "--force") {
		t.Errorf("export over an existing file: exit %d, %q", r.code, r.stderr)
	}
	c.ok("export", "--force")
	for _, f := range []string{"csv", "json", "md", "html"} {
		c.ok("export", "--format", f, "--agreed-only", "-o", "annexe."+f)
	}
	csv := c.ok("export", "--format", "csv", "-o", "-")
	if !strings.HasPrefix(csv, "\ufeffFiche;Code;") || !strings.Contains(csv, ";'=1+1;;;;;\r\n") {
		t.Errorf("CSV on standard output: %.200q", csv)
	}
	if md := c.ok("export", "-o", "-", "--format", "md", "--agreed-only"); !strings.Contains(md, "**180,5**") || strings.Contains(md, "*(proposé)*") {
		t.Errorf("agreed-only annex: %.300q", md)
	}
	for _, args := range [][]string{{"export", "--format", "xlsx", "-o", "-"}, {"export", "--format", "pdf"}, {"export", "--actor", "dgfip"}} {
		if r := c.run(args...); r.code != 2 {
			t.Errorf("cpog %q: exit %d, want 2 (%q)", args, r.code, r.stderr)
		}
	}
}

func TestImportCLI(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiate(c)
	bad := filepath.Join(c.dir, "réalisés.csv")
	os.WriteFile(bad, []byte("code;année;valeur\nCOG-08-29;2024;15,5\nCOG-99-99;2024;3\nCOG-08-22;2031;86\n"), 0o600)
	before := dump(t, c.db, historyTables...)
	r := c.run("import", bad)
	if r.code != 1 {
		t.Fatalf("import of a bad file: exit %d", r.code)
	}
	for _, want := range []string{
		"cpog : import refusé, 2 problèmes, la base n’a pas été modifiée :",
		"réalisés.csv, ligne 3 : indicateur inconnu : « COG-99-99 »",
		"réalisés.csv, ligne 4 : COG-08-22 : année 2031 hors de la période du référentiel (2023 à 2027)",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if after := dump(t, c.db, historyTables...); !reflect.DeepEqual(before, after) {
		t.Error("a refused import changed the database")
	}
	good := filepath.Join(c.dir, "reels.csv")
	os.WriteFile(good, []byte("code,year,value\nCOG-08-29,2024,15.5\nCOG-08-22,2024,86\n"), 0o600)
	out := c.ok("import", good, "--dry-run")
	if !strings.Contains(out, "simulation") || !strings.Contains(out, "COG-08-29 2024 · réalisé : — → 15,5 j") {
		t.Errorf("dry run output:\n%s", out)
	}
	if after := dump(t, c.db, historyTables...); !reflect.DeepEqual(before, after) {
		t.Error("a dry run changed the database")
	}
	c.ok("import", good)
	if hist := c.ok("history", "08-22"); !strings.Contains(hist, "import des réalisés de reels.csv") || strings.Contains(hist, "COG-08-29") {
		t.Errorf("history 08-22:\n%s", hist)
	}
	if r := c.run("import", filepath.Join(c.dir, "absent.csv")); r.code != 1 || !strings.Contains(r.stderr, "introuvable") {
		t.Errorf("missing file: exit %d %q", r.code, r.stderr)
	}
	other := newCLI(t)
	other.ok("caf", "set", "69")
	lyon := filepath.Join(other.dir, "lyon.json")
	other.ok("export", "-o", lyon)
	if r := c.run("import", lyon); r.code != 1 || !strings.Contains(r.stderr, "fichier de la Caf 69, la base négocie pour la Caf 91") {
		t.Errorf("import of another Caf's file: exit %d %q", r.code, r.stderr)
	}
}

func TestHistoryJSONCLI(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiate(c)
	var rows []struct {
		Change  int64   `json:"change"`
		At      string  `json:"at"`
		Actor   string  `json:"actor"`
		Kind    string  `json:"kind"`
		Summary string  `json:"summary"`
		Comment string  `json:"comment"`
		Undoes  *int64  `json:"undoes"`
		Code    *string `json:"code"`
		Sub     *string `json:"sub"`
		Year    *int    `json:"year"`
		Field   string  `json:"field"`
		Old     any     `json:"old"`
		New     any     `json:"new"`
	}
	c.jsonOut(&rows, "history", "08-29", "--json")
	if len(rows) == 0 {
		t.Fatal("no history")
	}
	var cnaf bool
	for _, r := range rows {
		if r.Code == nil || *r.Code != "COG-08-29" {
			t.Errorf("history 08-29 gave %+v", r)
		}
		if r.Actor == "cnaf" && r.Field == "counter" && r.New == 12.0 && r.Comment == "position de la Cnaf" {
			cnaf = true
		}
	}
	if !cnaf {
		t.Errorf("no Cnaf counter-proposal in %+v", rows)
	}
	if r := c.run("history", "99-99"); r.code != 1 {
		t.Errorf("history of an unknown code: exit %d", r.code)
	}
}

func TestBackupAndDoctorCLI(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiate(c)
	if out := c.ok("doctor"); !strings.Contains(out, "✓ intégrité de la base (integrity_check) : ok") || strings.Contains(out, "✗") {
		t.Errorf("doctor on a sound database:\n%s", out)
	}
	backup := filepath.Join(c.dir, "sauvegarde.db")
	c.ok("backup", backup)
	if fi, err := os.Stat(backup); err != nil || runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("backup: %v %v", err, fi.Mode().Perm())
	}
	if r := c.run("backup", backup); r.code != 1 || !strings.Contains(r.stderr, "existe déjà") {
		t.Errorf("backup over an existing file: exit %d %q", r.code, r.stderr)
	}
	c.ok("backup", backup, "--force")
	if got, want := c.ok("--db", backup, "gap", "--json"), c.ok("gap", "--json"); got != want {
		t.Error("the backup does not hold the same contract")
	}
	c.ok("--db", backup, "doctor")

	raw, err := sql.Open("sqlite", "file:"+filepath.ToSlash(c.db)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("UPDATE referential SET checksum = 'falsifiée'"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	r := c.run("doctor")
	if r.code != 1 || !strings.Contains(r.stdout, "✗ empreinte du référentiel") || !strings.Contains(r.stdout, "✓ intégrité") {
		t.Errorf("doctor on a tampered database: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}
