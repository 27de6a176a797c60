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
	if err := cmd.Start(); err != nil {
		c.t.Fatalf("cpog %q: %v", args, err)
	}
	// Poll the peak from /proc while cpog runs: the rusage wait4 returns
	// folds in the peak of the memory the child shared with the test
	// process before exec (see perf_test.go); VmHWM is cpog's own.
	var peak int64
	procOK := true
	stop := make(chan struct{})
	polled := make(chan struct{})
	go func() {
		defer close(polled)
		for {
			v, err := vmHWM(cmd.Process.Pid)
			if err != nil {
				procOK = peak > 0
				return
			}
			peak = max(peak, v)
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	err := cmd.Wait()
	close(stop)
	<-polled
	m := measured{result: result{stdout: out.String(), stderr: errb.String(), elapsed: time.Since(start)}, peak: peak}
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		c.t.Fatalf("cpog %q did not end within %v", args, timeout)
	case errors.As(err, &ee):
		m.code = ee.ExitCode()
	case err != nil:
		c.t.Fatalf("cpog %q: %v", args, err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && !procOK {
		c.t.Logf("no /proc here: peak memory from rusage, which may count the test process too")
		m.peak = maxRSSBytes(ru)
	}
	return m
}
