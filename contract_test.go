package cpog

import (
	"strings"
	"testing"
)

func TestTargetLocal(t *testing.T) {
	tests := []struct {
		name string
		t    Target
		want Opt
	}{
		{"nothing typed", Target{}, None},
		{"draft", Target{Proposed: Some(14), Status: StatusDraft}, Some(14)},
		{"proposed", Target{Proposed: Some(14), Status: StatusProposed}, Some(14)},
		{"countered keeps the Caf's figure", Target{Proposed: Some(14), Counter: Some(13), Status: StatusCountered}, Some(14)},
		{"agreed", Target{Proposed: Some(14), Counter: Some(13), Agreed: Some(13), Status: StatusAgreed}, Some(13)},
		{"agreed on zero", Target{Proposed: Some(2), Agreed: Some(0), Status: StatusAgreed}, Some(0)},
		{"agreed status without figure", Target{Proposed: Some(14), Status: StatusAgreed}, Some(14)},
		{"reopened after agreement", Target{Proposed: Some(15), Agreed: Some(13), Status: StatusDraft}, Some(15)},
		{"agreed figure without status", Target{Proposed: Some(15), Agreed: Some(13)}, Some(15)},
		{"counter only", Target{Counter: Some(13), Status: StatusCountered}, None},
	}
	for _, tt := range tests {
		if got := tt.t.Local(); got != tt.want {
			t.Errorf("%s: Local() = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestOpt(t *testing.T) {
	if None.OK || None.Ptr() != nil {
		t.Errorf("None = %+v, Ptr %v", None, None.Ptr())
	}
	o := Some(0)
	if !o.OK || o.Ptr() == nil || *o.Ptr() != 0 {
		t.Errorf("Some(0) = %+v: a zero is a present number", o)
	}
	ptr := o.Ptr()
	*ptr = 5
	if o.V != 0 {
		t.Errorf("Ptr aliases the Opt")
	}
}

func TestStatusLabelsAndRank(t *testing.T) {
	order := []Status{StatusNone, StatusDraft, StatusProposed, StatusCountered, StatusAgreed}
	for i := 1; i < len(order); i++ {
		if order[i-1].rank() >= order[i].rank() {
			t.Errorf("%q should rank below %q", order[i-1], order[i])
		}
	}
	labels := map[Status]string{StatusNone: "—", StatusDraft: "brouillon", StatusProposed: "proposé", StatusCountered: "contre-proposé", StatusAgreed: "validé"}
	for s, want := range labels {
		if !s.Valid() || s.Label() != want {
			t.Errorf("%q: valid %v label %q, want %q", s, s.Valid(), s.Label(), want)
		}
	}
	if Status("bogus").Valid() {
		t.Error(`Status("bogus") is valid`)
	}
}

var period = []int{2023, 2024, 2025, 2026, 2027}

// setYears gives a line the same target for the listed years.
func setYears(c *Contract, l Line, t Target, ys ...int) {
	for _, y := range ys {
		c.Targets[TargetKey{LineKey: l.Key(), Year: y}] = t
	}
}

func TestLineStatus(t *testing.T) {
	r := testReferential()
	agreed := Target{Proposed: Some(1), Agreed: Some(1), Status: StatusAgreed}
	proposed := Target{Proposed: Some(1), Status: StatusProposed}
	countered := Target{Proposed: Some(1), Counter: Some(2), Status: StatusCountered}
	draft := Target{Proposed: Some(1), Status: StatusDraft}

	tests := []struct {
		name  string
		code  string
		setup func(c *Contract, l Line)
		want  Status
	}{
		{"nothing typed", "COG-08-22", func(c *Contract, l Line) {}, StatusNone},
		{"all agreed", "COG-08-22", func(c *Contract, l Line) { setYears(c, l, agreed, period...) }, StatusAgreed},
		{"one year missing", "COG-08-22", func(c *Contract, l Line) { setYears(c, l, agreed, 2023, 2024, 2025, 2026) }, StatusNone},
		{"one year proposed", "COG-08-22", func(c *Contract, l Line) {
			setYears(c, l, agreed, period...)
			setYears(c, l, proposed, 2026)
		}, StatusProposed},
		{"countered and agreed", "COG-08-22", func(c *Contract, l Line) {
			setYears(c, l, agreed, period...)
			setYears(c, l, countered, 2024)
		}, StatusCountered},
		{"draft is least advanced", "COG-08-22", func(c *Contract, l Line) {
			setYears(c, l, countered, period...)
			setYears(c, l, proposed, 2023)
			setYears(c, l, draft, 2027)
		}, StatusDraft},
		// COG-01-09 has no national target in 2023 and 2024: those years
		// count only when something was typed for them.
		{"years without national target skipped", "COG-01-09", func(c *Contract, l Line) { setYears(c, l, agreed, 2025, 2026, 2027) }, StatusAgreed},
		{"year without national target but typed", "COG-01-09", func(c *Contract, l Line) {
			setYears(c, l, agreed, 2025, 2026, 2027)
			setYears(c, l, draft, 2024)
		}, StatusDraft},
		{"year without national target, only a status", "COG-01-09", func(c *Contract, l Line) {
			setYears(c, l, agreed, 2025, 2026, 2027)
			setYears(c, l, Target{Status: StatusProposed}, 2023)
		}, StatusProposed},
		{"year without national target, nothing in it", "COG-01-09", func(c *Contract, l Line) {
			setYears(c, l, agreed, 2025, 2026, 2027)
			setYears(c, l, Target{Comment: "rien"}, 2023)
		}, StatusAgreed},
	}
	for _, tt := range tests {
		c := NewContract(essonne(), r.ID, 2, 2022)
		l := mustLine(t, r, tt.code, "")
		tt.setup(c, l)
		if got := c.LineStatus(l, period); got != tt.want {
			t.Errorf("%s: LineStatus = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestIndicatorStatusWithSubs(t *testing.T) {
	r := testReferential()
	ind, err := r.Lookup("COG-08-23")
	if err != nil {
		t.Fatal(err)
	}
	c := NewContract(essonne(), r.ID, 2, 2022)
	agreed := Target{Proposed: Some(1), Agreed: Some(1), Status: StatusAgreed}
	lines := ind.Lines()
	if len(lines) != 3 || lines[0].Sub != "a" || lines[2].Sub != "c" {
		t.Fatalf("Lines() = %+v, want a, b, c", lines)
	}
	if got := c.IndicatorStatus(ind, period); got != StatusNone {
		t.Errorf("empty: %q, want none", got)
	}
	setYears(c, lines[0], agreed, period...)
	setYears(c, lines[1], agreed, period...)
	if got := c.IndicatorStatus(ind, period); got != StatusNone {
		t.Errorf("two lines of three agreed: %q, want none", got)
	}
	setYears(c, lines[2], Target{Proposed: Some(1), Status: StatusProposed}, period...)
	if got := c.IndicatorStatus(ind, period); got != StatusProposed {
		t.Errorf("a, b agreed, c proposed: %q, want proposed", got)
	}
	setYears(c, lines[2], agreed, period...)
	if got := c.IndicatorStatus(ind, period); got != StatusAgreed {
		t.Errorf("all agreed: %q, want agreed", got)
	}
	// The indicator's own key carries nothing for an indicator with subs.
	if got := c.Target(LineKey{Code: "COG-08-23"}, 2025); got != (Target{}) {
		t.Errorf("Target(COG-08-23) = %+v, want zero", got)
	}
	if got := c.Target(LineKey{Code: "COG-08-23", Sub: "b"}, 2025); got != agreed {
		t.Errorf("Target(COG-08-23 b) = %+v, want %+v", got, agreed)
	}
}

func TestProgressAndNegotiable(t *testing.T) {
	r := testReferential()
	c := NewContract(essonne(), r.ID, 2, 2022)
	var inds []*Indicator
	for i := range r.Indicators {
		inds = append(inds, &r.Indicators[i])
	}
	// Progress counts line-years with a national target. COG-11-44,
	// COG-12-52 and COG-13-54 are national: 13 negotiable indicators, 15
	// lines (COG-08-23 has three), 75 line-years less COG-01-09's two
	// without a national target.
	agreed, negotiable := c.Progress(inds, period)
	if agreed != 0 || negotiable != 73 {
		t.Errorf("Progress = %d/%d, want 0/73", agreed, negotiable)
	}
	agree := func(code string) {
		ind, err := r.Lookup(code)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range ind.Lines() {
			for y := range l.Targets {
				c.Targets[TargetKey{LineKey: l.Key(), Year: y}] = Target{Proposed: Some(1), Agreed: Some(1), Status: StatusAgreed}
			}
		}
	}
	agree("COG-08-22")
	agree("COG-08-23")
	agree("COG-01-09")
	agree("COG-13-54") // national: agreeing it changes nothing
	// 5 years of COG-08-22, 3 × 5 of COG-08-23, COG-01-09's 3
	if agreed, negotiable := c.Progress(inds, period); agreed != 23 || negotiable != 73 {
		t.Errorf("Progress = %d/%d, want 23/73", agreed, negotiable)
	}
	// Taking a national indicator up makes its years negotiable.
	c.Modes["COG-13-54"] = ModeSame
	if agreed, negotiable := c.Progress(inds, period); agreed != 28 || negotiable != 78 {
		t.Errorf("with COG-13-54 taken up: Progress = %d/%d, want 28/78", agreed, negotiable)
	}
	// And a negotiable one can be set aside.
	c.Modes["COG-08-22"] = ModeNational
	if agreed, negotiable := c.Progress(inds, period); agreed != 23 || negotiable != 73 {
		t.Errorf("with COG-08-22 national: Progress = %d/%d, want 23/73", agreed, negotiable)
	}
	// A fiche at a time.
	// Fiche 12: COG-12-48, 12-51, 12-53 and the taken-up, agreed 13-54;
	// COG-12-52 stays national.
	if agreed, negotiable := c.Progress(r.IndicatorsOf(12), period); agreed != 5 || negotiable != 20 {
		t.Errorf("fiche 12: Progress = %d/%d, want 5/20", agreed, negotiable)
	}
	if agreed, negotiable := c.Progress(nil, period); agreed != 0 || negotiable != 0 {
		t.Errorf("no indicator: Progress = %d/%d", agreed, negotiable)
	}

	ind, _ := r.Lookup("COG-12-52")
	if c.Negotiable(ind) {
		t.Error("COG-12-52 (national) is negotiable")
	}
	c.Modes["COG-12-52"] = Mode("bogus")
	if c.ModeOf(ind) != ModeNational || c.Negotiable(ind) {
		t.Errorf("an invalid override must fall back to the referential's mode, got %s", c.ModeOf(ind))
	}
	c.Modes["COG-12-52"] = ModeFree
	if c.ModeOf(ind) != ModeFree || !c.Negotiable(ind) {
		t.Errorf("COG-12-52 set free: mode %s, negotiable %v", c.ModeOf(ind), c.Negotiable(ind))
	}
}

func TestLookup(t *testing.T) {
	r := testReferential()
	tests := []struct {
		q    string
		want string
	}{
		{"COG-08-29", "COG-08-29"},
		{"cog-08-29", "COG-08-29"},
		{"Cog-08-29", "COG-08-29"},
		{"08-29", "COG-08-29"},
		{" 08-29 ", "COG-08-29"},
		{"29", "COG-08-29"},
		{"1", "COG-01-01"},
		{"53", "COG-12-53"},
		{"DELAI-PL", "COG-08-29"}, // an alias
		{"delai-pl", "COG-08-29"},
		{"dmd pl", "COG-08-29"},
		{"COG-08-23", "COG-08-23"},
	}
	for _, tt := range tests {
		ind, err := r.Lookup(tt.q)
		if err != nil {
			t.Errorf("Lookup(%q) error: %v", tt.q, err)
			continue
		}
		if ind.Code != tt.want {
			t.Errorf("Lookup(%q) = %s, want %s", tt.q, ind.Code, tt.want)
		}
		if ind != &r.Indicators[indexOf(r, tt.want)] {
			t.Errorf("Lookup(%q) returned a copy, want a pointer into the referential", tt.q)
		}
	}
	for _, q := range []string{"COG-08-99", "08-99", "99", "0", "abc", "COG-8-29-1", "delai pl"} {
		ind, err := r.Lookup(q)
		if err == nil {
			t.Errorf("Lookup(%q) = %s, want an error", q, ind.Code)
			continue
		}
		if ErrorCode(err) != ENotFound || !strings.Contains(err.Error(), "indicateur inconnu") {
			t.Errorf("Lookup(%q) error %q (code %s), want a French not-found error", q, err, ErrorCode(err))
		}
	}
	for _, q := range []string{"", "   "} {
		if _, err := r.Lookup(q); err == nil || ErrorCode(err) != EInvalid {
			t.Errorf("Lookup(%q) error %v (code %s), want an invalid-input error", q, err, ErrorCode(err))
		}
	}
}

func indexOf(r *Referential, code string) int {
	for i := range r.Indicators {
		if r.Indicators[i].Code == code {
			return i
		}
	}
	return -1
}

func TestIndicatorLines(t *testing.T) {
	r := testReferential()
	plain, _ := r.Lookup("COG-08-29")
	if plain.ShortCode() != "08-29" {
		t.Errorf("ShortCode = %q", plain.ShortCode())
	}
	l, err := plain.Line("")
	if err != nil || l.Key() != (LineKey{Code: "COG-08-29"}) || l.Key().String() != "COG-08-29" || l.Targets[2023] != val(16) {
		t.Errorf("Line(\"\") = %+v, %v", l, err)
	}
	if _, err := plain.Line("a"); err == nil {
		t.Error("COG-08-29 has no sub-indicator a")
	}
	withSubs, _ := r.Lookup("COG-08-23")
	if _, err := withSubs.Line(""); err == nil || !strings.Contains(err.Error(), "a, b, c") {
		t.Errorf("Line(\"\") on an indicator with subs: %v, want the list of subs", err)
	}
	b, err := withSubs.Line("b")
	if err != nil || b.Key().String() != "COG-08-23 b" || b.Label != "téléphone" || b.Targets[2025] != val(81) {
		t.Errorf("Line(b) = %+v, %v", b, err)
	}
	if r.FirstYear() != 2023 || r.LastYear() != 2027 || !r.HasYear(2025) || r.HasYear(2022) {
		t.Error("period of the test referential")
	}
	if r.AxisOf(withSubs) != 2 {
		t.Errorf("AxisOf(COG-08-23) = %d, want 2", r.AxisOf(withSubs))
	}
}
