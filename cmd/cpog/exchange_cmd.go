package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
)

func (a *app) exportCommand() *cobra.Command {
	var format, out, actor, year string
	var agreedOnly, force bool
	cmd := &cobra.Command{
		Use:   "export [--format xlsx|csv|json|md|html|bilan|bilan-md|actuals-template] [--year ANNÉE] [--agreed-only] [-o FICHIER] [--force]",
		Short: "exporte le CPOG de la Caf : classeur Excel, CSV, fichier d’échange JSON, annexe ou bilan annuel en Markdown ou HTML, modèle des réalisés",
		Long: `exporte le CPOG de la Caf en cours dans un nouveau fichier (droits 0600), par défaut
cpog-CAF-AAAA-MM-JJ.EXT dans le dossier courant (le bilan : cpog-CAF-bilan-ANNÉE-AAAA-MM-JJ.html
ou .md). Un fichier existant n’est jamais remplacé sans --force. -o - écrit les formats texte
sur la sortie standard.`,
		Example: `  cpog export                                  # classeur cpog-91-2026-11-22.xlsx
  cpog export --format html --agreed-only      # annexe CPOG à imprimer et signer
  cpog export --format bilan --year 2025       # bilan annuel 2025 à imprimer
  cpog export --format json -o cpog-91.json    # fichier d’échange pour la Cnaf ou un autre poste
  cpog export --format csv -o - | head
  cpog export --format actuals-template --year 2025 -o realises-2025.xlsx   # à remplir puis importer`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := exchange.XLSX
			if cmd.Flags().Changed("format") {
				var err error
				if f, err = exchange.ParseFormat(format); err != nil {
					return usageError{err.Error()}
				}
			} else if g, ok := exchange.FormatOfPath(out); ok && out != "-" {
				f = g
			}
			act, err := cpog.ParseActor(actor)
			if err != nil {
				return usageError{err.Error()}
			}
			if out == "-" && f.Binary() {
				return usageError{"le format xlsx est binaire : écrivez-le dans un fichier (-o FICHIER)"}
			}
			db, err := a.store(cmd.Context())
			if err != nil {
				return err
			}
			opts := exchange.ExportOptions{Format: f, AgreedOnly: agreedOnly, Force: force, Caf: a.cafFlag, Actor: act}
			if opts.BilanDue, err = bilanDue(cmd.Context(), db); err != nil {
				return err
			}
			if cmd.Flags().Changed("year") {
				ref, err := db.Referential(cmd.Context())
				if err != nil {
					return err
				}
				y, err := strconv.Atoi(strings.TrimSpace(year))
				if err != nil || !ref.HasYear(y) {
					return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("année invalide : %q (de %d à %d)", year, ref.FirstYear(), ref.LastYear()))
				}
				opts.Year = y
			}
			if out == "-" {
				return exchange.ExportTo(cmd.Context(), db, a.stdout, opts)
			}
			path, err := exchange.ExportFile(cmd.Context(), db, out, opts)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(a.stdout, "exporté : %s (%s)\n", cpog.CitePath(path), f.Label())
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "`FORMAT` : xlsx, csv, json, md, html (l’annexe), bilan ou bilan-md (le bilan annuel), actuals-template (modèle des réalisés, CSV ou XLSX selon -o) ; sans --format, l’extension de -o décide, sinon xlsx")
	cmd.Flags().StringVarP(&out, "output", "o", "", "`FICHIER` à créer (- : sortie standard, pour les formats texte)")
	cmd.Flags().BoolVar(&agreedOnly, "agreed-only", false, "n’exporte que les valeurs validées")
	cmd.Flags().BoolVar(&force, "force", false, "remplace le fichier s’il existe")
	cmd.Flags().StringVar(&year, "year", "", "l’`ANNÉE` du bilan annuel que porte l’export (défaut : celle du prochain bilan à rendre)")
	cmd.Flags().StringVar(&actor, "actor", "caf", "fichier d’échange JSON : qui l’établit, `ACTEUR` caf ou cnaf ; l’import enregistre les changements à son nom")
	return cmd
}

func (a *app) importCommand() *cobra.Command {
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "import FICHIER [--dry-run]",
		Short: "importe un fichier d’échange JSON, un CSV ou un classeur exporté par cpog et modifié, ou des réalisés",
		Long: `importe un fichier d’échange JSON (contre-propositions de la Cnaf, ou le CPOG de la même Caf
venu d’un autre poste), un CSV ou un classeur XLSX exporté par cpog et modifié dans un tableur
(propositions, positions Cnaf, réalisés, commentaires ; une cellule vide ne change rien), ou des
réalisés en CSV ou XLSX (colonnes code;année;valeur[;sous-indicateur], le modèle actuals-template).
Le fichier est entièrement vérifié avant toute écriture : au moindre problème, tous sont listés
et la base reste telle quelle. Un import est une seule étape de l’historique, annulable (cpog undo).`,
		Example: `  cpog import cpog-91-cnaf.json --dry-run
  cpog import cpog-91-2026-11-22.xlsx --dry-run   # le classeur exporté, modifié dans Excel
  cpog import realises-2024.csv`,
		Args: args(1, 1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			db, err := a.storeCreating(cmd.Context())
			if err != nil {
				return err
			}
			rep, err := exchange.ImportFile(cmd.Context(), db, argv[0], exchange.ImportOptions{Caf: a.cafFlag, DryRun: dryRun})
			if err != nil {
				return err
			}
			// the dry run is the step meant for checking an untrusted
			// file: its text is shown, never obeyed by the terminal
			if _, err := fmt.Fprintln(a.stdout, cpog.Printable(rep.Summary())); err != nil {
				return err
			}
			if !dryRun {
				return nil
			}
			for _, l := range rep.Lines {
				if _, err := fmt.Fprintln(a.stdout, "  "+cpog.Printable(l)); err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "liste ce qui changerait sans rien écrire")
	return cmd
}
