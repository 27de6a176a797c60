package cpog

// Source is where an imported change came from: the file's name, its
// digest as read, and the actor the file declares. A declared actor is
// only what the file says: the digest of an exchange file is a plain
// SHA-256 anyone can recompute, which catches accidental edits, not
// forgery. The history therefore says "importé de …, déclaré par la
// Cnaf", never that the Cnaf itself made the change.
type Source struct {
	File   string // the file's name, as given to the import
	Digest string // "sha256:" and the hex digest
	Actor  Actor  // the actor the file declares; "" when it declares none
}

// Imported reports whether the change came from a file.
func (s Source) Imported() bool { return s.File != "" }

// declaredBy names, in French, who a file says issued it.
func (a Actor) declaredBy() string {
	switch a {
	case ActorCnaf:
		return "la Cnaf"
	case ActorBoth:
		return "la Caf et la Cnaf"
	case ActorCaf:
		return "la Caf"
	}
	return ""
}

// Describe is the French account of where a change came from: "importé
// de cpog-91-cnaf.json, déclaré par la Cnaf". The file name is shown as
// printable text (it is the outside world's).
func (s Source) Describe() string {
	if !s.Imported() {
		return ""
	}
	out := "importé de " + Cite(s.File)
	if by := s.Actor.declaredBy(); by != "" {
		out += ", déclaré par " + by
	}
	return out
}

// Who names the author of an event for the history: the actor, or for an
// imported change where it came from and whom the file declares.
func (e Event) Who() string {
	if e.Source.Imported() {
		return e.Source.Describe()
	}
	return e.Actor.Label()
}
