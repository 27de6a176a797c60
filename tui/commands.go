package tui

import (
	"errors"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
)

// Messages that commands send back to Update. Commands reach the port;
// Update only changes the model from what they report.
type (
	// loadedMsg carries what the interface needs at start.
	loadedMsg struct {
		ref  *cpog.Referential
		cafs []cpog.Caf
		c    *cpog.Contract // nil when no Caf was chosen yet
		// version is the data_version read before the contract: the
		// watcher's baseline, so that a write another process makes before
		// the first poll is noticed too
		version int64
	}
	// contractMsg carries the contract as the store now holds it, after a
	// change, an undo or a refresh.
	contractMsg struct {
		c    *cpog.Contract
		info string
	}
	historyMsg struct {
		code   string
		events []cpog.Event
	}
	errMsg struct{ err error }
	// saveFailedMsg keeps a change the store could not write (the base was
	// busy, the disk full), so that the user can retry instead of retyping.
	saveFailedMsg struct {
		change cpog.Change
		err    error
	}
	// networkMsg carries the network dataset (other Caf's contracts).
	networkMsg struct {
		members []cpog.NetworkMember
		info    string
	}
	// dataVersionMsg reports the database's data_version, polled to notice
	// another process's writes.
	dataVersionMsg struct {
		v   int64
		err error // a failed poll is reported, and the watcher goes on
	}
	exportedMsg struct{ path string }
	// importCheckedMsg carries a dry run's report, or its problems.
	importCheckedMsg struct {
		report *exchange.ImportReport
		err    error
	}
	importedMsg struct {
		report *exchange.ImportReport
		c      *cpog.Contract
	}
)

// errorText is the French message of an error for the footer.
func errorText(err error) string {
	var de *cpog.Error
	if errors.As(err, &de) {
		return de.Message
	}
	return err.Error()
}

// WatchInterval is how often the interface checks whether another process
// changed the database.
const WatchInterval = 2 * time.Second

// Commands capture the values they need when they are made, never the
// state: the model they came from may be gone when they run.

func (s *state) watchCmd() tea.Cmd {
	ctx, p := s.ctx, s.port
	return tea.Tick(WatchInterval, func(time.Time) tea.Msg {
		v, err := p.DataVersion(ctx)
		return dataVersionMsg{v: v, err: err}
	})
}

func (s *state) loadCmd(cafCode string) tea.Cmd {
	ctx, p := s.ctx, s.port
	return func() tea.Msg {
		version, err := p.DataVersion(ctx)
		if err != nil {
			return errMsg{err}
		}
		ref, err := p.Referential(ctx)
		if err != nil {
			return errMsg{err}
		}
		cafs, err := p.Cafs(ctx)
		if err != nil {
			return errMsg{err}
		}
		if cafCode != "" {
			if _, err := p.SelectCaf(ctx, cafCode, cpog.None); err != nil {
				return errMsg{err}
			}
		}
		code, ok, err := p.CurrentCaf(ctx)
		if err != nil {
			return errMsg{err}
		}
		if !ok {
			return loadedMsg{ref: ref, cafs: cafs, version: version}
		}
		c, err := p.Contract(ctx, code)
		if err != nil {
			return errMsg{err}
		}
		return loadedMsg{ref: ref, cafs: cafs, c: c, version: version}
	}
}

func (s *state) selectCafCmd(code string, weight cpog.Opt) tea.Cmd {
	ctx, p := s.ctx, s.port
	return func() tea.Msg {
		caf, err := p.SelectCaf(ctx, code, weight)
		if err != nil {
			return errMsg{err}
		}
		c, err := p.Contract(ctx, caf.Code)
		if err != nil {
			return errMsg{err}
		}
		return contractMsg{c: c, info: "Caf choisie : " + caf.Label()}
	}
}

func (s *state) applyCmd(ch cpog.Change) tea.Cmd {
	ctx, p, caf := s.ctx, s.port, s.c.Caf.Code
	return func() tea.Msg {
		if _, err := p.Apply(ctx, caf, ch); err != nil {
			return saveFailedMsg{change: ch, err: err}
		}
		c, err := p.Contract(ctx, caf)
		if err != nil {
			return errMsg{err}
		}
		return contractMsg{c: c, info: "enregistré : " + ch.Summary}
	}
}

func (s *state) undoCmd() tea.Cmd {
	ctx, p, caf := s.ctx, s.port, s.c.Caf.Code
	return func() tea.Msg {
		summary, err := p.Undo(ctx, caf)
		if err != nil {
			return errMsg{err}
		}
		c, err := p.Contract(ctx, caf)
		if err != nil {
			return errMsg{err}
		}
		return contractMsg{c: c, info: summary}
	}
}

// reloadCmd re-reads the contract; info says why in the footer.
func (s *state) reloadCmd(info string) tea.Cmd {
	ctx, p, caf := s.ctx, s.port, s.c.Caf.Code
	return func() tea.Msg {
		c, err := p.Contract(ctx, caf)
		if err != nil {
			return errMsg{err}
		}
		return contractMsg{c: c, info: info}
	}
}

func (s *state) historyCmd(code string) tea.Cmd {
	ctx, p, caf := s.ctx, s.port, s.c.Caf.Code
	return func() tea.Msg {
		ev, err := p.History(ctx, caf, code)
		if err != nil {
			return errMsg{err}
		}
		return historyMsg{code: code, events: ev}
	}
}

func (s *state) networkCmd() tea.Cmd {
	ctx, p := s.ctx, s.port
	return func() tea.Msg {
		ms, err := p.NetworkMembers(ctx)
		if err != nil {
			return errMsg{err}
		}
		return networkMsg{members: ms}
	}
}

// importNetworkCmd loads exchange files into the network dataset, then
// the dataset as it now stands.
func (s *state) importNetworkCmd(paths []string) tea.Cmd {
	ctx, p := s.ctx, s.port
	return func() tea.Msg {
		rep, err := p.ImportNetwork(ctx, paths)
		if err != nil {
			return errMsg{err}
		}
		ms, err := p.NetworkMembers(ctx)
		if err != nil {
			return errMsg{err}
		}
		return networkMsg{members: ms, info: networkSummary(rep, len(ms))}
	}
}

func (s *state) exportCmd(path string, opts exchange.ExportOptions) tea.Cmd {
	ctx, p := s.ctx, s.port
	return func() tea.Msg {
		out, err := p.ExportFile(ctx, path, opts)
		if err != nil {
			return errMsg{err}
		}
		if abs, err := filepath.Abs(out); err == nil {
			out = abs
		}
		return exportedMsg{path: out}
	}
}

func (s *state) checkImportCmd(path string) tea.Cmd {
	ctx, p, caf := s.ctx, s.port, s.c.Caf.Code
	return func() tea.Msg {
		rep, err := p.ImportFile(ctx, path, exchange.ImportOptions{Caf: caf, DryRun: true})
		return importCheckedMsg{report: rep, err: err}
	}
}

func (s *state) importCmd(path string) tea.Cmd {
	ctx, p, caf := s.ctx, s.port, s.c.Caf.Code
	return func() tea.Msg {
		rep, err := p.ImportFile(ctx, path, exchange.ImportOptions{Caf: caf})
		if err != nil {
			return importCheckedMsg{err: err}
		}
		c, err := p.Contract(ctx, rep.Caf.Code)
		if err != nil {
			return errMsg{err}
		}
		return importedMsg{report: rep, c: c}
	}
}
