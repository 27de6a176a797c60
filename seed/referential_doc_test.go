package seed_test

// This test is an independent reading of the COG 2023-2027 document
// (seeds/001_6fe69966dbde0350.txt): every figure below was typed by hand
// from the fiches' "Indicateurs" tables, cross-checked against Annexe 4,
// without looking at the embedded seed data. Where the two printings of the
// document differ, the fiche table wins and the Annexe 4 code is an alias.

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/seed"
)

const docTol = 1e-9

var docYears = [5]int{2023, 2024, 2025, 2026, 2027}

// docWant is one expected yearly target; absent means the year has no target.
type docWant struct {
	absent   bool
	kind     cpog.TargetKind
	value    float64
	min, max float64
	rel      string
}

func docVal(x float64) docWant       { return docWant{kind: cpog.TargetValue, value: x} }
func docInc(x float64) docWant       { return docWant{kind: cpog.TargetIncrement, value: x} }
func docBand(lo, hi float64) docWant { return docWant{kind: cpog.TargetBand, min: lo, max: hi} }
func docRel(x float64, to string) docWant {
	return docWant{kind: cpog.TargetRelative, value: x, rel: to}
}

var docNone = docWant{absent: true}

// docVals is five plain values, 2023 to 2027.
func docVals(a, b, c, d, e float64) [5]docWant {
	return [5]docWant{docVal(a), docVal(b), docVal(c), docVal(d), docVal(e)}
}

func docSame(w docWant) [5]docWant { return [5]docWant{w, w, w, w, w} }

type docSubWant struct {
	key, labelPrefix string
	targets          [5]docWant
}

type docInd struct {
	n     int
	code  string
	fiche int
	unit  cpog.Unit
	dir   cpog.Direction
	tg    [5]docWant
	subs  []docSubWant
}

const (
	dPct   = cpog.UnitPercent
	dCnt   = cpog.UnitCount
	dDays  = cpog.UnitDays
	dEur   = cpog.UnitEuros
	dHours = cpog.UnitHours
	dRatio = cpog.UnitRatio
	dUp    = cpog.HigherIsBetter
	dDown  = cpog.LowerIsBetter
	dBand  = cpog.Band
)

// docIndicators: fiche tables at lines 1555-1620 (fiche 1), 2104-2115 (2),
// 3249-3262 (4), 4485-4500 (6), 5169-5172 (7), 6072-6150 (8), 6793-6800 (9),
// 7824-7845 (10), 8871-8877 (11), 9845-9905 (12), 10624-10627 (13); Annexe 4
// at lines 13647-13990.
var docIndicators = []docInd{
	// Fiche 1
	{1, "COG-01-01", 1, dCnt, dUp, docVals(4500, 6600, 8200, 7400, 8300), nil},
	{2, "COG-01-02", 1, dPct, dUp, docVals(56, 56, 56, 56, 56), nil},
	{3, "COG-01-03", 1, dPct, dUp, docVals(22, 22.5, 23, 23.5, 24), nil},
	{4, "COG-01-04", 1, dCnt, dUp, docVals(915, 930, 945, 960, 975), nil},
	{5, "COG-01-05", 1, dCnt, dUp, docVals(12050, 12250, 12500, 12700, 13000), nil},
	{6, "COG-01-06", 1, dCnt, dUp, docVals(360, 390, 430, 440, 480), nil},
	{7, "COG-01-07", 1, dPct, dUp, docVals(87, 90, 93, 96, 100), nil},
	{8, "COG-01-08", 1, dCnt, dUp, docVals(630, 770, 930, 1080, 1250), nil},
	{9, "COG-01-09", 1, dCnt, dUp, [5]docWant{docNone, docNone, docVal(5500), docVal(8100), docVal(10000)}, nil},
	{10, "COG-01-10", 1, dRatio, dDown, docVals(62, 61, 59, 58, 56), nil},
	{11, "COG-01-11", 1, dPct, dUp, docVals(90, 95, 100, 100, 100), nil},
	// Fiche 2
	{12, "COG-02-12", 2, dHours, dUp, docVals(721000, 2540750, 4360500, 6180250, 8000000), nil},
	{13, "COG-02-13", 2, dHours, dUp, [5]docWant{docInc(14e6), docInc(23e6), docInc(26e6), docInc(28e6), docInc(30e6)}, nil},
	{14, "COG-02-14", 2, dCnt, dUp, docVals(123257, 126585, 130003, 133513, 137118), nil},
	// Fiche 4
	{15, "COG-04-15", 4, dPct, dUp, docVals(69, 71, 73, 76, 79), nil},
	{16, "COG-04-16", 4, dPct, dUp, docVals(73, 75, 77, 80, 83), nil},
	{17, "COG-04-17", 4, dCnt, dUp, docVals(270000, 350000, 430000, 520000, 530000), nil},
	{18, "COG-04-18", 4, dHours, dUp, docVals(675758, 693558, 733691, 773825, 813958), nil},
	// Fiche 6
	{19, "COG-06-19", 6, dCnt, dUp, docVals(306999, 313139, 319401, 325789, 332305), nil},
	// Fiche 7
	{20, "COG-07-20", 7, dPct, dUp, docVals(45, 55, 65, 70, 75), nil},
	{21, "COG-07-21", 7, dCnt, dUp, docVals(200000, 215000, 230000, 245000, 270000), nil},
	// Fiche 8
	{22, "COG-08-22", 8, dPct, dUp, docVals(85, 86, 87, 89, 91), nil},
	{23, "COG-08-23", 8, dPct, dUp, [5]docWant{docNone, docNone, docNone, docNone, docNone}, []docSubWant{
		{"a", "Courriels", docVals(75, 80, 83, 86, 90)},
		{"b", "Téléphone", docVals(76, 80, 81, 83, 85)},
		{"c", "Accueil physique", docVals(82, 87, 90, 93, 93)},
	}},
	{24, "COG-08-24", 8, dPct, dDown, docVals(25.8, 24.5, 23, 21, 18), nil},
	{25, "COG-08-25", 8, dPct, dUp, docVals(71, 75, 78, 82, 85), nil},
	{26, "COG-08-26", 8, dPct, dUp, docVals(83, 85, 86, 87, 88), nil},
	{27, "COG-08-27", 8, dPct, dUp, docVals(50, 60, 65, 80, 80), nil},
	{28, "COG-08-28", 8, dPct, dUp, docVals(85.6, 86.6, 87.5, 88.4, 89.3), nil},
	{29, "COG-08-29", 8, dDays, dDown, docVals(16, 15, 15, 14, 13), nil},
	{30, "COG-08-30", 8, dDays, dDown, docVals(14, 13, 13, 12, 11), nil},
	{31, "COG-08-31", 8, dDays, dDown, docVals(25.5, 24, 22.5, 21, 19.5), nil},
	{32, "COG-08-32", 8, dDays, dDown, docVals(40, 38, 35, 30, 30), nil},
	{33, "COG-08-33", 8, dPct, dDown, docVals(11, 10, 9, 8, 7), nil},
	{34, "COG-08-34", 8, dCnt, dUp, docVals(330000, 330000, 330000, 330000, 330000), nil},
	{35, "COG-08-35", 8, dCnt, dUp, docVals(82000, 82000, 82000, 82000, 82000), nil},
	// Fiche 9
	{36, "COG-09-36", 9, dCnt, dUp, docVals(25000, 25000, 50000, 60000, 60000), nil},
	{37, "COG-09-37", 9, dPct, dUp, docVals(33, 34, 36, 37, 38), nil},
	// Fiche 10 (38 is COG-09-38 in Annexe 4, line 13891)
	{38, "COG-10-38", 10, dPct, dDown, docVals(7.4, 6.8, 6.2, 5.6, 5.2), nil},
	{39, "COG-10-39", 10, dPct, dDown, docVals(9.5, 8.7, 8, 7.4, 6.7), nil},
	{40, "COG-10-40", 10, dPct, dDown, docVals(1.6, 1.5, 1.5, 1.4, 1.3), nil},
	{41, "COG-10-41", 10, dEur, dUp, docVals(375e6, 400e6, 430e6, 455e6, 480e6), nil},
	{42, "COG-10-42", 10, dPct, dUp, docVals(76, 77, 78, 79, 80), nil},
	{43, "COG-10-43", 10, dPct, dUp, docVals(88, 88.5, 89, 89.5, 90), nil},
	// Fiche 11
	{44, "COG-11-44", 11, dPct, dDown, docSame(docVal(-0.15)), nil},
	{45, "COG-11-45", 11, dCnt, dUp, docVals(113, 117, 122, 127, 132), nil},
	// Fiche 12
	{46, "COG-12-46", 12, dPct, dUp, docVals(70, 70, 70, 70, 70), nil},
	{47, "COG-12-47", 12, dRatio, dUp, docVals(460.2, 467.1, 474.1, 481.2, 488.4), nil},
	{48, "COG-12-48", 12, dEur, dDown, docVals(160.4, 160.4, 158, 156, 154), nil},
	{49, "COG-12-49", 12, dPct, dDown, docVals(1.28, 1.18, 1.10, 1.05, 1), nil},
	{50, "COG-12-50", 12, dPct, dUp, docVals(71, 72, 73, 74, 75), nil},
	{51, "COG-12-51", 12, dRatio, dDown, docVals(14, 14, 14, 14, 14), nil},
	{52, "COG-12-52", 12, dPct, dBand, docSame(docBand(43, 57)), nil},
	{53, "COG-12-53", 12, dPct, dDown, [5]docWant{docRel(-5, "2021"), docRel(-10, "2021"), docRel(-15, "2021"), docRel(-20, "2021"), docRel(-25, "2021")}, nil},
	// Fiche 13
	{54, "COG-13-54", 13, dPct, dUp, docVals(99, 99, 99, 99, 99), nil},
	{55, "COG-13-55", 13, dPct, dUp, docVals(99.67, 99.67, 99.67, 99.67, 99.67), nil},
}

// ficheLine and annexLine are the lines of seeds/001_6fe69966dbde0350.txt
// where indicator n+1 starts, in its fiche table and in Annexe 4.
var ficheLine = [55]int{
	1558, 1568, 1576, 1581, 1591, 1597, 1601, 1606, 1611, 1616,
	1618, 2104, 2109, 2111, 3249, 3251, 3257, 3259, 4493, 5169,
	5171, 6072, 6074, 6102, 6104, 6106, 6108, 6114, 6116, 6118,
	6124, 6130, 6136, 6142, 6149, 6793, 6798, 7824, 7829, 7834,
	7839, 7845, 7847, 8871, 8876, 9845, 9847, 9852, 9854, 9860,
	9866, 9876, 9881, 10624, 10626,
}

var annexLine = [55]int{
	13657, 13669, 13677, 13685, 13695, 13701, 13708, 13713, 13718, 13723,
	13728, 13734, 13754, 13756, 13761, 13772, 13778, 13780, 13785, 13792,
	13794, 13796, 13798, 13826, 13828, 13830, 13832, 13838, 13840, 13842,
	13848, 13854, 13860, 13866, 13882, 13884, 13889, 13891, 13896, 13901,
	13906, 13912, 13914, 13916, 13921, 13923, 13925, 13927, 13929, 13935,
	13937, 13947, 13952, 13982, 13984,
}

// national are the indicators followed at national level only.
var docNational = map[string]bool{"COG-13-54": true, "COG-13-55": true, "COG-12-52": true, "COG-11-44": true}

func docReferential(t *testing.T) *cpog.Referential {
	t.Helper()
	r, err := seed.Referential()
	if err != nil {
		t.Fatalf("seed.Referential: %v", err)
	}
	return r
}

func docNear(a, b float64) bool { return math.Abs(a-b) <= docTol }

func docCheckTargets(t *testing.T, what string, got map[int]cpog.NationalTarget, exp [5]docWant) {
	t.Helper()
	present := 0
	for i, y := range docYears {
		w := exp[i]
		g, ok := got[y]
		if w.absent {
			if ok {
				t.Errorf("%s %d: want no target, got %+v", what, y, g)
			}
			continue
		}
		present++
		if !ok {
			t.Errorf("%s %d: target missing", what, y)
			continue
		}
		if g.Kind != w.kind {
			t.Errorf("%s %d: kind = %q, want %q (raw %q)", what, y, g.Kind, w.kind, g.Raw)
			continue
		}
		switch w.kind {
		case cpog.TargetBand:
			if !docNear(g.Min, w.min) || !docNear(g.Max, w.max) {
				t.Errorf("%s %d: band = %v/%v, want %v/%v (raw %q)", what, y, g.Min, g.Max, w.min, w.max, g.Raw)
			}
		case cpog.TargetRelative:
			if !docNear(g.Value, w.value) || g.RelativeTo != w.rel {
				t.Errorf("%s %d: = %v relative to %q, want %v relative to %q (raw %q)", what, y, g.Value, g.RelativeTo, w.value, w.rel, g.Raw)
			}
		default:
			if !docNear(g.Value, w.value) {
				t.Errorf("%s %d: value = %v, want %v (raw %q)", what, y, g.Value, w.value, g.Raw)
			}
		}
	}
	if len(got) != present {
		t.Errorf("%s: %d yearly targets, want %d (%v)", what, len(got), present, got)
	}
}

func TestDocStructure(t *testing.T) {
	r := docReferential(t)
	if len(r.Years) != 5 {
		t.Errorf("years = %v, want 2023..2027", r.Years)
	} else {
		for i, y := range docYears {
			if r.Years[i] != y {
				t.Errorf("years = %v, want 2023..2027", r.Years)
				break
			}
		}
	}
	if len(r.Axes) != 3 {
		t.Errorf("%d axes, want 3", len(r.Axes))
	}
	for i, a := range r.Axes {
		if a.N != i+1 {
			t.Errorf("axis #%d numbered %d", i, a.N)
		}
		if strings.TrimSpace(a.Title) == "" {
			t.Errorf("axis %d has no title", a.N)
		}
	}
	if len(r.Fiches) != 16 {
		t.Errorf("%d fiches, want 16", len(r.Fiches))
	}
	// Axis 1 opens at line 557 (fiches 1-7), axis 2 at line 5174 (fiches
	// 8-10), axis 3 at line 7936 (fiches 11-16).
	axisOf := func(n int) int {
		switch {
		case n <= 7:
			return 1
		case n <= 10:
			return 2
		}
		return 3
	}
	for i, f := range r.Fiches {
		if f.N != i+1 {
			t.Errorf("fiche #%d numbered %d", i, f.N)
		}
		if f.Axis < 1 || f.Axis > 3 {
			t.Errorf("fiche %d: axis %d out of 1..3", f.N, f.Axis)
		}
		if f.Axis != axisOf(f.N) {
			t.Errorf("fiche %d: axis %d, want %d", f.N, f.Axis, axisOf(f.N))
		}
		if strings.TrimSpace(f.Title) == "" {
			t.Errorf("fiche %d has no title", f.N)
		}
	}
	if len(r.Indicators) != 55 {
		t.Fatalf("%d indicators, want 55", len(r.Indicators))
	}
	seen := map[string]bool{}
	for i, ind := range r.Indicators {
		if ind.N != i+1 {
			t.Errorf("indicator #%d numbered %d (%s)", i, ind.N, ind.Code)
		}
		if seen[ind.Code] {
			t.Errorf("code %s twice", ind.Code)
		}
		seen[ind.Code] = true
		var ff, nn int
		if _, err := fmt.Sscanf(ind.Code, "COG-%02d-%02d", &ff, &nn); err != nil || fmt.Sprintf("COG-%02d-%02d", ff, nn) != ind.Code {
			t.Errorf("code %q not of the form COG-FF-NN", ind.Code)
			continue
		}
		if ff != ind.Fiche {
			t.Errorf("%s: fiche %d, code says %d", ind.Code, ind.Fiche, ff)
		}
		if nn != ind.N {
			t.Errorf("%s: number %d, code says %d", ind.Code, ind.N, nn)
		}
	}
	if len(docIndicators) != 55 {
		t.Fatalf("test table has %d rows", len(docIndicators))
	}
}

func TestDocIndicators(t *testing.T) {
	r := docReferential(t)
	for _, w := range docIndicators {
		t.Run(w.code, func(t *testing.T) {
			defer func() {
				if t.Failed() {
					t.Logf("source: fiche table line %d, Annexe 4 line %d", ficheLine[w.n-1], annexLine[w.n-1])
				}
			}()
			ind, err := r.Lookup(w.code)
			if err != nil {
				t.Fatalf("Lookup(%q): %v", w.code, err)
			}
			if ind.Code != w.code {
				t.Fatalf("Lookup(%q) gave %s", w.code, ind.Code)
			}
			if ind.N != w.n {
				t.Errorf("n = %d, want %d", ind.N, w.n)
			}
			if ind.Fiche != w.fiche {
				t.Errorf("fiche = %d, want %d", ind.Fiche, w.fiche)
			}
			if ind.Unit != w.unit {
				t.Errorf("unit = %q, want %q", ind.Unit, w.unit)
			}
			if ind.Direction != w.dir {
				t.Errorf("direction = %q, want %q", ind.Direction, w.dir)
			}
			switch {
			case docNational[w.code]:
				if ind.Mode != cpog.ModeNational {
					t.Errorf("mode = %q, want %q", ind.Mode, cpog.ModeNational)
				}
			case w.unit == dPct || w.unit == dDays || w.code == "COG-12-48":
				// COG-12-48 is in euros but a unit cost (160,4 € per
				// weighted allocataire), not a volume: a quote-part of it
				// (national × weight) would be meaningless, so each Caf is
				// held to the national figure.
				if ind.Mode != cpog.ModeSame {
					t.Errorf("mode = %q, want %q", ind.Mode, cpog.ModeSame)
				}
			case w.unit == dCnt || w.unit == dHours || w.unit == dEur:
				if ind.Mode != cpog.ModeShare {
					t.Errorf("mode = %q, want %q", ind.Mode, cpog.ModeShare)
				}
			}
			if strings.TrimSpace(ind.Label) == "" {
				t.Errorf("empty label")
			}
			docCheckTargets(t, w.code, ind.Targets, w.tg)
			if len(ind.Subs) != len(w.subs) {
				t.Fatalf("%d sub-indicators, want %d", len(ind.Subs), len(w.subs))
			}
			for i, sw := range w.subs {
				s := ind.Subs[i]
				if s.Key != sw.key {
					t.Errorf("sub #%d key = %q, want %q", i, s.Key, sw.key)
				}
				if !strings.HasPrefix(docNorm(s.Label), docNorm(sw.labelPrefix)) {
					t.Errorf("sub %s label = %q, want prefix %q", sw.key, s.Label, sw.labelPrefix)
				}
				docCheckTargets(t, w.code+" "+sw.key, s.Targets, sw.targets)
			}
		})
	}
}

// norm folds whitespace and typographic apostrophes.
func docNorm(s string) string {
	s = strings.ReplaceAll(s, "\u2019", "'")
	return strings.Join(strings.Fields(s), " ")
}

func TestDocRawTargets(t *testing.T) {
	r := docReferential(t)
	cases := []struct {
		code string
		sub  string
		year int
		raw  string
	}{
		{"COG-08-29", "", 2023, "16 j"},
		{"COG-08-31", "", 2023, "25,5 j"},
		{"COG-02-13", "", 2023, "+ 14 M"},
		{"COG-02-13", "", 2027, "+ 30 M"},
		{"COG-10-41", "", 2023, "375 M"},
		{"COG-12-52", "", 2023, "43 %/57 %"},
		{"COG-12-52", "", 2027, "43 %/57 %"},
		{"COG-11-44", "", 2023, "- 0,15 %"},
		{"COG-12-53", "", 2023, "- 5 % par rapport à 2021"},
		{"COG-12-53", "", 2027, "- 25 % par rapport à 2021"},
		{"COG-01-01", "", 2023, "4 500"},
		{"COG-01-03", "", 2024, "22,5 %"},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s_%d", c.code, c.year), func(t *testing.T) {
			ind, err := r.Lookup(c.code)
			if err != nil {
				t.Fatalf("Lookup(%q): %v", c.code, err)
			}
			l, err := ind.Line(c.sub)
			if err != nil {
				t.Fatal(err)
			}
			g, ok := l.Targets[c.year]
			if !ok {
				t.Fatalf("no target for %d", c.year)
			}
			if got := strings.Join(strings.Fields(g.Raw), " "); got != c.raw {
				t.Errorf("raw = %q, want %q", got, c.raw)
			}
		})
	}
}

func TestDocLabels(t *testing.T) {
	r := docReferential(t)
	cases := []struct{ code, prefix string }{
		{"COG-08-29", "Délai moyen de démarche des prestations légales"},
		{"COG-08-31", "Délai moyen de démarche des demandes de prestations afférentes aux minima sociaux"},
		{"COG-01-01", "Évolution nette du nombre de places en établissement d'accueil du jeune enfant"},
		{"COG-02-13", "Nombre d'heures d'accueil en ALSH"},
		{"COG-08-23", "Taux de satisfaction par canal"},
		{"COG-08-24", "Taux de réitération"},
		{"COG-10-38", "Taux d'incidence financière des erreurs (TIF)"},
		{"COG-10-41", "Montant total des préjudices frauduleux"},
		{"COG-12-48", "Coût par unité d'œuvre famille"},
		{"COG-12-52", "Taux minimum du genre le moins représenté"},
		{"COG-13-55", "Taux de disponibilité des portails agents"},
	}
	for _, c := range cases {
		t.Run(c.code, func(t *testing.T) {
			ind, err := r.Lookup(c.code)
			if err != nil {
				t.Fatalf("Lookup(%q): %v", c.code, err)
			}
			if !strings.HasPrefix(docNorm(ind.Label), docNorm(c.prefix)) {
				t.Errorf("label = %q, want prefix %q", ind.Label, c.prefix)
			}
		})
	}
}

func TestDocLookup(t *testing.T) {
	r := docReferential(t)
	cases := []struct {
		q    string
		code string
	}{
		{"COG-09-38", "COG-10-38"}, // Annexe 4 code of indicator 38
		{"cog-09-38", "COG-10-38"},
		{"COG-10-38", "COG-10-38"},
		{"08-29", "COG-08-29"},
		{"cog-08-29", "COG-08-29"},
		{"COG-08-29", "COG-08-29"},
		{"29", "COG-08-29"},
	}
	for _, c := range cases {
		ind, err := r.Lookup(c.q)
		if err != nil {
			t.Errorf("Lookup(%q): %v", c.q, err)
			continue
		}
		if ind.Code != c.code {
			t.Errorf("Lookup(%q) = %s, want %s", c.q, ind.Code, c.code)
		}
	}
	ind, err := r.Lookup("COG-10-38")
	if err == nil {
		found := false
		for _, a := range ind.Aliases {
			if a == "COG-09-38" {
				found = true
			}
		}
		if !found {
			t.Errorf("COG-10-38 aliases = %v, want COG-09-38 among them", ind.Aliases)
		}
	}
	if _, err := r.Lookup("COG-99-99"); err == nil {
		t.Errorf("Lookup(COG-99-99) found something")
	}
}

func TestDocCafs(t *testing.T) {
	cafs, err := seed.Cafs()
	if err != nil {
		t.Fatalf("seed.Cafs: %v", err)
	}
	var wantCodes []string
	for i := 1; i <= 19; i++ {
		wantCodes = append(wantCodes, fmt.Sprintf("%02d", i))
	}
	wantCodes = append(wantCodes, "2A", "2B")
	for i := 21; i <= 95; i++ {
		wantCodes = append(wantCodes, fmt.Sprintf("%02d", i))
	}
	// 975 (Saint-Pierre-et-Miquelon) has no Caf: 101 bodies in all.
	wantCodes = append(wantCodes, "971", "972", "973", "974", "976")
	if len(wantCodes) != 101 {
		t.Fatalf("test list has %d codes", len(wantCodes))
	}
	if len(cafs) != 101 {
		t.Errorf("%d Caf, want 101", len(cafs))
	}
	got := map[string]cpog.Caf{}
	for _, c := range cafs {
		got[c.Code] = c
		if strings.TrimSpace(c.Name) == "" || strings.TrimSpace(c.Departement) == "" {
			t.Errorf("%s: empty name or département: %+v", c.Code, c)
		}
	}
	for _, code := range wantCodes {
		if _, ok := got[code]; !ok {
			t.Errorf("Caf %s missing", code)
		}
	}
	if _, ok := got["20"]; ok {
		t.Errorf("Caf 20 should not exist (Corsica is 2A and 2B)")
	}
	if len(cafs) == len(wantCodes) {
		for i, c := range cafs {
			if c.Code != wantCodes[i] {
				order := make([]string, len(cafs))
				for j, c := range cafs {
					order[j] = c.Code
				}
				t.Errorf("Caf #%d is %s, want %s (département order, 2A and 2B between 19 and 21); got order %v", i, c.Code, wantCodes[i], order)
				break
			}
		}
	}
	// The branche Famille is carried by a CCSS in Lozère and, as the COG
	// names it, by the « Caisse de sécurité sociale de Mayotte » (CSS).
	kinds := map[string]cpog.CafKind{"48": cpog.KindCCSS, "976": cpog.KindCSS}
	for _, c := range cafs {
		want, special := kinds[c.Code]
		if !special {
			want = cpog.KindCaf
		}
		if c.Kind != want {
			t.Errorf("%s: kind %q, want %s", c.Code, c.Kind, want)
		}
	}
	if c := got["976"]; docNorm(c.Name) != "Caisse de sécurité sociale de Mayotte" {
		t.Errorf("976 = %q, want the COG's « Caisse de sécurité sociale de Mayotte »", c.Name)
	}
	if c, ok := got["91"]; !ok || docNorm(c.Name) != "Caf de l'Essonne" {
		t.Errorf("91 = %+v, want name \"Caf de l'Essonne\"", c)
	}
}
