package exchange

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

// Kind is what an import file holds.
type Kind string

// Kinds of import file.
const (
	KindExchange Kind = "exchange" // a JSON exchange file: a whole contract
	KindActuals  Kind = "actuals"  // actuals: code, year, value[, sub] in CSV or XLSX
)

// MaxImportSize bounds what an import reads: a complete exchange file is
// a few hundred kilobytes.
const MaxImportSize = 20 << 20

// container is the physical format detected.
type container int

const (
	containerJSON container = iota
	containerCSV
	containerXLSX
)

// magic numbers of files people pick by mistake.
var magics = []struct {
	prefix, what string
}{
	{"\x89PNG\r\n\x1a\n", "une image PNG"},
	{"\xff\xd8\xff", "une image JPEG"},
	{"GIF8", "une image GIF"},
	{"%PDF", "un document PDF"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "un classeur Excel 97-2003 (.xls) : enregistrez-le au format .xlsx ou « CSV UTF-8 »"},
	{"\x1f\x8b", "une archive gzip"},
	{"SQLite format 3\x00", "une base SQLite (pour restaurer une sauvegarde, remplacez le fichier de la base)"},
}

// sniff decides how to read a file, or reports why it cannot be read at
// all: empty, binary, not UTF-8. It returns the content without its BOM.
func sniff(name string, data []byte, ps *problems) ([]byte, container, bool) {
	if len(data) > MaxImportSize {
		ps.whole("fichier trop volumineux (%d Mo, au plus %d Mo)", len(data)>>20, MaxImportSize>>20)
		return nil, 0, false
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte(bom)))) == 0 {
		ps.whole("fichier vide")
		return nil, 0, false
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return data, containerXLSX, true
	}
	for _, m := range magics {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			ps.whole("fichier binaire (%s) : attendu un fichier d’échange JSON, un CSV ou un classeur XLSX", m.what)
			return nil, 0, false
		}
	}
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		ps.whole("fichier encodé en UTF-16 : réenregistrez-le en UTF-8 (dans Excel : « CSV UTF-8 (délimité par des virgules) »)")
		return nil, 0, false
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		ps.line(lineAt(data, i), "fichier binaire (octet nul) : attendu un fichier d’échange JSON, un CSV ou un classeur XLSX")
		return nil, 0, false
	}
	data = bytes.TrimPrefix(data, []byte(bom))
	if !utf8.Valid(data) {
		i := invalidUTF8(data)
		ps.line(lineAt(data, i), "le fichier n’est pas en UTF-8 (octet 0x%02X, sans doute un caractère accentué en Latin-1 ou Windows-1252) : réenregistrez-le en UTF-8, dans Excel avec « Enregistrer sous » → « CSV UTF-8 (délimité par des virgules) »", data[i])
		return nil, 0, false
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if strings.EqualFold(filepath.Ext(name), ".json") || trimmed[0] == '{' || trimmed[0] == '[' {
		return data, containerJSON, true
	}
	return data, containerCSV, true
}

func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// lineAt is the 1-based line of byte offset off.
func lineAt(b []byte, off int) int {
	if off > len(b) {
		off = len(b)
	}
	return bytes.Count(b[:off], []byte{'\n'}) + 1
}

// lineIndex holds the offsets of a text's line ends, so that locating
// each of a file's hundreds of elements costs a binary search, not a scan
// from the start.
type lineIndex []int

func newLineIndex(b []byte) lineIndex {
	ix := make(lineIndex, 0, bytes.Count(b, []byte{'\n'}))
	for i, c := range b {
		if c == '\n' {
			ix = append(ix, i)
		}
	}
	return ix
}

// line is the 1-based line of byte offset off.
func (ix lineIndex) line(off int) int {
	n, _ := slices.BinarySearch(ix, off)
	return n + 1
}

// lineColumn is the 1-based line and column (in characters) of offset off.
func lineColumn(b []byte, off int) (int, int) {
	if off > len(b) {
		off = len(b)
	}
	start := bytes.LastIndexByte(b[:off], '\n') + 1
	return lineAt(b, off), utf8.RuneCount(b[start:off]) + 1
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
