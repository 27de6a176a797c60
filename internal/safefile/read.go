package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/cnaf-tools/cpog"
)

// TooLargeError is a file beyond the size a reader accepts.
type TooLargeError struct {
	Name  string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s : fichier trop volumineux (au plus %d Mo)", Quote(e.Name), e.Limit>>20)
}

// ReadFile reads a whole file of at most limit bytes. It opens the file,
// checks the open file (a regular file only: not a folder, a device such
// as /dev/zero, a FIFO or a socket, even behind a symlink), then reads
// through the limit: a file whose size lies (a device, /proc) or that
// grows while it is read cannot make cpog read more. Errors are French.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAll(f, path, limit)
}

// Open opens a file to read and checks it is a regular file, without ever
// waiting on a FIFO.
func Open(path string) (*os.File, error) {
	f, err := openRead(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, cpog.Errorf(cpog.ENotFound, fmt.Sprintf("fichier introuvable : %s", Quote(path)))
		}
		return nil, fileError("lecture de "+Quote(path), err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fileError("lecture de "+Quote(path), err)
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, notRegular(path, fi.Mode())
	}
	return f, nil
}

// ReadAll reads what remains of an open file, at most limit bytes.
func ReadAll(f *os.File, name string, limit int64) ([]byte, error) {
	var size int64
	if fi, err := f.Stat(); err == nil {
		if size = fi.Size(); size > limit {
			return nil, &TooLargeError{Name: name, Limit: limit}
		}
	}
	// one buffer of the reported size (io.ReadAll would double its way
	// there, twice the memory); a file that lies about its size grows it
	buf := bytes.NewBuffer(make([]byte, 0, max(size, 0)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, fileError("lecture de "+Quote(name), err)
	}
	if int64(buf.Len()) > limit {
		return nil, &TooLargeError{Name: name, Limit: limit}
	}
	return buf.Bytes(), nil
}
