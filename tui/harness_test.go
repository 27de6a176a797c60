package tui

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
	"github.com/cnaf-tools/cpog/store"
	"github.com/cnaf-tools/cpog/store/storetest"
)

// testPort wires a real store into the interface, as cmd/cpog does.
type testPort struct{ *store.DB }

func (p testPort) ImportFile(ctx context.Context, path string, opts exchange.ImportOptions) (*exchange.ImportReport, error) {
	return exchange.ImportFile(ctx, p.DB, path, opts)
}

func (p testPort) ExportFile(ctx context.Context, path string, opts exchange.ExportOptions) (string, error) {
	return exchange.ExportFile(ctx, p.DB, path, opts)
}

func (p testPort) ImportNetwork(ctx context.Context, paths []string) (exchange.NetworkReport, error) {
	return exchange.ImportNetwork(ctx, p.DB, paths, exchange.NetworkImportOptions{})
}

// fixedNow makes history timestamps, hence golden files, deterministic.
func fixedNow() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) }

// openStore opens a real database file in a temporary directory, a copy of
// a new one (storetest).
func openStore(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), storetest.NewFile(t, filepath.Join(t.TempDir(), "cpog.db")))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	db.Now = fixedNow
	t.Cleanup(func() { db.Close() })
	return db
}

// harness drives the root model the way bubbletea does: it feeds messages
// to Update and runs the returned commands, delivering their messages.
type harness struct {
	t  testing.TB
	db *store.DB
	m  Model
}

func newHarness(t testing.TB, db *store.DB, w, h int) *harness {
	t.Helper()
	m := New(context.Background(), testPort{db}, Options{Dark: true, Location: time.UTC, Now: fixedNow, Dir: "/dossier/de/travail"})
	hs := &harness{t: t, db: db, m: m}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(m.Init())
	return hs
}

// withCaf returns a harness on a database where the Caf 91 was chosen with
// a weight of 2 %.
func withCaf(t testing.TB, w, h int) *harness {
	t.Helper()
	db := openStore(t)
	if _, err := db.SelectCaf(context.Background(), "91", cpog.Some(2)); err != nil {
		t.Fatal(err)
	}
	return newHarness(t, db, w, h)
}

func (hs *harness) send(msg tea.Msg) {
	hs.t.Helper()
	next, cmd := hs.m.Update(msg)
	hs.m = next.(Model)
	hs.run(cmd)
}

// run executes a command and delivers what it returns; batches are
// flattened. Quit is recorded by the caller through the returned command.
func (hs *harness) run(cmd tea.Cmd) {
	hs.t.Helper()
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			hs.run(c)
		}
	case tea.QuitMsg:
	default:
		hs.send(msg)
	}
}

// keys types keys: named keys in angle brackets ("<enter>", "<esc>",
// "<down>"), anything else character by character.
func (hs *harness) keys(seq ...string) {
	hs.t.Helper()
	for _, s := range seq {
		if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
			hs.send(namedKey(s[1 : len(s)-1]))
			continue
		}
		for _, r := range s {
			hs.send(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
}

func namedKey(name string) tea.KeyPressMsg {
	switch name {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+r":
		return tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	}
	panic("unknown key " + name)
}

// screen renders the current view through a colour profile, as a terminal
// of that profile would receive it.
func (hs *harness) screen(p colorprofile.Profile) string {
	var b bytes.Buffer
	w := &colorprofile.Writer{Forward: &b, Profile: p}
	if _, err := w.Write([]byte(hs.m.View().Content)); err != nil {
		hs.t.Fatal(err)
	}
	return b.String()
}

func (hs *harness) plain() string { return hs.screen(colorprofile.NoTTY) }

// contract reloads the contract from the database: what is on disk, not
// what the model believes.
func (hs *harness) contract() *cpog.Contract {
	hs.t.Helper()
	c, err := hs.db.Contract(context.Background(), "91")
	if err != nil {
		hs.t.Fatal(err)
	}
	return c
}

// gotoIndicator selects an indicator on the main screen through the
// search, as a user would.
func (hs *harness) gotoIndicator(code string) {
	hs.t.Helper()
	hs.keys("/", code, "<enter>")
	l, ok := hs.m.st.currentLine()
	if !ok || l.Indicator.Code != code {
		hs.t.Fatalf("search %s: selected %+v", code, l.Key())
	}
}

func namedKeyRune(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

// dialogInput is the text of the open dialog's input.
func (hs *harness) dialogInput() string {
	switch d := hs.m.dialog.(type) {
	case valueDialog:
		return d.input.Value()
	case searchDialog:
		return d.input.Value()
	case exportDialog:
		return d.path.Value()
	case importDialog:
		return d.path.Value()
	case networkImportDialog:
		return d.path.Value()
	}
	hs.t.Fatalf("no dialog with an input is open (%T)", hs.m.dialog)
	return ""
}

// retype erases the open dialog's input key by key, then types v.
func (hs *harness) retype(v string) {
	hs.t.Helper()
	for range []rune(hs.dialogInput()) {
		hs.keys("<backspace>")
	}
	hs.keys(v)
}

// line is a line of the referential on screen.
func (hs *harness) line(k cpog.LineKey) cpog.Line {
	hs.t.Helper()
	ind, err := hs.m.st.ref.Lookup(k.Code)
	if err != nil {
		hs.t.Fatal(err)
	}
	l, err := ind.Line(k.Sub)
	if err != nil {
		hs.t.Fatal(err)
	}
	return l
}
