-- The network dataset keeps each Caf's contract in one value instead of one
-- row per target: a network is a hundred Caf of hundreds of targets, and
-- writing then reading tens of thousands of rows was most of the time of
-- importing and showing it. The contract's format is described in
-- store/network_blob.go. The Go step of this migration
-- (migrateNetworkContracts) moves the rows of the three tables below into
-- it, then drops them.
ALTER TABLE network_member ADD COLUMN contract BLOB;
