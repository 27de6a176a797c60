-- The other half of the CPOG: the fiches' tables of engagements, actions
-- and livrables (caisse side and État side) as the referential has them,
-- and the Caf's plan d'actions: its follow-up of each livrable and of the
-- État's engagements, and its own local actions (n "2.L1"…).
CREATE TABLE commitment (
	ref_id   TEXT NOT NULL REFERENCES referential(id),
	fiche    INTEGER NOT NULL,
	side     TEXT NOT NULL CHECK (side IN ('caisse', 'etat')),
	n        TEXT NOT NULL,
	printed  TEXT NOT NULL DEFAULT '',
	level    INTEGER NOT NULL CHECK (level IN (0, 1, 2)),
	label    TEXT NOT NULL,
	each_caf INTEGER NOT NULL DEFAULT 0 CHECK (each_caf IN (0, 1)),
	pos      INTEGER NOT NULL,
	PRIMARY KEY (ref_id, fiche, side, n),
	FOREIGN KEY (ref_id, fiche) REFERENCES fiche(ref_id, n)
) STRICT;

CREATE TABLE commitment_note (
	ref_id TEXT NOT NULL REFERENCES referential(id),
	fiche  INTEGER NOT NULL,
	pos    INTEGER NOT NULL,
	text   TEXT NOT NULL,
	PRIMARY KEY (ref_id, fiche, pos)
) STRICT;

CREATE TABLE plan_item (
	contract_id INTEGER NOT NULL REFERENCES contract(id),
	fiche       INTEGER NOT NULL,
	side        TEXT NOT NULL CHECK (side IN ('caisse', 'etat')),
	n           TEXT NOT NULL,
	label       TEXT NOT NULL DEFAULT '',
	status      TEXT NOT NULL DEFAULT '' CHECK (status IN ('', 'todo', 'doing', 'done', 'na')),
	due         TEXT NOT NULL DEFAULT '',
	pilot       TEXT NOT NULL DEFAULT '',
	comment     TEXT NOT NULL DEFAULT '',
	evidence    TEXT NOT NULL DEFAULT '',
	updated_at  TEXT NOT NULL,
	PRIMARY KEY (contract_id, fiche, side, n)
) STRICT;

-- An event of the plan d'actions names its item ("8 caisse 3.1.1").
ALTER TABLE event ADD COLUMN item TEXT NOT NULL DEFAULT '';
