package main

import (
	"context"
	"errors"
	"io/fs"
	"os"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/seed"
)

// The national referential and the list of the Caf are the same for every
// user: `cpog indicators` and `cpog cafs` show them before any database
// exists, from the data embedded in cpog, rather than create a database
// (only the commands that start a negotiation may).

// referential is the installed referential, or the embedded one when
// there is no database yet.
func (a *app) referential(ctx context.Context) (*cpog.Referential, error) {
	if !a.dbExists() {
		return seed.Referential()
	}
	db, err := a.store(ctx)
	if err != nil {
		return nil, err
	}
	return db.Referential(ctx)
}

// cafs is the list of the Caf of the database, or the embedded one when
// there is no database yet.
func (a *app) cafs(ctx context.Context) ([]cpog.Caf, error) {
	if !a.dbExists() {
		return seed.Cafs()
	}
	db, err := a.store(ctx)
	if err != nil {
		return nil, err
	}
	return db.Cafs(ctx)
}

// dbExists is false only when the database file is known not to exist;
// any other doubt goes to store, which says what is wrong.
func (a *app) dbExists() bool {
	if a.db != nil {
		return true
	}
	path, err := a.dbPath()
	if err != nil {
		return true
	}
	_, err = os.Stat(path)
	return !errors.Is(err, fs.ErrNotExist)
}
