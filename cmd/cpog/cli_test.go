package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// cpogBin is the binary under test, built once by TestMain.
var cpogBin string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "cpog-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	fixtureDir = filepath.Join(dir, "fixtures")
	cpogBin = filepath.Join(dir, "cpog")
	if runtime.GOOS == "windows" {
		cpogBin += ".exe"
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	// built as scripts/release builds it: pure Go and stripped, which is
	// what directors run, and a fifth quicker to start than a cgo build
	// (the tests start it some eight hundred times)
	build := exec.Command(goTool, "build", "-trimpath", "-ldflags", "-s -w", "-o", cpogBin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n", err)
		return 1
	}
	return m.Run()
}

// isolatedEnv is the environment of the process minus everything that could
// lead cpog to the user's real data, plus temporary HOME and XDG_DATA_HOME.
func isolatedEnv(dir string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch strings.ToUpper(k) {
		case "CPOG_DB", "HOME", "XDG_DATA_HOME", "LOCALAPPDATA", "APPDATA", "USERPROFILE":
			continue
		}
		env = append(env, kv)
	}
	home := filepath.Join(dir, "home")
	env = append(env, "HOME="+home, "XDG_DATA_HOME="+filepath.Join(dir, "xdg"), "NO_COLOR=1")
	if runtime.GOOS == "windows" {
		env = append(env, "USERPROFILE="+home, "LocalAppData="+filepath.Join(dir, "localappdata"), "APPDATA="+filepath.Join(dir, "appdata"))
	}
	return env
}

// cli runs the built binary on a database of its own.
type cli struct {
	t   testing.TB
	dir string
	db  string
	env []string
}

func newCLI(t testing.TB) *cli {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "cpog.db")
	return &cli{t: t, dir: dir, db: db, env: append(isolatedEnv(dir), "CPOG_DB="+db, oneProcessor)}
}

type result struct {
	stdout, stderr string
	code           int
	elapsed        time.Duration
}

func (c *cli) runWith(stdin *os.File, env []string, timeout time.Duration, args ...string) result {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, cpogBin, args...)
	cmd.Env = env
	cmd.Dir = c.dir
	cmd.WaitDelay = time.Second
	if stdin != nil {
		cmd.Stdin = stdin
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String(), elapsed: time.Since(start)}
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		c.t.Fatalf("cpog %q did not end within %v (stderr %q)", args, timeout, r.stderr)
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		c.t.Fatalf("cpog %q: %v", args, err)
	}
	return r
}

// run runs cpog with stdin on the null device.
func (c *cli) run(args ...string) result {
	c.t.Helper()
	return c.runWith(nil, c.env, 30*time.Second, args...)
}

// ok runs cpog and fails the test unless it succeeds.
func (c *cli) ok(args ...string) string {
	c.t.Helper()
	r := c.run(args...)
	if r.code != 0 {
		c.t.Fatalf("cpog %q: exit %d, stderr %q", args, r.code, r.stderr)
	}
	return r.stdout
}

func (c *cli) jsonOut(v any, args ...string) {
	c.t.Helper()
	out := c.ok(args...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		c.t.Fatalf("cpog %q: output is not the expected JSON: %v\n%s", args, err, out)
	}
}

type gapRowOut struct {
	Code      string   `json:"code"`
	Sub       *string  `json:"sub"`
	Year      int      `json:"year"`
	National  *float64 `json:"national"`
	Reference *float64 `json:"reference"`
	Local     *float64 `json:"local"`
	Cnaf      *float64 `json:"cnaf"`
	Gap       *float64 `json:"gap"`
	Class     string   `json:"class"`
	Status    string   `json:"status"`
}

// gapRow runs `gap --json --year Y` and returns the row of a line.
func (c *cli) gapRow(code, sub string, year int) gapRowOut {
	c.t.Helper()
	var rows []gapRowOut
	c.jsonOut(&rows, "gap", "--json", "--year", fmt.Sprint(year))
	var found []gapRowOut
	for _, r := range rows {
		if r.Year != year {
			c.t.Fatalf("gap --year %d gave a row for %d", year, r.Year)
		}
		if r.Code == code && (r.Sub == nil && sub == "" || r.Sub != nil && *r.Sub == sub) {
			found = append(found, r)
		}
	}
	if len(found) != 1 {
		c.t.Fatalf("gap --json: %d rows for %s %q %d", len(found), code, sub, year)
	}
	return found[0]
}

func num(v float64) *float64 { return &v }

func showNum(p *float64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}

func sameNum(got, want *float64) bool {
	if got == nil || want == nil {
		return got == want
	}
	return math.Abs(*got-*want) < 1e-9
}

// checkRow compares a gap row with the expected figures.
func checkRow(t testing.TB, what string, got gapRowOut, national, reference, local, cnaf, gap *float64, class, status string) {
	t.Helper()
	if !sameNum(got.National, national) || !sameNum(got.Reference, reference) || !sameNum(got.Local, local) ||
		!sameNum(got.Cnaf, cnaf) || !sameNum(got.Gap, gap) || got.Class != class || got.Status != status {
		t.Errorf("%s: national %s reference %s local %s cnaf %s gap %s class %s status %s;\nwant national %s reference %s local %s cnaf %s gap %s class %s status %s",
			what, showNum(got.National), showNum(got.Reference), showNum(got.Local), showNum(got.Cnaf), showNum(got.Gap), got.Class, got.Status,
			showNum(national), showNum(reference), showNum(local), showNum(cnaf), showNum(gap), class, status)
	}
}

// dump reads tables of the database with typed values, in a fixed order.
func dump(t testing.TB, path string, tables ...string) map[string][]string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string][]string{}
	for _, table := range tables {
		var ncol int
		if err := db.QueryRow("SELECT count(*) FROM pragma_table_info(?)", table).Scan(&ncol); err != nil || ncol == 0 {
			t.Fatalf("dump %s: %d columns, %v", table, ncol, err)
		}
		order := make([]string, ncol)
		for i := range order {
			order[i] = fmt.Sprint(i + 1)
		}
		rows, err := db.Query("SELECT * FROM " + table + " ORDER BY " + strings.Join(order, ", "))
		if err != nil {
			t.Fatal(err)
		}
		out[table] = []string{}
		for rows.Next() {
			vals := make([]any, ncol)
			ptrs := make([]any, ncol)
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out[table] = append(out[table], fmt.Sprintf("%#v", vals))
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

var historyTables = []string{"target", "change_set", "event", "contract", "contract_indicator", "baseline", "actual", "setting"}

type indicatorOut struct {
	N          int                 `json:"n"`
	Code       string              `json:"code"`
	Aliases    []string            `json:"aliases"`
	Fiche      int                 `json:"fiche"`
	Axis       int                 `json:"axis"`
	Label      string              `json:"label"`
	Unit       string              `json:"unit"`
	Direction  string              `json:"direction"`
	Mode       string              `json:"mode"`
	Targets    map[string]*float64 `json:"targets"`
	TargetsRaw map[string]*string  `json:"targets_raw"`
	Band       *struct {
		Min float64 `json:"min"`
		Max float64 `json:"max"`
	} `json:"band"`
	RelativeTo string `json:"relative_to"`
	Subs       []struct {
		Key     string              `json:"key"`
		Label   string              `json:"label"`
		Targets map[string]*float64 `json:"targets"`
	} `json:"sub_indicators"`
}

var years = []string{"2023", "2024", "2025", "2026", "2027"}

func keysOf[V any](m map[string]V) []string {
	var out []string
	for _, y := range years {
		if _, ok := m[y]; ok {
			out = append(out, y)
		}
	}
	if len(out) != len(m) {
		return append(out, "…and others")
	}
	return out
}

func TestIndicatorsJSON(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	out := c.ok("indicators", "--json")
	// The raw shape: every key present, arrays where arrays are expected.
	var raw []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw) != 55 {
		t.Fatalf("%d indicators, want 55", len(raw))
	}
	for _, obj := range raw {
		for _, k := range []string{"n", "code", "aliases", "fiche", "axis", "label", "unit", "direction", "mode", "targets", "targets_raw"} {
			if _, ok := obj[k]; !ok {
				t.Fatalf("indicator %s has no key %q", obj["code"], k)
			}
		}
		if !bytes.HasPrefix(obj["aliases"], []byte("[")) {
			t.Errorf("%s: aliases %s is not an array", obj["code"], obj["aliases"])
		}
	}
	var inds []indicatorOut
	if err := json.Unmarshal([]byte(out), &inds); err != nil {
		t.Fatal(err)
	}
	codeRe := regexp.MustCompile(`^COG-(\d\d)-(\d\d)$`)
	by := map[string]indicatorOut{}
	for i, ind := range inds {
		by[ind.Code] = ind
		m := codeRe.FindStringSubmatch(ind.Code)
		if m == nil || ind.N != i+1 || m[2] != fmt.Sprintf("%02d", ind.N) || m[1] != fmt.Sprintf("%02d", ind.Fiche) {
			t.Errorf("indicator %d: code %q, n %d, fiche %d", i, ind.Code, ind.N, ind.Fiche)
		}
		if ind.Axis < 1 || ind.Axis > 3 || ind.Label == "" {
			t.Errorf("%s: axis %d, label %q", ind.Code, ind.Axis, ind.Label)
		}
		if !strings.Contains(" percent count days euros hours ratio other ", " "+ind.Unit+" ") ||
			!strings.Contains(" higher lower band ", " "+ind.Direction+" ") ||
			!strings.Contains(" same share path free national ", " "+ind.Mode+" ") {
			t.Errorf("%s: unit %q, direction %q, mode %q", ind.Code, ind.Unit, ind.Direction, ind.Mode)
		}
		if got := keysOf(ind.Targets); !reflect.DeepEqual(got, years) {
			t.Errorf("%s: targets keys %v, want %v", ind.Code, got, years)
		}
		if got := keysOf(ind.TargetsRaw); !reflect.DeepEqual(got, years) {
			t.Errorf("%s: targets_raw keys %v, want %v", ind.Code, got, years)
		}
		for _, y := range years {
			if ind.Targets[y] != nil && ind.TargetsRaw[y] == nil {
				t.Errorf("%s %s: a number without its printed text", ind.Code, y)
			}
		}
	}
	// Not every one of the 16 fiches has result indicators.
	perFiche := map[int]int{}
	for _, ind := range inds {
		perFiche[ind.Fiche]++
	}
	if want := map[int]int{1: 11, 2: 3, 4: 4, 6: 1, 7: 2, 8: 14, 9: 2, 10: 6, 11: 2, 12: 8, 13: 2}; !reflect.DeepEqual(perFiche, want) {
		t.Errorf("indicators per fiche %v, want %v", perFiche, want)
	}

	if b := by["COG-12-52"].Band; b == nil || b.Min != 43 || b.Max != 57 {
		t.Errorf("COG-12-52 band %+v, want 43–57", b)
	}
	if ind := by["COG-12-52"]; ind.Targets["2025"] != nil || ind.TargetsRaw["2025"] == nil || *ind.TargetsRaw["2025"] != "43 %/57 %" {
		t.Errorf("COG-12-52 2025: target %v, raw %v; want null and \"43 %%/57 %%\"", ind.Targets["2025"], ind.TargetsRaw["2025"])
	}
	if ind := by["COG-12-53"]; ind.RelativeTo != "2021" || !sameNum(ind.Targets["2025"], num(-15)) {
		t.Errorf("COG-12-53: relative_to %q, 2025 %s; want 2021, -15", ind.RelativeTo, showNum(ind.Targets["2025"]))
	}
	ind := by["COG-08-23"]
	var subKeys []string
	for _, s := range ind.Subs {
		subKeys = append(subKeys, s.Key)
		if s.Label == "" || keysOf(s.Targets) == nil || len(s.Targets) != 5 {
			t.Errorf("COG-08-23 %s: %+v", s.Key, s)
		}
	}
	if !reflect.DeepEqual(subKeys, []string{"a", "b", "c"}) || !sameNum(ind.Subs[1].Targets["2024"], num(80)) {
		t.Errorf("COG-08-23 sub-indicators %v, want a, b, c with b 2024 = 80", subKeys)
	}
	for _, y := range years {
		if ind.Targets[y] != nil {
			t.Errorf("COG-08-23 carries a target of its own for %s", y)
		}
	}
	ind = by["COG-01-09"]
	if ind.Targets["2023"] != nil || ind.Targets["2024"] != nil || ind.TargetsRaw["2023"] != nil || !sameNum(ind.Targets["2025"], num(5500)) {
		t.Errorf("COG-01-09 targets %s %s %s, want null null 5500", showNum(ind.Targets["2023"]), showNum(ind.Targets["2024"]), showNum(ind.Targets["2025"]))
	}
	if ind := by["COG-08-29"]; ind.Unit != "days" || ind.Direction != "lower" || !sameNum(ind.Targets["2025"], num(15)) || len(ind.Aliases) != 0 {
		t.Errorf("COG-08-29: %+v", ind)
	}
	if ind := by["COG-01-01"]; ind.Unit != "count" || ind.Mode != "share" || !sameNum(ind.Targets["2025"], num(8200)) {
		t.Errorf("COG-01-01: %+v", ind)
	}
}

func TestIndicatorsFiche(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	var all, eight []indicatorOut
	c.jsonOut(&all, "indicators", "--json")
	c.jsonOut(&eight, "indicators", "--json", "--fiche", "8")
	var want []string
	for _, ind := range all {
		if ind.Fiche == 8 {
			want = append(want, ind.Code)
		}
	}
	var got []string
	for _, ind := range eight {
		got = append(got, ind.Code)
	}
	if len(want) < 10 || !reflect.DeepEqual(got, want) {
		t.Errorf("--fiche 8 --json: %v, want %v", got, want)
	}

	// The table lists the same indicators, and nothing else.
	lines := strings.Split(strings.TrimRight(c.ok("indicators", "--fiche", "8"), "\n"), "\n")
	if !strings.HasPrefix(lines[0], "n°") {
		t.Fatalf("table header %q", lines[0])
	}
	seen := map[string]bool{}
	var codes []string
	for _, l := range lines[1:] {
		f := strings.Fields(l)
		if len(f) < 3 || !strings.HasPrefix(f[1], "COG-08-") {
			t.Errorf("row of another fiche: %q", l)
			continue
		}
		if !seen[f[1]] {
			seen[f[1]] = true
			codes = append(codes, f[1])
		}
	}
	if !reflect.DeepEqual(codes, want) {
		t.Errorf("table codes %v, want %v", codes, want)
	}
	if !strings.Contains(c.ok("indicators", "--fiche", "8"), "15 j") {
		t.Error("the table does not show COG-08-29's 15 j")
	}

	r := c.run("indicators", "--fiche", "17")
	if r.code != 1 || !strings.Contains(r.stderr, "fiche 17 inconnue") {
		t.Errorf("--fiche 17: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestCafsJSON(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	var cafs []struct{ Code, Name, Kind string }
	c.jsonOut(&cafs, "cafs", "--json")
	if len(cafs) != 101 {
		t.Fatalf("%d Caf, want 101", len(cafs))
	}
	codes := map[string]string{}
	kinds := map[string]int{}
	for _, k := range cafs {
		codes[k.Code] = k.Name
		kinds[k.Kind]++
	}
	if len(codes) != 101 || codes["91"] != "Caf de l'Essonne" || codes["2A"] == "" || codes["976"] == "" {
		t.Errorf("Caf list: %d codes, 91 = %q", len(codes), codes["91"])
	}
	if cafs[0].Code != "01" || cafs[100].Code != "976" || kinds["Caf"] != 99 || kinds["CCSS"] != 1 || kinds["CSS"] != 1 {
		t.Errorf("first %s, last %s, kinds %v", cafs[0].Code, cafs[100].Code, kinds)
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	out := c.ok("version")
	if !strings.HasPrefix(out, "cpog ") || !strings.Contains(out, runtime.GOOS+"/"+runtime.GOARCH) {
		t.Errorf("version: %q", out)
	}
	if _, err := os.Stat(c.db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("version created the database (stat: %v)", err)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	for _, tc := range []struct {
		args  []string
		msg   string
		usage string
	}{
		{[]string{"bogus"}, `commande inconnue : "bogus"`, "usage : cpog"},
		{[]string{"--bogus"}, "option inconnue", "usage : cpog"},
		{[]string{"gap", "--bogus"}, "option inconnue", "usage : cpog gap"},
		{[]string{"indicators", "--fiche", "huit"}, "valeur invalide", "usage : cpog indicators"},
		{[]string{"version", "extra"}, "trop d’arguments", "usage : cpog version"},
		{[]string{"set", "08-29", "2025"}, "argument manquant", "usage : cpog set CODE ANNÉE VALEUR"},
		{[]string{"caf", "set"}, "argument manquant", "usage : cpog caf set"},
	} {
		r := c.run(tc.args...)
		if r.code != 2 {
			t.Errorf("cpog %q: exit %d, want 2 (stderr %q)", tc.args, r.code, r.stderr)
		}
		if !strings.Contains(r.stderr, tc.msg) || !strings.Contains(r.stderr, "\n"+tc.usage) && !strings.HasPrefix(r.stderr, tc.usage) {
			t.Errorf("cpog %q: stderr %q, want %q and a line %q…", tc.args, r.stderr, tc.msg, tc.usage)
		}
		if r.stdout != "" {
			t.Errorf("cpog %q wrote to stdout: %q", tc.args, r.stdout)
		}
	}
	if _, err := os.Stat(c.db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a usage error created the database (stat: %v)", err)
	}
}

func TestNoTerminalDoesNotHang(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	// A pipe that stays open: the interface must not wait on it.
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	for name, stdin := range map[string]*os.File{"null device": devnull, "open pipe": pr} {
		r := c.runWith(stdin, c.env, 5*time.Second)
		if r.code == 0 {
			t.Errorf("%s: cpog without a terminal exited 0", name)
		}
		if !strings.Contains(r.stderr, "terminal") {
			t.Errorf("%s: stderr %q does not mention the terminal", name, r.stderr)
		}
		if r.elapsed > 5*time.Second {
			t.Errorf("%s: took %v", name, r.elapsed)
		}
	}
}

func TestDatabaseLocation(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	flagDB := filepath.Join(c.dir, "flag", "autre.db")
	c.ok("--db", flagDB, "caf", "set", "91")
	if _, err := os.Stat(flagDB); err != nil {
		t.Errorf("--db: %v", err)
	}
	if _, err := os.Stat(c.db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("--db did not win over CPOG_DB: %s exists (stat: %v)", c.db, err)
	}
	c.ok("caf", "set", "69")
	c.ok("caf", "set", "974", "--db", flagDB)
	if out := c.ok("caf"); !strings.Contains(out, "(69)") {
		t.Errorf("CPOG_DB's database saw the Caf chosen in --db's: %q", out)
	}
	if _, err := os.Stat(c.db); err != nil {
		t.Errorf("CPOG_DB: %v", err)
	}

	// Neither: the user's data directory, here the temporary XDG_DATA_HOME.
	var env []string
	for _, kv := range c.env {
		if !strings.HasPrefix(kv, "CPOG_DB=") {
			env = append(env, kv)
		}
	}
	if r := c.runWith(nil, env, 30*time.Second, "caf", "set", "91"); r.code != 0 {
		t.Fatalf("caf set with the default database: exit %d, %q", r.code, r.stderr)
	}
	def := filepath.Join(c.dir, "xdg", "cpog", "cpog.db")
	if _, err := os.Stat(def); err != nil {
		t.Errorf("default database: %v", err)
	}
	if runtime.GOOS == "linux" {
		var noXDG []string
		for _, kv := range env {
			if !strings.HasPrefix(kv, "XDG_DATA_HOME=") {
				noXDG = append(noXDG, kv)
			}
		}
		if r := c.runWith(nil, noXDG, 30*time.Second, "caf", "set", "91"); r.code != 0 {
			t.Fatalf("caf set without XDG_DATA_HOME: exit %d, %q", r.code, r.stderr)
		}
		if _, err := os.Stat(filepath.Join(c.dir, "home", ".local", "share", "cpog", "cpog.db")); err != nil {
			t.Errorf("default database without XDG_DATA_HOME: %v", err)
		}
	}
}

func TestNegotiationFlow(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	if out := c.ok("caf", "set", "91", "--weight", "2,1"); !strings.Contains(out, "Caf de l'Essonne (91)") || !strings.Contains(out, "2,1 %") {
		t.Errorf("caf set: %q", out)
	}
	if out := c.ok("caf"); !strings.Contains(out, "Caf de l'Essonne (91) · poids 2,1 %") {
		t.Errorf("caf: %q", out)
	}
	if out := c.ok("set", "COG-08-29", "2025", "14 j"); out != "COG-08-29 2025 : proposition Caf 14 j\n" {
		t.Errorf("set: %q", out)
	}
	checkRow(t, "COG-08-29 at 14 j", c.gapRow("COG-08-29", "", 2025), num(15), num(15), num(14), nil, num(1), "au_niveau", "draft")

	// places are whole: the quota of 8 200 × 2,1 % = 172,2 is 172
	c.ok("set", "01-01", "2025", "150")
	checkRow(t, "COG-01-01 at 150", c.gapRow("COG-01-01", "", 2025), num(8200), num(172), num(150), nil, num(-22), "en_retrait", "draft")
	// Another year is untouched, with its own reference.
	checkRow(t, "COG-01-01 2026", c.gapRow("COG-01-01", "", 2026), num(7400), num(155), nil, nil, nil, "sans_objet", "none")

	c.ok("set", "01-01", "2025", "170", "--actor", "cnaf")
	checkRow(t, "Cnaf counter 170", c.gapRow("COG-01-01", "", 2025), num(8200), num(172), num(150), num(170), num(-22), "en_retrait", "countered")
	if out := c.ok("agree", "COG-01-01", "--date", "20/11/2026"); out != "accord Caf–Cnaf du 20 novembre 2026 : COG-01-01 2025 : 170\n" {
		t.Errorf("agree: %q", out)
	}
	checkRow(t, "agreed", c.gapRow("COG-01-01", "", 2025), num(8200), num(172), num(170), num(170), num(-2), "proche", "agreed")
	if out := c.ok("undo"); !strings.HasPrefix(out, "annulation : accord Caf–Cnaf") {
		t.Errorf("undo: %q", out)
	}
	checkRow(t, "agreement undone", c.gapRow("COG-01-01", "", 2025), num(8200), num(172), num(150), num(170), num(-22), "en_retrait", "countered")
	checkRow(t, "COG-08-29 untouched by the undo", c.gapRow("COG-08-29", "", 2025), num(15), num(15), num(14), nil, num(1), "au_niveau", "draft")

	// The whole table of a year: one row per line.
	var rows []gapRowOut
	c.jsonOut(&rows, "gap", "--json", "--year", "2025")
	if len(rows) != 55-1+3 {
		t.Errorf("gap --year 2025: %d rows, want %d (55 indicators, COG-08-23 in three)", len(rows), 55-1+3)
	}
	c.jsonOut(&rows, "gap", "--json")
	if len(rows) != 5*(55-1+3) {
		t.Errorf("gap: %d rows, want %d", len(rows), 5*(55-1+3))
	}
	if out := c.ok("gap", "--year", "2025"); !strings.Contains(out, "COG-08-29") || !strings.Contains(out, "✓") {
		t.Errorf("gap table: %q", out)
	}
}

func TestNegativeFigures(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.ok("caf", "set", "91")
	// COG-12-53's targets are falls of the energy used in 2021.
	if out := c.ok("set", "12-53", "2025", "-16 %"); out != "COG-12-53 2025 : proposition Caf -16 %\n" {
		t.Errorf("set -16 %%: %q", out)
	}
	checkRow(t, "COG-12-53 at -16 %", c.gapRow("COG-12-53", "", 2025), num(-15), num(-15), num(-16), nil, num(1), "au_niveau", "draft")
	c.ok("set", "12-53", "2026", "- 18,5 %", "--comment", "-2 % par an")
	checkRow(t, "COG-12-53 2026", c.gapRow("COG-12-53", "", 2026), num(-20), num(-20), num(-18.5), nil, num(-1.5), "en_retrait", "draft")
}

func TestFlagsBeforeOrAfterArguments(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.ok("--caf", "91", "caf", "set", "91", "--weight", "2,1")
	c.ok("set", "--sub", "b", "08-23", "2024", "81 %")
	checkRow(t, "--sub before", c.gapRow("COG-08-23", "b", 2024), num(80), num(80), num(81), nil, num(1), "au_niveau", "draft")
	c.ok("set", "08-23", "2024", "79,5 %", "--sub", "b")
	checkRow(t, "--sub after", c.gapRow("COG-08-23", "b", 2024), num(80), num(80), num(79.5), nil, num(-0.5), "proche", "draft")
	c.ok("set", "--actor", "cnaf", "08-23", "2024", "--sub=b", "82 %")
	checkRow(t, "flags between arguments", c.gapRow("COG-08-23", "b", 2024), num(80), num(80), num(79.5), num(82), num(-0.5), "proche", "countered")
	checkRow(t, "other sub-indicator", c.gapRow("COG-08-23", "a", 2024), num(80), num(80), nil, nil, nil, "sans_objet", "none")
	var rows []gapRowOut
	c.jsonOut(&rows, "--db", c.db, "gap", "--year", "2024", "--json")
	if len(rows) != 57 {
		t.Errorf("--db before the command, --json after its flag: %d rows", len(rows))
	}
}

func TestInvalidInputLeavesDatabaseUnchanged(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.startFrom("caf-91")
	c.ok("set", "COG-08-29", "2025", "14 j")
	before := dump(t, c.db, historyTables...)
	// the contract's creation (its weight), then the proposal and its status
	if len(before["change_set"]) != 2 || len(before["event"]) != 3 || len(before["target"]) != 1 {
		t.Fatalf("setup: %d steps, %d events, %d targets", len(before["change_set"]), len(before["event"]), len(before["target"]))
	}
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"set", "01-01", "2025", "abc"}, "n’est pas un nombre"},
		{[]string{"set", "01-01", "2025", "22 %"}, "ne convient pas à un indicateur en nombre"},
		{[]string{"set", "08-29", "2025", "150 %"}, "ne convient pas à un indicateur en jours"},
		{[]string{"set", "08-22", "2025", "150 %"}, "un taux doit être compris entre 0 % et 100 %"},
		{[]string{"set", "08-24", "2025", "-5 %"}, "un taux doit être compris entre 0 % et 100 %"},
		{[]string{"set", "08-29", "2025", "-3 j"}, "un délai doit être compris entre 0 et 365 jours"},
		{[]string{"set", "08-29", "2025", "99999999 j"}, "un délai doit être compris entre 0 et 365 jours"},
		{[]string{"set", "08-34", "2025", "-3"}, "ne peut pas être négatif"},
		{[]string{"set", "08-34", "2025", "375 M"}, "plus que la cible nationale 2025"},
		{[]string{"set", "12-51", "2025", strings.Repeat("9", 305)}, "hors limites"},
		{[]string{"set", "12-51", "2025", "0"}, "ratio doit être strictement positif"},
		{[]string{"actual", "08-24", "2024", "101 %"}, "un taux doit être compris entre 0 % et 100 %"},
		{[]string{"baseline", "08-30", "-8 j"}, "un délai doit être compris entre 0 et 365 jours"},
		{[]string{"comment", "08-29", "2031", "x"}, "année invalide"},
		{[]string{"weight", "08-29", "2"}, "clé de répartition ne sert qu’aux volumes"},
		{[]string{"weight", "01-01", "0"}, "strictement positif"},
		{[]string{"mode", "08-24", "quote-part"}, "mode « quote-part » refusé"},
		{[]string{"mode", "01-01", "same"}, "mode « cible nationale » refusé"},
		{[]string{"mode", "02-13", "trajectoire"}, "mode « trajectoire » refusé"},
		{[]string{"agree", "08-29", "--date", "32/13/2026"}, "date illisible"},
		{[]string{"set", "08-29", "2031", "14 j"}, "année invalide"},
		{[]string{"set", "08-29", "deux-mille", "14 j"}, "année invalide"},
		{[]string{"set", "COG-99-99", "2025", "14"}, "indicateur inconnu"},
		{[]string{"set", "08-23", "2024", "81 %"}, "précisez lequel (a, b, c)"},
		{[]string{"set", "08-23", "2024", "81 %", "--sub", "z"}, "n’a pas de sous-indicateur"},
		{[]string{"set", "08-29", "2025", "14 j", "--actor", "dgfip"}, "acteur inconnu"},
		{[]string{"set", "08-29", "2025", ""}, "valeur vide"},
		{[]string{"caf", "set", "91", "--weight", "0"}, "poids de la Caf doit être"},
		{[]string{"caf", "set", "91", "--weight", "101"}, "poids de la Caf doit être"},
		{[]string{"caf", "set", "91", "--weight", "abc"}, "poids"},
		{[]string{"caf", "set", "00"}, "Caf inconnue"},
		{[]string{"agree", "COG-08-22"}, "rien à valider"},
		{[]string{"propose", "COG-08-22"}, "rien à proposer"},
		{[]string{"mode", "08-29", "bogus"}, "mode de déclinaison inconnu"},
		{[]string{"gap", "--year", "2031"}, "année invalide"},
	} {
		r := c.run(tc.args...)
		if r.code != 1 {
			t.Errorf("cpog %q: exit %d, want 1 (stderr %q)", tc.args, r.code, r.stderr)
		}
		if !strings.HasPrefix(r.stderr, "cpog : ") || !strings.Contains(r.stderr, tc.msg) {
			t.Errorf("cpog %q: stderr %q, want the French message %q", tc.args, r.stderr, tc.msg)
		}
		after := dump(t, c.db, historyTables...)
		if !reflect.DeepEqual(before, after) {
			t.Errorf("cpog %q changed the database:\nbefore %v\nafter  %v", tc.args, before, after)
			before = after
		}
	}
}

func TestSetBeforeChoosingACaf(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	// a database where no Caf was chosen yet (the interface closed at its
	// first screen): only the commands that start a negotiation create one
	c.ok("network", "import", "--replace", t.TempDir())
	for _, args := range [][]string{
		{"set", "COG-08-29", "2025", "14 j"},
		{"gap", "--json"},
		{"undo"},
	} {
		r := c.run(args...)
		if r.code != 1 || !strings.Contains(r.stderr, "cpog caf set") || !strings.Contains(r.stderr, "aucune Caf choisie") {
			t.Errorf("cpog %q before caf set: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	got := dump(t, c.db, historyTables...)
	for table, rows := range got {
		if len(rows) != 0 {
			t.Errorf("%s has %d rows after refused commands", table, len(rows))
		}
	}
}
