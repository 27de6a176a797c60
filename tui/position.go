package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// Position is where the user was when the interface closed: the fiche,
// the line, the year, the screen, the pane that had the focus and, in the
// plan d'actions, the item. cmd/cpog keeps it in the database, and the
// next start reopens there.
type Position struct {
	Fiche  int // the fiche's number
	Line   cpog.LineKey
	Year   int
	Screen string // "main", "detail" or "synthese"
	// Pane is "fiches" when the list of fiches had the focus (a user
	// walking the fiches with j/k resumes doing so), "" otherwise.
	Pane string
	// Item is the selected item of the plan d'actions when the main
	// screen showed it (side "caisse"/"etat" and number), "" otherwise.
	Item string
}

// String writes the position for the settings table:
// "fiche=8;line=COG-08-23 b;year=2025;screen=detail;pane=;item=".
func (p Position) String() string {
	return fmt.Sprintf("fiche=%d;line=%s;year=%d;screen=%s;pane=%s;item=%s", p.Fiche, p.Line, p.Year, p.Screen, p.Pane, p.Item)
}

// ParsePosition reads what String wrote; anything unreadable is left out
// (a start on the first fiche is no harm).
func ParsePosition(s string) Position {
	var p Position
	for _, part := range strings.Split(s, ";") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "fiche":
			p.Fiche, _ = strconv.Atoi(v)
		case "year":
			p.Year, _ = strconv.Atoi(v)
		case "line":
			code, sub, _ := strings.Cut(v, " ")
			p.Line = cpog.LineKey{Code: code, Sub: sub}
		case "screen":
			p.Screen = v
		case "pane":
			p.Pane = v
		case "item":
			p.Item = v
		}
	}
	return p
}

var screenNames = map[screenID]string{screenMain: "main", screenDetail: "detail", screenSynthese: "synthese"}

// Position is where the user is now.
func (m Model) Position() Position {
	s := &m.st
	if !s.loaded() {
		return Position{}
	}
	p := Position{Fiche: s.ref.Fiches[s.fiche].N, Year: s.year, Screen: "main"}
	if l, ok := s.currentLine(); ok {
		p.Line = l.Key()
	}
	if name, ok := screenNames[m.active]; ok {
		p.Screen = name
	}
	if s.focus == paneFiches {
		p.Pane = "fiches"
	}
	if s.rightView() == viewPlan {
		if r, ok := currentItem(s); ok && r.heading == "" {
			p.Item = string(r.item.Key.Side) + " " + r.item.Key.N
		}
	}
	return p
}

// resume moves to a saved position, as far as it still makes sense.
func (m *Model) resume(p Position) {
	s := &m.st
	for i, f := range s.ref.Fiches {
		if f.N == p.Fiche {
			s.fiche, s.row = i, 0
		}
	}
	if p.Line.Code != "" {
		for i, l := range s.lines() {
			if l.Key() == p.Line {
				s.row, s.focus = i, paneIndicators
			}
		}
	}
	if side, n, ok := strings.Cut(p.Item, " "); ok && p.Fiche != 0 {
		k := cpog.ItemKey{Fiche: p.Fiche, Side: cpog.Side(side), N: n}
		if _, err := cpog.FindItem(s.ref, s.c, k); err == nil {
			s.selectItem(k)
		}
	}
	if p.Pane == "fiches" {
		s.focus = paneFiches
	}
	if s.ref.HasYear(p.Year) {
		s.year = p.Year
	}
	for id, name := range screenNames {
		if name == p.Screen && (id != screenDetail || s.focus == paneIndicators) {
			m.active = id
		}
	}
}
