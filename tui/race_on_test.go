//go:build race

package tui

// raceEnabled reports a test binary built with -race.
const raceEnabled = true
