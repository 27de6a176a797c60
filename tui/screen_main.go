package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

type pane int

const (
	paneFiches pane = iota
	paneIndicators
)

// mainScreen is the fiches on the left and, on the right, the selected
// fiche's indicators for the year in the header, or its engagements (v).
// The selection is in the shared state: the search and the detail move it
// too.
type mainScreen struct{}

func (ms mainScreen) Update(s *state, msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || !s.loaded() {
		return ms, nil
	}
	keys := s.keys
	plan := s.rightView() == viewPlan
	if plan && s.focus == paneIndicators {
		if handled, cmd := planKey(s, k); handled {
			return ms, cmd
		}
	}
	switch {
	case key.Matches(k, keys.View):
		if len(s.lines()) == 0 {
			s.info = "cette fiche n’a pas d’indicateur : ses engagements se suivent sans cible chiffrée"
			return ms, nil
		}
		s.view = viewPlan - s.view
		s.focus, s.itemRow = paneIndicators, 0
		return ms, nil
	case plan && (key.Matches(k, keys.Enter, keys.Right) && s.focus == paneFiches):
		if len(planRows(s)) > 0 {
			s.focus = paneIndicators
		}
		return ms, nil
	case plan && key.Matches(k, keys.Edit, keys.Counter, keys.Propose, keys.Agree, keys.AgreeAll, keys.Comment, keys.Mode):
		s.err = "ces touches sont celles des indicateurs : " + keyName(keys.View) + " pour y revenir"
		return ms, nil
	}
	switch {
	case key.Matches(k, keys.Up):
		if s.focus == paneFiches {
			moveFiche(s, -1)
		} else if s.row > 0 {
			s.row--
		}
	case key.Matches(k, keys.Down):
		if s.focus == paneFiches {
			moveFiche(s, 1)
		} else if s.row < len(s.lines())-1 {
			s.row++
		}
	case key.Matches(k, keys.Left):
		s.focus = paneFiches
	case key.Matches(k, keys.Right):
		if len(s.lines()) > 0 {
			s.focus = paneIndicators
		}
	case key.Matches(k, keys.Enter):
		if s.focus == paneFiches {
			if len(s.lines()) > 0 {
				s.focus = paneIndicators
			}
			return ms, nil
		}
		return ms, openDetail(s)
	case key.Matches(k, keys.Synthese):
		s.show(screenSynthese)
	case key.Matches(k, keys.Network):
		s.show(screenNetwork)
		return ms, s.networkCmd()
	case key.Matches(k, keys.Edit):
		return ms, openLineEdit(s, cpog.FieldProposed)
	case key.Matches(k, keys.Counter):
		return ms, openLineEdit(s, cpog.FieldCounter)
	case key.Matches(k, keys.Propose):
		return ms, negotiate(s, cpog.Propose)
	case key.Matches(k, keys.Agree):
		agree(s, false)
	case key.Matches(k, keys.AgreeAll):
		agree(s, true)
	case key.Matches(k, keys.Comment):
		if l, ok := s.currentLine(); ok {
			s.open(newValueDialog(s, l, cpog.FieldComment, s.year))
		}
	case key.Matches(k, keys.Mode):
		chooseMode(s)
	default:
		fileKeys(s, k)
	}
	return ms, nil
}

// fileKeys opens the dialogs most screens share: the Caf's weight, export
// and import.
func fileKeys(s *state, k tea.KeyPressMsg) {
	switch {
	case key.Matches(k, s.keys.Weight):
		s.open(newWeightDialog(s))
	case key.Matches(k, s.keys.Export):
		s.open(newExportDialog(s))
	case key.Matches(k, s.keys.Import):
		s.open(newImportDialog(s))
	}
}

func moveFiche(s *state, d int) {
	if n := s.fiche + d; n >= 0 && n < len(s.ref.Fiches) {
		s.fiche, s.row, s.itemRow = n, 0, 0
	}
}

// openDetail shows the selected line's detail and loads its history.
func openDetail(s *state) tea.Cmd {
	l, ok := s.currentLine()
	if !ok {
		return nil
	}
	s.history = nil
	s.show(screenDetail)
	return s.historyCmd(l.Indicator.Code)
}

func openLineEdit(s *state, field cpog.Field) tea.Cmd {
	l, ok := s.currentLine()
	if !ok {
		s.err = "choisissez d’abord un indicateur (→ puis ↑↓)"
		return nil
	}
	s.open(newValueDialog(s, l, field, s.year))
	return nil
}

// negotiate proposes or agrees every year of the selected indicator.
func negotiate(s *state, fn func(*cpog.Contract, []cpog.Line, []int) (cpog.Change, error)) tea.Cmd {
	l, ok := s.currentLine()
	if !ok {
		return nil
	}
	ch, err := fn(s.c, l.Indicator.Lines(), s.ref.Years)
	if err != nil {
		s.failed(err)
		return nil
	}
	return s.applyCmd(ch)
}

// chooseMode opens the mode chooser on the selected indicator.
func chooseMode(s *state) {
	if l, ok := s.currentLine(); ok {
		s.open(newModeDialog(s, l))
	}
}

func (ms mainScreen) ShortHelp(s *state) []key.Binding {
	k := s.keys
	if s.rightView() == viewPlan {
		return []key.Binding{
			hint("naviguer", k.Up, k.Down), hint("suivi / plier", k.Enter), hint("action locale", k.AddLocal),
			hint("indicateurs", k.View), hint("chercher", k.Search), hint("synthèse", k.Synthese),
			hint("exporter", k.Export), hint("aide", k.Help), hint("quitter", k.Quit),
		}
	}
	return []key.Binding{
		hint("naviguer", k.Up, k.Down), hint("détail", k.Enter), hint("saisir", k.Edit), hint("valider", k.Agree),
		hint("chercher", k.Search), hint("année", k.PrevYear, k.NextYear), hint("synthèse", k.Synthese),
		hint("exporter", k.Export), hint("aide", k.Help), hint("quitter", k.Quit),
	}
}

// leftWidth is the width of the axes and fiches pane.
func leftWidth(w int) int { return max(20, min(40, w*28/100)) }

func (ms mainScreen) View(s *state, w, h int) []string {
	lw := leftWidth(w)
	rw := w - lw - 1
	left := block(ms.fichesPane(s, lw, h), lw, h)
	var right []string
	if s.rightView() == viewPlan {
		right = block(planPane(s, rw, h), rw, h)
	} else {
		right = block(ms.indicatorsPane(s, rw, h), rw, h)
	}
	sep := s.styles.Sep.Render("│")
	out := make([]string, h)
	for i := range out {
		out[i] = left[i] + sep + right[i]
	}
	return out
}

func (ms mainScreen) fichesPane(s *state, w, h int) []string {
	title := s.styles.Header.Render(" Axes et fiches")
	var lines []string
	sel := 0
	for _, a := range s.ref.Axes {
		lines = append(lines, s.styles.Axis.Render(fit(fmt.Sprintf(" %d %s", a.N, a.Title), w)))
		for i, f := range s.ref.Fiches {
			if f.Axis != a.N {
				continue
			}
			inds := s.ref.IndicatorsOf(f.N)
			agreed, neg := s.c.Progress(inds, s.ref.Years)
			count := " –"
			if neg > 0 {
				count = fmt.Sprintf(" %d/%d", agreed, neg)
			}
			marker := "  "
			if i == s.fiche {
				marker = " ▸"
				sel = len(lines)
			}
			text := fit(fmt.Sprintf("%s%02d %s", marker, f.N, f.Title), w-len([]rune(count))) + count
			switch {
			case i == s.fiche && s.focus == paneFiches:
				text = s.styles.Selected.Render(text)
			case i == s.fiche:
				text = s.styles.Bold.Render(text)
			case len(inds) == 0:
				text = s.styles.Dim.Render(text)
			}
			lines = append(lines, text)
		}
	}
	start := window(sel, len(lines), h-1)
	return append([]string{title}, lines[start:]...)
}

// column is one column of the indicators table, widest screens first; the
// label takes what is left.
type column struct {
	title string
	width int
	right bool
}

func indicatorColumns(w int) (cols []column, labelW int) {
	cols = []column{
		{"code", 8, false},
		{"u.", 2, false},
		{"nat.", 9, true},
		{"réf.", 9, true},
		{"Caf", 9, true},
		{"écart", 11, true},
		{"statut", 10, false},
	}
	if w < 75 {
		// narrow terminals: values carry their unit marks, so the unit
		// column goes first, then every column gives a cell
		cols = []column{
			{"code", 8, false},
			{"nat.", 8, true},
			{"réf.", 8, true},
			{"Caf", 8, true},
			{"écart", 9, true},
			{"statut", 9, false},
		}
	}
	used := 0
	for _, c := range cols {
		used += c.width + 1
	}
	labelW = w - used - 2
	if labelW < 8 {
		labelW = 0
	}
	return cols, labelW
}

func (ms mainScreen) indicatorsPane(s *state, w, h int) []string {
	f := s.ref.Fiches[s.fiche]
	lines := []string{s.styles.Header.Render(fit(fmt.Sprintf(" Fiche %d · %s", f.N, f.Title), w))}
	ls := s.lines()
	cols, labelW := indicatorColumns(w)
	head := " "
	for i, c := range cols {
		cell := fit(c.title, c.width)
		if c.right {
			cell = fitRight(c.title, c.width)
		}
		head += cell + " "
		if i == 0 && labelW > 0 {
			head += fit("indicateur", labelW) + " "
		}
	}
	lines = append(lines, s.styles.Header.Render(fit(head, w)))
	// two lines at the bottom show the selected indicator's full label
	rowsH := h - len(lines) - 3
	start := window(s.row, len(ls), rowsH)
	for i := start; i < len(ls) && i < start+rowsH; i++ {
		lines = append(lines, ms.indicatorRow(s, ls[i], i == s.row, cols, labelW, w))
	}
	for len(lines) < h-3 {
		lines = append(lines, "")
	}
	if l, ok := s.currentLine(); ok {
		lines = append(lines, s.styles.Sep.Render(strings.Repeat("─", w)))
		label := l.Indicator.Code + " · " + l.Indicator.Label
		if l.Sub != "" {
			label += " · " + l.Sub + ". " + l.Label
		}
		label += " [" + s.c.ModeOf(l.Indicator).Label() + ", " + l.Indicator.Direction.Label() + "]"
		lines = append(lines, footnote(s, label, w)...)
	}
	return lines
}

func (ms mainScreen) indicatorRow(s *state, l cpog.Line, selected bool, cols []column, labelW, w int) string {
	ind := l.Indicator
	ev := cpog.Evaluate(s.ref, s.c, l, s.year)
	code, label := lineLabel(l)
	status := ev.Target.Status.Short()
	if !s.c.Negotiable(ind) {
		status = "national"
	}
	cells := map[string]string{
		"code":   code,
		"u.":     unitShort(ind.Unit),
		"nat.":   nationalShort(ev, ind.Unit),
		"réf.":   ev.Reference.Format(ind.Unit),
		"Caf":    ev.Local.FormatFor(ind),
		"écart":  gapCell(ev.Gap, ind.Unit),
		"statut": status,
	}
	var b strings.Builder
	b.WriteString(" ")
	for i, c := range cols {
		cell := fit(cells[c.title], c.width)
		if c.right {
			cell = fitRight(cells[c.title], c.width)
		}
		if !selected {
			switch c.title {
			case "écart":
				cell = s.styles.Class[ev.Gap.Class].Render(cell)
			case "statut":
				cell = s.styles.Status[ev.Target.Status].Render(cell)
			}
		}
		b.WriteString(cell + " ")
		if i == 0 && labelW > 0 {
			b.WriteString(fit(label, labelW) + " ")
		}
	}
	row := fit(b.String(), w)
	if selected {
		if s.focus == paneIndicators {
			return s.styles.Selected.Render(row)
		}
		return s.styles.SelectedDim.Render(row)
	}
	return row
}

// footnote is the two dim lines under a pane that say the whole of the
// selected row, cut with "…" beyond.
func footnote(s *state, text string, w int) []string {
	wl := wrap(text, w-1)
	out := make([]string, 2)
	for i := range out {
		t := ""
		if i < len(wl) {
			t = wl[i]
			if i == 1 && len(wl) > 2 {
				t = fit(t+" …", w-1)
			}
		}
		out[i] = " " + s.styles.Dim.Render(t)
	}
	return out
}
