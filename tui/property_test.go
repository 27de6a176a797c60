package tui

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/cnaf-tools/cpog"
)

// TestRandomInput feeds random sequences of keys, pastes and resizes to
// the root model, on a real database: no panic, and after each step the
// model's invariants hold (cursors in range, year in the referential); the
// frame fits the terminal (no line wider, no more lines); at the very end
// the database is sound and agrees with its history.
//
// By default it runs 200 sequences (about a second, every screen and
// dialog reached several times); CPOG_TORTURE=1, which .ci/run sets, runs
// 10 000, or 2 000 under the race detector (the harness runs every command
// inline on one goroutine, so the detector has little to find and each
// sequence is about eight times slower). CPOG_PROPERTY_SEED replays a run;
// CPOG_PROPERTY_N sets the count.
func TestRandomInput(t *testing.T) {
	n := 200
	if os.Getenv("CPOG_TORTURE") != "" {
		n = 10_000
		if raceEnabled {
			n = 2_000
		}
	}
	if s := os.Getenv("CPOG_PROPERTY_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	seed := uint64(20261122)
	if s := os.Getenv("CPOG_PROPERTY_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d, %d sequences", seed, n)
	rng := rand.New(rand.NewPCG(seed, 7))
	// exports write files named after the Caf in the current directory
	t.Chdir(t.TempDir())

	hs := withCaf(t, 120, 40)
	base := hs.m // loaded, the Caf chosen: where most sequences start
	first := newHarness(t, openStore(t), 120, 40)
	picker := first.m // first run: the Caf picker
	if picker.active != screenPicker || base.active != screenMain {
		t.Fatalf("start screens: %v %v", picker.active, base.active)
	}
	gen := newInputGen(rng)

	start := time.Now()
	steps := 0
	for seq := range n {
		// a sequence starts afresh now and then, otherwise it goes on
		// from where the last one left the model
		h := hs
		switch r := rng.IntN(100); {
		case r < 5:
			h = first
			h.m = picker
		case r < 30:
			hs.m = base
		}
		// the frame is rendered after every step of one sequence in four,
		// and at the end of every sequence (a render costs more than the
		// rest of a step)
		everyStep := rng.IntN(4) == 0
		var trail []string
		for range 1 + rng.IntN(8) {
			msg, label := gen.next()
			trail = append(trail, label)
			h.stepSafely(msg, seed, seq, trail)
			checkModel(t, h.m, seed, seq, trail)
			if everyStep {
				checkFrame(t, h.m, seed, seq, trail)
			}
			steps++
		}
		checkFrame(t, h.m, seed, seq, trail)
		if h == first {
			first.m = picker
		}
	}
	t.Logf("%d sequences, %d steps in %v", n, steps, time.Since(start).Round(time.Millisecond))

	checkStore(t, hs)
}

// stepSafely sends one message, turning a panic into a failure that says
// how to replay it.
func (hs *harness) stepSafely(msg tea.Msg, seed uint64, seq int, trail []string) {
	hs.t.Helper()
	defer func() {
		if r := recover(); r != nil {
			hs.t.Fatalf("panic: %v\nseed %d, sequence %d, keys %q", r, seed, seq, trail)
		}
	}()
	hs.send(msg)
}

// checkModel checks what must hold after every step.
func checkModel(t *testing.T, m Model, seed uint64, seq int, trail []string) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf(format+"\nseed %d, sequence %d, keys %q", append(args, seed, seq, trail)...)
	}
	st := &m.st
	if st.ref == nil {
		return
	}
	if st.fiche < 0 || st.fiche >= len(st.ref.Fiches) {
		fail("fiche %d out of 0..%d", st.fiche, len(st.ref.Fiches)-1)
	}
	if !st.ref.HasYear(st.year) {
		fail("year %d not in the referential", st.year)
	}
	ls := st.lines()
	if st.row < 0 || (len(ls) == 0 && st.row != 0) || (len(ls) > 0 && st.row >= len(ls)) {
		fail("row %d with %d lines", st.row, len(ls))
	}
	if m.active == screenDetail {
		if _, ok := st.currentLine(); !ok {
			fail("detail screen without a selected line")
		}
	}
	if p := m.screens[screenPicker].(pickerScreen); p.idx < 0 || (len(p.matches) > 0 && p.idx >= len(p.matches)) || (len(p.matches) == 0 && p.idx != 0) {
		fail("picker index %d with %d matches", p.idx, len(p.matches))
	}
	if s, ok := m.dialog.(searchDialog); ok && (s.idx < 0 || (len(s.results) > 0 && s.idx >= len(s.results)) || (len(s.results) == 0 && s.idx != 0)) {
		fail("search index %d with %d results", s.idx, len(s.results))
	}
	if st.c != nil && m.active == screenPicker {
		fail("the picker is only for the first run")
	}
	if st.c == nil && m.active != screenPicker && m.active != screenHelp {
		fail("no Caf chosen, yet screen %v", m.active)
	}
}

// checkFrame renders the model: no line wider than the terminal, no more
// lines than it has.
func checkFrame(t *testing.T, m Model, seed uint64, seq int, trail []string) {
	t.Helper()
	out := m.View().Content
	lines := strings.Split(out, "\n")
	if len(lines) > m.st.height {
		t.Fatalf("%d lines in a %d×%d terminal\nseed %d, sequence %d, keys %q\n%s", len(lines), m.st.width, m.st.height, seed, seq, trail, out)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > m.st.width {
			t.Fatalf("line %d is %d cells wide in a %d×%d terminal: %q\nseed %d, sequence %d, keys %q", i, w, m.st.width, m.st.height, ansi.Strip(l), seed, seq, trail)
		}
	}
}

// inputGen draws the messages a person (or a cat on the keyboard) sends.
type inputGen struct {
	rng    *rand.Rand
	keymap []string // every key of the interface's keymap
}

func newInputGen(rng *rand.Rand) *inputGen {
	g := &inputGen{rng: rng}
	km := reflect.ValueOf(newKeyMap())
	for i := range km.NumField() {
		if b, ok := km.Field(i).Interface().(key.Binding); ok {
			g.keymap = append(g.keymap, b.Keys()...)
		}
	}
	return g
}

// named are keys without text, as bubbletea reports them.
var named = map[string]tea.KeyPressMsg{
	"enter":     {Code: tea.KeyEnter},
	"esc":       {Code: tea.KeyEscape},
	"backspace": {Code: tea.KeyBackspace},
	"delete":    {Code: tea.KeyDelete},
	"tab":       {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
	"up":        {Code: tea.KeyUp},
	"down":      {Code: tea.KeyDown},
	"left":      {Code: tea.KeyLeft},
	"right":     {Code: tea.KeyRight},
	"home":      {Code: tea.KeyHome},
	"end":       {Code: tea.KeyEnd},
	"pgup":      {Code: tea.KeyPgUp},
	"pgdown":    {Code: tea.KeyPgDown},
	"space":     {Code: tea.KeySpace, Text: " "},
	"f1":        {Code: tea.KeyF1},
}

var namedNames = func() []string {
	var out []string
	for k := range named {
		out = append(out, k)
	}
	// map order is random: sort so that a seed replays
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}()

// printable mixes what a French user types (digits, separators, accents,
// units) with wide and combining characters that stress the layout.
var printable = []rune("0123456789 ,.-+%jJMkKabcdeéèêàçôœzZqQ/?[]()«»€'’\u202f\u00a0漢字🙂e\u0301")

// keyMsg turns a key name ("a", "ctrl+r", "enter") into a key press.
func keyMsg(name string) tea.KeyPressMsg {
	if k, ok := named[name]; ok {
		return k
	}
	if rest, ok := strings.CutPrefix(name, "ctrl+"); ok && len(rest) == 1 {
		return tea.KeyPressMsg{Code: rune(rest[0]), Mod: tea.ModCtrl}
	}
	r := []rune(name)
	if len(r) == 1 {
		return tea.KeyPressMsg{Code: r[0], Text: name}
	}
	panic("unknown key " + name)
}

func (g *inputGen) next() (tea.Msg, string) {
	switch r := g.rng.IntN(100); {
	case r < 40:
		k := g.keymap[g.rng.IntN(len(g.keymap))]
		return keyMsg(k), k
	case r < 72:
		c := printable[g.rng.IntN(len(printable))]
		return tea.KeyPressMsg{Code: c, Text: string(c)}, string(c)
	case r < 88:
		k := namedNames[g.rng.IntN(len(namedNames))]
		return named[k], "<" + k + ">"
	case r < 93:
		c := rune("aeuknpfwdhr"[g.rng.IntN(11)])
		return tea.KeyPressMsg{Code: c, Mod: tea.ModCtrl}, "<ctrl+" + string(c) + ">"
	case r < 98:
		w, h := 40+g.rng.IntN(221), 10+g.rng.IntN(71)
		return tea.WindowSizeMsg{Width: w, Height: h}, fmt.Sprintf("<%d×%d>", w, h)
	default:
		var b strings.Builder
		for range g.rng.IntN(30) {
			b.WriteRune(printable[g.rng.IntN(len(printable))])
		}
		if g.rng.IntN(4) == 0 {
			b.WriteString("\n14\t")
		}
		return tea.PasteMsg{Content: b.String()}, fmt.Sprintf("<paste %q>", b.String())
	}
}

// checkStore checks the database the random sequences wrote to: SQLite's
// integrity and foreign keys, the contract reloads, and every value stands
// as the history's last event for it left it.
func checkStore(t *testing.T, hs *harness) {
	t.Helper()
	ctx := context.Background()
	raw, err := sql.Open("sqlite", "file:"+filepath.ToSlash(hs.db.Path())+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var res string
	if err := raw.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check = %q, %v", res, err)
	}
	rows, err := raw.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Error("foreign_key_check reports violations")
	}
	rows.Close()
	var steps int
	if err := raw.QueryRow("SELECT count(*) FROM change_set").Scan(&steps); err != nil {
		t.Fatal(err)
	}

	c, err := hs.db.Contract(ctx, "91")
	if err != nil {
		t.Fatalf("the contract does not reload: %v", err)
	}
	events, err := hs.db.History(ctx, "91", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the sequences saved %d changes (%d events)", steps, len(events))
	type fk struct {
		k cpog.TargetKey
		f cpog.Field
	}
	last := map[fk]cpog.Event{}
	for _, e := range events {
		last[fk{e.Key, e.Field}] = e
	}
	for k, e := range last {
		var got, want string
		switch k.f {
		case cpog.FieldProposed:
			got, want = optString(c.Target(k.k.LineKey, k.k.Year).Proposed), optString(e.New)
		case cpog.FieldCounter:
			got, want = optString(c.Target(k.k.LineKey, k.k.Year).Counter), optString(e.New)
		case cpog.FieldAgreed:
			got, want = optString(c.Target(k.k.LineKey, k.k.Year).Agreed), optString(e.New)
		case cpog.FieldStatus:
			got, want = string(c.Target(k.k.LineKey, k.k.Year).Status), e.NewText
		case cpog.FieldActual:
			v, ok := c.Actuals[k.k]
			got, want = optString(cpog.Opt{V: v, OK: ok}), optString(e.New)
		case cpog.FieldBaseline:
			v, ok := c.Baselines[k.k.LineKey]
			got, want = optString(cpog.Opt{V: v, OK: ok}), optString(e.New)
		case cpog.FieldMode:
			got, want = string(c.Modes[k.k.Code]), e.NewText
		case cpog.FieldWeight:
			got, want = optString(cpog.Some(c.Weight)), optString(e.New)
		default:
			continue
		}
		if got != want {
			t.Errorf("%v %s: the database holds %s, its last event says %s", k.k, k.f, got, want)
		}
	}
	// nothing changed without its event
	for k, tg := range c.Targets {
		for _, f := range []cpog.Field{cpog.FieldProposed, cpog.FieldCounter, cpog.FieldAgreed} {
			var v cpog.Opt
			switch f {
			case cpog.FieldProposed:
				v = tg.Proposed
			case cpog.FieldCounter:
				v = tg.Counter
			case cpog.FieldAgreed:
				v = tg.Agreed
			}
			if _, ok := last[fk{k, f}]; v.OK && !ok {
				t.Errorf("%v %s = %v with no event in the history", k, f, v.V)
			}
		}
	}
}

func optString(o cpog.Opt) string {
	if !o.OK {
		return "—"
	}
	return strconv.FormatFloat(o.V, 'g', -1, 64)
}
