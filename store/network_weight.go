package store

import (
	"context"
	"fmt"
)

// NetworkWeight is the total weight of the network's members, in % of the
// branch, and how many they are.
func (db *DB) NetworkWeight(ctx context.Context) (float64, int, error) {
	var total float64
	var n int
	if err := db.db.QueryRowContext(ctx, "SELECT coalesce(sum(weight), 0), count(*) FROM network_member").Scan(&total, &n); err != nil {
		return 0, 0, fmt.Errorf("read network weight: %w", db.formatError(err))
	}
	return total, n, nil
}
