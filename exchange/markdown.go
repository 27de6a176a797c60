package exchange

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the annexe CPOG in Markdown: per axis and fiche, a
// table of the lines with, for each year, the national target and the
// Caf's; then the synthèse and the signature block.
func WriteMarkdown(w io.Writer, d Document) error {
	if err := d.check(); err != nil {
		return fmt.Errorf("export md: %w", err)
	}
	m := buildAnnex(d)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Annexe au CPOG — %s\n\n", mdText(m.Caf))
	fmt.Fprintf(bw, "Contrat pluriannuel d’objectifs et de gestion entre la Caisse nationale des allocations familiales et la %s, déclinaison de la %s (révision %d).\n\n",
		mdText(m.Caf), mdText(m.RefTitle), m.Revision)
	if m.AgreedOnly {
		fmt.Fprintf(bw, "Cibles validées au %s. Pour chaque année, « Branche » est la cible nationale et « Caf » la cible de la Caf.\n", m.Date)
	} else {
		fmt.Fprintf(bw, "Cibles au %s. Pour chaque année, « Branche » est la cible nationale et « Caf » la cible de la Caf ; une cible pas encore validée est suivie de son statut en italique.\n", m.Date)
	}
	for _, ax := range m.Axes {
		fmt.Fprintf(bw, "\n## Axe %d — %s\n", ax.N, mdText(ax.Title))
		for _, f := range ax.Fiches {
			fmt.Fprintf(bw, "\n### Fiche %d — %s\n\n", f.N, mdText(f.Title))
			writeMDFicheTable(bw, m.Years, f)
		}
	}
	fmt.Fprintf(bw, "\n## Synthèse\n\n")
	fmt.Fprintf(bw, "| Fiche | Négociables | Validés | Avancement | ✓ au niveau | ~ proche | ✗ en retrait | — sans objet |\n")
	fmt.Fprintf(bw, "|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, t := range m.Synthese {
		writeMDTally(bw, t, false)
	}
	writeMDTally(bw, m.Total, true)
	fmt.Fprintf(bw, "\nAvancement : indicateurs négociables validés pour toute la période. Écarts : chaque indicateur, sous-indicateur et année, comparé à la référence de la Branche pour la Caf.\n")
	fmt.Fprintf(bw, "\n## Signatures\n\nFait à ………………………, le %s.\n\n", m.Date)
	fmt.Fprintf(bw, "| %s |\n|%s\n", strings.Join(m.Signatures, " | "), strings.Repeat("---|", len(m.Signatures)))
	fmt.Fprintf(bw, "|%s\n", strings.Repeat(" <br><br><br><br> |", len(m.Signatures)))
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export md: %w", err)
	}
	return nil
}

func writeMDFicheTable(bw *bufio.Writer, years []int, f annexFiche) {
	bw.WriteString("| Code | Indicateur |")
	for _, y := range years {
		fmt.Fprintf(bw, " %d Branche | %d Caf |", y, y)
	}
	bw.WriteString("\n|---|---|")
	for range years {
		bw.WriteString("---:|---:|")
	}
	bw.WriteString("\n")
	for _, r := range f.Rows {
		label := mdText(r.Label)
		if r.Info {
			label += " *(pour information)*"
		}
		fmt.Fprintf(bw, "| %s | %s |", r.Code, label)
		for _, c := range r.Cells {
			local := mdText(c.Local)
			if c.Status != "" {
				local += " *(" + c.Status + ")*"
			} else if c.Local != "—" {
				local = "**" + local + "**"
			}
			fmt.Fprintf(bw, " %s | %s |", mdText(c.National), local)
		}
		bw.WriteString("\n")
	}
}

func writeMDTally(bw *bufio.Writer, t annexTally, bold bool) {
	label := mdText(t.Label)
	if bold {
		label = "**" + label + "**"
	}
	fmt.Fprintf(bw, "| %s | %d | %d | %s | %d | %d | %d | %d |\n", label, t.Negotiable, t.Agreed, t.Progress, t.AuNiveau, t.Proche, t.EnRetrait, t.SansObjet)
}

// mdText escapes what would break a table cell or start markup.
var mdEscaper = strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;", "\n", " ", "\r", " ", "[", `\[`, "]", `\]`)

func mdText(s string) string { return mdEscaper.Replace(s) }
