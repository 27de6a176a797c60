package exchange_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/cnaf-tools/cpog/exchange"
)

func annex(t *testing.T, write func(*bytes.Buffer, exchange.Document) error, agreedOnly bool) string {
	t.Helper()
	db := openDB(t)
	seedNegotiation(t, db)
	var buf bytes.Buffer
	if err := write(&buf, document(t, db, agreedOnly)); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestMarkdownAnnex(t *testing.T) {
	md := annex(t, func(b *bytes.Buffer, d exchange.Document) error { return exchange.WriteMarkdown(b, d) }, false)
	for _, want := range []string{
		"# Annexe au CPOG — Caf de l'Essonne (91)",
		"### Fiche 8 — ",
		"| Code | Indicateur | 2023 Branche | 2023 Caf |",
		"| 8 200 | **180,5** |",           // agreed, beside the national target
		"| 87,5 % | 85,6 % *(proposé)* |", // not agreed yet: with its status
		"## Synthèse",
		"| **Ensemble de la COG 2023-2027** | 268 | 2 | 1 % |",
		"Fait à ………………………, le 22 novembre 2026.",
		"| Le directeur de la Caf | Le président du conseil d’administration de la Caf | Le directeur général de la Cnaf |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown annex lacks %q", want)
		}
	}
	agreed := annex(t, func(b *bytes.Buffer, d exchange.Document) error { return exchange.WriteMarkdown(b, d) }, true)
	if strings.Contains(agreed, "*(proposé)*") || !strings.Contains(agreed, "**180,5**") || !strings.Contains(agreed, "Cibles validées au 22 novembre 2026") {
		t.Error("agreed-only annex shows a value not agreed, or lacks an agreed one")
	}
}

func TestHTMLAnnexSelfContained(t *testing.T) {
	html := annex(t, func(b *bytes.Buffer, d exchange.Document) error { return exchange.WriteHTML(b, d) }, false)
	for _, want := range []string{
		`<html lang="fr">`, "@media print", "@page { size: A4 landscape",
		"<h1>Annexe au CPOG — Caf de l&#39;Essonne (91)</h1>",
		`<td class="num caf">180,5</td>`,
		`<td class="num caf pending">85,6 %<small>proposé</small></td>`,
		"Le directeur général de la Cnaf", "le 22 novembre 2026",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML annex lacks %q", want)
		}
	}
	if m := regexp.MustCompile(`(?i)<script|<link|src=|url\(|https?://`).FindString(html); m != "" {
		t.Errorf("HTML annex is not self-contained: %q", m)
	}
}
