package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

// MinWidth and MinHeight are the smallest terminal the layout holds in.
const (
	MinWidth  = 80
	MinHeight = 24
)

// Options configure a new interface.
type Options struct {
	// Caf, when set, selects this Caf at start (cpog --caf 91).
	Caf string
	// Dark tells the background before the terminal answers; tests fix it.
	Dark bool
	// Watch polls the database for other processes' writes and reloads
	// the contract when there are some.
	Watch bool
	// Now is the clock for default file names (default: time.Now); tests
	// fix it.
	Now func() time.Time
	// Dir is shown as the folder exports are written to (the current
	// directory); empty shows "le dossier courant".
	Dir string
	// Location is the time zone of the history's timestamps (default: the
	// computer's); tests fix it.
	Location *time.Location
	// Width and Height are the terminal's size at start, when known: the
	// first frame is then drawn whole at once, a renderer tick sooner than
	// after bubbletea's first size message.
	Width, Height int
	// Resume is where the user was last time (Model.Position).
	Resume Position
	// BilanDue is the day the bilan annuel is due (zero: the COG's 15
	// March); the header reminds it in the weeks before.
	BilanDue cpog.DueDay
}

// Model is the root model of the interface: it owns the shared state,
// routes each message to the open dialog or the active screen, and applies
// what they ask for (another screen, a dialog).
type Model struct {
	st      state
	screens [screenCount]screen
	active  screenID
	dialog  dialog // nil when none is open
}

// New returns the interface on a port.
func New(ctx context.Context, port Port, opts Options) Model {
	m := Model{st: state{ctx: ctx, port: port, opts: opts, keys: newKeyMap(), width: MinWidth, height: MinHeight}, active: screenLoading}
	if opts.Width > 0 && opts.Height > 0 {
		m.st.width, m.st.height = opts.Width, opts.Height
	}
	m.st.setDark(opts.Dark)
	m.screens = newScreens()
	return m
}

// Preload returns the interface with the referential and the contract
// already read, so that its first frame is complete. It runs before the
// program starts (where I/O is allowed), not in Update.
func Preload(ctx context.Context, port Port, opts Options) (Model, error) {
	m := New(ctx, port, opts)
	msg := m.st.loadCmd(opts.Caf)()
	if e, ok := msg.(errMsg); ok {
		return m, e.err
	}
	next, _ := m.Update(msg)
	return next.(Model), nil
}

// Init loads the referential and the contract, and asks the terminal for
// its background colour and whether it shows 24-bit colour (bubbletea
// switches to it on a yes).
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, tea.RequestCapability("RGB")}
	if m.st.ref == nil {
		cmds = append(cmds, m.st.loadCmd(m.st.opts.Caf))
	}
	if m.st.opts.Watch {
		cmds = append(cmds, m.st.watchCmd())
	}
	return tea.Batch(cmds...)
}

// Update handles a message. It does no I/O: the port is reached through
// the commands it returns.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	s := &m.st
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.width, s.height = msg.Width, msg.Height
		return m, nil
	case tea.BackgroundColorMsg:
		s.setDark(msg.IsDark())
		return m, nil
	case loadedMsg:
		s.ref, s.cafs, s.c, s.dataVersion = msg.ref, msg.cafs, msg.c, msg.version
		s.year = s.ref.FirstYear()
		m.active = screenMain
		if msg.c == nil {
			m.active = screenPicker
		} else {
			m.resume(s.opts.Resume)
		}
		next, cmd := m.route(m.active, msg)
		if m.active == screenDetail {
			cmd = tea.Batch(cmd, s.historyCmd(m.Position().Line.Code))
		}
		return next, cmd
	case contractMsg:
		s.c, s.pending = msg.c, nil
		s.info, s.err = msg.info, ""
		if m.active == screenPicker || m.active == screenLoading {
			m.active = screenMain
		}
		if m.active == screenDetail {
			return m.route(screenDetail, msg)
		}
		return m, nil
	case historyMsg:
		s.history = msg.events
		return m, nil
	case dataVersionMsg:
		return m, m.watched(msg)
	case errMsg:
		s.failed(msg.err)
		return m, nil
	case saveFailedMsg:
		ch := msg.change
		s.pending = &ch
		// the way out first: the store's message can be long, and the
		// footer cuts what does not fit
		s.err, s.info = "non enregistré, rien n’est perdu (ctrl+s pour réessayer) : "+errorText(msg.err), ""
		return m, nil
	case networkMsg:
		return m.route(screenNetwork, msg)
	case tea.KeyPressMsg:
		if key.Matches(msg, s.keys.ForceQuit) {
			return m, tea.Quit
		}
		if m.dialog == nil {
			return m.updateKey(msg)
		}
	}
	if m.dialog != nil {
		var cmd tea.Cmd
		m.dialog, cmd = m.dialog.Update(s, msg)
		return m.settle(cmd)
	}
	return m.route(m.active, msg)
}

// updateKey handles a key when no dialog is open: the keys every screen
// shares, then the active screen's. The picker and the help page take
// every key themselves (the picker's filter is text).
func (m Model) updateKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	s, k := &m.st, m.st.keys
	if m.active == screenPicker || m.active == screenHelp || !s.loaded() {
		return m.route(m.active, msg)
	}
	s.err = ""
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Help):
		m.screens[screenHelp] = helpScreen{back: m.active}
		m.active = screenHelp
		return m, nil
	case key.Matches(msg, k.PrevYear):
		s.shiftYear(-1)
	case key.Matches(msg, k.NextYear):
		s.shiftYear(1)
	case key.Matches(msg, k.Search):
		s.open(newSearchDialog())
	case key.Matches(msg, k.Refresh):
		return m, s.reloadCmd("base relue")
	case key.Matches(msg, k.Retry):
		if s.pending == nil {
			s.info = "rien à réessayer : tout est enregistré"
			return m, nil
		}
		return m, s.applyCmd(*s.pending)
	case key.Matches(msg, k.Undo):
		return m, s.undoCmd()
	default:
		return m.route(m.active, msg)
	}
	return m.settle(nil)
}

// route hands a message to one screen.
func (m Model) route(id screenID, msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	m.screens[id], cmd = m.screens[id].Update(&m.st, msg)
	return m.settle(cmd)
}

// settle applies what the screen or dialog just asked for.
func (m Model) settle(cmd tea.Cmd) (tea.Model, tea.Cmd) {
	s := &m.st
	if s.opening != nil {
		m.dialog, s.opening = s.opening, nil
	}
	if s.goTo != screenNone {
		m.active, s.goTo = s.goTo, screenNone
	}
	return m, cmd
}

// watched handles a poll of the database: another process's write reloads
// the contract.
func (m *Model) watched(msg dataVersionMsg) tea.Cmd {
	s := &m.st
	if msg.err != nil {
		s.failed(msg.err)
		return s.watchCmd()
	}
	changed := s.dataVersion != 0 && msg.v != s.dataVersion
	s.dataVersion = msg.v
	if changed && s.c != nil {
		return tea.Batch(s.watchCmd(), s.reloadCmd("la base a changé (autre programme) : valeurs relues"))
	}
	return s.watchCmd()
}
