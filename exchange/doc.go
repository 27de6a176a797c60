// Package exchange owns cpog's files: it writes a Caf's CPOG as an Excel
// workbook, a CSV for French Excel, a JSON exchange file, and the Markdown or
// HTML "annexe CPOG"; and it reads back JSON exchange files and actuals
// (CSV or XLSX), validating every line against the referential before
// anything is written, and loads other Caf's exchange files into the
// network dataset. It takes and returns domain values (the referential,
// a contract, its history, edits, network members); the figures it prints
// (references, gaps) come from cpog.Evaluate, never from rules of its own.
// The database is reached only through the small Store and NetworkStore
// interfaces, which *store.DB satisfies.
package exchange
