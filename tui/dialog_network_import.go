package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// networkImportDialog loads other Caf's exchange files into the network
// dataset: a folder of them, or one file. One path, as typed: folders'
// names have spaces.
type networkImportDialog struct {
	path input
	err  string
}

func newNetworkImportDialog() networkImportDialog {
	return networkImportDialog{path: newInput("dossier ou fichier : ", "", 60)}
}

func (d networkImportDialog) Update(s *state, msg tea.Msg) (dialog, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, s.keys.Back):
			return nil, nil
		case key.Matches(k, s.keys.Enter):
			path := strings.TrimSpace(d.path.Value())
			if path == "" {
				d.err = "indiquez un dossier de fichiers d’échange JSON (un par Caf) ou un fichier"
				return d, nil
			}
			s.info = "import du réseau en cours…"
			return nil, s.importNetworkCmd([]string{path})
		}
	}
	var cmd tea.Cmd
	d.path, cmd = d.path.Update(msg)
	d.err = ""
	return d, cmd
}

func (d networkImportDialog) ShortHelp(s *state) []key.Binding {
	return []key.Binding{hint("importer", s.keys.Enter), hint("annuler", s.keys.Back)}
}

func (d networkImportDialog) View(s *state, w, h int) []string {
	out := []string{
		s.styles.Title.Render(" Importer les CPOG d’autres Caf dans le réseau"),
		s.styles.Dim.Render(" un dossier de fichiers d’échange JSON, un par Caf (le plus récent l’emporte) ; votre propre CPOG n’est pas touché"),
		"",
		" " + d.path.View(),
	}
	if d.err != "" {
		out = append(out, "", " "+s.styles.Error.Render("✗ "+d.err))
	}
	return out
}
