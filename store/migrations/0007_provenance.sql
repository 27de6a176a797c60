-- Where an imported step came from: the file's name, its digest as read,
-- and the actor the file declares (which its digest, a plain SHA-256,
-- does not prove). Empty for typed steps and for imports made before
-- schema 7, whose comment alone names the file.
ALTER TABLE change_set ADD COLUMN source_file TEXT NOT NULL DEFAULT '';
ALTER TABLE change_set ADD COLUMN source_digest TEXT NOT NULL DEFAULT '';
ALTER TABLE change_set ADD COLUMN declared_actor TEXT NOT NULL DEFAULT '';
