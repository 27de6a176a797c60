package seed_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/seed"
)

// TestEngagementsAgainstDocument checks the fiches' tables of engagements,
// actions and livrables against values a second reader typed from the
// COG's text (engagements_doc_values_test.go), never read from the data
// file: the counts of every fiche and side, a sample of labels word for
// word, and the livrables whose wording falls on each Caf.
func TestEngagementsAgainstDocument(t *testing.T) {
	r, err := seed.Referential()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Fiches {
		want, ok := docEngagementCounts[f.N]
		if !ok {
			t.Errorf("fiche %d: no count typed from the document", f.N)
			continue
		}
		for _, side := range []struct {
			side cpog.Side
			want docCount
		}{{cpog.SideCaisse, want.Caisse}, {cpog.SideEtat, want.Etat}} {
			var got docCount
			for _, e := range r.EngagementsOf(f.N, side.side) {
				got.Engagements++
				for _, a := range e.Actions {
					got.Actions++
					got.Livrables += len(a.Livrables)
				}
			}
			if got != side.want {
				t.Errorf("fiche %d (%s): %+v, the document has %+v", f.N, side.side, got, side.want)
			}
		}
	}
	if len(docEngagementCounts) != len(r.Fiches) {
		t.Errorf("%d fiches counted from the document, %d in the referential", len(docEngagementCounts), len(r.Fiches))
	}

	labels := map[[3]string]string{}
	key := func(fiche int, side cpog.Side, n string) [3]string {
		return [3]string{strconv.Itoa(fiche), string(side), n}
	}
	var eachCaf [][2]any
	for _, e := range r.Engagements {
		labels[key(e.Fiche, e.Side, e.N)] = e.Label
		if e.Printed != "" {
			labels[key(e.Fiche, e.Side, e.Printed)] = e.Label
		}
		for _, a := range e.Actions {
			labels[key(e.Fiche, e.Side, a.N)] = a.Label
			for _, l := range a.Livrables {
				labels[key(e.Fiche, e.Side, l.N)] = l.Label
				if l.EachCaf {
					eachCaf = append(eachCaf, [2]any{e.Fiche, l.N})
				}
			}
		}
	}
	for _, want := range docEngagementLabels {
		got, ok := labels[key(want.Fiche, cpog.Side(want.Side), want.N)]
		switch {
		case !ok:
			t.Errorf("fiche %d (%s) %s: missing", want.Fiche, want.Side, want.N)
		case got != want.Label:
			t.Errorf("fiche %d (%s) %s:\n got %q\nwant %q", want.Fiche, want.Side, want.N, got, want.Label)
		}
	}
	if len(docEngagementLabels) < 60 {
		t.Errorf("only %d labels typed from the document", len(docEngagementLabels))
	}
	var wantEach [][2]any
	for _, e := range docEachCafLivrables {
		wantEach = append(wantEach, [2]any{e.Fiche, e.N})
	}
	if !slices.Equal(eachCaf, wantEach) {
		t.Errorf("livrables on each Caf: %v, the document's wording gives %v", eachCaf, wantEach)
	}
}

// TestEngagementsPrintedNumbers: where cpog numbers a row otherwise than
// the COG prints it, the printed number is kept beside it.
func TestEngagementsPrintedNumbers(t *testing.T) {
	r, _ := seed.Referential()
	var got []string
	for _, e := range r.Engagements {
		if e.Printed != "" {
			got = append(got, e.Side.Label()+" "+e.N+"←"+e.Printed)
		}
		for _, a := range e.Actions {
			for _, l := range a.Livrables {
				if l.Printed != "" {
					got = append(got, e.Side.Label()+" "+l.N+"←"+l.Printed)
				}
			}
		}
	}
	// fiche 8's second livrable of action 1.1 is printed 1.2.1, like the
	// first of action 1.2; fiches 10 and 12's first État engagement is
	// printed 11, followed by 2 (or alone)
	want := []string{"caisse 1.1.2←1.2.1", "État 1←11", "État 1←11"}
	if !slices.Equal(got, want) {
		t.Errorf("renumbered rows %v, want %v", got, want)
	}
}
