//go:build !windows && !darwin

package main

import "syscall"

// maxRSSBytes reads ru_maxrss, which Linux and the BSDs count in KiB.
func maxRSSBytes(ru *syscall.Rusage) int64 { return int64(ru.Maxrss) * 1024 }
