package tui

import (
	"image/color"

	"charm.land/lipgloss/v2"

	"github.com/cnaf-tools/cpog"
)

// Styles is the one theme of the interface, built for the terminal's
// background. Meaning never rests on colour alone: gaps carry a sign and a
// symbol, the selection is reversed.
type Styles struct {
	Title, Dim, Bold, Axis, Sep   lipgloss.Style
	Selected, SelectedDim, Header lipgloss.Style
	Class                         map[cpog.GapClass]lipgloss.Style
	Status                        map[cpog.Status]lipgloss.Style
	Achieve                       map[cpog.AchievementClass]lipgloss.Style
	Error, Info, Key              lipgloss.Style
	BarFull, BarEmpty             color.Color
}

// NewStyles builds the styles for a dark or light background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#1F4E9E"), lipgloss.Color("#7AA7F5"))
	dim := ld(lipgloss.Color("#5F6368"), lipgloss.Color("#9AA0A6"))
	green := ld(lipgloss.Color("#17703A"), lipgloss.Color("#5FD68A"))
	amber := ld(lipgloss.Color("#8A5A00"), lipgloss.Color("#F2C14E"))
	red := ld(lipgloss.Color("#B3261E"), lipgloss.Color("#FF7A70"))
	s := Styles{
		Title:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		Dim:         lipgloss.NewStyle().Foreground(dim),
		Bold:        lipgloss.NewStyle().Bold(true),
		Axis:        lipgloss.NewStyle().Bold(true).Foreground(accent),
		Sep:         lipgloss.NewStyle().Foreground(dim),
		Selected:    lipgloss.NewStyle().Reverse(true),
		SelectedDim: lipgloss.NewStyle().Underline(true),
		Header:      lipgloss.NewStyle().Bold(true).Foreground(dim),
		Error:       lipgloss.NewStyle().Bold(true).Foreground(red),
		Info:        lipgloss.NewStyle().Foreground(green),
		Key:         lipgloss.NewStyle().Bold(true),
		BarFull:     accent,
		BarEmpty:    dim,
	}
	s.Class = map[cpog.GapClass]lipgloss.Style{
		cpog.AuNiveau:  lipgloss.NewStyle().Foreground(green),
		cpog.Proche:    lipgloss.NewStyle().Foreground(amber),
		cpog.EnRetrait: lipgloss.NewStyle().Foreground(red),
		cpog.SansObjet: lipgloss.NewStyle().Foreground(dim),
	}
	s.Achieve = map[cpog.AchievementClass]lipgloss.Style{
		cpog.Atteint:     lipgloss.NewStyle().Foreground(green),
		cpog.ProcheA:     lipgloss.NewStyle().Foreground(amber),
		cpog.NonAtteint:  lipgloss.NewStyle().Foreground(red),
		cpog.SansRealise: lipgloss.NewStyle().Foreground(dim),
	}
	s.Status = map[cpog.Status]lipgloss.Style{
		cpog.StatusNone:      lipgloss.NewStyle().Foreground(dim),
		cpog.StatusDraft:     lipgloss.NewStyle(),
		cpog.StatusProposed:  lipgloss.NewStyle().Foreground(accent),
		cpog.StatusCountered: lipgloss.NewStyle().Foreground(amber),
		cpog.StatusAgreed:    lipgloss.NewStyle().Foreground(green).Bold(true),
	}
	return s
}
