package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/cnaf-tools/cpog"
)

func (a *app) backupCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:     "backup FICHIER [--force]",
		Short:   "écrit une copie cohérente de la base (même pendant que l’interface est ouverte)",
		Example: `  cpog backup ~/sauvegardes/cpog-2026-11-22.db`,
		Args:    args(1, 1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			db, err := a.store(cmd.Context())
			if err != nil {
				return err
			}
			if err := db.Backup(cmd.Context(), argv[0], force); err != nil {
				return err
			}
			size := ""
			if fi, err := os.Stat(argv[0]); err == nil {
				size = fmt.Sprintf(" (%d Ko)", (fi.Size()+1023)/1024)
			}
			_, err = fmt.Fprintf(a.stdout, "sauvegarde écrite : %s%s\n", argv[0], size)
			return err
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "remplace le fichier s’il existe")
	return cmd
}

func (a *app) doctorCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "doctor",
		Short: "vérifie la base : intégrité, clés étrangères, version du schéma, référentiel",
		Args:  args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.store(cmd.Context())
			if err != nil {
				fmt.Fprintf(a.stdout, "✗ ouverture de la base : %v\n", err)
				return cpog.Errorf(cpog.EInvalid, "la base ne peut pas être ouverte")
			}
			checks, err := db.Checks(cmd.Context())
			if err != nil {
				fmt.Fprintf(a.stdout, "✗ lecture de la base : %v\n", err)
				return cpog.Errorf(cpog.EInvalid, "la base ne peut pas être lue")
			}
			failed := 0
			for _, c := range checks {
				mark := "✓"
				if !c.OK {
					mark = "✗"
					failed++
				}
				if _, err := fmt.Fprintf(a.stdout, "%s %s : %s\n", mark, c.Name, c.Detail); err != nil {
					return err
				}
			}
			if failed > 0 {
				return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("%d vérification(s) en échec sur %d : restaurez une sauvegarde (cpog backup) ou signalez le problème", failed, len(checks)))
			}
			_, err = fmt.Fprintf(a.stdout, "base %s en bon état\n", db.Path())
			return err
		},
	}
}
