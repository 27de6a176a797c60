package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/cnaf-tools/cpog"
)

// followDialog is the follow-up of an item of the plan d'actions — its
// status, due month, pilot, comment and evidence, and a local action's
// wording — or a new local action under an engagement. tab and shift+tab
// move between the fields, ←→ choose the status.
type followDialog struct {
	title  string
	item   cpog.ItemKey // the item followed; the engagement for a new local action
	create bool
	local  bool
	status int // index in statusChoices
	fields []input
	names  []string
	// orig are the texts the fields opened on: shown with placeholders
	// for their control characters, each is kept as it was unless retyped.
	orig    []string
	focused int // -1: the status; else an index in fields
	err     string
}

// statusChoices are the statuses offered, "non suivi" first.
func statusChoices() []cpog.FollowStatus {
	return append([]cpog.FollowStatus{cpog.FollowNone}, cpog.FollowStatuses()...)
}

func newFollowDialog(s *state, it cpog.Item) followDialog {
	f := it.FollowUp
	d := followDialog{title: "Suivi · " + it.Key.String() + " · " + cpog.Printable(it.Label), item: it.Key, local: it.Local, focused: -1}
	for i, st := range statusChoices() {
		if st == f.Status {
			d.status = i
		}
	}
	d.addFields(f, s.width)
	return d
}

func newLocalActionDialog(s *state, engagement cpog.ItemKey) followDialog {
	d := followDialog{title: "Nouvelle action locale · " + engagement.String(), item: engagement, create: true, local: true, status: 1}
	d.addFields(cpog.FollowUp{}, s.width)
	d.focused = 0
	return d
}

// fieldColumn is where the fields start on a row, after the marker and the
// field's name (View).
const fieldColumn = 38

// addFields adds the text fields, as wide as a screen of width w leaves
// them after their names: the cursor of a long comment stays on screen at
// 80 columns.
func (d *followDialog) addFields(f cpog.FollowUp, w int) {
	due := ""
	if f.Due != "" {
		due = cpog.FormatDue(f.Due)
	}
	wide := max(12, min(70, w-fieldColumn-2))
	if d.local {
		d.names = append(d.names, "libellé")
		d.fields = append(d.fields, newTextInput("", cpog.Printable(f.Label), wide))
		d.orig = append(d.orig, f.Label)
	}
	d.names = append(d.names, "échéance (MM/AAAA)", "pilote", "commentaire", "preuve (fichier, adresse, texte)")
	d.fields = append(d.fields, newInput("", due, 12), newTextInput("", cpog.Printable(f.Pilot), min(40, wide)), newTextInput("", cpog.Printable(f.Comment), wide), newTextInput("", cpog.Printable(f.Evidence), wide))
	d.orig = append(d.orig, due, f.Pilot, f.Comment, f.Evidence)
}

// text is a field's text: as it opened when it was not retyped.
func (d followDialog) text(i int) string {
	v := d.fields[i].Value()
	if i < len(d.orig) && v == cpog.Printable(d.orig[i]) {
		return d.orig[i]
	}
	return strings.TrimSpace(v)
}

func (d followDialog) Update(s *state, msg tea.Msg) (dialog, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		keys := s.keys
		switch {
		case key.Matches(k, keys.Back):
			return nil, nil
		case key.Matches(k, keys.Enter):
			return d.save(s)
		case key.Matches(k, keys.NextField):
			d.focused = min(len(d.fields)-1, d.focused+1)
			return d, nil
		case key.Matches(k, keys.PrevField):
			d.focused = max(-1, d.focused-1)
			return d, nil
		case d.focused == -1 && key.Matches(k, keys.PrevChoice):
			d.status = (d.status + len(statusChoices()) - 1) % len(statusChoices())
			return d, nil
		case d.focused == -1 && key.Matches(k, keys.NextChoice):
			d.status = (d.status + 1) % len(statusChoices())
			return d, nil
		}
	}
	if d.focused < 0 {
		return d, nil
	}
	fields := append([]input(nil), d.fields...)
	var cmd tea.Cmd
	fields[d.focused], cmd = fields[d.focused].Update(msg)
	d.fields, d.err = fields, ""
	return d, cmd
}

// value reads the form.
func (d followDialog) value() (cpog.FollowUp, error) {
	var f cpog.FollowUp
	i := 0
	if d.local {
		f.Label = d.text(0)
		i = 1
	}
	due, err := cpog.ParseDue(d.fields[i].Value())
	if err != nil {
		return f, err
	}
	f.Status, f.Due = statusChoices()[d.status], due
	f.Pilot, f.Comment, f.Evidence = d.text(i+1), d.text(i+2), d.text(i+3)
	return f, nil
}

func (d followDialog) save(s *state) (dialog, tea.Cmd) {
	f, err := d.value()
	var ch cpog.Change
	if err == nil {
		if d.create {
			ch, _, err = cpog.AddLocalAction(s.ref, s.c, d.item, f)
		} else {
			ch, err = cpog.SetFollowUp(s.ref, s.c, d.item, f)
		}
	}
	if err != nil {
		d.err = errorText(err)
		return d, nil
	}
	if len(ch.Edits) == 0 {
		s.info = "inchangé : " + d.item.String()
		return nil, nil
	}
	return nil, s.applyCmd(ch)
}

func (d followDialog) ShortHelp(s *state) []key.Binding {
	k := s.keys
	return []key.Binding{hint("champ", k.NextField, k.PrevField), hint("avancement", k.PrevChoice, k.NextChoice), hint("enregistrer", k.Enter), hint("annuler", k.Back)}
}

func (d followDialog) View(s *state, w, h int) []string {
	out := []string{s.styles.Title.Render(fit(" "+d.title, w)), ""}
	marker := func(i int) string {
		if d.focused == i {
			return s.styles.Key.Render("▸")
		}
		return " "
	}
	var choices []string
	for i, st := range statusChoices() {
		label := " " + st.Symbol() + " " + st.Label() + " "
		if i == d.status {
			label = s.styles.Selected.Render(label)
		}
		choices = append(choices, label)
	}
	out = append(out, fmt.Sprintf(" %s %-34s %s", marker(-1), "avancement ("+keyName(s.keys.PrevChoice, s.keys.NextChoice)+")", strings.Join(choices, " ")))
	for i, f := range d.fields {
		view := f.View()
		if d.focused != i {
			view = f.Value()
		}
		out = append(out, fmt.Sprintf(" %s %-34s %s", marker(i), d.names[i], view))
	}
	out = append(out, "", s.styles.Dim.Render(" Les années d’échéance imprimées dans la COG ne sont pas reprises ici : la Caf fixe les siennes."))
	if d.err != "" {
		out = append(out, "", " "+s.styles.Error.Render("✗ "+d.err))
	}
	return append(out, "", " "+s.help.ShortHelpView(d.ShortHelp(s)))
}
