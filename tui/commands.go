package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/store"
)

// Messages that commands send back to Update. Commands read and write the
// store; Update only changes the model from what they report.
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
	}
	// dataVersionMsg reports the database's data_version, polled to notice
	// another process's writes.
	dataVersionMsg struct {
		v   int64
		err error // a failed poll is reported, and the watcher goes on
	}
)

// WatchInterval is how often the interface checks whether another process
// changed the database.
const WatchInterval = 2 * time.Second

func watch(ctx context.Context, db *store.DB) tea.Cmd {
	return tea.Tick(WatchInterval, func(time.Time) tea.Msg {
		v, err := db.DataVersion(ctx)
		return dataVersionMsg{v: v, err: err}
	})
}

func load(ctx context.Context, db *store.DB, cafCode string) tea.Cmd {
	return func() tea.Msg {
		version, err := db.DataVersion(ctx)
		if err != nil {
			return errMsg{err}
		}
		ref, err := db.Referential(ctx)
		if err != nil {
			return errMsg{err}
		}
		cafs, err := db.Cafs(ctx)
		if err != nil {
			return errMsg{err}
		}
		if cafCode != "" {
			if _, err := db.SelectCaf(ctx, cafCode, cpog.None); err != nil {
				return errMsg{err}
			}
		}
		code, ok, err := db.CurrentCaf(ctx)
		if err != nil {
			return errMsg{err}
		}
		if !ok {
			return loadedMsg{ref: ref, cafs: cafs, version: version}
		}
		c, err := db.Contract(ctx, code)
		if err != nil {
			return errMsg{err}
		}
		return loadedMsg{ref: ref, cafs: cafs, c: c, version: version}
	}
}

func selectCaf(ctx context.Context, db *store.DB, code string, weight cpog.Opt) tea.Cmd {
	return func() tea.Msg {
		caf, err := db.SelectCaf(ctx, code, weight)
		if err != nil {
			return errMsg{err}
		}
		c, err := db.Contract(ctx, caf.Code)
		if err != nil {
			return errMsg{err}
		}
		return contractMsg{c: c, info: "Caf choisie : " + caf.Label()}
	}
}

func apply(ctx context.Context, db *store.DB, caf string, ch cpog.Change) tea.Cmd {
	return func() tea.Msg {
		if _, err := db.Apply(ctx, caf, ch); err != nil {
			return saveFailedMsg{change: ch, err: err}
		}
		c, err := db.Contract(ctx, caf)
		if err != nil {
			return errMsg{err}
		}
		return contractMsg{c: c, info: "enregistré : " + ch.Summary}
	}
}

func undo(ctx context.Context, db *store.DB, caf string) tea.Cmd {
	return func() tea.Msg {
		summary, err := db.Undo(ctx, caf)
		if err != nil {
			return errMsg{err}
		}
		c, err := db.Contract(ctx, caf)
		if err != nil {
			return errMsg{err}
		}
		return contractMsg{c: c, info: summary}
	}
}

func reload(ctx context.Context, db *store.DB, caf string) tea.Cmd {
	return func() tea.Msg {
		c, err := db.Contract(ctx, caf)
		if err != nil {
			return errMsg{err}
		}
		return contractMsg{c: c, info: "base relue"}
	}
}

func reloadAfterWatch(ctx context.Context, db *store.DB, caf string) tea.Cmd {
	return func() tea.Msg {
		c, err := db.Contract(ctx, caf)
		if err != nil {
			return errMsg{err}
		}
		return contractMsg{c: c, info: "la base a changé (autre programme) : valeurs relues"}
	}
}

func loadNetwork(ctx context.Context, db *store.DB) tea.Cmd {
	return func() tea.Msg {
		ms, err := db.NetworkMembers(ctx)
		if err != nil {
			return errMsg{err}
		}
		return networkMsg{members: ms}
	}
}

func loadHistory(ctx context.Context, db *store.DB, caf, code string) tea.Cmd {
	return func() tea.Msg {
		ev, err := db.History(ctx, caf, code)
		if err != nil {
			return errMsg{err}
		}
		return historyMsg{code: code, events: ev}
	}
}
