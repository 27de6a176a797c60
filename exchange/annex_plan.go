package exchange

import (
	"html/template"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cnaf-tools/cpog"
)

// The second half of the annex: per fiche, the engagements of the caisse
// side of the COG's tables, which the caisse signs up to, with their
// actions and livrables (those the COG puts on every Caf marked), and the
// actions locales the caisse adds under them. The État's engagements are
// the State's, not the caisse's: the annex leaves them out.

type annexPlanFiche struct {
	N     int
	Title string
	Rows  []annexPlanRow
}

type annexPlanRow struct {
	N       string
	Printed string // the number as the COG prints it, when cpog renumbers
	Level   int    // 0 engagement, 1 action or action locale, 2 livrable
	Label   string // lines separated by "\n"
	EachCaf bool
	Local   bool
	Pilot   string
	Due     string // "06/2026"
}

// htmlEscaper escapes text as html/template does in an element's text or
// a quoted attribute, so that a row written here reads byte for byte as
// the template would write it.
var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;", "\x00", "\uFFFD")

// HTML writes the row of the annex's table. The plan has some five
// hundred rows: written here rather than by the template, whose escaping
// calls, made through reflection, cost most of the annex's time.
func (r annexPlanRow) HTML() template.HTML {
	var b strings.Builder
	b.Grow(len(r.Label) + len(r.Pilot) + 160)
	b.WriteString(`<tr class="lvl`)
	b.WriteString(strconv.Itoa(r.Level))
	if r.Local {
		b.WriteString(" local")
	}
	b.WriteString(`"><td class="code">`)
	b.WriteString(htmlEscaper.Replace(r.N))
	b.WriteString(`</td><td class="label text">`)
	b.WriteString(htmlEscaper.Replace(r.Label))
	if r.Local {
		b.WriteString(` <span class="tag">[action locale]</span>`)
	}
	if r.EachCaf {
		b.WriteString(` <span class="tag">[chaque Caf]</span>`)
	}
	if r.Printed != "" {
		b.WriteString(` <span class="tag">(numéro imprimé `)
		b.WriteString(htmlEscaper.Replace(r.Printed))
		b.WriteString(`)</span>`)
	}
	b.WriteString(`</td><td class="text">`)
	b.WriteString(htmlEscaper.Replace(r.Pilot))
	b.WriteString(`</td><td class="num">`)
	b.WriteString(htmlEscaper.Replace(r.Due))
	b.WriteString("</td></tr>")
	// every text above is escaped
	return template.HTML(b.String())
}

// noPlanTable is what the annex says of a fiche whose tables are empty,
// as the COG itself says it for fiche 16.
const noPlanTable = "La COG ne donne pas de tableau d’engagements pour cette fiche : leur suivi est assuré via les tableaux des autres fiches."

func annexPlan(r *cpog.Referential, c *cpog.Contract) []annexPlanFiche {
	printed := map[cpog.ItemKey]string{}
	for _, e := range r.Engagements {
		if e.Side != cpog.SideCaisse {
			continue
		}
		printed[cpog.ItemKey{Fiche: e.Fiche, Side: e.Side, N: e.N}] = e.Printed
		for _, a := range e.Actions {
			for _, l := range a.Livrables {
				printed[cpog.ItemKey{Fiche: e.Fiche, Side: e.Side, N: l.N}] = l.Printed
			}
		}
	}
	out := make([]annexPlanFiche, 0, len(r.Fiches))
	for _, f := range r.Fiches {
		pf := annexPlanFiche{N: f.N, Title: prose(f.Title)}
		for _, it := range cpog.PlanItems(r, c, f.N, cpog.SideCaisse) {
			row := annexPlanRow{N: it.Key.N, Printed: printed[it.Key], Level: it.Level, EachCaf: it.EachCaf, Local: it.Local}
			if it.Local {
				row.Label = text(it.Label)
			} else {
				row.Label = prose(it.Label)
			}
			if it.Followed {
				row.Pilot = text(it.FollowUp.Pilot)
				if it.FollowUp.Due != "" {
					row.Due = cpog.FormatDue(it.FollowUp.Due)
				}
			}
			pf.Rows = append(pf.Rows, row)
		}
		out = append(out, pf)
	}
	return out
}

// agreementDays lists the days of the dialogue de gestion on which the
// targets shown were agreed, oldest first, each with its number of
// line-years; agreements recorded without their day (before cpog kept
// it) come last, under an empty day.
func agreementDays(r *cpog.Referential, c *cpog.Contract) []annexAgreement {
	count := map[string]int{}
	for i := range r.Indicators {
		for _, l := range r.Indicators[i].Lines() {
			for _, y := range r.Years {
				t := c.Target(l.Key(), y)
				if t.IsAgreed() {
					count[t.AgreedOn]++
				}
			}
		}
	}
	days := make([]string, 0, len(count))
	for d := range count {
		days = append(days, d)
	}
	sort.Slice(days, func(i, j int) bool {
		if (days[i] == "") != (days[j] == "") {
			return days[j] == ""
		}
		return days[i] < days[j]
	})
	out := make([]annexAgreement, 0, len(days))
	for _, d := range days {
		a := annexAgreement{Lines: count[d]}
		if d != "" {
			a.Day = cpog.Printable(d)
			if t, err := time.Parse(time.DateOnly, d); err == nil {
				a.Day = cpog.FormatDate(t)
			}
		}
		out = append(out, a)
	}
	return out
}
