//go:build unix

package main

import (
	"archive/zip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hugeSheetXLSX writes a small workbook (a few hundred kilobytes) whose
// sheet is about 80 MB once unzipped: ordinary rows, many of them.
func hugeSheetXLSX(t testing.TB, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	put := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Réalisés" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	fmt.Fprint(w, `<row><c t="inlineStr"><is><t>code</t></is></c><c t="inlineStr"><is><t>année</t></is></c><c t="inlineStr"><is><t>valeur</t></is></c></row>`)
	// rows without numbers, as a sheet may be written: each the same
	row := `<row><c t="inlineStr"><is><t>COG-08-29</t></is></c><c><v>2024</v></c><c><v>15</v></c></row>`
	for n := 0; n < 80<<20; n += len(row) {
		w.Write([]byte(row))
	}
	fmt.Fprint(w, `</sheetData></worksheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// Issue 12: SIGTERM during an XLSX import left a large temporary file in
// $TMPDIR (the spreadsheet library unzipped big sheets there). A sheet
// beyond the bounds is now refused before anything is unzipped, and no
// import writes a temporary file.
func TestXLSXImportLeavesNothingInTMPDIR(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	before := negotiated(c)
	tmp := filepath.Join(c.dir, "tmpdir")
	if err := os.Mkdir(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(c.dir, "realises.xlsx")
	hugeSheetXLSX(t, book)
	env := append(append([]string{}, c.env...), "TMPDIR="+tmp)
	for _, delay := range []time.Duration{100 * time.Millisecond, 400 * time.Millisecond, 1500 * time.Millisecond} {
		cmd := exec.Command(cpogBin, "import", book)
		cmd.Env, cmd.Dir = env, c.dir
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
			t.Errorf("SIGTERM after %v: %d files left in TMPDIR (%s)", delay, len(entries), entries[0].Name())
			for _, e := range entries {
				os.RemoveAll(filepath.Join(tmp, e.Name()))
			}
		}
	}
	r := c.runWith(nil, env, time.Minute, "import", book)
	checkFrench(t, []string{"import"}, r.stderr, "classeur trop grand")
	c.checkIntact(before)
}
