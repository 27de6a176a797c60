package main

import (
	"context"

	"github.com/cnaf-tools/cpog/exchange"
	"github.com/cnaf-tools/cpog/store"
)

// tuiPort wires the store and the file formats into the interface's port:
// the store answers the database's questions itself, the files go through
// exchange.
type tuiPort struct{ *store.DB }

func (p tuiPort) ImportFile(ctx context.Context, path string, opts exchange.ImportOptions) (*exchange.ImportReport, error) {
	return exchange.ImportFile(ctx, p.DB, path, opts)
}

func (p tuiPort) ExportFile(ctx context.Context, path string, opts exchange.ExportOptions) (string, error) {
	return exchange.ExportFile(ctx, p.DB, path, opts)
}

func (p tuiPort) ImportNetwork(ctx context.Context, paths []string) (exchange.NetworkReport, error) {
	return exchange.ImportNetwork(ctx, p.DB, paths, exchange.NetworkImportOptions{})
}
