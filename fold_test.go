package cpog

import (
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Délai", "delai"},
		{"delai", "delai"},
		{"DÉLAI MOYEN", "delai moyen"},
		{"  Été  ", "ete"},
		{"Ardèche", "ardeche"},
		{"l’Ardèche", "l'ardeche"},
		{"l'Ardèche", "l'ardeche"},
		{"‘Réitération’", "'reiteration'"},
		{"Lozère", "lozere"},
		{"Ça", "ca"},
		{"naïve", "naive"},
		{"Œuvre", "oeuvre"},
		{"cœur", "coeur"},
		{"ex æquo", "ex aequo"},
		{"Haute-Corse", "haute-corse"},
		{"COG-08-29", "cog-08-29"},
		{"E\u0301tablissement", "etablissement"}, // decomposed accent
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Fold(Fold(tt.in)); got != Fold(tt.in) {
			t.Errorf("Fold is not idempotent on %q: %q", tt.in, got)
		}
	}
	// The use it is made for: a plain query finds an accented label.
	label := Fold("Délai moyen de démarche des prestations légales")
	for _, q := range []string{"delai", "Délai", "DEMARCHE", "légales"} {
		if !strings.Contains(label, Fold(q)) {
			t.Errorf("%q does not find %q", q, label)
		}
	}
}

// Modes are read from their French names however typed, and from the code
// names files carry.
func TestParseMode(t *testing.T) {
	for text, want := range map[string]Mode{
		"quote-part": ModeShare, "Quote Part": ModeShare, "quote_part": ModeShare, "QUOTEPART": ModeShare, "share": ModeShare,
		"trajectoire": ModePath, "path": ModePath,
		"cible nationale": ModeSame, "Cible-Nationale": ModeSame, "same": ModeSame,
		"libre": ModeFree, "free": ModeFree,
		"pour information": ModeNational, "Pour-Information": ModeNational, "information": ModeNational, "national": ModeNational,
	} {
		if got, err := ParseMode(text); err != nil || got != want {
			t.Errorf("ParseMode(%q) = %q, %v; want %q", text, got, err, want)
		}
	}
	for _, bad := range []string{"", "quote", "trajet", "share path"} {
		if m, err := ParseMode(bad); err == nil {
			t.Errorf("ParseMode(%q) = %q, accepted", bad, m)
		}
	}
}
