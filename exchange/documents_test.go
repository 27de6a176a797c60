package exchange_test

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
)

// sp is the narrow no-break space of French typography (thousands, "%"),
// nb the no-break space (other unit marks).
const sp, nb = "\u202f", "\u00a0"

// annexHTML is the HTML annex with its character references read (the
// template writes "+" as "&#43;" and "'" as "&#39;").
func annexHTML(t *testing.T, d exchange.Document) string {
	return html.UnescapeString(render(t, exchange.WriteHTML, d))
}
func annexMD(t *testing.T, d exchange.Document) string { return render(t, exchange.WriteMarkdown, d) }

// TestAnnexShowsTheReference: for each year the national target, the
// caisse's reference by its mode, and its target; the mode in words; a
// rise with its sign.
func TestAnnexShowsTheReference(t *testing.T) {
	d := fixtureDocument(t, "91")
	html := annexHTML(t, d)
	md := annexMD(t, d)
	// COG-01-01 declined by a share key of 3,1 %: 2027's 8 300 places
	// give a quota of 257, beside the Caf's draft of 250
	row := regexp.MustCompile(`(?m)^\| COG-01-01 \|.*$`).FindString(md)
	for _, want := range []string{
		"| quote-part, clé 3,1" + sp + "% |",
		"| 4" + sp + "500 | 140 | **140** |",                // 2023 agreed on its reference
		"| 7" + sp + "400 | 229 | 229 *(contre-proposé)* |", // 2026 countered
		"| 8" + sp + "300 | 257 | 250 *(brouillon)* |",      // 2027
	} {
		if !strings.Contains(row, want) {
			t.Errorf("Markdown row of COG-01-01 lacks %q:\n%s", want, row)
		}
	}
	for _, want := range []string{
		"| 2023 nat. | 2023 réf. | 2023 Caf |",
		"trajectoire depuis 18 en 2022", // a path, named with its start
		"| cible nationale |",           // the national target itself
		"| pour information |",          // a national indicator, named by its mode
		"| +" + nb + "26" + nb + "M | +546" + sp + "000 | **+550" + sp + "000** |", // a rise: the COG's text, the quota, the agreed figure, all signed
		"| 43" + sp + "%/57" + sp + "% | — | **50" + sp + "%** |",                  // a band, pour information: no reference
		"| -" + nb + "15" + sp + "% par rapport à 2021 | -15" + sp + "% | **-15" + sp + "%** |",
		"| 430" + nb + "M | 9" + sp + "030" + sp + "000 | **7" + sp + "875" + sp + "000,5** |", // a volume without its unit, as the columns beside it
		"| 480" + nb + "M | 10" + sp + "080" + sp + "000 | — |",                                // a quota in full, never "10,1 M"
		"| 15" + nb + "j | 15" + nb + "j | **15" + nb + "j** |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown annex lacks %q", want)
		}
	}
	for _, want := range []string{
		"<th>Nat.</th><th>Réf.</th><th>Caf</th>",
		`<td class="num nat">8` + sp + `300</td><td class="num ref">257</td><td class="num caf pending">250<small>brouillon</small></td>`,
		`<td class="num caf"><strong>+550` + sp + `000</strong></td>`,
		"<small>quote-part, clé 3,1" + sp + "%</small>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML annex lacks %q", want)
		}
	}
}

// TestAnnexAgreedOnly: only agreed figures, with their references.
func TestAnnexAgreedOnly(t *testing.T) {
	d := fixtureDocument(t, "91")
	d.AgreedOnly = true
	md := annexMD(t, d)
	if strings.Contains(md, "brouillon") || strings.Contains(md, "contre-proposé") || !strings.Contains(md, "**254**") || !strings.Contains(md, "Cibles validées au 22 novembre 2026") {
		t.Error("agreed-only annex shows a figure not agreed, or lacks an agreed one")
	}
	if !strings.Contains(md, "| 8"+sp+"300 | 257 | — |") {
		t.Error("agreed-only annex lost the reference of a year not agreed")
	}
}

// TestAnnexSignatures: the signing parties by the caisse's kind, the
// place and day left blank for the pen, the days of the dialogue de
// gestion listed.
func TestAnnexSignatures(t *testing.T) {
	for _, c := range []struct {
		caf    string
		want   []string
		column string
	}{
		{"91", []string{"Le directeur de la Caf de l'Essonne", "Le président du conseil d’administration de la Caf de l'Essonne", "Le directeur général de la Cnaf"}, "Caf"},
		{"48", []string{"Le directeur de la CCSS de la Lozère", "Le président du conseil d’administration de la CCSS de la Lozère", "Le directeur général de la Cnaf"}, "CCSS"},
		{"976", []string{"Le directeur de la CSS de Mayotte", "Le président du conseil d’administration de la CSS de Mayotte", "Le directeur général de la Cnaf"}, "CSS"},
	} {
		d := fixtureDocument(t, c.caf)
		html, md := annexHTML(t, d), annexMD(t, d)
		sigs := html[strings.Index(html, "<h2>Signatures</h2>"):]
		for _, who := range c.want {
			if !strings.Contains(sigs, `<div class="signature"><p>`+who+`</p></div>`) {
				t.Errorf("caisse %s: HTML signatures lack %q", c.caf, who)
			}
		}
		if !strings.Contains(md, "| "+strings.Join(c.want, " | ")+" |") {
			t.Errorf("caisse %s: Markdown signatures are not %q", c.caf, c.want)
		}
		if c.caf != "91" && (strings.Contains(sigs, "de la Caf") || strings.Contains(md[strings.Index(md, "## Signatures"):], "de la Caf")) {
			t.Errorf("caisse %s is signed for as a Caf", c.caf)
		}
		if !strings.Contains(md, "| 2025 nat. | 2025 réf. | 2025 "+c.column+" |") || !strings.Contains(html, "<th>Réf.</th><th>"+c.column+"</th>") {
			t.Errorf("caisse %s: the caisse's column is not named %s", c.caf, c.column)
		}
		for _, doc := range []string{sigs, md[strings.Index(md, "## Signatures"):]} {
			if !strings.Contains(doc, "Fait à ………………………………, le ………………………………") || strings.Contains(doc, "2026") {
				t.Errorf("caisse %s: the place and day of signature are not left blank", c.caf)
			}
		}
		for _, want := range []string{
			"- le 12 mars 2024 : 5 cibles annuelles\n- le 20 novembre 2025 : 8 cibles annuelles\n- à une date non enregistrée : 1 cible annuelle\n",
		} {
			if !strings.Contains(md, want) {
				t.Errorf("caisse %s: Markdown lacks the days of the dialogue de gestion %q", c.caf, want)
			}
		}
		if !strings.Contains(html, "<li>le 12 mars 2024 : 5 cibles annuelles</li>") {
			t.Errorf("caisse %s: HTML lacks the days of the dialogue de gestion", c.caf)
		}
	}
}

// TestAnnexEngagements: every fiche's engagements of the caisse, with
// their actions and livrables, the fiches without indicators included,
// and the caisse's actions locales.
func TestAnnexEngagements(t *testing.T) {
	d := fixtureDocument(t, "91")
	md := annexMD(t, d)
	plan := md[strings.Index(md, "## Engagements de la Caf de l'Essonne et actions locales"):strings.Index(md, "## Synthèse")]
	for _, f := range d.Ref.Fiches {
		if !strings.Contains(plan, "### Fiche "+strconv.Itoa(f.N)+" — ") {
			t.Errorf("fiche %d missing from the engagements", f.N)
		}
	}
	rows := 0
	for _, e := range d.Ref.Engagements {
		if e.Side != cpog.SideCaisse {
			continue
		}
		rows++
		if !strings.Contains(plan, "| **"+e.N+"** |") {
			t.Errorf("fiche %d: engagement %s missing", e.Fiche, e.N)
		}
		for _, a := range e.Actions {
			rows += 1 + len(a.Livrables)
		}
	}
	if got := strings.Count(plan, "\n| ") - 15; got != rows+2 { // 15 fiches with a table header; 2 actions locales
		t.Errorf("engagements part has %d rows, want %d (every engagement, action and livrable of the caisse, and the 2 actions locales)", got, rows+2)
	}
	for _, want := range []string{
		"### Fiche 16 — Renforcer l’engagement de la Branche dans la transition écologique\n\n*La COG ne donne pas de tableau d’engagements pour cette fiche",
		"| 3.1.1 | Déclinaison formalisée du socle de service", "\\[chaque Caf\\]",
		"| 1.L1 | *Plan local outre-mer* \\[action locale\\] | Direction de l’action sociale | 03/2026 |",
		"| 1.1.1 | ", "| Service petite enfance | 06/2025 |",
	} {
		if !strings.Contains(plan, want) {
			t.Errorf("engagements part lacks %q", want)
		}
	}
	// engagements of the État (fiches 1 and 2, typed from the COG): the
	// Caf does not sign up to them
	for _, etat := range []string{"Renforcer l’attractivité des métiers de la petite enfance", "Renforcement des PEDT afin de favoriser"} {
		if strings.Contains(plan, etat) {
			t.Errorf("the annex lists the État's engagement « %s… » among the Caf's", etat)
		}
	}
}

// TestBilanDocument: the synthèse first, the lines with their figures and
// classes, the livrables réalisés and late with their comments, the due
// day of the Caf.
func TestBilanDocument(t *testing.T) {
	d := fixtureDocument(t, "91")
	md := render(t, exchange.WriteBilanMarkdown, d)
	html := render(t, exchange.WriteBilanHTML, d)
	if i, j := strings.Index(md, "## Synthèse"), strings.Index(md, "## Fiche 1 — "); i < 0 || j < i {
		t.Error("the bilan's synthèse does not come first")
	}
	b := cpog.BilanOf(d.Ref, d.Contract, 2025, d.ExportedAt)
	total := b.Total
	want := "| **Ensemble de la COG 2023-2027** | 57 | 3 | 3 | 4 | 47 | 4 / 268 | 2 | 2 |"
	if !strings.Contains(md, want) {
		t.Errorf("bilan's total is not %q", want)
	}
	if total.Classes[cpog.Atteint] != 3 || total.Livrables.Done != 4 || total.Livrables.Late != 2 {
		t.Errorf("the fixture's bilan changed: %+v", total)
	}
	for _, want := range []string{
		"# Bilan annuel 2025 — Caf de l'Essonne (91)",
		"à rendre le 15 mars 2026",
		"| COG-01-01 | ", "| quote-part, clé 3,1" + sp + "% | **254** | 254 | 230 | 90,6" + sp + "% | ✗ non atteint | Retard de livraison de deux EAJE | Relance des porteurs de projet |",
		"| COG-08-29 | ", "| **15" + nb + "j** | 15" + nb + "j | 14,5" + nb + "j | 103,4" + sp + "% | ✓ atteint |",
		"| COG-08-22 | ", "| **88" + sp + "%** | 87" + sp + "% | 87,5" + sp + "% | 99,4" + sp + "% | ~ proche |",
		"| — *(comparé à la réf.)* | 23" + sp + "% | 22,8" + sp + "% | 99,1" + sp + "% | ~ proche |",
		"| **-15" + sp + "%** | -15" + sp + "% | -12" + sp + "% | — | ✗ non atteint |", // a fall: a class, no rate
		"| **+550" + sp + "000** | +546" + sp + "000 | +540" + sp + "000 | 98,2" + sp + "% | ~ proche |",
		// livrables réalisés and late, with their comments
		"| 1.1.1 | ", "| réalisé | 06/2025 | Service petite enfance | Carte des RPE publiée |",
		"| 1.1.2 | ", "| en retard (en cours) | 06/2025 | Direction | en attente du prestataire |",
		"*Plan local outre-mer* \\[action locale\\] | réalisé | 03/2026 |",
		"Offre ouverte à 75" + sp + "% des jeunes",
		"*Pas d’indicateur de résultat dans cette fiche : son bilan est celui de ses engagements.*",
		"## Fiche 16 — ",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown bilan lacks %q", want)
		}
	}
	if strings.Contains(md, "2.2.1") {
		t.Error("a livrable en cours and not late is listed among the réalisés or late")
	}
	// one chart per line with a figure (the others say "—"), each with
	// its title
	n, titles, none := strings.Count(html, `<svg class="trend"`), strings.Count(html, "<title>Cible — "), strings.Count(html, "</small></td><td>—</td>")
	if n+none != 57 || titles != n || none > 3 {
		t.Errorf("%d charts, %d titles, %d lines without; want one per line of the 57 with a figure", n, titles, none)
	}
	if !strings.Contains(html, "<title>Cible — 2023 : 16"+nb+"j (réf.), 2024 : 15"+nb+"j (réf.), 2025 : 15"+nb+"j, 2026 : 13"+nb+"j, 2027 : 13"+nb+"j (réf.) ; réalisé — 2024 : 15,5"+nb+"j, 2025 : 14,5"+nb+"j</title>") {
		t.Error("the chart of COG-08-29 does not say its figures")
	}
	// the Caf's own due day
	d.BilanDue = cpog.DueDay{Day: 31, Month: 3}
	if md := render(t, exchange.WriteBilanMarkdown, d); !strings.Contains(md, "à rendre le 31 mars 2026") {
		t.Error("the bilan ignores the Caf's due day")
	}
}

// TestDocumentsEscapeTexts: texts from the contract (a comment, a pilot,
// a local action, an explanation) as a file may bring them — markup, a
// pipe, an escaped pipe, a line break — are shown as text, never run, and
// never break a Markdown table.
func TestDocumentsEscapeTexts(t *testing.T) {
	d := fixtureDocument(t, "91")
	for _, w := range documentWriters {
		doc := render(t, w.write, d)
		if strings.Contains(doc, "<script") || strings.Contains(doc, "<b>sans") {
			t.Errorf("%s: markup from the contract reaches the document", w.name)
		}
		if strings.HasSuffix(w.name, ".html") {
			if m := regexp.MustCompile(`(?i)<script|<link|<img|<iframe|src=|url\(|@import|https?://|javascript:`).FindString(strings.ReplaceAll(doc, `xmlns="http://www.w3.org/2000/svg"`, "")); m != "" {
				t.Errorf("%s is not self-contained: %q", w.name, m)
			}
			if !strings.Contains(doc, "&lt;script&gt;") {
				t.Errorf("%s: the hostile text is not shown escaped", w.name)
			}
			continue
		}
		// Markdown: every row of a table has as many cells as its header
		checkMDTables(t, w.name, doc)
		for _, want := range []string{
			// a local action's label and pilot (annex and bilan)
			`*Accueil &lt;b&gt;sans&lt;/b&gt; rendez-vous \| samedi<br>matin* \[action locale\] | `,
			` | DRS \| &lt;script&gt;x&lt;/script&gt; | `,
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("%s lacks the escaped text %q", w.name, want)
			}
		}
		if w.name == "bilan.md" && !strings.Contains(doc, `&lt;script&gt;alert("x")&lt;/script&gt; \| colonne \\\| échappée<br>seconde ligne &amp; 75`+sp+`% des cas`) {
			t.Errorf("%s: the explanation from a file is not escaped as expected", w.name)
		}
	}
}

// checkMDTables counts the unescaped pipes of every table row.
func checkMDTables(t *testing.T, name, md string) {
	t.Helper()
	cells := func(line string) int {
		n, esc := 0, false
		for _, r := range line {
			switch {
			case esc:
				esc = false
			case r == '\\':
				esc = true
			case r == '|':
				n++
			}
		}
		return n
	}
	want := 0
	for i, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			want = 0
			continue
		}
		if want == 0 {
			want = cells(line)
			continue
		}
		if got := cells(line); got != want {
			t.Errorf("%s line %d: %d cell separators, the table's header has %d: %.120q", name, i+1, got, want, line)
		}
	}
}

// TestDocumentsFrenchSpacing: no "75%" nor "75 %" with a breaking space,
// no figure whose thousands a line may split, in any document.
func TestDocumentsFrenchSpacing(t *testing.T) {
	d := fixtureDocument(t, "91")
	for _, w := range documentWriters {
		doc := html.UnescapeString(render(t, w.write, d))
		// the style sheet's own "100%" is CSS, not text
		doc = regexp.MustCompile(`(?s)<style>.*?</style>`).ReplaceAllString(doc, "")
		// the charts' coordinates are numbers, not text
		doc = regexp.MustCompile(`(viewBox|points)="[^"]*"`).ReplaceAllString(doc, "")
		for _, bad := range []*regexp.Regexp{
			regexp.MustCompile(`\d%`),                                   // 75%
			regexp.MustCompile(`\d[ \x{00a0}]%`),                        // 75 % with a breaking or a wide space
			regexp.MustCompile(`\d \d{3}(\D|$)`),                        // 8 300 with a breaking space
			regexp.MustCompile(`\d [jh€](\W|$)`),                        // 16 j with a breaking space
			regexp.MustCompile(`\d (M|pt)(\W|$)`),                       // 375 M, +1 pt
			regexp.MustCompile(`(^|[^\d])[+-] \d`),                      // "+ 14": a sign apart from its number
			regexp.MustCompile(`\d[\x{202f}\x{00a0}]?%[^\s/|<*)\],;.]`), // a sign glued to the word after it
		} {
			if m := bad.FindString(doc); m != "" {
				i := strings.Index(doc, m)
				t.Errorf("%s: %q breaks French typography (…%s…)", w.name, m, doc[max(0, i-40):min(len(doc), i+40)])
			}
		}
		for _, want := range []string{"8" + sp + "300", "56" + sp + "%", "15" + nb + "j", "+" + nb + "26" + nb + "M", "10" + sp + "000 habitants"} {
			if !strings.Contains(doc, want) && strings.HasPrefix(w.name, "annex") {
				t.Errorf("%s lacks %q set in French typography", w.name, want)
			}
		}
	}
}
