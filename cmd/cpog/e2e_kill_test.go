package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// killSeed seeds the kill delays: a new seed each run, so that runs
// explore different moments, logged, and CPOG_KILL_SEED replays one (the
// delays, not the scheduler's timing).
func killSeed(t *testing.T) uint64 {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("CPOG_KILL_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("CPOG_KILL_SEED: %v", err)
		}
		seed = v
	}
	t.Logf("seed %d (CPOG_KILL_SEED=%d to replay the delays)", seed, seed)
	return seed
}

// tortureEnv set to 1 (.ci/run sets it) runs the kill tests at full length,
// with random delays. Without it they strike at a fixed handful of moments
// spread evenly over a command's life, so that every phase (opening,
// loading, the transaction, the commit, the output) is still hit, in a few
// seconds.
const tortureEnv = "CPOG_TORTURE"

// killDelays are the moments the kills land, within [0, span): full random
// ones under CPOG_TORTURE=1, short evenly spread ones otherwise.
func killDelays(rng *rand.Rand, short, full int, span time.Duration) []time.Duration {
	if os.Getenv(tortureEnv) == "1" {
		out := make([]time.Duration, full)
		for i := range out {
			out[i] = time.Duration(rng.Float64() * float64(span))
		}
		return out
	}
	out := make([]time.Duration, short)
	for i := range out {
		out[i] = span * time.Duration(2*i+1) / time.Duration(2*short)
	}
	return out
}

// killSlot is one value `cpog set` writes: a line and a year of its own, so
// that no write hides another and each can be checked on its own.
type killSlot struct {
	code, sub string
	year      int
	value     float64
}

func (s killSlot) args() []string {
	a := []string{"set", s.code, strconv.Itoa(s.year), strconv.FormatFloat(s.value, 'f', -1, 64)}
	if s.sub != "" {
		a = append(a, "--sub", s.sub)
	}
	return a
}

func (s killSlot) key() string {
	var sub *string
	if s.sub != "" {
		sub = &s.sub
	}
	return e2eGapKey(s.code, sub, s.year)
}

// killSlots lists every line and year of the referential, each with a
// value its unit accepts (1 to 90 fits rates, delays, volumes and ratios).
func killSlots(t *testing.T, db string) []killSlot {
	t.Helper()
	var inds []indicatorJSON
	if err := json.Unmarshal([]byte(e2eMust(t, db, "indicators", "--json")), &inds); err != nil {
		t.Fatal(err)
	}
	var out []killSlot
	for _, ind := range inds {
		subs := []string{""}
		if len(ind.Subs) > 0 {
			subs = subs[:0]
			for _, s := range ind.Subs {
				subs = append(subs, s.Key)
			}
		}
		for _, sub := range subs {
			for y := 2023; y <= 2027; y++ {
				out = append(out, killSlot{code: ind.Code, sub: sub, year: y, value: float64(len(out)%90 + 1)})
			}
		}
	}
	return out
}

// killRun runs cpog and sends it SIGKILL after delay (if it is still
// running). acked is true when the command finished and said what it
// wrote: the write was acknowledged to the user.
func killRun(t *testing.T, db string, delay time.Duration, args ...string) (acked, killed bool, took time.Duration) {
	t.Helper()
	cmd := exec.Command(e2eBin(t), args...)
	cmd.Env = e2eEnv(t, db)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var timer *time.Timer
	if delay >= 0 {
		timer = time.AfterFunc(delay, func() { _ = cmd.Process.Kill() })
	}
	_ = cmd.Wait()
	took = time.Since(start)
	if timer != nil {
		timer.Stop()
	}
	switch code := cmd.ProcessState.ExitCode(); {
	case code == -1: // ended by a signal: ours
		return false, true, took
	case code == 0 && strings.TrimSpace(out.String()) != "":
		return true, false, took
	default:
		t.Fatalf("cpog %s: exit %d (not killed)\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out.String(), errb.String())
	}
	return false, false, took
}

// TestKillDuringWrites kills `cpog set` with SIGKILL at moments spread over
// its life (opening the database, loading the contract, in the middle of
// the transaction, committing, printing) again and again on one database:
// 20 evenly spread moments, or 100 random ones under CPOG_TORTURE=1.
// Afterwards the database is sound, every acknowledged write is there, and
// every write that was cut off is either wholly there, history included,
// or not at all.
func TestKillDuringWrites(t *testing.T) {
	t.Parallel()
	seed := killSeed(t)
	rng := rand.New(rand.NewPCG(seed, 2026))

	db := filepath.Join(t.TempDir(), "cpog.db")
	copyFixture(t, "caf-91-2", db)
	slots := killSlots(t, db)
	rng.Shuffle(len(slots), func(i, j int) { slots[i], slots[j] = slots[j], slots[i] })

	// how long a write lives, so that the kills spread over all of it
	var runs []time.Duration
	for _, s := range slots[:3] {
		acked, _, took := killRun(t, db, -1, s.args()...)
		if !acked {
			t.Fatalf("%v: not acknowledged", s.args())
		}
		runs = append(runs, took)
	}
	slices.Sort(runs)
	life := runs[1]
	t.Logf("an unkilled cpog set takes about %v", life)
	delays := killDelays(rng, 20, 100, life*13/10)
	iterations := len(delays)
	if len(slots) < iterations+3 {
		t.Fatalf("only %d slots", len(slots))
	}

	acked := map[string]killSlot{}
	cut := map[string]killSlot{}
	for _, s := range slots[:3] {
		acked[s.key()] = s
	}
	for i, s := range slots[3 : 3+iterations] {
		ok, killed, _ := killRun(t, db, delays[i], s.args()...)
		switch {
		case ok:
			acked[s.key()] = s
		case killed:
			cut[s.key()] = s
		}
	}
	t.Logf("%d writes: %d acknowledged, %d killed before their acknowledgement", iterations, len(acked)-3, len(cut))
	if len(cut) < iterations/5 {
		t.Errorf("only %d of %d runs were killed: the kills do not land", len(cut), iterations)
	}

	e2eCheckDB(t, db)
	rows := e2eGap(t, db)
	kept := 0
	for k, s := range acked {
		r := rows[k]
		if r.Local == nil || *r.Local != s.value || r.Status != "draft" {
			t.Errorf("acknowledged %v lost: gap row %+v", s.args(), r)
		}
	}
	for k, s := range cut {
		r := rows[k]
		switch {
		case r.Local == nil:
		case *r.Local == s.value:
			kept++ // committed, killed before it could say so
		default:
			t.Errorf("killed %v left a value of its own: %+v", s.args(), r)
		}
	}
	for k, r := range rows {
		_, a := acked[k]
		_, c := cut[k]
		if !a && !c && (r.Local != nil || r.Status != "none") {
			t.Errorf("%s was never written but reads %+v", k, r)
		}
	}
	t.Logf("of the killed writes, %d had committed", kept)
	checkHistoryMatches(t, db)
}

// checkHistoryMatches checks that each change is whole: every change set
// has its events, every proposed value has the event that wrote it.
func checkHistoryMatches(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []struct{ what, sql string }{
		{"change sets without events", `SELECT count(*) FROM change_set c WHERE NOT EXISTS (SELECT 1 FROM event e WHERE e.change_id = c.id)`},
		{"proposals without their event", `SELECT count(*) FROM target t WHERE t.proposed IS NOT NULL AND NOT EXISTS (
			SELECT 1 FROM event e WHERE e.code = t.code AND e.sub = t.sub AND e.year = t.year AND e.field = 'proposed' AND e.new_value = t.proposed)`},
		{"proposal events without their value", `SELECT count(*) FROM event e WHERE e.field = 'proposed' AND e.id = (
			SELECT max(id) FROM event f WHERE f.code = e.code AND f.sub = e.sub AND f.year = e.year AND f.field = 'proposed')
			AND NOT EXISTS (SELECT 1 FROM target t WHERE t.code = e.code AND t.sub = e.sub AND t.year = e.year AND t.proposed = e.new_value)`},
	} {
		var n int
		if err := db.QueryRow(q.sql).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q.what, err)
		}
		if n != 0 {
			t.Errorf("%d %s", n, q.what)
		}
	}
}

// TestKillDuringFirstRun kills cpog while it creates the database and
// installs the referential (8 evenly spread moments, or 30 random ones
// under CPOG_TORTURE=1): the next start finds a sound database with the
// whole referential, whatever the moment of the kill. (A kill during the
// switch to WAL once left a rollback journal that made every later start
// fail; store's TestOpenAfterKillWithHotJournal reproduces it.)
func TestKillDuringFirstRun(t *testing.T) {
	t.Parallel()
	seed := killSeed(t)
	rng := rand.New(rand.NewPCG(seed, 1))
	dir := t.TempDir()
	_, _, life := killRun(t, filepath.Join(dir, "probe.db"), -1, "caf", "set", "91")
	for i, delay := range killDelays(rng, 8, 30, life*12/10) {
		db := filepath.Join(dir, fmt.Sprintf("first-%02d.db", i))
		killRun(t, db, delay, "caf", "set", "91")
		var inds []indicatorJSON
		if err := json.Unmarshal([]byte(e2eMust(t, db, "indicators", "--json")), &inds); err != nil || len(inds) != 55 {
			t.Fatalf("after a kill at first run: %d indicators, %v", len(inds), err)
		}
		e2eMust(t, db, "caf", "set", "91")
		e2eCheckDB(t, db)
	}
}
