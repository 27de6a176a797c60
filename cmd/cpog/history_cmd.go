package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cnaf-tools/cpog"
)

// historyJSON is one event of `cpog history --json` (see README).
type historyJSON struct {
	Change  int64   `json:"change"`
	At      string  `json:"at"`
	Actor   string  `json:"actor"`
	Kind    string  `json:"kind"`
	Summary string  `json:"summary"`
	Comment string  `json:"comment"`
	Undoes  *int64  `json:"undoes"`
	Code    *string `json:"code"`
	Sub     *string `json:"sub"`
	Year    *int    `json:"year"`
	Field   string  `json:"field"`
	Old     any     `json:"old"`
	New     any     `json:"new"`
	// where an imported step came from; null for the others
	SourceFile    *string `json:"source_file"`
	SourceDigest  *string `json:"source_digest"`
	DeclaredActor *string `json:"declared_actor"`
}

func historyRow(e cpog.Event) historyJSON {
	row := historyJSON{
		Change: e.ChangeID, At: e.At.UTC().Format(time.RFC3339Nano), Actor: string(e.Actor), Kind: e.Kind,
		Summary: e.Summary, Comment: e.Comment, Field: string(e.Field),
	}
	if e.Undoes != 0 {
		u := e.Undoes
		row.Undoes = &u
	}
	if src := e.Source; src.Imported() {
		d, a := src.Digest, string(src.Actor)
		row.SourceFile, row.SourceDigest = &src.File, &d
		if a != "" {
			row.DeclaredActor = &a
		}
	}
	if e.Key.Code != "" {
		c := e.Key.Code
		row.Code = &c
	}
	if e.Key.Sub != "" {
		s := e.Key.Sub
		row.Sub = &s
	}
	if e.Key.Year != 0 {
		y := e.Key.Year
		row.Year = &y
	}
	if e.Field.IsText() {
		row.Old, row.New = e.OldText, e.NewText
	} else {
		row.Old, row.New = finite(e.Old.Ptr()), finite(e.New.Ptr())
	}
	return row
}

func (a *app) historyCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "history [CODE] [--json]",
		Short: "historique des modifications du CPOG (d’un indicateur, si CODE est donné)",
		Example: `  cpog history
  cpog history 08-29
  cpog history --json`,
		Args: args(0, 1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			s, err := a.session(cmd.Context())
			if err != nil {
				return err
			}
			code := ""
			if len(argv) == 1 {
				ind, err := s.ref.Lookup(argv[0])
				if err != nil {
					return err
				}
				code = ind.Code
			}
			events, err := s.db.History(cmd.Context(), s.c.Caf.Code, code)
			if err != nil {
				return err
			}
			if asJSON {
				rows := make([]historyJSON, 0, len(events))
				for _, e := range events {
					rows = append(rows, historyRow(e))
				}
				return writeJSON(a.stdout, rows)
			}
			return writeHistory(a, s.ref, events)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "sortie JSON (un objet par champ modifié)")
	return cmd
}

// writeHistory prints one header line per step, then its changed fields.
func writeHistory(a *app, ref *cpog.Referential, events []cpog.Event) error {
	if len(events) == 0 {
		_, err := fmt.Fprintln(a.stdout, "aucune modification enregistrée")
		return err
	}
	var b strings.Builder
	var last int64 = -1
	for _, e := range events {
		if e.ChangeID != last {
			last = e.ChangeID
			actor := e.Actor.Label()
			if e.Source.Imported() {
				// what the file declares, not who made the change
				actor = e.Source.Describe()
			}
			// text from outside (a comment, a file name) is shown, never
			// obeyed by the terminal
			fmt.Fprintf(&b, "n° %d · %s · %s · %s · %s\n", e.ChangeID, e.At.Local().Format("2006-01-02 15:04"), actor, cpog.KindLabel(e.Kind), cpog.Printable(e.Summary))
			if e.Comment != "" {
				fmt.Fprintf(&b, "    « %s »\n", cpog.Printable(e.Comment))
			}
		}
		unit := cpog.UnitOther
		where := "contrat"
		if ind, err := ref.Lookup(e.Key.Code); e.Key.Code != "" && err == nil {
			unit, where = ind.Unit, e.Key.LineKey.String()
			if e.Key.Year != 0 {
				where += fmt.Sprintf(" %d", e.Key.Year)
			}
		}
		switch e.Field {
		case cpog.FieldWeight:
			unit = cpog.UnitPercent
		case cpog.FieldMode:
			e.OldText, e.NewText = modeLabel(e.OldText), modeLabel(e.NewText)
		}
		fmt.Fprintf(&b, "    %s · %s\n", where, cpog.Printable(e.Describe(unit)))
	}
	_, err := fmt.Fprint(a.stdout, b.String())
	return err
}

// modeLabel names a mode de déclinaison in French; "" stays "" (the
// referential's default).
func modeLabel(s string) string {
	if s == "" {
		return ""
	}
	return cpog.Mode(s).Label()
}
