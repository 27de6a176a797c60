package store

import (
	"context"
	"database/sql"
	"strings"
)

// maxRowsPerInsert is how many rows one INSERT carries: parsing a
// statement per row would cost most of the time of writing an import's
// history or a network of a hundred Caf, and 500 rows of at most 9 values
// stay well under SQLite's limit of 32 766 bound parameters.
const maxRowsPerInsert = 500

// insertRows inserts rows given as flat values, cols per row, into table
// ("name(col, …)"), many rows per statement; the statement of a full batch
// is prepared once.
func insertRows(ctx context.Context, tx *sql.Tx, table string, cols int, values []any) error {
	row := "(?" + strings.Repeat(", ?", cols-1) + ")"
	statement := func(n int) string {
		return "INSERT INTO " + table + " VALUES " + row + strings.Repeat(", "+row, n-1)
	}
	var full *sql.Stmt
	for len(values) > 0 {
		n := min(len(values)/cols, maxRowsPerInsert)
		var err error
		if n == maxRowsPerInsert {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, statement(n)); err != nil {
					return err
				}
				defer full.Close()
			}
			_, err = full.ExecContext(ctx, values[:n*cols]...)
		} else {
			_, err = tx.ExecContext(ctx, statement(n), values[:n*cols]...)
		}
		if err != nil {
			return err
		}
		values = values[n*cols:]
	}
	return nil
}
