package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/cnaf-tools/cpog"
)

// checkPath refuses, before SQLite touches anything, a database path that
// cannot be a database: a folder, a FIFO (opening it would wait forever),
// a device (SQLite would leave a -journal beside it), a socket; and, when
// mustExist, a file that does not exist: a mistyped --db must not
// silently become a new, seeded database that doctor calls healthy.
func checkPath(path string, mustExist bool) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if mustExist {
			return cpog.Errorf(cpog.ENotFound, fmt.Sprintf("base introuvable : %s n’existe pas ; vérifiez --db ou CPOG_DB, ou, pour commencer une négociation, lancez « cpog » ou « cpog caf set CODE »", cpog.CitePath(path)))
		}
		return nil
	case err != nil:
		return &cpog.Error{Code: cpog.EInvalid, Message: fmt.Sprintf("base %s inaccessible : %s", cpog.CitePath(path), systemReason(err)), Cause: err}
	case fi.IsDir():
		return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("%s est un dossier : indiquez le fichier de la base (--db FICHIER)", cpog.CitePath(path)))
	case !fi.Mode().IsRegular():
		return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("%s n’est pas un fichier ordinaire (périphérique, tube nommé ou socket) : une base cpog est un fichier", cpog.CitePath(path)))
	}
	return nil
}

// systemReason says in French why the system refused a file.
func systemReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission refusée"
	case errors.Is(err, fs.ErrNotExist):
		return "le fichier ou son dossier n’existe pas"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// refuseVersion refuses a schema version this cpog does not know: newer
// than its own (written by a newer cpog) or negative (no cpog writes one:
// the file was made or edited by something else). The database is left as
// it is.
func refuseVersion(path string, v int) error {
	n := len(migrationNames())
	switch {
	case v < 0:
		return cpog.Errorf(cpog.ESchema, fmt.Sprintf("la base %s porte un numéro de schéma inconnu (%d) : elle n’a pas été écrite par cpog, ou a été modifiée par un autre programme ; elle n’a pas été modifiée. Restaurez une sauvegarde", cpog.CitePath(path), v))
	case v > n:
		return cpog.Errorf(cpog.ESchema, fmt.Sprintf("la base %s a été écrite par une version plus récente de cpog (schéma %d, cette version connaît le schéma %d) : mettez cpog à jour ; la base n’a pas été modifiée", cpog.CitePath(path), v, n))
	}
	return nil
}

// adoptEmpty gives an existing empty file, about to become a database,
// the mode of the files cpog creates: an empty file made by `touch` has
// 0644, and the negotiation's figures are not for other accounts.
func adoptEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		_ = os.Chmod(path, 0o600)
	}
}
