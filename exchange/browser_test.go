package exchange_test

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
)

// A real browser prints the documents: headless Chromium renders the annex
// and the bilan of the fixed contract, the layout is measured with the
// print media at the printable width of A4 landscape, then the page is
// printed to PDF and the PDF read back with poppler (pdfinfo, pdftotext).
// The test skips when Chromium or poppler is absent; .ci/run installs
// them, so CI always runs it.

const (
	// A4 landscape in PDF points: 297 × 210 mm. Chromium prints its A4 as
	// 841.92 × 594.96 pts (its own rounding, 0.1 mm off), so sizes are
	// compared within half a point, and pdfinfo must name them A4.
	a4WidthPt, a4HeightPt = 841.89, 595.28
	pageWidthPt           = a4WidthPt
	// marginPt is the side margin of the documents' @page rule (10 mm).
	marginPt = 10 * 72 / 25.4
	// printableWidthPx is the width inside the side margins of A4
	// landscape at 96 CSS pixels per inch: 277 mm.
	printableWidthPx = 1047
)

// Page counts the fixture may print on: the annex lists every engagement
// of the COG's sixteen fiches, the bilan every line of one year.
var pageBounds = map[string][2]int{"annex": {12, 40}, "annex-wide": {12, 40}, "bilan": {6, 30}}

// chromium finds the browser and poppler's tools, or skips the test.
func chromium(t *testing.T) (browser, pdfinfo, pdftotext string) {
	t.Helper()
	const skip = "chromium absent : apt-get install chromium poppler-utils"
	browser = os.Getenv("CHROMIUM")
	if browser == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				browser = p
				break
			}
		}
	}
	if browser == "" {
		t.Skip(skip)
	}
	var err1, err2 error
	pdfinfo, err1 = exec.LookPath("pdfinfo")
	pdftotext, err2 = exec.LookPath("pdftotext")
	if err1 != nil || err2 != nil {
		t.Skip(skip + " (pdfinfo ou pdftotext introuvable)")
	}
	return browser, pdfinfo, pdftotext
}

// printed is what the browser made of a document.
type printed struct {
	overflow []string // elements beyond the printable width, or cut
	pdf      string   // the PDF file
	pages    []string // the text of each page, laid out
	words    string   // pdftotext -bbox: every word with its box
	info     string   // pdfinfo of every page
}

// printHTML renders an HTML file in the browser and prints it to PDF.
func printHTML(t *testing.T, browser, pdfinfo, pdftotext, htmlPath string) printed {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(browser),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	// the first action starts the browser, and must not carry the
	// timeout that would stop it; the others are bounded
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("chromium ne démarre pas : %v", err)
	}
	tctx, tcancel := context.WithTimeout(ctx, 90*time.Second)
	defer tcancel()
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(htmlPath)}
	media := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(printableWidthPx, 800), media, chromedp.Navigate(u.String())); err != nil {
		t.Fatal(err)
	}
	// every element inside the page's width, and no cell whose content
	// spills over its box (a figure wider than its column)
	overflow, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](`(() => {
		const W = document.documentElement.clientWidth, out = [];
		const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : "") + " « " + (el.textContent || "").trim().slice(0, 40) + " »";
		for (const el of document.body.querySelectorAll("*")) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && (r.right > W + 0.5 || r.left < -0.5)) out.push("au-delà de la page (" + Math.round(r.right) + " > " + W + " px) : " + name(el));
			if ((el.tagName === "TD" || el.tagName === "TH") && el.scrollWidth > el.clientWidth + 1) out.push("contenu plus large que sa colonne (" + el.scrollWidth + " > " + el.clientWidth + " px) : " + name(el));
		}
		if (document.documentElement.scrollWidth > W) out.push("page plus large que la zone imprimable : " + document.documentElement.scrollWidth + " > " + W + " px");
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(tctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatal(err)
	}
	out := printed{overflow: overflow, pdf: strings.TrimSuffix(htmlPath, ".html") + ".pdf"}
	if err := os.WriteFile(out.pdf, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(name string, args ...string) string {
		b, err := exec.Command(name, args...).Output()
		if err != nil {
			t.Fatalf("%s %v : %v", name, args, err)
		}
		return string(b)
	}
	n := pdfPages(t, run(pdfinfo, out.pdf))
	out.info = run(pdfinfo, "-f", "1", "-l", strconv.Itoa(n), out.pdf)
	text := run(pdftotext, "-layout", out.pdf, "-")
	out.pages = strings.Split(strings.TrimSuffix(text, "\f"), "\f")
	out.words = run(pdftotext, "-bbox", out.pdf, "-")
	return out
}

func pdfPages(t *testing.T, info string) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo sans nombre de pages :\n%s", info)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// plainSpaces reads a PDF's text as plain text: the no-break spaces the
// documents set become spaces.
func plainSpaces(s string) string {
	return strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(s)
}

func TestDocumentsPrintInChromium(t *testing.T) {
	requireLong(t, "impression de l’annexe et du bilan par Chromium")
	t.Parallel()
	browser, pdfinfo, pdftotext := chromium(t)
	d := fixtureDocument(t, "91")
	for _, doc := range []struct {
		name  string
		write func(io.Writer, exchange.Document) error
		d     exchange.Document
	}{
		{"annex", exchange.WriteHTML, d},
		// the widest figures a caisse may agree on, every year of every
		// volume: the tables must shrink, never spill over the page
		{"annex-wide", exchange.WriteHTML, wideDocument(t)},
		{"bilan", exchange.WriteBilanHTML, d},
	} {
		t.Run(doc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), doc.name+".html")
			if err := os.WriteFile(path, []byte(render(t, doc.write, doc.d)), 0o600); err != nil {
				t.Fatal(err)
			}
			p := printHTML(t, browser, pdfinfo, pdftotext, path)
			for i, o := range p.overflow {
				if i == 10 {
					t.Errorf("… et %d autres", len(p.overflow)-10)
					break
				}
				t.Error(o)
			}
			checkPages(t, doc.name, p)
			checkInsideMargins(t, p.words)
			switch doc.name {
			case "annex":
				checkAnnexPrint(t, d, p)
			case "bilan":
				checkBilanPrint(t, d, p)
			}
			// CPOG_KEEP_PDF=DIR keeps the printed file, to look at it
			if dir := os.Getenv("CPOG_KEEP_PDF"); dir != "" {
				if b, err := os.ReadFile(p.pdf); err == nil {
					if err := os.WriteFile(filepath.Join(dir, filepath.Base(p.pdf)), b, 0o600); err != nil {
						t.Log(err)
					}
				}
			}
		})
	}
}

// wideDocument is the fixture with figures as wide as a caisse may type:
// on every line of a volume, each year, a Cnaf position and an agreed
// figure in the tens of millions with two decimals.
func wideDocument(t *testing.T) exchange.Document {
	d := fixtureDocument(t, "91")
	for i := range d.Ref.Indicators {
		ind := &d.Ref.Indicators[i]
		if !ind.Unit.IsVolume() {
			continue
		}
		for _, l := range ind.Lines() {
			for _, y := range d.Ref.Years {
				k := cpog.TargetKey{LineKey: l.Key(), Year: y}
				d.Contract.Targets[k] = cpog.Target{Proposed: cpog.Some(98_765_432.19), Agreed: cpog.Some(98_765_432.19), Status: cpog.StatusAgreed, AgreedOn: "2025-11-20"}
			}
		}
	}
	return d
}

// checkPages: every page A4 landscape, numbered "page N / M", and a page
// count within its bound.
func checkPages(t *testing.T, name string, p printed) {
	t.Helper()
	n := len(p.pages)
	t.Logf("%s : %d pages", name, n)
	if b := pageBounds[name]; n < b[0] || n > b[1] {
		t.Errorf("%s imprimé sur %d pages, attendu de %d à %d", name, n, b[0], b[1])
	}
	sizes := regexp.MustCompile(`(?m)^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts(.*)$`).FindAllStringSubmatch(p.info, -1)
	if len(sizes) != n {
		t.Errorf("pdfinfo donne la taille de %d pages sur %d", len(sizes), n)
	}
	for i, s := range sizes {
		w, _ := strconv.ParseFloat(s[2], 64)
		h, _ := strconv.ParseFloat(s[3], 64)
		if math.Abs(w-a4WidthPt) > 0.5 || math.Abs(h-a4HeightPt) > 0.5 || !strings.Contains(s[4], "A4") {
			t.Errorf("page %s : %s x %s pts%s, attendu A4 paysage (%.2f x %.2f pts)", s[1], s[2], s[3], s[4], a4WidthPt, a4HeightPt)
		}
		if i == 0 {
			t.Logf("%s : page %s x %s pts%s", name, s[2], s[3], s[4])
		}
	}
	for i, page := range p.pages {
		if want := fmt.Sprintf("page %d / %d", i+1, n); !strings.Contains(plainSpaces(page), want) {
			t.Errorf("la page %d ne porte pas « %s »", i+1, want)
		}
	}
	// a heading is never the last thing on its page: what it titles
	// (a table's header, a sentence, the next heading) follows it there
	heading := regexp.MustCompile(`^\s*(Fiche \d+ — |Axe \d+ — |Synthèse$|Signatures$|Dialogue de gestion$|Engagements de la |Livrables et actions locales)`)
	follows := regexp.MustCompile(`Code|N°|Négociables|Lignes|Pas d’indicateur|Aucun|La COG ne donne|Fiche \d+ — |Fait à|Cibles validées|Pour chaque fiche`)
	for i, page := range p.pages {
		lines := contentLines(page)
		if len(lines) == 0 {
			t.Errorf("page %d vide", i+1)
		}
		for k, l := range lines {
			if heading.MatchString(l) && !follows.MatchString(strings.Join(lines[k+1:], "\n")) {
				t.Errorf("page %d : le titre « %s » finit la page, séparé de ce qu’il titre", i+1, strings.TrimSpace(l))
			}
		}
	}
}

// contentLines are a page's non-empty lines, less the running head and
// the page number printed in its margins.
func contentLines(page string) []string {
	var out []string
	for _, l := range strings.Split(page, "\n") {
		s := strings.TrimSpace(plainSpaces(l))
		if s == "" || regexp.MustCompile(`^page \d+ / \d+$`).MatchString(s) || strings.HasPrefix(s, "Annexe au CPOG — ") || strings.HasPrefix(s, "Bilan annuel ") && strings.Contains(s, " — ") && len(out) == 0 {
			continue
		}
		out = append(out, l)
	}
	return out
}

// checkInsideMargins reads the box of every word printed: none crosses the
// side margins of the page.
func checkInsideMargins(t *testing.T, bbox string) {
	t.Helper()
	re := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>`)
	words := re.FindAllStringSubmatch(bbox, -1)
	if len(words) < 100 {
		t.Fatalf("pdftotext -bbox ne lit que %d mots", len(words))
	}
	bad := 0
	for _, w := range words {
		x0, _ := strconv.ParseFloat(w[1], 64)
		x1, _ := strconv.ParseFloat(w[2], 64)
		if x0 < marginPt-1 || x1 > pageWidthPt-marginPt+1 {
			if bad++; bad <= 5 {
				t.Errorf("« %s » imprimé hors de la zone imprimable (x de %.1f à %.1f pt ; marges à %.1f et %.1f)", w[3], x0, x1, marginPt, pageWidthPt-marginPt)
			}
		}
	}
}

// checkAnnexPrint: every agreed figure printed on its line, the signature
// block with the synthèse and the date left for the pen.
func checkAnnexPrint(t *testing.T, d exchange.Document, p printed) {
	t.Helper()
	all := plainSpaces(strings.Join(p.pages, "\n"))
	lines := strings.Split(all, "\n")
	for _, a := range fixtureAgreed {
		code := a.code
		if a.sub != "" {
			code += " " + a.sub
		}
		want := a.printed
		found := false
		for _, l := range lines {
			if f := strings.Fields(l); len(f) > 0 && strings.HasPrefix(strings.TrimSpace(l), code+" ") && (a.sub != "" || f[1] != "a" && f[1] != "b" && f[1] != "c") {
				found = found || containsFigure(l, want)
			}
		}
		if !found {
			t.Errorf("%s %d : la cible validée « %s » n’est pas imprimée sur la ligne de l’indicateur", code, a.year, want)
		}
	}
	sig := -1
	for i, page := range p.pages {
		if strings.Contains(page, "Le directeur général de la Cnaf") {
			sig = i
		}
	}
	if sig < 0 {
		t.Fatal("le bloc des signatures n’est pas imprimé")
	}
	if sig != len(p.pages)-1 {
		t.Errorf("les signatures sont page %d, suivies de %d page(s)", sig+1, len(p.pages)-1-sig)
	}
	page := plainSpaces(p.pages[sig])
	if !strings.Contains(page, "Ensemble de la COG") {
		t.Errorf("page %d : le bloc des signatures est imprimé sans la synthèse qui le précède", sig+1)
	}
	if !strings.Contains(page, "Synthèse") || !strings.Contains(page, "01 Répondre aux besoins") {
		t.Logf("page %d : la synthèse commence sur une page avant celle des signatures", sig+1)
	}
	for _, who := range []string{"Le directeur de la Caf de l'Essonne", "Le président du conseil d’administration", "Le directeur général de la Cnaf"} {
		if !strings.Contains(page, who) {
			t.Errorf("page %d : « %s » manque au bloc des signatures (coupé ?)", sig+1, who)
		}
	}
	if !regexp.MustCompile(`Fait à …+, le …+`).MatchString(page) {
		t.Errorf("page %d : « Fait à …, le … » n’est pas laissé en blanc", sig+1)
	}
	for _, want := range []string{"le 12 mars 2024", "le 20 novembre 2025"} {
		if !strings.Contains(page, want) {
			t.Errorf("page %d : la date du dialogue de gestion « %s » manque", sig+1, want)
		}
	}
}

// containsFigure reports whether a printed line holds the figure as a
// whole (not "15" inside "150").
func containsFigure(line, fig string) bool {
	re := regexp.MustCompile(`(^|[\s(])` + regexp.QuoteMeta(fig) + `($|[\s)])`)
	return re.MatchString(line)
}

// checkBilanPrint: the synthèse first, each fiche's lines with their
// réalisé, and a chart per line with figures.
func checkBilanPrint(t *testing.T, d exchange.Document, p printed) {
	t.Helper()
	first := plainSpaces(p.pages[0])
	if !strings.Contains(first, "Synthèse") || !strings.Contains(first, "à rendre le 15 mars 2026") {
		t.Error("la première page du bilan ne porte pas la synthèse et l’échéance")
	}
	all := plainSpaces(strings.Join(p.pages, "\n"))
	for _, want := range []struct{ code, actual, rate string }{
		{"COG-01-01", "230", "90,6 %"},
		{"COG-08-29", "14,5 j", "103,4 %"},
		{"COG-10-41", "7 000 000", "88,9 %"},
	} {
		ok := false
		for _, l := range strings.Split(all, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), want.code+" ") && containsFigure(l, want.actual) && containsFigure(l, want.rate) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%s : le réalisé « %s » et le taux « %s » ne sont pas imprimés sur la ligne", want.code, want.actual, want.rate)
		}
	}
	for _, want := range []string{"Carte des RPE publiée", "en attente du prestataire", "en retard"} {
		if !strings.Contains(all, want) {
			t.Errorf("le bilan imprimé ne porte pas « %s »", want)
		}
	}
}
