package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/store"
)

// MinWidth and MinHeight are the smallest terminal the layout holds in.
const (
	MinWidth  = 80
	MinHeight = 24
)

type screen int

const (
	screenLoading screen = iota
	screenPicker
	screenMain
	screenDetail
	screenSynthese
	screenNetwork
)

type pane int

const (
	paneFiches pane = iota
	paneIndicators
)

// editState is an open input: which field of which line and year.
type editState struct {
	key   cpog.TargetKey
	field cpog.Field
	unit  cpog.Unit
	title string
	input textinput.Model
	err   string
}

// pickerState is the first-run choice of the Caf, then of its weight.
type pickerState struct {
	filter  textinput.Model
	matches []cpog.Caf
	idx     int
	weight  *textinput.Model
	chosen  cpog.Caf
	err     string
}

// searchState is the / search.
type searchState struct {
	input   textinput.Model
	results []*cpog.Indicator
	idx     int
}

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
}

// Model is the root model of the interface.
type Model struct {
	ctx    context.Context
	db     *store.DB
	opts   Options
	keys   keyMap
	styles Styles

	width, height int

	ref  *cpog.Referential
	cafs []cpog.Caf
	c    *cpog.Contract

	screen       screen
	showHelp     bool
	synthAchieve bool // the synthèse shows the bilan annuel rather than gaps
	year         int

	focus     pane
	fiche     int // index in ref.Fiches
	row       int // index in the current fiche's lines
	detailSub int // index of the line in the detail screen
	history   []cpog.Event

	network   *networkState
	export    *exportState
	importing *importState

	edit   *editState
	picker *pickerState
	search *searchState

	info string
	err  string
	// pending is a change whose save failed, kept for ctrl+s
	pending *cpog.Change

	dataVersion int64
}

// New returns the interface on an open store.
func New(ctx context.Context, db *store.DB, opts Options) Model {
	m := Model{ctx: ctx, db: db, opts: opts, keys: newKeyMap(), width: MinWidth, height: MinHeight}
	if opts.Width > 0 && opts.Height > 0 {
		m.width, m.height = opts.Width, opts.Height
	}
	m.setDark(opts.Dark)
	return m
}

func (m Model) loc() *time.Location {
	if m.opts.Location != nil {
		return m.opts.Location
	}
	return time.Local
}

func (m *Model) setDark(dark bool) {
	m.styles = NewStyles(dark)
}

// Preload returns the interface with the referential and the contract
// already read, so that its first frame is complete. It runs before the
// program starts (where I/O is allowed), not in Update.
func Preload(ctx context.Context, db *store.DB, opts Options) (Model, error) {
	m := New(ctx, db, opts)
	msg := load(ctx, db, opts.Caf)()
	if e, ok := msg.(errMsg); ok {
		return m, e.err
	}
	next, _ := m.Update(msg)
	return next.(Model), nil
}

// Init loads the referential and the contract, and asks the terminal for
// its background colour.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	if m.ref == nil {
		cmds = append(cmds, load(m.ctx, m.db, m.opts.Caf))
	}
	if m.opts.Watch {
		cmds = append(cmds, watch(m.ctx, m.db))
	}
	return tea.Batch(cmds...)
}

// Update handles a message. It does no I/O: store work is returned as
// commands.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, nil
	case tea.BackgroundColorMsg:
		m.setDark(msg.IsDark())
		return m, nil
	case loadedMsg:
		m.ref, m.cafs = msg.ref, msg.cafs
		m.dataVersion = msg.version
		m.year = m.ref.FirstYear()
		if msg.c == nil {
			m.openPicker()
			return m, nil
		}
		m.c = msg.c
		m.screen = screenMain
		return m, nil
	case contractMsg:
		m.c = msg.c
		m.pending = nil
		m.info, m.err = msg.info, ""
		if m.screen == screenPicker || m.screen == screenLoading {
			m.screen = screenMain
			m.picker = nil
		}
		if m.screen == screenDetail {
			return m, m.historyCmd()
		}
		return m, nil
	case historyMsg:
		m.history = msg.events
		return m, nil
	case exportedMsg:
		m.export = nil
		m.info, m.err = "exporté : "+msg.path, ""
		return m, nil
	case importCheckedMsg:
		if m.importing == nil {
			return m, nil
		}
		s := *m.importing
		m.importing = &s
		if msg.err != nil {
			s.report, s.problem = nil, importProblems(msg.err)
			return m, nil
		}
		s.report, s.problem = msg.report, nil
		return m, nil
	case importedMsg:
		m.importing = nil
		m.c = msg.c
		m.info, m.err = msg.report.Summary(), ""
		return m, nil
	case networkMsg:
		m.network = newNetworkState(m.ref, msg.members)
		return m, nil
	case dataVersionMsg:
		if msg.err != nil {
			m.err = errorText(msg.err)
			return m, watch(m.ctx, m.db)
		}
		changed := m.dataVersion != 0 && msg.v != m.dataVersion
		m.dataVersion = msg.v
		cmds := []tea.Cmd{watch(m.ctx, m.db)}
		if changed && m.c != nil {
			cmds = append(cmds, reloadAfterWatch(m.ctx, m.db, m.c.Caf.Code))
		}
		return m, tea.Batch(cmds...)
	case errMsg:
		m.err = errorText(msg.err)
		m.info = ""
		return m, nil
	case saveFailedMsg:
		ch := msg.change
		m.pending = &ch
		// the way out first: the store's message can be long, and the
		// footer cuts what does not fit (at 120 columns the busy message
		// left no room for the hint)
		m.err = "non enregistré, rien n’est perdu (ctrl+s pour réessayer) : " + errorText(msg.err)
		m.info = ""
		return m, nil
	case tea.PasteMsg:
		return m.updateInputs(msg)
	case tea.KeyPressMsg:
		return m.updateKey(msg)
	}
	return m.updateInputs(msg)
}

// errorText is the French message of an error for the footer.
func errorText(err error) string {
	var de *cpog.Error
	if errors.As(err, &de) {
		return de.Message
	}
	return err.Error()
}

// updateInputs forwards other messages (cursor blink) to the open input.
func (m Model) updateInputs(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	m.copyInputs()
	switch {
	case m.edit != nil:
		m.edit.input, cmd = m.edit.input.Update(msg)
	case m.search != nil:
		m.search.input, cmd = m.search.input.Update(msg)
		m.runSearch()
	case m.export != nil:
		e := *m.export
		e.path, cmd = e.path.Update(msg)
		e.defaulted = false
		m.export = &e
	case m.importing != nil && m.importing.report == nil:
		s := *m.importing
		s.path, cmd = s.path.Update(msg)
		m.importing = &s
	case m.picker != nil && m.picker.weight != nil:
		var ti textinput.Model
		ti, cmd = m.picker.weight.Update(msg)
		m.picker.weight = &ti
	case m.picker != nil:
		m.picker.filter, cmd = m.picker.filter.Update(msg)
		m.filterCafs()
	}
	return m, cmd
}

func (m Model) updateKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if key.Matches(msg, m.keys.ForceQuit) {
		return m, tea.Quit
	}
	// Inputs swallow keys first, so that typing "q" or "e" in a value
	// never quits or opens another input.
	switch {
	case m.edit != nil:
		return m.updateEdit(msg)
	case m.search != nil:
		return m.updateSearch(msg)
	case m.export != nil:
		return m.updateExport(msg)
	case m.importing != nil:
		return m.updateImport(msg)
	case m.screen == screenPicker:
		return m.updatePicker(msg)
	}
	if m.showHelp {
		if key.Matches(msg, m.keys.Help, m.keys.Back, m.keys.Quit) {
			m.showHelp = false
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.showHelp = true
		return m, nil
	}
	if m.ref == nil || m.c == nil {
		return m, nil
	}
	m.err = ""
	switch {
	case key.Matches(msg, m.keys.PrevYear):
		m.shiftYear(-1)
		return m, nil
	case key.Matches(msg, m.keys.NextYear):
		m.shiftYear(1)
		return m, nil
	case key.Matches(msg, m.keys.Search):
		m.openSearch()
		return m, nil
	case key.Matches(msg, m.keys.Refresh):
		return m, reload(m.ctx, m.db, m.c.Caf.Code)
	case key.Matches(msg, m.keys.Retry):
		if m.pending == nil {
			m.info = "rien à réessayer : tout est enregistré"
			return m, nil
		}
		return m, apply(m.ctx, m.db, m.c.Caf.Code, *m.pending)
	case key.Matches(msg, m.keys.Undo):
		return m, undo(m.ctx, m.db, m.c.Caf.Code)
	case key.Matches(msg, m.keys.Weight):
		m.openWeightEdit()
		return m, nil
	case key.Matches(msg, m.keys.Export):
		m.openExport()
		return m, nil
	case key.Matches(msg, m.keys.Import):
		m.openImport()
		return m, nil
	}
	switch m.screen {
	case screenMain:
		return m.updateMain(msg)
	case screenDetail:
		return m.updateDetail(msg)
	case screenNetwork:
		return m.updateNetwork(msg)
	case screenSynthese:
		switch {
		case key.Matches(msg, m.keys.Back, m.keys.Synthese):
			m.screen = screenMain
		case key.Matches(msg, m.keys.Toggle):
			m.synthAchieve = !m.synthAchieve
		}
	}
	return m, nil
}

// copyInputs gives this model its own copy of the open inputs' state, so
// that updating it leaves earlier copies of the model untouched.
func (m *Model) copyInputs() {
	if m.edit != nil {
		e := *m.edit
		m.edit = &e
	}
	if m.search != nil {
		s := *m.search
		s.results = append([]*cpog.Indicator(nil), s.results...)
		m.search = &s
	}
	if m.picker != nil {
		p := *m.picker
		p.matches = append([]cpog.Caf(nil), p.matches...)
		if p.weight != nil {
			w := *p.weight
			p.weight = &w
		}
		m.picker = &p
	}
}

func (m *Model) shiftYear(d int) {
	y := m.year + d
	if m.ref.HasYear(y) {
		m.year = y
	}
}

// lines are the rows of the selected fiche: each indicator, or each of its
// sub-indicators.
func (m Model) lines() []cpog.Line {
	if m.ref == nil || len(m.ref.Fiches) == 0 {
		return nil
	}
	var out []cpog.Line
	for _, ind := range m.ref.IndicatorsOf(m.ref.Fiches[m.fiche].N) {
		out = append(out, ind.Lines()...)
	}
	return out
}

func (m Model) currentLine() (cpog.Line, bool) {
	ls := m.lines()
	if m.row < 0 || m.row >= len(ls) {
		return cpog.Line{}, false
	}
	return ls[m.row], true
}

func (m Model) updateMain(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Up):
		if m.focus == paneFiches {
			m.moveFiche(-1)
		} else if m.row > 0 {
			m.row--
		}
	case key.Matches(msg, m.keys.Down):
		if m.focus == paneFiches {
			m.moveFiche(1)
		} else if m.row < len(m.lines())-1 {
			m.row++
		}
	case key.Matches(msg, m.keys.Left):
		m.focus = paneFiches
	case key.Matches(msg, m.keys.Right):
		if len(m.lines()) > 0 {
			m.focus = paneIndicators
		}
	case key.Matches(msg, m.keys.Enter):
		if m.focus == paneFiches {
			if len(m.lines()) > 0 {
				m.focus = paneIndicators
			}
			return m, nil
		}
		return m.openDetail()
	case key.Matches(msg, m.keys.Synthese):
		m.screen = screenSynthese
	case key.Matches(msg, m.keys.Network):
		m.screen = screenNetwork
		return m, loadNetwork(m.ctx, m.db)
	case key.Matches(msg, m.keys.Edit):
		return m.openLineEdit(cpog.FieldProposed, m.year)
	case key.Matches(msg, m.keys.Counter):
		return m.openLineEdit(cpog.FieldCounter, m.year)
	case key.Matches(msg, m.keys.Propose):
		return m.negotiate(cpog.Propose, m.ref.Years)
	case key.Matches(msg, m.keys.Agree):
		return m.negotiate(cpog.Agree, m.ref.Years)
	case key.Matches(msg, m.keys.Mode):
		return m.cycleMode()
	}
	return m, nil
}

func (m *Model) moveFiche(d int) {
	n := m.fiche + d
	if n >= 0 && n < len(m.ref.Fiches) {
		m.fiche, m.row = n, 0
	}
}

func (m Model) openDetail() (tea.Model, tea.Cmd) {
	l, ok := m.currentLine()
	if !ok {
		return m, nil
	}
	m.screen = screenDetail
	m.history = nil
	m.detailSub = 0
	for i, dl := range l.Indicator.Lines() {
		if dl.Sub == l.Sub {
			m.detailSub = i
		}
	}
	return m, m.historyCmd()
}

func (m Model) historyCmd() tea.Cmd {
	l, ok := m.currentLine()
	if !ok || m.c == nil {
		return nil
	}
	return loadHistory(m.ctx, m.db, m.c.Caf.Code, l.Indicator.Code)
}

// detailLine is the line the detail screen edits: the indicator's own, or
// the selected sub-indicator.
func (m Model) detailLine() (cpog.Line, bool) {
	l, ok := m.currentLine()
	if !ok {
		return l, false
	}
	ls := l.Indicator.Lines()
	if m.detailSub < 0 || m.detailSub >= len(ls) {
		return ls[0], true
	}
	return ls[m.detailSub], true
}

func (m Model) updateDetail(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	l, ok := m.detailLine()
	if !ok {
		m.screen = screenMain
		return m, nil
	}
	switch {
	case key.Matches(msg, m.keys.Back):
		m.screen = screenMain
		// keep the main cursor on the sub-indicator seen last
		for i, ml := range m.lines() {
			if ml.Key() == l.Key() {
				m.row = i
			}
		}
	case key.Matches(msg, m.keys.Left):
		m.shiftYear(-1)
	case key.Matches(msg, m.keys.Right):
		m.shiftYear(1)
	case key.Matches(msg, m.keys.Up):
		if m.detailSub > 0 {
			m.detailSub--
		}
	case key.Matches(msg, m.keys.Down):
		if m.detailSub < len(l.Indicator.Lines())-1 {
			m.detailSub++
		}
	case key.Matches(msg, m.keys.Enter, m.keys.Edit):
		return m.openEdit(l, cpog.FieldProposed, m.year)
	case key.Matches(msg, m.keys.Counter):
		return m.openEdit(l, cpog.FieldCounter, m.year)
	case key.Matches(msg, m.keys.Actual):
		return m.openEdit(l, cpog.FieldActual, m.year)
	case key.Matches(msg, m.keys.Baseline):
		return m.openEdit(l, cpog.FieldBaseline, 0)
	case key.Matches(msg, m.keys.Propose):
		return m.negotiate(cpog.Propose, m.ref.Years)
	case key.Matches(msg, m.keys.Agree):
		return m.negotiate(cpog.Agree, m.ref.Years)
	case key.Matches(msg, m.keys.Mode):
		return m.cycleMode()
	}
	return m, nil
}

func (m Model) negotiate(fn func(*cpog.Contract, []cpog.Line, []int) (cpog.Change, error), years []int) (tea.Model, tea.Cmd) {
	l, ok := m.currentLine()
	if !ok {
		return m, nil
	}
	ch, err := fn(m.c, l.Indicator.Lines(), years)
	if err != nil {
		m.err = errorText(err)
		return m, nil
	}
	return m, apply(m.ctx, m.db, m.c.Caf.Code, ch)
}

func (m Model) cycleMode() (tea.Model, tea.Cmd) {
	l, ok := m.currentLine()
	if !ok {
		return m, nil
	}
	next := m.c.ModeOf(l.Indicator).Next()
	return m, apply(m.ctx, m.db, m.c.Caf.Code, cpog.SetMode(l.Indicator, next))
}

func (m Model) openLineEdit(field cpog.Field, year int) (tea.Model, tea.Cmd) {
	l, ok := m.currentLine()
	if !ok {
		m.err = "choisissez d’abord un indicateur (→ puis ↑↓)"
		return m, nil
	}
	return m.openEdit(l, field, year)
}

func newInput(prompt, value string, width int) textinput.Model {
	ti := textinput.New()
	ti.Prompt = prompt
	ti.SetValue(value)
	ti.CharLimit = 64
	ti.SetWidth(width)
	// a steady cursor: no blink ticks to schedule, and the same screen for
	// the same keys (golden tests, screen readers)
	st := ti.Styles()
	st.Cursor.Blink = false
	ti.SetStyles(st)
	ti.Focus()
	return ti
}

func (m Model) openEdit(l cpog.Line, field cpog.Field, year int) (tea.Model, tea.Cmd) {
	k := cpog.TargetKey{LineKey: l.Key(), Year: year}
	t := m.c.Target(l.Key(), year)
	var cur cpog.Opt
	title := ""
	switch field {
	case cpog.FieldProposed:
		cur, title = t.Proposed, fmt.Sprintf("Proposition Caf %d", year)
	case cpog.FieldCounter:
		cur, title = t.Counter, fmt.Sprintf("Contre-proposition Cnaf %d", year)
	case cpog.FieldActual:
		if v, ok := m.c.Actuals[k]; ok {
			cur = cpog.Some(v)
		}
		title = fmt.Sprintf("Réalisé %d", year)
	case cpog.FieldBaseline:
		if v, ok := m.c.Baselines[l.Key()]; ok {
			cur = cpog.Some(v)
		}
		title = fmt.Sprintf("Valeur de référence (%d)", m.c.BaselineYear)
	}
	value := ""
	if cur.OK {
		value = cpog.FormatValue(cur.V, l.Indicator.Unit)
	}
	m.edit = &editState{key: k, field: field, unit: l.Indicator.Unit, title: title + " · " + l.Key().String(), input: newInput("> ", value, 24)}
	m.err = ""
	return m, nil
}

func (m *Model) openWeightEdit() {
	m.edit = &editState{field: cpog.FieldWeight, unit: cpog.UnitRatio, title: "Poids de la Caf dans la Branche (%)",
		input: newInput("> ", cpog.FormatNumber(m.c.Weight), 24)}
}

func (m Model) updateEdit(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	m.copyInputs()
	e := m.edit
	switch msg.String() {
	case "esc":
		m.edit = nil
		m.info = "saisie annulée"
		return m, nil
	case "enter":
		v, err := cpog.ParseValue(e.input.Value(), e.unit)
		if err == nil && e.field == cpog.FieldWeight {
			err = cpog.ValidateWeight(v)
		}
		if err != nil {
			e.err = errorText(err)
			return m, nil
		}
		var ch cpog.Change
		switch e.field {
		case cpog.FieldProposed:
			ch = cpog.SetValue(m.c, e.key, v, cpog.ActorCaf, "")
		case cpog.FieldCounter:
			ch = cpog.SetValue(m.c, e.key, v, cpog.ActorCnaf, "")
		case cpog.FieldActual:
			ch = cpog.SetActual(e.key, v)
		case cpog.FieldBaseline:
			ch = cpog.SetBaseline(e.key.LineKey, v)
		case cpog.FieldWeight:
			ch = cpog.Change{Actor: cpog.ActorCaf, Kind: "weight", Summary: "poids de la Caf : " + cpog.FormatNumber(v) + " %",
				Edits: []cpog.Edit{{Field: cpog.FieldWeight, Value: cpog.Some(v)}}}
		}
		m.edit = nil
		return m, apply(m.ctx, m.db, m.c.Caf.Code, ch)
	}
	var cmd tea.Cmd
	e.input, cmd = e.input.Update(msg)
	e.err = ""
	return m, cmd
}

func (m *Model) openSearch() {
	m.search = &searchState{input: newInput("/ ", "", 40)}
	m.runSearch()
}

// runSearch matches codes (any form, aliases included) and accent-free
// words of the labels.
func (m *Model) runSearch() {
	s := m.search
	q := strings.TrimSpace(s.input.Value())
	s.results = s.results[:0]
	if q == "" {
		s.idx = 0
		return
	}
	if ind, err := m.ref.Lookup(q); err == nil {
		s.results = append(s.results, ind)
	}
	words := strings.Fields(cpog.Fold(q))
	for i := range m.ref.Indicators {
		ind := &m.ref.Indicators[i]
		if len(s.results) > 0 && s.results[0] == ind {
			continue
		}
		hay := cpog.Fold(ind.Code + " " + strings.Join(ind.Aliases, " ") + " " + ind.Label)
		for _, sub := range ind.Subs {
			hay += " " + cpog.Fold(sub.Label)
		}
		all := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				all = false
				break
			}
		}
		if all {
			s.results = append(s.results, ind)
		}
	}
	if s.idx >= len(s.results) {
		s.idx = 0
	}
}

func (m Model) updateSearch(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	m.copyInputs()
	s := m.search
	switch msg.String() {
	case "esc":
		m.search = nil
		return m, nil
	case "up", "ctrl+p":
		if s.idx > 0 {
			s.idx--
		}
		return m, nil
	case "down", "ctrl+n":
		if s.idx < len(s.results)-1 {
			s.idx++
		}
		return m, nil
	case "enter":
		if len(s.results) == 0 {
			m.err = "aucun indicateur ne correspond à « " + s.input.Value() + " »"
			return m, nil
		}
		m.jumpTo(s.results[s.idx])
		m.search = nil
		return m, nil
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	m.runSearch()
	return m, cmd
}

// jumpTo selects an indicator's fiche and row on the main screen.
func (m *Model) jumpTo(ind *cpog.Indicator) {
	for i, f := range m.ref.Fiches {
		if f.N == ind.Fiche {
			m.fiche = i
		}
	}
	for i, l := range m.lines() {
		if l.Indicator.Code == ind.Code {
			m.row = i
			break
		}
	}
	m.focus = paneIndicators
	m.screen = screenMain
	m.info = "→ " + ind.Code
}
