package main

import "syscall"

// maxRSSBytes reads ru_maxrss, which macOS counts in bytes.
func maxRSSBytes(ru *syscall.Rusage) int64 { return int64(ru.Maxrss) }
