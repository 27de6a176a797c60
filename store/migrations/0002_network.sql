-- The network dataset: other Caf's CPOG loaded from their exchange files,
-- kept apart from the user's own contract. One member per Caf: a newer file
-- replaces an older one.
CREATE TABLE network_member (
	caf_code      TEXT PRIMARY KEY REFERENCES caf(code),
	ref_id        TEXT NOT NULL REFERENCES referential(id),
	weight        REAL NOT NULL CHECK (weight > 0 AND weight <= 100),
	baseline_year INTEGER NOT NULL,
	source        TEXT NOT NULL,
	exported_at   TEXT NOT NULL,
	imported_at   TEXT NOT NULL
) STRICT;

CREATE TABLE network_mode (
	caf_code TEXT NOT NULL REFERENCES network_member(caf_code) ON DELETE CASCADE,
	code     TEXT NOT NULL,
	mode     TEXT NOT NULL,
	PRIMARY KEY (caf_code, code)
) STRICT;

CREATE TABLE network_baseline (
	caf_code TEXT NOT NULL REFERENCES network_member(caf_code) ON DELETE CASCADE,
	code     TEXT NOT NULL,
	sub      TEXT NOT NULL DEFAULT '',
	value    REAL NOT NULL,
	PRIMARY KEY (caf_code, code, sub)
) STRICT;

CREATE TABLE network_target (
	caf_code TEXT NOT NULL REFERENCES network_member(caf_code) ON DELETE CASCADE,
	code     TEXT NOT NULL,
	sub      TEXT NOT NULL DEFAULT '',
	year     INTEGER NOT NULL,
	proposed REAL,
	counter  REAL,
	agreed   REAL,
	status   TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (caf_code, code, sub, year)
) STRICT;
