package exchange

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The spreadsheet library writes the parts of streamed sheets in the order
// of a map: two exports of one document would differ in the order of the
// archive's entries. orderedZip keeps the entries and writes them, on
// Close, the sheets first in their order, then the others in the order
// they came, so that the same document gives the same bytes.
type orderedZip struct {
	w       io.Writer
	entries []zipEntry
}

type zipEntry struct {
	name string
	data *bytes.Buffer
}

func newOrderedZip(w io.Writer) excelize.ZipWriter { return &orderedZip{w: w} }

func (z *orderedZip) Create(name string) (io.Writer, error) {
	e := zipEntry{name: name, data: new(bytes.Buffer)}
	z.entries = append(z.entries, e)
	return e.data, nil
}

func (z *orderedZip) AddFS(fs.FS) error {
	return errors.New("orderedZip: AddFS is not supported")
}

func (z *orderedZip) Close() error {
	slices.SortStableFunc(z.entries, func(a, b zipEntry) int {
		sa, oka := sheetNumber(a.name)
		sb, okb := sheetNumber(b.name)
		switch {
		case oka && okb:
			return sa - sb
		case oka:
			return -1
		case okb:
			return 1
		}
		return 0
	})
	zw := zip.NewWriter(z.w)
	for _, e := range z.entries {
		w, err := zw.Create(e.name)
		if err != nil {
			return err
		}
		if _, err := w.Write(e.data.Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}

// sheetNumber is n for the part "xl/worksheets/sheetN.xml".
func sheetNumber(name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, "xl/worksheets/sheet")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSuffix(rest, ".xml"))
	return n, err == nil
}
