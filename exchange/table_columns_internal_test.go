package exchange

import "testing"

// TestActualsHeaderIsNotTheTable: an actuals file's header, in French or
// in English, with the template's label and unit, is read as an actuals
// file; a column only the long table has makes it the table.
func TestActualsHeaderIsNotTheTable(t *testing.T) {
	for _, h := range [][]string{
		{"Code", "Sous-indicateur", "Année", "Réalisé"},
		{"code", "year", "value", "sub"},
		{"Code de l’indicateur", "Libellé", "Unité", "Année", "Valeur"},
		{"code", "label", "unit", "year", "actual", "sub-indicator"},
	} {
		if isTableHeader(h) {
			t.Errorf("%q read as the long table", h)
		}
	}
	for _, h := range [][]string{
		{"Code", "Année", "Cible locale"},
		{"Fiche", "Code", "Année", "Réalisé"},
	} {
		if !isTableHeader(h) {
			t.Errorf("%q not read as the long table", h)
		}
	}
}
