// Command cpog is the CPOG negotiation tool: without arguments it opens the
// terminal interface on the default database; its subcommands script the
// same operations.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	trace := newStartupTrace(os.Getenv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		getenv: os.Getenv, trace: trace,
	})
	stop()
	os.Exit(code)
}
