package tui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
)

// importDialog brings a file into the Caf's CPOG in two steps: a dry run
// that lists what would change (or every problem), then the import itself,
// one undoable step.
type importDialog struct {
	path    input
	report  *exchange.ImportReport // the dry run, awaiting confirmation
	problem []string
	err     string
}

func newImportDialog(s *state) importDialog {
	return importDialog{path: newInput("fichier : ", "", 60)}
}

func (d importDialog) Update(s *state, msg tea.Msg) (dialog, tea.Cmd) {
	switch msg := msg.(type) {
	case importCheckedMsg:
		if msg.err != nil {
			d.report, d.problem = nil, importProblems(msg.err)
		} else {
			d.report, d.problem = msg.report, nil
		}
		return d, nil
	case importedMsg:
		s.c = msg.c
		s.info, s.err = msg.report.Summary(), ""
		return nil, nil
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, s.keys.Back):
			if d.report != nil {
				d.report = nil
				return d, nil
			}
			return nil, nil
		case key.Matches(msg, s.keys.Enter):
			path := strings.TrimSpace(d.path.Value())
			if path == "" {
				d.err = "indiquez le fichier à importer (JSON d’échange, CSV ou classeur exporté par cpog, réalisés en CSV ou XLSX)"
				return d, nil
			}
			if d.report != nil {
				return d, s.importCmd(path)
			}
			return d, s.checkImportCmd(path)
		}
		if d.report != nil {
			return d, nil
		}
	}
	var cmd tea.Cmd
	d.path, cmd = d.path.Update(msg)
	d.err, d.problem = "", nil
	return d, cmd
}

// importProblems lists an import's problems one per line.
func importProblems(err error) []string {
	var ie *exchange.ImportError
	if errors.As(err, &ie) {
		out := make([]string, 0, len(ie.Problems))
		for _, p := range ie.Problems {
			out = append(out, cpog.Printable(p.String()))
		}
		if len(out) > 0 {
			return out
		}
	}
	return []string{errorText(err)}
}

func (d importDialog) ShortHelp(s *state) []key.Binding {
	return []key.Binding{hint("vérifier / importer", s.keys.Enter), hint("annuler", s.keys.Back)}
}

func (d importDialog) View(s *state, w, h int) []string {
	k := s.keys
	out := []string{
		s.styles.Title.Render(" Importer un fichier"),
		s.styles.Dim.Render(" un fichier d’échange JSON (Cnaf, autre poste), le CSV ou le classeur exporté par cpog et modifié dans un tableur, ou des réalisés en CSV ou XLSX"),
		"",
		" " + d.path.View(),
		"",
	}
	switch {
	case d.report != nil:
		out = append(out, " "+s.styles.Bold.Render(cpog.Printable(d.report.Summary())))
		for i, l := range d.report.Lines {
			if len(out) >= h-3 {
				out = append(out, s.styles.Dim.Render(fmt.Sprintf("   … et %d autres", len(d.report.Lines)-i)))
				break
			}
			out = append(out, "   "+cpog.Printable(l))
		}
		out = append(out, "", " "+s.help.ShortHelpView([]key.Binding{
			hint("importer (une seule étape, annulable avec "+keyName(k.Undo)+")", k.Enter), hint("revenir", k.Back)}))
	case len(d.problem) > 0:
		out = append(out, " "+s.styles.Error.Render("✗ fichier refusé, rien n’a été écrit :"))
		for i, p := range d.problem {
			if len(out) >= h-2 {
				out = append(out, s.styles.Dim.Render(fmt.Sprintf("   … et %d autres problèmes", len(d.problem)-i)))
				break
			}
			out = append(out, "   "+s.styles.Error.Render(p))
		}
	default:
		out = append(out, " "+s.help.ShortHelpView([]key.Binding{
			hint("vérifier le fichier (rien n’est écrit avant votre confirmation)", k.Enter), hint("annuler", k.Back)}))
	}
	if d.err != "" {
		out = append(out, "", " "+s.styles.Error.Render("✗ "+d.err))
	}
	return out
}
