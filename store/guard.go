package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/cnaf-tools/cpog"
)

// checkChange is the last guard before a change is written, whatever its
// source (a typed value, an import, an undo): no infinity or NaN, which
// would poison every gap and export computed from it, and no text that is
// not UTF-8, which every file cpog writes declares, or longer than
// cpog.MaxText. The layers above refuse such input with a more precise
// message; this guard holds if one of them forgets.
func checkChange(ch cpog.Change) error {
	for _, e := range ch.Edits {
		if e.Value.OK && (math.IsInf(e.Value.V, 0) || math.IsNaN(e.Value.V)) {
			return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("%s %s : nombre hors limites ; rien n’a été enregistré", e.Key.LineKey, e.Field.Label()))
		}
		if err := cpog.CheckText(e.Field.Label(), e.Text); err != nil {
			return err
		}
	}
	for _, s := range []string{ch.Summary, ch.Comment, ch.Source.File} {
		if !utf8.ValidString(s) {
			return cpog.Errorf(cpog.EInvalid, "texte qui n’est pas en UTF-8 (caractères d’un autre encodage) ; rien n’a été enregistré")
		}
	}
	return nil
}

// insertChangeSet appends a step of the history, with where an imported
// step came from, once the change passed checkChange; undoes is the step
// it compensates, or 0.
func insertChangeSet(ctx context.Context, tx *sql.Tx, cid int64, ch cpog.Change, undoes int64, now string) (int64, error) {
	if err := checkChange(ch); err != nil {
		return 0, err
	}
	var und any
	if undoes != 0 {
		und = undoes
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO change_set(contract_id, at, actor, kind, summary, comment, undoes, source_file, source_digest, declared_actor)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		cid, now, string(ch.Actor), ch.Kind, ch.Summary, ch.Comment, und, ch.Source.File, ch.Source.Digest, string(ch.Source.Actor))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}
