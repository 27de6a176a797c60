package main

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// startupTraceEnv names a file to which a start's steps are appended, for
// the performance report (perf_test.go), which puts them beside the moment
// it started the process and the moment the screen was full.
const startupTraceEnv = "CPOG_STARTUP_TRACE"

// startupTrace notes when each step of a start was reached. A nil trace
// notes nothing: tracing costs a start only when asked for.
type startupTrace struct {
	path  string
	mu    sync.Mutex // the renderer's first write comes from its goroutine
	steps []traceStep
}

type traceStep struct {
	name string
	at   time.Time
}

// newStartupTrace starts a trace when the variable names a file; its first
// step, "main", is now.
func newStartupTrace(getenv func(string) string) *startupTrace {
	path := getenv(startupTraceEnv)
	if path == "" {
		return nil
	}
	t := &startupTrace{path: path}
	t.mark("main")
	return t
}

func (t *startupTrace) mark(name string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.steps = append(t.steps, traceStep{name, time.Now()})
	t.mu.Unlock()
}

// write appends the steps to the file, one "name unix-nanoseconds" line
// each, once the command is over: writing them costs the start nothing.
func (t *startupTrace) write() error {
	if t == nil {
		return nil
	}
	t.mu.Lock()
	var b strings.Builder
	for _, s := range t.steps {
		fmt.Fprintf(&b, "%s %d\n", s.name, s.at.UnixNano())
	}
	t.mu.Unlock()
	f, err := os.OpenFile(t.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("trace de démarrage : %w", err)
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return fmt.Errorf("trace de démarrage : %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("trace de démarrage : %w", err)
	}
	return nil
}

// tracedOutput is the terminal, noting the renderer's first write. It
// stays an *os.File for bubbletea, which reads the terminal's size and
// modes through it.
type tracedOutput struct {
	*os.File
	trace *startupTrace
	once  sync.Once
}

func (o *tracedOutput) Write(p []byte) (int, error) {
	o.once.Do(func() { o.trace.mark("renderer") })
	return o.File.Write(p)
}
