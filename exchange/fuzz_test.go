package exchange_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
	"github.com/cnaf-tools/cpog/seed"
)

func fuzzRef(f *testing.F) *cpog.Referential {
	ref, err := seed.Referential()
	if err != nil {
		f.Fatal(err)
	}
	return ref
}

// addCorpus seeds a fuzz test with the files of the import corpus.
func addCorpus(f *testing.F, ext ...string) {
	for _, dir := range []string{badDir, goodDir} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			for _, x := range ext {
				if strings.HasSuffix(e.Name(), x) {
					if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
						f.Add(b)
					}
				}
			}
		}
	}
}

// checkImportError requires a refusal to be an *ImportError with at least
// one located, non-empty message.
func checkImportError(t *testing.T, err error) {
	var ie *exchange.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v (%T) is not an *ImportError", err, err)
	}
	if len(ie.Problems) == 0 {
		t.Fatal("ImportError without problems")
	}
	for _, p := range ie.Problems {
		if p.Message == "" || p.File == "" {
			t.Fatalf("problem without message or file: %+v", p)
		}
	}
}

// checkKey requires a key that the referential knows.
func checkKey(t *testing.T, ref *cpog.Referential, k cpog.TargetKey, withYear bool) cpog.Line {
	ind, err := ref.Lookup(k.Code)
	if err != nil || ind.Code != k.Code {
		t.Fatalf("accepted unknown code %q", k.Code)
	}
	l, err := ind.Line(k.Sub)
	if err != nil {
		t.Fatalf("accepted %v: %v", k, err)
	}
	if withYear && !ref.HasYear(k.Year) {
		t.Fatalf("accepted year %d", k.Year)
	}
	return l
}

func FuzzDecodeExchange(f *testing.F) {
	ref := fuzzRef(f)
	// one database for every input: each valid file is merged into the
	// contract the previous ones left
	db := openDB(f)
	ctx := context.Background()
	addCorpus(f, ".json")
	f.Add([]byte(`{"format":"cpog-exchange","version":1}`))
	f.Add([]byte(`{"targets":[{"code":1}],"targets":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ex, err := exchange.DecodeExchange("f.json", data, ref)
		if err != nil {
			checkImportError(t, err)
			return
		}
		c := ex.Contract
		if cpog.ValidateWeight(c.Weight) != nil {
			t.Fatalf("accepted weight %v", c.Weight)
		}
		for k, tg := range c.Targets {
			l := checkKey(t, ref, k, true)
			for _, o := range []cpog.Opt{tg.Proposed, tg.Counter, tg.Agreed} {
				if o.OK && cpog.CheckFigure(l, k.Year, o.V) != nil {
					t.Fatalf("accepted %v for %v", o.V, k)
				}
			}
			if !tg.Status.Valid() || tg.Status == cpog.StatusAgreed && !tg.Agreed.OK {
				t.Fatalf("accepted target %+v", tg)
			}
		}
		for k, v := range c.Actuals {
			l := checkKey(t, ref, k, true)
			if cpog.CheckFigure(l, k.Year, v) != nil {
				t.Fatalf("accepted actual %v for %v", v, k)
			}
		}
		for k := range c.Baselines {
			checkKey(t, ref, cpog.TargetKey{LineKey: k}, false)
		}
		// A valid import merges into any contract without trouble: the
		// store takes its edits, and the contract it reads back says what
		// the file says.
		create := cpog.NewContract(cpog.Caf{Code: "91"}, ref.ID, 1, ref.FirstYear()-1)
		cur, err := db.Contract(ctx, "91")
		if err != nil {
			cur = create
		}
		edits := cpog.Merge(ref, cur, c)
		if _, err := db.ApplyImport(ctx, "91", create, cpog.Change{Actor: ex.Actor, Kind: "import", Summary: "fuzz", Edits: edits}); err != nil {
			t.Fatalf("the store refused the edits of a valid file: %v\n%+v", err, edits)
		}
		after, err := db.Contract(ctx, "91")
		if err != nil {
			t.Fatal(err)
		}
		if again := cpog.Merge(ref, after, c); len(again) != 0 {
			t.Fatalf("merge did not converge: after the import, still %+v", again)
		}
	})
}

// FuzzDecodeActualsXLSX feeds damaged workbooks to the actuals reader:
// refused with an ImportError, never a panic.
func FuzzDecodeActualsXLSX(f *testing.F) {
	ref := fuzzRef(f)
	addCorpus(f, ".xlsx")
	f.Fuzz(func(t *testing.T, data []byte) {
		values, err := exchange.DecodeActuals("f.xlsx", data, ref)
		if err != nil {
			checkImportError(t, err)
			return
		}
		for k, v := range values {
			l := checkKey(t, ref, k, true)
			if cpog.CheckFigure(l, k.Year, v) != nil {
				t.Fatalf("accepted %v for %v", v, k)
			}
		}
	})
}

func FuzzDecodeActuals(f *testing.F) {
	ref := fuzzRef(f)
	addCorpus(f, ".csv")
	f.Add([]byte("code;année;valeur\nCOG-08-29;2024;15,5\n"))
	f.Add([]byte("code,year,value,sub\nCOG-08-23,2024,\"81,5\",b\n"))
	f.Add([]byte("\ufeffvaleur;code;annee\n4 500;01-01;2025\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		values, err := exchange.DecodeActuals("f.csv", data, ref)
		if err != nil {
			checkImportError(t, err)
			return
		}
		if len(values) == 0 {
			t.Fatal("accepted a file without values")
		}
		for k, v := range values {
			l := checkKey(t, ref, k, true)
			if cpog.CheckFigure(l, k.Year, v) != nil {
				t.Fatalf("accepted %v for %v", v, k)
			}
		}
	})
}
