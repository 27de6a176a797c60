package exchange

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gowebpki/jcs"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/seed"
)

// decodeGeneric decodes a JSON object keeping numbers as written.
func decodeGeneric(b []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	return doc, nil
}

// jcsCanonical is the canonical form of one JSON value by the reference
// implementation of RFC 8785 (github.com/gowebpki/jcs): the value is first
// decoded by encoding/json, whose handling of a repeated member name (the
// last wins), invalid UTF-8 and lone surrogates (U+FFFD) the exchange
// format follows, then marshalled again for jcs.Transform. With
// blankDigest, the top-level object's digest member is set to "".
func jcsCanonical(body []byte, blankDigest bool) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if blankDigest {
		v.(map[string]any)["digest"] = ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return jcs.Transform(b)
}

// referenceCanonical is the canonical form with the digest blanked, by the
// reference implementation; ok is false when the input is not a JSON
// object.
func referenceCanonical(body []byte) (canon []byte, ok bool, err error) {
	if !json.Valid(body) || bytes.TrimLeft(body, " \t\r\n")[0] != '{' {
		return nil, false, nil
	}
	canon, err = jcsCanonical(body, true)
	return canon, true, err
}

// resignDoc gives a document edited in a test a fresh, valid digest, by
// the reference implementation.
func resignDoc(t testing.TB, doc map[string]any) []byte {
	t.Helper()
	doc["digest"] = ""
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	canon, err := jcs.Transform(b)
	if err != nil {
		t.Fatal(err)
	}
	doc["digest"] = Digest(canon)
	if b, err = json.MarshalIndent(doc, "", "  "); err != nil {
		t.Fatal(err)
	}
	return b
}

// outOfRange reports whether valid JSON holds a number beyond float64's
// range, which RFC 8785 cannot print: the byte parser refuses it wherever
// it is, where decoding into a map drops it unseen when a repeated member
// name overrides it.
func outOfRange(body []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if n, ok := tok.(json.Number); ok {
			if _, err := n.Float64(); err != nil {
				return true
			}
		}
	}
}

func checkCanonicalFile(t *testing.T, body []byte) {
	t.Helper()
	want, isObject, wantErr := referenceCanonical(body)
	got, _, err := canonicalFile(body)
	switch {
	case !isObject:
		if err == nil {
			t.Fatalf("canonicalFile accepted %q, which is not one JSON object", body)
		}
	case wantErr != nil || outOfRange(body):
		if err == nil {
			t.Fatalf("canonicalFile(%q) = %s; the reference refuses it (%v) or it holds a number beyond float64", body, got, wantErr)
		}
	case err != nil:
		t.Fatalf("canonicalFile(%q): %v; want %s", body, err, want)
	case !bytes.Equal(got, want):
		t.Fatalf("canonicalFile(%q)\n got %s\nwant %s", body, got, want)
	}
}

var canonicalCases = []string{
	`{}`,
	` {"digest":"sha256:abc"} `,
	`{"b":1,"a":[true,false,null],"digest":"x","c":{"z":{},"y":[]}}`,
	`{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001,-0,-0.0,1e21,1e-7,123456789012345678901234567890]}`,
	`{"string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/"}`,
	`{"lone":"\ud800x","pair":"\ud83d\ude00","bad":"` + "\xff\xfe" + `","é":1,"e":2,"\u00e9":3}`,
	`{"a":1,"a":2,"b":{"x":1,"x":[3]}}`,
	`{"€":1,"😀":2,"ｦ":3,"\r":4,"1":5,"10":6,"A":7,"a":8}`,
	`{"big":1e400}`,
	`{"a":1} x`,
	`{"a":1}{"b":2}`,
	`[1,2]`,
	`"digest"`,
	`{"a":01}`,
	`{"a":+1}`,
	`{"a":.5}`,
	`{"a":1.}`,
	`{"a":"x` + "\t" + `"}`,
	`{"a" 1}`,
	`{"a":1,}`,
	`{"a":[1,]}`,
	`{"a":tru}`,
	`{`,
	``,
}

// TestCanonicalFileMatchesJCS: the cases above, every JSON file of the
// import corpus and a file cpog writes have the reference's canonical form.
func TestCanonicalFileMatchesJCS(t *testing.T) {
	for _, c := range canonicalCases {
		checkCanonicalFile(t, []byte(c))
	}
	files := 0
	for _, dir := range []string{"bad", "good"} {
		entries, err := os.ReadDir(filepath.Join("testdata", "import", dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".json") {
				b, err := os.ReadFile(filepath.Join("testdata", "import", dir, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				checkCanonicalFile(t, b)
				files++
			}
		}
	}
	if files == 0 {
		t.Fatal("no JSON file in testdata/import")
	}
	checkCanonicalFile(t, sampleFile(t))
	full, _ := fullFile(t)
	checkCanonicalFile(t, full)
}

// TestCanonicalFileNesting: brackets nested beyond encoding/json's limit
// are refused, not a stack overflow, and within it are read.
func TestCanonicalFileNesting(t *testing.T) {
	deep := func(n int) []byte {
		return []byte(`{"a":` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}`)
	}
	checkCanonicalFile(t, deep(maxNesting-1))
	checkCanonicalFile(t, deep(maxNesting))
	if _, _, err := canonicalFile(deep(1_000_000)); err == nil {
		t.Fatal("a million nested arrays accepted")
	}
	ref, err := seed.Referential()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeExchange("f.json", deep(1_000_000), ref); err == nil {
		t.Fatal("a million nested arrays imported")
	}
}

func TestCanonicalFileMembers(t *testing.T) {
	_, members, err := canonicalFile([]byte(`{"format":1,"Format":2,"targets":[{"code":"x"}],"format":3}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"format", "Format", "targets", "format"}; !reflect.DeepEqual(members, want) {
		t.Errorf("members %q, want %q (top level only, in file order, repeats kept)", members, want)
	}
}

func FuzzCanonicalFile(f *testing.F) {
	for _, c := range canonicalCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkCanonicalFile(t, body)
	})
}

// sampleFile is an exchange file as cpog writes it, with a sub-indicator,
// a Cnaf position, an agreed value, an actual and a baseline.
func sampleFile(t testing.TB) []byte {
	t.Helper()
	ref, err := seed.Referential()
	if err != nil {
		t.Fatal(err)
	}
	c := cpog.NewContract(cpog.Caf{Code: "2A", Name: "Caf de la Corse-du-Sud"}, ref.ID, 0.35, ref.FirstYear()-1)
	c.Modes["COG-01-01"] = cpog.ModePath
	c.Baselines[cpog.LineKey{Code: "COG-01-01"}] = 120
	c.Targets[cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-23", Sub: "b"}, Year: 2024}] = cpog.Target{
		Proposed: cpog.Some(81.5), Status: cpog.StatusDraft, Comment: "« canal » =1+1\t\"x\""}
	c.Targets[cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}] = cpog.Target{
		Proposed: cpog.Some(14), Counter: cpog.Some(13), Agreed: cpog.Some(13.5), Status: cpog.StatusAgreed}
	c.Actuals[cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2024}] = 15
	var buf bytes.Buffer
	d := Document{Ref: ref, Contract: c, ExportedAt: time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC), Actor: cpog.ActorCnaf}
	if err := WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestFastPathAgreesWithSlowPath: a file with nothing to report is read the
// same by both paths, and every file with something to report, or with a
// doubt, goes to the slow path, which locates each problem.
func TestFastPathAgreesWithSlowPath(t *testing.T) {
	ref, err := seed.Referential()
	if err != nil {
		t.Fatal(err)
	}
	good := sampleFile(t)
	fast := decodeFast(new(canonParser), good, ref, "f.json")
	if fast == nil {
		t.Fatal("the fast path refused a file cpog wrote")
	}
	slow, err := decodeSlow(new(canonParser), good, ref, &problems{file: "f.json"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Errorf("fast path\n%+v\nslow path\n%+v", fast, slow)
	}

	// The corpus of bad files: those DecodeExchange refuses (some are
	// refused only by Import, against the database) go to the slow path.
	entries, err := os.ReadDir(filepath.Join("testdata", "import", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		b, err := os.ReadFile(filepath.Join("testdata", "import", "bad", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		slow, err := decodeSlow(new(canonParser), b, ref, &problems{file: "f.json"})
		fast := decodeFast(new(canonParser), b, ref, "f.json")
		if err != nil && fast != nil || err == nil && !reflect.DeepEqual(fast, slow) {
			t.Errorf("%s: fast path %+v, slow path %+v, %v", e.Name(), fast, slow, err)
		}
	}

	var doubts [][]byte
	// Valid JSON with the right digest that the slow path refuses.
	for _, edit := range []func(map[string]any){
		func(f map[string]any) { f["Format"] = f["format"]; delete(f, "format") },
		func(f map[string]any) { f["note"] = "champ inconnu" },
		func(f map[string]any) { f["weight"] = 0 },
		func(f map[string]any) { f["version"] = 4 },
		func(f map[string]any) { f["version"] = 1 }, // with version 2 members
		func(f map[string]any) { f["targets"].([]any)[0].(map[string]any)["year"] = 2031 },
		func(f map[string]any) { f["targets"].([]any)[0].(map[string]any)["code"] = "COG-99-99" },
		func(f map[string]any) { f["targets"].([]any)[0].(map[string]any)["proposal"] = "81,5" },
	} {
		doc, err := decodeGeneric(good)
		if err != nil {
			t.Fatal(err)
		}
		edit(doc)
		doubts = append(doubts, resignDoc(t, doc))
	}
	// A member written twice, with the digest of the last value.
	doubts = append(doubts, bytes.Replace(good, []byte(`"actor": "cnaf",`), []byte(`"actor": "caf", "actor": "cnaf",`), 1))
	for i, b := range doubts {
		if ex := decodeFast(new(canonParser), b, ref, "f.json"); ex != nil {
			t.Errorf("case %d: the fast path accepted a file the slow path must report:\n%s", i, b)
		}
		if _, err := decodeExchange(new(canonParser), b, ref, &problems{file: "f.json"}); err == nil {
			t.Errorf("case %d: accepted:\n%s", i, b)
		}
	}
}

// fullFile is an exchange file with a proposal for every line and year
// that has a national target, and a baseline for every line: the size of
// the files a network import reads (about 80 KB).
func fullFile(b testing.TB) ([]byte, *cpog.Referential) {
	b.Helper()
	ref, err := seed.Referential()
	if err != nil {
		b.Fatal(err)
	}
	c := cpog.NewContract(cpog.Caf{Code: "91", Name: "Caf de l'Essonne"}, ref.ID, 2.1, ref.FirstYear()-1)
	for i := range ref.Indicators {
		for _, l := range ref.Indicators[i].Lines() {
			c.Baselines[l.Key()] = 10
			for y, nt := range l.Targets {
				if nt.Single() && nt.Value >= 0 {
					c.Targets[cpog.TargetKey{LineKey: l.Key(), Year: y}] = cpog.Target{Proposed: cpog.Some(min(nt.Value, 99) + 0.5), Status: cpog.StatusProposed}
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, Document{Ref: ref, Contract: c, ExportedAt: time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes(), ref
}

// BenchmarkDecodeExchange reads one full exchange file: the whole import
// of a file (fast path), and its parts. A network import reads a hundred.
func BenchmarkDecodeExchange(b *testing.B) {
	body, ref := fullFile(b)
	b.Run("fast", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		p := new(canonParser) // reused, as by a Decoder
		for b.Loop() {
			if decodeFast(p, body, ref, "f.json") == nil {
				b.Fatal("refused")
			}
		}
	})
	b.Run("canonical", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		p := new(canonParser)
		for b.Loop() {
			if _, _, err := p.file(body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("typed", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var f exchangeFile
			if err := json.Unmarshal(body, &f); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("slow", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := decodeSlow(new(canonParser), body, ref, &problems{file: "f.json"}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// FuzzFastPath: whatever the fast path accepts, the slow path accepts and
// reads the same.
func FuzzFastPath(f *testing.F) {
	ref, err := seed.Referential()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sampleFile(f))
	entries, _ := os.ReadDir(filepath.Join("testdata", "import", "bad"))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") {
			if b, err := os.ReadFile(filepath.Join("testdata", "import", "bad", e.Name())); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		fast := decodeFast(new(canonParser), body, ref, "f.json")
		if fast == nil {
			return
		}
		slow, err := decodeSlow(new(canonParser), body, ref, &problems{file: "f.json"})
		if err != nil {
			t.Fatalf("the fast path accepted what the slow path refuses: %v", err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("fast path\n%+v\nslow path\n%+v", fast, slow)
		}
	})
}
