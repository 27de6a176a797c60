// Command cpog is the CPOG negotiation tool: without arguments it opens the
// terminal interface on the default database; its subcommands script the
// same operations.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"
)

// exitGrace is how long cpog may take to stop cleanly after SIGINT,
// SIGTERM or SIGHUP (a transaction rolled back, a temporary file removed)
// before it exits anyway: catching the signals must not make a stuck cpog
// unkillable by them.
const exitGrace = 5 * time.Second

// memoryLimit is the heap size past which the garbage collector works
// harder: an import of a file at the size limit then stays well within a
// laptop's memory. GOMEMLIMIT, when set, wins.
const memoryLimit = 100 << 20

func main() {
	trace := newStartupTrace(os.Getenv)
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	// A signal cancels the context: a backup or an export then removes its
	// temporary file at once (see internal/safefile), a write is rolled
	// back, the interface closes.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	context.AfterFunc(ctx, func() {
		time.AfterFunc(exitGrace, func() {
			fmt.Fprintln(os.Stderr, "cpog : interrompu")
			os.Exit(1)
		})
	})
	code := run(ctx, os.Args[1:], env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		getenv: os.Getenv, trace: trace,
	})
	stop()
	os.Exit(code)
}
