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
		"| Code | Indicateur | Mode de déclinaison | 2023 nat. | 2023 réf. | 2023 Caf |",
		"| 8\u202f200 | 153 | **180,5** |",                        // agreed, beside the national target and the path's point
		"| 87,5\u202f% | 87,5\u202f% | 85,6\u202f% *(proposé)* |", // not agreed yet: with its status
		"| trajectoire depuis 120 en 2022 |",
		"## Synthèse",
		"| **Ensemble de la COG 2023-2027** | 268 | 2 | 1\u202f% |",
		"- le 20 novembre 2026 : 2 cibles annuelles",
		"Fait à ………………………………, le ………………………………",
		"| Le directeur de la Caf de l'Essonne | Le président du conseil d’administration de la Caf de l'Essonne | Le directeur général de la Cnaf |",
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
		`<html lang="fr">`, "@media print", "size: A4 landscape", "counter(page)", "counter(pages)",
		"<h1>Annexe au CPOG — Caf de l&#39;Essonne (91)</h1>",
		`<td class="num caf"><strong>180,5</strong></td>`,
		"<td class=\"num caf pending\">85,6\u202f%<small>proposé</small></td>",
		"Le directeur général de la Cnaf", "Cibles au 22 novembre 2026",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML annex lacks %q", want)
		}
	}
	if m := regexp.MustCompile(`(?i)<script|<link|src=|url\(|https?://`).FindString(html); m != "" {
		t.Errorf("HTML annex is not self-contained: %q", m)
	}
}
