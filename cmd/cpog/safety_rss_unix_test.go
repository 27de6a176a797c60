//go:build unix

package main

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// measured is a finished command with the kernel's account of its peak
// memory.
type measured struct {
	result
	peak int64 // bytes
}

func (m measured) peakRSS(testing.TB) int64 { return m.peak }

// runMeasured runs cpog like runWith and reads its peak resident set size
// from the kernel (getrusage of the child).
func (c *cli) runMeasured(timeout time.Duration, args ...string) measured {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, cpogBin, args...)
	cmd.Env, cmd.Dir, cmd.WaitDelay = c.env, c.dir, time.Second
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	m := measured{result: result{stdout: out.String(), stderr: errb.String(), elapsed: time.Since(start)}}
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		c.t.Fatalf("cpog %q did not end within %v", args, timeout)
	case errors.As(err, &ee):
		m.code = ee.ExitCode()
	case err != nil:
		c.t.Fatalf("cpog %q: %v", args, err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.peak = maxRSSBytes(ru)
	}
	return m
}
