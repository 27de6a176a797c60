package exchange

import (
	"encoding/json"
	"testing"
)

// TestGenericMatchesDecodedFile guards fileDigest's shortcut: the shape it
// builds must be exactly what decoding the written file gives, or exported
// files would carry a digest that imports reject.
func TestGenericMatchesDecodedFile(t *testing.T) {
	p := func(v float64) *float64 { return &v }
	f := &exchangeFile{
		Format: FormatName, Version: FormatVersion, ExportedAt: "2026-11-22T09:30:00Z", Actor: "cnaf", AgreedOnly: true,
		Referential: fileReferential{ID: "cog-2023-2027", Revision: 1},
		Caf:         fileCaf{Code: "2A", Name: "Caf de Corse-du-Sud «é»\n"},
		Weight:      p(0.35), BaselineYear: 2022,
		Modes:     map[string]string{"COG-01-01": "path", "COG-13-55": "same"},
		Baselines: []fileBaseline{{Code: "COG-01-01", Value: p(120)}},
		Targets: []fileTarget{
			{Code: "COG-08-23", Sub: "b", Year: 2024, Proposal: p(81.5), Status: "draft", Mode: "same", Comment: "=1+1\t\"x\""},
			{Code: "COG-10-41", Year: 2027, Proposal: p(9_875_000.5), Cnaf: p(1e22), Agreed: p(1e-7), Status: "agreed", Mode: "share"},
		},
		Actuals: []fileActual{{Code: "COG-08-29", Year: 2024, Value: p(-0.15)}},
		Digest:  "sha256:x",
	}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := decodeGeneric(b)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Canonical(decoded)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Canonical(f.generic())
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("generic shape\n got %s\nwant %s", got, want)
	}
}
