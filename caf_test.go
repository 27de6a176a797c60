package cpog

import (
	"slices"
	"testing"
)

var testCafs = []Caf{
	{Code: "01", Departement: "Ain", Kind: KindCaf, Name: "Caf de l'Ain"},
	{Code: "07", Departement: "Ardèche", Kind: KindCaf, Name: "Caf de l’Ardèche"},
	{Code: "2A", Departement: "Corse-du-Sud", Kind: KindCaf, Name: "Caf de la Corse-du-Sud"},
	{Code: "2B", Departement: "Haute-Corse", Kind: KindCaf, Name: "Caf de la Haute-Corse"},
	{Code: "48", Departement: "Lozère", Kind: KindCCSS, Name: "Caisse commune de sécurité sociale de la Lozère"},
	{Code: "91", Departement: "Essonne", Kind: KindCaf, Name: "Caf de l'Essonne"},
	{Code: "971", Departement: "Guadeloupe", Kind: KindCaf, Name: "Caf de la Guadeloupe"},
}

func TestMatchCaf(t *testing.T) {
	all := []string{"01", "07", "2A", "2B", "48", "91", "971"}
	tests := []struct {
		filter string
		want   []string
	}{
		{"", all},
		{"   ", all},
		{"essonne", []string{"91"}},
		{"ESSONNE", []string{"91"}},
		{"Essonne", []string{"91"}},
		{"caf essonne", []string{"91"}},
		{"l'essonne", []string{"91"}},
		{"91", []string{"91"}},
		{" 91 ", []string{"91"}},
		{"ardeche", []string{"07"}},
		{"Ardèche", []string{"07"}},
		{"ARDECHE", []string{"07"}},
		{"l'ardeche", []string{"07"}}, // typed apostrophe, typographic in the name
		{"l’ardèche", []string{"07"}},
		// A filter is matched inside the code too, as the director types
		// it digit by digit: "7" also shows 971, "1" also 91 and 971.
		{"7", []string{"07", "971"}},
		{"07", []string{"07"}},
		{"2a", []string{"2A"}},
		{"2A", []string{"2A"}},
		{"2b", []string{"2B"}},
		{"corse", []string{"2A", "2B"}},
		{"haute corse", []string{"2B"}},
		{"corse du sud", []string{"2A"}},
		{"lozere", []string{"48"}},
		{"caisse commune", []string{"48"}},
		{"1", []string{"01", "91", "971"}},
		{"97", []string{"971"}},
		{"971", []string{"971"}},
		{"guadeloupe", []string{"971"}},
		{"xyz", nil},
		{"essonne ardeche", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range testCafs {
			if MatchCaf(c, tt.filter) {
				got = append(got, c.Code)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("MatchCaf(%q) matches %v, want %v", tt.filter, got, tt.want)
		}
	}
}

func TestNormalizeCafCode(t *testing.T) {
	tests := map[string]string{
		"1": "01", "01": "01", " 91 ": "91", "91": "91", "2a": "2A", "2B": "2B", "971": "971", "976": "976", "": "",
	}
	for in, want := range tests {
		if got := NormalizeCafCode(in); got != want {
			t.Errorf("NormalizeCafCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCafLabel(t *testing.T) {
	if got := testCafs[5].Label(); got != "Caf de l'Essonne (91)" {
		t.Errorf("Label = %q", got)
	}
}
