package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"github.com/cnaf-tools/cpog"
)

// Issue 12, item 4: the interface let an imported comment's colours and
// raw line breaks through. Its text is now drawn with visible
// placeholders: no escape sequence of the comment reaches the terminal,
// no line is broken.
func TestImportedCommentIsDrawnInert(t *testing.T) {
	hs := withCaf(t, 140, 40)
	ctx := context.Background()
	c := hs.contract()
	l := hs.line(cpog.LineKey{Code: "COG-08-29"})
	hostile := "ok\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x1b[H\x1b[31mrouge\nfausse ligne"
	if _, err := hs.db.Apply(ctx, "91", cpog.SetComment(c, l, 2023, hostile)); err != nil {
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
