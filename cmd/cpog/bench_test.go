package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

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
	n := len(ch.Edits) / 2
	c, err := db.Contract(ctx, "91")
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range ref.Fiches {
		for _, it := range cpog.PlanItems(ref, c, f.N, cpog.SideCaisse) {
			if !it.Followed {
				continue
			}
			next, err := cpog.SetFollowUp(ref, c, it.Key, cpog.FollowUp{Status: cpog.FollowDoing, Due: "2026-06", Pilot: "Service", Comment: "en cours"})
			if err != nil {
				b.Fatal(err)
			}
			ch.Edits = append(ch.Edits, next.Edits...)
		}
	}
	if _, err := db.Apply(ctx, "91", ch); err != nil {
		b.Fatal(err)
	}
	return path, n
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
	runInProcess(b, "gap", "--json")
}

// runInProcess runs a command of cpog in the benchmark's own process, on the
// benchmark database.
func runInProcess(b *testing.B, args ...string) {
	path, _ := benchDB(b)
	e := env{stdin: strings.NewReader(""), stderr: io.Discard, getenv: func(k string) string {
		if k == "CPOG_DB" {
			return path
		}
		return ""
	}}
	var out bytes.Buffer
	e.stdout = &out
	if code := run(context.Background(), args, e); code != 0 || out.Len() == 0 {
		b.Fatalf("exit %d, %d bytes", code, out.Len())
	}
	size := out.Len()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out.Reset()
		if code := run(context.Background(), args, e); code != 0 || out.Len() != size {
			b.Fatalf("exit %d, %d bytes", code, out.Len())
		}
	}
}

// BenchmarkSqlite3ShellQueryProcess runs the sqlite3 shell on the same
// database, for comparison: the least a process that opens this file can
// cost. It is skipped when the shell is not installed.
func BenchmarkSqlite3ShellQueryProcess(b *testing.B) {
	shell := sqlite3Shell(b)
	path, n := benchDB(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sqlite3Count(b, shell, path, n)
	}
}

// BenchmarkGapJSONVsSqlite3 alternates `cpog gap --json` and the sqlite3
// shell, one of each per op, so that both meet the same load on a shared
// machine, and reports the median of each and the ratio of the medians
// (target: within 4×).
func BenchmarkGapJSONVsSqlite3(b *testing.B) {
	versusSqlite3(b, "gap", "--json")
}

// BenchmarkEngagementsJSONVsSqlite3 is the same for `cpog engagements
// --json`, on a plan d'actions with every livrable followed (target:
// within 4×).
func BenchmarkEngagementsJSONVsSqlite3(b *testing.B) {
	versusSqlite3(b, "engagements", "--json")
}

// versusSqlite3 runs a command of cpog against the shell. The shell reads
// its own copy of the database: it deletes the -wal and -shm files cpog
// keeps, which would make cpog recreate them at every run, as it never
// does in use.
func versusSqlite3(b *testing.B, args ...string) {
	shell := sqlite3Shell(b)
	path, n := benchDB(b)
	copyPath := filepath.Join(b.TempDir(), "copie.db")
	copyFile(b, path, copyPath)
	env := append(isolatedEnv(b.TempDir()), "CPOG_DB="+path)
	cpogRun := func() {
		cmd := exec.Command(cpogBin, args...)
		cmd.Env = env
		var errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = io.Discard, &errb
		if err := cmd.Run(); err != nil {
			b.Fatalf("cpog %s: %v: %s", strings.Join(args, " "), err, errb.String())
		}
	}
	cpogRun()
	sqlite3Count(b, shell, copyPath, n)
	var cpogTimes, shellTimes []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := time.Now()
		cpogRun()
		cpogTimes = append(cpogTimes, time.Since(t))
		t = time.Now()
		sqlite3Count(b, shell, copyPath, n)
		shellTimes = append(shellTimes, time.Since(t))
	}
	c, s := median(cpogTimes), median(shellTimes)
	b.ReportMetric(float64(c)/1e6, "cpog-ms")
	b.ReportMetric(float64(s)/1e6, "sqlite3-ms")
	b.ReportMetric(float64(c)/float64(s), "ratio")
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func sqlite3Shell(b *testing.B) string {
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("the sqlite3 shell is not installed")
	}
	return shell
}

// sqlite3Count has the shell open the database and count its targets.
func sqlite3Count(b *testing.B, shell, path string, want int) {
	out, err := exec.Command(shell, path, "SELECT count(*) FROM target").Output()
	if err != nil {
		b.Fatalf("sqlite3: %v", err)
	}
	if got := strings.TrimSpace(string(out)); got != strconv.Itoa(want) {
		b.Fatalf("sqlite3 counted %q targets, want %d", got, want)
	}
}

// BenchmarkEngagementsJSONInProcess does the work of `cpog engagements
// --json` without starting a process.
func BenchmarkEngagementsJSONInProcess(b *testing.B) {
	runInProcess(b, "engagements", "--json")
}
