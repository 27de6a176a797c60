package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/store"
)

// env is the process's outside world, injected so that tests can run
// commands in-process as well as through the built binary.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	trace          *startupTrace // nil unless CPOG_STARTUP_TRACE asks for one
}

// app holds what the commands share: the flags and the database opened on
// first use.
type app struct {
	env
	dbFlag  string
	cafFlag string
	db      *store.DB
}

// usageError marks errors of the command line itself (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usageTemplate = `Usage :{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} COMMANDE [options]{{end}}{{if gt (len .Aliases) 0}}

Alias : {{.NameAndAliases}}{{end}}{{if .HasExample}}

Exemples :
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

Commandes :{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Options :
{{flagUsages .LocalFlags}}{{end}}{{if .HasAvailableInheritedFlags}}

Options globales :
{{flagUsages .InheritedFlags}}{{end}}{{if .HasAvailableSubCommands}}

« {{.CommandPath}} COMMANDE --help » décrit une commande.{{end}}
`

func run(ctx context.Context, args []string, e env) int {
	a := &app{env: e}
	root := a.rootCommand()
	root.SetArgs(negativeValues(args))
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	err := root.ExecuteContext(ctx)
	if a.db != nil {
		if cerr := a.db.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}
	if terr := e.trace.write(); terr != nil && err == nil {
		err = terr
	}
	if err == nil {
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(e.stderr, "cpog : %s\n", cpog.PrintableLines(ue.msg))
		cmd, _, ferr := root.Find(args)
		if ferr != nil || cmd == nil {
			cmd = root
		}
		fmt.Fprintf(e.stderr, "usage : %s (cpog %s --help pour l’aide)\n", strings.TrimSpace(cmd.UseLine()), strings.TrimSpace(strings.TrimPrefix(cmd.CommandPath(), "cpog")))
		return 2
	}
	// an error may quote a file's text or a typed value: shown, never
	// obeyed by the terminal
	fmt.Fprintf(e.stderr, "cpog : %s\n", cpog.PrintableLines(userMessage(err)))
	return 1
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "cpog",
		Short: "prépare et conduit la négociation du CPOG d’une Caf avec la Cnaf",
		Long: `cpog prépare et conduit la négociation du CPOG (contrat pluriannuel d’objectifs et de gestion)
d’une Caf avec la Cnaf sur la COG 2023-2027 : sans commande, il ouvre l’interface plein écran.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Sprintf("commande inconnue : %q", cpog.Cite(args[0]))}
			}
			return nil
		},
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE:          a.runTUI,
	}
	root.CompletionOptions.DisableDefaultCmd = true
	// cobra's template functions are its package's; registering the same
	// pure function again is harmless
	cobra.AddTemplateFunc("flagUsages", flagUsages)
	root.SetUsageTemplate(usageTemplate)
	root.SetHelpTemplate(`{{with (or .Long .Short)}}{{. | trimTrailingWhitespaces}}

{{end}}{{if or .Runnable .HasSubCommands}}{{.UsageString}}{{end}}`)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return usageError{frenchFlagError(err)}
	})
	root.PersistentFlags().StringVar(&a.dbFlag, "db", "", "`FICHIER` de la base (défaut : $CPOG_DB, sinon le dossier de données de l’utilisateur)")
	root.PersistentFlags().StringVar(&a.cafFlag, "caf", "", "Caf à utiliser, par son `CODE` de département (ex. 91)")
	root.PersistentFlags().BoolP("help", "h", false, "affiche l’aide")
	root.SetHelpCommand(&cobra.Command{Use: "help [commande]", Short: "affiche l’aide d’une commande", Hidden: true,
		Run: func(c *cobra.Command, args []string) {
			cmd, _, e := c.Root().Find(args)
			if cmd == nil || e != nil {
				cmd = c.Root()
			}
			_ = cmd.Help()
		}})
	root.AddCommand(
		a.versionCommand(),
		a.indicatorsCommand(),
		a.cafsCommand(),
		a.cafCommand(),
		a.setCommand(),
		a.commentCommand(), a.explainCommand(), a.actionCommand(),
		a.baselineCommand(),
		a.actualCommand(),
		a.weightCommand(),
		a.engagementsCommand(),
		a.livrableCommand(),
		a.localActionCommand(),
		a.proposeCommand(),
		a.agreeCommand(),
		a.modeCommand(),
		a.undoCommand(),
		a.gapCommand(),
		a.bilanCommand(),
		a.networkCommand(),
		a.exportCommand(),
		a.importCommand(),
		a.historyCommand(),
		a.backupCommand(),
		a.doctorCommand(),
	)
	var quiet func(c *cobra.Command)
	quiet = func(c *cobra.Command) {
		// errors are printed once, in French, by run; Use already shows
		// each command's options
		c.SilenceErrors, c.SilenceUsage, c.DisableFlagsInUseLine = true, true, true
		for _, sub := range c.Commands() {
			quiet(sub)
		}
	}
	quiet(root)
	return root
}

// negativeValues lets a negative figure be typed as an argument ("-15 %"
// for the energy indicator, whose targets are falls): pflag would read it as
// short flags and fail with a usage error. Its hyphen becomes the minus sign
// U+2212, which ParseValue reads as a minus. The value of a flag
// ("--weight -1") is left alone: pflag already takes it as the value.
func negativeValues(args []string) []string {
	out := make([]string, len(args))
	copy(out, args)
	for i, a := range out {
		if a == "--" {
			break
		}
		rest, ok := strings.CutPrefix(strings.TrimSpace(a), "-")
		rest = strings.TrimSpace(rest)
		if !ok || rest == "" || rest[0] < '0' || rest[0] > '9' {
			continue
		}
		if i > 0 && strings.HasPrefix(out[i-1], "-") && !strings.Contains(out[i-1], "=") {
			continue // the value of the flag before it
		}
		out[i] = "\u2212" + rest
	}
	return out
}

func frenchFlagError(err error) string {
	msg := err.Error()
	r := strings.NewReplacer(
		"unknown shorthand flag", "option courte inconnue",
		"unknown flag", "option inconnue",
		"flag needs an argument", "l’option attend une valeur",
		"invalid argument", "valeur invalide",
		" for ", " pour ",
		" in ", " dans ",
	)
	return r.Replace(msg)
}

// args checks the number of positional arguments with a French message.
func args(min, max int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if len(a) < min {
			return usageError{fmt.Sprintf("%s : argument manquant", cmd.Name())}
		}
		if max >= 0 && len(a) > max {
			return usageError{fmt.Sprintf("%s : trop d’arguments (%s)", cmd.Name(), strings.Join(a[max:], " "))}
		}
		return nil
	}
}

// store opens the existing database on first use: --db, then CPOG_DB,
// then the user's data directory. A database that does not exist is
// refused («base introuvable»): a mistyped --db must not become a new
// database that doctor calls healthy and backup copies.
func (a *app) store(ctx context.Context) (*store.DB, error) { return a.open(ctx, false) }

// storeCreating is store for the commands that create a Caf's contract
// (the interface's first run, caf set, import): they create the database
// when it does not exist yet.
func (a *app) storeCreating(ctx context.Context) (*store.DB, error) { return a.open(ctx, true) }

func (a *app) open(ctx context.Context, create bool) (*store.DB, error) {
	if a.db != nil {
		return a.db, nil
	}
	path, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	busy, err := busyTimeout(a.getenv)
	if err != nil {
		return nil, err
	}
	db, err := store.OpenWith(ctx, path, store.Options{BusyTimeout: busy, MustExist: !create})
	if err != nil {
		return nil, err
	}
	a.db = db
	return db, nil
}

// dbPath is the database's file: --db, then CPOG_DB, then the user's data
// directory.
func (a *app) dbPath() (string, error) {
	path := a.dbFlag
	if path == "" {
		path = a.getenv("CPOG_DB")
	}
	if path == "" {
		return defaultDBPath(a.getenv)
	}
	return path, nil
}

// busyTimeoutEnv names the variable that shortens or lengthens how long a
// write waits for another cpog's lock (store.DefaultBusyTimeout when
// unset): the end-to-end tests shorten it, an operator on a slow network
// share may lengthen it.
const busyTimeoutEnv = "CPOG_BUSY_TIMEOUT_MS"

func busyTimeout(getenv func(string) string) (time.Duration, error) {
	s := strings.TrimSpace(getenv(busyTimeoutEnv))
	if s == "" {
		return 0, nil
	}
	ms, err := strconv.Atoi(s)
	if err != nil || ms <= 0 || ms > 3_600_000 {
		return 0, cpog.Errorf(cpog.EInvalid, fmt.Sprintf("%s=%q : un nombre de millisecondes entre 1 et 3 600 000 est attendu", busyTimeoutEnv, cpog.Cite(s)))
	}
	return time.Duration(ms) * time.Millisecond, nil
}

// session is what a negotiation command works on.
type session struct {
	db  *store.DB
	ref *cpog.Referential
	c   *cpog.Contract
}

// session opens the store and loads the contract of the Caf in use (--caf
// or the one chosen before).
func (a *app) session(ctx context.Context) (*session, error) {
	return a.sessionOf(ctx, store.Whole)
}

// sessionOf is session reading only some parts of the contract
// (store.ContractParts), for the listings that show no more: a command
// that changes the contract starts from a whole one.
func (a *app) sessionOf(ctx context.Context, parts store.Part) (*session, error) {
	db, err := a.store(ctx)
	if err != nil {
		return nil, err
	}
	code := a.cafFlag
	if code == "" {
		cur, ok, err := db.CurrentCaf(ctx)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, cpog.Errorf(cpog.EInvalid, "aucune Caf choisie : lancez « cpog caf set CODE » (ex. cpog caf set 91) ou ouvrez cpog")
		}
		code = cur
	} else if _, err := db.SelectCaf(ctx, code, cpog.None); err != nil {
		return nil, err
	}
	ref, err := db.Referential(ctx)
	if err != nil {
		return nil, err
	}
	c, err := db.ContractParts(ctx, cpog.NormalizeCafCode(code), parts)
	if err != nil {
		return nil, err
	}
	return &session{db: db, ref: ref, c: c}, nil
}
