package tui

import (
	"context"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
)

// Port is everything the interface asks of the world outside the terminal:
// the database and the files. cmd/cpog wires the store and the file
// formats into it; the interface reaches it only from tea.Cmds, never from
// Update.
type Port interface {
	Referential(ctx context.Context) (*cpog.Referential, error)
	Cafs(ctx context.Context) ([]cpog.Caf, error)
	// CurrentCaf is the Caf in use, false on a first run.
	CurrentCaf(ctx context.Context) (string, bool, error)
	// SelectCaf makes a Caf the one in use, creating its contract; a
	// weight, when given, is set too.
	SelectCaf(ctx context.Context, code string, weight cpog.Opt) (cpog.Caf, error)
	Contract(ctx context.Context, cafCode string) (*cpog.Contract, error)
	// Apply writes a change and its history as one undoable step.
	Apply(ctx context.Context, cafCode string, ch cpog.Change) (int64, error)
	// Undo compensates the latest step and returns its summary.
	Undo(ctx context.Context, cafCode string) (string, error)
	History(ctx context.Context, cafCode, code string) ([]cpog.Event, error)
	// DataVersion changes when another process writes to the database.
	DataVersion(ctx context.Context) (int64, error)

	NetworkMembers(ctx context.Context) ([]cpog.NetworkMember, error)
	ImportNetwork(ctx context.Context, paths []string) (exchange.NetworkReport, error)
	ImportFile(ctx context.Context, path string, opts exchange.ImportOptions) (*exchange.ImportReport, error)
	ExportFile(ctx context.Context, path string, opts exchange.ExportOptions) (string, error)
}
