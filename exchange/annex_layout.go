package exchange

import (
	"math"
	"strings"
	"unicode"
)

// A fiche's table in the annex has fifteen columns of figures (national
// target, reference, caisse for five years) beside the code and the label.
// Printed on A4 landscape by a browser, a table wider than the page is cut
// at its right edge: the last years and the signatures vanish. So every
// table is laid out here, deterministically: each column of figures as wide
// as its widest figure (figures never wrap), the code as wide as the
// longest code, the label the rest; and when that leaves the label too
// little room, the table's print font shrinks until it fits.

const (
	// printableMM is the width inside the page margins of A4 landscape
	// (297 mm less twice the @page margin of the documents' CSS).
	printableMM  = 297 - 2*pageMarginMM
	pageMarginMM = 10
	// labelMinMM is the least width left to the label column.
	labelMinMM = 48
	// mmPerChPt is the width of a digit ("ch") per point of font size in
	// the widest font the documents' font stack may fall back on (DejaVu
	// Sans: 0.636 em); Arial and Helvetica are narrower.
	mmPerChPt = 0.636 * 25.4 / 72
	// tableFontPt is the print size of the figure tables, tableFontMinPt
	// the smallest they shrink to.
	tableFontPt    = 7.5
	tableFontMinPt = 5.5
	// cellPadCh is a cell's padding and border, in ch.
	cellPadCh = 1.2
	// headFactor widens a header's text, set bold and in whatever font.
	headFactor = 1.25
)

// tableLayout is the print layout of one table of figures.
type tableLayout struct {
	Code     float64   // width of the code column, in ch
	Cols     []float64 // width of each column of figures, in ch
	FontSize float64   // print font size, in points
}

// annexLayout sizes a fiche's table from its rows.
func annexLayout(rows []annexRow, kind string) tableLayout {
	years := 0
	if len(rows) > 0 {
		years = len(rows[0].Cells)
	}
	l := tableLayout{Code: textWidth("Code") + cellPadCh, Cols: make([]float64, 3*years)}
	for i := range l.Cols {
		// the headers, set bold: "Nat.", "Réf.", and the caisse's kind
		l.Cols[i] = headFactor*math.Max(textWidth("Nat."), textWidth(kind)) + cellPadCh
	}
	for _, r := range rows {
		l.Code = math.Max(l.Code, textWidth(r.Code)+cellPadCh)
		for y, c := range r.Cells {
			w := [3]float64{unbreakableWidth(c.National), unbreakableWidth(c.Reference), unbreakableWidth(c.Local) * 1.08}
			if c.Status != "" {
				// the status is set smaller, and wraps after its hyphen
				w[2] = math.Max(w[2], 0.85*unbreakableWidth(strings.ReplaceAll(c.Status, "-", "- ")))
			}
			for k := range w {
				l.Cols[3*y+k] = math.Max(l.Cols[3*y+k], w[k]+cellPadCh)
			}
		}
	}
	l.FontSize = fitFont(l.Code+sum(l.Cols), 0)
	return l
}

// fitFont is the largest print font size, down to tableFontMinPt, at which
// columns totalling ch, beside columns of fixed width totalling fixedMM,
// leave the label its least width.
func fitFont(ch, fixedMM float64) float64 {
	room := float64(printableMM-labelMinMM) - fixedMM
	size := tableFontPt
	if ch*mmPerChPt*size > room {
		size = math.Floor(room/(ch*mmPerChPt)*10) / 10
	}
	return math.Max(size, tableFontMinPt)
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// unbreakableWidth is the width of the widest part of s a line cannot
// break: a figure is held together by no-break spaces, a national target
// such as "- 5 % par rapport à 2021" wraps between its words.
func unbreakableWidth(s string) float64 {
	w := 0.0
	for _, part := range strings.Split(s, " ") {
		w = math.Max(w, textWidth(part))
	}
	return w
}

// textWidth estimates the width of s in ch (the width of a digit) in a
// proportional sans-serif font, rounding up the wide characters.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r == '\u202f' || r == '\u00a0' || r == ' ' || r == ',' || r == '.' || r == 'i' || r == 'j' || r == 'l' || r == 't' || r == 'f':
			w += 0.55
		case r == '%':
			w += 1.65
		case r == 'M' || r == 'm' || r == 'W' || r == 'w':
			w += 1.55
		case unicode.IsUpper(r):
			w += 1.4
		default:
			w += 1
		}
	}
	return w
}
