package exchange

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the annexe CPOG in Markdown: per axis and fiche, a
// table of the lines with, for each year, the national target, the
// caisse's reference and its target; then the engagements it signs up to
// and its actions locales, the synthèse, the days of the dialogue de
// gestion and the signature block.
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
		fmt.Fprintf(bw, "Cibles validées au %s ; les autres années ne montrent que la cible nationale et la référence. Document établi avec cpog.\n\n", m.Date)
	} else {
		fmt.Fprintf(bw, "Cibles au %s ; une cible pas encore validée est suivie de son statut en italique. Document établi avec cpog.\n\n", m.Date)
	}
	fmt.Fprintf(bw, "Pour chaque année : *nat.* est la cible nationale de la COG ; *réf.* la référence de la Branche pour la %s, selon le mode de déclinaison de l’indicateur (cible nationale, quote-part selon son poids de %s dans la Branche ou une clé propre, trajectoire depuis sa valeur de départ) ; *%s* la cible de la %s, en gras une fois validée. Une hausse s’écrit avec son signe « + ».\n",
		mdText(m.Caisse), m.Weight, m.Kind, m.Kind)
	for _, ax := range m.Axes {
		fmt.Fprintf(bw, "\n## Axe %d — %s\n", ax.N, mdText(ax.Title))
		for _, f := range ax.Fiches {
			fmt.Fprintf(bw, "\n### Fiche %d — %s\n\n", f.N, mdText(f.Title))
			writeMDFicheTable(bw, m, f)
		}
	}
	writeMDPlan(bw, m)
	fmt.Fprintf(bw, "\n## Synthèse\n\n")
	fmt.Fprintf(bw, "| Fiche | Négociables | Validés | Avancement | ✓ au niveau | ~ proche | ✗ en retrait | — sans objet |\n")
	fmt.Fprintf(bw, "|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, t := range m.Synthese {
		writeMDTally(bw, t, false)
	}
	writeMDTally(bw, m.Total, true)
	fmt.Fprintf(bw, "\nAvancement : cibles annuelles négociables validées. Écarts : chaque indicateur, sous-indicateur et année, cible de la caisse comparée à la référence de la Branche.\n")
	fmt.Fprintf(bw, "\n## Dialogue de gestion\n\n")
	if len(m.Agreements) == 0 {
		fmt.Fprintf(bw, "Aucune cible validée à ce jour.\n")
	} else {
		fmt.Fprintf(bw, "Cibles validées d’un commun accord par la %s et la Cnaf :\n\n", mdText(m.Caisse))
		for _, a := range m.Agreements {
			day := "à une date non enregistrée"
			if a.Day != "" {
				day = "le " + mdText(a.Day)
			}
			fmt.Fprintf(bw, "- %s : %s\n", day, plural(a.Lines, "cible annuelle", "cibles annuelles"))
		}
	}
	fmt.Fprintf(bw, "\n## Signatures\n\nFait à ………………………………, le ………………………………\n\n")
	sigs := make([]string, len(m.Signatures))
	for i, s := range m.Signatures {
		sigs[i] = mdText(s)
	}
	fmt.Fprintf(bw, "| %s |\n|%s\n", strings.Join(sigs, " | "), strings.Repeat("---|", len(sigs)))
	fmt.Fprintf(bw, "|%s\n", strings.Repeat(" <br><br><br><br> |", len(m.Signatures)))
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export md: %w", err)
	}
	return nil
}

func writeMDFicheTable(bw *bufio.Writer, m annexModel, f annexFiche) {
	bw.WriteString("| Code | Indicateur | Mode de déclinaison |")
	for _, y := range m.Years {
		fmt.Fprintf(bw, " %d nat. | %d réf. | %d %s |", y, y, y, m.Kind)
	}
	bw.WriteString("\n|---|---|---|")
	for range m.Years {
		bw.WriteString("---:|---:|---:|")
	}
	bw.WriteString("\n")
	for _, r := range f.Rows {
		// the mode says "pour information" for a national indicator
		fmt.Fprintf(bw, "| %s | %s | %s |", r.Code, mdText(r.Label), mdText(r.Mode))
		for _, c := range r.Cells {
			local := mdText(c.Local)
			switch {
			case c.Agreed:
				local = "**" + local + "**"
			case c.Status != "":
				local += " *(" + c.Status + ")*"
			}
			fmt.Fprintf(bw, " %s | %s | %s |", mdText(c.National), mdText(c.Reference), local)
		}
		bw.WriteString("\n")
	}
}

func writeMDPlan(bw *bufio.Writer, m annexModel) {
	fmt.Fprintf(bw, "\n## Engagements de la %s et actions locales\n\n", mdText(m.Caisse))
	fmt.Fprintf(bw, "Pour chaque fiche, les engagements de la caisse inscrits dans les tableaux de la COG, avec leurs actions et livrables, auxquels la %s souscrit ; « [chaque Caf] » marque un livrable que la COG confie à chaque caisse. Les actions locales sont celles que la %s ajoute à son plan d’actions. Pilote et échéance sont ceux que la caisse a fixés.\n",
		mdText(m.Caisse), mdText(m.Caisse))
	for _, f := range m.Plan {
		fmt.Fprintf(bw, "\n### Fiche %d — %s\n\n", f.N, mdText(f.Title))
		if len(f.Rows) == 0 {
			fmt.Fprintf(bw, "*%s*\n", mdText(m.NoPlanTable))
			continue
		}
		bw.WriteString("| N° | Engagement, action, livrable | Pilote | Échéance |\n|---|---|---|---|\n")
		for _, r := range f.Rows {
			n, label := r.N, mdLines(r.Label)
			switch {
			case r.Level == 0:
				n, label = "**"+n+"**", "**"+label+"**"
			case r.Local:
				label = "*" + label + "* \\[action locale\\]"
			}
			if r.EachCaf {
				label += " \\[chaque Caf\\]"
			}
			if r.Printed != "" {
				label += " (numéro imprimé " + mdText(r.Printed) + ")"
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", n, label, mdLines(r.Pilot), r.Due)
		}
	}
}

func writeMDTally(bw *bufio.Writer, t annexTally, bold bool) {
	label := mdText(t.Label)
	if bold {
		label = "**" + label + "**"
	}
	fmt.Fprintf(bw, "| %s | %d | %d | %s | %d | %d | %d | %d |\n", label, t.Negotiable, t.Agreed, t.Progress, t.AuNiveau, t.Proche, t.EnRetrait, t.SansObjet)
}

// mdEscaper escapes what would break a table cell or start markup: a
// backslash first (else "\|" would escape the escape and end the cell),
// pipes, emphasis, code, links, HTML and entities; a line break inside a
// cell would end the table's row.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;", "&", "&amp;",
	"\n", " ", "\r", " ", "[", `\[`, "]", `\]`)

func mdText(s string) string { return mdEscaper.Replace(s) }

// mdLines writes a text of several lines in one table cell, one under
// the other.
func mdLines(s string) string {
	if !strings.Contains(s, "\n") {
		return mdText(s)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = mdText(l)
	}
	return strings.Join(lines, "<br>")
}
