package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cnaf-tools/cpog"
)

// TestPreloadWithSizeDrawsFirstFrame: given the terminal's size, the very
// first view is the main screen at that size, not at the minimum size
// until bubbletea's size message.
func TestPreloadWithSizeDrawsFirstFrame(t *testing.T) {
	db := openStore(t)
	if _, err := db.SelectCaf(context.Background(), "91", cpog.Some(2)); err != nil {
		t.Fatal(err)
	}
	opts := Options{Dark: true, Location: time.UTC, Now: fixedNow}
	without, err := Preload(context.Background(), testPort{db}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(without.Render(), "\n"); len(lines) != MinHeight {
		t.Fatalf("without a size, the first view is not at the minimum size (%d lines):\n%s", len(lines), without.Render())
	}
	opts.Width, opts.Height = 120, 40
	m, err := Preload(context.Background(), testPort{db}, opts)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(m.Render(), "\n")
	if len(lines) != 40 || !strings.Contains(m.Render(), "Fiche 1") {
		t.Fatalf("first view at 120×40 (%d lines):\n%s", len(lines), m.Render())
	}
}
