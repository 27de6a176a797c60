//go:build unix

package safefile

import (
	"errors"
	"syscall"
)

// alive reports whether a process exists: signal 0 checks without
// sending anything; EPERM means it exists under another account.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
