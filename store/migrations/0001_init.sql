-- The national referential, installed from the embedded seed.
CREATE TABLE referential (
	id           TEXT PRIMARY KEY,
	title        TEXT NOT NULL,
	revision     INTEGER NOT NULL,
	signed       TEXT NOT NULL DEFAULT '',
	first_year   INTEGER NOT NULL,
	last_year    INTEGER NOT NULL,
	checksum     TEXT NOT NULL,
	installed_at TEXT NOT NULL
) STRICT;

CREATE TABLE axis (
	ref_id TEXT NOT NULL REFERENCES referential(id),
	n      INTEGER NOT NULL,
	title  TEXT NOT NULL,
	PRIMARY KEY (ref_id, n)
) STRICT;

CREATE TABLE fiche (
	ref_id TEXT NOT NULL REFERENCES referential(id),
	n      INTEGER NOT NULL,
	axis   INTEGER NOT NULL,
	title  TEXT NOT NULL,
	PRIMARY KEY (ref_id, n),
	FOREIGN KEY (ref_id, axis) REFERENCES axis(ref_id, n)
) STRICT;

CREATE TABLE indicator (
	ref_id    TEXT NOT NULL REFERENCES referential(id),
	code      TEXT NOT NULL,
	n         INTEGER NOT NULL,
	fiche     INTEGER NOT NULL,
	label     TEXT NOT NULL,
	unit      TEXT NOT NULL,
	direction TEXT NOT NULL,
	mode      TEXT NOT NULL,
	notes     TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (ref_id, code),
	FOREIGN KEY (ref_id, fiche) REFERENCES fiche(ref_id, n)
) STRICT;

CREATE TABLE indicator_alias (
	ref_id TEXT NOT NULL,
	alias  TEXT NOT NULL,
	code   TEXT NOT NULL,
	PRIMARY KEY (ref_id, alias),
	FOREIGN KEY (ref_id, code) REFERENCES indicator(ref_id, code)
) STRICT;

CREATE TABLE sub_indicator (
	ref_id TEXT NOT NULL,
	code   TEXT NOT NULL,
	key    TEXT NOT NULL,
	pos    INTEGER NOT NULL,
	label  TEXT NOT NULL,
	PRIMARY KEY (ref_id, code, key),
	FOREIGN KEY (ref_id, code) REFERENCES indicator(ref_id, code)
) STRICT;

-- sub is '' for an indicator's own targets.
CREATE TABLE national_target (
	ref_id      TEXT NOT NULL,
	code        TEXT NOT NULL,
	sub         TEXT NOT NULL DEFAULT '',
	year        INTEGER NOT NULL,
	raw         TEXT NOT NULL,
	kind        TEXT NOT NULL,
	value       REAL,
	min         REAL,
	max         REAL,
	relative_to TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (ref_id, code, sub, year),
	FOREIGN KEY (ref_id, code) REFERENCES indicator(ref_id, code)
) STRICT;

CREATE TABLE caf (
	code        TEXT PRIMARY KEY,
	departement TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('Caf', 'CCSS')),
	name        TEXT NOT NULL
) STRICT;

-- Settings of this installation (the Caf in use).
CREATE TABLE setting (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- A Caf's CPOG against one referential.
CREATE TABLE contract (
	id            INTEGER PRIMARY KEY,
	caf_code      TEXT NOT NULL REFERENCES caf(code),
	ref_id        TEXT NOT NULL REFERENCES referential(id),
	weight        REAL NOT NULL CHECK (weight > 0 AND weight <= 100),
	baseline_year INTEGER NOT NULL,
	created_at    TEXT NOT NULL,
	UNIQUE (caf_code, ref_id)
) STRICT;

-- Per-indicator choices of a contract (mode de déclinaison).
CREATE TABLE contract_indicator (
	contract_id INTEGER NOT NULL REFERENCES contract(id),
	code        TEXT NOT NULL,
	mode        TEXT NOT NULL,
	PRIMARY KEY (contract_id, code)
) STRICT;

CREATE TABLE baseline (
	contract_id INTEGER NOT NULL REFERENCES contract(id),
	code        TEXT NOT NULL,
	sub         TEXT NOT NULL DEFAULT '',
	value       REAL NOT NULL,
	PRIMARY KEY (contract_id, code, sub)
) STRICT;

-- The current state of each local target; the history below says how it
-- got there.
CREATE TABLE target (
	contract_id INTEGER NOT NULL REFERENCES contract(id),
	code        TEXT NOT NULL,
	sub         TEXT NOT NULL DEFAULT '',
	year        INTEGER NOT NULL,
	proposed    REAL,
	counter     REAL,
	agreed      REAL,
	status      TEXT NOT NULL DEFAULT '' CHECK (status IN ('', 'draft', 'proposed', 'countered', 'agreed')),
	comment     TEXT NOT NULL DEFAULT '',
	updated_at  TEXT NOT NULL,
	PRIMARY KEY (contract_id, code, sub, year)
) STRICT;

CREATE TABLE actual (
	contract_id INTEGER NOT NULL REFERENCES contract(id),
	code        TEXT NOT NULL,
	sub         TEXT NOT NULL DEFAULT '',
	year        INTEGER NOT NULL,
	value       REAL NOT NULL,
	PRIMARY KEY (contract_id, code, sub, year)
) STRICT;

-- One undoable step: a typed value, an agreement, an import, an undo.
CREATE TABLE change_set (
	id          INTEGER PRIMARY KEY,
	contract_id INTEGER NOT NULL REFERENCES contract(id),
	at          TEXT NOT NULL,
	actor       TEXT NOT NULL,
	kind        TEXT NOT NULL,
	summary     TEXT NOT NULL DEFAULT '',
	comment     TEXT NOT NULL DEFAULT '',
	undoes      INTEGER REFERENCES change_set(id)
) STRICT;

-- Each field changed by a step, with its value before and after.
CREATE TABLE event (
	id        INTEGER PRIMARY KEY,
	change_id INTEGER NOT NULL REFERENCES change_set(id),
	code      TEXT NOT NULL DEFAULT '',
	sub       TEXT NOT NULL DEFAULT '',
	year      INTEGER NOT NULL DEFAULT 0,
	field     TEXT NOT NULL,
	old_value REAL,
	new_value REAL,
	old_text  TEXT,
	new_text  TEXT
) STRICT;

CREATE INDEX event_change ON event(change_id);
CREATE INDEX event_code ON event(code);
CREATE INDEX change_set_contract ON change_set(contract_id, id);

-- History is never rewritten: undo appends a compensating step.
CREATE TRIGGER change_set_no_update BEFORE UPDATE ON change_set BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER change_set_no_delete BEFORE DELETE ON change_set BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER event_no_update BEFORE UPDATE ON event BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
