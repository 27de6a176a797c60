package main

import (
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cnaf-tools/cpog"
)

// now is the day an agreement is dated with when --date is not given.
func (a *app) now() time.Time { return time.Now() }

func (a *app) baselineCommand() *cobra.Command {
	var sub string
	cmd := &cobra.Command{
		Use:     "baseline CODE VALEUR [--sub CLÉ]",
		Short:   "saisit la valeur de départ de la Caf (son niveau l’année avant la COG), départ de la trajectoire",
		Example: `  cpog baseline 08-30 "12 j"`,
		Args:    args(2, 2),
		RunE: func(cmd *cobra.Command, argv []string) error {
			s, err := a.session(cmd.Context())
			if err != nil {
				return err
			}
			l, err := s.lineOnly(argv[0], sub)
			if err != nil {
				return err
			}
			v, err := cpog.ParseFigure(l, s.c.BaselineYear, argv[1])
			if err != nil {
				return err
			}
			return a.apply(cmd, s, cpog.SetBaseline(s.c, l, v))
		},
	}
	cmd.Flags().StringVar(&sub, "sub", "", "sous-indicateur, par sa `CLÉ` (a, b, c…)")
	return cmd
}

func (a *app) actualCommand() *cobra.Command {
	var sub string
	cmd := &cobra.Command{
		Use:     "actual CODE ANNÉE VALEUR [--sub CLÉ]",
		Short:   "saisit le réalisé d’une année (bilan annuel)",
		Example: `  cpog actual COG-08-29 2024 "15,5 j"`,
		Args:    args(3, 3),
		RunE: func(cmd *cobra.Command, argv []string) error {
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
			return a.apply(cmd, s, cpog.SetActual(s.c, l, year, v))
		},
	}
	cmd.Flags().StringVar(&sub, "sub", "", "sous-indicateur, par sa `CLÉ` (a, b, c…)")
	return cmd
}

func (a *app) weightCommand() *cobra.Command {
	var reset bool
	cmd := &cobra.Command{
		Use:   "weight CODE [VALEUR] [--reset]",
		Short: "fixe la clé de répartition d’un indicateur en volume (en %), à la place du poids de la Caf",
		Long: `fixe la clé de répartition d’un indicateur en volume : la part de la Caf, en %, dont la quote-part
des cibles nationales est calculée (sa part des enfants de moins de 3 ans pour les places d’EAJE,
des foyers RSA pour COG-09-36…). Par défaut, la clé est le poids de la Caf (cpog caf set --weight).
--reset rend à l’indicateur le poids de la Caf.`,
		Example: `  cpog weight COG-01-01 3,4
  cpog weight COG-01-01 --reset`,
		Args: args(1, 2),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if reset == (len(argv) == 2) {
				return usageError{"weight : indiquez une VALEUR ou --reset"}
			}
			s, err := a.session(cmd.Context())
			if err != nil {
				return err
			}
			ind, err := s.ref.Lookup(argv[0])
			if err != nil {
				return err
			}
			k := cpog.None
			if !reset {
				w, err := cpog.ParseShareKey(argv[1])
				if err != nil {
					return err
				}
				k = cpog.Some(w)
			}
			ch, err := cpog.SetShareKey(s.c, ind, k)
			if err != nil {
				return err
			}
			return a.apply(cmd, s, ch)
		},
	}
	cmd.Flags().BoolVar(&reset, "reset", false, "rend à l’indicateur le poids de la Caf")
	return cmd
}

func (a *app) commentCommand() *cobra.Command {
	return a.targetTextCommand(cpog.FieldComment, "comment",
		"écrit le commentaire d’une cible pour une année (un texte vide l’efface)",
		`  cpog comment 08-29 2025 "réorganisation de l’accueil au 2e semestre"`)
}

// explainCommand and actionCommand write the bilan annuel's two texts of
// a line and year.
func (a *app) explainCommand() *cobra.Command {
	return a.targetTextCommand(cpog.FieldExplanation, "explain",
		"écrit l’explication de l’écart d’une année au bilan annuel (un texte vide l’efface)",
		`  cpog explain 08-29 2025 "pic de demandes après la réforme"`)
}

func (a *app) actionCommand() *cobra.Command {
	return a.targetTextCommand(cpog.FieldAction, "action",
		"écrit l’action corrective d’une année au bilan annuel (un texte vide l’efface)",
		`  cpog action 08-29 2025 "renfort de deux gestionnaires au 1er trimestre"`)
}

func (a *app) targetTextCommand(field cpog.Field, name, short, example string) *cobra.Command {
	var sub string
	cmd := &cobra.Command{
		Use:     name + " CODE ANNÉE TEXTE [--sub CLÉ]",
		Short:   short,
		Example: example,
		Args:    args(3, 3),
		RunE: func(cmd *cobra.Command, argv []string) error {
			s, err := a.session(cmd.Context())
			if err != nil {
				return err
			}
			l, year, err := s.line(argv[0], sub, argv[1])
			if err != nil {
				return err
			}
			ch, err := cpog.SetTargetText(s.c, l, year, field, strings.TrimSpace(argv[2]))
			if err != nil {
				return err
			}
			return a.apply(cmd, s, ch)
		},
	}
	cmd.Flags().StringVar(&sub, "sub", "", "sous-indicateur, par sa `CLÉ` (a, b, c…)")
	return cmd
}
