package exchange_test

import (
	"bufio"
	"bytes"
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cnaf-tools/cpog/exchange"
)

// TestWorkbookPrintsInLibreOffice proves that a real spreadsheet opens
// the workbook and prints its « CPOG » sheet as set up: LibreOffice
// converts it to PDF, poppler reads the PDF back. The sheet must print on
// A4 landscape pages, one page wide (every page shows the header rows
// with the last year), in a few pages (the long table printed 37 portrait
// pages), with its agreed figures and its longest label whole.
func TestWorkbookPrintsInLibreOffice(t *testing.T) {
	requireLong(t, "impression du classeur par LibreOffice")
	tools := map[string]string{}
	for _, name := range []string{"soffice", "pdfinfo", "pdftotext"} {
		path, err := exec.LookPath(name)
		if err != nil {
			t.Skipf("%s introuvable (paquets Debian libreoffice-calc-nogui et poppler-utils, que .ci/run installe) : test de l’impression du classeur ignoré / %s not found, skipping", name, name)
		}
		tools[name] = path
	}
	t.Parallel()
	db := openDB(t)
	seedNegotiation(t, db)
	seedWorkbookPlan(t, db)
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "cpog-91.xlsx")
	var buf bytes.Buffer
	if err := exchange.WriteXLSX(&buf, document(t, db, false)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(xlsx, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	// A profile of its own, so that parallel runs and a user's open
	// LibreOffice do not collide.
	profile := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "profile"))}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, tools["soffice"], "-env:UserInstallation="+profile.String(),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, xlsx)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "cpog-91.pdf")
	if _, err := os.Stat(pdf); err != nil {
		t.Fatalf("no PDF written: %v", err)
	}

	info, err := exec.CommandContext(ctx, tools["pdfinfo"], "-f", "1", "-l", "10000", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	size := regexp.MustCompile(`Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts(.*)`)
	pages := 0
	sc := bufio.NewScanner(bytes.NewReader(info))
	for sc.Scan() {
		m := size.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		pages++
		w, _ := strconv.ParseFloat(m[2], 64)
		h, _ := strconv.ParseFloat(m[3], 64)
		// A4 landscape: 842 × 595 points
		if w < 840 || w > 844 || h < 593 || h > 597 {
			t.Errorf("page %s: %s × %s points %s, want A4 landscape", m[1], m[2], m[3], m[4])
		}
	}
	if pages == 0 {
		t.Fatalf("pdfinfo lists no page:\n%s", info)
	}

	out, err := exec.CommandContext(ctx, tools["pdftotext"], "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	texts := strings.Split(string(out), "\f")
	// The « CPOG » sheet's pages carry its title in their header, and
	// come first.
	var annex []string
	for i, p := range texts {
		if !strings.Contains(p, "Annexe CPOG") {
			continue
		}
		if i != len(annex) {
			t.Errorf("page %d of the annex after another sheet's", i+1)
		}
		annex = append(annex, p)
	}
	t.Logf("LibreOffice printed the workbook on %d A4 landscape pages, the « CPOG » sheet on %d", pages, len(annex))
	if len(annex) == 0 || len(annex) > 5 {
		t.Fatalf("the « CPOG » sheet printed on %d pages, want 1 to 5", len(annex))
	}
	for i, p := range annex {
		// header rows repeated, one page wide: the last year's group
		// is on every page
		for _, want := range []string{"Code", "Indicateur", "2023", "2027", "Statut", "Page " + strconv.Itoa(i+1) + " / "} {
			if !strings.Contains(p, want) {
				t.Errorf("annex page %d lacks %q", i+1, want)
			}
		}
	}
	words := strings.Join(strings.Fields(strings.Join(annex, " ")), " ")
	for _, want := range []string{
		// the longest label, whole: its end is printed, not cut
		"Évolution nette du nombre de places en établissement d’accueil du jeune enfant (EAJE) en PSU (créations brutes et destructions) au national et dans les quartiers prioritaires de la politique de la ville (QPV) et dans les zones de revitalisation rurales (ZRR)",
		"Fiche 08 · Sécuriser et accompagner nos publics",
		"COG-08-23 b",
		"validé",
	} {
		if !strings.Contains(words, want) {
			t.Errorf("the printed annex lacks %q", want)
		}
	}
	// the agreed figures of COG-01-01: 180,5 in 2025 and 170 in 2026,
	// in the locale LibreOffice runs in
	if !regexp.MustCompile(`180[.,]5`).MatchString(words) {
		t.Error("the printed annex lacks the agreed 180,5")
	}

	// Whole is not enough: a row too low for its wrapped label prints
	// the label's last lines over the next rows. On the first page, the
	// end of COG-01-01's label is above the next line's code.
	bbox, err := exec.CommandContext(ctx, tools["pdftotext"], "-f", "1", "-l", "1", "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	word := regexp.MustCompile(`<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>`)
	top := map[string]float64{}
	bottom := map[string]float64{}
	for _, m := range word.FindAllStringSubmatch(string(bbox), -1) {
		if _, seen := top[m[3]]; seen {
			continue
		}
		top[m[3]], _ = strconv.ParseFloat(m[1], 64)
		bottom[m[3]], _ = strconv.ParseFloat(m[2], 64)
	}
	end, hasEnd := bottom["(ZRR)"]
	next, hasNext := top["COG-01-02"]
	if !hasEnd || !hasNext {
		t.Fatalf("page 1 lacks the end of COG-01-01's label or COG-01-02 (%v, %v)", hasEnd, hasNext)
	}
	if end > next {
		t.Errorf("COG-01-01's label ends at %.1f pt, below the next row's top at %.1f pt: its row is too low, the label overflows", end, next)
	}
}
