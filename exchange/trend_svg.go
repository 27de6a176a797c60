package exchange

import (
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// A line's trend in the printable bilan: a small inline SVG (no script,
// no external resource) with the caisse's target for each year of the
// COG as a line (its reference where it set none, a band as its two
// bounds) and the réalisés as dots, the bilan's year marked. Its <title>
// says the same in words, for screen readers and for a reader who hovers.

const (
	trendW, trendH = 120, 36
	trendPad       = 4
)

// trendPoint is a year's figures on the chart.
type trendPoint struct {
	target, low, high, actual cpog.Opt
}

func trendSVG(d Document, c *cpog.Contract, l cpog.Line, year int) template.HTML {
	ind := l.Indicator
	years := d.Ref.Years
	pts := make([]trendPoint, len(years))
	var targets, actuals []string
	lo, hi := math.Inf(1), math.Inf(-1)
	see := func(v float64) { lo, hi = math.Min(lo, v), math.Max(hi, v) }
	for i, y := range years {
		ev := cpog.Evaluate(d.Ref, c, l, y)
		p := &pts[i]
		switch {
		case ev.Local.OK:
			p.target = ev.Local
			targets = append(targets, strconv.Itoa(y)+" : "+exactFigure(ev.Local.V, ind))
		case ev.Reference.Valid && ev.Reference.Band:
			p.low, p.high = cpog.Some(ev.Reference.Min), cpog.Some(ev.Reference.Max)
			targets = append(targets, strconv.Itoa(y)+" : "+referenceText(ev.Reference, ind.Unit))
		case ev.Reference.Valid:
			p.target = cpog.Some(ev.Reference.Value)
			targets = append(targets, strconv.Itoa(y)+" : "+referenceText(ev.Reference, ind.Unit)+" (réf.)")
		}
		if ev.Actual.OK {
			p.actual = ev.Actual
			actuals = append(actuals, strconv.Itoa(y)+" : "+exactFigure(ev.Actual.V, ind))
		}
		for _, o := range []cpog.Opt{p.target, p.low, p.high, p.actual} {
			if o.OK {
				see(o.V)
			}
		}
	}
	if math.IsInf(lo, 0) {
		return ""
	}
	if hi-lo < 1e-9 {
		pad := math.Max(1, math.Abs(lo)*0.05)
		lo, hi = lo-pad, hi+pad
	}
	x := func(i int) float64 {
		if len(years) < 2 {
			return trendW / 2
		}
		return trendPad + float64(i)*float64(trendW-2*trendPad)/float64(len(years)-1)
	}
	y := func(v float64) float64 {
		return trendH - trendPad - (v-lo)/(hi-lo)*float64(trendH-2*trendPad)
	}
	title := "Cible — " + orDash(targets) + " ; réalisé — " + orDash(actuals)
	var b strings.Builder
	b.WriteString(`<svg class="trend" width="120" height="36" viewBox="0 0 120 36" role="img" xmlns="http://www.w3.org/2000/svg"><title>`)
	b.WriteString(html.EscapeString(title))
	b.WriteString(`</title>`)
	for i, yr := range years {
		if yr == year {
			b.WriteString(`<rect x="` + num(x(i)-4) + `" y="0" width="8" height="36" fill="#e8edf3"/>`)
		}
	}
	b.WriteString(`<line x1="0" y1="35.5" x2="120" y2="35.5" stroke="#9aa3ad" stroke-width="1"/>`)
	for _, series := range []func(trendPoint) cpog.Opt{
		func(p trendPoint) cpog.Opt { return p.target },
		func(p trendPoint) cpog.Opt { return p.low },
		func(p trendPoint) cpog.Opt { return p.high },
	} {
		polylines(&b, pts, series, x, y)
	}
	for i, p := range pts {
		if p.actual.OK {
			b.WriteString(`<circle cx="` + num(x(i)) + `" cy="` + num(y(p.actual.V)) + `" r="2.2" fill="#a3262a"/>`)
		}
	}
	b.WriteString(`</svg>`)
	// the markup is built here from numbers and an escaped title
	return template.HTML(b.String())
}

// polylines draws a series as lines between the years that have it: a
// year without a target leaves a gap, never a zero.
func polylines(b *strings.Builder, pts []trendPoint, series func(trendPoint) cpog.Opt, x func(int) float64, y func(float64) float64) {
	var run []string
	flush := func() {
		switch len(run) {
		case 0:
		case 1:
			xy := strings.Split(run[0], ",")
			b.WriteString(`<circle cx="` + xy[0] + `" cy="` + xy[1] + `" r="1.4" fill="#1a1a1a"/>`)
		default:
			b.WriteString(`<polyline points="` + strings.Join(run, " ") + `" fill="none" stroke="#1a1a1a" stroke-width="1.2"/>`)
		}
		run = run[:0]
	}
	for i, p := range pts {
		o := series(p)
		if !o.OK {
			flush()
			continue
		}
		run = append(run, num(x(i))+","+num(y(o.V)))
	}
	flush()
}

func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

func orDash(parts []string) string {
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, ", ")
}
