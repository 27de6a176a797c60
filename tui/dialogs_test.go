package tui

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/cnaf-tools/cpog"
)

// At 80 columns the formats go on a second line rather than lose the last
// one past the edge.
func TestExportDialogNarrow(t *testing.T) {
	hs := negotiated(t, 80, 30)
	hs.keys("x")
	scr := hs.screen(colorprofile.NoTTY)
	if !strings.Contains(scr, "actuals-template") {
		t.Errorf("a format is cut at 80 columns:\n%s", scr)
	}
	golden.RequireEqual(t, scr)
}

func TestExportDialog(t *testing.T) {
	hs := negotiated(t, 120, 40)
	hs.keys("x")
	if _, ok := hs.m.dialog.(exportDialog); !ok {
		t.Fatal("x opens the export dialog")
	}
	if got := hs.dialogInput(); got != "cpog-91-2026-11-22.xlsx" {
		t.Errorf("default file name = %q", got)
	}
	hs.keys("<right>")
	if got := hs.dialogInput(); got != "cpog-91-2026-11-22.csv" {
		t.Errorf("the default name follows the format: %q", got)
	}
	golden.RequireEqual(t, hs.screen(colorprofile.NoTTY))

	path := filepath.Join(t.TempDir(), "annexe.csv")
	hs.keys(path, "<enter>") // typed over the selected default name
	if hs.m.dialog != nil || !strings.Contains(hs.m.st.info, "exporté") {
		t.Fatalf("after export: dialog %v, info %q, err %q", hs.m.dialog, hs.m.st.info, hs.m.st.err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("export mode = %v, want 0600", st.Mode().Perm())
	}
	body, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(body), "\ufeff") || !strings.Contains(string(body), "COG-08-29") {
		t.Errorf("CSV export: BOM and rows expected, got %.80q", body)
	}
	// a second export to the same file is refused without ctrl+f
	hs.keys("x", "<right>", path, "<enter>")
	if hs.m.st.err == "" || !strings.Contains(hs.m.st.err, "existe") {
		t.Errorf("an existing file must not be overwritten silently, err %q", hs.m.st.err)
	}
}

func TestImportDialog(t *testing.T) {
	hs := negotiated(t, 120, 40)
	dir := t.TempDir()
	good := filepath.Join(dir, "realises.csv")
	if err := os.WriteFile(good, []byte("code;année;valeur;sous-indicateur\nCOG-08-22;2024;86,5;\nCOG-08-23;2024;79;a\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "faux.csv")
	if err := os.WriteFile(bad, []byte("code;année;valeur\nCOG-99-99;2024;86\nCOG-08-22;2031;86\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := hs.contract()

	importing := func() importDialog { d, _ := hs.m.dialog.(importDialog); return d }
	hs.keys("i", bad, "<enter>")
	if len(importing().problem) < 2 {
		t.Fatalf("a bad file lists its problems, got %q", importing().problem)
	}
	out := hs.plain()
	if !strings.Contains(out, "faux.csv") || !strings.Contains(out, "rien n’a été écrit") {
		t.Errorf("problems are shown with the file's name:\n%s", out)
	}
	if len(hs.contract().Actuals) != len(before.Actuals) {
		t.Fatal("a refused import must write nothing")
	}

	hs.retype(good)
	hs.keys("<enter>")
	if importing().report == nil {
		t.Fatalf("the dry run reports what would change; problems %q, err %q", importing().problem, importing().err)
	}
	if len(hs.contract().Actuals) != len(before.Actuals) {
		t.Fatal("the dry run must write nothing")
	}
	hs.keys("<enter>")
	if hs.m.dialog != nil {
		t.Fatal("the dialog closes after the import")
	}
	c := hs.contract()
	if v := c.Actuals[cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-22"}, Year: 2024}]; v != 86.5 {
		t.Errorf("imported actual = %v, want 86.5", v)
	}
	if v := c.Actuals[cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-23", Sub: "a"}, Year: 2024}]; v != 79 {
		t.Errorf("imported sub actual = %v, want 79", v)
	}
	// the import is one undoable step
	hs.keys("u")
	if len(hs.contract().Actuals) != len(before.Actuals) {
		t.Error("u undoes the whole import")
	}
}
