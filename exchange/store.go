package exchange

import (
	"context"

	"github.com/cnaf-tools/cpog"
)

// Store is what exports and imports need of the database; *store.DB
// satisfies it. Declaring it here keeps this package free of SQL.
type Store interface {
	// Path is the database's file: an export never replaces it, nor its
	// -wal, -shm and -journal files.
	Path() string
	Referential(ctx context.Context) (*cpog.Referential, error)
	CurrentCaf(ctx context.Context) (string, bool, error)
	Caf(ctx context.Context, code string) (cpog.Caf, error)
	Contract(ctx context.Context, cafCode string) (*cpog.Contract, error)
	History(ctx context.Context, cafCode, code string) ([]cpog.Event, error)
	// ApplyImport writes an import as one undoable step, in one
	// transaction, and makes the Caf the one in use. When create is not
	// nil and the Caf has no contract yet, the contract is first created
	// with create's weight and baseline year, in the same transaction.
	ApplyImport(ctx context.Context, cafCode string, create *cpog.Contract, ch cpog.Change) (int64, error)
}

// currentCaf is the Caf an operation works on: the one asked for, else the
// one in use ("" when none was chosen yet).
func currentCaf(ctx context.Context, st Store, asked string) (string, error) {
	if asked != "" {
		return cpog.NormalizeCafCode(asked), nil
	}
	code, ok, err := st.CurrentCaf(ctx)
	if err != nil || !ok {
		return "", err
	}
	return code, nil
}

// currentContract is the contract of the Caf asked for, else of the one
// in use; none chosen is an error.
func currentContract(ctx context.Context, st Store, asked string) (*cpog.Contract, error) {
	code, err := currentCaf(ctx, st, asked)
	if err != nil {
		return nil, err
	}
	if code == "" {
		return nil, noCafError()
	}
	return st.Contract(ctx, code)
}

// noCafError is returned when an operation needs a Caf and none was chosen.
func noCafError() error {
	return cpog.Errorf(cpog.EInvalid, "aucune Caf choisie : lancez « cpog caf set CODE » (ex. cpog caf set 91) ou ouvrez cpog")
}
