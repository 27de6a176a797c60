-- cpog:foreign-keys-off
-- Mayotte's caisse is the CSS, as the COG names it: the Caf table's CHECK
-- accepts it. SQLite cannot change a CHECK in place: the table is copied,
-- with foreign keys off for this migration only (the runner checks them
-- all before it commits).
CREATE TABLE caf_new (
	code        TEXT PRIMARY KEY,
	departement TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('Caf', 'CCSS', 'CSS')),
	name        TEXT NOT NULL
) STRICT;
INSERT INTO caf_new(code, departement, kind, name) SELECT code, departement, kind, name FROM caf;
DROP TABLE caf;
ALTER TABLE caf_new RENAME TO caf;

-- An agreement is the two parties', on the day of a dialogue de gestion;
-- the bilan annuel explains a gap and states the corrective action, per
-- line and year.
ALTER TABLE target ADD COLUMN agreed_on TEXT NOT NULL DEFAULT '';
ALTER TABLE target ADD COLUMN explanation TEXT NOT NULL DEFAULT '';
ALTER TABLE target ADD COLUMN action TEXT NOT NULL DEFAULT '';

-- A share key of the Caf for one indicator (its share of children under 3
-- for EAJE places…), in percent; without one, the contract's weight.
CREATE TABLE contract_share_key (
	contract_id INTEGER NOT NULL REFERENCES contract(id),
	code        TEXT NOT NULL,
	share_key   REAL NOT NULL CHECK (share_key > 0 AND share_key <= 100),
	PRIMARY KEY (contract_id, code)
) STRICT;

-- What an indicator's figure is: a level, or a volume shared out (see
-- cpog.Measure). Empty in referentials installed before: derived from
-- the unit when read.
ALTER TABLE indicator ADD COLUMN measure TEXT NOT NULL DEFAULT '';
