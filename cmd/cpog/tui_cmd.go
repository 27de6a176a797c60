package main

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/cnaf-tools/cpog/tui"
)

// runTUI opens the full-screen interface on the database.
func (a *app) runTUI(cmd *cobra.Command, _ []string) error {
	if !isTerminal(a.stdin) || !isTerminal(a.stdout) {
		// Without a terminal the interface cannot read keys: it would fail
		// on /dev/null and wait forever on a pipe.
		return fmt.Errorf("l’interface plein écran demande un terminal : lancez cpog dans un terminal, ou utilisez une commande (cpog --help)")
	}
	if a.getenv("TERM") == "dumb" {
		// a terminal that announces it cannot move the cursor: the
		// full-screen interface would print its escape sequences raw
		return fmt.Errorf("ce terminal (TERM=dumb) ne peut pas afficher l’interface plein écran : utilisez les commandes (cpog --help : cpog gap, cpog set, cpog history…) ou un autre terminal")
	}
	ctx := cmd.Context()
	db, err := a.storeCreating(ctx)
	if err != nil {
		return err
	}
	opts := tui.Options{Caf: a.cafFlag, Dark: true, Watch: true}
	if f, ok := a.stdout.(*os.File); ok {
		if w, h, err := term.GetSize(f.Fd()); err == nil {
			opts.Width, opts.Height = w, h
		}
	}
	saved, err := db.Setting(ctx, settingPosition)
	if err != nil {
		return err
	}
	opts.Resume = tui.ParsePosition(saved)
	m, err := tui.Preload(ctx, tuiPort{db}, opts)
	if err != nil {
		return err
	}
	// 120 frames a second: the first full frame reaches the screen sooner
	// than at the default 60, and a frame costs about 1 ms
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(a.stdin), tea.WithOutput(a.stdout), tea.WithFPS(120))
	final, err := p.Run()
	if err != nil {
		return fmt.Errorf("interface : %w", err)
	}
	// the next start reopens where the user was
	if fm, ok := final.(tui.Model); ok {
		if pos := fm.Position(); pos.Fiche != 0 {
			return db.SetSetting(ctx, settingPosition, pos.String())
		}
	}
	return nil
}

// settingPosition keeps where the interface was closed.
const settingPosition = "tui.position"

// isTerminal reports whether a stream of the process is a terminal.
func isTerminal(s any) bool {
	f, ok := s.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
