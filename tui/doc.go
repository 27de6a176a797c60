// Package tui is cpog's terminal interface. A small root model (model.go)
// owns the state every screen shares (state.go) and routes each message to
// the open dialog (dialog_*.go) or to the active screen (screen_*.go); the
// keys are matched only through the one keymap (keys.go), from which the
// footer and the help page are built. The interface reaches the database
// and the files through the Port it defines (port.go), from tea.Cmds only
// (commands.go): Update itself does no I/O, and this package does not
// import the store.
package tui
