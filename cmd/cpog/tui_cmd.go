package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

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
	a.trace.mark("store")
	// the colours and the background come from the environment, without
	// waiting on the terminal: its answer to the background query, if it
	// differs, only redraws
	profile := colorProfile(a.getenv)
	opts := tui.Options{Caf: a.cafFlag, Dark: darkBackground(a.getenv), Watch: true}
	out, _ := a.stdout.(*os.File)
	if out != nil {
		if w, h, err := term.GetSize(out.Fd()); err == nil {
			opts.Width, opts.Height = w, h
		}
	}
	saved, err := db.Setting(ctx, settingPosition)
	if err != nil {
		return err
	}
	opts.Resume = tui.ParsePosition(saved)
	if opts.BilanDue, err = bilanDue(ctx, db); err != nil {
		return err
	}
	m, err := tui.Preload(ctx, tuiPort{db}, opts)
	if err != nil {
		return err
	}
	a.trace.mark("loaded")
	// The terminal goes raw before the first frame shows: keys typed as
	// soon as it does must reach the interface as typed, not be echoed by
	// the terminal over the frame, nor an Enter turned into ctrl+j (the
	// terminal's CR to NL translation) before bubbletea takes the terminal
	// some milliseconds later. bubbletea saves this raw state and gives it
	// back on exit; the state before it is restored here. A ctrl+c typed
	// early is then a key, which ends the interface as q does.
	if in, ok := a.stdin.(*os.File); ok {
		if saved, err := term.MakeRaw(in.Fd()); err == nil {
			defer func() { _ = term.Restore(in.Fd(), saved) }()
		}
	}
	if err := paintFirstFrame(a.stdout, m.View(), opts.Width, opts.Height, profile, termEnviron(a.getenv)); err != nil {
		return err
	}
	a.trace.mark("painted")
	var output io.Writer = a.stdout
	if a.trace != nil && out != nil {
		output = &tracedOutput{File: out, trace: a.trace}
	}
	// 120 frames a second: later frames reach the screen sooner than at the
	// default 60, and a frame costs about 1 ms
	p := tea.NewProgram(m, tea.WithInput(a.stdin), tea.WithOutput(output),
		tea.WithFPS(120), tea.WithColorProfile(profile), tea.WithoutSignalHandler())
	// The signals end the interface here rather than in bubbletea, and the
	// way q does, so that the terminal is always given back: a signal sent
	// before bubbletea listens would be missed; with both listening, its
	// handler can wait forever to deliver its interrupt to a program that
	// has stopped (v2.0.10, handleSignals); and a program it interrupts
	// before its first frame leaves the terminal in the alternate screen.
	sigCtx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-sigCtx.Done():
			p.Quit()
		case <-done:
		}
	}()
	final, err := p.Run()
	if err != nil {
		return fmt.Errorf("interface : %w", err)
	}
	// the next start reopens where the user was, even after a signal
	if fm, ok := final.(tui.Model); ok {
		if pos := fm.Position(); pos.Fiche != 0 {
			return db.SetSetting(context.WithoutCancel(ctx), settingPosition, pos.String())
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
