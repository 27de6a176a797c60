-- The plan d'actions of the network: each imported Caf's follow-up of the
-- COG's livrables (caisse side), for the Réseau's share of livrables
-- réalisés per fiche. Local actions stay the Caf's own and are not kept.
CREATE TABLE network_follow_up (
	caf_code TEXT NOT NULL REFERENCES network_member(caf_code) ON DELETE CASCADE,
	fiche    INTEGER NOT NULL,
	n        TEXT NOT NULL,
	status   TEXT NOT NULL DEFAULT '' CHECK (status IN ('', 'todo', 'doing', 'done', 'na')),
	due      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (caf_code, fiche, n)
) STRICT, WITHOUT ROWID;
