package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// canonicalValue is the canonical form of any one JSON value by the byte
// parser, which canonicalFile applies to a file's top-level object.
func canonicalValue(body []byte) ([]byte, error) {
	p := &canonParser{in: body}
	out, err := p.value(nil)
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.pos != len(p.in) {
		return nil, errSyntax
	}
	return out, nil
}

// checkCanonicalValue compares the byte parser with the reference
// implementation on one JSON value: same canonical form, or both refuse
// it (numbers beyond float64's range are refused by both).
func checkCanonicalValue(t *testing.T, body []byte) {
	t.Helper()
	got, err := canonicalValue(body)
	if !json.Valid(body) {
		if err == nil {
			t.Fatalf("canonicalValue accepted invalid JSON %q", body)
		}
		return
	}
	want, wantErr := jcsCanonical(body, false)
	switch {
	case wantErr != nil || outOfRange(body):
		if err == nil {
			t.Fatalf("canonicalValue(%q) = %s; the reference refuses it (%v) or it holds a number beyond float64", body, got, wantErr)
		}
	case err != nil:
		t.Fatalf("canonicalValue(%q): %v; want %s", body, err, want)
	case !bytes.Equal(got, want):
		t.Fatalf("canonicalValue(%q)\n got %s\nwant %s", body, got, want)
	}
}

// TestCanonicalRFC8785 checks the canonical form against the example of
// RFC 8785, section 3.2.2, and the reference implementation.
func TestCanonicalRFC8785(t *testing.T) {
	in := `{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],
	"string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/","literals":[null,true,false]}`
	want := `{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`
	got, err := canonicalValue([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("canonical form\n got %s\nwant %s", got, want)
	}
	checkCanonicalValue(t, []byte(in))
}

// numberEdges are numbers whose canonical form RFC 8785 (ECMAScript's
// Number.prototype.toString) spells out with care, written in several
// ways each.
var numberEdges = []string{
	"0", "-0", "-0.0", "0e10", "0.0e-5", "1", "-1", "1.0", "10.50", "100", "1E2", "1e+2",
	"1e21", "1E21", "1e+21", "1000000000000000000000", "999999999999999999999", "9.999999999999999e20",
	"1e-7", "0.0000001", "1e-6", "0.000001", "0.000001234", "1.234e-7",
	"5e-324", "4.9e-324", "2.2250738585072014e-308", "1.7976931348623157e308", "1.5e300",
	"0.1", "0.2", "0.30000000000000004", "0.3", "4.35", "0.07", "333333333.33333329", "1e30", "2e-3",
	"9007199254740991", "9007199254740992", "9007199254740993", "-9007199254740993", "18014398509481985",
	"123456789012345", "1234567890123456", "12345678901234567", "123456789012345678901234567890",
	"1e400", "-1e400", "1e-400",
}

// randomNumber is a number in one of its textual forms: an edge, a float64
// of random bits, an integer near 2^53, or a random decimal.
func randomNumber(rng *rand.Rand) string {
	switch rng.IntN(5) {
	case 0:
		return numberEdges[rng.IntN(len(numberEdges))]
	case 1:
		f := math.Float64frombits(rng.Uint64())
		if math.IsNaN(f) || math.IsInf(f, 0) {
			f = 1.5
		}
		return strconv.FormatFloat(f, "eEg"[rng.IntN(3)], -1, 64)
	case 2:
		n := int64(1)<<53 + rng.Int64N(64) - 32
		if rng.IntN(2) == 0 {
			n = -n
		}
		return strconv.FormatInt(n, 10)
	case 3:
		return fmt.Sprintf("%d.%0*d", rng.IntN(100000), 1+rng.IntN(12), rng.IntN(1000000))
	}
	return strconv.FormatFloat(rng.NormFloat64()*math.Pow(10, float64(rng.IntN(40)-20)), 'g', 1+rng.IntN(17), 64)
}

// runePool mixes ASCII, control characters, the characters JSON escapes,
// and characters whose UTF-16 order differs from their code point order
// (U+FF66 and U+FFFF sort after 😀 and 𝄞 in UTF-8, before them in UTF-16).
var runePool = []rune{'a', 'B', 'z', '1', '0', ' ', '/', '"', '\\', '\b', '\f', '\n', '\r', '\t', 0x00, 0x1f, 0x7f,
	'é', 'É', 'ß', '€', '«', 0x2028, 0x2029, 0xff66, 0xfeff, 0xffff, '😀', '𝄞', 0x10ffff}

// randomString writes a JSON string of pool runes, each raw or escaped.
func randomString(rng *rand.Rand, b []byte, maxLen int) []byte {
	b = append(b, '"')
	for n := rng.IntN(maxLen + 1); n > 0; n-- {
		r := runePool[rng.IntN(len(runePool))]
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r < 0x20 || rng.IntN(4) == 0:
			// \uXXXX, as a surrogate pair beyond the BMP
			for _, u := range utf16.Encode([]rune{r}) {
				b = fmt.Appendf(b, `\u%04x`, u)
			}
		case r == '/' && rng.IntN(2) == 0:
			b = append(b, `\/`...)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}

func randomSpace(rng *rand.Rand, b []byte) []byte {
	if rng.IntN(3) == 0 {
		b = append(b, " \t\r\n  "[:rng.IntN(6)]...)
	}
	return b
}

// randomValue writes a random JSON value, depth levels deep at most.
func randomValue(rng *rand.Rand, b []byte, depth int) []byte {
	b = randomSpace(rng, b)
	kinds := 6
	if depth == 0 {
		kinds = 4
	}
	switch rng.IntN(kinds) {
	case 0:
		b = append(b, randomNumber(rng)...)
	case 1:
		b = randomString(rng, b, 8)
	case 2:
		b = append(b, []string{"true", "false", "null"}[rng.IntN(3)]...)
	case 3:
		b = append(b, randomNumber(rng)...)
	case 4:
		b = append(b, '[')
		for i, n := 0, rng.IntN(5); i < n; i++ {
			if i > 0 {
				b = append(b, ',')
			}
			b = randomValue(rng, b, depth-1)
		}
		b = append(randomSpace(rng, b), ']')
	default:
		b = randomObject(rng, b, depth-1)
	}
	return randomSpace(rng, b)
}

// randomObject writes an object whose names are short pool strings, so
// that they often tie on a prefix, compare across UTF-16 and code point
// order, and now and then repeat.
func randomObject(rng *rand.Rand, b []byte, depth int) []byte {
	b = append(b, '{')
	for i, n := 0, rng.IntN(7); i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = randomString(rng, randomSpace(rng, b), 3)
		b = append(randomSpace(rng, b), ':')
		b = randomValue(rng, b, depth)
	}
	return append(randomSpace(rng, b), '}')
}

// TestCanonicalAgainstJCS compares the byte parser with the reference
// implementation on seeded random documents: whole files (top-level
// objects, digest blanked) and single values.
func TestCanonicalAgainstJCS(t *testing.T) {
	rng := rand.New(rand.NewPCG(8785, 2026))
	for range 3000 {
		checkCanonicalFile(t, randomObject(rng, nil, 4))
		checkCanonicalValue(t, randomValue(rng, nil, 3))
	}
	for _, n := range numberEdges {
		checkCanonicalValue(t, []byte(n))
		checkCanonicalValue(t, []byte("["+n+"]"))
	}
	// member names ordered by UTF-16 code units, not by code points
	got, err := canonicalValue([]byte(`{"\uffff":1,"😀":2,"ｦ":3,"𝄞":4,"€":5}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"€":5,"𝄞":4,"😀":2,"ｦ":3,"` + "\uffff" + `":1}`; string(got) != want {
		t.Errorf("UTF-16 order\n got %s\nwant %s", got, want)
	}
}

// FuzzCanonicalValue: on any input, the byte parser and the reference
// implementation agree.
func FuzzCanonicalValue(f *testing.F) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		f.Add(randomValue(rng, nil, 3))
	}
	for _, n := range numberEdges {
		f.Add([]byte(n))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkCanonicalValue(t, body)
	})
}

// TestExportDigestIsJCS: the digest an export writes is the reference
// implementation's, on the file as written with its digest blanked; and a
// file the reference signs is imported.
func TestExportDigestIsJCS(t *testing.T) {
	full, ref := fullFile(t)
	for name, file := range map[string][]byte{"sample": sampleFile(t), "full": full} {
		doc, err := decodeGeneric(file)
		if err != nil {
			t.Fatal(err)
		}
		written, _ := doc["digest"].(string)
		canon, err := jcsCanonical(file, true)
		if err != nil {
			t.Fatal(err)
		}
		if want := Digest(canon); written != want {
			t.Errorf("%s: digest %q, the reference computes %q", name, written, want)
		}
	}
	doc, err := decodeGeneric(full)
	if err != nil {
		t.Fatal(err)
	}
	name := "Caf de l’Essonne « 😀 » \u2028 <&>"
	doc["caf"].(map[string]any)["name"] = name
	ex, err := DecodeExchange("f.json", resignDoc(t, doc), ref)
	if err != nil || ex.CafName != name {
		t.Errorf("a file signed by the reference: %v, %+v", err, ex)
	}
}
