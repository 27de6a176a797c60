package main

import (
	"testing"

	"github.com/charmbracelet/colorprofile"
)

func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// TestColorProfile: the profile comes from the variables alone, tmux
// included, where bubbletea would run `tmux info`.
func TestColorProfile(t *testing.T) {
	for _, c := range []struct {
		vars map[string]string
		want colorprofile.Profile
	}{
		{map[string]string{"TERM": "xterm-256color"}, colorprofile.ANSI256},
		{map[string]string{"TERM": "xterm-256color", "COLORTERM": "truecolor"}, colorprofile.TrueColor},
		{map[string]string{"TERM": "xterm"}, colorprofile.ANSI},
		{map[string]string{"TERM": "screen", "TMUX": "/tmp/tmux-0/default,1,0"}, colorprofile.ANSI256},
		{map[string]string{"TERM": "tmux-256color", "COLORTERM": "truecolor"}, colorprofile.ANSI256},
		{map[string]string{"TERM": "xterm-256color", "NO_COLOR": "1"}, colorprofile.Ascii},
		{map[string]string{"TERM": "dumb"}, colorprofile.NoTTY},
		{map[string]string{"TERM": "xterm-kitty"}, colorprofile.TrueColor},
	} {
		if got := colorProfile(envOf(c.vars)); got != c.want {
			t.Errorf("%v: %v, want %v", c.vars, got, c.want)
		}
	}
}

// TestDarkBackground reads COLORFGBG's last field; without it, or when it
// cannot be read, the background is taken for dark.
func TestDarkBackground(t *testing.T) {
	for v, want := range map[string]bool{
		"":             true,
		"15;0":         true,
		"0;15":         false,
		"0;default;15": false,
		"7;8":          true,
		"0;7":          false,
		"15;default":   true,
		"garbage":      true,
	} {
		if got := darkBackground(envOf(map[string]string{"COLORFGBG": v})); got != want {
			t.Errorf("COLORFGBG=%q: dark %v, want %v", v, got, want)
		}
	}
}
