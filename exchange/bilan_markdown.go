package exchange

import (
	"bufio"
	"fmt"
	"io"
)

// WriteBilanMarkdown writes the bilan annuel of d.BilanYear in Markdown:
// the synthèse first, then per fiche the table of its lines and the
// livrables and actions locales réalisés or late.
func WriteBilanMarkdown(w io.Writer, d Document) error {
	if err := d.check(); err != nil {
		return fmt.Errorf("export bilan md: %w", err)
	}
	m := buildBilan(d)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Bilan annuel %d — %s\n\n", m.Year, mdText(m.Caf))
	agreed := ""
	if m.AgreedOnly {
		agreed = ", sur les seules cibles validées"
	}
	fmt.Fprintf(bw, "Bilan de l’année %d du contrat pluriannuel d’objectifs et de gestion de la %s, déclinaison de la %s (révision %d) : à rendre le %s. Établi avec cpog le %s%s.\n\n",
		m.Year, mdText(m.Caf), mdText(m.RefTitle), m.Revision, m.Due, m.Date, agreed)
	fmt.Fprintf(bw, "*Cible* : la cible validée de la %s (en gras), sinon sa dernière proposition (avec son statut) ; sans cible, le réalisé est comparé à la référence. *Réf.* : la référence de la Branche pour la %s, selon le mode de déclinaison. *Atteinte* : le taux d’atteinte, réalisé ÷ cible (cible ÷ réalisé quand plus bas est mieux, 100%s%% dans une fourchette). *Classe* : ✓ atteint, ~ proche (à 1 point, 1 jour ou 5%s%% près), ✗ non atteint, · sans réalisé.\n",
		m.Kind, mdText(m.Caisse), narrowNBSP, narrowNBSP)
	fmt.Fprintf(bw, "\n## Synthèse\n\n")
	fmt.Fprintf(bw, "| Fiche | Lignes | ✓ atteint | ~ proche | ✗ non atteint | · sans réalisé | Livrables réalisés | en cours | en retard |\n")
	fmt.Fprintf(bw, "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, t := range m.Synthese {
		writeMDBilanTally(bw, t, false)
	}
	writeMDBilanTally(bw, m.Total, true)
	fmt.Fprintf(bw, "\nLignes : indicateurs et sous-indicateurs de l’année %d. Livrables : livrables de la COG et actions locales que la %s suit, réalisés sur l’ensemble suivi ; en retard : échéance passée au %s sans être réalisés ni sans objet.\n",
		m.Year, m.Kind, m.Date)
	for _, f := range m.Fiches {
		fmt.Fprintf(bw, "\n## Fiche %d — %s\n\n", f.N, mdText(f.Title))
		if len(f.Rows) == 0 {
			fmt.Fprintf(bw, "*Pas d’indicateur de résultat dans cette fiche : son bilan est celui de ses engagements.*\n")
		} else {
			writeMDBilanRows(bw, f.Rows)
		}
		fmt.Fprintf(bw, "\n### Livrables et actions locales réalisés ou en retard\n\n")
		switch {
		case len(f.Items) > 0:
			writeMDBilanItems(bw, f.Items)
		case f.NoTable:
			fmt.Fprintf(bw, "*%s*\n", mdText(m.NoPlanTable))
		default:
			fmt.Fprintf(bw, "*Aucun livrable ni action locale réalisé ou en retard (%d suivis, dont %d en cours).*\n", f.Counts.Followed, f.Counts.Doing)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export bilan md: %w", err)
	}
	return nil
}

func writeMDBilanTally(bw *bufio.Writer, t bilanTally, bold bool) {
	label := mdText(t.Label)
	if bold {
		label = "**" + label + "**"
	}
	fmt.Fprintf(bw, "| %s | %d | %d | %d | %d | %d | %d / %d | %d | %d |\n", label, t.Lines, t.Atteint, t.Proche, t.NonAtteint, t.Sans, t.Done, t.Followed, t.Doing, t.Late)
}

func writeMDBilanRows(bw *bufio.Writer, rows []bilanLine) {
	bw.WriteString("| Code | Indicateur | Mode de déclinaison | Cible | Réf. | Réalisé | Atteinte | Classe | Explication de l’écart | Action corrective |\n")
	bw.WriteString("|---|---|---|---:|---:|---:|---:|---|---|---|\n")
	for _, r := range rows {
		target := mdText(r.Target)
		switch {
		case r.Agreed:
			target = "**" + target + "**"
		case r.TargetNote != "":
			target += " *(" + mdText(r.TargetNote) + ")*"
		}
		fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.Code, mdText(r.Label), mdText(r.Mode), target,
			mdText(r.Reference), mdText(r.Actual), mdText(r.Rate), mdText(r.Class), mdLines(r.Explanation), mdLines(r.Action))
	}
}

func writeMDBilanItems(bw *bufio.Writer, items []bilanItem) {
	bw.WriteString("| N° | Livrable ou action locale | État | Échéance | Pilote | Commentaire |\n|---|---|---|---|---|---|\n")
	for _, it := range items {
		label := mdLines(it.Label)
		if it.Local {
			label = "*" + label + "* \\[action locale\\]"
		}
		if it.EachCaf {
			label += " \\[chaque Caf\\]"
		}
		fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s |\n", it.N, label, it.State, it.Due, mdLines(it.Pilot), mdLines(it.Comment))
	}
}
