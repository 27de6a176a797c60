package cpog

import (
	"fmt"
	"testing"
	"time"
)

func TestBilanOf(t *testing.T) {
	r := planReferential()
	c := NewContract(essonne(), r.ID, 2, 2022)
	key := func(code string, year int) TargetKey { return TargetKey{LineKey: LineKey{Code: code}, Year: year} }
	// COG-08-29 (days, lower is better): target 15, actual 17 → 88,24 %, non atteint
	c.Targets[key("COG-08-29", 2025)] = Target{Proposed: Some(15), Explanation: "pic de demandes", Action: "renfort"}
	c.Actuals[key("COG-08-29", 2025)] = 17
	// COG-08-22 (%, agreed 88, actual 88) → 100 %, atteint
	c.Targets[key("COG-08-22", 2025)] = Target{Proposed: Some(87), Agreed: Some(88), Status: StatusAgreed}
	c.Actuals[key("COG-08-22", 2025)] = 88
	// COG-08-24 (%, lower is better, no target of the Caf): against the
	// national 23, an actual of 23,5 is within a point: proche
	c.Actuals[key("COG-08-24", 2025)] = 23.5
	c.FollowUps[ItemKey{Fiche: 8, Side: SideCaisse, N: "1.1.1"}] = FollowUp{Status: FollowDone, Comment: "livré en juin"}
	c.FollowUps[ItemKey{Fiche: 8, Side: SideCaisse, N: "1.1.2"}] = FollowUp{Status: FollowDoing, Due: "2025-06"}

	b := BilanOf(r, c, 2025, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	if len(b.Fiches) != len(r.Fiches) {
		t.Fatalf("%d fiches, want every fiche (%d)", len(b.Fiches), len(r.Fiches))
	}
	rows := map[string]BilanRow{}
	for _, row := range b.Rows() {
		rows[row.Line.Key().String()] = row
	}
	if n := len(rows); n != 18 {
		t.Errorf("%d rows, want one per line of the referential (18)", n)
	}
	for code, want := range map[string]struct {
		rate   float64
		class  AchievementClass
		agreed bool
	}{
		"COG-08-29": {88.235294, NonAtteint, false},
		"COG-08-22": {100, Atteint, true},
		"COG-08-24": {97.87234, ProcheA, false},
	} {
		row := rows[code]
		if !row.Achievement.Valid || Round(row.Achievement.Rate, 4) != Round(want.rate, 4) || row.Achievement.Class != want.class || row.Agreed != want.agreed {
			t.Errorf("%s: %+v, want %.4f %% %s (agreed %v)", code, row.Achievement, want.rate, want.class, want.agreed)
		}
	}
	if row := rows["COG-08-29"]; row.Explanation != "pic de demandes" || row.Action != "renfort" || row.Target != Some(15) {
		t.Errorf("COG-08-29 texts and target: %+v", row)
	}
	if row := rows["COG-08-22"]; row.Target != Some(88) {
		t.Errorf("an agreed year's target is the agreed value: %v", row.Target)
	}
	var f8 BilanFiche
	for _, f := range b.Fiches {
		if f.Fiche.N == 8 {
			f8 = f
		}
	}
	c8 := f8.Counts
	if c8.Classes[Atteint] != 1 || c8.Classes[ProcheA] != 1 || c8.Classes[NonAtteint] != 1 || c8.Classes[SansRealise] != 4 || c8.Lines() != 7 {
		t.Errorf("fiche 8 counts %v (%d lines)", c8.Classes, c8.Lines())
	}
	if l := c8.Livrables; l.Done != 1 || l.Doing != 1 || l.Late != 1 || l.Total() != 3 {
		t.Errorf("fiche 8 livrables %+v", l)
	}
	if len(f8.Items) != 3 {
		t.Errorf("fiche 8 lists %d items, want its 3 livrables", len(f8.Items))
	}
	if b.Total.Lines() != 18 || b.Total.Classes[Atteint] != 1 || b.Total.Livrables.Done != 1 {
		t.Errorf("total %+v", b.Total)
	}
}

func TestDueDay(t *testing.T) {
	for text, want := range map[string]DueDay{"": {15, 3}, "15/03": {15, 3}, "1/4": {1, 4}, " 31/03 ": {31, 3}} {
		if got, err := ParseDueDay(text); err != nil || got != want {
			t.Errorf("ParseDueDay(%q) = %v, %v", text, got, err)
		}
	}
	for _, bad := range []string{"29/02", "31/04", "15-03", "mars", "0/3", "15/13"} {
		if _, err := ParseDueDay(bad); err == nil || ErrorCode(err) != EInvalid {
			t.Errorf("ParseDueDay(%q) accepted: %v", bad, err)
		}
	}
	if got := DefaultDueDay.Label(); got != "15 mars" {
		t.Errorf("label %q", got)
	}
	if got := (DueDay{1, 4}).Label(); got != "1er avril" {
		t.Errorf("label %q", got)
	}
	for _, tt := range []struct {
		today      time.Time
		year, days int
	}{
		{time.Date(2026, 12, 3, 18, 0, 0, 0, time.UTC), 2026, 102},
		{time.Date(2027, 3, 15, 23, 0, 0, 0, time.UTC), 2026, 0},  // due today
		{time.Date(2027, 3, 16, 0, 0, 0, 0, time.UTC), 2027, 365}, // 2028 is a leap year
		{time.Date(2027, 1, 14, 0, 0, 0, 0, time.UTC), 2026, 60},
	} {
		year, due, days := DefaultDueDay.NextBilan(tt.today)
		if year != tt.year || days != tt.days || due.Format(time.DateOnly) != fmt.Sprintf("%d-03-15", tt.year+1) {
			t.Errorf("NextBilan(%s) = %d %s %d, want %d in %d days", tt.today, year, due, days, tt.year, tt.days)
		}
	}
}

func TestSetTargetText(t *testing.T) {
	r := testReferential()
	c := NewContract(essonne(), r.ID, 2, 2022)
	l := mustLine(t, r, "COG-08-29", "")
	for _, f := range []Field{FieldComment, FieldExplanation, FieldAction} {
		ch, err := SetTargetText(c, l, 2025, f, "texte")
		if err != nil || len(ch.Edits) != 1 || ch.Edits[0].Field != f || ch.Edits[0].Key.Year != 2025 {
			t.Fatalf("%s: %+v, %v", f, ch, err)
		}
		if _, err := SetTargetText(c, l, 2025, f, "a\x1b[2Jb"); ErrorCode(err) != EInvalid {
			t.Errorf("%s: a control character accepted: %v", f, err)
		}
	}
	c.Targets[TargetKey{LineKey: l.Key(), Year: 2025}] = Target{Explanation: "texte"}
	if ch, _ := SetTargetText(c, l, 2025, FieldExplanation, "texte"); len(ch.Edits) != 0 {
		t.Errorf("the same text again: %+v", ch.Edits)
	}
	if ch, _ := SetTargetText(c, l, 2025, FieldExplanation, ""); len(ch.Edits) != 1 || ch.Edits[0].Text != "" {
		t.Errorf("clearing: %+v", ch.Edits)
	}
	if _, err := SetTargetText(c, l, 2025, FieldProposed, "1"); err == nil {
		t.Error("a figure's field taken as a text")
	}
}

func TestDueDayOrDefault(t *testing.T) {
	if got := (DueDay{}).OrDefault(); got != (DueDay{Day: 15, Month: 3}) {
		t.Errorf("no day set: %+v, want 15 March", got)
	}
	if got := (DueDay{Day: 31, Month: 3}).OrDefault(); got != (DueDay{Day: 31, Month: 3}) {
		t.Errorf("a day set: %+v, want it kept", got)
	}
}

// TestNextBilanYear: the bilan due next, the COG's day when none is set,
// kept within the COG's years.
func TestNextBilanYear(t *testing.T) {
	ref := &Referential{Years: []int{2023, 2024, 2025, 2026, 2027}}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 9, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		due  DueDay
		now  time.Time
		want int
	}{
		{DueDay{}, day(2026, 12, 3), 2026},                  // due 15 March 2027
		{DueDay{}, day(2026, 3, 10), 2025},                  // due 15 March 2026, still ahead
		{DueDay{Day: 31, Month: 1}, day(2026, 3, 10), 2026}, // due 31 January: 2025's is past
		{DueDay{}, day(2031, 1, 1), 2027},                   // after the COG
		{DueDay{}, day(2020, 6, 1), 2023},                   // before it
	} {
		if got := NextBilanYear(ref, tt.due, tt.now); got != tt.want {
			t.Errorf("NextBilanYear(%v, %s) = %d, want %d", tt.due, tt.now.Format("2006-01-02"), got, tt.want)
		}
	}
}
