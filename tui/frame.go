package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

// View renders the interface in the alternate screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.WindowTitle = "cpog"
	return v
}

// Render is the screen as text, exactly width × height cells when the
// terminal is large enough: the header, the body of the open dialog or of
// the active screen, the footer.
func (m Model) Render() string {
	s := &m.st
	w, h := s.width, s.height
	if w < MinWidth || h < MinHeight {
		return m.tooSmall()
	}
	footer := m.footer(w)
	bodyH := h - 1 - len(footer)
	var body []string
	if m.dialog != nil {
		body = m.dialog.View(s, w, bodyH)
	}
	if body == nil {
		body = m.screens[m.active].View(s, w, bodyH)
	}
	lines := append([]string{m.header(w)}, block(body, w, bodyH)...)
	return strings.Join(append(lines, footer...), "\n")
}

func (m Model) tooSmall() string {
	s := &m.st
	msg := fmt.Sprintf("Agrandissez le terminal : cpog a besoin de %d×%d au moins (actuel : %d×%d). q pour quitter.", MinWidth, MinHeight, s.width, s.height)
	lines := wrap(msg, max(1, s.width))
	if len(lines) > s.height {
		lines = lines[:max(0, s.height)]
	}
	return strings.Join(block(lines, s.width, min(len(lines), s.height)), "\n")
}

func (m Model) header(w int) string {
	s := &m.st
	right := ""
	if s.c != nil && s.ref != nil {
		agreed, neg := s.c.Progress(indicatorPtrs(s.ref), s.ref.Years)
		frac := 0.0
		if neg > 0 {
			frac = float64(agreed) / float64(neg)
		}
		barW := 14
		if w < 110 {
			barW = 6
		}
		right = fmt.Sprintf("validés %d/%d %s %3.0f %% ", agreed, neg, s.bar(frac, barW), frac*100)
		if remind := s.bilanReminder(); remind != "" && w >= 110 {
			right = s.styles.Info.Render(remind) + " · " + right
		}
	}
	// the year matters most: on narrow terminals the Caf's name shortens
	// before it does
	var left string
	for _, long := range []bool{true, false} {
		left = " cpog"
		if s.c != nil {
			if long {
				left += " · " + s.c.Caf.Label()
			} else {
				left += " · Caf " + s.c.Caf.Code
			}
		}
		if s.ref != nil {
			left += " · " + s.ref.Title
			if s.c != nil {
				left += fmt.Sprintf(" · année %d ◂ ▸", s.year)
			}
		}
		if width(left)+width(right)+1 <= w {
			break
		}
	}
	gap := w - width(left) - width(right)
	if gap < 1 {
		left = fit(left, w-width(right)-1)
		gap = 1
	}
	return s.styles.Title.Render(left) + strings.Repeat(" ", gap) + right
}

func indicatorPtrs(r *cpog.Referential) []*cpog.Indicator {
	out := make([]*cpog.Indicator, len(r.Indicators))
	for i := range r.Indicators {
		out[i] = &r.Indicators[i]
	}
	return out
}

// footer is the status line and the keys of the screen or dialog in
// front; a dialog drawn in the footer replaces both.
func (m Model) footer(w int) []string {
	s := &m.st
	if fd, ok := m.dialog.(footerDialog); ok {
		return fd.Footer(s, w)
	}
	var status string
	switch {
	case s.err != "":
		status = s.styles.Error.Render("✗ " + cpog.Printable(s.err))
	case s.info != "":
		status = s.styles.Info.Render(cpog.Printable(s.info))
	}
	keys := m.screens[m.active].ShortHelp(s)
	if m.dialog != nil {
		keys = m.dialog.ShortHelp(s)
	}
	return []string{fit(" "+status, w), fit(" "+s.help.ShortHelpView(keys), w)}
}

// bilanReminder is the header's reminder of the next bilan annuel, in the
// weeks before it is due: "bilan 2026 à rendre le 15 mars (J-30)".
func (s *state) bilanReminder() string {
	due := s.opts.BilanDue.OrDefault()
	year, _, days := due.NextBilan(s.today())
	if days > cpog.BilanReminderDays {
		return ""
	}
	when := fmt.Sprintf("J-%d", days)
	if days == 0 {
		when = "aujourd’hui"
	}
	return fmt.Sprintf("bilan %d à rendre le %s (%s)", year, due.Label(), when)
}
