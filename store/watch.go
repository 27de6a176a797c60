package store

import (
	"context"
	"fmt"
)

// DataVersion changes whenever another connection (another cpog process)
// commits to the database; the interface polls it to show imports made
// from the command line while it is open.
func (db *DB) DataVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := db.db.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read data version: %w", db.formatError(err))
	}
	return v, nil
}
