package tui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
	"github.com/cnaf-tools/cpog/store"
)

// exportState is the x dialog: a format, a file name, and two switches.
type exportState struct {
	format     int // index in exchange.Formats()
	path       textinput.Model
	agreedOnly bool
	force      bool
	defaulted  bool // the name is still the default one: follow the format
	err        string
}

// importState is the i dialog: a path, then the dry run's report to confirm.
type importState struct {
	path    textinput.Model
	report  *exchange.ImportReport // the dry run, awaiting confirmation
	problem []string
	err     string
}

type (
	exportedMsg struct{ path string }
	// importCheckedMsg carries a dry run's report, or its problems.
	importCheckedMsg struct {
		report *exchange.ImportReport
		err    error
	}
	importedMsg struct {
		report *exchange.ImportReport
		c      *cpog.Contract
	}
)

func (m *Model) openExport() {
	e := &exportState{path: newInput("fichier : ", "", 60), defaulted: true}
	e.path.SetValue(exchange.DefaultFileName(m.c.Caf.Code, exchange.Formats()[0], m.today()))
	m.export = e
}

func (m Model) today() time.Time {
	if m.opts.Now != nil {
		return m.opts.Now()
	}
	return time.Now()
}

func (m Model) updateExport(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	e := *m.export
	m.export = &e
	formats := exchange.Formats()
	switch msg.String() {
	case "esc":
		m.export = nil
		return m, nil
	case "left", "right":
		d := 1
		if msg.String() == "left" {
			d = len(formats) - 1
		}
		e.format = (e.format + d) % len(formats)
		if e.defaulted {
			e.path.SetValue(exchange.DefaultFileName(m.c.Caf.Code, formats[e.format], m.today()))
		}
		e.err = ""
		return m, nil
	case "tab":
		e.agreedOnly = !e.agreedOnly
		return m, nil
	case "ctrl+f":
		e.force = !e.force
		return m, nil
	case "enter":
		path := strings.TrimSpace(e.path.Value())
		if path == "" {
			e.err = "indiquez un nom de fichier"
			return m, nil
		}
		opts := exchange.ExportOptions{Format: formats[e.format], AgreedOnly: e.agreedOnly, Force: e.force, Caf: m.c.Caf.Code, Now: m.today()}
		return m, exportFile(m.ctx, m.db, path, opts)
	}
	var cmd tea.Cmd
	e.path, cmd = e.path.Update(msg)
	e.defaulted, e.err = false, ""
	return m, cmd
}

func exportFile(ctx context.Context, db *store.DB, path string, opts exchange.ExportOptions) tea.Cmd {
	return func() tea.Msg {
		p, err := exchange.ExportFile(ctx, db, path, opts)
		if err != nil {
			return errMsg{err}
		}
		abs, aerr := filepath.Abs(p)
		if aerr == nil {
			p = abs
		}
		return exportedMsg{path: p}
	}
}

func (m *Model) openImport() {
	m.importing = &importState{path: newInput("fichier : ", "", 60)}
}

func (m Model) updateImport(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	s := *m.importing
	m.importing = &s
	switch msg.String() {
	case "esc":
		if s.report != nil {
			s.report = nil
			return m, nil
		}
		m.importing = nil
		return m, nil
	case "enter":
		path := strings.TrimSpace(s.path.Value())
		if path == "" {
			s.err = "indiquez le fichier à importer (JSON d’échange, ou réalisés en CSV ou XLSX)"
			return m, nil
		}
		if s.report != nil {
			return m, importFile(m.ctx, m.db, path, m.c.Caf.Code)
		}
		return m, checkImport(m.ctx, m.db, path, m.c.Caf.Code)
	}
	if s.report != nil {
		return m, nil
	}
	var cmd tea.Cmd
	s.path, cmd = s.path.Update(msg)
	s.err, s.problem = "", nil
	return m, cmd
}

func checkImport(ctx context.Context, db *store.DB, path, caf string) tea.Cmd {
	return func() tea.Msg {
		rep, err := exchange.ImportFile(ctx, db, path, exchange.ImportOptions{Caf: caf, DryRun: true})
		return importCheckedMsg{report: rep, err: err}
	}
}

func importFile(ctx context.Context, db *store.DB, path, caf string) tea.Cmd {
	return func() tea.Msg {
		rep, err := exchange.ImportFile(ctx, db, path, exchange.ImportOptions{Caf: caf})
		if err != nil {
			return importCheckedMsg{err: err}
		}
		c, err := db.Contract(ctx, rep.Caf.Code)
		if err != nil {
			return errMsg{err}
		}
		return importedMsg{report: rep, c: c}
	}
}

// importProblems lists an import's problems one per line.
func importProblems(err error) []string {
	var ie *exchange.ImportError
	if errors.As(err, &ie) {
		out := make([]string, 0, len(ie.Problems))
		for _, p := range ie.Problems {
			out = append(out, p.String())
		}
		if len(out) > 0 {
			return out
		}
	}
	return []string{errorText(err)}
}

func (m Model) exportView(w, h int) []string {
	e := m.export
	var fs []string
	for i, f := range exchange.Formats() {
		label := string(f)
		if i == e.format {
			label = m.styles.Selected.Render(" " + label + " ")
		} else {
			label = " " + label + " "
		}
		fs = append(fs, label)
	}
	check := func(b bool) string {
		if b {
			return "[x]"
		}
		return "[ ]"
	}
	out := []string{
		m.styles.Title.Render(" Exporter le CPOG de la " + m.c.Caf.Label()),
		"",
		" format (←→) : " + strings.Join(fs, " "),
		m.styles.Dim.Render("   " + exportHint(exchange.Formats()[e.format])),
		"",
		" " + e.path.View(),
		m.styles.Dim.Render("   dans " + m.cwd()),
		"",
		fmt.Sprintf(" %s valeurs validées seulement (tab)", check(e.agreedOnly)),
		fmt.Sprintf(" %s remplacer le fichier s’il existe (ctrl+f)", check(e.force)),
		"",
		m.styles.Dim.Render(" ⏎ exporter · échap annuler · le fichier est créé lisible par vous seul"),
	}
	if e.err != "" {
		out = append(out, "", " "+m.styles.Error.Render("✗ "+e.err))
	}
	return out
}

func exportHint(f exchange.Format) string {
	switch f {
	case exchange.XLSX:
		return "classeur Excel : feuilles CPOG, Synthèse et Historique"
	case exchange.CSV:
		return "tableau pour Excel en français (séparateur ;, virgule décimale)"
	case exchange.JSON:
		return "fichier d’échange à transmettre à la Cnaf ou à un autre poste"
	case exchange.Markdown:
		return "annexe CPOG en texte (Markdown)"
	case exchange.HTML:
		return "annexe CPOG à imprimer et signer (une page HTML autonome)"
	}
	return ""
}

func (m Model) cwd() string {
	if m.opts.Dir != "" {
		return m.opts.Dir
	}
	return "le dossier courant"
}

func (m Model) importView(w, h int) []string {
	s := m.importing
	out := []string{
		m.styles.Title.Render(" Importer un fichier"),
		m.styles.Dim.Render(" un fichier d’échange JSON (contre-propositions de la Cnaf, autre poste) ou des réalisés en CSV ou XLSX (code;année;valeur[;sous-indicateur])"),
		"",
		" " + s.path.View(),
		"",
	}
	switch {
	case s.report != nil:
		out = append(out, " "+m.styles.Bold.Render(s.report.Summary()))
		for i, l := range s.report.Lines {
			if len(out) >= h-3 {
				out = append(out, m.styles.Dim.Render(fmt.Sprintf("   … et %d autres", len(s.report.Lines)-i)))
				break
			}
			out = append(out, "   "+l)
		}
		out = append(out, "", m.styles.Dim.Render(" ⏎ importer (une seule étape, annulable avec u) · échap revenir"))
	case len(s.problem) > 0:
		out = append(out, " "+m.styles.Error.Render("✗ fichier refusé, rien n’a été écrit :"))
		for i, p := range s.problem {
			if len(out) >= h-2 {
				out = append(out, m.styles.Dim.Render(fmt.Sprintf("   … et %d autres problèmes", len(s.problem)-i)))
				break
			}
			out = append(out, "   "+m.styles.Error.Render(p))
		}
	default:
		out = append(out, m.styles.Dim.Render(" ⏎ vérifier le fichier (rien n’est écrit avant votre confirmation) · échap annuler"))
	}
	if s.err != "" {
		out = append(out, "", " "+m.styles.Error.Render("✗ "+s.err))
	}
	return out
}
