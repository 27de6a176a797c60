package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/store"
)

// followJSON is the Caf's follow-up of an item, in `cpog engagements --json`.
type followJSON struct {
	Status   string `json:"status"`
	Due      string `json:"due"`
	Pilot    string `json:"pilot"`
	Comment  string `json:"comment"`
	Evidence string `json:"evidence"`
	Late     bool   `json:"late"`
}

type livrableJSON struct {
	N       string `json:"n"`
	Printed string `json:"printed,omitempty"`
	Label   string `json:"label"`
	EachCaf bool   `json:"each_caf"`
	followJSON
}

type actionJSON struct {
	N         string         `json:"n"`
	Label     string         `json:"label"`
	Livrables []livrableJSON `json:"livrables"`
}

type localActionJSON struct {
	N     string `json:"n"`
	Label string `json:"label"`
	followJSON
}

// engagementJSON is one engagement of `cpog engagements --json` (see README).
type engagementJSON struct {
	Fiche        int               `json:"fiche"`
	N            string            `json:"n"`
	Printed      string            `json:"printed,omitempty"`
	Label        string            `json:"label"`
	Side         string            `json:"side"`
	Actions      []actionJSON      `json:"actions"`
	LocalActions []localActionJSON `json:"local_actions"`
	// FollowUp is the Caf's follow-up of an État engagement, for
	// information; absent on the caisse side (its livrables carry it).
	FollowUp *followJSON `json:"follow_up,omitempty"`
}

func follow(f cpog.FollowUp, today time.Time) followJSON {
	status := string(f.Status)
	if status == "" {
		status = "none"
	}
	return followJSON{Status: status, Due: f.Due, Pilot: f.Pilot, Comment: f.Comment, Evidence: f.Evidence, Late: f.Late(today)}
}

func (a *app) engagementsCommand() *cobra.Command {
	var asJSON bool
	var fiche int
	cmd := &cobra.Command{
		Use:   "engagements [--fiche N] [--json]",
		Short: "le plan d’actions : engagements, actions et livrables de la COG, leur suivi par la Caf et ses actions locales",
		Args:  args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.sessionOf(cmd.Context(), store.Plan)
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("fiche") {
				if _, ok := s.ref.Fiche(fiche); !ok {
					return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("fiche inconnue : %d (de 1 à %d)", fiche, len(s.ref.Fiches)))
				}
			}
			today := a.now()
			var out []engagementJSON
			for _, f := range s.ref.Fiches {
				if fiche != 0 && f.N != fiche {
					continue
				}
				for _, side := range []cpog.Side{cpog.SideCaisse, cpog.SideEtat} {
					out = append(out, engagementsOf(s, f.N, side, today)...)
				}
			}
			if asJSON {
				return writeJSON(a.stdout, out)
			}
			return writeEngagements(a, s, out)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "sortie JSON (un objet par engagement)")
	cmd.Flags().IntVar(&fiche, "fiche", 0, "n’affiche que la fiche thématique `N`")
	return cmd
}

// engagementsOf is a fiche's side as `engagements --json` writes it.
func engagementsOf(s *session, fiche int, side cpog.Side, today time.Time) []engagementJSON {
	var out []engagementJSON
	locals := s.c.LocalActionsIn(fiche, side)
	for _, e := range s.ref.EngagementsOf(fiche, side) {
		ej := engagementJSON{Fiche: fiche, N: e.N, Printed: e.Printed, Label: e.Label, Side: string(side), Actions: []actionJSON{}, LocalActions: []localActionJSON{}}
		ek := cpog.ItemKey{Fiche: fiche, Side: side, N: e.N}
		if side == cpog.SideEtat {
			f := follow(s.c.FollowUps[ek], today)
			ej.FollowUp = &f
		}
		for _, act := range e.Actions {
			aj := actionJSON{N: act.N, Label: act.Label, Livrables: []livrableJSON{}}
			for _, l := range act.Livrables {
				f := s.c.FollowUps[cpog.ItemKey{Fiche: fiche, Side: side, N: l.N}]
				aj.Livrables = append(aj.Livrables, livrableJSON{N: l.N, Printed: l.Printed, Label: l.Label, EachCaf: l.EachCaf, followJSON: follow(f, today)})
			}
			ej.Actions = append(ej.Actions, aj)
		}
		for _, lk := range locals[e.N] {
			f := s.c.FollowUps[lk]
			ej.LocalActions = append(ej.LocalActions, localActionJSON{N: lk.N, Label: f.Label, followJSON: follow(f, today)})
		}
		out = append(out, ej)
	}
	return out
}

func writeEngagements(a *app, s *session, es []engagementJSON) error {
	var b strings.Builder
	fiche, side := 0, ""
	status := func(f followJSON) string {
		st := cpog.FollowStatus(f.Status)
		if f.Status == "none" {
			st = cpog.FollowNone
		}
		var parts []string
		parts = append(parts, st.Symbol()+" "+st.Label())
		if f.Due != "" {
			parts = append(parts, "échéance "+cpog.FormatDue(f.Due))
		}
		if f.Late {
			parts = append(parts, "EN RETARD")
		}
		if f.Pilot != "" {
			parts = append(parts, "pilote : "+cpog.Printable(f.Pilot))
		}
		if f.Comment != "" {
			parts = append(parts, "commentaire : "+cpog.Printable(f.Comment))
		}
		return strings.Join(parts, " · ")
	}
	for _, e := range es {
		if e.Fiche != fiche {
			fiche = e.Fiche
			f, _ := s.ref.Fiche(fiche)
			fmt.Fprintf(&b, "\nFiche %d · %s\n", f.N, f.Title)
			side = ""
		}
		if e.Side != side {
			side = e.Side
			fmt.Fprintf(&b, "  Actions à conduire par %s\n", map[string]string{"caisse": "la caisse", "etat": "l’État (pour information)"}[side])
		}
		fmt.Fprintf(&b, "    %s %s\n", e.N, e.Label)
		if e.FollowUp != nil {
			fmt.Fprintf(&b, "       %s\n", status(*e.FollowUp))
		}
		for _, act := range e.Actions {
			fmt.Fprintf(&b, "      %s %s\n", act.N, act.Label)
			for _, l := range act.Livrables {
				each := ""
				if l.Printed != "" {
					each = " [numéro imprimé " + l.Printed + "]"
				}
				if l.EachCaf {
					each += " [chaque Caf]"
				}
				fmt.Fprintf(&b, "        %s %s%s\n          %s\n", l.N, l.Label, each, status(l.followJSON))
			}
		}
		for _, l := range e.LocalActions {
			fmt.Fprintf(&b, "      %s %s (action locale)\n          %s\n", l.N, cpog.Printable(l.Label), status(l.followJSON))
		}
	}
	_, err := fmt.Fprint(a.stdout, strings.TrimPrefix(b.String(), "\n"))
	return err
}

// followFlags are the options of the commands that change a follow-up.
type followFlags struct {
	status, due, pilot, comment, evidence, label string
}

func (f *followFlags) add(cmd *cobra.Command, label bool) {
	cmd.Flags().StringVar(&f.status, "status", "", "`AVANCEMENT` : à-faire, en-cours, réalisé ou sans-objet")
	cmd.Flags().StringVar(&f.due, "due", "", "`ÉCHÉANCE`, le mois : AAAA-MM ou MM/AAAA (vide : aucune)")
	cmd.Flags().StringVar(&f.pilot, "pilot", "", "`PILOTE` : une personne ou un service")
	cmd.Flags().StringVar(&f.comment, "comment", "", "`COMMENTAIRE` sur l’avancement")
	cmd.Flags().StringVar(&f.evidence, "evidence", "", "`PREUVE` : un fichier, une adresse ou un texte")
	if label {
		cmd.Flags().StringVar(&f.label, "label", "", "le `LIBELLÉ` de l’action locale")
	}
}

// apply sets on cur what the options given say.
func (f *followFlags) apply(cmd *cobra.Command, cur cpog.FollowUp) (cpog.FollowUp, error) {
	changed := cmd.Flags().Changed
	if changed("status") {
		st, err := cpog.ParseFollowStatus(f.status)
		if err != nil {
			return cur, err
		}
		cur.Status = st
	}
	if changed("due") {
		due, err := cpog.ParseDue(f.due)
		if err != nil {
			return cur, err
		}
		cur.Due = due
	}
	for _, t := range []struct {
		name string
		val  string
		dst  *string
	}{{"pilot", f.pilot, &cur.Pilot}, {"comment", f.comment, &cur.Comment}, {"evidence", f.evidence, &cur.Evidence}, {"label", f.label, &cur.Label}} {
		if changed(t.name) {
			*t.dst = strings.TrimSpace(t.val)
		}
	}
	return cur, nil
}

// itemKey reads a fiche and a number from the command line.
func itemKey(ref *cpog.Referential, ficheText, n string, side cpog.Side) (cpog.ItemKey, error) {
	fiche, err := strconv.Atoi(strings.TrimSpace(ficheText))
	if err != nil {
		return cpog.ItemKey{}, cpog.Errorf(cpog.EInvalid, fmt.Sprintf("fiche illisible : %q (un numéro, de 1 à %d)", ficheText, len(ref.Fiches)))
	}
	return cpog.ItemKey{Fiche: fiche, Side: side, N: strings.TrimSpace(n)}, nil
}

func (a *app) livrableCommand() *cobra.Command {
	var flags followFlags
	var etat bool
	cmd := &cobra.Command{
		Use:   "livrable FICHE N.M.K [--status …] [--due AAAA-MM] [--pilot …] [--comment …] [--evidence …]",
		Short: "suit un livrable de la COG : avancement, échéance, pilote, commentaire, preuve (--etat : un engagement de l’État)",
		Example: `  cpog livrable 8 3.1.1 --status en-cours --due 06/2026 --pilot "direction de la relation de service"
  cpog livrable 10 1 --etat --comment "décret attendu"`,
		Args: args(2, 2),
		RunE: func(cmd *cobra.Command, argv []string) error {
			side := cpog.SideCaisse
			if etat {
				side = cpog.SideEtat
			}
			return a.setFollowUp(cmd, &flags, argv[0], argv[1], side, nil)
		},
	}
	flags.add(cmd, false)
	cmd.Flags().BoolVar(&etat, "etat", false, "un engagement de l’État (suivi pour information), numéroté N")
	return cmd
}

func (a *app) localActionCommand() *cobra.Command {
	root := &cobra.Command{Use: "action-locale", Short: "les actions locales de la Caf sous un engagement : add, set, rm", Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() }}
	var addFlags, setFlags followFlags
	add := &cobra.Command{
		Use:     "add FICHE ENGAGEMENT LIBELLÉ [--status …] [--due …] [--pilot …] [--comment …] [--evidence …]",
		Short:   "ajoute une action locale sous un engagement de la caisse (numérotée N.L1, N.L2…)",
		Example: `  cpog action-locale add 8 3 "former les agents d’accueil au socle" --pilot "RH" --due 09/2026`,
		Args:    args(3, 3),
		RunE: func(cmd *cobra.Command, argv []string) error {
			s, err := a.session(cmd.Context())
			if err != nil {
				return err
			}
			ek, err := itemKey(s.ref, argv[0], argv[1], cpog.SideCaisse)
			if err != nil {
				return err
			}
			f, err := addFlags.apply(cmd, cpog.FollowUp{Label: strings.TrimSpace(argv[2]), Status: cpog.FollowTodo})
			if err != nil {
				return err
			}
			ch, _, err := cpog.AddLocalAction(s.ref, s.c, ek, f)
			if err != nil {
				return err
			}
			return a.apply(cmd, s, ch)
		},
	}
	addFlags.add(add, false)
	set := &cobra.Command{
		Use:     "set FICHE N.Lk [--label …] [--status …] [--due …] [--pilot …] [--comment …] [--evidence …]",
		Short:   "modifie une action locale",
		Example: `  cpog action-locale set 8 3.L1 --status réalisé`,
		Args:    args(2, 2),
		RunE: func(cmd *cobra.Command, argv []string) error {
			return a.setFollowUp(cmd, &setFlags, argv[0], argv[1], cpog.SideCaisse, func(k cpog.ItemKey) error {
				if !k.IsLocal() {
					return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("%s n’est pas une action locale (numérotée N.L1…) : pour un livrable, cpog livrable", k))
				}
				return nil
			})
		},
	}
	setFlags.add(set, true)
	rm := &cobra.Command{
		Use:   "rm FICHE N.Lk",
		Short: "retire une action locale (annulable avec cpog undo)",
		Args:  args(2, 2),
		RunE: func(cmd *cobra.Command, argv []string) error {
			s, err := a.session(cmd.Context())
			if err != nil {
				return err
			}
			k, err := itemKey(s.ref, argv[0], argv[1], cpog.SideCaisse)
			if err != nil {
				return err
			}
			ch, err := cpog.RemoveLocalAction(s.ref, s.c, k)
			if err != nil {
				return err
			}
			return a.apply(cmd, s, ch)
		},
	}
	root.AddCommand(add, set, rm)
	return root
}

// setFollowUp changes an item's follow-up by the options given; check,
// when set, refuses keys the command does not take.
func (a *app) setFollowUp(cmd *cobra.Command, flags *followFlags, fiche, n string, side cpog.Side, check func(cpog.ItemKey) error) error {
	s, err := a.session(cmd.Context())
	if err != nil {
		return err
	}
	k, err := itemKey(s.ref, fiche, n, side)
	if err != nil {
		return err
	}
	if check != nil {
		if err := check(k); err != nil {
			return err
		}
	}
	next, err := flags.apply(cmd, s.c.FollowUps[k])
	if err != nil {
		return err
	}
	ch, err := cpog.SetFollowUp(s.ref, s.c, k, next)
	if err != nil {
		return err
	}
	return a.apply(cmd, s, ch)
}
