// Package safefile is how cpog touches the files a user names: it writes
// exports and backups so that no mistaken name, failure or signal can
// replace the database or leave a half-written file under the name asked
// for, and it reads imports so that no file can hang cpog or exhaust its
// memory.
package safefile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// Mode is the mode of every file cpog creates: a negotiation's figures
// are not for other accounts of the machine.
const Mode fs.FileMode = 0o600

// Options say how Write may treat the destination.
type Options struct {
	// Force replaces an existing regular file; without it an existing
	// file is never touched.
	Force bool
	// Protect lists files that must never be replaced, --force or not:
	// the database and its companions (see Companions).
	Protect []string
}

// Write creates the file at path through fill, which writes a temporary
// file of the destination's folder (mode 0600; fill may also hand its name
// to another writer, as SQLite's VACUUM INTO). The temporary file is then
// flushed to disk and given the destination's name in one step, so that
// the destination is either untouched or whole, never empty or half
// written. On error, or as soon as ctx is cancelled (cpog cancels it on
// SIGINT, SIGTERM and SIGHUP), the temporary file is removed.
//
// Before anything is written, a destination that is one of opts.Protect
// (by identity after every symlink is resolved, or by where it would
// land) or that is not a regular file (a folder, a device, a FIFO, a
// socket) is refused, --force or not.
func Write(ctx context.Context, path string, opts Options, fill func(tmp *os.File) error) error {
	t, err := resolve(path)
	if err != nil {
		return err
	}
	if err := t.refuseProtected(opts.Protect); err != nil {
		return err
	}
	if err := t.refuseExisting(opts.Force); err != nil {
		return err
	}
	sweep(t.dir, t.base)
	tmp, err := os.CreateTemp(t.dir, tempPattern(t.base))
	if err != nil {
		return fileError("création de "+path, err)
	}
	name := tmp.Name()
	// The removal on cancellation runs at once, whatever fill is doing:
	// a signal must not wait for a long VACUUM INTO to leave no trace.
	stop := context.AfterFunc(ctx, func() { os.Remove(name) })
	defer stop()
	if err := writeTemp(ctx, tmp, path, fill); err != nil {
		os.Remove(name)
		return err
	}
	if err := t.commit(name, opts.Force, path); err != nil {
		os.Remove(name)
		return err
	}
	if ctx.Err() != nil {
		// cancelled after the rename: the destination is whole; only a
		// temporary name may be left, which the removal above handled
		return nil
	}
	syncDir(t.dir)
	return nil
}

// writeTemp fills, flushes and closes the temporary file.
func writeTemp(ctx context.Context, tmp *os.File, path string, fill func(*os.File) error) error {
	if err := tmp.Chmod(Mode); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		tmp.Close()
		return fileError("création de "+path, err)
	}
	if err := fill(tmp); err != nil {
		tmp.Close()
		if ctx.Err() != nil {
			return interrupted(path)
		}
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fileError("écriture de "+path, err)
	}
	fi, err := tmp.Stat()
	if err != nil {
		tmp.Close()
		return fileError("écriture de "+path, err)
	}
	if err := tmp.Close(); err != nil {
		return fileError("écriture de "+path, err)
	}
	if ctx.Err() != nil {
		return interrupted(path)
	}
	if fi.Size() == 0 {
		return cpog.Errorf(cpog.EInternal, fmt.Sprintf("écriture de %s : rien n’a été produit ; le fichier n’a pas été créé", Quote(path)))
	}
	return nil
}

func interrupted(path string) error {
	return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("interrompu : %s n’a pas été écrit", Quote(path)))
}

// commit gives the temporary file its final name: over the old file with
// force, else only if the name is still free (a hard link fails on an
// existing name, so two cpog cannot both take it).
func (t target) commit(tmp string, force bool, asked string) error {
	if force {
		if err := os.Rename(tmp, t.path); err != nil {
			return fileError("remplacement de "+asked, err)
		}
		return nil
	}
	err := os.Link(tmp, t.path)
	switch {
	case err == nil:
		os.Remove(tmp)
		return nil
	case errors.Is(err, fs.ErrExist):
		return existsError(asked)
	}
	// a file system without hard links (FAT, some network shares): the
	// name was free a moment ago; check again, then rename
	if _, err := os.Lstat(t.path); err == nil {
		return existsError(asked)
	}
	if err := os.Rename(tmp, t.path); err != nil {
		return fileError("création de "+asked, err)
	}
	return nil
}

// tempPattern names the temporary files of a destination: hidden, after
// the destination, with this process's id so that a later cpog can tell
// one left by a killed process (see sweep).
func tempPattern(base string) string {
	return "." + base + ".cpog-" + strconv.Itoa(os.Getpid()) + "-*.tmp"
}

func existsError(path string) error {
	return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("le fichier %s existe déjà : choisissez un autre nom ou ajoutez --force pour le remplacer", Quote(path)))
}

// fileError says in French why a file could not be written or read,
// keeping the system's error in the chain for developers.
func fileError(what string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &frenchError{msg: what + " : le dossier ou le fichier n’existe pas", err: err}
	case errors.Is(err, fs.ErrPermission):
		return &frenchError{msg: what + " : permission refusée", err: err}
	case isNoSpace(err):
		return &frenchError{msg: what + " : disque plein", err: err}
	}
	return &frenchError{msg: what + " : " + systemText(err), err: err}
}

// frenchError is a French message whose system cause stays in the chain
// (errors.Is) without being printed.
type frenchError struct {
	msg string
	err error
}

func (e *frenchError) Error() string { return e.msg }
func (e *frenchError) Unwrap() error { return e.err }

// systemText is the last part of a system error ("no space left on
// device"), without the operation and path Go puts before it.
func systemText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

func isNoSpace(err error) bool {
	return strings.Contains(strings.ToLower(err.Error()), "no space left")
}

// syncDir flushes a folder's entries, so that the new name survives a
// power cut; some systems cannot open a folder for it, which is harmless.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	d.Close()
}
