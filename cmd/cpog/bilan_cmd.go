package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/store"
)

// bilanJSON is one row of `cpog bilan --json` (see README).
type bilanJSON struct {
	Code        string   `json:"code"`
	Sub         *string  `json:"sub"`
	Fiche       int      `json:"fiche"`
	Year        int      `json:"year"`
	Target      *float64 `json:"target"`
	Agreed      bool     `json:"agreed"`
	Reference   *float64 `json:"reference"`
	BandMin     *float64 `json:"band_min,omitempty"`
	BandMax     *float64 `json:"band_max,omitempty"`
	Actual      *float64 `json:"actual"`
	Achievement *float64 `json:"achievement"`
	Class       string   `json:"class"`
	Explanation string   `json:"explanation"`
	Action      string   `json:"action"`
}

func bilanRow(r cpog.BilanRow) bilanJSON {
	row := bilanJSON{Code: r.Line.Indicator.Code, Fiche: r.Line.Indicator.Fiche, Year: r.Year, Target: finite(r.Target.Ptr()), Agreed: r.Agreed,
		Actual: finite(r.Actual.Ptr()), Class: string(r.Achievement.Class), Explanation: r.Explanation, Action: r.Action}
	if r.Line.Sub != "" {
		sub := r.Line.Sub
		row.Sub = &sub
	}
	switch ref := r.Reference; {
	case ref.Valid && ref.Band:
		row.BandMin, row.BandMax = finite(ptr(cpog.Round(ref.Min, 6))), finite(ptr(cpog.Round(ref.Max, 6)))
	case ref.Valid:
		row.Reference = finite(ptr(cpog.Round(ref.Value, 6)))
	}
	if r.Achievement.Valid {
		row.Achievement = finite(ptr(cpog.Round(r.Achievement.Rate, 2)))
	}
	return row
}

// settingBilanDue keeps the day the Caf's bilan is due, "15/03".
const settingBilanDue = "bilan.due"

// bilanDue is the day the bilan is due: the Caf's setting, else the COG's.
func bilanDue(ctx context.Context, db *store.DB) (cpog.DueDay, error) {
	text, err := db.Setting(ctx, settingBilanDue)
	if err != nil {
		return cpog.DueDay{}, err
	}
	d, err := cpog.ParseDueDay(text)
	if err != nil {
		// set through `cpog bilan echeance`, which checks it: a value
		// that no longer reads is a damaged setting, not the user's typo
		return cpog.DefaultDueDay, nil
	}
	return d, nil
}

func (a *app) bilanCommand() *cobra.Command {
	var asJSON bool
	var year string
	cmd := &cobra.Command{
		Use:   "bilan [--year ANNÉE] [--json]",
		Short: "le bilan annuel : réalisés, taux d’atteinte, explications et actions correctives, livrables",
		Long: "Le bilan annuel d’une année (par défaut celle du prochain bilan à rendre) : pour chaque indicateur, la cible de la Caf,\n" +
			"la référence, le réalisé, le taux d’atteinte et sa classe, l’explication de l’écart et l’action corrective ;\n" +
			"puis la synthèse par fiche (atteint, proche, non atteint, sans réalisé ; livrables réalisés, en cours, en retard).",
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.session(cmd.Context())
			if err != nil {
				return err
			}
			due, err := bilanDue(cmd.Context(), s.db)
			if err != nil {
				return err
			}
			today := a.now()
			y := cpog.NextBilanYear(s.ref, due, today)
			if cmd.Flags().Changed("year") {
				if y, err = s.year(year); err != nil {
					return err
				}
			}
			b := cpog.BilanOf(s.ref, s.c, y, today)
			if asJSON {
				rows := b.Rows()
				out := make([]bilanJSON, 0, len(rows))
				for _, r := range rows {
					out = append(out, bilanRow(r))
				}
				return writeJSON(a.stdout, out)
			}
			return a.writeBilan(b, due)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "sortie JSON (une ligne par indicateur et sous-indicateur)")
	cmd.Flags().StringVar(&year, "year", "", "l’`ANNÉE` du bilan")
	cmd.AddCommand(a.bilanDueCommand())
	return cmd
}

func (a *app) bilanDueCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "echeance [JJ/MM]",
		Short:   "montre ou change le jour où le bilan de l’année précédente est dû (15/03 par la COG)",
		Example: "  cpog bilan echeance 31/03",
		Args:    args(0, 1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			// a setting of the database, whichever Caf is chosen
			ctx := cmd.Context()
			db, err := a.store(ctx)
			if err != nil {
				return err
			}
			if len(argv) == 1 {
				d, err := cpog.ParseDueDay(argv[0])
				if err != nil {
					return err
				}
				if err := db.SetSetting(ctx, settingBilanDue, d.String()); err != nil {
					return err
				}
			}
			d, err := bilanDue(ctx, db)
			if err != nil {
				return err
			}
			year, due, days := d.NextBilan(a.now())
			_, err = fmt.Fprintf(a.stdout, "bilan dû le %s de l’année suivante ; prochain : bilan %d, le %s (dans %d jours)\n", d.Label(), year, cpog.FormatDate(due), days)
			return err
		},
	}
}

// writeBilan prints the synthèse, then the lines fiche by fiche, then the
// livrables late or done.
func (a *app) writeBilan(b cpog.Bilan, due cpog.DueDay) error {
	w := a.stdout
	fmt.Fprintf(w, "Bilan annuel %d · à rendre le %s\n\n", b.Year, cpog.FormatDate(due.DueOf(b.Year)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "fiche\tlignes\tatteint\tproche\tnon atteint\tsans réalisé\tlivrables réalisés\ten cours\ten retard\t")
	line := func(label string, c cpog.BilanCounts) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d/%d\t%d\t%d\t\n", label, c.Lines(), c.Classes[cpog.Atteint], c.Classes[cpog.ProcheA],
			c.Classes[cpog.NonAtteint], c.Classes[cpog.SansRealise], c.Livrables.Done, c.Livrables.Total(), c.Livrables.Doing, c.Livrables.Late)
	}
	for _, f := range b.Fiches {
		line(fmt.Sprintf("%02d", f.Fiche.N), f.Counts)
	}
	line("COG", b.Total)
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write bilan: %w", err)
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "code\tcible\tréférence\tréalisé\tatteinte\tclasse\texplication · action")
	for _, r := range b.Rows() {
		u := r.Line.Indicator.Unit
		rate := "—"
		if r.Achievement.Valid {
			rate = cpog.FormatNumber(cpog.Round(r.Achievement.Rate, 0)) + " %"
		}
		texts := cpog.Printable(strings.Trim(r.Explanation+" · "+r.Action, " ·"))
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s %s\t%s\n", r.Line.Key(), r.Target.FormatFor(r.Line.Indicator), r.Reference.Format(u),
			r.Actual.FormatFor(r.Line.Indicator), rate, r.Achievement.Class.Symbol(), r.Achievement.Class.Label(), texts)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write bilan: %w", err)
	}
	var items []string
	for _, f := range b.Fiches {
		for _, it := range f.Items {
			listed, late := b.Reported(it)
			if !listed {
				continue
			}
			state := it.FollowUp.Status.Label()
			if late {
				state = "en retard (échéance " + cpog.FormatDue(it.FollowUp.Due) + ")"
			}
			text := fmt.Sprintf("  %s  %s : %s", it.Key, cpog.Printable(it.Label), state)
			if it.FollowUp.Comment != "" {
				text += " — " + cpog.Printable(it.FollowUp.Comment)
			}
			items = append(items, text)
		}
	}
	if len(items) > 0 {
		fmt.Fprintf(w, "\nLivrables réalisés ou en retard\n%s\n", strings.Join(items, "\n"))
	}
	return nil
}
