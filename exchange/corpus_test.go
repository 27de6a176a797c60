package exchange_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
)

// update rewrites the corpus: the generated input files and the expected
// messages (*.want). Review the diff before committing it.
var update = flag.Bool("update", false, "rewrite testdata/import and its expected messages")

const badDir, goodDir = "testdata/import/bad", "testdata/import/good"

// TestImportCorpus imports each malformed file of testdata/import/bad into
// a database negotiating for Caf 91: each must be refused with the message
// of its .want file, and leave the database byte for byte as it was.
func TestImportCorpus(t *testing.T) {
	if *update {
		writeCorpus(t)
	}
	entries, err := os.ReadDir(badDir)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cpog.db")
	db := openDBAt(t, path)
	seedNegotiation(t, db)
	n := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".want") {
			continue
		}
		n++
		file := filepath.Join(badDir, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			before := dumpDB(t, path)
			for _, dry := range []bool{true, false} {
				_, err := exchange.ImportFile(context.Background(), db, file, exchange.ImportOptions{DryRun: dry})
				var ie *exchange.ImportError
				if !errors.As(err, &ie) {
					t.Fatalf("dry run %v: error %v (%T), want an *ImportError", dry, err, err)
				}
				got := err.Error() + "\n"
				if *update && dry {
					if err := os.WriteFile(file+".want", []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(file + ".want")
				if err != nil {
					t.Fatal(err)
				}
				if got != string(want) {
					t.Errorf("dry run %v: message\n%s\nwant\n%s", dry, got, want)
				}
			}
			if after := dumpDB(t, path); after != before {
				t.Errorf("the database changed:\n%s", lineDiff(before, after))
			}
		})
	}
	if n < 15 {
		t.Errorf("%d malformed files in the corpus, want at least 15", n)
	}
}

func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for _, l := range bl {
		if !slices.Contains(al, l) {
			out = append(out, "+ "+l)
		}
	}
	for _, l := range al {
		if !slices.Contains(bl, l) {
			out = append(out, "- "+l)
		}
	}
	return strings.Join(out, "\n")
}

func TestImportActualsFiles(t *testing.T) {
	if *update {
		writeCorpus(t)
	}
	want := map[cpog.TargetKey]float64{
		key("COG-08-22", "", 2024):  86,
		key("COG-08-29", "", 2024):  15.5,
		key("COG-08-23", "b", 2024): 22.5,
		key("COG-01-01", "", 2024):  4500,
		key("COG-10-41", "", 2024):  375_000_000,
	}
	for _, name := range []string{"actuals-fr.csv", "actuals-plain.csv", "actuals.xlsx"} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "cpog.db")
			db := openDBAt(t, path)
			seedNegotiation(t, db)
			before := dumpDB(t, path)
			rep, err := exchange.ImportFile(ctx, db, filepath.Join(goodDir, name), exchange.ImportOptions{DryRun: true})
			if err != nil {
				t.Fatal(err)
			}
			// COG-08-29 2024 is already 15,5 in the database: not a change.
			if len(rep.Lines) != len(want)-1 || !strings.Contains(rep.Summary(), "simulation") {
				t.Errorf("dry run: %s\n%s", rep.Summary(), strings.Join(rep.Lines, "\n"))
			}
			if dumpDB(t, path) != before {
				t.Error("dry run wrote to the database")
			}
			rep, err = exchange.ImportFile(ctx, db, filepath.Join(goodDir, name), exchange.ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Kind != exchange.KindActuals || rep.ChangeID == 0 {
				t.Errorf("report %+v", rep)
			}
			c := contractOf(t, db)
			for k, v := range want {
				if got, ok := c.Actuals[k]; !ok || got != v {
					t.Errorf("actual %v = %v (%v), want %v", k, got, ok, v)
				}
			}
			if _, err := db.Undo(ctx, "91"); err != nil {
				t.Fatal(err)
			}
			if _, ok := contractOf(t, db).Actuals[key("COG-08-22", "", 2024)]; ok {
				t.Error("undo left an imported actual")
			}
		})
	}
}

// writeCorpus generates the files of the corpus. Text files are written
// as they are; JSON files derive from a real export, re-signed after their
// change unless the change is the digest; XLSX files are built with
// excelize.
func writeCorpus(t *testing.T) {
	t.Helper()
	for _, d := range []string{badDir, goodDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	put := func(dir, name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bad := func(name, data string) { put(badDir, name, []byte(data)) }

	bad("01-empty.csv", "")
	bad("02-image.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	put(badDir, "03-archive.zip", zipWith(t, "notes.txt", "pas un classeur"))
	bad("04-latin1.csv", "code;année;valeur\nCOG-08-29;2024;15\nCOG-08-22;2024;86 \xe9t\xe9\n")
	bad("05-nul-byte.csv", "code;année;valeur\nCOG-08-29;2024;1\x005\n")
	bad("06-utf16.csv", "\xff\xfec\x00o\x00d\x00e\x00")
	bad("07-no-header.csv", "COG-08-29;2024;15\nCOG-08-22;2024;86\n")
	bad("08-header-only.csv", "\ufeffcode;année;valeur;sous-indicateur\n")
	bad("09-unknown-column.csv", "code;année;valeur;remarque\nCOG-08-29;2024;15;ok\n")
	bad("10-unknown-code.csv", "code;année;valeur\nCOG-08-29;2024;15\nCOG-99-99;2024;3\n")
	bad("11-ambiguous-code.csv", "code;année;valeur;sous-indicateur\nCOG-08-23;2024;81 %;\n")
	bad("12-year-outside.csv", "code;année;valeur\nCOG-08-29;2031;15\nCOG-08-29;deux mille vingt;15\n")
	bad("13-not-a-number.csv", "code;année;valeur\nCOG-08-29;2024;beaucoup\nCOG-08-29;2025;\n")
	bad("14-wrong-unit.csv", "code;année;valeur\nCOG-08-22;2024;14 j\nCOG-08-22;2025;120 %\nCOG-08-34;2024;-3\nCOG-08-34;2025;375 M\n")
	bad("15-duplicate.csv", "code,year,value,sub\nCOG-08-29,2024,15,\n08-29,2024,16,\nCOG-08-23,2024,81,b\nCOG-08-23 b,2024,82,\n")
	bad("16-comma-decimal.csv", "code,year,value\nCOG-08-22,2024,86,5\n")
	bad("17-broken-quote.csv", "code;année;valeur\nCOG-08-29;2024;\"15\n")
	put(badDir, "18-bad-cells.xlsx", actualsXLSX(t, [][]any{
		{"code", "année", "valeur", "sous-indicateur"},
		{"COG-99-01", 2024, 3},
		{"COG-08-29", "deux mille", 14},
		{"COG-08-22", 2025, percentCell(1.2)},
		{"COG-08-23", 2024, 0.8},
	}))

	base := corpusExport(t, "91")
	edit := func(fn func(map[string]any)) map[string]any {
		var f map[string]any
		if err := json.Unmarshal(base, &f); err != nil {
			t.Fatal(err)
		}
		fn(f)
		return f
	}
	signed := func(name string, fn func(map[string]any)) { put(badDir, name, resign(t, edit(fn))) }
	bad("19-malformed.json", strings.Replace(string(base), `"weight": 2.1,`, `"weight": 2.1,,`, 1))
	signed("20-wrong-format.json", func(f map[string]any) { f["format"] = "tableur-maison" })
	signed("21-wrong-version.json", func(f map[string]any) { f["version"] = 3 })
	signed("22-other-referential.json", func(f map[string]any) {
		f["referential"] = map[string]any{"id": "cog-2018-2022", "revision": 1}
	})
	put(badDir, "23-wrong-caf.json", corpusExport(t, "69"))
	signed("24-unknown-caf.json", func(f map[string]any) { f["caf"] = map[string]any{"code": "99", "name": "Caf imaginaire"} })
	bad("25-digest-mismatch.json", strings.Replace(string(base), `"proposal": 14,`, `"proposal": 12,`, 1))
	noDigest := edit(func(f map[string]any) { delete(f, "digest") })
	b, _ := json.MarshalIndent(noDigest, "", "  ")
	put(badDir, "26-no-digest.json", b)
	signed("27-bad-targets.json", func(f map[string]any) {
		ts := f["targets"].([]any)
		t0 := ts[0].(map[string]any)
		mk := func(changes map[string]any) map[string]any {
			m := map[string]any{}
			for k, v := range t0 {
				m[k] = v
			}
			for k, v := range changes {
				m[k] = v
			}
			return m
		}
		f["targets"] = append(ts,
			mk(map[string]any{"code": "COG-99-01"}),
			mk(map[string]any{"year": 2031}),
			mk(map[string]any{"year": 2026, "proposal": 250, "code": "COG-08-22"}),
			mk(map[string]any{"year": 2027, "status": "signé"}),
			mk(map[string]any{"year": 2023, "status": "agreed", "agreed": nil}),
			mk(map[string]any{"year": "2024"}),
			mk(map[string]any{"year": 2024, "priority": 1}),
			mk(map[string]any{"code": "COG-08-23", "sub": ""}),
			t0, // the same target twice
		)
		f["weight"] = 0
	})

	// Good files: the same actuals in each format.
	put(goodDir, "actuals-fr.csv", []byte("\ufeffCode;Année;Valeur;Sous-indicateur\r\nCOG-08-22;2024;86 %;\r\n08-29;2024;15,5;\r\nCOG-08-23;2024;22,5;b\r\nCOG-01-01;2024;4 500;\r\nCOG-10-41;2024;375 M€;\r\n;;;\r\n"))
	put(goodDir, "actuals-plain.csv", []byte("code,year,value,sub\nCOG-08-22,2024,86,\nCOG-08-29,2024,15.5,\nCOG-08-23 b,2024,\"22,5\",\nCOG-01-01,2024,4500,\nCOG-10-41,2024,375000000,\n"))
	put(goodDir, "actuals.xlsx", actualsXLSX(t, [][]any{
		{"sous-indicateur", "code", "année", "valeur"},
		{nil, "COG-08-22", 2024, percentCell(0.86)},
		{nil, "COG-08-29", 2024, 15.5},
		{"b", "COG-08-23", 2024, "22,5 %"},
		{nil, "COG-01-01", 2024, 4500},
		{nil, "COG-10-41", 2024, 375e6},
	}))
}

// corpusExport is the exchange file of a small contract of a Caf.
func corpusExport(t *testing.T, caf string) []byte {
	t.Helper()
	ctx := context.Background()
	db := openDB(t)
	if _, err := db.SelectCaf(ctx, caf, cpog.Some(2.1)); err != nil {
		t.Fatal(err)
	}
	c, err := db.Contract(ctx, caf)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Apply(ctx, caf, cpog.SetValue(c, lineOf(t, "COG-08-29", ""), 2025, 14, cpog.ActorCaf, "")); err != nil {
		t.Fatal(err)
	}
	d, err := exchange.LoadDocument(ctx, db, exchange.ExportOptions{Now: exportDay})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := exchange.WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipWith(t *testing.T, name, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(content))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// percentCell is a number shown with Excel's percent format.
type percentCell float64

func actualsXLSX(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Réalisés"); err != nil {
		t.Fatal(err)
	}
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 9})
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			name := cell(c+1, r+1)
			if p, ok := v.(percentCell); ok {
				v = float64(p)
				if err := f.SetCellStyle("Réalisés", name, name, pct); err != nil {
					t.Fatal(err)
				}
			}
			if err := f.SetCellValue("Réalisés", name, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
