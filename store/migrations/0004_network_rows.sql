-- The network dataset as ordinary rows again: schema 3 kept each member's
-- figures in one value of a format of cpog's own, which only cpog could
-- read; these tables read in the sqlite3 shell, and doctor checks them
-- against the referential. Without rowid: each table is stored in the
-- order of its key, the order in which cpog writes and reads it. The Go
-- step of this migration (migrateNetworkRows) fills them from each
-- member's value, or from schema 2's rows that migration 3 put aside, then
-- drops the value's column.
CREATE TABLE network_mode (
	caf_code TEXT NOT NULL REFERENCES network_member(caf_code) ON DELETE CASCADE,
	code     TEXT NOT NULL,
	mode     TEXT NOT NULL CHECK (mode IN ('same', 'share', 'path', 'free', 'national')),
	PRIMARY KEY (caf_code, code)
) STRICT, WITHOUT ROWID;

CREATE TABLE network_baseline (
	caf_code TEXT NOT NULL REFERENCES network_member(caf_code) ON DELETE CASCADE,
	code     TEXT NOT NULL,
	sub      TEXT NOT NULL DEFAULT '',
	value    REAL NOT NULL,
	PRIMARY KEY (caf_code, code, sub)
) STRICT, WITHOUT ROWID;

CREATE TABLE network_target (
	caf_code TEXT NOT NULL REFERENCES network_member(caf_code) ON DELETE CASCADE,
	code     TEXT NOT NULL,
	sub      TEXT NOT NULL DEFAULT '',
	year     INTEGER NOT NULL,
	proposed REAL,
	counter  REAL,
	agreed   REAL,
	status   TEXT NOT NULL DEFAULT '' CHECK (status IN ('', 'draft', 'proposed', 'countered', 'agreed')),
	PRIMARY KEY (caf_code, code, sub, year)
) STRICT, WITHOUT ROWID;
