package exchange

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog"
)

// An actuals workbook holds a few hundred rows of four columns. A workbook
// of a few kilobytes can declare, or hold, cells that the spreadsheet
// library expands into gigabytes (one cell in the last column, XFD, of
// each row: 16 384 cells per row; a row numbered 1 048 576). Its bounds
// are checked on the archive as it is, before the library reads it, with
// room to spare for a real sheet.
const (
	maxXLSXColumns = 256     // IV, the width of Excel before 2007
	maxXLSXRows    = 50_000  // a hundred times an actuals sheet
	maxXLSXCells   = 200_000 // in all the workbook's sheets
	maxXLSXEntries = 1_000   // files in the archive
	maxXLSXPart    = 32 << 20
	maxXLSXTotal   = 64 << 20 // every part unzipped
)

// errXLSXBounds is a workbook beyond the bounds; its message is French,
// for an actuals file.
type errXLSXBounds struct{ what string }

func (e *errXLSXBounds) Error() string {
	return "classeur trop grand pour un fichier de réalisés (" + e.what + ") : enregistrez la seule feuille des réalisés (colonnes code, année, valeur[, sous-indicateur]) dans un nouveau classeur"
}

// workbookMessage is the message for a workbook exported by cpog.
func (e *errXLSXBounds) workbookMessage() string {
	return "classeur trop grand pour être importé (" + e.what + ") : un classeur exporté par cpog en est loin ; supprimez les feuilles ajoutées ou enregistrez les seules feuilles « CPOG » et « Données » dans un nouveau classeur"
}

func tooLarge(what string) error { return &errXLSXBounds{what: what} }

// checkXLSXBounds reads the archive's directory and streams each sheet's
// XML (never more than maxXLSXPart of it) to check the workbook's declared
// and actual dimensions. An archive it cannot read is left for excelize to
// report.
func checkXLSXBounds(body []byte) error { return checkSheetBounds(body, nil) }

// checkSheetBounds is checkXLSXBounds on the sheets an import reads (by
// their parts' names, in lower case; nil for every sheet): a sheet never
// read is never expanded, whatever its size.
func checkSheetBounds(body []byte, read map[string]bool) error {
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		return nil
	}
	if len(zr.File) > maxXLSXEntries {
		return tooLarge("plus de 1 000 fichiers dans l’archive")
	}
	var total uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > maxXLSXPart {
			return tooLarge("une partie de plus de 32 Mo une fois décompressée")
		}
		total += f.UncompressedSize64
	}
	if total > maxXLSXTotal {
		return tooLarge("plus de 64 Mo une fois décompressé")
	}
	cells := 0
	for _, f := range zr.File {
		if !isWorksheet(f.Name) || read != nil && !read[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil
		}
		err = scanSheet(io.LimitReader(rc, maxXLSXPart), &cells)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func isWorksheet(name string) bool {
	dir, file := path.Split(strings.ToLower(name))
	return dir == "xl/worksheets/" && strings.HasSuffix(file, ".xml")
}

// scanSheet counts a sheet's rows and cells and checks their positions,
// and the dimension the sheet declares, adding its cells to *cells. Broken
// XML is left for excelize to report.
func scanSheet(r io.Reader, cells *int) error {
	dec := xml.NewDecoder(r)
	row, col := 0, 0
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return nil
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "dimension":
			if ref := attr(se, "ref"); ref != "" {
				last := ref[strings.LastIndexByte(ref, ':')+1:]
				if c, r, err := excelize.CellNameToCoordinates(last); err == nil {
					if err := checkPosition(c, r); err != nil {
						return err
					}
				}
			}
		case "row":
			row++
			if r := attr(se, "r"); r != "" {
				n, ok := atoi(r)
				if !ok {
					return tooLarge("ligne « " + cpog.Cite(r) + " » hors de la feuille")
				}
				row = n
			}
			col = 0
			if err := checkPosition(1, row); err != nil {
				return err
			}
		case "c":
			col++
			if name := attr(se, "r"); name != "" {
				c, r, err := excelize.CellNameToCoordinates(name)
				if err != nil {
					return tooLarge("cellule « " + cpog.Cite(name) + " » hors de la feuille")
				}
				col = c
				if r > row {
					row = r
				}
			}
			if err := checkPosition(col, row); err != nil {
				return err
			}
			if *cells++; *cells > maxXLSXCells {
				return tooLarge("plus de 200 000 cellules")
			}
		}
	}
}

func checkPosition(col, row int) error {
	switch {
	case col > maxXLSXColumns:
		return tooLarge("des cellules au-delà de la colonne IV, la 256e")
	case row > maxXLSXRows:
		return tooLarge("des lignes au-delà de la 50 000e")
	}
	return nil
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func atoi(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
