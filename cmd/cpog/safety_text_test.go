package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exportedDoc exports the Caf's exchange file and returns it decoded, to
// be changed and signed again as anyone can (resignJSON).
func exportedDoc(c *cli) map[string]any {
	c.t.Helper()
	p := filepath.Join(c.dir, "export-base.json")
	os.Remove(p)
	c.ok("export", "--format", "json", "-o", p)
	b, err := os.ReadFile(p)
	if err != nil {
		c.t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		c.t.Fatal(err)
	}
	return doc
}

// writeDoc writes a changed exchange file, signed again.
func (c *cli) writeDoc(name string, doc map[string]any) string {
	c.t.Helper()
	p := filepath.Join(c.dir, name)
	if err := os.WriteFile(p, resignJSON(c.t, doc), 0o600); err != nil {
		c.t.Fatal(err)
	}
	return p
}

// historyOut is a row of `cpog history --json`, as a script reads it.
type historyOut struct {
	Actor         string  `json:"actor"`
	New           any     `json:"new"`
	SourceFile    *string `json:"source_file"`
	SourceDigest  *string `json:"source_digest"`
	DeclaredActor *string `json:"declared_actor"`
}

// hostile is what an imported comment carried in the attack: an OSC 52
// clipboard write, a clear screen, a cursor move, a colour, a line break
// and a right-to-left override.
const hostile = "ok\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x1b[H\x1b[31mrouge\nfausse ligne\u202egnp.exe\u009b2J"

// noRawControls reports the first control character of s a terminal would
// obey, outside the line feeds that end lines.
func noRawControls(t testing.TB, what, s string) {
	t.Helper()
	for _, r := range s {
		if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x202e {
			t.Errorf("%s: raw control character %U reaches the terminal:\n%q", what, r, s)
			return
		}
	}
}

// Issue 12: comments of an imported file were printed raw by `cpog
// history` and `cpog import --dry-run`, OSC 52, clear-screen and cursor
// moves included.
func TestImportedTextNeverReachesTheTerminalRaw(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiated(c)
	doc := exportedDoc(c)
	targets := doc["targets"].([]any)
	targets[0].(map[string]any)["comment"] = hostile
	file := c.writeDoc("cnaf\x1b[2J.json", doc)

	dry := c.ok("import", "--dry-run", file)
	noRawControls(t, "import --dry-run", dry)
	if !strings.Contains(dry, "␛]52;c;") || !strings.Contains(dry, "␊fausse ligne") {
		t.Errorf("import --dry-run does not show the comment's controls as placeholders:\n%s", dry)
	}
	noRawControls(t, "import", c.ok("import", file))
	hist := c.ok("history")
	noRawControls(t, "history", hist)
	if !strings.Contains(hist, "␛[2J") {
		t.Errorf("history does not show the escape as a placeholder:\n%s", hist)
	}
	// the text itself is kept as the file said it, and JSON escapes it
	var rows []historyOut
	c.jsonOut(&rows, "history", "--json")
	found := false
	for _, r := range rows {
		if s, ok := r.New.(string); ok && s == hostile {
			found = true
		}
	}
	if !found {
		t.Error("history --json lost the comment as imported")
	}
	// an error that names the file
	r := c.run("import", filepath.Join(c.dir, "absent\x1b]52;c;eA==\x07.csv"))
	noRawControls(t, "error", r.stderr)
	checkFrench(t, []string{"import"}, r.stderr, "introuvable")
}

// Issue 12: invalid UTF-8 from --comment was written raw into the
// « UTF-8 » CSV.
func TestInvalidUTF8CommentIsRefused(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	before := negotiated(c)
	c.mustRefuse("UTF-8", "set", "COG-08-29", "2026", "13 j", "--comment", "r\xe9organis\xe9")
	c.mustRefuse("UTF-8", "comment", "COG-08-29", "2025", "\xff\xfe")
	c.checkIntact(before)
	out := filepath.Join(c.dir, "e.csv")
	c.ok("export", "--format", "csv", "-o", out)
	b, _ := os.ReadFile(out)
	if !utf8Valid(b) {
		t.Error("the CSV export is not UTF-8")
	}
}

func utf8Valid(b []byte) bool { return strings.ToValidUTF8(string(b), "\ufffd") == string(b) }

// Issue 12: an error echoed a whole 5 MB value. A message quotes at most
// about 80 characters of it.
func TestErrorsQuoteAShortPartOfABadValue(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiated(c)
	// the system bounds one argument to 128 KB
	big := strings.Repeat("9x", 60_000)
	for _, args := range [][]string{
		{"set", "08-29", "2025", big},
		{"set", big, "2025", "14"},
		{"set", "08-29", big, "14"},
		{"set", "08-29", "2025", "14", "--actor", big},
		{"caf", "set", big},
		{"history", big},
		{"export", "--format", big},
		{big},
	} {
		r := c.run(args...)
		if r.code == 0 || len(r.stderr) > 600 {
			t.Errorf("cpog %.20q…: exit %d, %d bytes of message", args, r.code, len(r.stderr))
		}
	}
	// and a 5 MB cell of a file to import
	file := filepath.Join(c.dir, "gros.csv")
	os.WriteFile(file, []byte("code;année;valeur\nCOG-08-29;2024;"+strings.Repeat("7", 5<<20)+"\n"), 0o600)
	if r := c.run("import", file); r.code != 1 || len(r.stderr) > 1000 {
		t.Errorf("import of a 5 MB value: exit %d, %d bytes of message", r.code, len(r.stderr))
	}
}

// Issue 12, item 7: a re-signed file claiming "actor": "cnaf" was
// accepted and the history then showed the Cnaf agreeing to figures it
// never sent. The history now says where the step came from and whom the
// file declares.
func TestImportedStepsSayWhereTheyCameFrom(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	negotiated(c)
	doc := exportedDoc(c)
	doc["actor"] = "cnaf"
	t0 := doc["targets"].([]any)[0].(map[string]any)
	t0["cnaf"], t0["status"] = 12.0, "countered"
	file := c.writeDoc("contre-propositions.json", doc)
	c.ok("import", file)
	hist := c.ok("history")
	if !strings.Contains(hist, "importé de contre-propositions.json, déclaré par la Cnaf") {
		t.Errorf("history does not say where the step came from:\n%s", hist)
	}
	var rows []historyOut
	c.jsonOut(&rows, "history", "--json")
	last := rows[len(rows)-1]
	if last.SourceFile == nil || *last.SourceFile != "contre-propositions.json" ||
		last.DeclaredActor == nil || *last.DeclaredActor != "cnaf" ||
		last.SourceDigest == nil || !strings.HasPrefix(*last.SourceDigest, "sha256:") {
		t.Errorf("history --json: source %v, digest %v, declared actor %v", last.SourceFile, last.SourceDigest, last.DeclaredActor)
	}
	b, _ := os.ReadFile(file)
	var signed map[string]any
	json.Unmarshal(b, &signed)
	if last.SourceDigest != nil && *last.SourceDigest != signed["digest"] {
		t.Errorf("recorded digest %s, the file's %v", *last.SourceDigest, signed["digest"])
	}
	if first := rows[0]; first.SourceFile != nil {
		t.Errorf("a typed step has a source: %v", *first.SourceFile)
	}
	// actuals: the file and its digest, no declared actor
	csv := filepath.Join(c.dir, "realises.csv")
	os.WriteFile(csv, []byte("code;année;valeur\nCOG-08-29;2024;15\n"), 0o600)
	c.ok("import", csv)
	c.jsonOut(&rows, "history", "--json")
	last = rows[len(rows)-1]
	if last.SourceFile == nil || *last.SourceFile != "realises.csv" || last.DeclaredActor != nil {
		t.Errorf("actuals import: source %v, declared actor %v", last.SourceFile, last.DeclaredActor)
	}
	if !strings.Contains(c.ok("history"), "importé de realises.csv ·") {
		t.Errorf("history of an actuals import:\n%s", c.ok("history"))
	}
}
