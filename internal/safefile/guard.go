package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// target is a destination as the system will resolve it.
type target struct {
	asked string // the path as the user wrote it, for messages
	dir   string // its folder, absolute, every symlink resolved
	base  string // its name in that folder
	path  string // dir and base joined
}

// resolve finds where a name lands. The folder is resolved by the system's
// rules (filepath.EvalSymlinks), never lexically: in "d/../cpog.db" with d
// a symlink, ".." is the parent of d's target, where filepath.Clean would
// say the current folder.
func resolve(path string) (target, error) {
	dir, base := splitRaw(path)
	if base == "" || base == "." || base == ".." {
		return target{}, cpog.Errorf(cpog.EInvalid, fmt.Sprintf("%s : il faut un nom de fichier, pas un dossier", Quote(path)))
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return target{}, fileError("création de "+Quote(path), err)
	}
	if fi, err := os.Stat(real); err != nil {
		return target{}, fileError("création de "+Quote(path), err)
	} else if !fi.IsDir() {
		return target{}, cpog.Errorf(cpog.EInvalid, fmt.Sprintf("création de %s : %s n’est pas un dossier", Quote(path), Quote(dir)))
	}
	abs, err := filepath.Abs(real)
	if err != nil {
		return target{}, fileError("création de "+Quote(path), err)
	}
	return target{asked: path, dir: abs, base: base, path: filepath.Join(abs, base)}, nil
}

// splitRaw splits a path at its last separator without cleaning it: the
// folder part keeps its "..", for the system to resolve.
func splitRaw(path string) (dir, base string) {
	vol := len(filepath.VolumeName(path))
	i := len(path) - 1
	for i >= vol && !os.IsPathSeparator(path[i]) {
		i--
	}
	dir, base = path[:i+1], path[i+1:]
	if dir == "" || dir == filepath.VolumeName(path) {
		dir += "."
	}
	return dir, base
}

// Companions lists the files that make a SQLite database: the file itself
// and the WAL, shared-memory and rollback-journal files SQLite keeps
// beside it, for the path as given and, when it goes through a symlink,
// for the file it leads to (SQLite puts them beside the real file).
func Companions(db string) []string {
	if db == "" {
		return nil
	}
	paths := []string{db}
	if real, err := filepath.EvalSymlinks(db); err == nil && real != db {
		paths = append(paths, real)
	}
	var out []string
	for _, p := range paths {
		out = append(out, p, p+"-wal", p+"-shm", p+"-journal")
	}
	return out
}

// refuseProtected refuses a destination that is, or would land on, one of
// the protected files.
func (t target) refuseProtected(protect []string) error {
	for _, p := range protect {
		if t.is(p) {
			return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("%s est la base de données de cpog (ou l’un de ses fichiers -wal, -shm, -journal) : choisissez un autre fichier ; rien n’a été écrit", Quote(t.asked)))
		}
	}
	return nil
}

// is reports whether the destination is the file p, by identity (same
// device and inode) when both exist, or because it would land where p is
// or would be: the same folder, the same name (case aside, as on the
// systems that ignore it). A -wal that does not exist yet must not be
// created by an export either: SQLite would take it for its journal.
func (t target) is(p string) bool {
	pdir, pbase := splitRaw(p)
	if strings.EqualFold(pbase, t.base) {
		a, errA := os.Stat(pdir)
		b, errB := os.Stat(t.dir)
		if errA == nil && errB == nil && os.SameFile(a, b) {
			return true
		}
	}
	a, errA := os.Stat(t.path)
	b, errB := os.Stat(p)
	return errA == nil && errB == nil && os.SameFile(a, b)
}

// refuseExisting refuses what is at the destination unless it is a
// regular file and force is set.
func (t target) refuseExisting(force bool) error {
	fi, err := os.Stat(t.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if lfi, lerr := os.Lstat(t.path); lerr == nil && lfi.Mode()&fs.ModeSymlink != 0 && !force {
			// a symlink to nothing: still a name taken
			return existsError(t.asked)
		}
		return nil
	case err != nil:
		return fileError("création de "+Quote(t.asked), err)
	case fi.IsDir():
		return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("%s est un dossier : indiquez un nom de fichier", Quote(t.asked)))
	case !fi.Mode().IsRegular():
		return notRegular(t.asked, fi.Mode())
	case !force:
		return existsError(t.asked)
	}
	return nil
}

// notRegular refuses a special file, by what it is.
func notRegular(name string, m fs.FileMode) error {
	what := "un fichier spécial"
	switch {
	case m.IsDir():
		what = "un dossier"
	case m&fs.ModeNamedPipe != 0:
		what = "un tube nommé (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "une socket"
	case m&fs.ModeDevice != 0:
		what = "un périphérique"
	}
	return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("%s est %s, pas un fichier ordinaire : cpog ne lit et n’écrit que des fichiers ordinaires", Quote(name), what))
}

// Quote cites a file's path in a message: visible characters only, and
// not a whole pasted page (the end kept, where its name is).
func Quote(name string) string { return cpog.CitePath(name) }
