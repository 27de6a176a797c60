package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// keyMap is the one keymap of the interface: screens and dialogs match keys
// only through it, and the footer and the help page are built from it.
type keyMap struct {
	Up, Down, Left, Right     key.Binding
	Enter, Back               key.Binding
	Edit, Counter, Actual     key.Binding
	Baseline, Weight          key.Binding
	Propose, Agree, AgreeAll  key.Binding
	Undo, Comment, ShareKey   key.Binding
	Explain, Corrective       key.Binding
	Mode, PrevYear, NextYear  key.Binding
	Search, Synthese, Refresh key.Binding
	Toggle, Network           key.Binding
	View, AddLocal            key.Binding
	RemoveLocal               key.Binding
	Export, Import, Retry     key.Binding
	Help, Quit, ForceQuit     key.Binding

	// Keys of the dialogs, where letters are text: lists move with the
	// arrows (and Emacs' ctrl+p/ctrl+n), choices with ←→.
	ListUp, ListDown       key.Binding
	PrevChoice, NextChoice key.Binding
	AgreedOnly, Force      key.Binding
	NextField, PrevField   key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "monter")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "descendre")),
		Left:        key.NewBinding(key.WithKeys("left", "h", "shift+tab"), key.WithHelp("←/h", "volet gauche / année −")),
		Right:       key.NewBinding(key.WithKeys("right", "l", "tab"), key.WithHelp("→/l", "volet droit / année +")),
		Enter:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("⏎", "détail / saisir")),
		Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("échap", "retour / annuler")),
		Edit:        key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "saisir la proposition Caf")),
		Counter:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "contre-proposition Cnaf")),
		Actual:      key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "saisir le réalisé (détail)")),
		Baseline:    key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "valeur de départ (détail)")),
		Weight:      key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "poids de la Caf")),
		Propose:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "proposer à la Cnaf")),
		Agree:       key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "valider l’année (accord Caf–Cnaf)")),
		AgreeAll:    key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "valider tout l’indicateur")),
		Comment:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "commentaire de l’année")),
		Explain:     key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "bilan : explication de l’écart (détail)")),
		Corrective:  key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "bilan : action corrective (détail)")),
		ShareKey:    key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "clé de répartition (détail)")),
		Undo:        key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "annuler la dernière saisie")),
		Mode:        key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mode de déclinaison")),
		PrevYear:    key.NewBinding(key.WithKeys("["), key.WithHelp("[", "année précédente")),
		NextYear:    key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "année suivante")),
		Search:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "chercher")),
		Synthese:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "synthèse")),
		Refresh:     key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "relire la base")),
		Export:      key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "exporter")),
		Import:      key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "importer")),
		Retry:       key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "réessayer un enregistrement")),
		Network:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "réseau des Caf")),
		Toggle:      key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "synthèse : écarts / bilan")),
		View:        key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "fiche : indicateurs / engagements")),
		AddLocal:    key.NewBinding(key.WithKeys("+"), key.WithHelp("+", "ajouter une action locale")),
		RemoveLocal: key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "retirer l’action locale")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "aide")),
		Quit:        key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quitter")),
		ForceQuit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quitter")),
		ListUp:      key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "précédent")),
		ListDown:    key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "suivant")),
		PrevChoice:  key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "choix précédent")),
		NextChoice:  key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "choix suivant")),
		AgreedOnly:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "validés seulement")),
		Force:       key.NewBinding(key.WithKeys("ctrl+f"), key.WithHelp("ctrl+f", "remplacer le fichier")),
		NextField:   key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab/↓", "champ suivant")),
		PrevField:   key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("⇧tab/↑", "champ précédent")),
	}
}

// helpGroup is one theme of the help page.
type helpGroup struct {
	title string
	keys  []key.Binding
}

// FullHelp is what ? shows, by theme.
func (k keyMap) FullHelp() []helpGroup {
	return []helpGroup{
		{"Se déplacer", []key.Binding{k.Up, k.Down, k.Left, k.Right, k.Enter, k.Back, k.PrevYear, k.NextYear}},
		{"Négocier", []key.Binding{k.Edit, k.Counter, k.Propose, k.Agree, k.AgreeAll, k.Undo, k.Mode, k.Comment, k.Baseline, k.Actual, k.Explain, k.Corrective, k.Weight, k.ShareKey}},
		{"Plan d’actions", []key.Binding{k.View, k.AddLocal, k.RemoveLocal}},
		{"Outils", []key.Binding{k.Search, k.Synthese, k.Toggle, k.Network, k.Export, k.Import, k.Refresh, k.Retry, k.Help, k.Quit, k.ForceQuit}},
	}
}

// hint is a footer entry: the bindings' keys under one short description
// ("↑↓ naviguer"). The key names come from the bindings, so that a key
// changed in the keymap changes in every footer.
func hint(desc string, bs ...key.Binding) key.Binding {
	var keys, glyphs []string
	arrows := true
	for _, b := range bs {
		keys = append(keys, b.Keys()...)
		// "↑/k" is named by its first key; "/" is a key itself
		g := b.Help().Key
		if i := strings.Index(g, "/"); i > 0 {
			g = g[:i]
		}
		glyphs = append(glyphs, g)
		arrows = arrows && strings.ContainsAny(g, "←→↑↓") && len([]rune(g)) == 1
	}
	// arrows read as one glyph ("↑↓"), other keys as a list ("[ ]")
	sep := " "
	if arrows {
		sep = ""
	}
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(strings.Join(glyphs, sep), desc))
}

// keyName is how a text names the bindings' keys: "tab", "←→".
func keyName(bs ...key.Binding) string { return hint("", bs...).Help().Key }
