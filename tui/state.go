package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"

	"github.com/cnaf-tools/cpog"
)

// state is what every screen and dialog shares: the data on screen, the
// year and the selection, the theme, the messages of the footer. The root
// model owns it and lends screens a pointer to its own copy for the length
// of one Update; nothing in it is changed in place (a new contract
// replaces the old one), so a copy of the model is a snapshot.
type state struct {
	ctx    context.Context
	port   Port
	opts   Options
	keys   keyMap
	styles Styles
	help   help.Model

	width, height int

	ref  *cpog.Referential
	cafs []cpog.Caf
	c    *cpog.Contract
	year int

	fiche int  // index in ref.Fiches
	row   int  // index in the selected fiche's lines
	focus pane // the main screen's focused pane
	// view is the main screen's right pane: the indicators or the plan
	// d'actions; itemRow is the selected row of the plan's tree, folded
	// the engagements and actions whose children are hidden (copied on
	// change: a copy of the model keeps its own).
	view    view
	itemRow int
	folded  map[cpog.ItemKey]bool
	// history is the selected indicator's, for the detail screen.
	history []cpog.Event

	info, err string
	// pending is a change whose save failed, kept for ctrl+s.
	pending *cpog.Change

	dataVersion int64

	// Requests of a screen or dialog to the root, applied once its
	// Update returns.
	goTo    screenID
	opening dialog
}

func (s *state) setDark(dark bool) {
	s.styles = NewStyles(dark)
	s.help = help.New()
	s.help.ShortSeparator = " · "
	s.help.Styles.ShortKey = s.styles.Key
	s.help.Styles.ShortDesc = s.styles.Dim
	s.help.Styles.ShortSeparator = s.styles.Dim
}

// show asks the root to switch to a screen.
func (s *state) show(id screenID) { s.goTo = id }

// open asks the root to open a dialog over the screen.
func (s *state) open(d dialog) { s.opening = d }

// loaded reports whether the referential and a contract are there: most
// keys need both.
func (s *state) loaded() bool { return s.ref != nil && s.c != nil }

func (s *state) loc() *time.Location {
	if s.opts.Location != nil {
		return s.opts.Location
	}
	return time.Local
}

func (s *state) today() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
}

// failed shows an error in the footer.
func (s *state) failed(err error) {
	s.err, s.info = errorText(err), ""
}

func (s *state) shiftYear(d int) {
	if y := s.year + d; s.ref.HasYear(y) {
		s.year = y
	}
}

// lines are the rows of the selected fiche: each indicator, or each of its
// sub-indicators.
func (s *state) lines() []cpog.Line {
	if s.ref == nil || len(s.ref.Fiches) == 0 {
		return nil
	}
	var out []cpog.Line
	for _, ind := range s.ref.IndicatorsOf(s.ref.Fiches[s.fiche].N) {
		out = append(out, ind.Lines()...)
	}
	return out
}

// currentLine is the selected row of the selected fiche.
func (s *state) currentLine() (cpog.Line, bool) {
	ls := s.lines()
	if s.row < 0 || s.row >= len(ls) {
		return cpog.Line{}, false
	}
	return ls[s.row], true
}

// rightView is what the main screen's right pane shows: a fiche without
// indicators opens on its engagements.
func (s *state) rightView() view {
	if len(s.lines()) == 0 {
		return viewPlan
	}
	return s.view
}

// selectItem moves the selection to an item of the plan d'actions,
// unfolding what hides it.
func (s *state) selectItem(k cpog.ItemKey) {
	for i, f := range s.ref.Fiches {
		if f.N == k.Fiche {
			s.fiche = i
		}
	}
	s.view, s.focus = viewPlan, paneIndicators
	for _, n := range []string{k.Engagement(), k.Action()} {
		if n != "" {
			s.fold(cpog.ItemKey{Fiche: k.Fiche, Side: k.Side, N: n}, false)
		}
	}
	s.itemRow = 0
	for i, r := range planRows(s) {
		if r.heading == "" && r.item.Key == k {
			s.itemRow = i
		}
	}
}

// selectLine moves the selection to a line, wherever its fiche.
func (s *state) selectLine(k cpog.LineKey) {
	ind, err := s.ref.Lookup(k.Code)
	if err != nil {
		return
	}
	for i, f := range s.ref.Fiches {
		if f.N == ind.Fiche {
			s.fiche = i
		}
	}
	s.view = viewIndicators
	for i, l := range s.lines() {
		if l.Indicator.Code == k.Code && (k.Sub == "" || l.Sub == k.Sub) {
			s.row = i
			return
		}
	}
}
