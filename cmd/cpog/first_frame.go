package main

import (
	"bytes"
	"fmt"
	"io"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// paintFirstFrame writes the interface's first frame to the terminal before
// the program runs. bubbletea v2 writes only on its renderer's ticks, the
// first a whole frame period (8.3 ms at 120 fps) after the program starts,
// so without this the screen stays as it was for that long after the frame
// is ready.
//
// The frame goes to the alternate screen, as the program's own renderer
// will put it; it draws with the same cell renderer (ultraviolet) and colour
// profile, so what the program repaints on its first tick is the same
// picture. Its own request for the alternate screen then changes nothing
// that matters: xterm saves the cursor of each screen apart, tmux ignores a
// second request, and both programs clear before drawing.
func paintFirstFrame(w io.Writer, v tea.View, width, height int, profile colorprofile.Profile, env []string) error {
	if !v.AltScreen || width <= 0 || height <= 0 {
		return nil
	}
	cells := uv.NewScreenBuffer(width, height)
	// Grapheme widths, as lipgloss lays the frame out: ultraviolet's
	// default, wcwidth, goes through go-runewidth, whose first rune above
	// U+02FF builds a 1 MB table, 6 ms before this frame could be shown.
	// The two agree on every character cpog draws; bubbletea's renderer
	// pays for the table after this frame is on the screen.
	cells.Method = ansi.GraphemeWidth
	uv.NewStyledString(v.Content).Draw(cells, cells.Bounds())

	var out bytes.Buffer
	out.WriteString(ansi.SetModeAltScreenSaveCursor + ansi.ResetModeTextCursorEnable)
	scr := uv.NewTerminalRenderer(&out, env)
	scr.SetColorProfile(profile)
	scr.SetWidthMethod(cells.Method)
	scr.SetFullscreen(true)
	scr.SetRelativeCursor(false)
	// the terminal is raw (no \n to \r\n translation): the renderer moves
	// the cursor itself
	scr.SetMapNewline(false)
	scr.Resize(width, height)
	scr.Erase()
	scr.Render(cells.RenderBuffer)
	if err := scr.Flush(); err != nil {
		return fmt.Errorf("premier écran : %w", err)
	}
	if _, err := w.Write(out.Bytes()); err != nil {
		return fmt.Errorf("premier écran : %w", err)
	}
	return nil
}
