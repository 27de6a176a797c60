package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/store"
)

// benchDB prepares, once per benchmark, a database with the Essonne chosen
// and a proposal on every line of every indicator for every year. It
// returns the file and the number of targets.
func benchDB(b *testing.B) (string, int) {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "cpog.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SelectCaf(ctx, "91", cpog.Some(2.1)); err != nil {
		b.Fatal(err)
	}
	ref, err := db.Referential(ctx)
	if err != nil {
		b.Fatal(err)
	}
	ch := cpog.Change{Actor: cpog.ActorCaf, Kind: "import", Summary: "bench"}
	for i := range ref.Indicators {
		for _, l := range ref.Indicators[i].Lines() {
			for j, y := range ref.Years {
				k := cpog.TargetKey{LineKey: l.Key(), Year: y}
				ch.Edits = append(ch.Edits,
					cpog.Edit{Key: k, Field: cpog.FieldProposed, Value: cpog.Some(float64(10 + i + j))},
					cpog.Edit{Key: k, Field: cpog.FieldStatus, Text: string(cpog.StatusDraft)})
			}
		}
	}
	if _, err := db.Apply(ctx, "91", ch); err != nil {
		b.Fatal(err)
	}
	return path, len(ch.Edits) / 2
}

// BenchmarkGapJSONProcess runs `cpog gap --json` as a whole process, the
// way a script does: start, open, load, compute, print. Target: 20 ms.
func BenchmarkGapJSONProcess(b *testing.B) {
	path, n := benchDB(b)
	env := append(isolatedEnv(b.TempDir()), "CPOG_DB="+path)
	run := func() []byte {
		cmd := exec.Command(cpogBin, "gap", "--json")
		cmd.Env = env
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			b.Fatalf("cpog gap --json: %v: %s", err, errb.String())
		}
		return out.Bytes()
	}
	var rows []gapRowOut
	if err := json.Unmarshal(run(), &rows); err != nil {
		b.Fatal(err)
	}
	if len(rows) != n {
		b.Fatalf("%d rows, want %d", len(rows), n)
	}
	for _, r := range rows {
		if r.Local == nil || r.Status != "draft" {
			b.Fatalf("row without the prepared value: %+v", r)
		}
	}
	size := len(run())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if got := len(run()); got != size {
			b.Fatalf("output of %d bytes, want %d", got, size)
		}
	}
}

// BenchmarkGapJSONInProcess does the work of `cpog gap --json` without
// starting a process: what remains of BenchmarkGapJSONProcess is the cost
// of starting the binary (runtime, package initialisation).
func BenchmarkGapJSONInProcess(b *testing.B) {
	path, _ := benchDB(b)
	e := env{stdin: strings.NewReader(""), stderr: io.Discard, getenv: func(k string) string {
		if k == "CPOG_DB" {
			return path
		}
		return ""
	}}
	var out bytes.Buffer
	e.stdout = &out
	if code := run(context.Background(), []string{"gap", "--json"}, e); code != 0 || out.Len() == 0 {
		b.Fatalf("exit %d, %d bytes", code, out.Len())
	}
	size := out.Len()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out.Reset()
		if code := run(context.Background(), []string{"gap", "--json"}, e); code != 0 || out.Len() != size {
			b.Fatalf("exit %d, %d bytes", code, out.Len())
		}
	}
}

// BenchmarkSqlite3ShellQueryProcess runs the sqlite3 shell on the same
// database, for comparison: the least a process that opens this file can
// cost. It is skipped when the shell is not installed.
func BenchmarkSqlite3ShellQueryProcess(b *testing.B) {
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("the sqlite3 shell is not installed")
	}
	path, n := benchDB(b)
	run := func() string {
		out, err := exec.Command(shell, path, "SELECT count(*) FROM target").Output()
		if err != nil {
			b.Fatalf("sqlite3: %v", err)
		}
		return strings.TrimSpace(string(out))
	}
	if got := run(); got != strconv.Itoa(n) {
		b.Fatalf("sqlite3 counted %q targets, want %d", got, n)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if got := run(); got != strconv.Itoa(n) {
			b.Fatalf("sqlite3 counted %q targets", got)
		}
	}
}
