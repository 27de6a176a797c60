package tui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/cnaf-tools/cpog"
)

// negotiated returns a harness whose contract has figures in every state on
// fiche 8: au niveau, proche, en retrait, countered, agreed, and a band.
func negotiated(t testing.TB, w, h int) *harness {
	t.Helper()
	hs := withCaf(t, w, h)
	ctx := context.Background()
	set := func(code, sub string, year int, v float64, actor cpog.Actor) {
		c := hs.contract()
		k := cpog.TargetKey{LineKey: cpog.LineKey{Code: code, Sub: sub}, Year: year}
		if _, err := hs.db.Apply(ctx, "91", cpog.SetValue(c, hs.line(k.LineKey), year, v, actor, "")); err != nil {
			t.Fatal(err)
		}
	}
	for y, v := range map[int]float64{2023: 86, 2024: 86, 2025: 88, 2026: 89, 2027: 91} {
		set("COG-08-22", "", y, v, cpog.ActorCaf)
	}
	set("COG-08-23", "a", 2025, 82.5, cpog.ActorCaf)
	set("COG-08-24", "", 2025, 26, cpog.ActorCaf)
	set("COG-08-29", "", 2025, 14, cpog.ActorCaf)
	set("COG-08-29", "", 2025, 15, cpog.ActorCnaf)
	set("COG-08-34", "", 2025, 6200, cpog.ActorCaf)
	set("COG-12-52", "", 2025, 40, cpog.ActorCaf)
	for code, v := range map[string]float64{"COG-08-22": 89, "COG-08-29": 16, "COG-08-34": 6300} {
		k := cpog.TargetKey{LineKey: cpog.LineKey{Code: code}, Year: 2025}
		if _, err := hs.db.Apply(ctx, "91", cpog.SetActual(hs.contract(), hs.line(k.LineKey), 2025, v)); err != nil {
			t.Fatal(err)
		}
	}
	c := hs.contract()
	ind, _ := hs.m.st.ref.Lookup("COG-08-22")
	ch, err := cpog.Agree(c, ind.Lines(), hs.m.st.ref.Years, fixedNow())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hs.db.Apply(ctx, "91", ch); err != nil {
		t.Fatal(err)
	}
	hs.keys("<ctrl+r>")
	hs.gotoIndicator("COG-08-29")
	hs.keys("]", "]")
	return hs
}

// screens are the states every layout test goes through.
var screens = []struct {
	name string
	keys []string
}{
	{"main", nil},
	{"detail", []string{"<enter>"}},
	{"synthese", []string{"s"}},
	{"bilan", []string{"s", "t"}},
	{"help", []string{"?"}},
	{"search", []string{"/", "delai"}},
	{"edit", []string{"e", "13,5"}},
}

func TestGoldenScreens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		// one negotiation per size; each screen starts from a copy of the
		// model, which is a value
		hs := negotiated(t, size[0], size[1])
		base := hs.m
		for _, sc := range screens {
			if sc.name == "search" || sc.name == "edit" {
				continue
			}
			for _, prof := range []struct {
				name string
				p    colorprofile.Profile
			}{{"ansi", colorprofile.ANSI}, {"nocolor", colorprofile.NoTTY}} {
				t.Run(fmt.Sprintf("%s_%dx%d_%s", sc.name, size[0], size[1], prof.name), func(t *testing.T) {
					hs.t, hs.m = t, base
					hs.keys(sc.keys...)
					golden.RequireEqual(t, hs.screen(prof.p))
				})
			}
		}
	}
}

func TestGoldenFirstRun(t *testing.T) {
	hs := newHarness(t, openStore(t), 80, 24)
	hs.keys("ess")
	golden.RequireEqual(t, hs.screen(colorprofile.NoTTY))
}

// TestLayoutAtEverySize renders every screen from 60×20 to 250×70: no
// panic, never a line wider than the terminal, never more lines than it
// has, and below 80×24 a request for a larger terminal.
func TestLayoutAtEverySize(t *testing.T) {
	hs := negotiated(t, 120, 40)
	base := hs.m
	widths := []int{60, 79, 80, 81, 99, 100, 120, 160, 200, 250}
	heights := []int{20, 23, 24, 25, 30, 40, 50, 70}
	for _, sc := range screens {
		m := base
		hs.m = m
		hs.keys(sc.keys...)
		m = hs.m
		for _, w := range widths {
			for _, h := range heights {
				next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
				out := next.(Model).View().Content
				lines := strings.Split(out, "\n")
				if len(lines) > h {
					t.Errorf("%s %dx%d: %d lines", sc.name, w, h, len(lines))
				}
				for i, l := range lines {
					if lw := ansi.StringWidth(l); lw > w {
						t.Errorf("%s %dx%d: line %d is %d wide: %q", sc.name, w, h, i, lw, ansi.Strip(l))
						break
					}
				}
				small := w < MinWidth || h < MinHeight
				if small != strings.Contains(out, "Agrandissez le terminal") {
					t.Errorf("%s %dx%d: small=%v but message presence differs", sc.name, w, h, small)
				}
				if !small && len(lines) != h {
					t.Errorf("%s %dx%d: %d lines, want exactly %d", sc.name, w, h, len(lines), h)
				}
			}
		}
	}
}

func TestNoColorKeepsMeaning(t *testing.T) {
	hs := negotiated(t, 120, 40)
	out := hs.screen(colorprofile.NoTTY)
	if strings.Contains(out, "\x1b[3") || strings.Contains(out, "\x1b[9") {
		t.Fatal("no colour sequences expected without colour")
	}
	for _, want := range []string{"✓", "✗", "~", "validé", "contre-pr."} {
		if !strings.Contains(out, want) {
			t.Errorf("without colour the screen must still show %q:\n%s", want, out)
		}
	}
}

// TestGoldenLightTerminal renders the main screen after the terminal said
// its background is light: the styles switch to their light variants.
func TestGoldenLightTerminal(t *testing.T) {
	hs := negotiated(t, 120, 40)
	hs.send(tea.BackgroundColorMsg{Color: color.White})
	dark := NewStyles(true)
	if hs.m.st.styles.Title.GetForeground() == dark.Title.GetForeground() {
		t.Fatal("a light background must switch the styles")
	}
	golden.RequireEqual(t, hs.screen(colorprofile.ANSI256))
}

// TestHelpShowsEveryKeyAt80x24: at the smallest size the help page
// scrolls, and scrolled to its end it has shown every key of the keymap
// and its notes.
func TestHelpShowsEveryKeyAt80x24(t *testing.T) {
	hs := negotiated(t, 80, 24)
	hs.keys("?")
	seen := hs.plain()
	for range 30 {
		hs.keys("<down>")
		seen += hs.plain()
	}
	for _, g := range hs.m.st.keys.FullHelp() {
		for _, k := range g.keys {
			// the description's start: two columns cut the longest
			desc := []rune(k.Help().Desc)
			if !strings.Contains(seen, k.Help().Key) || !strings.Contains(seen, string(desc[:min(12, len(desc))])) {
				t.Errorf("the help never shows %s %q at 80×24", k.Help().Key, k.Help().Desc)
			}
		}
	}
	for _, note := range []string{"Chaque saisie est enregistrée aussitôt", "● réalisés · ◐ en cours · ! en retard"} {
		if !strings.Contains(seen, note) {
			t.Errorf("the help's note %q is never shown at 80×24", note)
		}
	}
	for range 30 {
		hs.keys("<up>")
	}
	if !strings.Contains(hs.plain(), "Se déplacer") {
		t.Error("↑ does not bring the help back to its top")
	}
}
