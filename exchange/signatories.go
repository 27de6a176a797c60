package exchange

import (
	"strings"

	"github.com/cnaf-tools/cpog"
)

// The parties who sign a CPOG: for the caisse, its director and the
// president of its board; for the branch, the Cnaf's director general. In
// Lozère the branche Famille is carried by the CCSS and in Mayotte by the
// CSS: their contract is signed in their own name, never "de la Caf".

// longNames are the names the Caf list gives the two caisses that are not
// a Caf, which a signature shortens as their staff write them.
var longNames = map[cpog.CafKind]string{
	cpog.KindCCSS: "Caisse commune de sécurité sociale",
	cpog.KindCSS:  "Caisse de sécurité sociale",
}

// caisseName is the caisse as a signature names it: "Caf de l'Essonne",
// "CCSS de la Lozère", "CSS de Mayotte".
func caisseName(c cpog.Caf) string {
	if long, ok := longNames[c.Kind]; ok && strings.HasPrefix(c.Name, long) {
		return string(c.Kind) + strings.TrimPrefix(c.Name, long)
	}
	if c.Name == "" {
		return string(c.Kind)
	}
	return c.Name
}

// signatories lists who signs, the caisse's two first.
func signatories(c cpog.Caf) []string {
	name := "la " + caisseName(c)
	return []string{
		"Le directeur de " + name,
		"Le président du conseil d’administration de " + name,
		"Le directeur général de la Cnaf",
	}
}
