package exchange

import (
	"strings"

	"github.com/cnaf-tools/cpog"
)

// The tool's own tables come back from Excel: the CSV and the workbook's
// « Données » sheet (one row per line and year), and the workbook's
// « CPOG » sheet (one row per line, the years side by side). Their
// columns are found by their headers, in any order, case, accents and
// spacing ignored, never by their place: a user may delete, move or hide
// a column. A column is either a key (code, sub-indicator, year), a
// figure or a text the Caf or the Cnaf types, or computed by cpog and
// ignored.

// role is what a column is to an import.
type role int

const (
	roleIgnored role = iota // computed or descriptive: cpog recomputes it
	roleUnnamed             // no header: must stay empty
	roleCode
	roleSub
	roleYear
	// the figures a file may change
	roleLocal // the Caf's figure: a new proposal when it differs
	roleCnaf  // the Cnaf's position
	roleActual
	// the texts a file may change
	roleComment
	roleExplanation
	roleAction
)

// figureRoles and textRoles are the columns an import reads values from.
var (
	figureRoles = []role{roleLocal, roleCnaf, roleActual}
	textRoles   = []role{roleComment, roleExplanation, roleAction}
)

// importable reports whether a column carries a value an import applies.
func (r role) importable() bool { return r >= roleLocal }

// label names the value of a column in messages.
func (r role) label() string {
	switch r {
	case roleLocal:
		return "cible locale (proposition de la Caf)"
	case roleCnaf:
		return "position Cnaf"
	case roleActual:
		return "réalisé"
	case roleComment:
		return "commentaire"
	case roleExplanation:
		return "explication de l’écart"
	case roleAction:
		return "action corrective"
	}
	return ""
}

// tableColumns are the headers of the long table (tableHeader), and the
// other names a user may give the columns an import reads.
var tableColumns = map[string]role{
	"fiche":                  roleIgnored,
	"code":                   roleCode,
	"sous indicateur":        roleSub,
	"sous ind.":              roleSub,
	"libelle":                roleIgnored,
	"unite":                  roleIgnored,
	"annee":                  roleYear,
	"cible nationale":        roleIgnored,
	"reference caf":          roleIgnored,
	"reference":              roleIgnored,
	"cible locale":           roleLocal,
	"proposition caf":        roleLocal,
	"proposition":            roleLocal,
	"position cnaf":          roleCnaf,
	"contre proposition":     roleCnaf,
	"ecart":                  roleIgnored,
	"appreciation":           roleIgnored,
	"statut":                 roleIgnored,
	"commentaire":            roleComment,
	"realise":                roleActual,
	"taux d atteinte":        roleIgnored,
	"classe":                 roleIgnored,
	"explication":            roleExplanation,
	"explication de l ecart": roleExplanation,
	"action corrective":      roleAction,
	"action":                 roleAction,
}

// isActualsColumn reports whether a header, as headerKey gives it, is one
// an actuals file reads or skips (columnNames): a file whose header has
// only these is an actuals file.
func isActualsColumn(k string) bool {
	for name := range columnNames {
		if headerKey(name) == k {
			return true
		}
	}
	return false
}

// headerKey is a header as it is compared: accents, case, apostrophes,
// hyphens, underscores and repeated spaces ignored ("Taux d’atteinte",
// "taux d'atteinte" and "TAUX  D ATTEINTE" are one column).
func headerKey(s string) string {
	s = cpog.Fold(strings.Trim(strings.TrimSpace(s), "\"'"))
	s = strings.NewReplacer("'", " ", "-", " ", "_", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// isTableHeader reports whether a header row is the tool's own long
// table rather than an actuals file: it names a column an actuals file
// does not have (« Fiche », « Cible locale », « Statut »…).
func isTableHeader(cells []string) bool {
	for _, c := range cells {
		k := headerKey(c)
		if _, own := tableColumns[k]; own && !isActualsColumn(k) {
			return true
		}
	}
	return false
}

// tableHeaderNames lists the headers an import reads, for messages.
const tableHeaderNames = "Code, Sous-indicateur, Année ; importées : Cible locale, Position Cnaf, Réalisé, Commentaire, Explication, Action corrective ; les autres colonnes de l’export sont ignorées"
