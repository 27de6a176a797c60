package cpog

import (
	"fmt"
	"sort"
	"strings"
)

// CafKind distinguishes the Caf from the two caisses that also carry the
// branche Famille in their département.
type CafKind string

// Kinds of local body.
const (
	KindCaf CafKind = "Caf"
	// KindCCSS is the caisse commune de sécurité sociale (Lozère).
	KindCCSS CafKind = "CCSS"
	// KindCSS is the Caisse de sécurité sociale de Mayotte, as the COG
	// names it.
	KindCSS CafKind = "CSS"
)

// Valid reports whether k is a known kind.
func (k CafKind) Valid() bool { return k == KindCaf || k == KindCCSS || k == KindCSS }

// Article is the kind with its French article, as a document says who
// signs: "la Caf", "la CCSS", "la CSS".
func (k CafKind) Article() string { return "la " + string(k) }

// Caf is one of the 101 local bodies, identified by its département code.
type Caf struct {
	Code        string // "01" … "95", "2A", "2B", "971" … "976"
	Departement string
	Kind        CafKind
	Name        string
}

// Label is how the header names the Caf: "Caf de l'Essonne (91)".
func (c Caf) Label() string { return fmt.Sprintf("%s (%s)", c.Name, c.Code) }

// NormalizeCafCode accepts the ways people write a département code ("1",
// "01", "2a", " 91 ") and returns the canonical form.
func NormalizeCafCode(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) == 1 && s[0] >= '0' && s[0] <= '9' {
		return "0" + s
	}
	return s
}

// MatchCaf reports whether the Caf answers a filter typed by the user: its
// code, or words of its name or département, accents and case ignored.
func MatchCaf(c Caf, filter string) bool {
	f := Fold(filter)
	if f == "" {
		return true
	}
	if NormalizeCafCode(filter) == c.Code || strings.HasPrefix(c.Code, strings.ToUpper(strings.TrimSpace(filter))) {
		return true
	}
	hay := Fold(c.Name + " " + c.Departement + " " + c.Code + " " + string(c.Kind))
	for _, w := range strings.Fields(f) {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// SortCafs orders Caf by département as people list them: 01 … 19, 2A, 2B,
// 21 … 95, then the overseas 971 … 976.
func SortCafs(cafs []Caf) {
	key := func(code string) string {
		switch code {
		case "2A":
			return "020A"
		case "2B":
			return "020B"
		}
		return fmt.Sprintf("%03s ", code)
	}
	sort.SliceStable(cafs, func(i, j int) bool { return key(cafs[i].Code) < key(cafs[j].Code) })
}
