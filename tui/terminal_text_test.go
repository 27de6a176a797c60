package tui

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
)

// Issue 12, item 4: the interface let an imported comment's colours and
// raw line breaks through. Its text is now drawn with visible
// placeholders: no escape sequence of the comment reaches the terminal,
// no line is broken.
func TestImportedCommentIsDrawnInert(t *testing.T) {
	hs := withCaf(t, 140, 40)
	hostile := "ok\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x1b[H\x1b[31mrouge\nfausse ligne"
	// the comment as an imported file left it in the base (written here
	// by SQL, whatever the layers above accept from a keyboard)
	raw, err := sql.Open("sqlite", "file:"+filepath.ToSlash(hs.db.Path())+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	_, err = raw.ExecContext(context.Background(), `INSERT INTO target(contract_id, code, sub, year, status, comment, updated_at)
		SELECT id, 'COG-08-29', '', 2023, 'draft', ?, '2026-11-22T09:30:00Z' FROM contract`, hostile)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	hs.keys("<ctrl+r>")
	hs.gotoIndicator("COG-08-29")
	hs.keys("<enter>")
	for _, p := range []colorprofile.Profile{colorprofile.TrueColor, colorprofile.NoTTY} {
		out := hs.screen(p)
		for _, raw := range []string{"\x1b]52", "\x1b[2J", "\x1b[H", "\x07", "\x1b[31m"} {
			if strings.Contains(out, raw) {
				t.Errorf("profile %v: the comment's %q reaches the terminal", p, raw)
			}
		}
		if !strings.Contains(out, "␛]52;c;") || !strings.Contains(out, "rouge␊fausse ligne") {
			t.Errorf("profile %v: the comment is not shown with its placeholders:\n%s", p, out)
		}
	}
}
