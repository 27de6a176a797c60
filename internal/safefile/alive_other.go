//go:build !unix

package safefile

import "os"

// alive reports whether a process exists; where that cannot be told
// cheaply, it says yes, so that nothing is removed.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
