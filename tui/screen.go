package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

// screen is one page of the interface. Screens are values: Update returns
// the screen as it now is, and changes the shared state through s.
type screen interface {
	Update(s *state, msg tea.Msg) (screen, tea.Cmd)
	// View is the body between the header and the footer, w × h cells at
	// most.
	View(s *state, w, h int) []string
	// ShortHelp is the footer's line of keys.
	ShortHelp(s *state) []key.Binding
}

// dialog is a window over a screen: it takes every key until it closes
// (Update returns nil).
type dialog interface {
	Update(s *state, msg tea.Msg) (dialog, tea.Cmd)
	// View is the body while the dialog is open; nil keeps the screen's.
	View(s *state, w, h int) []string
	ShortHelp(s *state) []key.Binding
}

// footerDialog is a dialog drawn in the footer, under the screen it
// edits (a value's input), instead of the footer's usual lines.
type footerDialog interface {
	Footer(s *state, w int) []string
}

type screenID int

const (
	screenNone screenID = iota
	screenLoading
	screenPicker
	screenMain
	screenDetail
	screenSynthese
	screenNetwork
	screenHelp
	screenCount
)

func newScreens() [screenCount]screen {
	return [screenCount]screen{
		screenNone:     loadingScreen{},
		screenLoading:  loadingScreen{},
		screenPicker:   newPickerScreen(),
		screenMain:     mainScreen{},
		screenDetail:   detailScreen{},
		screenSynthese: syntheseScreen{},
		screenNetwork:  networkScreen{},
		screenHelp:     helpScreen{},
	}
}

// loadingScreen waits for the referential and the contract.
type loadingScreen struct{}

func (l loadingScreen) Update(s *state, msg tea.Msg) (screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.keys.Quit) {
		return l, tea.Quit
	}
	return l, nil
}

func (loadingScreen) View(s *state, w, h int) []string {
	out := []string{"", "  Chargement du référentiel…"}
	if s.err != "" {
		out = append(out, "", "  "+s.styles.Error.Render(cpog.Printable(s.err)))
	}
	return out
}

func (loadingScreen) ShortHelp(s *state) []key.Binding {
	return []key.Binding{hint("quitter", s.keys.Quit)}
}
