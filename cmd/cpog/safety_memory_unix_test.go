//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
	"github.com/cnaf-tools/cpog/seed"
)

// maxImportPeak is the memory any import of a file within the size limit
// may take, as the kernel counts it (peak resident set size).
const maxImportPeak = 150 << 20

// nearLimit is the size of the largest test inputs: just under
// exchange.MaxImportSize.
const nearLimit = exchange.MaxImportSize - 64<<10

// padJSON grows an exchange file to size with blanks after its opening
// brace: still the same file, digest included (blanks are not part of its
// canonical form).
func padJSON(t testing.TB, b []byte, size int) []byte {
	t.Helper()
	i := bytes.IndexByte(b, '{')
	if i < 0 || len(b) >= size {
		t.Fatal("not an exchange file, or already too large")
	}
	out := make([]byte, 0, size)
	out = append(out, b[:i+1]...)
	out = append(out, bytes.Repeat([]byte(" "), size-len(b))...)
	return append(out, b[i+1:]...)
}

// Issue 12, item 2: an import of any file of at most 20 MB stays under
// 150 MB of peak memory: the largest inputs of each kind, accepted or
// refused after a complete reading.
func TestImportPeakMemoryOnTheLargestInputs(t *testing.T) {
	if os.Getenv(tortureEnv) == "" {
		// about eight seconds of 20 MB files: .ci/run sets it
		t.Skip("imports of 20 MB inputs: run with " + tortureEnv + "=1, as .ci/run does")
	}
	c := newCLI(t)
	if v := os.Getenv("CPOG_TEST_GOMEMLIMIT"); v != "" {
		c.env = append(c.env, "GOMEMLIMIT="+v)
	}
	negotiated(c)
	dir := filepath.Join(c.dir, "entrees")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	ref, _ := seed.Referential()
	cafs, _ := seed.Cafs()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// the Caf's own exchange file, padded: accepted
	exported := filepath.Join(c.dir, "cpog-91.json")
	c.ok("export", "--format", "json", "-o", exported)
	own, _ := os.ReadFile(exported)
	jsonFile := write("cpog-91-gros.json", padJSON(t, own, nearLimit))
	// the same file, whose comment of a target fills it: refused (a
	// comment is at most cpog.MaxText characters) once decoded
	long := bytes.Replace(own, []byte(`"comment": "accueil réorganisé"`),
		[]byte(`"comment": "`+strings.Repeat("accueil réorganisé ", (nearLimit-len(own))/len("accueil réorganisé ")-8)+`"`), 1)
	if len(long) == len(own) {
		t.Fatal("no comment to grow in the exported file")
	}
	var doc map[string]any
	json.Unmarshal(long, &doc)
	longFile := write("cpog-91-long.json", resignJSON(t, doc))
	// the same file with its first target repeated until it fills it:
	// refused (the same target many times) once decoded
	var many map[string]any
	json.Unmarshal(own, &many)
	ts := many["targets"].([]any)
	one := len(mustJSON(t, ts[0]))
	for n := (nearLimit - len(own)) / (one + 8); n > 0; n-- {
		ts = append(ts, ts[0])
	}
	many["targets"] = ts
	manyFile := write("cpog-91-cibles.json", resignJSON(t, many))
	// actuals in CSV: a million lines, all the same key, refused once read
	var csv bytes.Buffer
	csv.WriteString("code;année;valeur\n")
	for csv.Len() < nearLimit-32 {
		csv.WriteString("COG-08-29;2024;15,5\n")
	}
	csvFile := write("realises.csv", csv.Bytes())
	// a workbook at the row bound, each row with a long random text:
	// incompressible, so the file itself is near the limit
	rng := rand.New(rand.NewPCG(1, 2))
	const letters = "abcdefghijklmnopqrstuvwxyz"
	xf := excelize.NewFile()
	sw, err := xf.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"code", "année", "valeur", "sous-indicateur"})
	text := make([]byte, 380)
	for r := 2; r <= 50_000; r++ {
		for i := range text {
			text[i] = letters[rng.IntN(len(letters))]
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		sw.SetRow(cell, []any{"COG-08-29", 2024, 15, string(text)})
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var xb bytes.Buffer
	if err := xf.Write(&xb); err != nil {
		t.Fatal(err)
	}
	xlsxFile := write("realises.xlsx", xb.Bytes())
	// a network of files near the limit
	netDir := filepath.Join(c.dir, "reseau")
	os.Mkdir(netDir, 0o700)
	for i := range 6 {
		var b bytes.Buffer
		ct := cpog.NewContract(cafs[i], ref.ID, 1, 2022)
		if err := exchange.WriteJSON(&b, exchange.Document{Ref: ref, Contract: ct, ExportedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(netDir, fmt.Sprintf("caf-%d.json", i)), padJSON(t, b.Bytes(), nearLimit), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"import", jsonFile}, 0},
		{[]string{"import", "--dry-run", jsonFile}, 0},
		{[]string{"import", longFile}, 1},
		{[]string{"import", manyFile}, 1},
		{[]string{"import", csvFile}, 1},
		{[]string{"import", xlsxFile}, 1},
		{[]string{"network", "import", netDir}, 0},
	} {
		in := tc.args[len(tc.args)-1]
		var size int64
		filepath.WalkDir(in, func(_ string, d os.DirEntry, _ error) error {
			if fi, err := d.Info(); err == nil && d.Type().IsRegular() {
				size += fi.Size()
			}
			return nil
		})
		r := c.runMeasured(2*time.Minute, tc.args...)
		if r.code != tc.code {
			t.Errorf("cpog %q: exit %d, want %d (stderr %.300s)", tc.args, r.code, tc.code, r.stderr)
		}
		t.Logf("cpog %s: %d MB in, peak %d MB, %v", strings.Join(tc.args[:len(tc.args)-1], " "), size>>20, r.peak>>20, r.elapsed.Round(time.Millisecond))
		if r.peak > maxImportPeak {
			t.Errorf("cpog %q: peak memory %d MB, more than %d MB", tc.args, r.peak>>20, maxImportPeak>>20)
		}
	}
}
