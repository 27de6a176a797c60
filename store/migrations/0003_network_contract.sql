-- The network dataset kept each Caf's contract in one value instead of one
-- row per target (the format is described in store/network_migration.go).
-- Schema 4 turned it back into rows: the Go step of this migration
-- (setNetworkRowsAside) now only renames the rows' tables of schema 2, for
-- migration 4 to take their rows back.
ALTER TABLE network_member ADD COLUMN contract BLOB;
