package cpog

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The bilan annuel: what the Caf reports to the Cnaf for a year (COG,
// Annexe 2: "une restitution par indicateurs, engagements, actions et
// livrables" with "une synthèse du niveau d'avancement").

// BilanRow is one line of the bilan: a line of the contract for the year.
type BilanRow struct {
	Line Line
	Year int
	// Target is the Caf's target: the agreed value, else its latest
	// proposal (Agreed says which).
	Target      Opt
	Agreed      bool
	Reference   Reference
	Actual      Opt
	Achievement Achievement
	Explanation string
	Action      string
}

// BilanCounts is the synthèse of a fiche or of the whole COG: its lines
// by class, and its plan d'actions by status.
type BilanCounts struct {
	Classes   map[AchievementClass]int
	Livrables PlanTally
}

// Lines is the number of lines counted.
func (b BilanCounts) Lines() int {
	n := 0
	for _, v := range b.Classes {
		n += v
	}
	return n
}

func (b *BilanCounts) add(o BilanCounts) {
	for k, v := range o.Classes {
		b.Classes[k] += v
	}
	b.Livrables = b.Livrables.Add(o.Livrables)
}

// BilanFiche is a fiche's part of the bilan: its lines, its synthèse and
// the items of its plan d'actions the Caf carries (livrables and actions
// locales, with their follow-up).
type BilanFiche struct {
	Fiche  Fiche
	Rows   []BilanRow
	Counts BilanCounts
	Items  []Item
}

// Bilan is the bilan annuel of a contract for a year, as of a day (the
// day decides which livrables are late).
type Bilan struct {
	Year   int
	Today  time.Time
	Fiches []BilanFiche
	Total  BilanCounts
}

// Reported tells whether the bilan lists a livrable or action locale (done,
// or late on the bilan's day) and whether it is late.
func (b Bilan) Reported(it Item) (listed, late bool) {
	late = it.FollowUp.Late(b.Today)
	return it.FollowUp.Status == FollowDone || late, late
}

// BilanOf computes the bilan of a year. Every fiche is listed, the five
// without result indicators included: their plan d'actions is their bilan.
func BilanOf(r *Referential, c *Contract, year int, today time.Time) Bilan {
	b := Bilan{Year: year, Today: today, Total: BilanCounts{Classes: map[AchievementClass]int{}}}
	for _, f := range r.Fiches {
		bf := BilanFiche{Fiche: f, Counts: BilanCounts{Classes: map[AchievementClass]int{}}}
		for _, ind := range r.IndicatorsOf(f.N) {
			for _, l := range ind.Lines() {
				row := bilanRow(r, c, l, year)
				bf.Rows = append(bf.Rows, row)
				bf.Counts.Classes[row.Achievement.Class]++
			}
		}
		for _, it := range PlanItems(r, c, f.N, SideCaisse) {
			if it.Followed {
				bf.Items = append(bf.Items, it)
			}
		}
		bf.Counts.Livrables = TallyPlan(r, c, f.N, today)
		b.Total.add(bf.Counts)
		b.Fiches = append(b.Fiches, bf)
	}
	return b
}

func bilanRow(r *Referential, c *Contract, l Line, year int) BilanRow {
	ev := Evaluate(r, c, l, year)
	return BilanRow{
		Line: l, Year: year,
		Target: ev.Local, Agreed: ev.Target.IsAgreed(),
		Reference:   ev.Reference,
		Actual:      ev.Actual,
		Achievement: AchievementFor(ev, l.Indicator.Unit, l.Indicator.Direction),
		Explanation: ev.Target.Explanation,
		Action:      ev.Target.Action,
	}
}

// Rows are every line of the bilan, fiche after fiche.
func (b Bilan) Rows() []BilanRow {
	var out []BilanRow
	for _, f := range b.Fiches {
		out = append(out, f.Rows...)
	}
	return out
}

// DueDay is the day of the year the bilan of the year before is due: 15
// March by the COG (Annexe 2), which a Caf may change to its own
// calendar.
type DueDay struct{ Day, Month int }

// DefaultDueDay is the COG's: 15 March.
var DefaultDueDay = DueDay{Day: 15, Month: 3}

// NextBilanYear is the year of the next bilan due on or after a day, for
// a due day (zero: the COG's), within the referential's years: the year a
// bilan is about by default.
func NextBilanYear(ref *Referential, due DueDay, now time.Time) int {
	y, _, _ := due.OrDefault().NextBilan(now)
	return min(max(y, ref.FirstYear()), ref.LastYear())
}

// OrDefault is d, or the COG's day when d is the zero day: none was set.
func (d DueDay) OrDefault() DueDay {
	if d == (DueDay{}) {
		return DefaultDueDay
	}
	return d
}

// String writes the day as typed: "15/03".
func (d DueDay) String() string { return fmt.Sprintf("%02d/%02d", d.Day, d.Month) }

// Label writes the day for a sentence: "15 mars".
func (d DueDay) Label() string {
	full := FormatDate(time.Date(2001, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC))
	return strings.TrimSuffix(full, " 2001")
}

// ParseDueDay reads a day and month, "15/03" or "1/4"; empty gives the
// COG's day.
func ParseDueDay(text string) (DueDay, error) {
	s := strings.TrimSpace(text)
	if s == "" {
		return DefaultDueDay, nil
	}
	bad := Errorf(EInvalid, fmt.Sprintf("échéance illisible : %s (attendu : JJ/MM, ex. 15/03)", quoteText(text)))
	ds, ms, ok := strings.Cut(s, "/")
	if !ok {
		return DueDay{}, bad
	}
	d, err1 := strconv.Atoi(ds)
	m, err2 := strconv.Atoi(ms)
	// 2001 has no 29 February: a due day must exist every year.
	if err1 != nil || err2 != nil || m < 1 || m > 12 || d < 1 || d > 31 {
		return DueDay{}, bad
	}
	if t := time.Date(2001, time.Month(m), d, 0, 0, 0, 0, time.UTC); t.Day() != d {
		return DueDay{}, Errorf(EInvalid, fmt.Sprintf("échéance %s : ce jour n’existe pas tous les ans", quoteText(text)))
	}
	return DueDay{Day: d, Month: m}, nil
}

// DueOf is the day the bilan of a year is due: that day of the next year.
func (d DueDay) DueOf(year int) time.Time {
	return time.Date(year+1, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// BilanReminderDays is how long before its due day the interface reminds
// the bilan.
const BilanReminderDays = 60

// NextBilan is the next bilan due on or after a day: its year and due
// day, and the days left.
func (d DueDay) NextBilan(today time.Time) (year int, due time.Time, days int) {
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	year = today.Year() - 1
	due = d.DueOf(year)
	if day.After(due) {
		year++
		due = d.DueOf(year)
	}
	return year, due, int(due.Sub(day).Hours()/24 + 0.5)
}
