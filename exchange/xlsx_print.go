package exchange

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog"
)

// The sheets a director prints (« CPOG », « Bilan », « Engagements ») are
// set up for it: A4 landscape, as wide as one page and as long as it
// takes, their header rows repeated on every page, the Caf and the
// referential in the page header, the page number in the footer. This is
// set on a sheet before its rows are streamed: the stream writer appends
// the sheet's page setup after its data.

// paperA4 is A4 in the numbering of the OOXML paperSize attribute.
const paperA4 = 9

// printSetup prepares a sheet for printing; titleRows is how many rows at
// the top repeat on every page (0: none), title the sheet's name in the
// page header.
func printSetup(f *excelize.File, d Document, sheet string, titleRows int, title string) error {
	size, landscape, wide, long := paperA4, "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &long,
	}); err != nil {
		return fmt.Errorf("mise en page: %w", err)
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("mise en page: %w", err)
	}
	left, right, top, bottom, header, footer := 0.4, 0.4, 0.7, 0.6, 0.3, 0.3
	horizontally := true
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &left, Right: &right, Top: &top, Bottom: &bottom, Header: &header, Footer: &footer, Horizontally: &horizontally,
	}); err != nil {
		return fmt.Errorf("marges: %w", err)
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + headerText(d.Contract.Caf.Label()) + "&C&B" + headerText(title) + "&R" + headerText(d.Ref.Title),
		OddFooter: "&L" + headerText("exporté le "+cpog.FormatDate(d.ExportedAt)) + "&RPage &P / &N",
	}); err != nil {
		return fmt.Errorf("en-tête et pied de page: %w", err)
	}
	if titleRows == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$1:$%d", strings.ReplaceAll(sheet, "'", "''"), titleRows),
	})
}

// headerText escapes a text for a page header, where "&" starts a code,
// and keeps it short: the header holds at most 255 characters in all.
func headerText(s string) string {
	if r := []rune(s); len(r) > 70 {
		s = string(r[:70]) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}

// Neither Excel nor LibreOffice fits a row's height to its wrapped text
// when it opens a file (LibreOffice keeps the default height and prints
// the lines over the next rows): the writer sets the height itself. It
// counts the lines of a greedy word wrap with fewer characters per line
// than a column holds in Excel's Calibri or in the DejaVu Sans that
// LibreOffice substitutes for it, so that a text is never cut; a row may
// be a little taller than it needs.

// lineHeight is the height of a line of 11-point text, in points, with
// room for a wider substitute font.
const lineHeight = 14.5

// wrapped is a text in a column of a given width.
type wrapped struct {
	text  string
	width float64
	bold  bool
}

// rowHeight is the height, in points, of a row holding these texts; 0
// when one line is enough (the sheet's default height).
func rowHeight(cells ...wrapped) float64 {
	lines := 1
	for _, c := range cells {
		lines = max(lines, wrapLines(c))
	}
	if lines == 1 {
		return 0
	}
	return float64(lines)*lineHeight + 3
}

// wrapLines counts the lines a text takes in its column.
func wrapLines(c wrapped) int {
	perChar := 0.92
	if c.bold {
		perChar = 1.05
	}
	capacity := max(int((c.width-1)/perChar), 1)
	n := 0
	for _, para := range strings.Split(strings.ReplaceAll(c.text, "\r\n", "\n"), "\n") {
		n++
		used := 0
		for _, w := range strings.Fields(para) {
			l := utf8.RuneCountInString(w)
			switch {
			case used == 0:
			case used+1+l <= capacity:
				used += 1 + l
				continue
			default:
				n++
			}
			// a word longer than a line is cut over several
			n += (l - 1) / capacity
			used = (l-1)%capacity + 1
		}
	}
	return n
}
