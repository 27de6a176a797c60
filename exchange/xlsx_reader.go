package exchange

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog"
)

// A workbook of actuals is read here as a stream, without the spreadsheet
// library: excelize builds the whole sheet and shared-string table in
// memory (a 11 MB workbook took 280 MB), where reading a row at a time
// needs the shared strings and a row. Only what an actuals sheet needs is
// read: the sheets' names and files, the shared strings, which styles
// show a percentage, and each cell's text, type and style.

// workbook is an open actuals workbook.
type workbook struct {
	files   map[string]*zip.File // by lower-case name
	sheets  []workbookSheet      // in the workbook's order
	strings []string             // the shared strings
	percent []bool               // by cell style (cellXfs) index
}

type workbookSheet struct{ name, file string }

// xlsxCell is one cell as an actuals row needs it.
type xlsxCell struct {
	text    string // the shared or inline string, or the raw value
	numeric bool   // a number cell: text is its raw value
	percent bool   // shown with a percentage format
}

var errNotWorkbook = errors.New("not an xlsx workbook")

// openWorkbook reads a workbook's structure, its shared strings and its
// styles.
func openWorkbook(body []byte) (*workbook, error) {
	wb, rels, err := openPackage(body)
	if err != nil {
		return nil, err
	}
	if p, ok := rels.byType("/sharedStrings"); ok {
		if err := wb.readStrings(p); err != nil {
			return nil, err
		}
	}
	if p, ok := rels.byType("/styles"); ok {
		if err := wb.readStyles(p); err != nil {
			return nil, err
		}
	}
	return wb, nil
}

// openPackage reads a workbook's structure only: its parts and its sheets'
// names, which say what the workbook is before anything large is read.
func openPackage(body []byte) (*workbook, relations, error) {
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		return nil, relations{}, errNotWorkbook
	}
	wb := &workbook{files: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		wb.files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	main := "xl/workbook.xml"
	if rels, err := wb.rels("_rels/.rels", ""); err == nil {
		if t, ok := rels.byType("/officeDocument"); ok {
			main = t
		}
	}
	if wb.files[strings.ToLower(main)] == nil {
		return nil, relations{}, errNotWorkbook
	}
	dir := path.Dir(main)
	rels, err := wb.rels(path.Join(dir, "_rels", path.Base(main)+".rels"), dir)
	if err != nil {
		return nil, relations{}, errNotWorkbook
	}
	if err := wb.readSheets(main, rels); err != nil {
		return nil, relations{}, err
	}
	return wb, rels, nil
}

// open opens a part of the package, at most maxXLSXPart of it.
func (wb *workbook) open(name string) (io.ReadCloser, error) {
	f := wb.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if f == nil {
		return nil, fmt.Errorf("%s: %w", name, errNotWorkbook)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(rc, maxXLSXPart), rc}, nil
}

// each streams the tokens of a part to fn.
func (wb *workbook) each(name string, fn func(dec *xml.Decoder, tok xml.Token) error) error {
	rc, err := wb.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(dec, tok); err != nil {
			return err
		}
	}
}

// relations are a part's relationships: id and type to target.
type relations struct {
	byID  map[string]string
	types map[string]string // type → target
}

func (r relations) byType(suffix string) (string, bool) {
	for t, target := range r.types {
		if strings.HasSuffix(t, suffix) {
			return target, true
		}
	}
	return "", false
}

// rels reads a relationships part; targets are resolved from dir.
func (wb *workbook) rels(name, dir string) (relations, error) {
	r := relations{byID: map[string]string{}, types: map[string]string{}}
	err := wb.each(name, func(_ *xml.Decoder, tok xml.Token) error {
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			return nil
		}
		target := attr(se, "Target")
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join(dir, target)
		}
		r.byID[attr(se, "Id")] = target
		r.types[attr(se, "Type")] = target
		return nil
	})
	return r, err
}

func (wb *workbook) readSheets(main string, rels relations) error {
	return wb.each(main, func(_ *xml.Decoder, tok xml.Token) error {
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "sheet" {
			return nil
		}
		id := ""
		for _, a := range se.Attr {
			if a.Name.Local == "id" {
				id = a.Value
			}
		}
		if file, ok := rels.byID[id]; ok {
			wb.sheets = append(wb.sheets, workbookSheet{name: attr(se, "name"), file: file})
		}
		return nil
	})
}

// readStrings reads the shared strings: each <si> is the text of its <t>
// elements, its phonetic runs (<rPh>) left out.
func (wb *workbook) readStrings(name string) error {
	var b strings.Builder
	inT, phonetic := false, 0
	return wb.each(name, func(_ *xml.Decoder, tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				b.Reset()
			case "t":
				inT = true
			case "rPh":
				phonetic++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if len(wb.strings) >= maxXLSXCells {
					return tooLarge("plus de 200 000 textes")
				}
				wb.strings = append(wb.strings, b.String())
			case "t":
				inT = false
			case "rPh":
				phonetic--
			}
		case xml.CharData:
			if inT && phonetic == 0 {
				b.Write(t)
			}
		}
		return nil
	})
}

// readStyles finds which cell styles show a number as a percentage: the
// built-in formats 9 and 10, or a custom format with an unquoted %.
func (wb *workbook) readStyles(name string) error {
	custom := map[string]bool{}
	inXfs := false
	return wb.each(name, func(_ *xml.Decoder, tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "numFmt":
				custom[attr(t, "numFmtId")] = percentCode(attr(t, "formatCode"))
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					id := attr(t, "numFmtId")
					wb.percent = append(wb.percent, id == "9" || id == "10" || custom[id])
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
		return nil
	})
}

func percentCode(code string) bool {
	quoted := false
	for _, r := range code {
		switch {
		case r == '"':
			quoted = !quoted
		case r == '%' && !quoted:
			return true
		}
	}
	return false
}

// eachRow streams a sheet's rows to fn, with the 1-based row number and
// its cells by column (a gap is an empty cell). The slice is reused from
// one row to the next.
func (wb *workbook) eachRow(sheet workbookSheet, fn func(row int, cells []xlsxCell) error) error {
	var cells []xlsxCell
	row, col := 0, 0
	var cur xlsxCell
	var typ, val string
	var text strings.Builder
	inValue, inInline, phonetic := false, false, 0
	return wb.each(sheet.file, func(_ *xml.Decoder, tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row++
				if r := attr(t, "r"); r != "" {
					n, ok := atoi(r)
					if !ok {
						return tooLarge("ligne « " + cpog.Cite(r) + " » hors de la feuille")
					}
					row = n
				}
				col, cells = 0, cells[:0]
			case "c":
				col++
				if r := attr(t, "r"); r != "" {
					c, _, err := excelize.CellNameToCoordinates(r)
					if err != nil {
						return tooLarge("cellule hors de la feuille")
					}
					col = c
				}
				if err := checkPosition(col, row); err != nil {
					return err
				}
				typ, val = attr(t, "t"), ""
				cur = xlsxCell{}
				if s, ok := atoi(attr(t, "s")); ok && s < len(wb.percent) {
					cur.percent = wb.percent[s]
				}
				text.Reset()
			case "v":
				inValue = true
			case "is":
				inInline = true
			case "rPh":
				phonetic++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inValue = false
			case "is":
				inInline = false
			case "rPh":
				phonetic--
			case "c":
				if err := wb.finish(&cur, typ, val, text.String()); err != nil {
					return err
				}
				for len(cells) < col-1 {
					cells = append(cells, xlsxCell{})
				}
				cells = append(cells[:col-1], cur)
			case "row":
				return fn(row, cells)
			}
		case xml.CharData:
			switch {
			case inValue:
				val += string(t)
			case inInline && phonetic == 0:
				text.Write(t)
			}
		}
		return nil
	})
}

// finish gives a cell its text by its type.
func (wb *workbook) finish(c *xlsxCell, typ, val, inline string) error {
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(val))
		if err != nil || i < 0 || i >= len(wb.strings) {
			return errNotWorkbook
		}
		c.text = wb.strings[i]
	case "inlineStr":
		c.text = inline
	case "", "n":
		c.text, c.numeric = val, true
	default: // str (a formula's text), b, e, d: their value as written
		c.text = val
	}
	return nil
}
