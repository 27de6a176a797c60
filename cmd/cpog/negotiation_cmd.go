package main

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/cnaf-tools/cpog"
)

func (a *app) cafCommand() *cobra.Command {
	caf := &cobra.Command{Use: "caf", Short: "montre ou choisit la Caf et son poids", Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.session(cmd.Context())
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(a.stdout, "%s · poids %s %% · année de référence %d\n", s.c.Caf.Label(), cpog.FormatNumber(s.c.Weight), s.c.BaselineYear)
			return err
		}}
	var weight string
	set := &cobra.Command{
		Use: "set CODE [--weight POURCENT]", Short: "choisit la Caf (code de département) et, si donné, son poids dans la Branche en %",
		Example: "  cpog caf set 91 --weight 2,1",
		Args:    args(1, 1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			db, err := a.store(cmd.Context())
			if err != nil {
				return err
			}
			w := cpog.None
			if cmd.Flags().Changed("weight") {
				v, err := cpog.ParseWeight(weight)
				if err != nil {
					return err
				}
				w = cpog.Some(v)
			}
			caf, err := db.SelectCaf(cmd.Context(), argv[0], w)
			if err != nil {
				return err
			}
			c, err := db.Contract(cmd.Context(), caf.Code)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(a.stdout, "Caf choisie : %s · poids %s %%\n", caf.Label(), cpog.FormatNumber(c.Weight))
			return err
		},
	}
	set.Flags().StringVar(&weight, "weight", "", "poids de la Caf dans la Branche, en % (ex. 2,1)")
	caf.AddCommand(set)
	return caf
}

func (a *app) setCommand() *cobra.Command {
	var sub, actor, comment string
	cmd := &cobra.Command{
		Use:   "set CODE ANNÉE VALEUR [--sub CLÉ] [--actor caf|cnaf] [--comment TEXTE]",
		Short: "saisit une proposition de la Caf (ou une contre-proposition de la Cnaf) pour une année",
		Example: `  cpog set COG-08-29 2025 "14 j"
  cpog set 08-23 2024 "81 %" --sub b
  cpog set 01-01 2027 180 --actor cnaf --comment "quote-part révisée"`,
		Args: args(3, 3),
		RunE: func(cmd *cobra.Command, argv []string) error {
			act, err := cpog.ParseActor(actor)
			if err != nil {
				return cpog.Errorf(cpog.EInvalid, err.Error())
			}
			s, err := a.session(cmd.Context())
			if err != nil {
				return err
			}
			l, year, err := s.line(argv[0], sub, argv[1])
			if err != nil {
				return err
			}
			v, err := cpog.ParseValue(argv[2], l.Indicator.Unit)
			if err != nil {
				return cpog.Errorf(cpog.EInvalid, err.Error())
			}
			ch := cpog.SetValue(s.c, cpog.TargetKey{LineKey: l.Key(), Year: year}, v, act, comment)
			if _, err := s.db.Apply(cmd.Context(), s.c.Caf.Code, ch); err != nil {
				return err
			}
			_, err = fmt.Fprintf(a.stdout, "%s\n", ch.Summary)
			return err
		},
	}
	cmd.Flags().StringVar(&sub, "sub", "", "sous-indicateur (a, b, c…)")
	cmd.Flags().StringVar(&actor, "actor", "caf", "qui propose : caf ou cnaf")
	cmd.Flags().StringVar(&comment, "comment", "", "commentaire")
	return cmd
}

// line resolves a code (any form), an optional sub-indicator and a year.
func (s *session) line(code, sub, yearText string) (cpog.Line, int, error) {
	ind, err := s.ref.Lookup(code)
	if err != nil {
		return cpog.Line{}, 0, err
	}
	l, err := ind.Line(sub)
	if err != nil {
		return cpog.Line{}, 0, cpog.Errorf(cpog.EInvalid, err.Error())
	}
	year, err := s.year(yearText)
	return l, year, err
}

func (s *session) year(text string) (int, error) {
	y, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || !s.ref.HasYear(y) {
		return 0, cpog.Errorf(cpog.EInvalid, fmt.Sprintf("année invalide : %q (de %d à %d)", text, s.ref.FirstYear(), s.ref.LastYear()))
	}
	return y, nil
}

func (s *session) years(argv []string) ([]int, error) {
	if len(argv) == 0 {
		return s.ref.Years, nil
	}
	y, err := s.year(argv[0])
	return []int{y}, err
}

func (a *app) proposeCommand() *cobra.Command {
	return a.statusCommand("propose", "marque les valeurs saisies d’un indicateur comme proposées à la Cnaf", cpog.Propose)
}

func (a *app) agreeCommand() *cobra.Command {
	return a.statusCommand("agree", "valide un indicateur (toutes ses années, ou une seule) : la dernière position devient la valeur validée", cpog.Agree)
}

func (a *app) statusCommand(name, short string, fn func(*cpog.Contract, []cpog.Line, []int) (cpog.Change, error)) *cobra.Command {
	return &cobra.Command{
		Use: name + " CODE [ANNÉE]", Short: short, Args: args(1, 2),
		RunE: func(cmd *cobra.Command, argv []string) error {
			s, err := a.session(cmd.Context())
			if err != nil {
				return err
			}
			ind, err := s.ref.Lookup(argv[0])
			if err != nil {
				return err
			}
			years, err := s.years(argv[1:])
			if err != nil {
				return err
			}
			ch, err := fn(s.c, ind.Lines(), years)
			if err != nil {
				return err
			}
			if _, err := s.db.Apply(cmd.Context(), s.c.Caf.Code, ch); err != nil {
				return err
			}
			_, err = fmt.Fprintln(a.stdout, ch.Summary)
			return err
		},
	}
}

func (a *app) modeCommand() *cobra.Command {
	return &cobra.Command{
		Use: "mode CODE MODE", Short: "change le mode de déclinaison d’un indicateur (same, share, path, free, national)", Args: args(2, 2),
		RunE: func(cmd *cobra.Command, argv []string) error {
			s, err := a.session(cmd.Context())
			if err != nil {
				return err
			}
			ind, err := s.ref.Lookup(argv[0])
			if err != nil {
				return err
			}
			m, err := cpog.ParseMode(argv[1])
			if err != nil {
				return cpog.Errorf(cpog.EInvalid, err.Error())
			}
			ch := cpog.SetMode(ind, m)
			if _, err := s.db.Apply(cmd.Context(), s.c.Caf.Code, ch); err != nil {
				return err
			}
			_, err = fmt.Fprintln(a.stdout, ch.Summary)
			return err
		},
	}
}

func (a *app) undoCommand() *cobra.Command {
	return &cobra.Command{
		Use: "undo", Short: "annule la dernière modification (en l’inscrivant dans l’historique)", Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.session(cmd.Context())
			if err != nil {
				return err
			}
			summary, err := s.db.Undo(cmd.Context(), s.c.Caf.Code)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(a.stdout, summary)
			return err
		},
	}
}

// gapJSON is one row of `cpog gap --json` (see README).
type gapJSON struct {
	Code      string   `json:"code"`
	Sub       *string  `json:"sub"`
	Year      int      `json:"year"`
	National  *float64 `json:"national"`
	Reference *float64 `json:"reference"`
	Local     *float64 `json:"local"`
	Cnaf      *float64 `json:"cnaf"`
	Gap       *float64 `json:"gap"`
	Class     string   `json:"class"`
	Status    string   `json:"status"`
}

func gapRow(ev cpog.Evaluation) gapJSON {
	row := gapJSON{Code: ev.Key.Code, Year: ev.Key.Year, Class: string(ev.Gap.Class), Status: string(ev.Target.Status),
		Local: ev.Local.Ptr(), Cnaf: ev.Cnaf.Ptr()}
	if ev.Key.Sub != "" {
		s := ev.Key.Sub
		row.Sub = &s
	}
	if ev.HasNat && ev.National.Single() {
		v := ev.National.Value
		row.National = &v
	}
	if ev.Reference.Valid && !ev.Reference.Band {
		v := cpog.Round(ev.Reference.Value, 6)
		row.Reference = &v
	}
	if ev.Gap.Valid {
		v := cpog.Round(ev.Gap.Value, 6)
		row.Gap = &v
	}
	if row.Status == "" {
		row.Status = "none"
	}
	return row
}

func (a *app) gapCommand() *cobra.Command {
	var asJSON bool
	var year string
	cmd := &cobra.Command{
		Use: "gap [--year ANNÉE] [--json]", Short: "écarts entre les cibles de la Caf et la référence de la Branche", Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.session(cmd.Context())
			if err != nil {
				return err
			}
			years := s.ref.Years
			if cmd.Flags().Changed("year") {
				y, err := s.year(year)
				if err != nil {
					return err
				}
				years = []int{y}
			}
			n := 0
			for i := range s.ref.Indicators {
				n += len(s.ref.Indicators[i].Lines()) * len(years)
			}
			evs := make([]cpog.Evaluation, 0, n)
			for i := range s.ref.Indicators {
				for _, l := range s.ref.Indicators[i].Lines() {
					for _, y := range years {
						evs = append(evs, cpog.Evaluate(s.ref, s.c, l, y))
					}
				}
			}
			if asJSON {
				rows := make([]gapJSON, 0, len(evs))
				for _, ev := range evs {
					rows = append(rows, gapRow(ev))
				}
				return writeJSON(a.stdout, rows)
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "code\tannée\tnational\tréférence\tCaf\tCnaf\técart\t\tstatut\t")
			for _, ev := range evs {
				ind, _ := s.ref.Lookup(ev.Key.Code)
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", ev.Key.LineKey, ev.Key.Year,
					nationalText(ev), ev.Reference.Format(ind.Unit), ev.Local.Format(ind.Unit), ev.Cnaf.Format(ind.Unit),
					ev.Gap.Format(ind.Unit), ev.Gap.Class.Symbol(), ev.Target.Status.Label())
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "sortie JSON (une ligne par indicateur, sous-indicateur et année)")
	cmd.Flags().StringVar(&year, "year", "", "une seule année")
	return cmd
}

func nationalText(ev cpog.Evaluation) string {
	if !ev.HasNat {
		return "—"
	}
	return ev.National.Raw
}
