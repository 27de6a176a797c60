//go:build darwin || freebsd || netbsd || openbsd || dragonfly

package main

import "golang.org/x/sys/unix"

// ioctlGetTermios reads a terminal's settings (the e2e tests look at the
// pseudo-terminal's).
const ioctlGetTermios = unix.TIOCGETA
