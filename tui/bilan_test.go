package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

// TestBilanTexts: in the detail, E and C type the explanation of the
// year's gap and its corrective action; both are saved and shown.
func TestBilanTexts(t *testing.T) {
	hs := negotiated(t, 120, 40)
	hs.keys("<enter>", "E")
	if d, ok := hs.m.dialog.(valueDialog); !ok || d.field != cpog.FieldExplanation {
		t.Fatalf("E opens the explanation, got %T", hs.m.dialog)
	}
	hs.keys("pic de demandes", "<enter>", "C", "renfort au 1er trimestre", "<enter>")
	k := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}
	if tg := hs.contract().Targets[k]; tg.Explanation != "pic de demandes" || tg.Action != "renfort au 1er trimestre" {
		t.Fatalf("stored texts %+v", tg)
	}
	if s := hs.plain(); !strings.Contains(s, "bilan 2025 · explication de l’écart (E) : pic de demandes · action corrective (C) : renfort au 1er trimestre") {
		t.Errorf("the detail does not show the texts:\n%s", s)
	}
	// the input opens on the text, selected: typing replaces it
	hs.keys("E", "x", "<enter>")
	if tg := hs.contract().Targets[k]; tg.Explanation != "x" {
		t.Errorf("retyped explanation %q", tg.Explanation)
	}
}

// TestBilanReminder: the header reminds the bilan in the 60 days before
// it is due, on the day the Caf set.
func TestBilanReminder(t *testing.T) {
	db := openStore(t)
	if _, err := db.SelectCaf(context.Background(), "91", cpog.Some(2)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		now  time.Time
		due  cpog.DueDay
		want string
	}{
		{time.Date(2027, 2, 13, 9, 0, 0, 0, time.UTC), cpog.DueDay{}, "bilan 2026 à rendre le 15 mars (J-30)"},
		{time.Date(2027, 3, 15, 9, 0, 0, 0, time.UTC), cpog.DueDay{}, "bilan 2026 à rendre le 15 mars (aujourd’hui)"},
		{time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC), cpog.DueDay{}, ""},
		{time.Date(2027, 3, 20, 9, 0, 0, 0, time.UTC), cpog.DueDay{}, ""},
		{time.Date(2027, 3, 20, 9, 0, 0, 0, time.UTC), cpog.DueDay{Day: 31, Month: 3}, "bilan 2026 à rendre le 31 mars (J-11)"},
	} {
		now := tc.now
		m := New(context.Background(), testPort{db}, Options{Dark: true, Location: time.UTC, Now: func() time.Time { return now }, BilanDue: tc.due})
		hs := &harness{t: t, db: db, m: m}
		hs.send(tea.WindowSizeMsg{Width: 120, Height: 40})
		hs.run(m.Init())
		head := strings.SplitN(hs.plain(), "\n", 2)[0]
		switch {
		case tc.want == "" && strings.Contains(head, "bilan"):
			t.Errorf("%s: no reminder expected: %q", now.Format(time.DateOnly), head)
		case tc.want != "" && !strings.Contains(head, tc.want):
			t.Errorf("%s: header %q, want %q", now.Format(time.DateOnly), head, tc.want)
		}
	}
}
