package main

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/colorprofile"
)

// termEnviron is the part of the environment that describes the terminal,
// as KEY=value pairs.
func termEnviron(getenv func(string) string) []string {
	var env []string
	for _, k := range []string{
		"TERM", "COLORTERM", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE",
		"WT_SESSION", "GOOGLE_CLOUD_SHELL", "TERM_PROGRAM", "SSH_TTY", "COLORFGBG",
	} {
		if v := getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// colorProfile reads the terminal's colour profile from the environment
// alone. bubbletea's own detection (colorprofile.Detect) runs `tmux info`
// inside tmux, a process started before the first frame on every start;
// here tmux counts as 256 colours, and a terminal that can show more says so
// when the interface asks it for its RGB capability (a late answer only
// redraws the screen).
func colorProfile(getenv func(string) string) colorprofile.Profile {
	return colorprofile.Env(termEnviron(getenv))
}

// darkBackground guesses the terminal's background before it answers the
// interface's query: COLORFGBG ("15;0", "0;default;15"), which rxvt, Konsole
// and others set, ends with the background's colour number, 0–6 and 8 being
// dark ones. Without it the guess is dark, the common case.
func darkBackground(getenv func(string) string) bool {
	v := getenv("COLORFGBG")
	if v == "" {
		return true
	}
	bg, err := strconv.Atoi(v[strings.LastIndexByte(v, ';')+1:])
	if err != nil {
		return true
	}
	return bg <= 6 || bg == 8
}
