//go:build unix

package safefile

import (
	"os"
	"syscall"
)

// openRead opens a file for reading without waiting: opening a FIFO
// blocks until something writes to it, which would hang cpog; with
// O_NONBLOCK the open returns and the check of the open file refuses it.
// O_NONBLOCK changes nothing for a regular file.
func openRead(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
