package exchange

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// FileMode is the mode of every file cpog creates: a negotiation's figures
// are not for other accounts of the machine.
const FileMode fs.FileMode = 0o600

// CreateFile writes a new file with mode 0600 through write. Without force
// an existing file is never touched (the name is taken with O_EXCL, so two
// exports cannot race for it); with force the new content replaces it
// atomically, through a temporary file in the same directory renamed over
// it, so that a failed export never leaves half a file. On error nothing
// is left behind.
func CreateFile(path string, force bool, write func(io.Writer) error) error {
	if force {
		return replaceFile(path, write)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, FileMode)
	if errors.Is(err, fs.ErrExist) {
		return existsError(path)
	}
	if err != nil {
		return fileError("création de "+path, err)
	}
	if err := writeSync(f, write); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

func existsError(path string) error {
	return fmt.Errorf("le fichier %s existe déjà : choisissez un autre nom ou ajoutez --force pour le remplacer", path)
}

func replaceFile(path string, write func(io.Writer) error) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s est un dossier", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fileError("création de "+path, err)
	}
	name := tmp.Name()
	if err := tmp.Chmod(FileMode); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("création de %s : %w", path, err)
	}
	if err := writeSync(tmp, write); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fileError("remplacement de "+path, err)
	}
	return nil
}

// writeSync writes, flushes to disk and closes f.
func writeSync(f *os.File, write func(io.Writer) error) error {
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("écriture de %s : %w", f.Name(), err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("écriture de %s : %w", f.Name(), err)
	}
	return nil
}

// fileError says in French why a file could not be written, keeping the
// system's error in the chain.
func fileError(what string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s : le dossier n’existe pas (%w)", what, err)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s : permission refusée (%w)", what, err)
	}
	return fmt.Errorf("%s : %w", what, err)
}
