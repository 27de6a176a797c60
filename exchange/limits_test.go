package exchange_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog/exchange"
	"github.com/cnaf-tools/cpog/seed"
)

// Issue 12, failure 4: a 4 KB workbook whose rows each hold one cell in the
// last column (XFD) made `cpog import` use 1,7 GB; a 12 KB one went past
// 6 GB. The bounds are checked on the archive before the library expands
// anything.

// actualsWorkbook is a valid actuals workbook, with extra(f) run on its
// sheet before it is written.
func actualsWorkbook(t testing.TB, extra func(f *excelize.File, sheet string)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	for i, row := range [][]any{{"code", "année", "valeur"}, {"COG-08-29", 2024, 15}, {"COG-08-30", 2024, 12}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if extra != nil {
		extra(f, sheet)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rewriteSheet changes the first sheet's XML of a workbook.
func rewriteSheet(t testing.TB, book []byte, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "xl/worksheets/sheet1.xml" {
			b = []byte(edit(string(b)))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// allocated runs fn and returns the bytes it allocated.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestXLSXBeyondBoundsRefusedCheaply(t *testing.T) {
	ref, _ := seed.Referential()
	// the attack as it was found: rows written by hand, each with one
	// inline cell in the last column
	wide := rewriteSheet(t, actualsWorkbook(t, nil), func(s string) string {
		var rows strings.Builder
		for r := 4; r <= 300; r++ {
			fmt.Fprintf(&rows, `<row r="%d"><c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>`, r, r)
		}
		return strings.Replace(s, "</sheetData>", rows.String()+"</sheetData>", 1)
	})
	dimension := regexp.MustCompile(`<dimension ref="[^"]*"`)
	cases := map[string][]byte{
		"one cell in column XFD per row": wide,
		"a declared dimension of the whole sheet": rewriteSheet(t, actualsWorkbook(t, nil), func(s string) string {
			return dimension.ReplaceAllString(s, `<dimension ref="A1:XFD1048576"`)
		}),
		"a row numbered 1 048 576": rewriteSheet(t, actualsWorkbook(t, nil), func(s string) string {
			return strings.Replace(s, "</sheetData>", `<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`, 1)
		}),
		"a row number beyond any sheet": rewriteSheet(t, actualsWorkbook(t, nil), func(s string) string {
			return strings.Replace(s, `<row r="3"`, `<row r="99999999999"`, 1)
		}),
	}
	if len(wide) > 16<<10 {
		t.Fatalf("the wide workbook is %d bytes: the attack is a small file", len(wide))
	}
	for name, book := range cases {
		var err error
		alloc := allocated(func() { _, err = exchange.DecodeActuals("wide.xlsx", book, ref) })
		if err == nil || !strings.Contains(err.Error(), "classeur trop grand") {
			t.Errorf("%s: %v, want « classeur trop grand »", name, err)
		}
		if alloc > 64<<20 {
			t.Errorf("%s: %d MB allocated to refuse a %d KB file", name, alloc>>20, len(book)>>10)
		}
	}
	// within the bounds, a real sheet still reads
	if vals, err := exchange.DecodeActuals("ok.xlsx", actualsWorkbook(t, nil), ref); err != nil || len(vals) != 2 {
		t.Errorf("a small workbook: %v, %v", vals, err)
	}
}

// The largest workbook the bounds accept (50 000 rows) reads in bounded
// memory, as a stream.
func TestXLSXAtTheBoundsReads(t *testing.T) {
	if testing.Short() {
		t.Skip("a 50 000-row workbook")
	}
	ref, _ := seed.Referential()
	book := actualsWorkbook(t, func(f *excelize.File, sheet string) {
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			t.Fatal(err)
		}
		sw.SetRow("A1", []any{"code", "année", "valeur", "sous-indicateur"})
		for r := 2; r <= 50_000; r++ {
			cell, _ := excelize.CoordinatesToCellName(1, r)
			// every row the same key: refused as duplicates, after the
			// whole sheet is read
			sw.SetRow(cell, []any{"COG-08-29", 2024, 15, ""})
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
	})
	var err error
	alloc := allocated(func() { _, err = exchange.DecodeActuals("big.xlsx", book, ref) })
	if err == nil || !strings.Contains(err.Error(), "en double") {
		t.Fatalf("50 000 duplicate rows: %v", err)
	}
	t.Logf("%d KB workbook, %d MB allocated", len(book)>>10, alloc>>20)
}

// Issue 12, failure 3 (the regular-file check): a folder given as an
// import is refused by the check of the open file, in French.
func TestImportFileRefusesFolders(t *testing.T) {
	db := openDB(t)
	_, err := exchange.ImportFile(t.Context(), db, t.TempDir(), exchange.ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "dossier") {
		t.Errorf("a folder: %v", err)
	}
	_, err = exchange.ImportFile(t.Context(), db, filepath.Join(t.TempDir(), "absent.csv"), exchange.ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "introuvable") {
		t.Errorf("a missing file: %v", err)
	}
}

// FuzzDecodeActualsXLSXBounds feeds the XLSX actuals reader workbooks near
// and beyond its bounds: it must never panic, and answer every file with
// values or an *ImportError.
func FuzzDecodeActualsXLSXBounds(f *testing.F) {
	ref := fuzzRef(f)
	f.Add(actualsWorkbook(f, nil))
	f.Add(actualsWorkbook(f, func(x *excelize.File, sheet string) { x.SetCellValue(sheet, "XFD4", "x") }))
	f.Add(actualsWorkbook(f, func(x *excelize.File, sheet string) { x.SetCellValue(sheet, "IV4", "x") }))
	f.Add(actualsWorkbook(f, func(x *excelize.File, sheet string) { x.SetCellValue(sheet, "A5000", "x") }))
	f.Fuzz(func(t *testing.T, data []byte) {
		values, err := exchange.DecodeActuals("f.xlsx", data, ref)
		if err != nil {
			checkImportError(t, err)
			return
		}
		for k := range values {
			checkKey(t, ref, k, true)
		}
	})
}
