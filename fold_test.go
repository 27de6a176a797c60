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

// TestFoldLatinIsFoldAny checks the rune-by-rune fold against the full
// Unicode one on every rune it takes, alone, between letters and in
// capitals, and on whole labels: the search and the imports rely on both
// folding a text the same way.
func TestFoldLatinIsFoldAny(t *testing.T) {
	taken := 0
	for r := rune(0); r < 0x3000; r++ {
		for _, s := range []string{string(r), "a" + string(r) + "b", "É" + string(r) + "Z", " " + string(r) + " "} {
			got, ok := foldLatin(s)
			if !ok {
				if r < latinEnd || foldsToItself(r) {
					t.Fatalf("foldLatin refuses %q (U+%04X), a rune it must take", s, r)
				}
				continue
			}
			taken++
			if want := foldAny(s); strings.TrimSpace(got) != want {
				t.Errorf("U+%04X: foldLatin(%q) = %q, foldAny = %q", r, s, got, want)
			}
		}
	}
	if taken < 4*(latinEnd-1) {
		t.Errorf("foldLatin took %d texts, want at least %d", taken, 4*(latinEnd-1))
	}
	for _, s := range []string{
		"Délai moyen de démarche des prestations légales – « 100 % » des Caf…",
		"Taux d’appels téléphoniques aboutis, œuvre commune, ex æquo, Ǽ, ǖ",
		"Déclinaison formalisée du socle de service par chaque Caf\u202f: 2027",
	} {
		if got, want := Fold(s), foldAny(s); got != want {
			t.Errorf("Fold(%q) = %q, foldAny = %q", s, got, want)
		}
	}
	// what the fast path leaves to the full one
	for _, s := range []string{"E\u0301tablissement", "Ελλάδα", "\xff invalide"} {
		if _, ok := foldLatin(s); ok {
			t.Errorf("foldLatin takes %q, which only foldAny folds right", s)
		}
		if got, want := Fold(s), foldAny(s); got != want {
			t.Errorf("Fold(%q) = %q, foldAny = %q", s, got, want)
		}
	}
}

func BenchmarkFoldLabel(b *testing.B) {
	label := "Taux d’appels téléphoniques aboutis au délai de réponse défini"
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Fold(label)
	}
}
