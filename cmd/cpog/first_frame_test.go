package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/store"
	"github.com/cnaf-tools/cpog/tui"
)

// preloaded is the interface on a database where the Essonne is chosen,
// as runTUI has it just before it paints.
func preloaded(t testing.TB, w, h int) tui.Model {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "cpog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.SelectCaf(ctx, "91", cpog.Some(2)); err != nil {
		t.Fatal(err)
	}
	m, err := tui.Preload(ctx, tuiPort{db}, tui.Options{Dark: true, Width: w, Height: h})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestPaintFirstFrame: what paintFirstFrame writes, drawn by a terminal
// emulator, is the interface's first frame, in the alternate screen, with
// the cursor hidden, and in the colour profile given.
func TestPaintFirstFrame(t *testing.T) {
	const w, h = 120, 40
	m := preloaded(t, w, h)
	for _, p := range []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256, colorprofile.Ascii} {
		var out bytes.Buffer
		if err := paintFirstFrame(&out, m.View(), w, h, p, []string{"TERM=xterm-256color"}); err != nil {
			t.Fatal(err)
		}
		emu := vt.NewEmulator(w, h)
		go func() { _, _ = io.Copy(io.Discard, emu) }()
		// the terminal is raw when the frame is painted: the bytes reach it
		// as they are
		if _, err := emu.Write(out.Bytes()); err != nil {
			t.Fatal(err)
		}
		if !emu.IsAltScreen() {
			t.Errorf("%v: the first frame is not in the alternate screen", p)
		}
		if !strings.HasPrefix(out.String(), ansi.SetModeAltScreenSaveCursor+ansi.ResetModeTextCursorEnable) {
			t.Errorf("%v: the frame does not begin by entering the alternate screen and hiding the cursor: %q", p, out.String()[:min(40, out.Len())])
		}
		want := strings.Split(ansi.Strip(m.Render()), "\n")
		got := strings.Split(emu.String(), "\n")
		if len(got) < h {
			t.Fatalf("%v: %d rows on the screen", p, len(got))
		}
		for y := range h {
			if strings.TrimRight(got[y], " ") != strings.TrimRight(want[y], " ") {
				t.Errorf("%v: row %d\n got %q\nwant %q", p, y, got[y], want[y])
			}
		}
		has24bit := strings.Contains(out.String(), "38;2;")
		if has24bit != (p == colorprofile.TrueColor) {
			t.Errorf("%v: 24-bit colours written: %v", p, has24bit)
		}
		if p == colorprofile.Ascii && strings.Contains(out.String(), "38;5;") {
			t.Errorf("%v: colours written", p)
		}
	}
}

// TestPaintFirstFrameNeedsSize: without the terminal's size nothing is
// painted; bubbletea draws the first frame then.
func TestPaintFirstFrameNeedsSize(t *testing.T) {
	m := preloaded(t, 0, 0)
	var out bytes.Buffer
	if err := paintFirstFrame(&out, m.View(), 0, 0, colorprofile.ANSI256, nil); err != nil || out.Len() != 0 {
		t.Fatalf("without a size: %d bytes written, err %v", out.Len(), err)
	}
}

// BenchmarkPaintFirstFrame is what the first frame costs once the data are
// read: the view rendered, then drawn into cells and written as terminal
// sequences, as runTUI does before the program starts.
func BenchmarkPaintFirstFrame(b *testing.B) {
	const w, h = 120, 40
	m := preloaded(b, w, h)
	var out bytes.Buffer
	for b.Loop() {
		out.Reset()
		if err := paintFirstFrame(&out, m.View(), w, h, colorprofile.ANSI256, []string{"TERM=xterm-256color"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out.Len()), "bytes/frame")
}
