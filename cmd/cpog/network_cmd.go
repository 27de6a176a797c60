package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
)

func (a *app) networkCommand() *cobra.Command {
	n := &cobra.Command{Use: "network", Short: "le réseau : les CPOG de plusieurs Caf additionnés face à la COG", Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() }}
	n.AddCommand(a.networkImportCommand(), a.networkGapCommand(), a.networkPlanCommand(), a.networkClearCommand())
	return n
}

func (a *app) networkImportCommand() *cobra.Command {
	var replace bool
	cmd := &cobra.Command{
		Use:   "import FICHIERS_OU_DOSSIERS… [--replace]",
		Short: "charge les fichiers d’échange JSON de plusieurs Caf (un par Caf, le plus récent l’emporte)",
		Args:  args(1, -1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ctx := cmd.Context()
			// an import, like `cpog import`: it may be the first command
			db, err := a.storeCreating(ctx)
			if err != nil {
				return err
			}
			rep, err := exchange.ImportNetwork(ctx, db, argv, exchange.NetworkImportOptions{Replace: replace})
			if err != nil {
				return err
			}
			for _, r := range rep.Rejected {
				fmt.Fprintf(a.stderr, "✗ %s\n", cpog.PrintableLines(r))
			}
			for _, o := range rep.Older {
				fmt.Fprintf(a.stdout, "· %s : ignoré, un fichier plus récent de la même Caf est chargé\n", cpog.Printable(o))
			}
			for _, w := range rep.Warnings {
				fmt.Fprintf(a.stderr, "attention : %s\n", w)
			}
			members, err := db.NetworkMembers(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "%d fichier(s) chargé(s), %d rejeté(s), %d ignoré(s) ; le réseau compte %d Caf.\n",
				len(rep.Loaded), len(rep.Rejected), len(rep.Older), len(members))
			if len(rep.Rejected) > 0 {
				return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("%d fichier(s) rejeté(s), les autres sont chargés", len(rep.Rejected)))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&replace, "replace", false, "vide d’abord le réseau déjà chargé")
	return cmd
}

func (a *app) networkClearCommand() *cobra.Command {
	return &cobra.Command{Use: "clear", Short: "vide le réseau chargé (votre propre CPOG n’est pas touché)", Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.store(cmd.Context())
			if err != nil {
				return err
			}
			if err := db.ClearNetwork(cmd.Context()); err != nil {
				return err
			}
			_, err = fmt.Fprintln(a.stdout, "réseau vidé")
			return err
		}}
}

// networkRowJSON is one row of `cpog network gap --json` (see README).
type networkRowJSON struct {
	Code          string   `json:"code"`
	Sub           *string  `json:"sub"`
	Year          int      `json:"year"`
	National      *float64 `json:"national"`
	Aggregate     *float64 `json:"aggregate"`
	Method        string   `json:"method"`
	Gap           *float64 `json:"gap"`
	Class         string   `json:"class"`
	Shortfall     *float64 `json:"shortfall"`
	Covered       *float64 `json:"covered"`
	Cafs          int      `json:"cafs"`
	WeightCovered float64  `json:"weight_covered"`
	Behind        *string  `json:"behind"`
}

func networkRowOut(r cpog.NetworkRow) networkRowJSON {
	out := networkRowJSON{Code: r.Key.Code, Year: r.Key.Year, Method: string(r.Method), Class: string(r.Gap.Class),
		Cafs: r.Cafs, WeightCovered: cpog.Round(r.WeightCovered, 6), Shortfall: roundPtr(r.Shortfall), Covered: roundPtr(r.Covered)}
	if r.Key.Sub != "" {
		s := r.Key.Sub
		out.Sub = &s
	}
	if r.HasNat && r.National.Single() {
		out.National = finite(&r.National.Value)
	}
	out.Aggregate = roundPtr(r.Aggregate)
	if r.Gap.Valid {
		v := cpog.Round(r.Gap.Value, 6)
		out.Gap = finite(&v)
	}
	if r.Behind != "" {
		b := r.Behind
		out.Behind = &b
	}
	return out
}

func roundPtr(o cpog.Opt) *float64 {
	if !o.OK {
		return nil
	}
	v := cpog.Round(o.V, 6)
	return finite(&v)
}

func (a *app) networkGapCommand() *cobra.Command {
	var asJSON bool
	var year string
	cmd := &cobra.Command{
		Use: "gap [--year ANNÉE] [--json]", Short: "par indicateur et année : le réseau additionné face à la cible nationale", Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ref, contracts, err := a.network(cmd.Context())
			if err != nil {
				return err
			}
			years := ref.Years
			if cmd.Flags().Changed("year") {
				s := &session{ref: ref}
				y, err := s.year(year)
				if err != nil {
					return err
				}
				years = []int{y}
			}
			var rows []cpog.NetworkRow
			for i := range ref.Indicators {
				for _, l := range ref.Indicators[i].Lines() {
					for _, y := range years {
						rows = append(rows, cpog.AggregateNetwork(ref, contracts, l, y))
					}
				}
			}
			if asJSON {
				out := make([]networkRowJSON, len(rows))
				for i, r := range rows {
					out[i] = networkRowOut(r)
				}
				return writeJSON(a.stdout, out)
			}
			fmt.Fprintf(a.stdout, "%d Caf dans le réseau\n", len(contracts))
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "code\tannée\tnational\tréseau\tméthode\técart\t\tcouvert\tCaf\tpoids\ten retard\t")
			for _, r := range rows {
				ind, _ := ref.Lookup(r.Key.Code)
				covered := "—"
				if r.Covered.OK {
					covered = cpog.FormatNumber(cpog.Round(r.Covered.V, 1)) + " %"
				}
				behind := r.Behind
				if behind == "" {
					behind = "—"
				}
				nat := "—"
				if r.HasNat {
					nat = r.National.Raw
				}
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s %%\t%s\t\n", r.Key.LineKey, r.Key.Year, nat,
					r.Aggregate.Format(ind.Unit), r.Method, r.Gap.Format(ind.Unit), r.Gap.Class.Symbol(), covered, r.Cafs,
					cpog.FormatNumber(cpog.Round(r.WeightCovered, 2)), behind)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "sortie JSON")
	cmd.Flags().StringVar(&year, "year", "", "une seule année")
	return cmd
}

// networkPlanJSON is one fiche of `cpog network plan --json` (see README).
type networkPlanJSON struct {
	Fiche     int     `json:"fiche"`
	Livrables int     `json:"livrables"`
	Cafs      int     `json:"cafs"`
	Done      int     `json:"done"`
	Late      int     `json:"late"`
	Share     float64 `json:"share"`
	Behind    *string `json:"behind"`
	// BehindDone and BehindLate are the counts of the Caf behind.
	BehindDone int `json:"behind_done"`
	BehindLate int `json:"behind_late"`
}

func (a *app) networkPlanCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use: "plan [--json]", Short: "par fiche : la part des livrables de la COG que les Caf du réseau disent réalisés, et la plus en retard", Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ref, contracts, err := a.network(cmd.Context())
			if err != nil {
				return err
			}
			rows := cpog.NetworkPlan(ref, contracts, a.now())
			if asJSON {
				out := make([]networkPlanJSON, len(rows))
				for i, r := range rows {
					out[i] = networkPlanJSON{Fiche: r.Fiche, Livrables: r.Livrables, Cafs: r.Cafs, Done: r.Done, Late: r.Late,
						Share: cpog.Round(r.Share(), 2), BehindDone: r.BehindDone, BehindLate: r.BehindLate}
					if r.Behind != "" {
						b := r.Behind
						out[i].Behind = &b
					}
				}
				return writeJSON(a.stdout, out)
			}
			fmt.Fprintf(a.stdout, "%d Caf dans le réseau\n", len(contracts))
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "fiche\tlivrables\tréalisés\tpart\ten retard\tle plus en retard\t")
			for _, r := range rows {
				behind := "—"
				if r.Behind != "" {
					behind = fmt.Sprintf("%s (%d/%d)", r.Behind, r.BehindDone, r.Livrables)
				}
				fmt.Fprintf(tw, "%02d\t%d\t%d/%d\t%s %%\t%d\t%s\t\n", r.Fiche, r.Livrables, r.Done, r.Livrables*r.Cafs,
					cpog.FormatNumber(cpog.Round(r.Share(), 1)), r.Late, behind)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "sortie JSON (un objet par fiche)")
	return cmd
}

// network loads the referential and the network's contracts, in
// département order.
func (a *app) network(ctx context.Context) (*cpog.Referential, []*cpog.Contract, error) {
	db, err := a.store(ctx)
	if err != nil {
		return nil, nil, err
	}
	ref, err := db.Referential(ctx)
	if err != nil {
		return nil, nil, err
	}
	members, err := db.NetworkMembers(ctx)
	if err != nil {
		return nil, nil, err
	}
	contracts := make([]*cpog.Contract, len(members))
	for i, m := range members {
		contracts[i] = m.Contract
	}
	return ref, contracts, nil
}
