package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/store"
)

func (m *Model) openPicker() {
	m.screen = screenPicker
	m.picker = &pickerState{filter: newInput("Caf : ", "", 30)}
	m.filterCafs()
}

func (m *Model) filterCafs() {
	p := m.picker
	p.matches = p.matches[:0]
	for _, c := range m.cafs {
		if cpog.MatchCaf(c, p.filter.Value()) {
			p.matches = append(p.matches, c)
		}
	}
	if p.idx >= len(p.matches) {
		p.idx = max(0, len(p.matches)-1)
	}
}

func (m Model) updatePicker(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	m.copyInputs()
	p := m.picker
	if p.weight != nil {
		switch msg.String() {
		case "esc":
			p.weight, p.err = nil, ""
			return m, nil
		case "enter":
			v, err := cpog.ParseValue(p.weight.Value(), cpog.UnitRatio)
			if err == nil {
				err = cpog.ValidateWeight(v)
			}
			if err != nil {
				p.err = errorText(err)
				return m, nil
			}
			return m, selectCaf(m.ctx, m.db, p.chosen.Code, cpog.Some(v))
		}
		ti, cmd := p.weight.Update(msg)
		p.weight, p.err = &ti, ""
		return m, cmd
	}
	switch msg.String() {
	case "esc":
		if p.filter.Value() == "" {
			return m, tea.Quit
		}
		p.filter.SetValue("")
		m.filterCafs()
		return m, nil
	case "up", "ctrl+p":
		if p.idx > 0 {
			p.idx--
		}
		return m, nil
	case "down", "ctrl+n":
		if p.idx < len(p.matches)-1 {
			p.idx++
		}
		return m, nil
	case "enter":
		if len(p.matches) == 0 {
			p.err = "aucune Caf ne correspond : tapez un code (91) ou un nom (essonne)"
			return m, nil
		}
		p.chosen = p.matches[p.idx]
		w := newInput("Poids (%) : ", cpog.FormatNumber(store.DefaultWeight), 12)
		p.weight, p.err = &w, ""
		return m, nil
	}
	var cmd tea.Cmd
	p.filter, cmd = p.filter.Update(msg)
	p.err = ""
	m.filterCafs()
	return m, cmd
}
