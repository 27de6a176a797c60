package main

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/cnaf-tools/cpog/tui"
)

// runTUI opens the full-screen interface on the database.
func (a *app) runTUI(cmd *cobra.Command, _ []string) error {
	ctx := cmd.Context()
	db, err := a.store(ctx)
	if err != nil {
		return err
	}
	m := tui.New(ctx, db, tui.Options{Caf: a.cafFlag, Dark: true})
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(a.stdin), tea.WithOutput(a.stdout))
	if _, err := p.Run(); err != nil {
		return fmt.Errorf("interface : %w", err)
	}
	return nil
}
