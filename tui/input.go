package tui

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// input is the one-line text field of every dialog. Opened on an existing
// value, the value is selected: the first printable key (or a paste)
// replaces it, the arrows, backspace and delete edit it instead. Typing
// "650" over "700" must give 650, never "700650": a figure a director
// signs cannot depend on where the cursor was left.
type input struct {
	ti       textinput.Model
	selected bool
}

func newInput(prompt, value string, width int) input {
	return newInputLimit(prompt, value, width, 64)
}

// newTextInput is an input for free text (a comment): longer.
func newTextInput(prompt, value string, width int) input {
	return newInputLimit(prompt, value, width, 500)
}

func newInputLimit(prompt, value string, width, limit int) input {
	ti := textinput.New()
	ti.Prompt = prompt
	ti.SetValue(value)
	ti.CharLimit = limit
	ti.SetWidth(width)
	// a steady cursor: no blink ticks to schedule, and the same screen for
	// the same keys (golden tests, screen readers)
	st := ti.Styles()
	st.Cursor.Blink = false
	ti.SetStyles(st)
	ti.Focus()
	return input{ti: ti, selected: value != ""}
}

// Value is the text typed.
func (in input) Value() string { return in.ti.Value() }

// SetValue replaces the text, cursor at its end, nothing selected.
func (in *input) SetValue(v string) {
	in.ti.SetValue(v)
	in.selected = false
}

func (in input) Update(msg tea.Msg) (input, tea.Cmd) {
	if in.selected {
		switch msg := msg.(type) {
		case tea.KeyPressMsg:
			if msg.Text != "" && msg.Mod&(tea.ModCtrl|tea.ModAlt) == 0 {
				in.ti.SetValue("")
			}
			in.selected = false
		case tea.PasteMsg:
			in.ti.SetValue("")
			in.selected = false
		}
	}
	var cmd tea.Cmd
	in.ti, cmd = in.ti.Update(msg)
	return in, cmd
}

// View draws the field; a selected value is reversed, as selections are.
func (in input) View() string {
	if !in.selected {
		return in.ti.View()
	}
	return in.ti.Prompt + lipgloss.NewStyle().Reverse(true).Render(in.ti.Value())
}
