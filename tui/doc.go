// Package tui is cpog's terminal interface: one root model with a few
// screens (Caf choice, indicators, detail, synthèse), one keymap and one set
// of styles. It reaches the store only through tea.Cmds that return typed
// messages; Update itself does no I/O.
package tui
