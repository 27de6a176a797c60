package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
)

// exportDialog writes the CPOG to a file: a format, a file name, and two
// switches.
type exportDialog struct {
	format     int // index in exchange.Formats()
	path       input
	agreedOnly bool
	force      bool
	defaulted  bool // the name is still the default one: it follows the format
	err        string
}

func newExportDialog(s *state) exportDialog {
	name := exportName(s, exchange.Formats()[0])
	return exportDialog{path: newInput("fichier : ", name, 60), defaulted: true}
}

func (d exportDialog) Update(s *state, msg tea.Msg) (dialog, tea.Cmd) {
	switch msg := msg.(type) {
	case exportedMsg:
		s.info, s.err = "exporté : "+msg.path, ""
		return nil, nil
	case tea.KeyPressMsg:
		formats := exchange.Formats()
		switch {
		case key.Matches(msg, s.keys.Back):
			return nil, nil
		case key.Matches(msg, s.keys.PrevChoice, s.keys.NextChoice):
			step := 1
			if key.Matches(msg, s.keys.PrevChoice) {
				step = len(formats) - 1
			}
			d.format = (d.format + step) % len(formats)
			if d.defaulted {
				d.path = newInput("fichier : ", exportName(s, formats[d.format]), 60)
			}
			d.err = ""
			return d, nil
		case key.Matches(msg, s.keys.AgreedOnly):
			d.agreedOnly = !d.agreedOnly
			return d, nil
		case key.Matches(msg, s.keys.Force):
			d.force = !d.force
			return d, nil
		case key.Matches(msg, s.keys.Enter):
			path := strings.TrimSpace(d.path.Value())
			if path == "" {
				d.err = "indiquez un nom de fichier"
				return d, nil
			}
			opts := exchange.ExportOptions{Format: formats[d.format], AgreedOnly: d.agreedOnly, Force: d.force, Caf: s.c.Caf.Code, Now: s.today(), BilanDue: s.opts.BilanDue}
			return d, s.exportCmd(path, opts)
		}
	}
	var cmd tea.Cmd
	d.path, cmd = d.path.Update(msg)
	d.defaulted, d.err = false, ""
	return d, cmd
}

func (d exportDialog) ShortHelp(s *state) []key.Binding {
	k := s.keys
	return []key.Binding{hint("format", k.PrevChoice, k.NextChoice), hint("validés seulement", k.AgreedOnly), hint("remplacer", k.Force),
		hint("exporter", k.Enter), hint("annuler", k.Back)}
}

func (d exportDialog) View(s *state, w, h int) []string {
	var fs []string
	for i, f := range exchange.Formats() {
		label := " " + string(f) + " "
		if i == d.format {
			label = s.styles.Selected.Render(label)
		}
		fs = append(fs, label)
	}
	check := func(b bool) string {
		if b {
			return "[x]"
		}
		return "[ ]"
	}
	k := s.keys
	out := []string{
		s.styles.Title.Render(" Exporter le CPOG de la " + s.c.Caf.Label()),
		"",
	}
	out = append(out, wrapChoices(fmt.Sprintf(" format (%s) : ", keyName(k.PrevChoice, k.NextChoice)), fs, w)...)
	for _, l := range wrap(exportHint(exchange.Formats()[d.format]), w-4) {
		out = append(out, s.styles.Dim.Render("   "+l))
	}
	out = append(out,
		"",
		" "+d.path.View(),
		s.styles.Dim.Render("   dans "+s.cwd()),
		"",
		fmt.Sprintf(" %s valeurs validées seulement (%s)", check(d.agreedOnly), keyName(k.AgreedOnly)),
		fmt.Sprintf(" %s remplacer le fichier s’il existe (%s)", check(d.force), keyName(k.Force)),
		"",
		" "+s.help.ShortHelpView([]key.Binding{hint("exporter", k.Enter), hint("annuler", k.Back)})+
			s.styles.Dim.Render(" · le fichier est créé lisible par vous seul"),
	)
	if d.err != "" {
		out = append(out, "", " "+s.styles.Error.Render("✗ "+d.err))
	}
	return out
}

// exportName is the file name an export gets by default: a bilan's or an
// actuals template's names its year, the one the export writes (the next
// bilan due).
func exportName(s *state, f exchange.Format) string {
	year := 0
	if f.Yearly() {
		year = cpog.NextBilanYear(s.ref, s.opts.BilanDue, s.today())
	}
	return exchange.FileName(s.c.Caf.Code, f, year, s.today())
}

func exportHint(f exchange.Format) string {
	switch f {
	case exchange.XLSX:
		return "classeur Excel : annexe CPOG imprimable, données, synthèse, bilan, engagements, historique"
	case exchange.CSV:
		return "tableau pour Excel en français (séparateur ;, virgule décimale)"
	case exchange.JSON:
		return "fichier d’échange à transmettre à la Cnaf ou à un autre poste"
	case exchange.Markdown:
		return "annexe CPOG en texte (Markdown)"
	case exchange.HTML:
		return "annexe CPOG à imprimer et signer (une page HTML autonome)"
	case exchange.BilanHTML:
		return "bilan annuel à imprimer : synthèse, indicateurs, livrables (une page HTML autonome)"
	case exchange.BilanMarkdown:
		return "bilan annuel en texte (Markdown)"
	case exchange.ActualsTemplate:
		return "modèle des réalisés du bilan à remplir puis importer (CSV ; nommez-le .xlsx pour un classeur)"
	}
	return ""
}

func (s *state) cwd() string {
	if s.opts.Dir != "" {
		return s.opts.Dir
	}
	return "le dossier courant"
}
