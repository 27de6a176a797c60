package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/store"
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
			_, err = fmt.Fprintf(a.stdout, "sauvegarde écrite : %s%s\n", cpog.CitePath(argv[0]), size)
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
			ctx := cmd.Context()
			db, err := a.store(ctx)
			if err != nil {
				a.doctorFailure("ouverture de la base", err)
				a.adviseBackup(ctx)
				return cpog.Errorf(cpog.ErrorCode(err), "la base ne peut pas être ouverte : "+userMessage(err))
			}
			checks, err := db.Checks(ctx)
			if err != nil {
				a.doctorFailure("lecture de la base", err)
				a.adviseBackup(ctx)
				return cpog.Errorf(cpog.ErrorCode(err), "la base ne peut pas être lue : "+userMessage(err))
			}
			failed := 0
			for _, c := range checks {
				mark := "✓"
				if !c.OK {
					mark = "✗"
					failed++
				}
				if _, err := fmt.Fprintf(a.stdout, "%s %s : %s\n", mark, c.Name, cpog.PrintableLines(c.Detail)); err != nil {
					return err
				}
			}
			if failed > 0 {
				a.adviseBackup(ctx)
				return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("%d vérification(s) en échec sur %d : restaurez une sauvegarde ou signalez le problème", failed, len(checks)))
			}
			_, err = fmt.Fprintf(a.stdout, "base %s en bon état\n", cpog.CitePath(db.Path()))
			return err
		},
	}
}

// doctorFailure prints a failed step of doctor: the French message, then
// the technical cause on a line of its own, for whoever investigates.
func (a *app) doctorFailure(step string, err error) {
	fmt.Fprintf(a.stdout, "✗ %s : %s\n", step, cpog.PrintableLines(userMessage(err)))
	var de *cpog.Error
	if errors.As(err, &de) && de.Cause != nil {
		fmt.Fprintf(a.stdout, "  cause technique : %s\n", cpog.PrintableLines(de.Cause.Error()))
	}
}

// adviseBackup names the newest backup in good state beside the database,
// the one to restore.
func (a *app) adviseBackup(ctx context.Context) {
	path, err := a.dbPath()
	if err != nil {
		return
	}
	if _, err := os.Stat(path); err != nil {
		return
	}
	b, at, ok := store.NewestGoodBackup(ctx, path)
	if !ok {
		fmt.Fprintf(a.stdout, "conseil : aucune sauvegarde en bon état trouvée à côté de la base (dossier %s) ; si vous en avez une ailleurs, fermez cpog et copiez-la à la place de %s\n",
			cpog.CitePath(filepath.Dir(path)), cpog.CitePath(path))
		return
	}
	fmt.Fprintf(a.stdout, "conseil : la sauvegarde en bon état la plus récente est %s (%s) : fermez cpog, mettez %s de côté, puis copiez cette sauvegarde à sa place\n",
		cpog.CitePath(b), at.Local().Format("02/01/2006 15:04"), cpog.CitePath(path))
}
