package exchange

import (
	"errors"
	"path/filepath"

	"github.com/cnaf-tools/cpog/internal/safefile"
)

// readImport reads a file to import: a regular file only (not a device
// such as /dev/zero, a FIFO that would hang the import, a folder), read
// through MaxImportSize whatever size the file reports, so that no file
// can make cpog wait forever or exhaust its memory.
func readImport(path string) ([]byte, error) {
	data, err := safefile.ReadFile(path, MaxImportSize)
	var tl *safefile.TooLargeError
	if errors.As(err, &tl) {
		name := filepath.Base(path)
		ps := &problems{file: name}
		ps.whole("fichier trop volumineux (au plus %d Mo)", MaxImportSize>>20)
		return nil, ps.err()
	}
	return data, err
}
