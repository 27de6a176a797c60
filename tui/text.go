package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// width is the number of cells s takes. Printable ASCII, most of a
// frame, is counted by its bytes: grapheme segmentation would cost most of
// the frame. The rest is measured by x/ansi, as lipgloss measures, and not
// by go-runewidth, whose first rune above U+02FF builds a 1 MB table: 6 ms
// of every start, before the first frame.
func width(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// fit truncates s to w cells (with an ellipsis) and pads it to exactly w.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := width(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = width(s)
	}
	if sw == w {
		return s
	}
	return s + strings.Repeat(" ", max(0, w-sw))
}

// fitRight is fit aligned to the right, for numbers.
func fitRight(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := width(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = width(s)
	}
	return strings.Repeat(" ", max(0, w-sw)) + s
}

// block pads or cuts a list of lines to exactly h lines of width w.
func block(lines []string, w, h int) []string {
	out := make([]string, h)
	for i := range out {
		if i < len(lines) {
			out[i] = fit(lines[i], w)
		} else {
			out[i] = strings.Repeat(" ", w)
		}
	}
	return out
}

// window returns the first index to show so that sel is visible in h rows.
func window(sel, n, h int) int {
	if h <= 0 || n <= h {
		return 0
	}
	start := sel - h/2
	return max(0, min(start, n-h))
}

// wrap breaks s into lines of at most w cells.
func wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	return strings.Split(lipgloss.Wrap(s, w, ""), "\n")
}

// wrapChoices lays out a row of choices after its label, going on under
// the first choice when the next one would not fit in w cells: a choice is
// never cut, which would hide it from whoever picks it.
func wrapChoices(label string, choices []string, w int) []string {
	indent := strings.Repeat(" ", width(label))
	lines := []string{label}
	first := true
	for _, c := range choices {
		cur := lines[len(lines)-1]
		switch {
		case first:
			lines[len(lines)-1] = cur + c
		case width(cur)+1+width(c) > w:
			lines = append(lines, indent+c)
		default:
			lines[len(lines)-1] = cur + " " + c
		}
		first = false
	}
	return lines
}

// bar draws a progress bar with block characters, readable without colour.
func (s *state) bar(frac float64, w int) string {
	if w <= 0 {
		return ""
	}
	frac = max(0, min(1, frac))
	full := int(frac*float64(w) + 0.5)
	return lipgloss.NewStyle().Foreground(s.styles.BarFull).Render(strings.Repeat("█", full)) +
		lipgloss.NewStyle().Foreground(s.styles.BarEmpty).Render(strings.Repeat("░", w-full))
}
