package main

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/store"
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
			db, err := a.storeCreating(cmd.Context())
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
	set.Flags().StringVar(&weight, "weight", "", "poids de la Caf dans la Branche, en `POURCENT` (ex. 2,1 ou 0,2 %)")
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
			if err != nil || act == cpog.ActorBoth {
				return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("acteur inconnu : %q (attendu : caf ou cnaf)", cpog.Cite(actor)))
			}
			s, err := a.session(cmd.Context())
			if err != nil {
				return err
			}
			l, year, err := s.line(argv[0], sub, argv[1])
			if err != nil {
				return err
			}
			v, err := cpog.ParseFigure(l, year, argv[2])
			if err != nil {
				return err
			}
			a.warnFar(s, l, year, v)
			return a.apply(cmd, s, cpog.SetValue(s.c, l, year, v, act, comment))
		},
	}
	cmd.Flags().StringVar(&sub, "sub", "", "sous-indicateur, par sa `CLÉ` (a, b, c…)")
	cmd.Flags().StringVar(&actor, "actor", "caf", "qui propose, l’`ACTEUR` caf ou cnaf")
	cmd.Flags().StringVar(&comment, "comment", "", "un `TEXTE` de commentaire")
	return cmd
}

// apply writes a change and prints its summary; a change that changes
// nothing is said so, and leaves no step in the history.
func (a *app) apply(cmd *cobra.Command, s *session, ch cpog.Change) error {
	if len(ch.Edits) == 0 {
		_, err := fmt.Fprintf(a.stdout, "inchangé : %s\n", ch.Summary)
		return err
	}
	if _, err := s.db.Apply(cmd.Context(), s.c.Caf.Code, ch); err != nil {
		return err
	}
	_, err := fmt.Fprintln(a.stdout, ch.Summary)
	return err
}

// warnFar prints a warning when a volume is far from its reference: ten
// times more or a tenth, most likely a national figure typed for the
// Caf's, or three zeros too many.
func (a *app) warnFar(s *session, l cpog.Line, year int, v float64) {
	ref := cpog.Evaluate(s.ref, s.c, l, year).Reference
	if cpog.FarFromReference(l.Indicator, ref, v) {
		fmt.Fprintf(a.stderr, "attention : %s est loin de la référence de la Caf (%s) : plus de dix fois plus ou moins d’un dixième ; vérifiez la saisie\n",
			cpog.FormatValue(v, l.Indicator.Unit), ref.Format(l.Indicator.Unit))
	}
}

// line resolves a code (any form), an optional sub-indicator and a year.
func (s *session) line(code, sub, yearText string) (cpog.Line, int, error) {
	l, err := s.lineOnly(code, sub)
	if err != nil {
		return cpog.Line{}, 0, err
	}
	year, err := s.year(yearText)
	return l, year, err
}

// lineOnly resolves a code (any form) and an optional sub-indicator.
func (s *session) lineOnly(code, sub string) (cpog.Line, error) {
	ind, err := s.ref.Lookup(code)
	if err != nil {
		return cpog.Line{}, err
	}
	l, err := ind.Line(sub)
	if err != nil {
		return cpog.Line{}, cpog.Errorf(cpog.EInvalid, err.Error())
	}
	return l, nil
}

func (s *session) year(text string) (int, error) {
	y, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || !s.ref.HasYear(y) {
		return 0, cpog.Errorf(cpog.EInvalid, fmt.Sprintf("année invalide : %q (de %d à %d)", cpog.Cite(text), s.ref.FirstYear(), s.ref.LastYear()))
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
	return &cobra.Command{
		Use: "propose CODE [ANNÉE]", Short: "marque les valeurs saisies d’un indicateur comme proposées à la Cnaf", Args: args(1, 2),
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
			ch, err := cpog.Propose(s.c, ind.Lines(), years)
			if err != nil {
				return err
			}
			return a.apply(cmd, s, ch)
		},
	}
}

func (a *app) agreeCommand() *cobra.Command {
	var sub, date string
	cmd := &cobra.Command{
		Use:   "agree CODE [ANNÉE] [--sub CLÉ] [--date JJ/MM/AAAA]",
		Short: "enregistre l’accord Caf–Cnaf sur un indicateur (toutes ses années, ou une seule) : la dernière position devient la cible validée",
		Long: `enregistre l’accord de la Caf et de la Cnaf, conclu en dialogue de gestion, sur un indicateur :
toutes ses années et tous ses sous-indicateurs, ou une année (et, avec --sub, un sous-indicateur).
La dernière position sur la table devient la cible validée : la contre-proposition de la Cnaf
quand l’année est contre-proposée, sinon la proposition de la Caf. --date est le jour du
dialogue de gestion (défaut : aujourd’hui).`,
		Example: `  cpog agree COG-08-29 --date 03/12/2026
  cpog agree 08-23 2025 --sub b`,
		Args: args(1, 2),
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
			lines := ind.Lines()
			if sub != "" {
				l, err := ind.Line(sub)
				if err != nil {
					return cpog.Errorf(cpog.EInvalid, err.Error())
				}
				lines = []cpog.Line{l}
			}
			day := a.now()
			if date != "" {
				if day, err = cpog.ParseDate(date); err != nil {
					return err
				}
			}
			ch, err := cpog.Agree(s.c, lines, years, day)
			if err != nil {
				return err
			}
			return a.apply(cmd, s, ch)
		},
	}
	cmd.Flags().StringVar(&sub, "sub", "", "un seul sous-indicateur, par sa `CLÉ` (a, b, c…)")
	cmd.Flags().StringVar(&date, "date", "", "`JOUR` du dialogue de gestion, JJ/MM/AAAA (défaut : aujourd’hui)")
	return cmd
}

func (a *app) modeCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "mode CODE MODE",
		Short: "change le mode de déclinaison d’un indicateur : cible-nationale, quote-part, trajectoire, libre ou pour-information",
		Long: `change le mode de déclinaison d’un indicateur, c’est-à-dire la façon dont la cible nationale
devient la référence de la Caf : cible-nationale (taux, délais, ratios), quote-part (volumes),
trajectoire (de la valeur de départ à la cible finale), libre (pas de référence) ou
pour-information. Un mode qui ne convient pas à l’indicateur est refusé. Les noms anglais des
fichiers (same, share, path, free, national) sont acceptés aussi.`,
		Example: `  cpog mode 08-30 trajectoire
  cpog mode COG-01-01 quote-part`,
		Args: args(2, 2),
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
				return err
			}
			ch, err := cpog.SetMode(ind, m)
			if err != nil {
				return err
			}
			if s.c.ModeOf(ind) == m {
				ch.Edits = nil
			}
			return a.apply(cmd, s, ch)
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
	Kind      *string  `json:"kind"`
	National  *float64 `json:"national"`
	BandMin   *float64 `json:"band_min,omitempty"`
	BandMax   *float64 `json:"band_max,omitempty"`
	Mode      string   `json:"mode"`
	Weight    float64  `json:"weight"`
	Reference *float64 `json:"reference"`
	Quota     *float64 `json:"quota"`
	Held      bool     `json:"held,omitempty"`
	Local     *float64 `json:"local"`
	Cnaf      *float64 `json:"cnaf"`
	Gap       *float64 `json:"gap"`
	Class     string   `json:"class"`
	Status    string   `json:"status"`
}

func gapRow(ev cpog.Evaluation, ind *cpog.Indicator) gapJSON {
	row := gapJSON{Code: ev.Key.Code, Year: ev.Key.Year, Class: string(ev.Gap.Class), Status: string(ev.Target.Status),
		Mode: string(ev.Mode), Weight: ev.ShareKey, Held: ev.Reference.Held, Local: finite(ev.Local.Ptr()), Cnaf: finite(ev.Cnaf.Ptr())}
	if ev.Key.Sub != "" {
		s := ev.Key.Sub
		row.Sub = &s
	}
	if ev.HasNat {
		k := string(ev.National.Kind)
		row.Kind = &k
		if ev.National.Single() {
			row.National = ptr(ev.National.Value)
		} else {
			row.BandMin, row.BandMax = ptr(ev.National.Min), ptr(ev.National.Max)
		}
	}
	switch r := ev.Reference; {
	case r.Valid && r.Band:
		row.BandMin, row.BandMax = ptr(cpog.Round(r.Min, 6)), ptr(cpog.Round(r.Max, 6))
	case r.Valid:
		row.Reference = ptr(cpog.Round(r.Value, 6))
		if ind.Measure.Shared() {
			row.Quota = ptr(cpog.Round(r.Exact, 6))
		}
	}
	if ev.Gap.Valid {
		row.Gap = ptr(cpog.Round(ev.Gap.Value, 6))
	}
	if row.Status == "" {
		row.Status = "none"
	}
	return row
}

// ptr points to v, or is nil (JSON null) when v is not a finite number:
// a database written by an older cpog may hold one, and JSON has none.
func ptr(v float64) *float64 { return finite(&v) }

func (a *app) gapCommand() *cobra.Command {
	var asJSON bool
	var year string
	cmd := &cobra.Command{
		Use: "gap [--year ANNÉE] [--json]", Short: "écarts entre les cibles de la Caf et la référence de la Branche", Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.sessionOf(cmd.Context(), store.Figures)
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
					ind, _ := s.ref.Lookup(ev.Key.Code)
					rows = append(rows, gapRow(ev, ind))
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
	cmd.Flags().StringVar(&year, "year", "", "une seule `ANNÉE`")
	return cmd
}

func nationalText(ev cpog.Evaluation) string {
	if !ev.HasNat {
		return "—"
	}
	return ev.National.Raw
}
